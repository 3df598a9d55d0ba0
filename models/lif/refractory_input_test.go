package lif

import (
	"math"
	"testing"

	"gospike/integrate"
	"gospike/neuron"
)

// TestRefractoryInput: a jump of V that arrives while the neuron is
// refractory is dropped with refractory_input = 0 (NEST's default; Brian2
// 2.5.1's "(unless refractory)" drops it too) and kept, undecayed, with
// refractory_input = 1. Set-up: v_th -55, v_reset
// -70, e_l -70 mV, t_ref 2 ms, no input, dt 0.1 ms; V starts above threshold
// so the neuron fires at t = 0; a +3 mV jump arrives at t = 1 ms, inside the
// refractory period. When the period ends at 2 ms, V is v_reset (dropped) or
// v_reset + 3 mV (kept), and then relaxes to e_l: at t = 3 ms it is
// e_l + (V(2) - e_l) exp(-1/tau_m) (the exact solution, tau_m 10 ms).
func TestRefractoryInput(t *testing.T) {
	const dt, tauM, jump = 0.1, 10.0, 3.0
	for _, hold := range []float64{0, 1} {
		for _, method := range []string{"exact", "rk4"} {
			pop, err := NewPopulation(1, map[string]neuron.Value{
				"e_l": neuron.Shared(-70), "v_reset": neuron.Shared(-70), "v_th": neuron.Shared(-55),
				"t_ref": neuron.Shared(2), "tau_m": neuron.Shared(tauM), "refractory_input": neuron.Shared(hold),
			})
			if err != nil {
				t.Fatal(err)
			}
			y := []float64{-50} // above threshold: both paths fire at t = 0
			prev := []float64{0}
			var spikes []neuron.Spike
			rk := integrate.NewRK4(1)
			in := neuron.Input{A: []float64{0}, B: []float64{0}}
			blk := &neuron.Block{Pop: pop, In: in}
			for s := 0; s < 30; s++ {
				tt := float64(s) * dt
				if s == 10 {
					y[0] += jump // between steps, as the network delivers delta input
				}
				if method == "exact" {
					spikes = pop.StepExact(spikes, y, 0, tt, dt, neuron.ExactInput{})
				} else {
					prev[0] = y[0]
					rk.Step(blk, tt, dt, y)
					spikes = pop.AfterStep(spikes, prev, y, 0, tt, dt)
				}
			}
			if len(spikes) != 1 || spikes[0].Time != 0 {
				t.Fatalf("hold %v %s: spikes %v, want one at t = 0", hold, method, spikes)
			}
			v2 := -70 + hold*jump
			want := -70 + (v2+70)*math.Exp(-1/tauM)
			// exact: the propagator, to rounding; rk4: local error
			// O((dt/tau)^5) per step over 10 steps, far below 1e-8 mV.
			if math.Abs(y[0]-want) > 1e-8 {
				t.Errorf("refractory_input %v, %s: V(3 ms) = %.10f mV, want %.10f", hold, method, y[0], want)
			}
		}
	}
	if _, err := NewPopulation(1, map[string]neuron.Value{"refractory_input": neuron.Shared(0.5)}); err == nil {
		t.Error("refractory_input = 0.5 accepted, want an error")
	}
}
