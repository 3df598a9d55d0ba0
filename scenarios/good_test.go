package scenarios

import (
	"math"
	"os"
	"path/filepath"
	"reflect"
	"sort"
	"strconv"
	"strings"
	"testing"

	"github.com/BurntSushi/toml"

	_ "gospike/models/hodgkinhuxley"
	_ "gospike/models/lif"
	_ "gospike/models/morrislecar"
	"gospike/neuron"
)

// tol is the relative tolerance of converted values: a conversion is at
// most a few roundings of a decimal number in float64.
const tol = 1e-12

func near(got, want float64) bool {
	return got == want || math.Abs(got-want) <= tol*math.Max(math.Abs(got), math.Abs(want))
}

func load(t *testing.T, name string, overrides ...string) *Scenario {
	t.Helper()
	sc, err := Load(filepath.Join("testdata", "good", name), overrides)
	if err != nil {
		t.Fatalf("%s: %v", name, err)
	}
	return sc
}

// values returns v for n neurons.
func values(v neuron.Value, n int) []float64 {
	out := make([]float64, n)
	for i := range out {
		out[i] = v.At(i)
	}
	return out
}

// shared reports whether v is x for every neuron, stored once.
func shared(v neuron.Value, x float64) bool { return v.IsShared() && v.Scalar == x }

func checkValues(t *testing.T, what string, got neuron.Value, want []float64) {
	t.Helper()
	g := values(got, len(want))
	for i := range want {
		if !near(g[i], want[i]) {
			t.Errorf("%s = %v, want %v", what, g, want)
			return
		}
	}
}

func TestGoodFilesLoad(t *testing.T) {
	files, err := filepath.Glob("testdata/good/*.toml")
	if err != nil || len(files) == 0 {
		t.Fatalf("no good files: %v", err)
	}
	for _, f := range files {
		if _, err := Load(f, nil); err != nil {
			t.Errorf("%v", err)
		}
	}
}

func TestHHfI(t *testing.T) {
	sc := load(t, "hh_fi.toml")
	if sc.Title != "Hodgkin-Huxley f-I curve" {
		t.Errorf("title %q", sc.Title)
	}
	want := Simulation{Duration: 1200, Dt: 0.01, Steps: 120000, Method: "rk4", Seed: 1}
	if sc.Simulation != want {
		t.Errorf("simulation %+v, want %+v", sc.Simulation, want)
	}
	p := sc.Populations[0]
	if p.Name != "hh" || p.Model.Name() != "hodgkin-huxley" || p.Size != 61 || p.Method != "rk4" || p.Area != 0 {
		t.Errorf("population %+v", p)
	}
	// the file sets g_na and celsius; Resolved has the rest from the model
	if len(p.Params) != 2 || !shared(p.Params["g_na"], 120) || !shared(p.Params["celsius"], 6.3) {
		t.Errorf("params %v", p.Params)
	}
	for _, par := range p.Model.Params() {
		if _, ok := p.Resolved[par.Name]; !ok {
			t.Errorf("Resolved lacks %s", par.Name)
		}
	}
	if !shared(p.Init["v"], -65) {
		t.Errorf("init %v", p.Init)
	}
	// linspace: neuron i of 61 gets 0 + i*(30-0)/60 uA/cm^2 (the format's rule)
	s := sc.Stimuli[0]
	if s.Kind != "dc" || s.Target != 0 || s.Start != 0 || s.Stop != 1200 {
		t.Errorf("stimulus %+v", s)
	}
	wantI := make([]float64, 61)
	for i := range wantI {
		wantI[i] = float64(i) * 0.5
	}
	checkValues(t, "amplitude", s.Amplitude, wantI)
	r := sc.Records[0]
	if !reflect.DeepEqual(r, Record{Population: 0, Variables: []string{"v", "m"}, Vars: []int{0, 1}, Neurons: []int{0, 20, 40, 60}}) {
		t.Errorf("record %+v", r)
	}
}

func TestAbsoluteValuesThroughArea(t *testing.T) {
	// Brian2 examples/COBAHH.py: area = 20000 um^2, Cm = 1 uF/cm^2 * area,
	// gl = 5e-5 S/cm^2 * area, g_na = 100 mS/cm^2 * area, g_kd = 30 mS/cm^2
	// * area; the file gives the absolute values, which must come back as
	// those densities.
	sc := load(t, "cobahh.toml")
	p := sc.Populations[0]
	if !near(p.Area, 20000e-8) { // 1 um^2 = 1e-8 cm^2
		t.Errorf("area %v cm^2", p.Area)
	}
	for name, want := range map[string]float64{"c_m": 1, "g_l": 0.05, "g_na": 100, "g_kd": 30, "e_l": -60} {
		if got := p.Params[name]; !got.IsShared() || !near(got.Scalar, want) {
			t.Errorf("%s = %v, want %v", name, got, want)
		}
	}
	// we = 6 nS and wi = 67 nS over 20000 um^2: 0.03 and 0.335 mS/cm^2
	for i, want := range []float64{0.03, 0.03, 0.335, 0.335} {
		if w := sc.Projections[i].Weight; !near(w.Scalar, want) {
			t.Errorf("projection %d weight %v mS/cm^2, want %v", i, w.Scalar, want)
		}
	}
	e := sc.Projections[2].Synapse
	if e != (Synapse{Kind: "exp-conductance", Tau: 10, ERev: -80}) {
		t.Errorf("synapse %+v", e)
	}

	// Morris-Lecar of area 1000 um^2 = 1e-5 cm^2: 0.3 nA is 30 uA/cm^2,
	// 0.5 nA is 50 uA/cm^2.
	ml := load(t, "ml_snlc.toml")
	s := ml.Stimuli[0]
	if !reflect.DeepEqual(s.Times, []float64{0, 500}) || len(s.Amplitudes) != 2 {
		t.Fatalf("step %+v", s)
	}
	checkValues(t, "step 0", s.Amplitudes[0], []float64{0, 0, 0, 0, 0})
	checkValues(t, "step 1", s.Amplitudes[1], []float64{30, 35, 40, 45, 50})
	if ml.Populations[0].Preset != "snlc" {
		t.Errorf("preset %q", ml.Populations[0].Preset)
	}
	checkValues(t, "init v", ml.Populations[0].Init["v"], []float64{-60, -59, -58, -57, -56})
	if got := ml.Records[0].Neurons; !reflect.DeepEqual(got, []int{0, 1, 2, 3, 4}) {
		t.Errorf(`neurons = "all" gave %v`, got)
	}
}

func TestVoltageAsCurrent(t *testing.T) {
	// Brette et al. 2007, benchmark 2 (Brian2 examples/CUBA.py): we =
	// (60*0.27/10) mV = 1.62 mV and wi = (-20*4.5/10) mV = -9 mV stand for
	// R_m*I. With c_m = 250 pF (the lif default) and tau_m = 20 ms,
	// I = V c_m/tau_m: 1.62*250/20 = 20.25 pA, -9*250/20 = -112.5 pA.
	sc := load(t, "cuba.toml")
	for i, want := range []float64{20.25, 20.25, -112.5, -112.5} {
		if w := sc.Projections[i].Weight; !w.IsShared() || !near(w.Scalar, want) {
			t.Errorf("projection %d weight %v pA, want %v", i, w, want)
		}
	}
	// LIF f-I file: linspace 0..1 nA over 11 neurons is 100 pA apart; 5 mV
	// with c_m 250 pF, tau_m 10 ms is 125 pA.
	lif := load(t, "lif_exact.toml")
	want := make([]float64, 11)
	for i := range want {
		want[i] = 100 * float64(i)
	}
	checkValues(t, "amplitude", lif.Stimuli[0].Amplitude, want)
	checkValues(t, "R_m*I amplitude", lif.Stimuli[1].Amplitude, []float64{125})
	if s := lif.Stimuli[1]; s.Start != 500 || s.Stop != 1000 {
		t.Errorf("window %v..%v, want 500..1000", s.Start, s.Stop)
	}
	// per-neuron c_m (linspace 200..300 pF) and tau_m 10 ms: a 2 mV weight
	// is 40, 50, 60 pA
	all := load(t, "everything.toml")
	checkValues(t, "per-neuron R_m*I", all.Stimuli[2].Weight, []float64{40, 50, 60})
}

func TestEverything(t *testing.T) {
	sc := load(t, "everything.toml")
	hh, ml, lif := sc.Populations[0], sc.Populations[1], sc.Populations[2]
	if hh.Method != "exponential-euler" || ml.Method != "rk4" || lif.Method != "rk4" {
		t.Errorf("methods %q %q %q", hh.Method, ml.Method, lif.Method)
	}
	// g_l: 0.3 mS/cm^2 written three ways: 60 nS over 20000 um^2 =
	// 6e-5 mS / 2e-4 cm^2, and 0.0003 S/cm^2
	checkValues(t, "g_l", hh.Params["g_l"], []float64{0.3, 0.3, 0.3, 0.3})
	checkValues(t, "init n", hh.Init["n"], []float64{0.3, 0.31, 0.32, 0.33})
	if ml.Preset != "hopf" || !shared(ml.Params["c_m"], 20) {
		t.Errorf("ml preset %q params %v", ml.Preset, ml.Params)
	}
	// the noise std 0.05 nA over 2e-4 cm^2 is 0.25 uA/cm^2
	n := sc.Stimuli[0]
	if n.Kind != "noise" || !near(n.Std.Scalar, 0.25) || n.Mean.Scalar != 1 || n.Tau != 2 || n.Start != 10 || n.Stop != 100 {
		t.Errorf("noise %+v", n)
	}
	st := sc.Stimuli[1]
	if len(st.Amplitudes) != 3 {
		t.Fatalf("step %+v", st)
	}
	checkValues(t, "step 1", st.Amplitudes[1], []float64{60, 90, 100})
	sg := sc.Stimuli[2]
	if !reflect.DeepEqual(sg.Times, []float64{5, 5, 30}) || sg.Synapse != (Synapse{Kind: "alpha-current", Tau: 0.5}) {
		t.Errorf("spike generator %+v", sg)
	}
	po := sc.Stimuli[3]
	// rate linspace 0 Hz .. 0.1 kHz over 3 neurons
	checkValues(t, "rate", po.Rate, []float64{0, 50, 100})
	if po.Count != 1 || po.Stop != 50 || !shared(po.Weight, 1) {
		t.Errorf("poisson %+v", po)
	}
	wantConnect := []Connect{
		{Rule: "all-to-all"},
		{Rule: "one-to-one", Autapses: true},
		{Rule: "fixed-outdegree", K: 2, Autapses: true, Multapses: true},
		{Rule: "fixed-indegree", K: 2},
		{Rule: "fixed-probability", P: 0.5, Autapses: true},
	}
	for i, want := range wantConnect {
		if got := sc.Projections[i].Connect; got != want {
			t.Errorf("projection %d connect %+v, want %+v", i, got, want)
		}
	}
	// 1 nS over 20000 um^2 = 1e-6 mS / 2e-4 cm^2 = 0.005 mS/cm^2
	if w := sc.Projections[0].Weight.Scalar; !near(w, 0.005) {
		t.Errorf("weight %v, want 0.005 mS/cm^2", w)
	}
	// delays default to one step
	if d := sc.Projections[1].Delay; d != 0.025 {
		t.Errorf("default delay %v, want dt = 0.025", d)
	}
	// uniform weights are drawn per synapse: the bounds in nS, LIF's unit
	if pr := sc.Projections[2]; pr.WeightDist != (Dist{Kind: "uniform", A: 0.5, B: 1}) || !shared(pr.Weight, 0) {
		t.Errorf("weight %v, distribution %+v, want uniform on [0.5, 1) nS per synapse", pr.Weight, pr.WeightDist)
	}
	if sc.Projections[4].Synapse.Kind != "delta" {
		t.Errorf("default synapse %+v, want delta", sc.Projections[4].Synapse)
	}
	if got := sc.Records[1].Neurons; !reflect.DeepEqual(got, []int{2, 0}) {
		t.Errorf("record neurons %v", got)
	}
}

func TestRandomForms(t *testing.T) {
	// A population of 20000 neurons with v ~ uniform(-60, -50) mV and
	// g ~ normal(-65, 2): draws stay in bounds, have the distribution's
	// mean within 5 standard errors, repeat for a seed and change with it.
	src := func(seed int) string {
		return `[simulation]
duration = "1 ms"
dt = "0.1 ms"
seed = ` + strconv.Itoa(seed) + `
[[population]]
name = "p"
model = "lif"
size = 20000
params = { e_l = { normal = ["-65 mV", "2 mV"] } }
init = { v = { uniform = ["-60 mV", "-50 mV"] } }
`
	}
	parse := func(seed int) *Scenario {
		sc, err := Parse("r.toml", []byte(src(seed)), nil)
		if err != nil {
			t.Fatal(err)
		}
		return sc
	}
	a, b, c := parse(1), parse(1), parse(2)
	v, el := a.Populations[0].Init["v"].PerNeuron, a.Populations[0].Params["e_l"].PerNeuron
	if len(v) != 20000 || len(el) != 20000 {
		t.Fatalf("per-neuron lengths %d %d", len(v), len(el))
	}
	mean := func(xs []float64) float64 {
		s := 0.0
		for _, x := range xs {
			s += x
		}
		return s / float64(len(xs))
	}
	for _, x := range v {
		if x < -60 || x >= -50 {
			t.Fatalf("uniform draw %v outside [-60, -50)", x)
		}
	}
	// uniform on [a,b]: sd (b-a)/sqrt(12); normal: sd 2
	if m, se := mean(v), 10/math.Sqrt(12)/math.Sqrt(20000); math.Abs(m+55) > 5*se {
		t.Errorf("uniform mean %v, want -55 +- %v", m, 5*se)
	}
	if m, se := mean(el), 2/math.Sqrt(20000); math.Abs(m+65) > 5*se {
		t.Errorf("normal mean %v, want -65 +- %v", m, 5*se)
	}
	if !reflect.DeepEqual(a.Populations, b.Populations) {
		t.Error("the same seed gave different values")
	}
	if reflect.DeepEqual(a.Populations[0].Init, c.Populations[0].Init) {
		t.Error("seeds 1 and 2 gave the same values")
	}
	// two values of the same population draw from different streams
	if v[0]+55 == el[0]+65 || reflect.DeepEqual(v[:10], el[:10]) {
		t.Error("init v and e_l draw from the same stream")
	}
}

func TestLinspaceOfOne(t *testing.T) {
	// with n = 1 the only neuron gets the first value
	sc, err := Parse("one.toml", []byte(`[simulation]
duration = "1 ms"
dt = "0.1 ms"
[[population]]
name = "p"
model = "lif"
size = 1
init.v = { linspace = ["-60 mV", "-50 mV"] }
`), nil)
	if err != nil {
		t.Fatal(err)
	}
	if got := sc.Populations[0].Init["v"]; !shared(got, -60) {
		t.Errorf("v = %v, want -60", got)
	}
}

// encode writes m as TOML with its keys in sorted or reverse-sorted order,
// tables as [headers] and arrays of tables as [[headers]], so that the
// same scenario is written in another order and another form.
func encode(m map[string]any, reverse bool) string {
	var b strings.Builder
	encodeTable(&b, "", m, reverse)
	return b.String()
}

func orderedKeys(m map[string]any, reverse bool) []string {
	keys := sortedKeys(m)
	if reverse {
		sort.Sort(sort.Reverse(sort.StringSlice(keys)))
	}
	return keys
}

func encodeTable(b *strings.Builder, path string, m map[string]any, reverse bool) {
	keys := orderedKeys(m, reverse)
	for _, k := range keys {
		switch m[k].(type) {
		case map[string]any, []map[string]any:
		default:
			b.WriteString(join("", k) + " = " + encodeValue(m[k], reverse) + "\n")
		}
	}
	for _, k := range keys {
		switch v := m[k].(type) {
		case map[string]any:
			b.WriteString("\n[" + join(path, k) + "]\n")
			encodeTable(b, join(path, k), v, reverse)
		case []map[string]any:
			for _, e := range v {
				b.WriteString("\n[[" + join(path, k) + "]]\n")
				encodeTable(b, join(path, k), e, reverse)
			}
		}
	}
}

func encodeValue(v any, reverse bool) string {
	switch v := v.(type) {
	case string:
		return strconv.Quote(v)
	case int64:
		return strconv.FormatInt(v, 10)
	case float64:
		s := strconv.FormatFloat(v, 'g', -1, 64)
		if !strings.ContainsAny(s, ".eIN") {
			s += ".0"
		}
		return s
	case bool:
		return strconv.FormatBool(v)
	case []any:
		parts := make([]string, len(v))
		for i, e := range v {
			parts[i] = encodeValue(e, reverse)
		}
		return "[" + strings.Join(parts, ", ") + "]"
	case map[string]any:
		var parts []string
		for _, k := range orderedKeys(v, reverse) {
			parts = append(parts, join("", k)+" = "+encodeValue(v[k], reverse))
		}
		return "{ " + strings.Join(parts, ", ") + " }"
	}
	panic("encodeValue: unexpected " + typeName(v))
}

func TestReorderedKeys(t *testing.T) {
	// A valid file stays valid, with the same result, when its keys are
	// written in another order (and its tables in another form); a bad
	// file gives the same problems.
	files, _ := filepath.Glob("testdata/*/*.toml")
	examples, _ := filepath.Glob("examples/*.toml")
	for _, f := range append(files, examples...) {
		orig, errOrig := Load(f, nil)
		var m map[string]any
		if _, err := toml.DecodeFile(f, &m); err != nil {
			continue // a syntax error: nothing to reorder
		}
		for _, reverse := range []bool{false, true} {
			text := encode(m, reverse)
			got, err := Parse(f, []byte(text), nil)
			if (err == nil) != (errOrig == nil) {
				t.Errorf("%s reordered (reverse %v): error %v, originally %v\n%s", f, reverse, err, errOrig, text)
				continue
			}
			if err != nil {
				if a, b := problems(errOrig), problems(err); !reflect.DeepEqual(a, b) {
					t.Errorf("%s reordered (reverse %v):\n got %q\nwant %q", f, reverse, b, a)
				}
				continue
			}
			if !reflect.DeepEqual(orig, got) {
				t.Errorf("%s reordered (reverse %v) reads differently", f, reverse)
			}
		}
	}
}

// problems returns the keys and messages of a Parse error, sorted, without
// positions.
func problems(err error) []string {
	var out []string
	for _, e := range unjoin(err) {
		out = append(out, e.Key+" = "+e.Given+": "+e.Msg)
	}
	sort.Strings(out)
	return out
}

func unjoin(err error) []*Error {
	var out []*Error
	if j, ok := err.(interface{ Unwrap() []error }); ok {
		for _, e := range j.Unwrap() {
			out = append(out, e.(*Error))
		}
		return out
	}
	if e, ok := err.(*Error); ok {
		return []*Error{e}
	}
	return nil
}

// BenchmarkParse measures validating the largest example (Brunel 2000,
// 12 500 neurons) and one with 1e6 neurons of per-neuron values.
func BenchmarkParse(b *testing.B) {
	brunel, err := os.ReadFile("testdata/good/brunel.toml")
	if err != nil {
		b.Fatal(err)
	}
	big := []byte(`[simulation]
duration = "1 ms"
dt = "0.1 ms"
[[population]]
name = "p"
model = "lif"
size = 1000000
init.v = { uniform = ["-60 mV", "-50 mV"] }
params.c_m = { linspace = ["200 pF", "300 pF"] }
[[stimulus]]
target = "p"
kind = "dc"
amplitude = "1 mV"
`)
	for _, c := range []struct {
		name string
		data []byte
	}{{"brunel", brunel}, {"1e6-per-neuron", big}} {
		b.Run(c.name, func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				if _, err := Parse(c.name, c.data, nil); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}
