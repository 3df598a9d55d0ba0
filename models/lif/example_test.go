package lif_test

import (
	"fmt"

	_ "gospike/models/lif"
	"gospike/neuron"
)

// A LIF neuron with NEST iaf_psc_exp's defaults (tau_m 10 ms, c_m 250 pF,
// e_l = v_reset = -70 mV, v_th -55 mV, t_ref 2 ms) under 500 pA, integrated
// exactly: R I = 20 mV, so the first spike comes at
// tau_m ln(20/(20-15)) = 13.8629 ms and the next ones every
// t_ref + 13.8629 = 15.8629 ms, whatever dt.
func Example() {
	m, _ := neuron.Lookup("lif")
	pop, err := m.New(1, nil)
	if err != nil {
		fmt.Println(err)
		return
	}
	run := neuron.DCRun{Pop: pop, Method: "exact", Dt: 0.1, Duration: 50, DC: []float64{500}}
	spikes, err := run.Run(m.Vars())
	if err != nil {
		fmt.Println(err)
		return
	}
	for _, s := range spikes {
		fmt.Printf("neuron %d spikes at %.4f ms\n", s.Neuron, s.Time)
	}
	// Output:
	// neuron 0 spikes at 13.8629 ms
	// neuron 0 spikes at 29.7259 ms
	// neuron 0 spikes at 45.5888 ms
}

// Parameters are validated as a whole when a population is made.
func ExampleModel_New() {
	m, _ := neuron.Lookup("lif")
	_, err := m.New(3, map[string]neuron.Value{"v_reset": {PerNeuron: []float64{-70, -60, -50}}})
	fmt.Println(err)
	// Output:
	// lif: v_reset of neuron 2 = -50 mV must be below v_th = -55 mV
}
