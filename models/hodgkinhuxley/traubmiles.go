package hodgkinhuxley

import (
	"math"

	"gospike/integrate/fastexp"
	"gospike/neuron"
)

func init() { neuron.Register(TraubMiles{}) }

// TraubMiles is the Hodgkin-Huxley type point neuron of the COBAHH
// benchmark (Brette et al. 2007, benchmark 3), after Traub & Miles 1991,
// as Brian2's examples/COBAHH.py and NEST's hh_cond_exp_traub write it.
// It is registered as "traub-miles".
type TraubMiles struct{}

// Name returns "traub-miles".
func (TraubMiles) Name() string { return "traub-miles" }

// Summary returns a one-line description.
func (TraubMiles) Summary() string {
	return "Traub-Miles Hodgkin-Huxley type neuron of the COBAHH benchmark (Traub & Miles 1991; Brette et al. 2007, J Comput Neurosci 23:349)"
}

// Vars returns v (mV), m, h and n (dimensionless), in that order.
func (TraubMiles) Vars() []neuron.Var {
	return []neuron.Var{
		{Name: "v", Unit: "mV", Doc: "membrane potential"},
		{Name: "m", Unit: "", Doc: "sodium activation gate"},
		{Name: "h", Unit: "", Doc: "sodium inactivation gate"},
		{Name: "n", Unit: "", Doc: "delayed-rectifier potassium activation gate"},
	}
}

const srcTM = "Brette et al. 2007, J Comput Neurosci 23:349 (COBAHH, after Traub & Miles 1991); Brian2 examples/COBAHH.py; NEST hh_cond_exp_traub"

// Params returns the parameters with the COBAHH benchmark's values.
func (TraubMiles) Params() []neuron.Param {
	return []neuron.Param{
		{Name: "c_m", Unit: "uF/cm^2", Default: 1, Doc: "membrane capacitance", Source: srcTM},
		{Name: "g_na", Unit: "mS/cm^2", Default: 100, Doc: "maximal sodium conductance", Source: srcTM},
		{Name: "g_kd", Unit: "mS/cm^2", Default: 30, Doc: "maximal delayed-rectifier potassium conductance", Source: srcTM},
		{Name: "g_l", Unit: "mS/cm^2", Default: 0.05, Doc: "leak conductance", Source: srcTM},
		{Name: "e_na", Unit: "mV", Default: 50, Doc: "sodium reversal potential", Source: srcTM},
		{Name: "e_k", Unit: "mV", Default: -90, Doc: "potassium reversal potential", Source: srcTM},
		{Name: "e_l", Unit: "mV", Default: -60, Doc: "leak reversal potential", Source: srcTM},
		{Name: "v_t", Unit: "mV", Default: -63, Doc: "offset of the rate functions (sets the firing threshold near -50 mV)", Source: srcTM},
		{Name: "v_spike", Unit: "mV", Default: -20, Doc: "a spike is an upward crossing of this potential", Source: "Brian2 examples/COBAHH.py (threshold v > -20 mV)"},
		{Name: "t_ref", Unit: "ms", Default: 3, Doc: "no new spike is detected within t_ref of the last one (the dynamics go on)", Source: "Brian2 examples/COBAHH.py (refractory = 3 ms); Traub & Miles 1991 p. 118 as NEST hh_cond_exp_traub's notes cite it"},
	}
}

// Units returns the density units the COBAHH benchmark writes its
// parameters in (Brian2 multiplies them by an area of 20000 um^2).
func (TraubMiles) Units() neuron.Units {
	return neuron.Units{Current: "uA/cm^2", Conductance: "mS/cm^2", Capacitance: "uF/cm^2", Density: true}
}

// tmConst are the constants of one Traub-Miles neuron.
type tmConst struct {
	gNa, gK, gL float64 // mS/cm^2
	eNa, eK, eL float64 // mV
	invC        float64 // 1/c_m, cm^2/uF
	vT          float64 // mV
	vSpike      float64 // mV
	tRef        float64 // ms
}

// New returns a population of n neurons; params override the defaults.
func (m TraubMiles) New(n int, params map[string]neuron.Value) (neuron.Population, error) {
	vals, err := resolve(pkg, m, n, params, []check{
		positiveCheck("c_m"),
		nonNegativeCheck("g_na"), nonNegativeCheck("g_kd"), nonNegativeCheck("g_l"),
		finiteCheck("e_na"), finiteCheck("e_k"), finiteCheck("e_l"), finiteCheck("v_t"),
		finiteCheck("v_spike"),
		nonNegativeCheck("t_ref"),
	})
	if err != nil {
		return nil, err
	}
	last := make([]float64, n)
	for i := range last {
		last[i] = math.Inf(-1)
	}
	return &tmPopulation{
		n:         n,
		vals:      vals,
		lastSpike: last,
		expE:      make([]float64, n),
		expH:      make([]float64, n),
		k: buildPerNeuron(n, vals, func(at func(string) float64) tmConst {
			return tmConst{
				gNa: at("g_na"), gK: at("g_kd"), gL: at("g_l"),
				eNa: at("e_na"), eK: at("e_k"), eL: at("e_l"),
				invC:   1 / at("c_m"),
				vT:     at("v_t"),
				vSpike: at("v_spike"),
				tRef:   at("t_ref"),
			}
		}),
	}, nil
}

// tmPopulation is a block-wise Traub-Miles population, with the same state
// layout as the Hodgkin-Huxley population (v, m, h, n by blocks of n).
type tmPopulation struct {
	n    int
	vals map[string]neuron.Value
	k    perNeuron[tmConst]
	// lastSpike is the time of each neuron's last spike (ms; -Inf before
	// the first). Blocks are disjoint, so blocks worked on concurrently
	// never write the same element.
	lastSpike []float64
	// expE and expH are the workspace of Derivative and LinearGates, per
	// neuron (so disjoint blocks never share it): the two exponentials of
	// tmRates for the whole block, computed four at a time by
	// fastexp.ExpSlice (rateExps).
	expE, expH []float64
}

func (p *tmPopulation) Len() int { return p.n }

func (p *tmPopulation) Param(name string) (neuron.Value, bool) {
	v, ok := p.vals[name]
	return v, ok
}

// Rest sets v to e_l, the gates to their steady state there, and forgets
// the block's last spikes.
func (p *tmPopulation) Rest(y []float64, off int) {
	n := len(y) / 4
	ks, stride := p.k.block(off, n)
	for j := 0; j < n; j++ {
		k := &ks[j*stride]
		am, bm, ah, bh, an, bn := tmRates(k.eL - k.vT)
		y[j] = k.eL
		y[n+j] = am / (am + bm)
		y[2*n+j] = ah / (ah + bh)
		y[3*n+j] = an / (an + bn)
		p.lastSpike[off+j] = math.Inf(-1)
	}
}

// Derivative writes dy/dt of the block:
//
//	dv/dt = (A - B v - g_na m^3 h (v - e_na) - g_kd n^4 (v - e_k) - g_l (v - e_l)) / c_m
//	dx/dt = alpha_x(v - v_t) (1 - x) - beta_x(v - v_t) x,  x = m, h, n
func (p *tmPopulation) Derivative(dst, y []float64, off int, in neuron.Input) {
	n := len(y) / 4
	V, M, H, N := y[:n], y[n:2*n], y[2*n:3*n], y[3*n:4*n]
	dV, dM, dH, dN := dst[:n], dst[n:2*n], dst[2*n:3*n], dst[3*n:4*n]
	A, B := in.A[:n], in.B[:n]
	ks, stride := p.k.block(off, n)
	eE, eH := p.rateExps(V, off, ks, stride)
	for j, v := range V {
		k := &ks[j*stride]
		m, h, nn := M[j], H[j], N[j]
		am, bm, ah, bh, an, bn := tmRatesFrom(v-k.vT, eE[j], eH[j])
		n2 := nn * nn
		iIon := k.gNa*m*m*m*h*(v-k.eNa) + k.gK*n2*n2*(v-k.eK) + k.gL*(v-k.eL)
		dV[j] = (A[j] - B[j]*v - iIon) * k.invC
		dM[j] = am*(1-m) - bm*m
		dH[j] = ah*(1-h) - bh*h
		dN[j] = an*(1-nn) - bn*nn
	}
}

// Linear writes the block's dy/dt = a + b y, each variable's a and b with
// the others frozen (see the Hodgkin-Huxley population's Linear):
// LinearGates, then LinearV.
func (p *tmPopulation) Linear(a, b, y []float64, off int, in neuron.Input) {
	n := len(y) / 4
	p.LinearGates(a, b, y, off)
	p.LinearV(a[:n], b[:n], off, in)
}

// LinearGates implements neuron.LinearSplit: it writes a and b of the
// gates, which depend on V only, and leaves in the first row of a and b
// the input-free parts of V's,
//
//	sA = g_na m^3 h e_na + g_kd n^4 e_k + g_l e_l,   sB = g_na m^3 h + g_kd n^4 + g_l,
//
// which LinearV completes. The exponentials of the rate functions are
// computed first for the whole block, four at a time
// (fastexp.ExpSlice), then the rates from them (tmRatesFrom): the same
// values tmRates gives neuron by neuron.
func (p *tmPopulation) LinearGates(a, b, y []float64, off int) {
	n := len(y) / 4
	V, M, H, N := y[:n], y[n:2*n], y[2*n:3*n], y[3*n:4*n]
	aV, aM, aH, aN := a[:n], a[n:2*n], a[2*n:3*n], a[3*n:4*n]
	bV, bM, bH, bN := b[:n], b[n:2*n], b[2*n:3*n], b[3*n:4*n]
	ks, stride := p.k.block(off, n)
	eE, eH := p.rateExps(V, off, ks, stride)
	body := 0
	if hasAVX && stride == 0 && n >= 4 {
		// Four neurons at a time, with the same bits as tmGatesOne.
		k := &ks[0]
		body = n &^ 3
		tmGatesAVX(&tmLinArgs{
			v: &V[0], m: &M[0], h: &H[0], n: &N[0], eE: &eE[0], eH: &eH[0],
			aV: &aV[0], bV: &bV[0], aM: &aM[0], bM: &bM[0], aH: &aH[0], bH: &bH[0], aN: &aN[0], bN: &bN[0],
			count: body, vT: k.vT, gNa: k.gNa, gK: k.gK, gL: k.gL, eNa: k.eNa, eK: k.eK,
			gLeL: k.gL * k.eL, invC: k.invC, exp6: exp6, exp075: exp075, exp1: exp1,
		})
	}
	for j := body; j < n; j++ {
		aV[j], bV[j], aM[j], bM[j], aH[j], bH[j], aN[j], bN[j] =
			tmGatesOne(&ks[j*stride], V[j], M[j], H[j], N[j], eE[j], eH[j])
	}
}

// LinearV implements neuron.LinearSplit: from sA and sB (LinearGates)
// and the input, V's
//
//	a = (sA + A)/c_m,   b = -(sB + B)/c_m.
func (p *tmPopulation) LinearV(aV, bV []float64, off int, in neuron.Input) {
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

// AfterStep appends a spike for every upward crossing of v_spike (time
// linearly interpolated within the step) that comes at least t_ref after
// the neuron's last spike. As in Brian2's COBAHH, the refractory period
// only suppresses detection: the model has no reset and its dynamics go on.
func (p *tmPopulation) AfterStep(dst []neuron.Spike, prev, y []float64, off int, t, dt float64) []neuron.Spike {
	n := len(prev)
	V := y[:n]
	last := p.lastSpike[off : off+n]
	ks, stride := p.k.block(off, n)
	for j, v := range V {
		k := &ks[j*stride]
		if ts, ok := crossing(prev[j], v, k.vSpike, t, dt); ok && ts-last[j] >= k.tRef {
			last[j] = ts
			dst = append(dst, neuron.Spike{Neuron: off + j, Time: ts})
		}
	}
	return dst
}

// Constants of the shared exponentials in tmRates.
var (
	exp075 = math.Exp(0.75)
	exp6   = math.Exp(6)
)

// tmRates returns the rates of the gates, in 1/ms, at u = v - v_t (mV), as
// Brian2's COBAHH (exprel(x) = (e^x - 1)/x) and NEST's hh_cond_exp_traub:
//
//	alpha_m = 0.32*4 / exprel((13 - u)/4)    beta_m = 0.28*5 / exprel((u - 40)/5)
//	alpha_h = 0.128 exp((17 - u)/18)         beta_h = 4 / (1 + exp((40 - u)/5))
//	alpha_n = 0.032*5 / exprel((15 - u)/5)   beta_n = 0.5 exp((10 - u)/40)
//
// Two exponentials serve all six: with E = exp((10 - u)/40),
// exp((13-u)/4) = E^10 e^0.75, exp((40-u)/5) = E^8 e^6,
// exp((15-u)/5) = E^8 e, and exp((u-40)/5) = 1/exp((40-u)/5); and
// exp((17 - u)/18). Both come from fastexp.Exp (within 2 units in the
// last place of math.Exp). Where an exprel argument x is near 0, the
// cancellation in e^x - 1 costs about k eps/|x| of relative accuracy (k
// ulps of error in e^x, k <= 16), at most 4e-11 at the series cutoff
// |x| = 1e-4.
func tmRates(u float64) (am, bm, ah, bh, an, bn float64) {
	xE, xH := tmExpArgs(u)
	return tmRatesFrom(u, fastexp.Exp(xE), fastexp.Exp(xH))
}

// tmExpArgs returns the arguments of the two exponentials of tmRates.
// Divisions by constants are written as multiplications (a rounding of
// the argument, not of the result).
func tmExpArgs(u float64) (xE, xH float64) {
	return (10 - u) * (1.0 / 40), (17 - u) * (1.0 / 18)
}

// tmRatesFrom returns tmRates(u) given e1 = exp((10 - u)/40) and
// eh = exp((17 - u)/18). (Sharing one division among the five quotients,
// with multiplications by the other denominators, was tried and is
// slower: the divisions pipeline.)
//
// Every product that is then added to is rounded first (the float64
// conversions): the vector kernel (vector_amd64.s) does the same, so
// that a compiler that fuses multiply-adds (Go's, with GOAMD64=v3) gives
// the scalar code the vector kernel's bits.
func tmRatesFrom(u, e1, eh float64) (am, bm, ah, bh, an, bn float64) {
	e2 := e1 * e1
	e4 := e2 * e2
	e8 := e4 * e4 // E^8 = exp(2 - u/5)
	e40u := float64(e8 * exp6)
	am = float64(1.28 * xOverExpm1((13-u)*0.25, float64(e8*e2*exp075)))
	bm = float64(1.4 * xOverExpm1((u-40)*0.2, 1/e40u))
	ah = float64(0.128 * eh)
	bh = 4 / (1 + e40u)
	an = float64(0.16 * xOverExpm1((15-u)*0.2, float64(e8*exp1)))
	bn = float64(0.5 * e1)
	return
}

// xOverExpm1 returns 1/exprel(x) = x/(e^x - 1) given ex = e^x, by its
// series 1 - x/2 + x^2/12 (error below x^4/720) where |x| < 1e-4, so
// the removable singularity at x = 0 costs no accuracy.
func xOverExpm1(x, ex float64) float64 {
	if math.Abs(x) < 1e-4 {
		return 1 - float64(x/2) + x*x/12
	}
	return x / (ex - 1)
}

// rateExps returns the two exponentials of tmRates for the block of V
// starting at neuron off (constants ks, stride as perNeuron.block gives
// them), computed for the whole block four at a time
// (fastexp.ExpSlice: the same bits as tmRates' fastexp.Exp) into the
// population's workspace.
func (p *tmPopulation) rateExps(V []float64, off int, ks []tmConst, stride int) (eE, eH []float64) {
	eE, eH = p.expE[off:off+len(V)], p.expH[off:off+len(V)]
	for j, v := range V {
		eE[j], eH[j] = tmExpArgs(v - ks[j*stride].vT)
	}
	fastexp.ExpSlice(eE, eE)
	fastexp.ExpSlice(eH, eH)
	return eE, eH
}

var _ neuron.LinearSplit = (*tmPopulation)(nil)
