package lif

import (
	"math"

	"gospike/neuron"
)

// freeStep holds the constants of a free step of a block whose neurons
// share every parameter (stepShared), in the order the vector kernels
// read them (vector_amd64.s): a change here is a change there.
type freeStep struct {
	t, eL, vTh, em1, c0, q0, q1, d0, d1 float64
	tEnd                                float64
	// reset has all bits set (a mask for the kernels) when a neuron
	// refractory over the whole step is set to vReset, none when it is
	// held (refractory_input = 1).
	reset   float64
	vReset4 [4]float64 // v_reset, once per lane
}

func newFreeStep(t, eL, vTh, em1, c0, q0, q1, d0, d1, tEnd, vReset float64, hold bool) freeStep {
	c := freeStep{t: t, eL: eL, vTh: vTh, em1: em1, c0: c0, q0: q0, q1: q1, d0: d0, d1: d1, tEnd: tEnd,
		vReset4: [4]float64{vReset, vReset, vReset, vReset}}
	if !hold {
		c.reset = math.Float64frombits(^uint64(0))
	}
	return c
}

// vecChunk is how many neurons one kernel call covers, so that its list
// of the groups left to the caller fits on the stack.
const vecChunk = 512

// The vector kernels (exp2AVX; with AVX-512, exp2AVX512 eight at a
// time, see chunkKernel) take four neurons at a time and do, on the
// lanes where a neuron is neither refractory nor at or above threshold
// before or after the step, or is refractory over the whole step,
// exactly the arithmetic of exp2One (the products are rounded before
// they are added, as the float64 conversions there force on every
// architecture); the other lanes (a refractory period ending within the
// step, a spike), and the neurons after the last whole group of four,
// are left to exp2One. So a neuron's result does not depend on where it
// lies in a block, and results stay bit-identical for any number of
// shards. A block with fewer than two currents takes them with zero ones
// (stepShared).

// lanesLeft calls one, in order, for each neuron a vector kernel left to
// the scalar code: bad lists groups of the chunk starting at neuron lo as
// group index << 4 | mask of the lanes left.
func lanesLeft(bad []int32, lo int, one func(j int)) {
	for _, g := range bad {
		base := lo + 4*int(g>>4)
		for l := range 4 {
			if g&(1<<l) != 0 {
				one(base + l)
			}
		}
	}
}

// fromChunkStart makes the groups a kernel listed, counted from the
// neuron `after` neurons into the chunk, count from the chunk's start,
// as lanesLeft reads them.
func fromChunkStart(listed []int32, after int) {
	for i := range listed {
		listed[i] += int32(after/4) << 4
	}
}

// chunkKernel runs the vector kernels over a chunk of neurons (len(y) a
// multiple of 4): eight at a time where the processor has AVX-512
// (hasAVX512), then the last four, or all of them elsewhere, four at a
// time. It returns how many groups of four it listed in bad, as
// lanesLeft reads them.
func chunkKernel(y, refEnd, i0, i1 []float64, c *freeStep, bad []int32) int {
	n, n8, k := len(y), 0, 0
	if hasAVX512 {
		n8 = n &^ 7
	}
	if n8 > 0 {
		k = exp2AVX512(&y[0], &refEnd[0], &i0[0], &i1[0], n8, c, &bad[0])
	}
	if n8 < n {
		g := exp2AVX(&y[n8], &refEnd[n8], &i0[n8], &i1[n8], n-n8, c, &bad[k])
		fromChunkStart(bad[k:k+g], n8)
		k += g
	}
	return k
}

// exp2Vector is stepShared's step (two exponential currents, zero ones
// for those a block does not have, and no DC input per neuron): the
// vector kernels where the processor has them, exp2One for the neurons
// they leave, and elsewhere for all.
func (p *Population) exp2Vector(dst []neuron.Spike, y []float64, off int, dt float64, in neuron.ExactInput, c *freeStep, i0, i1 []float64) []neuron.Spike {
	n := len(y)
	refEnd := p.refEnd[off : off+n]
	body := 0
	if hasAVX {
		body = n &^ 3
	}
	var bad [vecChunk / 4]int32
	for lo := 0; lo < body; lo += vecChunk {
		hi := min(lo+vecChunk, body)
		k := chunkKernel(y[lo:hi], refEnd[lo:hi], i0[lo:hi], i1[lo:hi], c, bad[:])
		lanesLeft(bad[:k], lo, func(j int) { dst = p.exp2One(dst, y, off, j, dt, in, c, i0, i1) })
	}
	for j := body; j < n; j++ {
		dst = p.exp2One(dst, y, off, j, dt, in, c, i0, i1)
	}
	return dst
}

// exp2One advances neuron j of a block of stepShared over one step: the free step when it applies, else the
// refractory hold or the slow path; then it decays the currents.
func (p *Population) exp2One(dst []neuron.Spike, y []float64, off, j int, dt float64, in neuron.ExactInput, c *freeStep, i0, i1 []float64) []neuron.Spike {
	v, a, b := y[j], i0[j], i1[j]
	if end := p.refEnd[off+j]; end <= c.t && v < c.vTh {
		u := v - c.eL
		u += float64(c.em1*u) + c.c0
		u += float64(c.q0 * a)
		u += float64(c.q1 * b)
		if v1 := c.eL + u; v1 < c.vTh {
			y[j] = v1
		} else {
			dst = p.exactSlow(dst, y, off, j, c.t, dt, in)
		}
	} else if end >= c.tEnd {
		if !p.hold {
			y[j] = c.vReset4[0] // refractory over the whole step
		}
	} else {
		dst = p.exactSlow(dst, y, off, j, c.t, dt, in)
	}
	i0[j] = a * c.d0
	i1[j] = b * c.d1
	return dst
}
