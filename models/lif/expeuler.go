package lif

import (
	"math"

	"gospike/integrate/fastexp"
	"gospike/neuron"
)

// The exponential-Euler step in one pass (neuron.ExpEulerStepper), for a
// block driven by at most four decaying inputs (COBA's excitatory and
// inhibitory conductances, CUBA's currents under exponential Euler, and
// others beside them): per neuron
//
//	A = I + sum_r (G_r E_r or G_r),  B = sum_r G_r (conductances only)
//	a = a0 + A/c_m,  b = -1/tau_m - B/c_m  (0, 0 if refractory),  a0 = e_l/tau_m + i_e/c_m
//	V' = V + (a + b V) expm1(b dt)/b        ((a + b V) dt if b dt = 0)
//	G_r' = G_r + G_r expm1(-dt/tau_r)
//
// then AfterStep's threshold, reset and refractory clock: the arithmetic
// of Linear, fastexp.ExpEuler, the network's receptor decay and
// AfterStep, operation for operation, so the same bits as those passes
// (TestExpEulerStepMatchesPasses). The vector kernels (expEulerAVX, four
// neurons at a time, and expEulerAVX512, eight; expEulerPNAVX and
// expEulerPNAVX512 for neurons whose parameters differ, their constants
// loaded per neuron rather than broadcast) do it all and list the
// neurons that spiked or whose refractory period ended, for afterStep1;
// expEulerOne does it one neuron at a time where there are no kernels,
// and for the last few.

// maxInputs is the most decaying inputs StepExpEuler takes.
const maxInputs = 4

// StepsExpEuler reports whether StepExpEuler takes blocks with k
// decaying inputs: k <= 4.
func (p *Population) StepsExpEuler(k int) bool { return k <= maxInputs }

// eeStep holds the constants of a step of StepExpEuler, in the order the
// kernels read them (expeuler_amd64.s; TestEEStepLayout): a change here
// is a change there. A missing input has e = cm = em = 0: the first two
// are then the population's zeros, the other two are not read
// (eeArgs.k). The kernels read a0, nb, invC, vTh and vReset here for
// neurons that share them (eeArgs points to them per neuron otherwise).
type eeStep struct {
	a0, nb, invC, dt float64 // 0, 8, 16, 24: e_l/tau_m + i_e/c_m, -1/tau_m, 1/c_m, dt
	vTh, ends        float64 // 32, 40: refractory periods ending by ends end at this step
	vReset, reset    float64 // 48, 56: reset has all bits set, or none with refractory_input = 1
	e, cm, em        [maxInputs]float64
	// e (64 .. 88): E_rev for a conductance, 1 for a current (G*1 = G);
	// cm (96 .. 120): all bits set for a conductance (B += G), none for a
	// current; em (128 .. 152): expm1(-dt/tau).
}

// eeArgs are the kernels' arguments (offsets in the comments, as they
// read them; TestEEStepLayout).
type eeArgs struct {
	y, prev, refEnd, i, g0, g1 *float64 // 0 .. 40: the first neuron's
	n                          int      // 48: neurons, a multiple of 4 (8 for AVX-512)
	c                          *eeStep  // 56
	bad                        *int32   // 64: the groups left, as lanesLeft reads them
	// 72 .. 104: the first neuron's a0, nb, invC, vTh, vReset, for the
	// per-neuron kernels (eePN).
	a0, nb, invC, vTh, vReset *float64
	g2, g3                    *float64 // 112, 120: the third and fourth inputs', when k > 2
	k                         int      // 128: the number of inputs
	noI                       int      // 136: 1 when there is no held current (I is not read)
}

// eePN holds, neuron by neuron of the population, what the per-neuron
// kernels load: the eeStep constants that differ between neurons (the
// others repeated), made once.
type eePN struct {
	a0, nb, invC, vTh, vReset []float64
}

// eePNFor returns the population's eePN, made at the first call (blocks
// stepped concurrently may each make it: the same values).
func (p *Population) eePNFor() *eePN {
	if k := p.eepn.Load(); k != nil {
		return k
	}
	n := p.n
	all := make([]float64, 5*n)
	k := &eePN{a0: all[:n:n], nb: all[n : 2*n : 2*n], invC: all[2*n : 3*n : 3*n], vTh: all[3*n : 4*n : 4*n], vReset: all[4*n:]}
	for i := range n {
		k.a0[i], k.nb[i], k.invC[i] = p.a0.at(i), -p.invTau.at(i), p.invC.at(i)
		k.vTh[i], k.vReset[i] = p.vTh.at(i), p.vReset.at(i)
	}
	p.eepn.Store(k)
	return k
}

// StepExpEuler implements neuron.ExpEulerStepper for blocks with at most
// four decaying inputs (StepsExpEuler; it panics on others).
func (p *Population) StepExpEuler(dst []neuron.Spike, y, prev []float64, off int, t, dt float64, in neuron.ExpEulerInput) []neuron.Spike {
	n := len(y)
	if !p.StepsExpEuler(len(in.Decay)) || len(prev) != n || (in.I != nil && len(in.I) != n) {
		panic("lif: StepExpEuler: a block it does not take")
	}
	c := eeStep{a0: p.a0.x, nb: -p.invTau.x, invC: p.invC.x, dt: dt, vTh: p.vTh.x, ends: t + dt + gridSlack*dt, vReset: p.vReset.x}
	if !p.hold {
		c.reset = math.Float64frombits(^uint64(0))
	}
	I := p.zeros[off : off+n]
	if in.I != nil {
		I = in.I
	}
	var g [maxInputs][]float64 // the inputs; the first two are zeros when missing
	g[0], g[1] = p.zeros[off:off+n], p.zeros[off:off+n]
	for r, d := range in.Decay {
		c.e[r], c.em[r] = 1, d.Em1
		if d.Conductance {
			c.e[r], c.cm[r] = d.ERev, math.Float64frombits(^uint64(0))
		}
		g[r] = d.G[:n]
	}
	k := len(in.Decay)
	refEnd := p.refEnd[off : off+n]
	body := 0
	if hasAVX {
		body = n &^ 3
	}
	var pn *eePN // per-neuron constants, for the PN kernels
	if body > 0 && (p.a0.all != nil || p.invTau.all != nil || p.invC.all != nil || p.vTh.all != nil || p.vReset.all != nil) {
		pn = p.eePNFor()
	}
	var bad [vecChunk / 4]int32
	args := func(lo, hi int, bad *int32) eeArgs {
		a := eeArgs{y: &y[lo], prev: &prev[lo], refEnd: &refEnd[lo], i: &I[lo], g0: &g[0][lo], g1: &g[1][lo],
			n: hi - lo, c: &c, bad: bad, k: k}
		if in.I == nil {
			a.noI = 1
		}
		if k > 2 {
			a.g2 = &g[2][lo]
		}
		if k > 3 {
			a.g3 = &g[3][lo]
		}
		if pn != nil {
			i := off + lo
			a.a0, a.nb, a.invC, a.vTh, a.vReset = &pn.a0[i], &pn.nb[i], &pn.invC[i], &pn.vTh[i], &pn.vReset[i]
		}
		return a
	}
	for lo := 0; lo < body; lo += vecChunk {
		// Eight at a time where the processor has AVX-512, then the last
		// four; or all four at a time.
		hi := min(lo+vecChunk, body)
		listed, mid := 0, lo
		if hasAVX512 {
			mid = lo + (hi-lo)&^7
		}
		// (Called directly: through a function value, a would escape.)
		if mid > lo {
			a := args(lo, mid, &bad[0])
			if pn == nil {
				listed = expEulerAVX512(&a)
			} else {
				listed = expEulerPNAVX512(&a)
			}
		}
		if mid < hi {
			a := args(mid, hi, &bad[listed])
			var more int
			if pn == nil {
				more = expEulerAVX(&a)
			} else {
				more = expEulerPNAVX(&a)
			}
			fromChunkStart(bad[listed:listed+more], mid-lo)
			listed += more
		}
		lanesLeft(bad[:listed], lo, func(j int) {
			if refEnd[j] != notRefractory || y[j] >= p.vTh.at(off+j) {
				dst = p.afterStep1(dst, prev[j], &y[j], &refEnd[j], off+j, t, dt, c.ends)
			}
		})
	}
	for j := body; j < n; j++ {
		dst = p.expEulerOne(dst, y, prev, refEnd, I, g[:max(k, 2)], off, j, t, dt, &c)
	}
	return dst
}

// expEulerOne is StepExpEuler's step of neuron j of the block: the
// passes' arithmetic (the products rounded before they are added, as in
// Linear and the receptors' AddInput).
func (p *Population) expEulerOne(dst []neuron.Spike, y, prev, refEnd, I []float64, g [][]float64, off, j int, t, dt float64, c *eeStep) []neuron.Spike {
	i := off + j
	v := y[j]
	prev[j] = v
	A, B := I[j], 0.0
	for r, gr := range g {
		if x := gr[j]; c.cm[r] != 0 {
			A += float64(x * c.e[r])
			B += x
		} else {
			A += x // a current (or a missing input: 0)
		}
	}
	invC := p.invC.at(i)
	a, b := p.a0.at(i)+float64(A*invC), -p.invTau.at(i)-float64(B*invC)
	if refEnd[j] != notRefractory {
		a, b = 0, 0
	}
	v += fastexp.ExpEulerIncrement(a, b, v, dt)
	y[j] = v
	for r, gr := range g {
		x := gr[j]
		gr[j] = x + float64(x*c.em[r])
	}
	if refEnd[j] != notRefractory || v >= p.vTh.at(i) {
		dst = p.afterStep1(dst, prev[j], &y[j], &refEnd[j], i, t, dt, c.ends)
	}
	return dst
}
