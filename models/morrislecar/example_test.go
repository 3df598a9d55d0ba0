package morrislecar_test

import (
	"fmt"

	_ "gospike/models/morrislecar" // registers "morris-lecar"
	"gospike/neuron"
)

// Three type I (snlc) Morris-Lecar neurons, stepped from rest to 30, 45 and
// 60 uA/cm^2: below the saddle-node at 39.96 uA/cm^2 the neuron stays
// silent; above it, it fires at a rate that grows from zero
// (ml_snlc_fI.csv: 10.08 Hz at 45, 17.10 Hz at 60).
func Example() {
	m, _ := neuron.Lookup("morris-lecar")
	currents := []float64{30, 45, 60} // uA/cm^2
	params, err := neuron.Resolve(m, "snlc", nil, len(currents))
	if err != nil {
		fmt.Println(err)
		return
	}
	pop, err := m.New(len(currents), params)
	if err != nil {
		fmt.Println(err)
		return
	}
	rest := make([]float64, 2*len(currents))
	pop.Rest(rest, 0)
	fmt.Printf("rest: V = %.3f mV, w = %.6f\n", rest[0], rest[len(currents)])

	spikes, err := neuron.DCRun{Pop: pop, Method: "rk4", Dt: 0.1, Duration: 2000, DC: currents}.Run(m.Vars())
	if err != nil {
		fmt.Println(err)
		return
	}
	count := make([]int, len(currents))
	for _, s := range spikes {
		if s.Time >= 1000 { // the second second, after the transient
			count[s.Neuron]++
		}
	}
	for i, I := range currents {
		fmt.Printf("I = %g uA/cm^2: %d spikes in 1 s\n", I, count[i])
	}
	// Output:
	// rest: V = -59.474 mV, w = 0.000270
	// I = 30 uA/cm^2: 0 spikes in 1 s
	// I = 45 uA/cm^2: 10 spikes in 1 s
	// I = 60 uA/cm^2: 17 spikes in 1 s
}
