package hodgkinhuxley

import (
	"fmt"
	"math"

	"gospike/integrate/fastexp"
	"gospike/neuron"
)

func init() { neuron.Register(Model{}) }

const pkg = "hodgkinhuxley"

// VRest is the membrane potential the Hodgkin-Huxley model starts from,
// in mV, with its gates at steady state there: the resting potential of
// the 1952 model, as NEURON's finitialize(-65) sets it.
const VRest = -65.0

// Model is the Hodgkin-Huxley (1952) squid giant axon model, as NEURON's
// built-in hh mechanism computes it with its rate tables switched off.
// It is registered as "hodgkin-huxley".
type Model struct{}

// Name returns "hodgkin-huxley".
func (Model) Name() string { return "hodgkin-huxley" }

// Summary returns a one-line description.
func (Model) Summary() string {
	return "Hodgkin-Huxley squid giant axon, 6.3 degC, as NEURON's hh (Hodgkin & Huxley 1952, J Physiol 117:500)"
}

// Vars returns v (mV), m, h and n (dimensionless), in that order.
func (Model) Vars() []neuron.Var {
	return []neuron.Var{
		{Name: "v", Unit: "mV", Doc: "membrane potential"},
		{Name: "m", Unit: "", Doc: "sodium activation gate"},
		{Name: "h", Unit: "", Doc: "sodium inactivation gate"},
		{Name: "n", Unit: "", Doc: "potassium activation gate"},
	}
}

const (
	srcHH   = "Hodgkin & Huxley 1952, J Physiol 117:500; NEURON hh.mod"
	srcSpk  = "convention: the 0-mV upward crossing counted by NEURON and scipy in the reference runs"
	srcTemp = "NEURON hh.mod: rates scaled by q10^((celsius - 6.3)/10)"
)

// Params returns the parameters with the 1952 values.
func (Model) Params() []neuron.Param {
	return []neuron.Param{
		{Name: "c_m", Unit: "uF/cm^2", Default: 1, Doc: "membrane capacitance", Source: srcHH},
		{Name: "g_na", Unit: "mS/cm^2", Default: 120, Doc: "maximal sodium conductance", Source: srcHH},
		{Name: "g_k", Unit: "mS/cm^2", Default: 36, Doc: "maximal potassium conductance", Source: srcHH},
		{Name: "g_l", Unit: "mS/cm^2", Default: 0.3, Doc: "leak conductance", Source: srcHH},
		{Name: "e_na", Unit: "mV", Default: 50, Doc: "sodium reversal potential", Source: srcHH + " (V_Na = -115 mV from rest at -65 mV, rounded)"},
		{Name: "e_k", Unit: "mV", Default: -77, Doc: "potassium reversal potential", Source: srcHH + " (V_K = +12 mV from rest at -65 mV)"},
		{Name: "e_l", Unit: "mV", Default: -54.387, Doc: "leak reversal potential", Source: "Hodgkin & Huxley 1952, J Physiol 117:500 (V_l = -10.613 mV from rest at -65 mV); NEURON hh.mod rounds it to -54.3"},
		{Name: "celsius", Unit: "degC", Default: 6.3, Doc: "temperature; rates scale by q10^((celsius-6.3)/10)", Source: srcHH + " (6.3 degC)"},
		{Name: "q10", Unit: "", Default: 3, Doc: "temperature coefficient of the gating rates", Source: srcTemp},
		{Name: "v_spike", Unit: "mV", Default: 0, Doc: "a spike is an upward crossing of this potential", Source: srcSpk},
	}
}

// Units returns the density units of the 1952 paper.
func (Model) Units() neuron.Units {
	return neuron.Units{Current: "uA/cm^2", Conductance: "mS/cm^2", Capacitance: "uF/cm^2", Density: true}
}

// hhConst are the constants of one neuron, derived once from its parameters.
type hhConst struct {
	gNa, gK, gL float64 // mS/cm^2
	eNa, eK, eL float64 // mV
	invC        float64 // 1/c_m, cm^2/uF
	phi         float64 // temperature factor q10^((celsius-6.3)/10)
	vSpike      float64 // mV
}

// New returns a population of n neurons; params override the defaults.
func (m Model) New(n int, params map[string]neuron.Value) (neuron.Population, error) {
	vals, err := resolve(pkg, m, n, params, []check{
		positiveCheck("c_m"),
		nonNegativeCheck("g_na"), nonNegativeCheck("g_k"), nonNegativeCheck("g_l"),
		finiteCheck("e_na"), finiteCheck("e_k"), finiteCheck("e_l"),
		{"celsius", func(x float64) bool { return finite(x) && x > -273.15 }, "a finite temperature above absolute zero (-273.15 degC)"},
		positiveCheck("q10"),
		finiteCheck("v_spike"),
	})
	if err != nil {
		return nil, err
	}
	// The temperature factor depends on two parameters: check it as a whole.
	q10, celsius := vals["q10"], vals["celsius"]
	count := 1
	if !q10.IsShared() || !celsius.IsShared() {
		count = n
	}
	for i := 0; i < count; i++ {
		if phi := hhPhi(q10.At(i), celsius.At(i)); !positive(phi) {
			who := ""
			if count > 1 {
				who = fmt.Sprintf(" (neuron %d)", i)
			}
			return nil, fmt.Errorf("%s: model %s: q10 = %g and celsius = %g%s scale the rates by %g: must be positive and finite; choose a temperature nearer 6.3 degC",
				pkg, m.Name(), q10.At(i), celsius.At(i), who, phi)
		}
	}
	return &population{
		n:    n,
		vals: vals,
		e80:  make([]float64, n),
		e18:  make([]float64, n),
		k: buildPerNeuron(n, vals, func(at func(string) float64) hhConst {
			return hhConst{
				gNa: at("g_na"), gK: at("g_k"), gL: at("g_l"),
				eNa: at("e_na"), eK: at("e_k"), eL: at("e_l"),
				invC:   1 / at("c_m"),
				phi:    hhPhi(at("q10"), at("celsius")),
				vSpike: at("v_spike"),
			}
		}),
	}, nil
}

// hhPhi is hh.mod's temperature factor q10^((celsius - 6.3)/10).
func hhPhi(q10, celsius float64) float64 { return math.Pow(q10, (celsius-6.3)/10) }

// population is a block-wise Hodgkin-Huxley population. State layout per
// block of n neurons: v in y[0:n], m in y[n:2n], h in y[2n:3n], n in y[3n:4n].
type population struct {
	n    int
	vals map[string]neuron.Value
	k    perNeuron[hhConst]
	// e80 and e18 are the rate functions' exponentials (rateExps), per
	// neuron, so that disjoint blocks may be stepped concurrently.
	e80, e18 []float64
}

func (p *population) Len() int { return p.n }

func (p *population) Param(name string) (neuron.Value, bool) {
	v, ok := p.vals[name]
	return v, ok
}

// Rest sets v to VRest and the gates to their steady state there.
func (p *population) Rest(y []float64, off int) {
	n := len(y) / 4
	am, bm, ah, bh, an, bn := hhRates(VRest)
	for j := 0; j < n; j++ {
		y[j] = VRest
		y[n+j] = am / (am + bm)
		y[2*n+j] = ah / (ah + bh)
		y[3*n+j] = an / (an + bn)
	}
}

// Derivative writes dy/dt of the block:
//
//	dv/dt = (A - B v - g_na m^3 h (v - e_na) - g_k n^4 (v - e_k) - g_l (v - e_l)) / c_m
//	dx/dt = phi (alpha_x (1 - x) - beta_x x),  x = m, h, n
func (p *population) Derivative(dst, y []float64, off int, in neuron.Input) {
	n := len(y) / 4
	V, M, H, N := y[:n], y[n:2*n], y[2*n:3*n], y[3*n:4*n]
	dV, dM, dH, dN := dst[:n], dst[n:2*n], dst[2*n:3*n], dst[3*n:4*n]
	A, B := in.A[:n], in.B[:n]
	ks, stride := p.k.block(off, n)
	e80, e18 := p.rateExps(V, off)
	for j, v := range V {
		k := &ks[j*stride]
		m, h, nn := M[j], H[j], N[j]
		am, bm, ah, bh, an, bn := hhRatesFrom(v, e80[j], e18[j])
		n2 := nn * nn
		iIon := k.gNa*m*m*m*h*(v-k.eNa) + k.gK*n2*n2*(v-k.eK) + k.gL*(v-k.eL)
		dV[j] = (A[j] - B[j]*v - iIon) * k.invC
		dM[j] = k.phi * (am*(1-m) - bm*m)
		dH[j] = k.phi * (ah*(1-h) - bh*h)
		dN[j] = k.phi * (an*(1-nn) - bn*nn)
	}
}

// Linear writes the block's dy/dt = a + b y, each variable's a and b with
// the others frozen:
//
//	v: a = (g_na m^3 h e_na + g_k n^4 e_k + g_l e_l + A)/c_m, b = -(g_na m^3 h + g_k n^4 + g_l + B)/c_m
//	x: a = phi alpha_x, b = -phi (alpha_x + beta_x)
//
// as LinearGates, then LinearV.
func (p *population) Linear(a, b, y []float64, off int, in neuron.Input) {
	n := len(y) / 4
	p.LinearGates(a, b, y, off)
	p.LinearV(a[:n], b[:n], off, in)
}

// LinearGates implements neuron.LinearSplit: a and b of the gates, which
// depend on V only, and in the first row of a and b the input-free sums
// of V's, sA = g_na m^3 h e_na + g_k n^4 e_k + g_l e_l and
// sB = g_na m^3 h + g_k n^4 + g_l, which LinearV completes.
func (p *population) LinearGates(a, b, y []float64, off int) {
	n := len(y) / 4
	V, M, H, N := y[:n], y[n:2*n], y[2*n:3*n], y[3*n:4*n]
	aV, aM, aH, aN := a[:n], a[n:2*n], a[2*n:3*n], a[3*n:4*n]
	bV, bM, bH, bN := b[:n], b[n:2*n], b[2*n:3*n], b[3*n:4*n]
	ks, stride := p.k.block(off, n)
	e80, e18 := p.rateExps(V, off)
	for j, v := range V {
		k := &ks[j*stride]
		m, h, nn := M[j], H[j], N[j]
		am, bm, ah, bh, an, bn := hhRatesFrom(v, e80[j], e18[j])
		n2 := nn * nn
		gNa, gK := k.gNa*m*m*m*h, k.gK*n2*n2
		aV[j] = gNa*k.eNa + gK*k.eK + k.gL*k.eL
		bV[j] = gNa + gK + k.gL
		aM[j], bM[j] = k.phi*am, -k.phi*(am+bm)
		aH[j], bH[j] = k.phi*ah, -k.phi*(ah+bh)
		aN[j], bN[j] = k.phi*an, -k.phi*(an+bn)
	}
}

// LinearV implements neuron.LinearSplit: V's a = (sA + A)/c_m and
// b = -(sB + B)/c_m from LinearGates' sums and the input.
func (p *population) LinearV(aV, bV []float64, off int, in neuron.Input) {
	n := len(aV)
	bV = bV[:n]
	A, B := in.A[:n], in.B[:n]
	ks, stride := p.k.block(off, n)
	for j, sA := range aV {
		invC := ks[j*stride].invC
		aV[j] = (sA + A[j]) * invC
		bV[j] = -(bV[j] + B[j]) * invC
	}
}

var _ neuron.LinearSplit = (*population)(nil)

// AfterStep appends a spike for every upward crossing of v_spike, its time
// linearly interpolated between t and t+dt. The model has no reset.
func (p *population) AfterStep(dst []neuron.Spike, prev, y []float64, off int, t, dt float64) []neuron.Spike {
	n := len(prev)
	V := y[:n]
	ks, stride := p.k.block(off, n)
	for j, v := range V {
		if ts, ok := crossing(prev[j], v, ks[j*stride].vSpike, t, dt); ok {
			dst = append(dst, neuron.Spike{Neuron: off + j, Time: ts})
		}
	}
	return dst
}

// Constants of the shared exponentials in hhRates.
var (
	exp1  = math.E
	exp25 = math.Exp(2.5)
	exp3  = math.Exp(3)
)

// hhRates returns the opening (alpha) and closing (beta) rates of the
// gates at v (mV), in 1/ms at 6.3 degC, as NEURON's hh.mod with tables off:
//
//	alpha_m = 0.1 vtrap(-(v+40), 10)    beta_m = 4 exp(-(v+65)/18)
//	alpha_h = 0.07 exp(-(v+65)/20)      beta_h = 1/(exp(-(v+35)/10) + 1)
//	alpha_n = 0.01 vtrap(-(v+55), 10)   beta_n = 0.125 exp(-(v+65)/80)
//
// Two calls to exp serve all six: with u = -(v+65), exp(u/10), exp(u/20)
// are powers of exp(u/80), and exp(-(v+40)/10), exp(-(v+35)/10),
// exp(-(v+55)/10) are exp(u/10) times e^2.5, e^3 and e.
func hhRates(v float64) (am, bm, ah, bh, an, bn float64) {
	x80, x18 := hhExpArgs(v)
	return hhRatesFrom(v, math.Exp(x80), math.Exp(x18))
}

// hhExpArgs returns the arguments of hhRates' two exponentials at v,
// u/80 and u/18 with u = -(v+65). Divisions by constants are written as
// multiplications (a rounding of the argument, not of the result).
func hhExpArgs(v float64) (x80, x18 float64) {
	u := -(v + 65)
	return u * (1.0 / 80), u * (1.0 / 18)
}

// rateExps returns, for the block of V starting at neuron off,
// exp(u/80) and exp(u/18) (hhExpArgs), computed for the whole block by
// fastexp four at a time (within 2 units in the last place of math.Exp,
// and the same bits wherever a neuron lies in a block) into the
// population's workspace: for the block's Derivative, RK4's four stages
// and the exponential Euler step, the exponentials cost under a
// nanosecond a neuron instead of 14.
func (p *population) rateExps(V []float64, off int) (e80, e18 []float64) {
	e80, e18 = p.e80[off:off+len(V)], p.e18[off:off+len(V)]
	for j, v := range V {
		e80[j], e18[j] = hhExpArgs(v)
	}
	fastexp.ExpSlice(e80, e80)
	fastexp.ExpSlice(e18, e18)
	return e80, e18
}

// hhRatesFrom returns hhRates(v) given e80 = exp(u/80) and
// e18 = exp(u/18), u = -(v+65).
func hhRatesFrom(v, e80, e18 float64) (am, bm, ah, bh, an, bn float64) {
	u := -(v + 65)
	e40 := e80 * e80
	e20 := e40 * e40
	e10 := e20 * e20
	am = 0.1 * vtrap10(u+25, e10*exp25)
	bm = 4 * e18
	ah = 0.07 * e20
	bh = 1 / (e10*exp3 + 1)
	an = 0.01 * vtrap10(u+10, e10*exp1)
	bn = 0.125 * e80
	return
}

// vtrap10 is hh.mod's vtrap(x, 10) = x/(exp(x/10) - 1) with its removable
// singularity at x = 0 handled as hh.mod does: 10 (1 - x/10/2) when
// |x/10| < 1e-6. ex is exp(x/10), computed by the caller.
func vtrap10(x, ex float64) float64 {
	if math.Abs(x) < 1e-5 {
		return 10 - x/2
	}
	return x / (ex - 1)
}
