package lif

import (
	"fmt"
	"math"
	"math/rand/v2"
	"testing"
	"unsafe"

	"gospike/integrate/fastexp"
	"gospike/neuron"
	"gospike/synapse"
)

// TestEEStepLayout: eeStep's and eeArgs' offsets are those
// expeuler_amd64.s reads.
func TestEEStepLayout(t *testing.T) {
	var c eeStep
	var a eeArgs
	for _, f := range []struct {
		name      string
		got, want uintptr
	}{
		{"a0", unsafe.Offsetof(c.a0), 0}, {"nb", unsafe.Offsetof(c.nb), 8},
		{"invC", unsafe.Offsetof(c.invC), 16}, {"dt", unsafe.Offsetof(c.dt), 24},
		{"vTh", unsafe.Offsetof(c.vTh), 32}, {"ends", unsafe.Offsetof(c.ends), 40},
		{"vReset", unsafe.Offsetof(c.vReset), 48}, {"reset", unsafe.Offsetof(c.reset), 56},
		{"e", unsafe.Offsetof(c.e), 64}, {"cm", unsafe.Offsetof(c.cm), 96}, {"em", unsafe.Offsetof(c.em), 128},
		{"args.y", unsafe.Offsetof(a.y), 0}, {"args.prev", unsafe.Offsetof(a.prev), 8},
		{"args.refEnd", unsafe.Offsetof(a.refEnd), 16}, {"args.i", unsafe.Offsetof(a.i), 24},
		{"args.g0", unsafe.Offsetof(a.g0), 32}, {"args.g1", unsafe.Offsetof(a.g1), 40},
		{"args.n", unsafe.Offsetof(a.n), 48}, {"args.c", unsafe.Offsetof(a.c), 56},
		{"args.bad", unsafe.Offsetof(a.bad), 64}, {"args.a0", unsafe.Offsetof(a.a0), 72},
		{"args.nb", unsafe.Offsetof(a.nb), 80}, {"args.invC", unsafe.Offsetof(a.invC), 88},
		{"args.vTh", unsafe.Offsetof(a.vTh), 96}, {"args.vReset", unsafe.Offsetof(a.vReset), 104},
		{"args.g2", unsafe.Offsetof(a.g2), 112}, {"args.g3", unsafe.Offsetof(a.g3), 120}, {"args.k", unsafe.Offsetof(a.k), 128},
		{"args.noI", unsafe.Offsetof(a.noI), 136},
	} {
		if f.got != f.want {
			t.Errorf("%s at %d, the kernel reads it at %d", f.name, f.got, f.want)
		}
	}
}

// passesStep is the step StepExpEuler fuses, done as a network unit does
// it without it: the input into A and B (synapse.Receptor.AddInput),
// Linear, fastexp.ExpEuler, the inputs' decay (network.unit.stepReceptors'
// arithmetic, unexported there) and AfterStep.
func passesStep(p *Population, dst []neuron.Spike, y, prev []float64, off int, t, dt float64, in neuron.ExpEulerInput) []neuron.Spike {
	n := len(y)
	A, B := make([]float64, n), make([]float64, n)
	if in.I != nil {
		copy(A, in.I)
	}
	for _, d := range in.Decay {
		r := synapse.Receptor{Kind: synapse.ExpCurrent}
		if d.Conductance {
			r = synapse.Receptor{Kind: synapse.ExpConductance, ERev: d.ERev}
		}
		r.AddInput(neuron.Input{A: A, B: B}, d.G[:n])
	}
	a, b := make([]float64, n), make([]float64, n)
	p.Linear(a, b, y, off, neuron.Input{A: A, B: B})
	copy(prev, y)
	fastexp.ExpEuler(y, a, b, dt)
	for _, d := range in.Decay {
		for j, x := range d.G[:n] {
			d.G[j] = x + float64(x*d.Em1)
		}
	}
	return p.AfterStep(dst, prev, y, off, t, dt)
}

// TestExpEulerStepMatchesPasses: StepExpEuler, on its AVX2 and AVX-512
// kernels (where the processor has them) and on its scalar loop, gives the bits of the passes it replaces (passesStep)
// for every value it touches: V, V at the step's start, the inputs, the
// refractory clocks and the spikes with their times, over 300 steps of
// 103 neurons in blocks of 1 to 103, with no to four inputs (currents,
// conductances, both), a held current per neuron or none, V held
// or reset while refractory, every parameter shared, t_ref per neuron, or
// every parameter per neuron (the per-neuron kernels), random arrivals
// and one NaN input. It fails if the kernel reads a constant from the
// wrong offset, adds a current to B, skips the refractory reset, or
// lists the wrong lanes (a spike lost or doubled).
func TestExpEulerStepMatchesPasses(t *testing.T) {
	if !hasAVX {
		t.Log("no vector kernels on this processor: the scalar loop alone is tested")
	} else if !hasAVX512 {
		t.Log("no AVX-512 on this processor: its kernel is not tested")
	}
	const n, steps, dt = 103, 300, 0.1
	type input struct {
		cond bool
		e    float64
		tau  float64
		huge bool // weights 10^4 times larger: |b dt| up to about 10, the exponential's reduction past k = 0
	}
	sets := [][]input{
		nil,
		{{cond: true, e: 0, tau: 5}},
		{{cond: false, tau: 5}},
		{{cond: true, e: 0, tau: 5}, {cond: true, e: -80, tau: 10}},
		{{cond: false, tau: 5}, {cond: false, tau: 10}},
		{{cond: true, e: 0, tau: 5}, {cond: false, tau: 10}},
		{{cond: true, e: 0, tau: 5}, {cond: true, e: -80, tau: 10}, {cond: false, tau: 3}},
		{{cond: false, tau: 3}, {cond: true, e: 0, tau: 5}, {cond: true, e: -80, tau: 10}, {cond: true, e: -95, tau: 20}},
		{{cond: true, e: 0, tau: 5, huge: true}, {cond: true, e: -80, tau: 10}},
	}
	for si, set := range sets {
		for _, stim := range []bool{false, true} {
			for _, hold := range []float64{0, 1} {
				for _, differ := range []string{"", "t_ref", "all"} {
					for _, block := range []int{1, 4, 5, 9, 16, 103} {
						name := fmt.Sprintf("inputs %d, stim %v, hold %v, per neuron %q, block %d", si, stim, hold, differ, block)
						run := func(fused, vector, wide bool) ([]neuron.Spike, [][]float64) {
							defer func(h, w bool) { hasAVX, hasAVX512 = h, w }(hasAVX, hasAVX512)
							hasAVX = hasAVX && vector
							hasAVX512 = hasAVX512 && vector && wide
							params := map[string]neuron.Value{
								"tau_m": neuron.Shared(20), "c_m": neuron.Shared(200), "e_l": neuron.Shared(-60),
								"v_th": neuron.Shared(-50), "v_reset": neuron.Shared(-60), "t_ref": neuron.Shared(2),
								"i_e": neuron.Shared(150), "refractory_input": neuron.Shared(hold)}
							perNeuron := func(lo, hi float64) neuron.Value {
								v := make([]float64, n)
								for i := range v {
									v[i] = lo + (hi-lo)*float64((i*37)%n)/n
								}
								return neuron.Value{PerNeuron: v}
							}
							if differ != "" {
								params["t_ref"] = perNeuron(0.05, 3)
							}
							if differ == "all" {
								params["tau_m"], params["c_m"], params["e_l"] = perNeuron(15, 25), perNeuron(150, 250), perNeuron(-62, -58)
								params["v_th"], params["v_reset"], params["i_e"] = perNeuron(-51, -49), perNeuron(-61, -59), perNeuron(100, 200)
							}
							pop, err := NewPopulation(n, params)
							if err != nil {
								t.Fatal(err)
							}
							if !pop.StepsExpEuler(len(set)) {
								t.Fatalf("%s: StepsExpEuler(%d) false", name, len(set))
							}
							rng := rand.New(rand.NewPCG(3, 4))
							y, prev := make([]float64, n), make([]float64, n)
							for j := range y {
								y[j] = -61 + 12*rng.Float64() // some start at or above threshold
							}
							var in neuron.ExpEulerInput
							if stim {
								in.I = make([]float64, n)
							}
							for _, d := range set {
								in.Decay = append(in.Decay, neuron.Decaying{G: make([]float64, n), Em1: math.Expm1(-dt / d.tau), Conductance: d.cond, ERev: d.e})
							}
							var spikes []neuron.Spike
							for s := range steps {
								for k, d := range in.Decay { // arrivals, as a network's
									w := 2.0
									if set[k].cond {
										w = 0.5 + 0.5*float64(k%2)
										if k > 1 {
											w = 0.1
										}
									}
									if set[k].huge {
										w *= 1e4
									}
									for j := range d.G {
										if rng.IntN(10) == 0 {
											d.G[j] += w * rng.Float64()
										}
									}
								}
								if in.I != nil {
									for j := range in.I {
										in.I[j] = 100 * (rng.Float64() - 0.3)
									}
								}
								if len(set) == 0 && s%7 == 0 { // jumps of V, as delta synapses
									for j := range y {
										y[j] += 3 * rng.Float64()
									}
								}
								if len(set) > 0 && s == 50 {
									in.Decay[0].G[9] = math.NaN()
								}
								for off := 0; off < n; off += block {
									hi := min(off+block, n)
									sub := neuron.ExpEulerInput{}
									if in.I != nil {
										sub.I = in.I[off:hi]
									}
									for _, d := range in.Decay {
										d.G = d.G[off:hi]
										sub.Decay = append(sub.Decay, d)
									}
									if fused {
										spikes = pop.StepExpEuler(spikes, y[off:hi], prev[off:hi], off, float64(s)*dt, dt, sub)
									} else {
										spikes = passesStep(pop, spikes, y[off:hi], prev[off:hi], off, float64(s)*dt, dt, sub)
									}
								}
							}
							// (prev is the step's workspace: V at t where
							// AfterStep needs it, not compared.)
							state := [][]float64{y, pop.refEnd}
							for _, d := range in.Decay {
								state = append(state, d.G)
							}
							return spikes, state
						}
						s0, st0 := run(false, false, false)
						if len(s0) < 50 {
							t.Fatalf("%s: %d spikes: the test needs spikes", name, len(s0))
						}
						for _, c := range []struct{ vector, wide bool }{{false, false}, {true, false}, {true, true}} {
							vector := fmt.Sprintf("%v (AVX-512 %v)", c.vector, c.wide)
							s1, st1 := run(true, c.vector, c.wide)
							if len(s0) != len(s1) {
								t.Fatalf("%s, vector %v: %d spikes by the passes, %d fused", name, vector, len(s0), len(s1))
							}
							for k := range s0 {
								if s0[k].Neuron != s1[k].Neuron || math.Float64bits(s0[k].Time) != math.Float64bits(s1[k].Time) {
									t.Fatalf("%s, vector %v: spike %d: %+v by the passes, %+v fused", name, vector, k, s0[k], s1[k])
								}
							}
							for v := range st0 {
								for j := range st0[v] {
									a, b := st0[v][j], st1[v][j]
									if math.Float64bits(a) != math.Float64bits(b) && !(math.IsNaN(a) && math.IsNaN(b)) {
										t.Fatalf("%s, vector %v: state %d[%d] = %v by the passes, %v fused", name, vector, v, j, a, b)
									}
								}
							}
						}
					}
				}
			}
		}
	}
}

// TestStepsExpEuler: the fused step takes up to four inputs, whether the
// neurons share their parameters or not.
func TestStepsExpEuler(t *testing.T) {
	tr := neuron.Value{PerNeuron: []float64{1, 2}}
	tau := neuron.Value{PerNeuron: []float64{10, 20}}
	for _, c := range []struct {
		params map[string]neuron.Value
		k      int
		want   bool
	}{
		{nil, 0, true}, {nil, 2, true}, {nil, 4, true}, {nil, 5, false},
		{map[string]neuron.Value{"t_ref": tr}, 2, true},
		{map[string]neuron.Value{"tau_m": tau}, 1, true}, {map[string]neuron.Value{"tau_m": tau}, 5, false},
	} {
		p, err := NewPopulation(2, c.params)
		if err != nil {
			t.Fatal(err)
		}
		if got := p.StepsExpEuler(c.k); got != c.want {
			t.Errorf("%v, %d inputs: %v, want %v", c.params, c.k, got, c.want)
		}
	}
}

// TestExpEulerStepAllocatesNothing: a fused step allocates nothing, for
// neurons that share their parameters and for neurons that do not (once
// their constants are made).
func TestExpEulerStepAllocatesNothing(t *testing.T) {
	const n, dt = 1000, 0.1
	tau := make([]float64, n)
	for i := range tau {
		tau[i] = 15 + 10*float64(i)/n
	}
	for _, params := range []map[string]neuron.Value{
		{"i_e": neuron.Shared(400)},
		{"i_e": neuron.Shared(400), "tau_m": {PerNeuron: tau}},
	} {
		testExpEulerAllocs(t, n, dt, params)
	}
}

func testExpEulerAllocs(t *testing.T, n int, dt float64, params map[string]neuron.Value) {
	pop, err := NewPopulation(n, params)
	if err != nil {
		t.Fatal(err)
	}
	y, prev := make([]float64, n), make([]float64, n)
	pop.Rest(y, 0)
	in := neuron.ExpEulerInput{Decay: []neuron.Decaying{
		{G: make([]float64, n), Em1: math.Expm1(-dt / 5), Conductance: true},
		{G: make([]float64, n), Em1: math.Expm1(-dt / 10), Conductance: true, ERev: -80}}}
	spikes := make([]neuron.Spike, 0, n)
	s := 0
	step := func() {
		spikes = pop.StepExpEuler(spikes[:0], y, prev, 0, float64(s)*dt, dt, in)
		s++
	}
	for range 300 {
		step()
	}
	if a := testing.AllocsPerRun(100, step); a != 0 {
		t.Errorf("%v allocations a step", a)
	}
}
