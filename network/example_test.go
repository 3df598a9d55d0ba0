package network_test

import (
	"context"
	"fmt"
	"math"

	"gospike/models/lif"
	"gospike/network"
	"gospike/neuron"
	"gospike/synapse"
)

// One LIF neuron driven by a constant current excites another through
// an exponential current synapse with a 1 ms delay.
func Example() {
	pre, _ := lif.Model{}.New(1, nil) // NEST iaf_psc_exp defaults: tau_m 10 ms, c_m 250 pF
	post, _ := lif.Model{}.New(1, nil)
	spec := network.Spec{
		Dt: 0.1, Duration: 30, Seed: 1,
		Populations: []network.Population{
			{Name: "pre", Model: lif.Model{}, Pop: pre, Method: "exact"},
			{Name: "post", Model: lif.Model{}, Pop: post, Method: "exact"},
		},
		Projections: []network.Projection{{
			From: 0, To: 1,
			Rule:     synapse.Rule{Kind: synapse.AllToAll},
			Receptor: synapse.Receptor{Kind: synapse.ExpCurrent, Tau: 2, Name: "i_syn"},
			Weight:   synapse.Fixed(1000), // pA
			Delay:    synapse.Fixed(1),    // ms
		}},
		Stimuli: []network.Stimulus{{Target: 0, Kind: network.DC, Amplitude: neuron.Shared(500), Stop: 14}},
		Records: []network.Record{{Pop: 1, Vars: []string{"v", "i_syn"}}},
	}
	nw, err := network.New(spec)
	if err != nil {
		fmt.Println(err)
		return
	}
	res, err := nw.Run(context.Background(), nil)
	if err != nil {
		fmt.Println(err)
		return
	}
	// The pre neuron reaches threshold at 10 ln 4 = 13.863 ms, in the step
	// ending at 13.9 ms; the current arrives 1 ms later, at 14.9 ms.
	fmt.Printf("pre spikes at %.3f ms\n", res.Populations[0].Spikes[0].Time)
	tr := res.Traces
	for s, t := range tr.Time {
		if tr.Columns[1].Values[s] != 0 {
			fmt.Printf("post input arrives at %.1f ms: %g %s\n", t, tr.Columns[1].Values[s], tr.Columns[1].Unit)
			break
		}
	}
	// Closed form: V - e_l = 10 mV (exp(-t/10) - exp(-t/2)), largest at
	// t = 2.5 ln 5 ms, where it is 5.350 mV.
	peak := math.Inf(-1)
	for _, v := range tr.Columns[0].Values {
		peak = math.Max(peak, v)
	}
	fmt.Printf("post V peaks at %.3f mV\n", peak)
	fmt.Printf("synapses: %d\n", res.Projections[0].Synapses)
	// Output:
	// pre spikes at 13.863 ms
	// post input arrives at 14.9 ms: 1000 pA
	// post V peaks at -64.650 mV
	// synapses: 1
}
