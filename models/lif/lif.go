package lif

import (
	"fmt"
	"math"
	"sync/atomic"

	"gospike/neuron"
)

func init() { neuron.Register(Model{}) }

// defaultsSource is where the default parameter values come from.
const defaultsSource = "NEST iaf_psc_exp model documentation (models/iaf_psc_exp.h, NEST 3.x)"

// Model is the leaky integrate-and-fire neuron type, registered as "lif".
type Model struct{}

// Name returns "lif".
func (Model) Name() string { return "lif" }

// Summary describes the model in one line.
func (Model) Summary() string {
	return "leaky integrate-and-fire: current input, hard threshold, reset, refractory period (Lapicque 1907; defaults of NEST iaf_psc_exp)"
}

// Vars returns the single state variable, v.
func (Model) Vars() []neuron.Var {
	return []neuron.Var{{Name: "v", Unit: "mV", Doc: "membrane potential"}}
}

var params = []neuron.Param{
	{Name: "tau_m", Unit: "ms", Default: 10, Doc: "membrane time constant c_m/g_L", Source: defaultsSource},
	{Name: "c_m", Unit: "pF", Default: 250, Doc: "membrane capacitance", Source: defaultsSource},
	{Name: "e_l", Unit: "mV", Default: -70, Doc: "leak reversal (resting) potential", Source: defaultsSource},
	{Name: "v_th", Unit: "mV", Default: -55, Doc: "spike threshold", Source: defaultsSource},
	{Name: "v_reset", Unit: "mV", Default: -70, Doc: "reset potential, held during the refractory period", Source: defaultsSource},
	{Name: "t_ref", Unit: "ms", Default: 2, Doc: "absolute refractory period", Source: defaultsSource},
	{Name: "i_e", Unit: "pA", Default: 0, Doc: "constant input current (NEST's I_e)", Source: defaultsSource},
	{Name: "refractory_input", Unit: "", Default: 0, Doc: "1: jumps of V (delta synapses) during the refractory period are kept, undecayed: V = v_reset + their sum when it ends; 0: dropped, as NEST's default and Brian2 2.5.1's (unless refractory) do",
		Source: "NEST iaf_psc_delta refractory_input (default false; NEST decays the kept input, we do not); Brian2 2.5.1 checked to drop them"},
}

// Params returns the parameters with their NEST iaf_psc_exp defaults.
func (Model) Params() []neuron.Param { return append([]neuron.Param(nil), params...) }

// Units returns the units of the equations: absolute currents in pA,
// conductances in nS, capacitance in pF (pA/pF = mV/ms, nS*mV = pA).
func (Model) Units() neuron.Units {
	return neuron.Units{Current: "pA", Conductance: "nS", Capacitance: "pF", Density: false}
}

// New makes a population of n neurons; params overrides the defaults by
// name (in the units of Params). It validates the parameters as a whole:
// every value finite, c_m > 0, tau_m > 0, t_ref >= 0 and v_reset < v_th.
func (m Model) New(n int, params map[string]neuron.Value) (neuron.Population, error) {
	return NewPopulation(n, params)
}

// NewPopulation is Model.New returning the concrete type.
func NewPopulation(n int, params map[string]neuron.Value) (*Population, error) {
	if n < 0 {
		return nil, fmt.Errorf("lif: population size %d: must be >= 0", n)
	}
	vals, err := neuron.Resolve(Model{}, "", params, n)
	if err != nil {
		return nil, fmt.Errorf("lif: %w", err)
	}
	if err := validate(vals, n); err != nil {
		return nil, fmt.Errorf("lif: %w", err)
	}
	p := &Population{
		n:       n,
		values:  vals,
		tauM:    fromValue(vals["tau_m"]),
		cM:      fromValue(vals["c_m"]),
		eL:      fromValue(vals["e_l"]),
		vTh:     fromValue(vals["v_th"]),
		vReset:  fromValue(vals["v_reset"]),
		tRef:    fromValue(vals["t_ref"]),
		iE:      fromValue(vals["i_e"]),
		refEnd:  make([]float64, n),
		zeros:   make([]float64, n),
		scratch: make([]float64, n),
		hold:    vals["refractory_input"].Scalar == 1,
	}
	p.invTau = p.tauM.map1(func(x float64) float64 { return 1 / x })
	p.invC = p.cM.map1(func(x float64) float64 { return 1 / x })
	p.a0 = map2(map2(p.eL, p.invTau, n, func(x, y float64) float64 { return x * y }),
		map2(p.iE, p.invC, n, func(x, y float64) float64 { return x * y }), n,
		func(x, y float64) float64 { return x + y })
	for i := range p.refEnd {
		p.refEnd[i] = notRefractory
	}
	return p, nil
}

func finite(x float64) bool { return !math.IsNaN(x) && !math.IsInf(x, 0) }

func validate(vals map[string]neuron.Value, n int) error {
	for _, p := range params {
		if err := vals[p.Name].Check(p.Name, finite, "a finite number of "+p.Unit); err != nil {
			return err
		}
	}
	if err := vals["c_m"].Check("c_m", func(x float64) bool { return x > 0 }, "> 0 pF"); err != nil {
		return err
	}
	if err := vals["tau_m"].Check("tau_m", func(x float64) bool { return x > 0 }, "> 0 ms"); err != nil {
		return err
	}
	if ri := vals["refractory_input"]; !ri.IsShared() || (ri.Scalar != 0 && ri.Scalar != 1) {
		return fmt.Errorf("refractory_input: must be 0 (drop input during the refractory period, NEST) or 1 (keep it, Brian2), the same for every neuron")
	}
	if err := vals["t_ref"].Check("t_ref", func(x float64) bool { return x >= 0 }, ">= 0 ms"); err != nil {
		return err
	}
	vr, vt := vals["v_reset"], vals["v_th"]
	if vr.IsShared() && vt.IsShared() {
		if !(vr.Scalar < vt.Scalar) {
			return fmt.Errorf("v_reset = %g mV must be below v_th = %g mV", vr.Scalar, vt.Scalar)
		}
		return nil
	}
	for i := 0; i < n; i++ {
		if !(vr.At(i) < vt.At(i)) {
			return fmt.Errorf("v_reset of neuron %d = %g mV must be below v_th = %g mV", i, vr.At(i), vt.At(i))
		}
	}
	return nil
}

// notRefractory is the refractory end of a neuron that is not refractory.
var notRefractory = math.Inf(-1)

// Population is a population of LIF neurons: its parameters (shared or per
// neuron) and, outside the ODE state, each neuron's refractory clock. It
// implements neuron.Population, neuron.Linear and neuron.Exact.
//
// Blocks of distinct neurons may be stepped concurrently: a block writes
// only its own refractory clocks, and the exact propagators, shared by all
// blocks, are replaced atomically when the step or the input time
// constants change.
type Population struct {
	n      int
	values map[string]neuron.Value

	tauM, cM, eL, vTh, vReset, tRef, iE vec
	invTau, invC                        vec // 1/tau_m, 1/c_m
	a0                                  vec // e_l/tau_m + i_e/c_m (exponential Euler's a without input)

	// refEnd[i] is the time (ms) at which neuron i's refractory period
	// ends; notRefractory when it is not refractory. The neuron is
	// refractory at time s when refEnd[i] > s (method exact). The
	// generic methods set it back to notRefractory at the first step end
	// >= refEnd[i].
	refEnd []float64

	prop atomic.Pointer[propagators] // exact method, keyed by dt and input taus
	pn   atomic.Pointer[pnConsts]    // exact method, neurons that differ: per-neuron constants
	eepn atomic.Pointer[eePN]        // StepExpEuler, neurons that differ: per-neuron constants

	// zeros stands for a current a block does not have (method exact:
	// stepShared, exp2PerNeuron): it stays zero (0 times the decay
	// factor 1). scratch holds exp2PerNeuron's c0 of a step with a DC
	// input per neuron. Blocks use their own ranges of both.
	zeros, scratch []float64

	// hold is refractory_input = 1: during the refractory period V is
	// not integrated and not reset, so jumps that arrive then are kept.
	hold bool
}

// Len returns the number of neurons.
func (p *Population) Len() int { return p.n }

// Param returns the values of the named parameter, defaults included.
func (p *Population) Param(name string) (neuron.Value, bool) {
	v, ok := p.values[name]
	return v, ok
}

// Rest sets V of the block to e_l and ends any refractory period.
func (p *Population) Rest(y []float64, off int) {
	for j := range y {
		y[j] = p.eL.at(off + j)
		p.refEnd[off+j] = notRefractory
	}
}

// Refractory reports whether neuron i is refractory at time t (ms). With
// the generic methods, whose refractory periods end on the step grid, it
// is meaningful only at step boundaries.
func (p *Population) Refractory(i int, t float64) bool { return p.refEnd[i] > t }

// vec is a parameter or a derived constant: one value shared by every
// neuron, or one per neuron.
type vec struct {
	all []float64 // per neuron; nil when shared
	x   float64   // the shared value
}

func fromValue(v neuron.Value) vec {
	if v.IsShared() {
		return vec{x: v.Scalar}
	}
	return vec{all: append([]float64(nil), v.PerNeuron...)}
}

func (v vec) at(i int) float64 {
	if v.all != nil {
		return v.all[i]
	}
	return v.x
}

func (v vec) map1(f func(float64) float64) vec {
	if v.all == nil {
		return vec{x: f(v.x)}
	}
	out := make([]float64, len(v.all))
	for i, x := range v.all {
		out[i] = f(x)
	}
	return vec{all: out}
}

func map2(a, b vec, n int, f func(x, y float64) float64) vec {
	if a.all == nil && b.all == nil {
		return vec{x: f(a.x, b.x)}
	}
	out := make([]float64, n)
	for i := range out {
		out[i] = f(a.at(i), b.at(i))
	}
	return vec{all: out}
}
