package lif

import (
	"fmt"
	"math"
	"math/rand/v2"
	"testing"
	"unsafe"

	"gospike/neuron"
)

// TestPNArgsLayout: pnArgs' offsets are those vector_amd64.s reads.
func TestPNArgsLayout(t *testing.T) {
	var a pnArgs
	for _, c := range []struct {
		name      string
		got, want uintptr
	}{
		{"y", unsafe.Offsetof(a.y), 0}, {"refEnd", unsafe.Offsetof(a.refEnd), 8},
		{"i0", unsafe.Offsetof(a.i0), 16}, {"i1", unsafe.Offsetof(a.i1), 24},
		{"eL", unsafe.Offsetof(a.eL), 32}, {"vTh", unsafe.Offsetof(a.vTh), 40},
		{"em1", unsafe.Offsetof(a.em1), 48}, {"c0", unsafe.Offsetof(a.c0), 56},
		{"q0", unsafe.Offsetof(a.q0), 64}, {"q1", unsafe.Offsetof(a.q1), 72},
		{"vReset", unsafe.Offsetof(a.vReset), 80}, {"bad", unsafe.Offsetof(a.bad), 88},
		{"n", unsafe.Offsetof(a.n), 96}, {"t", unsafe.Offsetof(a.t), 104},
		{"tEnd", unsafe.Offsetof(a.tEnd), 112}, {"d0", unsafe.Offsetof(a.d0), 120},
		{"d1", unsafe.Offsetof(a.d1), 128}, {"reset", unsafe.Offsetof(a.reset), 136},
	} {
		if c.got != c.want {
			t.Errorf("pnArgs.%s at %d, the kernels read it at %d", c.name, c.got, c.want)
		}
	}
}

// TestPerNeuronVectorMatchesScalar: for neurons that differ (membrane
// time constant, threshold, reset and rest drawn per neuron, i_e per
// neuron), and for neurons that share their parameters but get a DC
// input per neuron, the per-neuron vector kernels (four lanes, and eight
// with AVX-512 where the processor has it) give the scalar loop's bits,
// spike for spike and value for value, over 200 steps of 103 neurons in
// blocks of 1 to 103, with no, one or two exponential currents, V held
// or reset during the refractory period, with a bias current (changed
// halfway) or a DC input per neuron (changed every step), one neuron
// with a NaN input.
func TestPerNeuronVectorMatchesScalar(t *testing.T) {
	if !hasAVX {
		t.Skip("no vector kernels on this processor")
	} else if !hasAVX512 {
		t.Log("no AVX-512 on this processor: its kernels are not tested")
	}
	const n, steps, dt = 103, 200, 0.1
	draw := func(seed uint64, lo, hi float64) neuron.Value {
		rng := rand.New(rand.NewPCG(seed, 9))
		v := make([]float64, n)
		for i := range v {
			v[i] = lo + (hi-lo)*rng.Float64()
		}
		return neuron.Value{PerNeuron: v}
	}
	type drive int
	const (
		none drive = iota
		bias
		dc
	)
	for _, differ := range []bool{true, false} {
		for _, nExp := range []int{0, 1, 2} {
			for _, in0 := range []drive{none, bias, dc} {
				if !differ && in0 != dc {
					continue // shared parameters without DC: stepShared, TestVectorMatchesScalar
				}
				for _, hold := range []float64{0, 1} {
					for _, block := range []int{1, 4, 5, 9, 16, 103} {
						name := func(wide bool) string {
							return fmt.Sprintf("differ %v, %d currents, drive %d, hold %v, block %d, AVX-512 %v", differ, nExp, in0, hold, block, wide)
						}
						run := func(vector, wide bool) ([]neuron.Spike, []float64) {
							defer func(h, w bool) { hasAVX, hasAVX512 = h, w }(hasAVX, hasAVX512)
							hasAVX = hasAVX && vector
							hasAVX512 = hasAVX512 && vector && wide
							params := map[string]neuron.Value{
								"tau_m": neuron.Shared(20), "c_m": neuron.Shared(200), "e_l": neuron.Shared(-49),
								"v_th": neuron.Shared(-50), "v_reset": neuron.Shared(-60), "t_ref": neuron.Shared(2),
								"refractory_input": neuron.Shared(hold)}
							if differ {
								params["tau_m"], params["e_l"], params["v_th"] = draw(1, 15, 25), draw(2, -50, -48), draw(3, -51, -49)
								params["v_reset"], params["i_e"] = draw(4, -61, -59), draw(5, -5, 5)
							}
							pop, err := NewPopulation(n, params)
							if err != nil {
								t.Fatal(err)
							}
							rng := rand.New(rand.NewPCG(1, 2))
							y := make([]float64, n)
							in := neuron.ExactInput{}
							switch in0 {
							case bias:
								in.Bias = 35
							case dc:
								in.DC = make([]float64, n)
							}
							for k := range nExp {
								in.Exp = append(in.Exp, neuron.ExpCurrent{Tau: 5 + 5*float64(k), I: make([]float64, n)})
							}
							for j := range y {
								y[j] = -61 + 12*rng.Float64() // some start at or above threshold
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
								if in.DC != nil {
									for j := range in.DC {
										in.DC[j] = 60 * rng.Float64()
									}
								}
								if nExp == 0 && s%7 == 0 { // jumps of V, as delta synapses
									for j := range y {
										y[j] += 2 * rng.Float64()
									}
								}
								if nExp > 0 && s == 50 {
									in.Exp[0].I[9] = math.NaN()
								}
								if s == 100 && in.Bias != 0 {
									in.Bias = -in.Bias // the constants are made again
								}
								for off := 0; off < n; off += block {
									hi := min(off+block, n)
									sub := in
									sub.Exp = nil
									for _, e := range in.Exp {
										sub.Exp = append(sub.Exp, neuron.ExpCurrent{Tau: e.Tau, I: e.I[off:hi]})
									}
									if in.DC != nil {
										sub.DC = in.DC[off:hi]
									}
									spikes = pop.StepExact(spikes, y[off:hi], off, float64(s)*dt, dt, sub)
								}
							}
							return spikes, y
						}
						s0, y0 := run(false, false)
						if len(s0) < 20 {
							t.Fatalf("%s: %d spikes: the test needs spikes", name(false), len(s0))
						}
						for _, wide := range []bool{false, true} {
							s1, y1 := run(true, wide)
							if len(s0) != len(s1) {
								t.Fatalf("%s: %d spikes scalar, %d vector", name(wide), len(s0), len(s1))
							}
							for k := range s0 {
								if s0[k].Neuron != s1[k].Neuron || math.Float64bits(s0[k].Time) != math.Float64bits(s1[k].Time) {
									t.Fatalf("%s: spike %d: %+v scalar, %+v vector", name(wide), k, s0[k], s1[k])
								}
							}
							for j := range y0 {
								if math.Float64bits(y0[j]) != math.Float64bits(y1[j]) && !(math.IsNaN(y0[j]) && math.IsNaN(y1[j])) {
									t.Fatalf("%s: V[%d] = %v scalar, %v vector", name(wide), j, y0[j], y1[j])
								}
							}
						}
					}
				}
			}
		}
	}
}

// TestPerNeuronStepAllocatesNothing: once its constants are made, a step
// of neurons that differ allocates nothing (vector kernels or not).
func TestPerNeuronStepAllocatesNothing(t *testing.T) {
	const n, dt = 1000, 0.1
	tau := make([]float64, n)
	for i := range tau {
		tau[i] = 15 + 10*float64(i)/n
	}
	pop, err := NewPopulation(n, map[string]neuron.Value{"tau_m": {PerNeuron: tau}})
	if err != nil {
		t.Fatal(err)
	}
	y := make([]float64, n)
	pop.Rest(y, 0)
	in := neuron.ExactInput{Bias: 400, Exp: []neuron.ExpCurrent{{Tau: 5, I: make([]float64, n)}, {Tau: 10, I: make([]float64, n)}}}
	spikes := make([]neuron.Spike, 0, n)
	s := 0
	step := func() {
		spikes = pop.StepExact(spikes[:0], y, 0, float64(s)*dt, dt, in)
		s++
	}
	for range 300 { // past the first spikes and refractory periods
		step()
	}
	if a := testing.AllocsPerRun(100, step); a != 0 {
		t.Errorf("%v allocations a step", a)
	}
}
