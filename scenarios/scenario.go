package scenarios

import (
	"slices"

	"gospike/integrate"
	"gospike/neuron"
)

// Scenario is a validated scenario file: names resolved to indices, and
// every quantity in the unit of what it feeds (a model's native units;
// times in ms, rates in Hz). It is plain data.
type Scenario struct {
	File        string // the name given to Load or Parse
	Title       string
	Simulation  Simulation
	Populations []Population
	Stimuli     []Stimulus
	Projections []Projection
	Records     []Record
	// Comparison is the [comparison] table (comparison.go), nil when the
	// file has none. A file with one has no populations, stimuli,
	// projections or records: the comparison builds its own network.
	Comparison *Comparison
}

// Simulation is the [simulation] table.
type Simulation struct {
	Duration float64 // ms
	Dt       float64 // ms
	Steps    int     // Duration/Dt, checked to be a whole number
	Method   string  // one of Methods
	Seed     uint64
	Threads  int // 0: all cores
}

// Population is one [[population]] table.
type Population struct {
	Name   string
	Model  neuron.Model
	Size   int
	Area   float64 // membrane area of each neuron, cm^2; 0 when not set
	Method string  // this population's method: its own, else the simulation's
	Preset string  // "" for none
	// Params holds the parameters the file sets, by Param.Name, in the
	// Param's unit. Never nil.
	Params map[string]neuron.Value
	// Resolved holds every parameter of the model: its defaults, overridden
	// by the preset, overridden by Params (neuron.Resolve). Model.New(Size,
	// Resolved) has been called once during validation and accepted them.
	Resolved map[string]neuron.Value
	// Init holds the initial values the file sets, by state variable
	// name, in that variable's unit: the model's variables (Var.Name, in
	// Var.Unit) and the variables of named receptors onto the population
	// (Synapse.Name, and Name+"_h" for alpha kinds, in the model's
	// Units().Conductance for conductance kinds, Units().Current for
	// current kinds). The other variables start at the model's resting
	// state (Population.Rest), receptors at 0. Never nil.
	Init map[string]neuron.Value
}

// Stimulus is one [[stimulus]] table: input from outside the network into
// every neuron of one population. Which fields are set depends on Kind;
// currents are in the target model's Units().Current, per target neuron.
type Stimulus struct {
	Target int    // index into Scenario.Populations
	Kind   string // one of StimulusKinds

	// Start and Stop (ms) bound the input of "dc", "noise" and "poisson":
	// it is on for Start <= t < Stop. Stop defaults to the duration.
	Start, Stop float64

	Amplitude neuron.Value // "dc": the current

	// "step": the current is Amplitudes[k] from Times[k] until Times[k+1],
	// the last until the end, and zero before Times[0].
	// "spike-generator": Times are the spike times, the same for every
	// target neuron.
	Times      []float64 // ms, non-decreasing (increasing for "step")
	Amplitudes []neuron.Value

	// "noise": an Ornstein-Uhlenbeck current of mean Mean, stationary
	// standard deviation Std and correlation time Tau (ms).
	Mean, Std neuron.Value
	Tau       float64

	// "poisson": every target neuron receives Count independent Poisson
	// spike trains of rate Rate (Hz).
	Rate  neuron.Value
	Count int

	// "poisson" and "spike-generator": each incoming spike acts through
	// Synapse with Weight, in the units Projection.Weight describes. It
	// is per target neuron in every form, uniform and normal included:
	// each target neuron has one input synapse of its own.
	Weight  neuron.Value
	Synapse Synapse
}

// Projection is one [[projection]] table: synapses from the neurons of one
// population onto those of another (or the same).
type Projection struct {
	From, To int // indices into Scenario.Populations
	Connect  Connect
	Synapse  Synapse
	// Weight of each synapse, by target neuron (neuron i of To receives
	// Weight.At(i) on each synapse of this projection), in the unit the
	// synapse kind acts in: "delta": mV (the jump of v); "*-current": the
	// target model's Units().Current; "*-conductance": its
	// Units().Conductance (>= 0). For alpha kinds it is the peak, reached
	// Tau after the spike. Zero when WeightDist is set.
	Weight neuron.Value
	// WeightDist, when its Kind is set ({ uniform | normal = [a, b] } in
	// the file), replaces Weight: every synapse draws its own weight from
	// it, in Weight's unit. For conductance kinds A >= 0 (uniform: the
	// lower bound; normal: the mean), and normal draws below 0 are set
	// to 0 by the synapse layer.
	WeightDist Dist
	// Delay of every synapse, ms, >= Dt; the engine rounds it to whole
	// steps. Zero when DelayDist is set.
	Delay float64
	// DelayDist, when its Kind is set, replaces Delay: every synapse
	// draws its own delay from it, in ms; Kind is "uniform" only, with
	// Dt <= A <= B. A draw is rounded to the nearest whole step.
	DelayDist Dist
}

// Dist is a distribution from which every synapse of a projection draws
// its own value (the synapse layer draws them, from streams keyed by the
// seed, the projection's index and the target neuron).
type Dist struct {
	// Kind is "" (no distribution: the per-target value applies),
	// "uniform" (on [A, B), A <= B) or "normal" (mean A, standard
	// deviation B >= 0).
	Kind string
	A, B float64
}

// Connect is a connection rule.
type Connect struct {
	Rule string  // one of Rules
	P    float64 // "fixed-probability": the probability of each pair
	K    int     // "fixed-indegree": sources per target; "fixed-outdegree": targets per source
	// Autapses allows a neuron to connect to itself (From == To); default
	// true, as in NEST and Brian2.
	Autapses bool
	// Multapses allows "fixed-indegree"/"fixed-outdegree" to draw the same
	// pair more than once; default false (K distinct partners).
	Multapses bool
}

// Synapse is a receptor kind with its constants.
type Synapse struct {
	Kind string  // one of SynapseKinds
	Tau  float64 // ms; 0 for "delta"
	ERev float64 // mV; conductance kinds only
	// Name, optional, names the receptor's state variable ("ge"), so that
	// [population.init] and [[record]] can use it; alpha kinds add
	// Name+"_h" (the auxiliary variable h of dg/dt = (h - g)/tau). Synapse
	// tables onto one population with the same name have the same
	// kinetics and share one state; "" for none (never for "delta").
	Name string
}

// Conductance reports whether the synapse acts through a conductance.
func (s Synapse) Conductance() bool {
	return s.Kind == "exp-conductance" || s.Kind == "alpha-conductance"
}

// Record is one [[record]] table: state variables of some neurons of one
// population, written to traces.csv every step.
type Record struct {
	Population int // index into Scenario.Populations
	// Variables are state variable names: the model's, as Model.Vars()
	// spells them, or named receptors' (Synapse.Name, Name+"_h").
	Variables []string
	// Vars are the same, as indices into the population's state
	// variables as network.Spec.StateVars lists them: Model.Vars(), then
	// the variables of each distinct receptor onto the population, in
	// order of first use by the projections, then the stimuli.
	Vars    []int
	Neurons []int // indices into the population, in file order
}

// The names the format knows.
var (
	Methods       = append(slices.Clone(integrate.Names), "exact")
	Rules         = []string{"all-to-all", "one-to-one", "fixed-probability", "fixed-indegree", "fixed-outdegree"}
	SynapseKinds  = []string{"delta", "exp-current", "exp-conductance", "alpha-current", "alpha-conductance"}
	StimulusKinds = []string{"dc", "step", "noise", "poisson", "spike-generator"}
)

// MaxSize is the largest population size accepted.
const MaxSize = 100_000_000
