package compare

import (
	"fmt"
	"math"
	"slices"

	"gospike/ann"
)

// Input codings: how the features reach the first hidden layer.
const (
	// Poisson: each feature drives one input neuron that fires a
	// Bernoulli spike train, one chance per step with probability
	// MaxRate*x*dt (the discrete-time Poisson process of Brian2's
	// PoissonGroup), x in [0, 1] the min-max scaled feature.
	Poisson = "poisson"
	// Current: the first hidden layer receives the analog input as a
	// constant current (analog input, as Rueckauer et al. 2017): no input
	// spikes, no input noise.
	Current = "current"
)

// InputCodings lists the input codings.
var InputCodings = []string{Current, Poisson}

// Feature scalings, fit on the training set and applied to both sets.
const (
	// MinMax maps feature j to (x - min_j)/(max_j - min_j) over the
	// training set, clipped to [0, 1] (test values outside the training
	// range are clipped for the ANN too, so both see the same input).
	MinMax = "minmax"
	// Standard maps feature j to (x - mean_j)/sd_j (datasets.Standardizer);
	// only with current input, since a rate cannot be negative.
	Standard = "standard"
)

// Synapse kinds between layers (package synapse's names).
const (
	// Exp: a spike through normalised weight w starts a current
	// I(t) = (c_m theta w / tau_syn) e^{-t/tau_syn}, whose charge moves V
	// by theta w in all; V crosses threshold continuously, so the reset
	// loses nothing.
	Exp = "exp-current"
	// Delta: a spike makes V jump by theta w. A jump past threshold is
	// lost at the reset (reset to v_reset, not by subtraction).
	Delta = "delta"
)

// Synapses lists the synapse kinds.
var Synapses = []string{Exp, Delta}

// Scalings lists the feature scalings.
var Scalings = []string{MinMax, Standard}

// Built-in data sets; any other name is a CSV file (features, then a
// class label in the last column).
var Datasets = []string{"xor", "and", "or", "iris", "moons", "circles"}

// Logic reports whether name is one of the four-point truth tables, whose
// test set is the training set.
func Logic(name string) bool { return name == "xor" || name == "and" || name == "or" }

// Config is a comparison: a data set, an MLP and how to train it, the
// conversion, and the spiking simulation. Times are in ms, rates in Hz.
// It is plain data; Defaults fills what is left zero.
type Config struct {
	// Data.
	Dataset string // one of Datasets, or the path of a CSV file
	// Samples, Noise and Factor are the generator settings of "moons"
	// and "circles" (scikit-learn's n_samples, noise, factor).
	Samples       int
	Noise, Factor float64
	// TestFraction is the part of the samples held out for testing,
	// drawn per class (stratified). The logic sets have no test set: the
	// four points are both.
	TestFraction float64
	Scaling      string // MinMax or Standard
	// Seed seeds everything random: the data of "moons" and "circles",
	// the split, the initial weights, the minibatch order and the input
	// spike trains.
	Seed uint64

	// The MLP: ReLU hidden layers of these sizes, and an output layer of
	// one neuron per class.
	Hidden       []int
	Output       ann.Activation // ann.Softmax or ann.Linear
	Loss         ann.Loss       // ann.CrossEntropy (softmax only) or ann.MSE
	Epochs       int
	BatchSize    int // 0: the whole training set
	LearningRate float64
	Momentum     float64
	HasMomentum  bool // Momentum is set, so 0 is plain SGD; false: the default 0.9

	// Conversion.
	Input      string  // Current or Poisson
	MaxRate    float64 // Hz: the rate of a neuron whose normalised activation is 1
	Percentile float64 // of each layer's positive activations, in (0, 100]: lambda_l

	// Simulation.
	Duration    float64   // ms of simulated time per sample
	Dt          float64   // ms
	ReportTimes []float64 // ms: when to read the SNN's accuracy out; Duration is always one
	// TauM is the membrane time constant (ms); 0 means integrate-and-fire
	// (no leak: tau_m = NoLeakTauM).
	TauM float64
	TRef float64 // ms, refractory period of hidden and output neurons
	// Synapse is how a spike acts on the next layer: Exp (default), a
	// current that decays with TauSyn, or Delta, a jump of V.
	Synapse string
	TauSyn  float64 // ms, Exp only
	Threads int     // concurrent simulations; 0: one per CPU. Results never depend on it.
	// RasterSample is the test sample whose spikes are kept whole, for
	// the raster and spikes.csv.
	RasterSample int
}

// Defaults returns c with its zero fields set to the defaults: 70/30
// split, min-max scaling, softmax output with cross-entropy, 200 epochs of
// minibatches of 16 at learning rate 0.05 with momentum 0.9, current
// input, 1000 Hz maximum rate, the 99.9th percentile, exp-current
// synapses of 1 ms, 1 s per sample at dt = 0.1 ms, read out at 10, 20,
// 50, 100, 200 and 500 ms.
func (c Config) Defaults() Config {
	if c.TestFraction == 0 && !Logic(c.Dataset) {
		c.TestFraction = 0.3
	}
	if c.Samples == 0 {
		c.Samples = 200
	}
	if c.Dataset == "circles" && c.Factor == 0 {
		c.Factor = 0.5
	}
	if c.Scaling == "" {
		c.Scaling = MinMax
	}
	if c.Hidden == nil {
		c.Hidden = []int{16}
	}
	if c.Output == 0 {
		c.Output = ann.Softmax
	}
	if c.Loss == 0 {
		c.Loss = ann.CrossEntropy
		if c.Output == ann.Linear {
			c.Loss = ann.MSE
		}
	}
	if c.Epochs == 0 {
		c.Epochs = 200
	}
	if c.BatchSize == 0 {
		c.BatchSize = 16
	}
	if c.LearningRate == 0 {
		c.LearningRate = 0.05
	}
	if c.Momentum == 0 && !c.HasMomentum {
		c.Momentum, c.HasMomentum = 0.9, true
	}
	if c.Input == "" {
		c.Input = Current
	}
	if c.MaxRate == 0 {
		c.MaxRate = 1000
	}
	if c.Percentile == 0 {
		c.Percentile = 99.9
	}
	if c.Synapse == "" {
		c.Synapse = Exp
	}
	if c.Synapse == Exp && c.TauSyn == 0 {
		c.TauSyn = 1
	}
	if c.Duration == 0 {
		c.Duration = 1000
	}
	if c.Dt == 0 {
		c.Dt = 0.1
	}
	if c.ReportTimes == nil {
		for _, t := range []float64{10, 20, 50, 100, 200, 500} {
			if t < c.Duration {
				c.ReportTimes = append(c.ReportTimes, t)
			}
		}
	}
	return c
}

// Validate checks c (after Defaults) as a whole.
func (c Config) Validate() error {
	bad := func(format string, args ...any) error {
		return fmt.Errorf("compare: "+format, args...)
	}
	finite := func(x float64) bool { return !math.IsNaN(x) && !math.IsInf(x, 0) }
	switch {
	case c.Dataset == "":
		return bad("no data set")
	case Logic(c.Dataset) && c.TestFraction != 0:
		return bad("data set %s has four samples: the test set is the training set; no test fraction", c.Dataset)
	case !Logic(c.Dataset) && !(c.TestFraction > 0 && c.TestFraction < 1):
		return bad("test fraction %g: must be in (0, 1)", c.TestFraction)
	case (c.Dataset == "moons" || c.Dataset == "circles") && c.Samples < 4:
		return bad("samples = %d: at least 4", c.Samples)
	case !(c.Noise >= 0) || !finite(c.Noise):
		return bad("noise %g: must be >= 0", c.Noise)
	case c.Dataset == "circles" && !(c.Factor > 0 && c.Factor < 1):
		return bad("factor %g: must be in (0, 1)", c.Factor)
	case !slices.Contains(Scalings, c.Scaling):
		return bad("unknown scaling %q (known: %v)", c.Scaling, Scalings)
	case c.Scaling == Standard && c.Input == Poisson:
		return bad("poisson input needs features >= 0 (a rate): use scaling %q, or current input", MinMax)
	case len(c.Hidden) == 0:
		return bad("no hidden layer: a converted network needs at least one")
	case c.Output != ann.Softmax && c.Output != ann.Linear:
		return bad("output activation %v: softmax or linear (the SNN reads out the pre-softmax values)", c.Output)
	case c.Loss != ann.CrossEntropy && c.Loss != ann.MSE:
		return bad("loss %v: cross-entropy or mse", c.Loss)
	case c.Loss == ann.CrossEntropy && c.Output != ann.Softmax:
		return bad("cross-entropy needs a softmax output")
	case c.Epochs < 1:
		return bad("epochs = %d: at least 1", c.Epochs)
	case c.BatchSize < 0:
		return bad("batch size %d: must be >= 0", c.BatchSize)
	case !(c.LearningRate > 0) || !finite(c.LearningRate):
		return bad("learning rate %g: must be > 0", c.LearningRate)
	case !(c.Momentum >= 0 && c.Momentum < 1):
		return bad("momentum %g: must be in [0, 1)", c.Momentum)
	case !slices.Contains(InputCodings, c.Input):
		return bad("unknown input coding %q (known: %v)", c.Input, InputCodings)
	case !(c.MaxRate > 0) || !finite(c.MaxRate):
		return bad("max rate %g Hz: must be > 0", c.MaxRate)
	case !(c.Percentile > 0 && c.Percentile <= 100):
		return bad("percentile %g: must be in (0, 100]", c.Percentile)
	case !(c.Dt > 0) || !finite(c.Dt):
		return bad("dt %g ms: must be > 0", c.Dt)
	case !(c.Duration >= c.Dt) || !finite(c.Duration):
		return bad("duration %g ms: must be at least dt (%g ms)", c.Duration, c.Dt)
	case c.Input == Poisson && c.MaxRate*c.Dt/1000 > 1:
		return bad("max rate %g Hz is more than one spike per step of %g ms: lower it or dt", c.MaxRate, c.Dt)
	case !(c.TauM >= 0) || !finite(c.TauM):
		return bad("tau_m %g ms: must be > 0, or 0 for no leak", c.TauM)
	case !(c.TRef >= 0) || !finite(c.TRef):
		return bad("t_ref %g ms: must be >= 0", c.TRef)
	case !slices.Contains(Synapses, c.Synapse):
		return bad("unknown synapse %q (known: %v)", c.Synapse, Synapses)
	case c.Synapse == Exp && !(c.TauSyn > 0 && finite(c.TauSyn)):
		return bad("tau_syn %g ms: must be > 0", c.TauSyn)
	case c.Synapse == Delta && c.TauSyn != 0:
		return bad("tau_syn %g ms: a delta synapse has no time constant", c.TauSyn)
	case c.Threads < 0:
		return bad("threads %d: must be >= 0", c.Threads)
	}
	for _, h := range c.Hidden {
		if h < 1 {
			return bad("hidden layer of %d neurons: at least 1", h)
		}
	}
	for i, t := range c.ReportTimes {
		if !(t > 0 && t <= c.Duration) {
			return bad("report time %g ms: must be in (0, duration = %g ms]", t, c.Duration)
		}
		if i > 0 && !(t > c.ReportTimes[i-1]) {
			return bad("report times must increase (%g ms after %g ms)", t, c.ReportTimes[i-1])
		}
	}
	return nil
}

// times returns the read-out times: ReportTimes, then Duration.
func (c Config) times() []float64 {
	ts := slices.Clone(c.ReportTimes)
	if len(ts) == 0 || ts[len(ts)-1] < c.Duration {
		ts = append(ts, c.Duration)
	}
	return ts
}
