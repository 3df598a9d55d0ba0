package morrislecar

import (
	"fmt"
	"math"
	"sort"
	"strings"

	"gospike/neuron"
)

func init() { neuron.Register(Model{}) }

// Model is the Morris-Lecar neuron type, registered as "morris-lecar".
type Model struct{}

var (
	_ neuron.Model     = Model{}
	_ neuron.Presetter = Model{}
)

// Sources of the parameter values.
const (
	srcHopf = "Rinzel & Ermentrout 1998 (Koch & Segev, Methods in Neuronal Modeling, 2nd ed., ch. 7, Appendix A), class II (Hopf) set; " +
		"Ermentrout & Terman 2010, Mathematical Foundations of Neuroscience (Springer), Table 3.1"
	srcSNLC = "Rinzel & Ermentrout 1998 (Koch & Segev, Methods in Neuronal Modeling, 2nd ed., ch. 7, Appendix A), class I (SNLC) set; " +
		"Ermentrout & Terman 2010, Mathematical Foundations of Neuroscience (Springer), Table 3.1 (phi = 0.067)"
	srcSpike = "convention of this package: upward crossing of 0 mV, as the reference scripts " +
		"(ml_scipy.py) detect spikes"
)

// params lists the parameters in the order of the fields of set.
var params = []neuron.Param{
	{Name: "c_m", Unit: "uF/cm^2", Default: 20, Doc: "membrane capacitance", Source: srcHopf},
	{Name: "g_ca", Unit: "mS/cm^2", Default: 4.4, Doc: "maximal calcium conductance", Source: srcHopf},
	{Name: "g_k", Unit: "mS/cm^2", Default: 8, Doc: "maximal potassium conductance", Source: srcHopf},
	{Name: "g_l", Unit: "mS/cm^2", Default: 2, Doc: "leak conductance", Source: srcHopf},
	{Name: "e_ca", Unit: "mV", Default: 120, Doc: "calcium reversal potential", Source: srcHopf},
	{Name: "e_k", Unit: "mV", Default: -84, Doc: "potassium reversal potential", Source: srcHopf},
	{Name: "e_l", Unit: "mV", Default: -60, Doc: "leak reversal potential", Source: srcHopf},
	{Name: "v1", Unit: "mV", Default: -1.2, Doc: "half-activation voltage of m_inf", Source: srcHopf},
	{Name: "v2", Unit: "mV", Default: 18, Doc: "slope of m_inf: m_inf = (1 + tanh((V-v1)/v2))/2", Source: srcHopf},
	{Name: "v3", Unit: "mV", Default: 2, Doc: "half-activation voltage of w_inf", Source: srcHopf},
	{Name: "v4", Unit: "mV", Default: 30, Doc: "slope of w_inf: w_inf = (1 + tanh((V-v3)/v4))/2", Source: srcHopf},
	{Name: "phi", Unit: "", Default: 0.04, Doc: "rate factor of w, a bare number (scenario-format.md): dw/dt = phi cosh((V-v3)/(2 v4)) (w_inf - w) per ms", Source: srcHopf},
	{Name: "v_spike", Unit: "mV", Default: 0, Doc: "a spike is an upward crossing of v_spike", Source: srcSpike},
}

// Name returns "morris-lecar".
func (Model) Name() string { return "morris-lecar" }

// Summary describes the model in one line.
func (Model) Summary() string {
	return "Morris-Lecar (Morris & Lecar 1981) in the Rinzel & Ermentrout (1998) form: " +
		"instantaneous Ca2+ and delayed K+ conductances, presets hopf (type II) and snlc (type I)"
}

// Vars returns the state variables v (mV) and w.
func (Model) Vars() []neuron.Var {
	return []neuron.Var{
		{Name: "v", Unit: "mV", Doc: "membrane potential"},
		{Name: "w", Unit: "", Doc: "fraction of open potassium channels"},
	}
}

// Params returns the parameters; their defaults are the "hopf" set.
func (Model) Params() []neuron.Param {
	out := make([]neuron.Param, len(params))
	copy(out, params)
	return out
}

// Units returns the density units of the model.
func (Model) Units() neuron.Units {
	return neuron.Units{Current: "uA/cm^2", Conductance: "mS/cm^2", Capacitance: "uF/cm^2", Density: true}
}

// Presets returns the "hopf" (type II) and "snlc" (type I) sets. Each lists
// every parameter of the set, so that it does not depend on the defaults.
func (Model) Presets() []neuron.Preset {
	hopf := map[string]float64{
		"c_m": 20, "g_ca": 4.4, "g_k": 8, "g_l": 2, "e_ca": 120, "e_k": -84, "e_l": -60,
		"v1": -1.2, "v2": 18, "v3": 2, "v4": 30, "phi": 0.04,
	}
	snlc := make(map[string]float64, len(hopf))
	for k, x := range hopf {
		snlc[k] = x
	}
	snlc["g_ca"], snlc["v3"], snlc["v4"], snlc["phi"] = 4, 12, 17.4, 0.067
	return []neuron.Preset{
		{Name: "hopf", Values: hopf, Source: srcHopf + "; type II excitability: onset at a subcritical Hopf bifurcation, finite onset rate"},
		{Name: "snlc", Values: snlc, Source: srcSNLC + "; type I excitability: onset at a saddle-node on the limit cycle, rate from zero"},
	}
}

// set holds the parameters of one neuron and the constants derived from
// them once, before any step.
type set struct {
	cm, gCa, gK, gL, eCa, eK, eL, v1, v2, v3, v4, phi, vSpike float64

	invCm     float64 // 1/c_m
	mSlope    float64 // -2/v2: m_inf = 1/(1+exp(mSlope (V-v1)))
	wHalfRate float64 // -1/(2 v4): u = exp(wHalfRate (V-v3))

	vRest, wRest float64 // the zero-current equilibrium (see equilibrium)
}

// field returns a pointer to the field of s for parameter i of params.
func (s *set) field(i int) *float64 {
	return [...]*float64{&s.cm, &s.gCa, &s.gK, &s.gL, &s.eCa, &s.eK, &s.eL,
		&s.v1, &s.v2, &s.v3, &s.v4, &s.phi, &s.vSpike}[i]
}

// key is the part of set that determines the derived values.
func (s *set) key() [13]float64 {
	var k [13]float64
	for i := range k {
		k[i] = *s.field(i)
	}
	return k
}

// derive computes the constants derived from the parameters, including the
// resting state.
func (s *set) derive() {
	s.invCm = 1 / s.cm
	s.mSlope = -2 / s.v2
	s.wHalfRate = -1 / (2 * s.v4)
	s.vRest = s.equilibrium()
	s.wRest = s.wInf(s.vRest)
}

// mInf returns (1 + tanh((V-v1)/v2))/2, computed as the equal logistic
// function 1/(1 + exp(-2 (V-v1)/v2)).
func (s *set) mInf(v float64) float64 { return 1 / (1 + math.Exp(s.mSlope*(v-s.v1))) }

// wInf returns (1 + tanh((V-v3)/v4))/2.
func (s *set) wInf(v float64) float64 {
	u := math.Exp(s.wHalfRate * (v - s.v3))
	u2 := u * u
	return 1 / (1 + u2*u2)
}

// steadyCurrent returns the current (uA/cm^2) that holds V at an
// equilibrium with w = w_inf(V): the steady-state I-V curve.
func (s *set) steadyCurrent(v float64) float64 {
	return s.gL*(v-s.eL) + s.gK*s.wInf(v)*(v-s.eK) + s.gCa*s.mInf(v)*(v-s.eCa)
}

// restScanStep is the grid on which equilibrium looks for the lowest sign
// change of the I-V curve, as ml_model.py's rest() does (0.01 mV).
const restScanStep = 0.01 // mV

// equilibrium returns the lowest V at which steadyCurrent(V) = 0: the
// zero-current resting potential, the equilibrium the reference scripts
// start from (ml_model.py, rest()). Below min(e_k, e_l, e_ca) every term of
// the I-V curve is <= 0 and above max(...) every term is >= 0, so the lowest
// root lies in that bracket. It is found by scanning up from the bottom of
// the bracket in steps of restScanStep for the first point where the curve
// is >= 0, then bisecting that step to machine precision. Two equilibria
// closer together than restScanStep (a parameter set within a hair of a
// fold) may both be missed; the next one up is then returned.
func (s *set) equilibrium() float64 {
	lo := math.Min(s.eK, math.Min(s.eL, s.eCa))
	hi := math.Max(s.eK, math.Max(s.eL, s.eCa))
	if s.steadyCurrent(lo) >= 0 {
		return lo
	}
	a := lo
	for k := 1; ; k++ {
		b := lo + float64(k)*restScanStep
		if b >= hi {
			b = hi
		}
		fb := s.steadyCurrent(b)
		if fb == 0 {
			return b
		}
		if fb > 0 {
			return bisect(s.steadyCurrent, a, b)
		}
		if b == hi {
			// Unreachable for a validated set: steadyCurrent(hi) >= 0.
			panic("morrislecar: no equilibrium in the reversal-potential bracket")
		}
		a = b
	}
}

// bisect returns the root of f in [a, b], where f(a) < 0 < f(b), to machine
// precision.
func bisect(f func(float64) float64, a, b float64) float64 {
	for {
		m := a + (b-a)/2
		if m <= a || m >= b {
			return m
		}
		fm := f(m)
		switch {
		case fm == 0:
			return m
		case fm < 0:
			a = m
		default:
			b = m
		}
	}
}

// New makes a population of n Morris-Lecar neurons. params holds the values
// that differ from the defaults (the "hopf" set); see neuron.Resolve to
// apply a preset. The parameters are checked as a whole: every value finite,
// c_m, v2, v4 and phi positive, conductances non-negative with a positive
// total, and v_spike above the zero-current resting potential they give.
func (m Model) New(n int, values map[string]neuron.Value) (neuron.Population, error) {
	if n < 0 {
		panic("morrislecar: negative population size")
	}
	resolved := make(map[string]neuron.Value, len(params))
	for _, p := range params {
		resolved[p.Name] = neuron.Shared(p.Default)
	}
	for name, v := range values {
		if _, ok := resolved[name]; !ok {
			return nil, fmt.Errorf("morrislecar: no parameter %q (known: %s)", name, paramNames())
		}
		if v.PerNeuron != nil && len(v.PerNeuron) != n {
			return nil, fmt.Errorf("morrislecar: parameter %s: %d values for %d neurons", name, len(v.PerNeuron), n)
		}
		resolved[name] = v
	}
	if err := checkEach(resolved); err != nil {
		return nil, fmt.Errorf("morrislecar: %w", err)
	}

	pop := &Population{n: n, values: resolved, eM: make([]float64, n), eW: make([]float64, n)}
	perNeuron := false
	for _, v := range resolved {
		perNeuron = perNeuron || !v.IsShared()
	}
	if !perNeuron {
		for i, p := range params {
			*pop.shared.field(i) = resolved[p.Name].Scalar
		}
		if err := pop.shared.check(); err != nil {
			return nil, fmt.Errorf("morrislecar: %w", err)
		}
		pop.shared.derive()
		if err := pop.shared.checkRest(); err != nil {
			return nil, fmt.Errorf("morrislecar: %w", err)
		}
		return pop, nil
	}

	pop.per = make([]set, n)
	derived := map[[13]float64]set{} // the rest state is found once per distinct set
	for j := range pop.per {
		s := &pop.per[j]
		for i, p := range params {
			*s.field(i) = resolved[p.Name].At(j)
		}
		if d, ok := derived[s.key()]; ok {
			*s = d
			continue
		}
		if err := s.check(); err != nil {
			return nil, fmt.Errorf("morrislecar: neuron %d: %w", j, err)
		}
		s.derive()
		if err := s.checkRest(); err != nil {
			return nil, fmt.Errorf("morrislecar: neuron %d: %w", j, err)
		}
		derived[s.key()] = *s
	}
	return pop, nil
}

// checkEach checks the parameters one by one.
func checkEach(v map[string]neuron.Value) error {
	finite := func(x float64) bool { return !math.IsNaN(x) && !math.IsInf(x, 0) }
	positive := func(x float64) bool { return finite(x) && x > 0 }
	nonNegative := func(x float64) bool { return finite(x) && x >= 0 }
	for _, p := range params {
		var err error
		switch p.Name {
		case "c_m", "v2", "v4", "phi":
			err = v[p.Name].Check(p.Name, positive, "positive and finite")
		case "g_ca", "g_k", "g_l":
			err = v[p.Name].Check(p.Name, nonNegative, "non-negative and finite")
		default:
			err = v[p.Name].Check(p.Name, finite, "finite")
		}
		if err != nil {
			return err
		}
	}
	return nil
}

// check checks the parameters of one neuron together, before derive.
func (s *set) check() error {
	if s.gCa+s.gK+s.gL <= 0 {
		return fmt.Errorf("g_ca + g_k + g_l = 0: at least one conductance must be positive for the neuron to have a resting state")
	}
	return nil
}

// checkRest checks what needs the resting state, after derive.
func (s *set) checkRest() error {
	if !(s.vSpike > s.vRest) {
		return fmt.Errorf("v_spike = %g mV: must be above the zero-current resting potential %.4g mV of these parameters", s.vSpike, s.vRest)
	}
	return nil
}

func paramNames() string {
	names := make([]string, len(params))
	for i, p := range params {
		names[i] = p.Name
	}
	sort.Strings(names)
	return strings.Join(names, ", ")
}
