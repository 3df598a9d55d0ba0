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
