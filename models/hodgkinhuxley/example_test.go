package hodgkinhuxley_test

import (
	"fmt"

	_ "gospike/models/hodgkinhuxley" // registers "hodgkin-huxley" and "traub-miles"
	"gospike/neuron"
)

// A Hodgkin-Huxley neuron under 10 uA/cm^2 from rest, RK4 at dt 0.01 ms:
// the spike times of the exact solution (shared/reference
// hh_scipy_spikes_I10.csv: 1.90097, 16.82258, 31.47183, 46.10900 ms).
func Example() {
	m, _ := neuron.Lookup("hodgkin-huxley")
	pop, err := m.New(1, nil)
	if err != nil {
		fmt.Println(err)
		return
	}
	spikes, err := neuron.DCRun{Pop: pop, Method: "rk4", Dt: 0.01, Duration: 50, DC: []float64{10}}.Run(m.Vars())
	if err != nil {
		fmt.Println(err)
		return
	}
	for _, s := range spikes {
		fmt.Printf("%.3f ms\n", s.Time)
	}
	// Output:
	// 1.901 ms
	// 16.823 ms
	// 31.472 ms
	// 46.109 ms
}

// An f-I curve from one population: each neuron gets its own current. The
// counts are those of the exact solution (hh_scipy_fI.csv, n_window).
func Example_fICurve() {
	m, _ := neuron.Lookup("hodgkin-huxley")
	dc := []float64{5, 10, 20}
	pop, _ := m.New(len(dc), nil)
	spikes, _ := neuron.DCRun{Pop: pop, Method: "rk4", Dt: 0.01, Duration: 1200, DC: dc}.Run(m.Vars())
	count := make([]int, len(dc))
	for _, s := range spikes {
		if s.Time >= 200 {
			count[s.Neuron]++
		}
	}
	for i, I := range dc {
		fmt.Printf("%g uA/cm^2: %d spikes in [200, 1200) ms\n", I, count[i])
	}
	// Output:
	// 5 uA/cm^2: 0 spikes in [200, 1200) ms
	// 10 uA/cm^2: 68 spikes in [200, 1200) ms
	// 20 uA/cm^2: 86 spikes in [200, 1200) ms
}

// The Traub-Miles neuron of the COBAHH benchmark under 10 uA/cm^2 (2 nA
// on the benchmark's 20000 um^2), with NEST hh_cond_exp_traub's t_ref of
// 2 ms instead of Brian2's 3 ms.
func Example_traubMiles() {
	m, _ := neuron.Lookup("traub-miles")
	pop, err := m.New(1, map[string]neuron.Value{"t_ref": neuron.Shared(2)})
	if err != nil {
		fmt.Println(err)
		return
	}
	spikes, _ := neuron.DCRun{Pop: pop, Method: "rk4", Dt: 0.01, Duration: 20, DC: []float64{10}}.Run(m.Vars())
	for _, s := range spikes {
		fmt.Printf("%.2f ms\n", s.Time)
	}
	// Output:
	// 1.07 ms
	// 5.91 ms
	// 10.72 ms
	// 15.52 ms
}
