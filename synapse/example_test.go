package synapse_test

import (
	"fmt"

	"gospike/synapse"
)

// Connect 1000 neurons to themselves with exactly 80 inputs each, cut
// into two shards, and deliver one spike.
func ExampleConnect() {
	c := synapse.Conn{
		NPre: 1000, NPost: 1000, Self: true,
		Rule:   synapse.Rule{Kind: synapse.FixedIndegree, K: 80},
		Weight: synapse.Fixed(0.1), // mV, a delta synapse
		Delay:  synapse.Fixed(1.5), // ms
	}
	shards, err := synapse.Connect(c, 0.1, 42, 0, []int{0, 500, 1000}, 2)
	if err != nil {
		fmt.Println(err)
		return
	}
	var n int64
	for _, s := range shards {
		n += s.Synapses()
	}
	fmt.Println("synapses:", n)

	// Neuron 7 spikes in step 99 (stamped 100): its weights arrive at
	// step 100 + 15 in the rings of the shards it projects to.
	ring := synapse.NewRing(500, 15)
	shards[0].Deliver(ring, 7, 100)
	sum := 0.0
	for _, w := range ring.Due(115) {
		sum += w
	}
	inputs := 0
	shards[0].Row(7, func(int, float64, int) { inputs++ })
	fmt.Printf("weight arriving at step 115 in shard 0: %.1f mV over %d neurons\n", sum, inputs)
	// Output:
	// synapses: 80000
	// weight arriving at step 115 in shard 0: 5.2 mV over 52 neurons
}

// An alpha receptor's response to a weight of 2 peaks at 2, at t = tau.
func ExampleReceptor_Kernel() {
	r := synapse.Receptor{Kind: synapse.AlphaConductance, Tau: 5, ERev: 0}
	for _, t := range []float64{0, 2.5, 5, 10} {
		fmt.Printf("g(%g ms) = %.4f nS\n", t, r.Kernel(2, t))
	}
	// Output:
	// g(0 ms) = 0.0000 nS
	// g(2.5 ms) = 1.6487 nS
	// g(5 ms) = 2.0000 nS
	// g(10 ms) = 1.4715 nS
}
