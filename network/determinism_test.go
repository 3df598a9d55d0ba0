package network

import (
	"context"
	"math"
	"slices"
	"testing"

	"gospike/models/hodgkinhuxley"
	"gospike/neuron"
	"gospike/synapse"
)

func tmPop(t testing.TB, name string, n int, method string) Population {
	t.Helper()
	pop, err := hodgkinhuxley.TraubMiles{}.New(n, nil)
	if err != nil {
		t.Fatal(err)
	}
	return Population{Name: name, Model: hodgkinhuxley.TraubMiles{}, Pop: pop, Method: method}
}

// mixedSpec is a network with every receptor kind, every connection rule
// and every stimulus kind, on LIF (rk4 and exact) and Traub-Miles
// (exponential Euler) populations, with per-synapse weights and delays
// and random initial values.
func mixedSpec(t testing.TB, seed uint64, threads int) Spec {
	const ne, ni, nh = 160, 40, 30
	e := lifPop(t, "exc", ne, "rk4")
	i := lifPop(t, "inh", ni, "exact")
	h := tmPop(t, "hh", nh, "exponential-euler")
	v0 := make([]float64, ne)
	for k := range v0 {
		v0[k] = -70 + 15*float64((k*37)%ne)/ne
	}
	e.Init = map[string]neuron.Value{"v": {PerNeuron: v0}, "ge": neuron.Shared(1)}
	r := func(kind synapse.Kind, tau, eRev float64, name string) synapse.Receptor {
		return synapse.Receptor{Kind: kind, Tau: tau, ERev: eRev, Name: name}
	}
	return Spec{
		Dt: 0.1, Duration: 150, Seed: seed, Threads: threads,
		Populations: []Population{e, i, h},
		Projections: []Projection{
			{From: 0, To: 0, Rule: synapse.Rule{Kind: synapse.FixedProbability, P: 0.1}, Receptor: r(synapse.ExpConductance, 5, 0, "ge"),
				Weight: synapse.UniformDist(0.5, 1.5), Delay: synapse.UniformDist(0.1, 3)},
			{From: 0, To: 1, Rule: synapse.Rule{Kind: synapse.FixedIndegree, K: 20}, Receptor: r(synapse.ExpCurrent, 3, 0, ""),
				Weight: synapse.NormalDist(40, 10), Delay: synapse.Fixed(0.5)},
			{From: 1, To: 0, Rule: synapse.Rule{Kind: synapse.FixedOutdegree, K: 30}, Receptor: r(synapse.AlphaConductance, 2, -80, "gi"),
				Weight: synapse.Fixed(2), Delay: synapse.Fixed(0.8)},
			{From: 1, To: 1, Rule: synapse.Rule{Kind: synapse.AllToAll}, Receptor: r(synapse.Delta, 0, 0, ""),
				Weight: synapse.Fixed(-0.2), Delay: synapse.Fixed(1.5)},
			{From: 0, To: 2, Rule: synapse.Rule{Kind: synapse.FixedProbability, P: 0.2}, Receptor: r(synapse.ExpConductance, 5, 0, "ge"),
				Weight: synapse.NormalDist(0.03, 0.01), Delay: synapse.Fixed(1)},
			{From: 2, To: 0, Rule: synapse.Rule{Kind: synapse.AllToAll}, Receptor: r(synapse.AlphaCurrent, 4, 0, "ia"),
				Weight: synapse.Fixed(5), Delay: synapse.Fixed(2)},
			{From: 2, To: 2, Rule: synapse.Rule{Kind: synapse.OneToOne}, Receptor: r(synapse.ExpCurrent, 2, 0, "ii"),
				Weight: synapse.Fixed(-1), Delay: synapse.Fixed(0.3)},
		},
		Stimuli: []Stimulus{
			{Target: 0, Kind: Poisson, Rate: 20, Count: 50, Weight: neuron.Shared(1.5), Receptor: r(synapse.ExpConductance, 5, 0, "ge")},
			{Target: 1, Kind: Poisson, Rate: 800, Count: 1, Weight: neuron.Shared(4), Receptor: r(synapse.Delta, 0, 0, "")},
			{Target: 0, Kind: DC, Amplitude: neuron.Shared(100), Start: 20, Stop: 120},
			{Target: 2, Kind: Noise, Mean: neuron.Shared(2), Std: neuron.Shared(3), Tau: 2},
			{Target: 2, Kind: Noise, Mean: neuron.Shared(0), Std: neuron.Shared(1)},
			{Target: 1, Kind: SpikeGenerator, Times: []float64{10, 50, 50, 90}, Weight: neuron.Shared(300), Receptor: r(synapse.ExpCurrent, 3, 0, "")},
			{Target: 1, Kind: Step, Times: []float64{30, 60}, Amplitudes: []neuron.Value{neuron.Shared(200), neuron.Shared(0)}},
		},
		Records: []Record{
			{Pop: 0, Vars: []string{"v", "ge", "gi", "gi_h", "ia"}, Neurons: []int{0, 77, 159}},
			{Pop: 1, Vars: []string{"v", "syn0"}, Neurons: []int{3, 39}},
			{Pop: 2, Vars: []string{"v", "m", "ge", "ii"}, Neurons: []int{0, 29}},
		},
	}
}

// sameResult reports where two results differ bit for bit (spikes,
// traces) or "" if they do not.
func sameResult(a, b *Result) string {
	for p := range a.Populations {
		sa, sb := a.Populations[p].Spikes, b.Populations[p].Spikes
		if len(sa) != len(sb) {
			return a.Populations[p].Name + ": spike counts differ"
		}
		for k := range sa {
			if sa[k].Neuron != sb[k].Neuron || math.Float64bits(sa[k].Time) != math.Float64bits(sb[k].Time) {
				return a.Populations[p].Name + ": spikes differ"
			}
		}
	}
	for c := range a.Traces.Columns {
		va, vb := a.Traces.Columns[c].Values, b.Traces.Columns[c].Values
		if !slices.EqualFunc(va, vb, func(x, y float64) bool { return math.Float64bits(x) == math.Float64bits(y) }) {
			return a.Traces.Columns[c].Name + " differs"
		}
	}
	return ""
}

// TestBitIdenticalOverThreads runs the mixed network on 1, 2, 3 and 8
// threads, with shards down to one neuron, and twice with the same seed:
// spikes and traces must agree bit for bit; another seed must differ.
func TestBitIdenticalOverThreads(t *testing.T) {
	defer func(m int) { minShardSize = m }(minShardSize)
	minShardSize = 1
	ref := run(t, mixedSpec(t, 5, 1))
	for _, pr := range ref.Populations {
		if pr.Count < 10 {
			t.Fatalf("population %s fired %d spikes: the test needs activity", pr.Name, pr.Count)
		}
	}
	for _, threads := range []int{1, 2, 3, 8} {
		res := run(t, mixedSpec(t, 5, threads))
		if res.Threads != threads {
			t.Errorf("threads %d: ran on %d workers", threads, res.Threads)
		}
		if d := sameResult(ref, res); d != "" {
			t.Errorf("threads %d: %s", threads, d)
		}
	}
	other := run(t, mixedSpec(t, 6, 2))
	if sameResult(ref, other) == "" {
		t.Error("seeds 5 and 6 give the same result")
	}
}

// TestExchangeInterval: exchanging spikes once per minimum delay + 1
// steps gives the same result, bit for bit, as exchanging them every
// step (on the mixed network with every delay raised to at least 1 ms,
// so that blocks are 11 steps).
func TestExchangeInterval(t *testing.T) {
	defer func(m, b int) { minShardSize, maxBlock = m, b }(minShardSize, maxBlock)
	minShardSize = 4
	spec := func() Spec {
		s := mixedSpec(t, 3, 3)
		for k := range s.Projections {
			s.Projections[k].Delay = synapse.UniformDist(1, 4)
		}
		return s
	}
	nw, err := New(spec())
	if err != nil {
		t.Fatal(err)
	}
	if nw.layout.block != 11 {
		t.Fatalf("block of %d steps, want 11 (min delay 10 steps + 1)", nw.layout.block)
	}
	blocks := run(t, spec())
	maxBlock = 1
	every := run(t, spec())
	if d := sameResult(blocks, every); d != "" {
		t.Errorf("exchange every 11 steps vs every step: %s", d)
	}
}

// TestSplitStepSameBits: stepping the Traub-Miles population in two parts
// (unit.prepare before the step's input, the rest after; what workers do
// while they wait for each other) gives the same bits as the whole
// exponential-Euler step at once, on one and on three workers.
func TestSplitStepSameBits(t *testing.T) {
	defer func(m int) { minShardSize, splitSteps = m, true }(minShardSize)
	minShardSize = 4
	for _, threads := range []int{1, 3} {
		splitSteps = true
		nw, err := New(mixedSpec(t, 7, threads))
		if err != nil {
			t.Fatal(err)
		}
		for _, u := range nw.pops[2].units {
			if u.split == nil {
				t.Fatalf("threads %d: the Traub-Miles unit at %d does not step in two parts", threads, u.off)
			}
		}
		split, err := nw.Run(context.Background(), nil)
		if err != nil {
			t.Fatal(err)
		}
		splitSteps = false
		whole := run(t, mixedSpec(t, 7, threads))
		if d := sameResult(split, whole); d != "" {
			t.Errorf("threads %d: split vs whole steps: %s", threads, d)
		}
		if split.Populations[2].Count < 10 {
			t.Errorf("threads %d: %d Traub-Miles spikes: the test needs activity", threads, split.Populations[2].Count)
		}
	}
}

// cobaSpec is a COBA-shaped network under exponential Euler: LIF neurons
// driven by an exponential conductance (excitatory, 0 mV), an alpha
// conductance (inhibitory, -80 mV) and Poisson input; the inhibitory
// population gets an exponential conductance and current, a dc stimulus
// (a held current per neuron), and delta synapses into V.
func cobaSpec(t testing.TB, seed uint64, threads int) Spec {
	const ne, ni = 160, 40
	e := lifPop(t, "exc", ne, "exponential-euler")
	i := lifPop(t, "inh", ni, "exponential-euler")
	r := func(kind synapse.Kind, tau, eRev float64) synapse.Receptor {
		return synapse.Receptor{Kind: kind, Tau: tau, ERev: eRev}
	}
	ge, gi := r(synapse.ExpConductance, 5, 0), r(synapse.AlphaConductance, 3, -80)
	p := synapse.Rule{Kind: synapse.FixedProbability, P: 0.1}
	return Spec{
		Dt: 0.1, Duration: 200, Seed: seed, Threads: threads,
		Populations: []Population{e, i},
		Projections: []Projection{
			{From: 0, To: 0, Rule: p, Receptor: ge, Weight: synapse.UniformDist(0.5, 1.5), Delay: synapse.Fixed(0.1)},
			{From: 0, To: 1, Rule: p, Receptor: ge, Weight: synapse.Fixed(1), Delay: synapse.UniformDist(0.1, 2)},
			{From: 1, To: 0, Rule: p, Receptor: gi, Weight: synapse.Fixed(4), Delay: synapse.Fixed(0.1)},
			{From: 1, To: 1, Rule: p, Receptor: r(synapse.ExpCurrent, 3, 0), Weight: synapse.Fixed(-50), Delay: synapse.Fixed(0.5)},
			{From: 0, To: 1, Rule: p, Receptor: r(synapse.Delta, 0, 0), Weight: synapse.Fixed(0.3), Delay: synapse.Fixed(1)},
		},
		Stimuli: []Stimulus{
			{Target: 0, Kind: Poisson, Rate: 30, Count: 100, Weight: neuron.Shared(1), Receptor: ge},
			{Target: 1, Kind: Poisson, Rate: 30, Count: 100, Weight: neuron.Shared(1), Receptor: ge},
			{Target: 1, Kind: DC, Amplitude: neuron.Shared(100), Start: 50, Stop: 150},
		},
		Records: []Record{
			{Pop: 0, Vars: []string{"v", "syn0", "syn1"}, Neurons: []int{0, 77, 159}},
			{Pop: 1, Vars: []string{"v", "syn0", "syn1"}, Neurons: []int{3, 39}},
		},
	}
}

// TestFusedStepSameBits: a COBA-shaped network whose units take the
// fused exponential-Euler step (neuron.ExpEulerStepper: the input, the
// LIF step, the exp receptors' decay and the threshold in one pass; the
// alpha receptor advanced after it) gives the same bits as the separate
// passes, on one and on three workers.
func TestFusedStepSameBits(t *testing.T) {
	defer func(m int) { minShardSize, fusedSteps = m, true }(minShardSize)
	minShardSize = 4
	for _, threads := range []int{1, 3} {
		fusedSteps = true
		nw, err := New(cobaSpec(t, 3, threads))
		if err != nil {
			t.Fatal(err)
		}
		for _, ps := range nw.pops {
			for _, u := range ps.units {
				if u.fused == nil {
					t.Fatalf("threads %d: the unit of %s at %d does not take fused steps", threads, ps.name, u.off)
				}
			}
		}
		fused, err := nw.Run(context.Background(), nil)
		if err != nil {
			t.Fatal(err)
		}
		for _, p := range fused.Populations {
			if p.Count < 100 {
				t.Fatalf("threads %d: %s fired %d spikes: the test needs activity", threads, p.Name, p.Count)
			}
		}
		fusedSteps = false
		passes := run(t, cobaSpec(t, 3, threads))
		if d := sameResult(fused, passes); d != "" {
			t.Errorf("threads %d: fused vs separate passes: %s", threads, d)
		}
	}
}
