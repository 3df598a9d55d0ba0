package scenarios

import (
	"math"
	"path/filepath"
	"slices"

	"gospike/ann/datasets"
)

// Comparison is the [comparison] table: train a multilayer perceptron on
// a data set, convert it to spiking neurons, simulate it on every test
// sample for Simulation.Duration at Simulation.Dt, seeded by
// Simulation.Seed, and compare the two (package compare; cmd/simulate
// passes it on). It is plain data; a zero field means the default, as
// docs/scenario-format.md lists them.
type Comparison struct {
	// Dataset is "xor", "and", "or", "iris", "moons", "circles", or the
	// path of a CSV file (features, then a class label), resolved against
	// the scenario file's folder.
	Dataset      string
	TestFraction float64   // 0: 0.3 (the logic sets have none: they are their own test set)
	Samples      int       // moons, circles; 0: 200
	Noise        float64   // moons, circles
	Factor       float64   // circles; 0: 0.5
	Scaling      string    // "minmax" or "standard"; "": minmax
	ReportTimes  []float64 // ms, increasing, in (0, duration]; nil: 10, 20, 50, 100, 200, 500 ms below the duration
	RasterSample int       // the test sample shown in the raster and spikes.csv

	// [comparison.mlp]
	Hidden       []int   // ReLU hidden layer sizes; nil: [16]
	Output       string  // "softmax" or "linear"; "": softmax
	Loss         string  // "cross-entropy" or "mse"; "": cross-entropy for softmax, mse for linear
	Epochs       int     // 0: 200
	BatchSize    int     // 0: 16
	LearningRate float64 // 0: 0.05
	Momentum     float64 // 0 with HasMomentum false: 0.9
	HasMomentum  bool    // the file sets momentum (0 is plain SGD)

	// [comparison.conversion]
	Input      string  // "current" or "poisson"; "": current
	MaxRate    float64 // Hz; 0: 1000
	Percentile float64 // (0, 100]; 0: 99.9
	Synapse    string  // "exp-current" or "delta"; "": exp-current
	TauSyn     float64 // ms, exp-current; 0: 1
	TauM       float64 // ms; 0: no leak (integrate-and-fire)
	TRef       float64 // ms
}

// The names [comparison] knows.
var (
	ComparisonDatasets = []string{"xor", "and", "or", "iris", "moons", "circles"}
	comparisonKeys     = []string{"dataset", "test_fraction", "samples", "noise", "factor", "scaling", "report_times", "raster_sample", "mlp", "conversion"}
	mlpKeys            = []string{"hidden", "output", "loss", "epochs", "batch_size", "learning_rate", "momentum"}
	conversionKeys     = []string{"input", "max_rate", "percentile", "synapse", "tau_syn", "tau_m", "t_ref"}
)

// comparison reads the [comparison] table; m is the whole file, for the
// keys that must not stand beside it.
func (l *loader) comparison(v any, m map[string]any) *Comparison {
	const p = "comparison"
	t, ok := l.table(p, v, `[comparison] dataset = "iris"`)
	if !ok {
		return nil
	}
	c := &Comparison{}
	l.keys(p, t, comparisonKeys, "[comparison]")
	for _, k := range []string{"population", "stimulus", "projection", "record"} {
		if _, has := m[k]; has {
			l.keyErrorf(k, "", "a comparison builds its own network from [comparison]; remove the [[%s]] tables (or [comparison])", k)
		}
	}
	if sim, ok := m["simulation"].(map[string]any); ok {
		if meth, has := sim["method"]; has && meth != "exact" {
			l.errorf("simulation.method", show(meth), `a comparison integrates its integrate-and-fire neurons exactly: remove method, or write method = "exact"`)
		}
	}
	// Data.
	var classSizes []int // of a CSV file
	if dv, has := t["dataset"]; !has {
		l.missing(p, "dataset", `dataset = "iris"`)
	} else if s, good := l.str(p+".dataset", dv, `dataset = "iris"`); good {
		c.Dataset, classSizes = l.dataset(p+".dataset", dv, s)
	}
	logic := c.Dataset == "xor" || c.Dataset == "and" || c.Dataset == "or"
	generated := c.Dataset == "moons" || c.Dataset == "circles"
	if fv, has := t["test_fraction"]; has {
		if logic {
			l.errorf(p+".test_fraction", show(fv), "data set %q has four samples, which are both the training and the test set; remove test_fraction", c.Dataset)
		} else if x, good := l.number(p+".test_fraction", fv, "test_fraction = 0.3"); good {
			if !(x > 0 && x < 1) {
				l.errorf(p+".test_fraction", show(fv), "a fraction of the samples is between 0 and 1, e.g. test_fraction = 0.3")
			} else {
				c.TestFraction = x
			}
		}
	}
	only := func(key string, ok bool, which string) bool {
		if _, has := t[key]; has && !ok && c.Dataset != "" {
			l.keyErrorf(p+"."+key, "", "applies to %s only, not to data set %q", which, c.Dataset)
			return false
		}
		_, has := t[key]
		return has
	}
	if only("samples", generated, `"moons" and "circles"`) {
		n, _ := l.integer(p+".samples", t["samples"], 4, 1_000_000, "samples = 200")
		c.Samples = int(n)
	}
	if only("noise", generated, `"moons" and "circles"`) {
		if x, good := l.number(p+".noise", t["noise"], "noise = 0.15"); good {
			if x < 0 {
				l.errorf(p+".noise", show(t["noise"]), "a standard deviation is >= 0, e.g. noise = 0.15")
			} else {
				c.Noise = x
			}
		}
	}
	if only("factor", c.Dataset == "circles", `"circles"`) {
		if x, good := l.number(p+".factor", t["factor"], "factor = 0.5"); good {
			if !(x > 0 && x < 1) {
				l.errorf(p+".factor", show(t["factor"]), "the inner circle's radius relative to the outer one is between 0 and 1, e.g. factor = 0.5")
			} else {
				c.Factor = x
			}
		}
	}
	if sv, has := t["scaling"]; has {
		c.Scaling, _ = l.enum(p+".scaling", sv, []string{"minmax", "standard"}, "scaling", `scaling = "minmax"`)
	}
	if rv, has := t["report_times"]; has {
		c.ReportTimes = l.reportTimes(p+".report_times", rv)
	}
	if rv, has := t["raster_sample"]; has {
		hi := int64(math.MaxInt32)
		n := testSamples(c, classSizes)
		if n > 0 {
			hi = int64(n - 1)
		}
		if k, good := l.integer(p+".raster_sample", rv, 0, hi, "raster_sample = 0"); good {
			c.RasterSample = int(k)
		}
	}
	if mv, has := t["mlp"]; has {
		if mt, good := l.table(p+".mlp", mv, `[comparison.mlp] hidden = [16]`); good {
			l.mlp(p+".mlp", mt, c)
		}
	}
	if cv, has := t["conversion"]; has {
		if ct, good := l.table(p+".conversion", cv, `[comparison.conversion] input = "current"`); good {
			l.conversion(p+".conversion", ct, c)
		}
	}
	return c
}

// testSamples returns the size of c's test set, as datasets.Split draws
// it (round(fraction x size) per class), or 0 when it is not known here.
func testSamples(c *Comparison, csvClasses []int) int {
	frac := c.TestFraction
	if frac == 0 {
		frac = 0.3
	}
	samples := c.Samples
	if samples == 0 {
		samples = 200
	}
	var classes []int
	switch c.Dataset {
	case "":
		return 0
	case "xor", "and", "or":
		return 4
	case "iris":
		classes = []int{50, 50, 50}
	case "moons", "circles":
		classes = []int{samples / 2, samples - samples/2}
	default:
		classes = csvClasses
	}
	n := 0
	for _, size := range classes {
		n += int(math.Round(frac * float64(size)))
	}
	return n
}

// dataset resolves a data set name or CSV path, reading the CSV to report
// its problems now; for a CSV file it returns the sizes of its classes.
func (l *loader) dataset(path string, v any, s string) (string, []int) {
	if slices.Contains(ComparisonDatasets, s) {
		return s, nil
	}
	if filepath.Ext(s) != ".csv" {
		l.errorf(path, show(v), "unknown data set%s; known: %s, or the path of a .csv file (features, then a class label), relative to the scenario file", didYouMean(s, ComparisonDatasets), quoteAll(ComparisonDatasets))
		return "", nil
	}
	file := s
	if !filepath.IsAbs(file) {
		file = filepath.Join(filepath.Dir(l.file), s)
	}
	d, err := datasets.ReadCSVFile(file, datasets.CSVOptions{})
	if err != nil {
		l.errorf(path, show(v), "%v", err)
		return "", nil
	}
	if len(d.Classes) < 2 {
		l.errorf(path, show(v), "%s has %d class: a classification needs at least 2", file, len(d.Classes))
		return "", nil
	}
	return file, d.Counts()
}

// reportTimes reads a list of increasing times in (0, duration].
func (l *loader) reportTimes(path string, v any) []float64 {
	const ex = `report_times = ["10 ms", "100 ms"]`
	arr, ok := v.([]any)
	if !ok || len(arr) == 0 {
		l.errorf(path, show(v), "expected a list of times, e.g. %s", ex)
		return nil
	}
	var out []float64
	for i, e := range arr {
		at := index(path, i)
		x, good := l.time(at, e, "report_times", `["10 ms", "100 ms"]`)
		switch {
		case !good:
		case x <= 0:
			l.errorf(at, show(e), "a read-out time is > 0, e.g. %s", ex)
		case l.simOK && x > l.sim.Duration:
			l.errorf(at, show(e), "is after the end of a sample's run (simulation.duration = %g ms)", l.sim.Duration)
		case len(out) > 0 && x <= out[len(out)-1]:
			l.errorf(at, show(e), "read-out times must increase: %g ms is not after %g ms", x, out[len(out)-1])
		default:
			out = append(out, x)
			continue
		}
		return nil
	}
	return out
}

// mlp reads [comparison.mlp].
func (l *loader) mlp(p string, t map[string]any, c *Comparison) {
	l.keys(p, t, mlpKeys, "[comparison.mlp]")
	if hv, has := t["hidden"]; has {
		const ex = "hidden = [16] or hidden = [32, 32]"
		arr, ok := hv.([]any)
		if !ok || len(arr) == 0 {
			l.errorf(p+".hidden", show(hv), "expected a list of hidden layer sizes (at least one layer: the conversion needs ReLU neurons), e.g. %s", ex)
		}
		for i, e := range arr {
			if n, good := l.integer(index(p+".hidden", i), e, 1, 100_000, ex); good {
				c.Hidden = append(c.Hidden, int(n))
			}
		}
	}
	if ov, has := t["output"]; has {
		c.Output, _ = l.enum(p+".output", ov, []string{"softmax", "linear"}, "output activation (the hidden layers are relu)", `output = "softmax"`)
	}
	if lv, has := t["loss"]; has {
		if s, good := l.enum(p+".loss", lv, []string{"cross-entropy", "mse"}, "loss", `loss = "cross-entropy"`); good {
			if s == "cross-entropy" && c.Output == "linear" {
				l.errorf(p+".loss", show(lv), `cross-entropy needs output = "softmax"; with a linear output use loss = "mse"`)
			} else {
				c.Loss = s
			}
		}
	}
	if ev, has := t["epochs"]; has {
		n, _ := l.integer(p+".epochs", ev, 1, 10_000_000, "epochs = 200")
		c.Epochs = int(n)
	}
	if bv, has := t["batch_size"]; has {
		n, _ := l.integer(p+".batch_size", bv, 1, math.MaxInt32, "batch_size = 16")
		c.BatchSize = int(n)
	}
	if rv, has := t["learning_rate"]; has {
		if x, good := l.number(p+".learning_rate", rv, "learning_rate = 0.05"); good {
			if !(x > 0) {
				l.errorf(p+".learning_rate", show(rv), "must be > 0, e.g. learning_rate = 0.05")
			} else {
				c.LearningRate = x
			}
		}
	}
	if mv, has := t["momentum"]; has {
		if x, good := l.number(p+".momentum", mv, "momentum = 0.9"); good {
			if !(x >= 0 && x < 1) {
				l.errorf(p+".momentum", show(mv), "must be in [0, 1), e.g. momentum = 0.9")
			} else {
				c.Momentum, c.HasMomentum = x, true
			}
		}
	}
}

// conversion reads [comparison.conversion].
func (l *loader) conversion(p string, t map[string]any, c *Comparison) {
	l.keys(p, t, conversionKeys, "[comparison.conversion]")
	if iv, has := t["input"]; has {
		if s, good := l.enum(p+".input", iv, []string{"current", "poisson"}, "input coding", `input = "current"`); good {
			if s == "poisson" && c.Scaling == "standard" {
				l.errorf(p+".input", show(iv), `poisson input needs features >= 0 (they set rates): use scaling = "minmax" (the default), or input = "current"`)
			} else {
				c.Input = s
			}
		}
	}
	if rv, has := t["max_rate"]; has {
		x, good := l.single(p+".max_rate", rv, &target{unit: unitHz, name: "max_rate", exVal: `"1000 Hz"`})
		switch {
		case !good:
		case x <= 0:
			l.errorf(p+".max_rate", show(rv), `must be > 0, e.g. max_rate = "1000 Hz"`)
		case c.Input == "poisson" && l.simOK && x*l.sim.Dt/1000 > 1:
			l.errorf(p+".max_rate", show(rv), "is more than one input spike per step of dt = %g ms: at most %g Hz", l.sim.Dt, 1000/l.sim.Dt)
		default:
			c.MaxRate = x
		}
	}
	if pv, has := t["percentile"]; has {
		if x, good := l.number(p+".percentile", pv, "percentile = 99.9"); good {
			if !(x > 0 && x <= 100) {
				l.errorf(p+".percentile", show(pv), "a percentile is in (0, 100]: 100 is the maximum, e.g. percentile = 99.9")
			} else {
				c.Percentile = x
			}
		}
	}
	if sv, has := t["synapse"]; has {
		c.Synapse, _ = l.enum(p+".synapse", sv, []string{"exp-current", "delta"}, "synapse kind", `synapse = "exp-current"`)
	}
	positive := func(key, ex string, allowZero bool) float64 {
		v, has := t[key]
		if !has {
			return 0
		}
		x, good := l.time(p+"."+key, v, key, ex)
		if good && (x < 0 || x == 0 && !allowZero) {
			bound := "> 0"
			if allowZero {
				bound = ">= 0"
			}
			l.errorf(p+"."+key, show(v), "must be %s, e.g. %s = %s", bound, key, ex)
			return 0
		}
		return x
	}
	if _, has := t["tau_syn"]; has && c.Synapse == "delta" {
		l.keyErrorf(p+".tau_syn", "", `a delta synapse has no time constant; remove tau_syn, or use synapse = "exp-current"`)
	} else {
		c.TauSyn = positive("tau_syn", `"1 ms"`, false)
	}
	c.TauM = positive("tau_m", `"20 ms"`, false)
	c.TRef = positive("t_ref", `"0 ms"`, true)
}
