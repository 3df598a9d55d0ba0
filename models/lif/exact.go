package lif

import (
	"math"

	"gospike/neuron"
)

// maxSpikesPerStep bounds the spikes one neuron may emit in one exact step.
// It is reached only with t_ref = 0 (or tiny) and an input so large that
// the neuron would fire at more than maxSpikesPerStep/dt; the excess spikes
// of that step are dropped and V is left at v_reset.
const maxSpikesPerStep = 1000

// propagators are the exact-integration factors for one step dt and one
// list of exponential input time constants, shared by every block.
// They are immutable once published.
type propagators struct {
	dt   float64
	taus []float64 // Tau of each exponential current, in input order

	em1   vec       // expm1(-dt/tau_m)
	p20   vec       // mV per pA of constant current: -(tau_m/c_m) expm1(-dt/tau_m)
	p21   []vec     // mV per pA of exponential current k at the step start
	decay []float64 // exp(-dt/tau_k)

	shared bool      // em1, p20 and every p21 are shared by all neurons
	p21x   []float64 // the shared p21, when shared
}

func (pr *propagators) matches(dt float64, exp []neuron.ExpCurrent) bool {
	if pr.dt != dt || len(pr.taus) != len(exp) {
		return false
	}
	for k, e := range exp {
		if pr.taus[k] != e.Tau {
			return false
		}
	}
	return true
}

// propagatorsFor returns the propagators for dt and the time constants of
// exp, computing them only when they differ from the last ones.
func (p *Population) propagatorsFor(dt float64, exp []neuron.ExpCurrent) *propagators {
	if pr := p.prop.Load(); pr != nil && pr.matches(dt, exp) {
		return pr
	}
	pr := &propagators{
		dt:    dt,
		taus:  make([]float64, len(exp)),
		em1:   p.tauM.map1(func(tau float64) float64 { return math.Expm1(-dt / tau) }),
		p20:   map2(p.tauM, p.cM, p.n, func(tau, c float64) float64 { return -tau / c * math.Expm1(-dt/tau) }),
		p21:   make([]vec, len(exp)),
		decay: make([]float64, len(exp)),
	}
	for k, e := range exp {
		if !(e.Tau > 0) {
			panic("lif: StepExact: exponential current with Tau <= 0")
		}
		tauS := e.Tau
		pr.taus[k] = tauS
		pr.decay[k] = math.Exp(-dt / tauS)
		pr.p21[k] = map2(p.tauM, p.cM, p.n, func(tau, c float64) float64 { return expGain(dt, tau, tauS, c) })
	}
	pr.shared = pr.em1.all == nil && pr.p20.all == nil
	for _, v := range pr.p21 {
		pr.shared = pr.shared && v.all == nil
		pr.p21x = append(pr.p21x, v.x)
	}
	p.prop.Store(pr)
	return pr
}

// expGain returns the change of V (mV) over x ms caused by a current
// I(s) = exp(-s/tauS) pA through a membrane with time constant tauM and
// capacitance cM starting from V = e_l:
//
//	integral_0^x exp(-(x-s)/tauM) exp(-s/tauS) / cM ds
//	  = exp(-x/tauM) expm1(x d) / (d cM),   d = 1/tauM - 1/tauS
//
// written so that no exponential overflows, and x exp(-x/tauM)/cM when
// tauS == tauM. expm1(x d)/d is well conditioned as d -> 0, so tauS close
// to tauM needs no special case.
func expGain(x, tauM, tauS, cM float64) float64 {
	d := 1/tauM - 1/tauS
	switch {
	case d == 0:
		return x * math.Exp(-x/tauM) / cM
	case d > 0:
		return math.Exp(-x/tauS) * -math.Expm1(-x*d) / (d * cM)
	default:
		return math.Exp(-x/tauM) * math.Expm1(x*d) / (d * cM)
	}
}

// StepExact advances the block from t to t+dt exactly (Rotter & Diesmann
// 1999), with the constant current in.DC (or in.Bias for every neuron
// where DC is nil) plus i_e and the exponentially decaying currents
// in.Exp, which it advances in place.
// Threshold crossings are found at their exact time within the step, the
// neuron is reset there and its refractory period ends at t_spike + t_ref,
// inside the step if that is where it falls, after which V is integrated
// on from v_reset over the rest of the step. See the package
// documentation.
func (p *Population) StepExact(dst []neuron.Spike, y []float64, off int, t, dt float64, in neuron.ExactInput) []neuron.Spike {
	n := len(y)
	if in.DC != nil && len(in.DC) != n {
		panic("lif: StepExact: len(DC) != block size")
	}
	for _, e := range in.Exp {
		if len(e.I) != n {
			panic("lif: StepExact: len(Exp[k].I) != block size")
		}
	}
	pr := p.propagatorsFor(dt, in.Exp)
	refEnd := p.refEnd[off : off+n]
	shared := pr.shared && p.eL.all == nil && p.vTh.all == nil && p.vReset.all == nil && p.iE.all == nil
	switch {
	case shared && len(in.Exp) <= 2 && in.DC == nil:
		// Every neuron has the same propagators, at most two exponential
		// currents (CUBA's ge and gi) and no DC input per neuron: the
		// common case, in one pass that also decays the currents (after
		// the neuron's own step, which reads them at the step start).
		return p.stepShared(dst, y, off, t, dt, in, pr)
	case len(in.Exp) <= 2:
		// Neurons that differ, or a DC input per neuron.
		return p.stepPerNeuron(dst, y, off, t, dt, in, pr)
	}
	// Three or more exponential currents: neuron by neuron. Free over the
	// whole step, V follows the propagator matrix; u + em1*u rather than
	// exp(-dt/tau_m)*u keeps the small change exact (as NEST's
	// iaf_psc_exp_ps does).
	if shared {
		eL, vTh, iE, em1, p20, p21 := p.eL.x, p.vTh.x, p.iE.x, pr.em1.x, pr.p20.x, pr.p21x
		vReset, tEnd := p.vReset.x, t+dt
		for j, v := range y {
			if refEnd[j] <= t && v < vTh {
				iDC := constantCurrent(iE, in, j)
				u := v - eL
				u += float64(em1*u) + float64(p20*iDC)
				for k, e := range in.Exp {
					u += float64(p21[k] * e.I[j])
				}
				if v1 := eL + u; v1 < vTh {
					y[j] = v1
					continue
				}
			} else if refEnd[j] >= tEnd {
				if !p.hold {
					y[j] = vReset // refractory over the whole step
				}
				continue
			}
			dst = p.exactSlow(dst, y, off, j, t, dt, in)
		}
	} else {
		tEnd := t + dt
		for j, v := range y {
			i := off + j
			eL, vTh := p.eL.at(i), p.vTh.at(i)
			if refEnd[j] <= t && v < vTh {
				iDC := constantCurrent(p.iE.at(i), in, j)
				u := v - eL
				u += float64(pr.em1.at(i)*u) + float64(pr.p20.at(i)*iDC)
				for k, e := range in.Exp {
					u += float64(pr.p21[k].at(i) * e.I[j])
				}
				if v1 := eL + u; v1 < vTh {
					y[j] = v1
					continue
				}
			} else if refEnd[j] >= tEnd {
				if !p.hold {
					y[j] = p.vReset.at(i) // refractory over the whole step (as exactSlow would)
				}
				continue
			}
			dst = p.exactSlow(dst, y, off, j, t, dt, in)
		}
	}
	for k, e := range in.Exp {
		d := pr.decay[k]
		for j := range e.I {
			e.I[j] *= d
		}
	}
	return dst
}

// stepPerNeuron is StepExact for at most two exponential currents and
// neurons that differ in some parameter or propagator (drawn thresholds,
// membrane time constants), or a DC input per neuron (a noise current,
// an f-I curve's currents): the vector kernels with per-neuron constants
// where the processor has them (exp2PerNeuron), onePerNeuron neuron by
// neuron elsewhere; the same bits.
func (p *Population) stepPerNeuron(dst []neuron.Spike, y []float64, off int, t, dt float64, in neuron.ExactInput, pr *propagators) []neuron.Spike {
	if hasAVX {
		return p.exp2PerNeuron(dst, y, off, t, dt, in, pr)
	}
	for j := range y {
		dst = p.onePerNeuron(dst, y, off, j, t, dt, in, pr)
	}
	return dst
}

// onePerNeuron advances neuron j of a block of stepPerNeuron over one
// step: the general loop's arithmetic, operation for operation (the same
// bits), with the free step, the refractory hold or the slow path; then
// it decays the neuron's currents (at most two), after its own step has
// read them.
func (p *Population) onePerNeuron(dst []neuron.Spike, y []float64, off, j int, t, dt float64, in neuron.ExactInput, pr *propagators) []neuron.Spike {
	i := off + j
	nExp := len(in.Exp)
	// A missing current is a zero one (q = 0, adding +0 to u, as the
	// kernels do with pnConsts' zeros).
	var a, b, q0, q1 float64
	if nExp > 0 {
		a, q0 = in.Exp[0].I[j], pr.p21[0].at(i)
	}
	if nExp > 1 {
		b, q1 = in.Exp[1].I[j], pr.p21[1].at(i)
	}
	v, eL, vTh := y[j], p.eL.at(i), p.vTh.at(i)
	switch end := p.refEnd[i]; {
	case end <= t && v < vTh:
		iDC := constantCurrent(p.iE.at(i), in, j)
		u := v - eL
		u += float64(pr.em1.at(i)*u) + float64(pr.p20.at(i)*iDC)
		u += float64(q0 * a)
		u += float64(q1 * b)
		if v1 := eL + u; v1 < vTh {
			y[j] = v1
		} else {
			dst = p.exactSlow(dst, y, off, j, t, dt, in)
		}
	case end >= t+dt:
		if !p.hold {
			y[j] = p.vReset.at(i) // refractory over the whole step (as exactSlow would)
		}
	default:
		dst = p.exactSlow(dst, y, off, j, t, dt, in)
	}
	if nExp > 0 {
		in.Exp[0].I[j] = a * pr.decay[0]
	}
	if nExp > 1 {
		in.Exp[1].I[j] = b * pr.decay[1]
	}
	return dst
}

// stepShared is StepExact for a block whose neurons share every
// parameter and propagator, with at most two exponential currents and no
// DC input per neuron. Free
// over the whole step, V follows the propagator matrix; u + em1*u rather
// than exp(-dt/tau_m)*u keeps the small change exact (as NEST's
// iaf_psc_exp_ps does). The arithmetic is the general loop's, operation
// for operation, so both give the same bits: every product is rounded
// before it is added (the float64 conversions, here and there, keep a
// compiler that fuses multiply-adds, as Go's does with GOAMD64=v3, from
// fusing in one and not the other, or in the scalar code and not in the
// vector kernels); the currents are decayed in the same pass, after the
// neuron's own step has read them.
func (p *Population) stepShared(dst []neuron.Spike, y []float64, off int, t, dt float64, in neuron.ExactInput, pr *propagators) []neuron.Spike {
	n := len(y)
	eL, vTh, iE, em1, p20 := p.eL.x, p.vTh.x, p.iE.x, pr.em1.x, pr.p20.x
	vReset, tEnd, hold := p.vReset.x, t+dt, p.hold
	// p20*iDC (there is no DC input per neuron here; with in.Bias, the
	// same for all), rounded (not fused into a later sum).
	iB := iE
	if in.Bias != 0 {
		iB = iE + in.Bias
	}
	c0 := float64(p20 * iB)
	// The two currents; a missing one is a zero one (from the
	// population's zeros, decayed by 1; q = 0 adds +0 to u, which changes
	// no value, only the sign of a zero u), as in exp2PerNeuron.
	i0, i1 := p.zeros[off:off+n], p.zeros[off:off+n]
	var q0, q1 float64
	d0, d1 := 1.0, 1.0
	if len(in.Exp) > 0 {
		i0, q0, d0 = in.Exp[0].I[:n], pr.p21x[0], pr.decay[0]
	}
	if len(in.Exp) > 1 {
		i1, q1, d1 = in.Exp[1].I[:n], pr.p21x[1], pr.decay[1]
	}
	c := newFreeStep(t, eL, vTh, em1, c0, q0, q1, d0, d1, tEnd, vReset, hold)
	return p.exp2Vector(dst, y, off, dt, in, &c, i0, i1)
}

// constantCurrent returns the constant current (pA) onto neuron j of
// the block: i_e (iE) plus in.DC[j], or plus in.Bias where DC is nil
// (adding nothing when Bias is 0).
func constantCurrent(iE float64, in neuron.ExactInput, j int) float64 {
	switch {
	case in.DC != nil:
		return iE + in.DC[j]
	case in.Bias != 0:
		return iE + in.Bias
	}
	return iE
}

// exactSlow advances neuron j of the block over a step in which it is
// refractory at some point or reaches threshold.
func (p *Population) exactSlow(dst []neuron.Spike, y []float64, off, j int, t, dt float64, in neuron.ExactInput) []neuron.Spike {
	i := off + j
	iDC := constantCurrent(p.iE.at(i), in, j)
	e := exactNeuron{
		tauM: p.tauM.at(i), cM: p.cM.at(i), eL: p.eL.at(i), vTh: p.vTh.at(i),
		vReset: p.vReset.at(i), tRef: p.tRef.at(i), iDC: iDC,
		exp: in.Exp, j: j, hold: p.hold,
	}
	y[j], dst = e.step(dst, &p.refEnd[i], i, y[j], t, dt)
	return dst
}

// exactNeuron is one neuron over one exact step that is not a plain
// subthreshold step: it is refractory at some point, or it spikes.
// Currents are those at the step start; times s are from the step start.
type exactNeuron struct {
	tauM, cM, eL, vTh, vReset, tRef float64
	iDC                             float64 // constant current, pA (DC + i_e)
	exp                             []neuron.ExpCurrent
	j                               int  // index in the block
	hold                            bool // refractory_input = 1: V held, not reset, while refractory
}

// step advances V from v at t over dt through refractory periods and
// spikes (at most maxSpikesPerStep), appending the spikes of neuron i to
// dst, and returns V at t+dt.
func (e *exactNeuron) step(dst []neuron.Spike, refEnd *float64, i int, v, t, dt float64) (float64, []neuron.Spike) {
	s := 0.0
	for spikes := 0; spikes < maxSpikesPerStep; spikes++ {
		if end := *refEnd; end > t+s {
			if end >= t+dt {
				if e.hold {
					return v, dst
				}
				return e.vReset, dst // refractory to the end of the step
			}
			s = end - t
			if !e.hold {
				v = e.vReset
			}
		}
		if v < e.vTh {
			x := dt - s
			vEnd := e.vAfter(v, s, x)
			if !(vEnd >= e.vTh) {
				return vEnd, dst
			}
			s = math.Min(s+e.crossing(v, s, x, vEnd), dt)
		} // else: at threshold already (V was set there between steps): spike now
		dst = append(dst, neuron.Spike{Neuron: i, Time: t + s})
		v = e.vReset
		*refEnd = t + s + e.tRef
	}
	return e.vReset, dst
}

// hasExp reports whether any exponential current of the neuron is nonzero.
func (e *exactNeuron) hasExp() bool {
	for _, x := range e.exp {
		if x.I[e.j] != 0 {
			return true
		}
	}
	return false
}

// vAfter returns V at s+x for a neuron free over [s, s+x] with V(s) = v
// (freeAt).
func (e *exactNeuron) vAfter(v, s, x float64) float64 {
	vx, _ := e.freeAt(v, x, func(k int) float64 {
		c := e.exp[k]
		if i0 := c.I[e.j]; i0 != 0 && s != 0 {
			return i0 * math.Exp(-s/c.Tau)
		}
		return c.I[e.j]
	})
	return vx
}

// freeAt returns V at s+x, and dV/dt there, for a neuron free over
// [s, s+x] with V(s) = v and its exponential currents a(k) (pA) at s:
//
//	u(s+x) = u + expm1(-x/tau_m) (u - R I_dc) + sum_k a_k G_k(x),  u = V - e_l
//	dV/dt(s+x) = (e_l - V(s+x))/tau_m + (I_dc + sum_k a_k exp(-x/tau_k))/c_m
//
// with G_k = expGain(x, tau_m, tau_k, c_m), each current's exponentials
// written through the expm1 an evaluation needs anyway (1 + K of them
// for K currents, rather than 1 + 3K):
//
//	exp(-x/tau_k) = exp(-x/tau_m) exp(x d_k),  d_k = 1/tau_m - 1/tau_k
//	G_k = exp(-x/tau_m) expm1(x d_k) / (d_k c_m)
//	    = exp(-x/tau_k) (-expm1(-x d_k)) / (d_k c_m)
//
// (the second form for d_k > 0, as expGain, so that no term grows).
func (e *exactNeuron) freeAt(v, x float64, a func(k int) float64) (float64, float64) {
	em1 := math.Expm1(-x / e.tauM)
	em := em1 + 1 // exp(-x/tau_m)
	u := v - e.eL
	u += em1 * (u - e.tauM/e.cM*e.iDC)
	i := e.iDC
	for k, c := range e.exp {
		ak := a(k)
		if ak == 0 {
			continue
		}
		var g, ek float64 // G_k and exp(-x/tau_k)
		switch d := 1/e.tauM - 1/c.Tau; {
		case d == 0:
			g, ek = x*em/e.cM, em
		case d > 0:
			m := math.Expm1(-x * d)
			ek = em / (1 + m)
			g = ek * -m / (d * e.cM)
		default:
			p := math.Expm1(x * d)
			ek = em * (1 + p)
			g = em * p / (d * e.cM)
		}
		u += ak * g
		i += ak * ek
	}
	vx := e.eL + u
	return vx, (e.eL-vx)/e.tauM + i/e.cM
}

// crossing returns the time x in (0, h] after s at which V, free from
// V(s) = v < v_th, reaches v_th, given that V(s+h) = vEnd >= v_th.
//
// With a constant current only, V relaxes monotonically to
// V_inf = e_l + (tau_m/c_m) I_dc and x = tau_m ln((v - V_inf)/(v_th - V_inf)).
// With exponential currents, a safeguarded Newton iteration on the closed
// form (freeAt, with the currents at s computed once; bisection whenever
// Newton leaves the bracket) finds a root of V(x) = v_th in the bracket
// [0, h].
func (e *exactNeuron) crossing(v, s, h, vEnd float64) float64 {
	if !e.hasExp() {
		vInf := e.eL + e.tauM/e.cM*e.iDC
		x := e.tauM * math.Log1p((v-e.vTh)/(e.vTh-vInf))
		if !(x > 0) { // rounding at a crossing right at s
			return 0
		}
		return math.Min(x, h)
	}
	var a [8]float64 // the first currents at s (the others: at)
	for k, c := range e.exp[:min(len(e.exp), len(a))] {
		if i0 := c.I[e.j]; i0 != 0 {
			a[k] = i0 * math.Exp(-s/c.Tau)
		}
	}
	at := func(k int) float64 {
		if k < len(a) {
			return a[k]
		}
		return e.exp[k].I[e.j] * math.Exp(-s/e.exp[k].Tau)
	}
	lo, hi := 0.0, h
	fLo, fHi := v-e.vTh, vEnd-e.vTh
	x := h * fLo / (fLo - fHi) // regula falsi start
	tol := 1e-14 * h
	for it := 0; it < 200; it++ {
		vx, slope := e.freeAt(v, x, at)
		f := vx - e.vTh
		if f == 0 {
			return x
		}
		if f < 0 {
			lo = x
		} else {
			hi = x
		}
		next := x - f/slope
		if !(next > lo && next < hi) {
			next = lo + 0.5*(hi-lo)
		}
		if math.Abs(next-x) <= tol || hi-lo <= tol {
			return next
		}
		x = next
	}
	return x
}
