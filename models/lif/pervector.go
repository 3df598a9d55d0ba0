package lif

import (
	"math"

	"gospike/neuron"
)

// pnConsts are the constants of a free step of stepPerNeuron, neuron by
// neuron of the population, for one set of propagators and one bias
// current: what stepShared's kernels broadcast, laid out for the
// per-neuron kernels (exp2PNAVX, exp2PNAVX512) to load eight or four at
// a time. c0 is float64(p20*iDC), iDC = i_e + bias (constantCurrent), as
// onePerNeuron rounds it.
type pnConsts struct {
	pr                               *propagators
	bias                             float64
	eL, vTh, em1, c0, q0, q1, vReset []float64
}

// pnFor returns the per-neuron constants for pr and bias, computing
// them for the whole population only when they differ from the last
// ones. A current pr does not have (fewer than two) gets q = 0: a zero
// current, as onePerNeuron adds it.
func (p *Population) pnFor(pr *propagators, bias float64) *pnConsts {
	if k := p.pn.Load(); k != nil && k.pr == pr && k.bias == bias {
		return k
	}
	n := p.n
	all := make([]float64, 7*n)
	k := &pnConsts{pr: pr, bias: bias,
		eL: all[:n:n], vTh: all[n : 2*n : 2*n], em1: all[2*n : 3*n : 3*n], c0: all[3*n : 4*n : 4*n],
		q0: all[4*n : 5*n : 5*n], q1: all[5*n : 6*n : 6*n], vReset: all[6*n : 7*n : 7*n]}
	biasOnly := neuron.ExactInput{Bias: bias}
	for i := range n {
		k.eL[i], k.vTh[i], k.vReset[i] = p.eL.at(i), p.vTh.at(i), p.vReset.at(i)
		k.em1[i] = pr.em1.at(i)
		k.c0[i] = float64(pr.p20.at(i) * constantCurrent(p.iE.at(i), biasOnly, i))
		if len(pr.p21) > 0 {
			k.q0[i] = pr.p21[0].at(i)
		}
		if len(pr.p21) > 1 {
			k.q1[i] = pr.p21[1].at(i)
		}
	}
	p.pn.Store(k)
	return k
}

// pnArgs are the arguments of the per-neuron kernels, in the order
// vector_amd64.s reads them (offsets in the comments): a change here is
// a change there. The pointers are to the first neuron of the group
// range the kernel runs over.
type pnArgs struct {
	y, refEnd, i0, i1                *float64 // 0, 8, 16, 24
	eL, vTh, em1, c0, q0, q1, vReset *float64 // 32 .. 80
	bad                              *int32   // 88
	n                                int      // 96: neurons, a multiple of 8 (AVX-512) or 4
	t, tEnd, d0, d1                  float64  // 104, 112, 120, 128
	reset                            float64  // 136: all bits set, or 0 with refractory_input = 1
}

// exp2PerNeuron is stepPerNeuron where the processor has the vector
// kernels: they take the free and the wholly refractory neurons, four or
// eight at a time, with the same arithmetic as onePerNeuron, which takes
// the others (spikes, refractory periods ending in the step) and the
// last few. Missing currents are zero ones (the population's zeros,
// decayed by 1); with a DC input per neuron, c0 is made for the step,
// neuron by neuron as onePerNeuron rounds it, in the population's
// scratch.
func (p *Population) exp2PerNeuron(dst []neuron.Spike, y []float64, off int, t, dt float64, in neuron.ExactInput, pr *propagators) []neuron.Spike {
	n := len(y)
	k := p.pnFor(pr, in.Bias)
	refEnd := p.refEnd[off : off+n]
	a := pnArgs{t: t, tEnd: t + dt, d0: 1, d1: 1}
	i0, i1 := p.zeros[off:off+n], p.zeros[off:off+n]
	if len(in.Exp) > 0 {
		i0, a.d0 = in.Exp[0].I[:n], pr.decay[0]
	}
	if len(in.Exp) > 1 {
		i1, a.d1 = in.Exp[1].I[:n], pr.decay[1]
	}
	c0 := k.c0[off : off+n]
	if in.DC != nil {
		c0 = p.scratch[off : off+n]
		dc := in.DC[:n]
		for j := range c0 {
			i := off + j
			c0[j] = float64(pr.p20.at(i) * (p.iE.at(i) + dc[j]))
		}
	}
	if !p.hold {
		a.reset = math.Float64frombits(^uint64(0))
	}
	body := n &^ 3
	var bad [vecChunk / 4]int32
	for lo := 0; lo < body; lo += vecChunk {
		hi := min(lo+vecChunk, body)
		g := 0
		for start := lo; start < hi; {
			m := hi - start // a multiple of 4
			wide := hasAVX512 && m >= 8
			if wide {
				m &^= 7
			}
			i := off + start
			a.y, a.refEnd, a.i0, a.i1 = &y[start], &refEnd[start], &i0[start], &i1[start]
			a.eL, a.vTh, a.em1, a.c0 = &k.eL[i], &k.vTh[i], &k.em1[i], &c0[start]
			a.q0, a.q1, a.vReset = &k.q0[i], &k.q1[i], &k.vReset[i]
			a.bad, a.n = &bad[g], m
			var listed int
			if wide {
				listed = exp2PNAVX512(&a)
			} else {
				listed = exp2PNAVX(&a)
			}
			fromChunkStart(bad[g:g+listed], start-lo)
			g += listed
			start += m
		}
		lanesLeft(bad[:g], lo, func(j int) { dst = p.onePerNeuron(dst, y, off, j, t, dt, in, pr) })
	}
	for j := body; j < n; j++ {
		dst = p.onePerNeuron(dst, y, off, j, t, dt, in, pr)
	}
	return dst
}
