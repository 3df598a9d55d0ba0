package scenarios_test

import (
	"fmt"

	_ "gospike/models/hodgkinhuxley"
	_ "gospike/models/lif"
	"gospike/scenarios"
)

func Example() {
	src := `
[simulation]
duration = "1000 ms"
dt = "0.1 ms"
method = "exact"

[[population]]
name = "lif"
model = "lif"
size = 5
[population.params]
c_m = "250 pF"
tau_m = "10 ms"

[[stimulus]]
target = "lif"
kind = "dc"
amplitude = { linspace = ["0 nA", "1 nA"] }

[[projection]]
from = "lif"
to = "lif"
connect = { rule = "fixed-indegree", k = 2 }
synapse = { kind = "exp-current", tau = "5 ms" }
weight = "2 mV"   # R_m*I: 2 mV * 250 pF / 10 ms = 50 pA
delay = "1.5 ms"
`
	sc, err := scenarios.Parse("example.toml", []byte(src), []string{"simulation.seed=3"})
	if err != nil {
		fmt.Println(err)
		return
	}
	s := sc.Simulation
	fmt.Printf("%d steps of %g ms, method %s, seed %d\n", s.Steps, s.Dt, s.Method, s.Seed)
	p := sc.Populations[0]
	fmt.Printf("%s: %d %s neurons, c_m %g pF\n", p.Name, p.Size, p.Model.Name(), p.Params["c_m"].Scalar)
	fmt.Printf("dc amplitude (pA): %v\n", sc.Stimuli[0].Amplitude.PerNeuron)
	pr := sc.Projections[0]
	fmt.Printf("%s, k = %d, %s synapse tau %g ms, weight %g pA, delay %g ms\n",
		pr.Connect.Rule, pr.Connect.K, pr.Synapse.Kind, pr.Synapse.Tau, pr.Weight.Scalar, pr.Delay)

	// every problem of a file at once, each at its line and column
	_, err = scenarios.Parse("bad.toml", []byte(`[simulation]
duration = "100 ms"
dt = "0.1 mV"

[[population]]
name = "hh"
model = "hodgkin-huxley"
size = 3
[population.params]
g_na = "120 mS"
`), nil)
	fmt.Println(err)
	// Output:
	// 10000 steps of 0.1 ms, method exact, seed 3
	// lif: 5 lif neurons, c_m 250 pF
	// dc amplitude (pA): [0 250 500 750 1000]
	// fixed-indegree, k = 2, exp-current synapse tau 5 ms, weight 50 pA, delay 1.5 ms
	// bad.toml:3:6: simulation.dt = "0.1 mV": 0.1 mV is a voltage; expected a time (ms), e.g. dt = "0.01 ms"
	// bad.toml:10:8: population[0].params.g_na = "120 mS": 120 mS is a conductance, but model hodgkin-huxley works per unit membrane area (mS/cm^2): set the population's area (e.g. area = "20000 um^2") to convert it, or give a conductance density, e.g. g_na = "120 mS/cm^2"
}
