package network

import (
	"context"
	"fmt"
	"testing"

	"gospike/models/hodgkinhuxley"
	"gospike/models/lif"
	"gospike/neuron"
	"gospike/random"
	"gospike/synapse"
)

// cubaSpec is the CUBA network of Brette et al. 2007 (benchmark 2) as
// Brian2's examples/CUBA.py writes it: LIF neurons with tau_m 20 ms,
// v_th -50, v_reset -60, e_l -49 mV, 5 ms refractory; 80 % excitatory;
// exponential currents (tau 5 ms excitatory, 10 ms inhibitory) with
// jumps of 1.62 mV and -9 mV of their voltage-valued ge, gi, which are
// currents of g_L*ge here (c_m 250 pF, so g_L = 12.5 nS: 20.25 pA and
// -112.5 pA); V starts uniform in [v_reset, v_th]; delay one step (Brian2
// uses none; one step is the least here). Each neuron gets on average 80
// inputs: p = 80/n, or with indegree exactly 64 excitatory and 16
// inhibitory.
func cubaSpec(tb testing.TB, n int, indegree bool, threads int, duration float64) Spec {
	params := map[string]neuron.Value{
		"tau_m": neuron.Shared(20), "c_m": neuron.Shared(250), "e_l": neuron.Shared(-49),
		"v_th": neuron.Shared(-50), "v_reset": neuron.Shared(-60), "t_ref": neuron.Shared(5),
	}
	v0 := make([]float64, n)
	for i := range v0 {
		v0[i] = -60 + 10*random.New(2007, random.Init, 0, uint64(i)).Float64()
	}
	ne := n * 4 / 5
	popE, err := lif.Model{}.New(ne, params)
	if err != nil {
		tb.Fatal(err)
	}
	popI, _ := lif.Model{}.New(n-ne, params)
	spec := Spec{Dt: 0.1, Duration: duration, Seed: 2007, Threads: threads,
		Populations: []Population{
			{Name: "e", Model: lif.Model{}, Pop: popE, Method: "exact", Init: map[string]neuron.Value{"v": {PerNeuron: v0[:ne]}}},
			{Name: "i", Model: lif.Model{}, Pop: popI, Method: "exact", Init: map[string]neuron.Value{"v": {PerNeuron: v0[ne:]}}},
		}}
	recE := synapse.Receptor{Kind: synapse.ExpCurrent, Tau: 5, Name: "ge"}
	recI := synapse.Receptor{Kind: synapse.ExpCurrent, Tau: 10, Name: "gi"}
	for from := range 2 {
		for to := range 2 {
			rule := synapse.Rule{Kind: synapse.FixedProbability, P: 80 / float64(n), Autapses: true}
			if indegree {
				rule = synapse.Rule{Kind: synapse.FixedIndegree, K: 64, Autapses: true}
				if from == 1 {
					rule.K = 16
				}
			}
			rec, w := recE, 20.25
			if from == 1 {
				rec, w = recI, -112.5
			}
			spec.Projections = append(spec.Projections, Projection{From: from, To: to, Rule: rule, Receptor: rec,
				Weight: synapse.Fixed(w), Delay: synapse.Fixed(0.1)})
		}
	}
	return spec
}

// cobahhSpec is the COBAHH network of Brette et al. 2007 (benchmark 3) as
// Brian2's examples/COBAHH.py writes it: Traub-Miles neurons (the model's
// defaults are the benchmark's), 80 % excitatory, p = 0.02, exponential
// conductances of 6 nS (tau 5 ms, E 0 mV) and 67 nS (tau 10 ms,
// E -80 mV) over an area of 20000 um^2 (0.03 and 0.335 mS/cm^2), V from
// e_l + N(-5, 5) mV, ge from N(40, 15) nS, gi from N(200, 120) nS;
// exponential Euler, delay one step.
func cobahhSpec(tb testing.TB, n, threads int, duration float64) Spec {
	const area = 20000e-8 // cm^2
	nS := 1e-6 / area     // mS/cm^2 per nS
	ne := n * 4 / 5
	var spec = Spec{Dt: 0.1, Duration: duration, Seed: 2007, Threads: threads}
	for p, size := range []int{ne, n - ne} {
		pop, err := hodgkinhuxley.TraubMiles{}.New(size, nil)
		if err != nil {
			tb.Fatal(err)
		}
		v, ge, gi := make([]float64, size), make([]float64, size), make([]float64, size)
		for i := range size {
			r := random.New(2007, random.Init, uint64(p), uint64(i))
			v[i] = -60 + r.NormFloat64()*5 - 5
			ge[i] = (r.NormFloat64()*1.5 + 4) * 10 * nS
			gi[i] = (r.NormFloat64()*12 + 20) * 10 * nS
		}
		spec.Populations = append(spec.Populations, Population{Name: []string{"e", "i"}[p], Model: hodgkinhuxley.TraubMiles{},
			Pop: pop, Method: "exponential-euler",
			Init: map[string]neuron.Value{"v": {PerNeuron: v}, "ge": {PerNeuron: ge}, "gi": {PerNeuron: gi}}})
	}
	recE := synapse.Receptor{Kind: synapse.ExpConductance, Tau: 5, ERev: 0, Name: "ge"}
	recI := synapse.Receptor{Kind: synapse.ExpConductance, Tau: 10, ERev: -80, Name: "gi"}
	for from := range 2 {
		for to := range 2 {
			rec, w := recE, 6*nS
			if from == 1 {
				rec, w = recI, 67*nS
			}
			spec.Projections = append(spec.Projections, Projection{From: from, To: to,
				Rule: synapse.Rule{Kind: synapse.FixedProbability, P: 0.02, Autapses: true}, Receptor: rec,
				Weight: synapse.Fixed(w), Delay: synapse.Fixed(0.1)})
		}
	}
	return spec
}

// benchSteps runs spec for b.N steps and reports ns per neuron-step and
// the mean rate.
func benchSteps(b *testing.B, make func(duration float64) Spec) {
	spec := make(float64(b.N) * 0.1)
	nw, err := New(spec)
	if err != nil {
		b.Fatal(err)
	}
	neurons := 0
	for _, p := range spec.Populations {
		neurons += p.Pop.Len()
	}
	b.ReportAllocs()
	b.ResetTimer()
	res, err := nw.Run(context.Background(), nil)
	if err != nil {
		b.Fatal(err)
	}
	b.StopTimer()
	b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N)/float64(neurons), "ns/neuron-step")
	spikes := 0
	for _, p := range res.Populations {
		spikes += p.Count
	}
	b.ReportMetric(float64(spikes)/float64(neurons)/(res.Duration/1000), "Hz")
}

// BenchmarkCUBAStep: one step (0.1 ms) of CUBA, 4000 LIF neurons, exact
// integration, exp-current synapses, p = 0.02.
func BenchmarkCUBAStep(b *testing.B) {
	for _, threads := range []int{1, 2} {
		b.Run(fmt.Sprintf("threads=%d", threads), func(b *testing.B) {
			benchSteps(b, func(d float64) Spec { return cubaSpec(b, 4000, false, threads, d) })
		})
	}
}

// BenchmarkCOBAHHStep: one step (0.1 ms) of COBAHH, 4000 Traub-Miles
// neurons, exponential Euler, exp-conductance synapses, p = 0.02.
func BenchmarkCOBAHHStep(b *testing.B) {
	for _, threads := range []int{1, 2} {
		b.Run(fmt.Sprintf("threads=%d", threads), func(b *testing.B) {
			benchSteps(b, func(d float64) Spec { return cobahhSpec(b, 4000, threads, d) })
		})
	}
}

// BenchmarkCUBAScaling: CUBA with exactly 80 inputs per neuron
// (fixed-indegree 64 + 16) at 4000, 16000 and 64000 neurons.
func BenchmarkCUBAScaling(b *testing.B) {
	for _, n := range []int{4000, 16000, 64000} {
		for _, threads := range []int{1, 2} {
			b.Run(fmt.Sprintf("n=%d/threads=%d", n, threads), func(b *testing.B) {
				benchSteps(b, func(d float64) Spec { return cubaSpec(b, n, true, threads, d) })
			})
		}
	}
}

// brunelSpec is Brunel 2000's network, panel C (g = 5, nu_ext = 2
// nu_thr), as Brian2's examples/frompapers/Brunel_2000.py writes it:
// 12500 LIF neurons (tau_m 20 ms, threshold 20 mV, reset 10 mV, rest 0,
// 2 ms refractory), 80 % excitatory, p = 0.1, delta synapses of
// J = 0.1 mV and -g J, delay 1.5 ms, and 1000 external Poisson sources
// of 20 Hz per neuron (eta theta / (J C_E tau)) of weight J; exact
// integration.
func brunelSpec(tb testing.TB, threads int, duration float64) Spec {
	const n, ne, j, g = 12500, 10000, 0.1, 5.0
	params := map[string]neuron.Value{
		"tau_m": neuron.Shared(20), "e_l": neuron.Shared(0), "v_th": neuron.Shared(20),
		"v_reset": neuron.Shared(10), "t_ref": neuron.Shared(2),
	}
	spec := Spec{Dt: 0.1, Duration: duration, Seed: 2000, Threads: threads}
	for p, size := range []int{ne, n - ne} {
		pop, err := lif.Model{}.New(size, params)
		if err != nil {
			tb.Fatal(err)
		}
		spec.Populations = append(spec.Populations, Population{Name: []string{"e", "i"}[p], Model: lif.Model{}, Pop: pop, Method: "exact"})
		spec.Stimuli = append(spec.Stimuli, Stimulus{Target: p, Kind: Poisson, Rate: 20, Count: 1000,
			Weight: neuron.Shared(j), Receptor: synapse.Receptor{Kind: synapse.Delta}})
	}
	for from := range 2 {
		for to := range 2 {
			w := j
			if from == 1 {
				w = -g * j
			}
			spec.Projections = append(spec.Projections, Projection{From: from, To: to,
				Rule:     synapse.Rule{Kind: synapse.FixedProbability, P: 0.1, Autapses: true},
				Receptor: synapse.Receptor{Kind: synapse.Delta}, Weight: synapse.Fixed(w), Delay: synapse.Fixed(1.5)})
		}
	}
	return spec
}

// BenchmarkBrunelStep: one step (0.1 ms) of Brunel 2000 panel C, 12500
// LIF neurons, 15.6 million delta synapses, Poisson input.
func BenchmarkBrunelStep(b *testing.B) {
	for _, threads := range []int{1, 2} {
		b.Run(fmt.Sprintf("threads=%d", threads), func(b *testing.B) {
			benchSteps(b, func(d float64) Spec { return brunelSpec(b, threads, d) })
		})
	}
}
