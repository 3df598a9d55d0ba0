package network

import (
	"math"
	"testing"

	"gonum.org/v1/gonum/floats/scalar"

	"gospike/neuron"
	"gospike/synapse"
)

// TestDirectDelivery: adding the spikes that arrive at a block's first
// step straight into the receptors (CSR.AddNow, unit.deliver) rather
// than through the ring changes only the rounding of the sums: on a
// feed-forward network (200 LIF neurons, each driven by its own constant
// current to fire regularly, onto 200 LIF neurons through rows of
// exp-current synapses with one delay of one step, so blocks of two
// steps, of fixed weights and of weights drawn per synapse, and of delta
// synapses with two steps), the post neurons fire
// the same spikes, at times within 1e-9 ms, and V stays within 1e-9 mV,
// with and without it, on one and on three workers. A spike added a step
// early or late would move V by about a synapse's weight (0.5 mV).
func TestDirectDelivery(t *testing.T) {
	defer func(m int) { minShardSize, directDelivery = m, true }(minShardSize)
	minShardSize = 16
	spec := func(threads int) Spec {
		amp := make([]float64, 200)
		for i := range amp {
			amp[i] = 400 + float64(i) // pA: R I = 16 to 24 mV over the 15 mV to threshold
		}
		s := Spec{Dt: 0.1, Duration: 200, Seed: 3, Threads: threads}
		s.Populations = []Population{lifPop(t, "pre", 200, "exact"), lifPop(t, "post", 200, "exact")}
		s.Stimuli = []Stimulus{
			{Target: 0, Kind: DC, Amplitude: neuron.Value{PerNeuron: amp}, Stop: 200},
			{Target: 1, Kind: DC, Amplitude: neuron.Shared(300), Stop: 200},
		}
		s.Projections = []Projection{
			{From: 0, To: 1, Rule: synapse.Rule{Kind: synapse.FixedProbability, P: 0.2},
				Receptor: synapse.Receptor{Kind: synapse.ExpCurrent, Tau: 5, Name: "i"},
				Weight:   synapse.Fixed(60), Delay: synapse.Fixed(0.1)},
			{From: 0, To: 1, Rule: synapse.Rule{Kind: synapse.FixedOutdegree, K: 20},
				Receptor: synapse.Receptor{Kind: synapse.ExpCurrent, Tau: 5, Name: "i"},
				Weight:   synapse.UniformDist(20, 60), Delay: synapse.Fixed(0.1)},
			{From: 0, To: 1, Rule: synapse.Rule{Kind: synapse.FixedIndegree, K: 10},
				Receptor: synapse.Receptor{Kind: synapse.Delta}, Weight: synapse.Fixed(0.5), Delay: synapse.Fixed(0.2)},
		}
		s.Records = []Record{{Pop: 1, Vars: []string{"v", "i"}, Neurons: []int{0, 7, 99, 150}}}
		return s
	}
	for _, threads := range []int{1, 3} {
		directDelivery = true
		direct := run(t, spec(threads))
		directDelivery = false
		ring := run(t, spec(threads))
		a, b := direct.Populations[1].Spikes, ring.Populations[1].Spikes
		if len(a) < 100 || len(a) != len(b) {
			t.Fatalf("threads %d: %d post spikes direct, %d through the ring (want the same, at least 100)", threads, len(a), len(b))
		}
		for k := range a {
			if a[k].Neuron != b[k].Neuron || !scalar.EqualWithinAbs(a[k].Time, b[k].Time, 1e-9) {
				t.Fatalf("threads %d: spike %d: %+v direct, %+v through the ring", threads, k, a[k], b[k])
			}
		}
		worst := 0.0
		for c, col := range direct.Traces.Columns {
			for s, v := range col.Values {
				worst = max(worst, math.Abs(v-ring.Traces.Columns[c].Values[s]))
			}
		}
		if worst > 1e-9 {
			t.Errorf("threads %d: traces differ by up to %g", threads, worst)
		}
	}
}

// TestTargetWidthsInRun: a shard of more than 65 536 neurons stores its
// targets as uint32, smaller ones as uint16 (synapse.CSR). CUBA at 90 000
// neurons (72 000 excitatory) runs its excitatory population as one
// shard of uint32 targets on one thread and as two of uint16 on two: the
// spikes and traces must agree bit for bit (results never depend on the
// threads), and the bytes per synapse differ by the 2 bytes of an index.
func TestTargetWidthsInRun(t *testing.T) {
	if testing.Short() {
		t.Skip("7.2 million synapses")
	}
	spec := func(threads int) Spec {
		s := cubaSpec(t, 90000, false, threads, 3)
		s.Records = []Record{{Pop: 0, Vars: []string{"v"}, Neurons: []int{0, 40000, 71999}}}
		return s
	}
	one, two := run(t, spec(1)), run(t, spec(2))
	if one.Threads != 1 || two.Threads != 2 {
		t.Fatalf("ran on %d and %d workers, want 1 and 2", one.Threads, two.Threads)
	}
	if one.Populations[0].Count < 100 {
		t.Fatalf("%d excitatory spikes in 3 ms: the test needs activity", one.Populations[0].Count)
	}
	if d := sameResult(one, two); d != "" {
		t.Errorf("uint32 (one shard) and uint16 (two shards) targets: %s", d)
	}
	// The projections from exc onto exc: 72 000 post neurons.
	p1, p2 := one.Projections[0], two.Projections[0]
	if d := float64(p1.Bytes-p2.Bytes) / float64(p1.Synapses); p1.Synapses != p2.Synapses || d < 1.9 || d > 2 {
		t.Errorf("exc -> exc: %d and %d synapses, %d and %d bytes: %.3f bytes a synapse apart, want just under 2 (the index, less the second shard's offsets)",
			p1.Synapses, p2.Synapses, p1.Bytes, p2.Bytes, d)
	}
}
