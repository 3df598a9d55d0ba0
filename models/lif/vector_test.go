package lif

import (
	"math"
	"math/rand/v2"
	"testing"

	"gospike/neuron"
)

// TestVectorMatchesScalar: the vector kernels of StepExact (four neurons
// at a time, and eight with AVX-512 where the processor has it) give the
// same bits as the scalar loop, spike for spike and value for value,
// over 200 steps of 103 neurons (not a multiple of 4) in blocks of 1 to
// 103, with no, one or two exponential currents (the kernels take two,
// with zero ones for those missing), V held or reset during the refractory period,
// neurons refractory, spiking, at threshold, and one with a NaN input
// (which must stay NaN, as the scalar loop leaves it).
func TestVectorMatchesScalar(t *testing.T) {
	if !hasAVX {
		t.Log("no vector kernels on this processor: the scalar loop is compared with itself")
	} else if !hasAVX512 {
		t.Log("no AVX-512 on this processor: its kernels are not tested")
	}
	const n, steps, dt = 103, 200, 0.1
	for _, nExp := range []int{0, 1, 2} {
		for _, hold := range []float64{0, 1} {
			for _, block := range []int{1, 4, 5, 16, 103} {
				run := func(vector, wide bool) ([]neuron.Spike, []float64) {
					defer func(h, w bool) { hasAVX, hasAVX512 = h, w }(hasAVX, hasAVX512)
					hasAVX = hasAVX && vector
					hasAVX512 = hasAVX512 && vector && wide
					pop, err := NewPopulation(n, map[string]neuron.Value{
						"tau_m": neuron.Shared(20), "c_m": neuron.Shared(200), "e_l": neuron.Shared(-49),
						"v_th": neuron.Shared(-50), "v_reset": neuron.Shared(-60), "t_ref": neuron.Shared(2),
						"refractory_input": neuron.Shared(hold)})
					if err != nil {
						t.Fatal(err)
					}
					rng := rand.New(rand.NewPCG(1, uint64(nExp)))
					y := make([]float64, n)
					in := neuron.ExactInput{}
					for k := range nExp {
						in.Exp = append(in.Exp, neuron.ExpCurrent{Tau: 5 + 5*float64(k), I: make([]float64, n)})
					}
					for j := range y {
						y[j] = -60 + 10.5*rng.Float64() // some start at or above threshold
					}
					var spikes []neuron.Spike
					for s := range steps {
						for _, e := range in.Exp { // inputs, as a network's arrivals
							for j := range e.I {
								if rng.IntN(10) == 0 {
									e.I[j] += 100 * (rng.Float64() - 0.3)
								}
							}
						}
						if nExp == 0 && s%7 == 0 { // jumps of V, as delta synapses
							for j := range y {
								y[j] += 2 * rng.Float64()
							}
						}
						if nExp == 2 && s == 50 {
							in.Exp[0].I[9] = math.NaN()
						}
						for off := 0; off < n; off += block {
							hi := min(off+block, n)
							sub := in
							sub.Exp = nil
							for _, e := range in.Exp {
								sub.Exp = append(sub.Exp, neuron.ExpCurrent{Tau: e.Tau, I: e.I[off:hi]})
							}
							spikes = pop.StepExact(spikes, y[off:hi], off, float64(s)*dt, dt, sub)
						}
					}
					return spikes, y
				}
				s0, y0 := run(false, false)
				for _, wide := range []bool{false, true} {
					s1, y1 := run(true, wide)
					if len(s0) < 20 {
						t.Fatalf("%d spikes: the test needs spikes", len(s0))
					}
					if len(s0) != len(s1) {
						t.Fatalf("nExp %d, hold %v, block %d, AVX-512 %v: %d spikes scalar, %d vector", nExp, hold, block, wide, len(s0), len(s1))
					}
					for k := range s0 {
						if s0[k].Neuron != s1[k].Neuron || math.Float64bits(s0[k].Time) != math.Float64bits(s1[k].Time) {
							t.Fatalf("nExp %d, hold %v, block %d: spike %d: %+v scalar, %+v vector", nExp, hold, block, k, s0[k], s1[k])
						}
					}
					for j := range y0 {
						if math.Float64bits(y0[j]) != math.Float64bits(y1[j]) && !(math.IsNaN(y0[j]) && math.IsNaN(y1[j])) {
							t.Fatalf("nExp %d, hold %v, block %d: V[%d] = %v scalar, %v vector", nExp, hold, block, j, y0[j], y1[j])
						}
					}
				}
			}
		}
	}
}
