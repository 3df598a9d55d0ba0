package main

import (
	"testing"

	"gospike/models/lif"
	"gospike/network"
	"gospike/neuron"
	"gospike/scenarios"
)

// TestLIFAnalyticOnlyForSharedParameters: the f-I figure of a LIF
// population overlays the analytic curve only when the parameters it
// depends on are the same for every neuron; with a per-neuron tau_m one
// curve cannot describe the population, so none is drawn.
func TestLIFAnalyticOnlyForSharedParameters(t *testing.T) {
	for _, tc := range []struct {
		tauM neuron.Value
		refs int
	}{
		{neuron.Shared(10), 1},
		{neuron.Value{PerNeuron: []float64{10, 11, 12}}, 0},
	} {
		resolved, err := neuron.Resolve(lif.Model{}, "", map[string]neuron.Value{"tau_m": tc.tauM}, 3)
		if err != nil {
			t.Fatal(err)
		}
		o := &outputs{
			sc: &scenarios.Scenario{
				Simulation:  scenarios.Simulation{Duration: 100},
				Populations: []scenarios.Population{{Name: "lif", Model: lif.Model{}, Size: 3, Resolved: resolved, Method: "exact"}},
				Stimuli:     []scenarios.Stimulus{{Target: 0, Kind: "dc", Amplitude: neuron.Value{PerNeuron: []float64{400, 500, 600}}}},
			},
			res: &network.Result{Duration: 100, Populations: []network.PopulationResult{{Name: "lif", Size: 3}}},
		}
		c, ok := o.fiCurve(0)
		if !ok {
			t.Fatal("no f-I curve for a linspace DC amplitude")
		}
		if len(c.refs) != tc.refs {
			t.Errorf("tau_m %v: %d reference curves, want %d", tc.tauM, len(c.refs), tc.refs)
		}
	}
}
