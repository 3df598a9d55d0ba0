package neuron

import "fmt"

// Var describes one state variable of a neuron type.
type Var struct {
	Name string // as scenario files and traces.csv spell it: "v", "m", "w"
	Unit string // the unit the model integrates and reports it in: "mV", "" (dimensionless)
	Doc  string // one line
}

// Param describes one parameter of a neuron type.
type Param struct {
	Name    string  // as scenario files spell it: "g_na", "tau_m"
	Unit    string  // the model's native unit for it: "mS/cm^2", "mV", "ms"; "" if dimensionless
	Default float64 // published default, in Unit
	Doc     string  // one line
	Source  string  // where the default comes from
}

// Preset is a named set of parameter values published together
// (Morris-Lecar "hopf" and "snlc").
type Preset struct {
	Name   string
	Values map[string]float64 // in the parameters' units; the rest keep their defaults
	Source string
}

// Units are the units a model's equations are written in. Inputs (stimulus
// currents, synaptic conductances) reach the model in these units.
type Units struct {
	Current     string // "uA/cm^2" (density models) or "pA"
	Conductance string // "mS/cm^2" or "nS"
	Capacitance string // "uF/cm^2" or "pF"
	// Density is true when the model works per unit membrane area: absolute
	// values (nA, nS, pF) are accepted only with a population area.
	Density bool
}

// Model is a neuron type: its description and a constructor of populations.
//
// Conventions every model follows:
//   - the membrane potential is state variable 0, named "v", in mV;
//   - time is in ms;
//   - input current I_in = A - B*V (see Input) is added to the membrane
//     current balance C dV/dt = -I_ion + I_in, in the model's Units.
type Model interface {
	Name() string    // as scenario files spell it: "hodgkin-huxley"
	Summary() string // one line: what it is and the paper
	Vars() []Var
	Params() []Param
	Units() Units
	// New makes a population of n neurons. params holds the values that
	// differ from the defaults (by Param.Name, in the Param's unit); any
	// name not in Params is an error. New validates the parameters as a
	// whole (c_m > 0, v_reset < v_th, ...) and returns an error a user can
	// act on, naming the parameter and, for a per-neuron value, the neuron.
	New(n int, params map[string]Value) (Population, error)
}

// Presetter is implemented by models with named parameter sets.
type Presetter interface {
	Presets() []Preset
}

// Population is the parameter set of n neurons of one type, and the
// per-neuron bookkeeping that is not part of the ODE state (refractory
// clocks). Its methods work on a block: the contiguous neurons
// [off, off+n) of the population, whose ODE state y is laid out variable
// by variable (struct of arrays): variable k of block neuron j is
// y[k*n+j], with n = len(in.A) (or len(y)/len(Vars())). Distinct blocks may
// be worked on concurrently from different goroutines.
type Population interface {
	Len() int
	// Param returns the values of the named parameter.
	Param(name string) (Value, bool)
	// Rest fills y with the initial state of the block (the model's resting
	// state: HH gates at steady state for -65 mV, ML at its zero-current
	// equilibrium).
	Rest(y []float64, off int)
	// Derivative writes dy/dt of the block into dst (same layout as y).
	Derivative(dst, y []float64, off int, in Input)
	// AfterStep is called once the block has been advanced from t to t+dt;
	// prev holds V of the block at t. It detects spikes, applies resets,
	// appends the spikes to dst (Neuron is the population index, off + j)
	// and returns it.
	AfterStep(dst []Spike, prev, y []float64, off int, t, dt float64) []Spike
}

// Linear is implemented by populations whose every state variable obeys
// dy/dt = a + b*y with a, b independent of y itself (conditionally linear),
// which exponential Euler needs, or quasi-linearly with a + b*y equal to
// the derivative at y (see integrate.Linearizer). Linear writes a and b of
// the block.
type Linear interface {
	Linear(a, b, y []float64, off int, in Input)
}

// LinearSplit is implemented by Linear populations in which only V (the
// first variable) depends on the input, so that a step's costly part
// (the gates' rate functions) can be done before the step's input is
// known: a network worker does it while it waits for the other workers'
// spikes. For the same y, off and in,
//
//	LinearGates(a, b, y, off); LinearV(a[:n], b[:n], off, in)
//
// gives the same bits as Linear(a, b, y, off, in). LinearGates writes a
// and b of every variable but V, and leaves in their first rows what
// LinearV needs; LinearV completes V's a and b from those rows and the
// input alone, without reading y (whose other variables the caller may
// have advanced in between).
type LinearSplit interface {
	Linear
	LinearGates(a, b, y []float64, off int)
	LinearV(aV, bV []float64, off int, in Input)
}

// Exact is implemented by populations whose subthreshold dynamics are linear
// and can be advanced exactly (Rotter & Diesmann 1999): method "exact".
type Exact interface {
	// StepExact advances the block from t to t+dt exactly, including the
	// exponentially decaying input currents in in.Exp (which it advances in
	// place), detects threshold crossings at their exact time inside the
	// step, resets, honours refractory periods that end inside the step,
	// and appends spikes to dst.
	StepExact(dst []Spike, y []float64, off int, t, dt float64, in ExactInput) []Spike
}

// ExpEulerStepper is implemented by populations that can take a whole
// exponential-Euler step of a block, with the exponentially decaying
// inputs that drive it, in one pass over the neurons (network units use
// it in place of Linear, integrate.ExpEuler, the inputs' decay and
// AfterStep, which take a pass each).
type ExpEulerStepper interface {
	// StepsExpEuler reports whether StepExpEuler can take blocks driven
	// by k decaying inputs; when it cannot, the caller uses the passes.
	StepsExpEuler(k int) bool
	// StepExpEuler does what these do, with the same bits:
	//
	//	Input.A = in.I (zero if nil), B = 0, plus each in.Decay's G
	//	  (A += G, or A += G ERev and B += G; products rounded first);
	//	Linear(a, b, y, off, that Input); prev = y;
	//	fastexp.ExpEuler(y, a, b, dt); each in.Decay advanced;
	//	AfterStep(dst, prev, y, off, t, dt)
	//
	// prev is workspace of the block's length: it need not end up
	// holding V at t for every neuron (only for those AfterStep needs).
	StepExpEuler(dst []Spike, y, prev []float64, off int, t, dt float64, in ExpEulerInput) []Spike
}

// ExpEulerInput is the input to a block over one exponential-Euler step
// (ExpEulerStepper): a held current I per neuron (nil for none) and
// exponentially decaying currents or conductances.
type ExpEulerInput struct {
	I     []float64
	Decay []Decaying
}

// Decaying is an input that decays exponentially, G' = -G/tau: a current
// (A += G) or a conductance with reversal potential ERev (A += G ERev,
// B += G). Over a step of dt its values G, the block's at t, are advanced
// in place to G + G Em1, with Em1 = expm1(-dt/tau) (the exponential-Euler
// step of G, which is exact).
type Decaying struct {
	G           []float64
	Em1         float64
	Conductance bool
	ERev        float64
}

// Input is the input to a block during one derivative evaluation: the
// current into neuron j is A[j] - B[j]*V[j], in the model's Units
// (A: current, B: conductance). A sum of a current I and conductances g_r
// with reversal potentials E_r is A = I + sum g_r E_r, B = sum g_r.
type Input struct {
	A, B []float64
}

// ExactInput is the input to a block over one exact step: the constant
// current DC, one value per neuron, or, where DC is nil, Bias for every
// neuron of the block (0 for none); and exponentially decaying currents.
type ExactInput struct {
	DC   []float64
	Bias float64
	Exp  []ExpCurrent
}

// ExpCurrent is a current that decays as I(s) = I(t) exp(-s/Tau) over the
// step; I holds the block's values at t and is advanced to t+dt in place.
type ExpCurrent struct {
	Tau float64 // ms
	I   []float64
}

// Spike is one spike of a population's neuron.
type Spike struct {
	Neuron int     // index in the population
	Time   float64 // ms, interpolated within the step
}

// Value is a parameter's value for a population: one shared Scalar, or one
// value per neuron in PerNeuron when they differ.
type Value struct {
	Scalar    float64
	PerNeuron []float64
}

// Shared returns a Value shared by every neuron.
func Shared(x float64) Value { return Value{Scalar: x} }

// At returns the value for neuron i.
func (v Value) At(i int) float64 {
	if v.PerNeuron != nil {
		return v.PerNeuron[i]
	}
	return v.Scalar
}

// IsShared reports whether every neuron has the same value.
func (v Value) IsShared() bool { return v.PerNeuron == nil }

// Check returns an error naming the parameter (and the neuron, for a
// per-neuron value) when ok is false for a value.
func (v Value) Check(name string, ok func(float64) bool, want string) error {
	if v.PerNeuron == nil {
		if !ok(v.Scalar) {
			return fmt.Errorf("%s = %g: must be %s", name, v.Scalar, want)
		}
		return nil
	}
	for i, x := range v.PerNeuron {
		if !ok(x) {
			return fmt.Errorf("%s of neuron %d = %g: must be %s", name, i, x, want)
		}
	}
	return nil
}

// Resolve returns the values of every parameter of m: the defaults,
// overridden by a preset's values, overridden by params. It is the one
// place defaults are read, so `simulate models` and the code agree.
// An unknown name in params is an error; preset "" means none.
func Resolve(m Model, preset string, params map[string]Value, n int) (map[string]Value, error) {
	out := make(map[string]Value, len(m.Params()))
	for _, p := range m.Params() {
		out[p.Name] = Shared(p.Default)
	}
	if preset != "" {
		ps, ok := m.(Presetter)
		if !ok {
			return nil, fmt.Errorf("model %s has no presets", m.Name())
		}
		var found *Preset
		for i := range ps.Presets() {
			if p := ps.Presets()[i]; p.Name == preset {
				found = &p
				break
			}
		}
		if found == nil {
			return nil, fmt.Errorf("model %s has no preset %q", m.Name(), preset)
		}
		for k, x := range found.Values {
			out[k] = Shared(x)
		}
	}
	for k, v := range params {
		if _, ok := out[k]; !ok {
			return nil, fmt.Errorf("model %s has no parameter %q", m.Name(), k)
		}
		if v.PerNeuron != nil && len(v.PerNeuron) != n {
			return nil, fmt.Errorf("parameter %s: %d values for %d neurons", k, len(v.PerNeuron), n)
		}
		out[k] = v
	}
	return out, nil
}
