package morrislecar

import (
	"math"

	"gospike/integrate/fastexp"
	"gospike/neuron"
)

// Population is a population of Morris-Lecar neurons. Its state is v (mV)
// then w, variable-major per block (see neuron.Population).
type Population struct {
	n      int
	values map[string]neuron.Value // every parameter, as resolved by New
	shared set                     // the parameters when every neuron has the same
	per    []set                   // one per neuron when any parameter differs; nil otherwise
	// eM and eW are the workspace of rateExps, per neuron, so that
	// disjoint blocks may be stepped concurrently.
	eM, eW []float64
}

var (
	_ neuron.Population = (*Population)(nil)
	_ neuron.Linear     = (*Population)(nil)
)

// Len returns the number of neurons.
func (p *Population) Len() int { return p.n }

// Param returns the values of the named parameter.
func (p *Population) Param(name string) (neuron.Value, bool) {
	v, ok := p.values[name]
	return v, ok
}

// params returns the parameters of neuron i of the population.
func (p *Population) params(i int) *set {
	if p.per != nil {
		return &p.per[i]
	}
	return &p.shared
}

// Rest fills y with the zero-current equilibrium (V, w_inf(V)) of every
// neuron of the block, found once per distinct parameter set by New.
func (p *Population) Rest(y []float64, off int) {
	n := len(y) / 2
	v, w := y[:n], y[n:2*n]
	for j := range v {
		s := p.params(off + j)
		v[j], w[j] = s.vRest, s.wRest
	}
}

// rates returns, for one neuron at potential v, m_inf(V), w_inf(V) and the
// rate lambda(V) = phi cosh((V-v3)/(2 v4)) of w. With
// u = exp(-(V-v3)/(2 v4)), w_inf = (1 + tanh((V-v3)/v4))/2 = 1/(1 + u^4) and
// cosh((V-v3)/(2 v4)) = (u + 1/u)/2: one exponential serves both, and both
// expressions keep their correct limits (0, 1, +Inf) when u under- or
// overflows.
func (s *set) rates(v float64) (mInf, wInf, lambda float64) {
	xM, xW := s.expArgs(v)
	return s.ratesFrom(math.Exp(xM), math.Exp(xW))
}

// expArgs returns the arguments of the two exponentials of rates at v.
func (s *set) expArgs(v float64) (xM, xW float64) {
	return s.mSlope * (v - s.v1), s.wHalfRate * (v - s.v3)
}

// ratesFrom returns rates(v) given eM = exp(xM) and u = exp(xW), with
// xM, xW = expArgs(v).
func (s *set) ratesFrom(eM, u float64) (mInf, wInf, lambda float64) {
	mInf = 1 / (1 + eM)
	u2 := u * u
	wInf = 1 / (1 + u2*u2)
	lambda = s.phi * 0.5 * (u + 1/u)
	return mInf, wInf, lambda
}

// rateExps returns the two exponentials of rates (expArgs) for the block
// of v starting at neuron off, computed for the whole block four at a
// time by fastexp (within 2 units in the last place of math.Exp; the
// same bits wherever a neuron lies in a block) into the population's
// workspace.
func (p *Population) rateExps(v []float64, off int) (eM, eW []float64) {
	eM, eW = p.eM[off:off+len(v)], p.eW[off:off+len(v)]
	for j, vj := range v {
		eM[j], eW[j] = p.params(off + j).expArgs(vj)
	}
	fastexp.ExpSlice(eM, eM)
	fastexp.ExpSlice(eW, eW)
	return eM, eW
}

// Derivative writes dv/dt and dw/dt of the block into dst:
//
//	dv/dt = (A - B V - g_l (V-e_l) - g_k w (V-e_k) - g_ca m_inf(V) (V-e_ca)) / c_m
//	dw/dt = phi cosh((V-v3)/(2 v4)) (w_inf(V) - w)
func (p *Population) Derivative(dst, y []float64, off int, in neuron.Input) {
	n := len(in.A)
	v, w := y[:n], y[n:2*n]
	dv, dw := dst[:n], dst[n:2*n]
	bIn := in.B[:n]
	eM, eW := p.rateExps(v, off)
	for j, a := range in.A {
		s := p.params(off + j)
		vj, wj := v[j], w[j]
		mInf, wInf, lambda := s.ratesFrom(eM[j], eW[j])
		iIon := s.gL*(vj-s.eL) + s.gK*wj*(vj-s.eK) + s.gCa*mInf*(vj-s.eCa)
		dv[j] = (a - bIn[j]*vj - iIon) * s.invCm
		dw[j] = lambda * (wInf - wj)
	}
}

// Linear writes the coefficients of dy/dt = a + b y for the exponential
// Euler method. For w they are exact: a = lambda(V) w_inf(V), b = -lambda(V).
// V is not conditionally linear, since m_inf depends on V itself; Linear
// freezes m_inf at the V the step starts from:
//
//	a_v = (g_ca m_inf(V) e_ca + g_k w e_k + g_l e_l + A) / c_m
//	b_v = -(g_ca m_inf(V) + g_k w + g_l + B) / c_m
//
// so that a_v + b_v V equals dV/dt exactly at the start of the step and the
// exponential Euler step stays first-order consistent (see the package
// documentation). Brian2 would refuse exponential_euler for these equations.
func (p *Population) Linear(a, b, y []float64, off int, in neuron.Input) {
	n := len(in.A)
	v, w := y[:n], y[n:2*n]
	av, aw := a[:n], a[n:2*n]
	bv, bw := b[:n], b[n:2*n]
	bIn := in.B[:n]
	eM, eW := p.rateExps(v, off)
	for j, aIn := range in.A {
		s := p.params(off + j)
		mInf, wInf, lambda := s.ratesFrom(eM[j], eW[j])
		gCa, gK := s.gCa*mInf, s.gK*w[j]
		av[j] = (gCa*s.eCa + gK*s.eK + s.gL*s.eL + aIn) * s.invCm
		bv[j] = -(gCa + gK + s.gL + bIn[j]) * s.invCm
		aw[j] = lambda * wInf
		bw[j] = -lambda
	}
}

// AfterStep appends a spike for every neuron of the block whose V crossed
// v_spike upward during the step (prev < v_spike <= V), at the time found by
// linear interpolation between t and t+dt. The model has no reset.
func (p *Population) AfterStep(dst []neuron.Spike, prev, y []float64, off int, t, dt float64) []neuron.Spike {
	v := y[:len(prev)]
	for j, v0 := range prev {
		vs := p.params(off + j).vSpike
		if v0 < vs && v[j] >= vs {
			dst = append(dst, neuron.Spike{Neuron: off + j, Time: t + dt*(vs-v0)/(v[j]-v0)})
		}
	}
	return dst
}
