package network

import (
	"context"
	"errors"
	"math"
	"strings"
	"testing"

	"gospike/neuron"
	"gospike/synapse"
)

// TestDivergence: neuron 3 of an integrator population with dv/dt = v^2
// from v = 0.1 diverges (the solution 1/(10-t) blows up at t = 10 ms;
// Euler's, slower, overflows a few ms later), after the LIF population,
// driven with R I = 40 mV, has fired (first at 10 ln(40/25) = 4.7 ms). The run must
// stop with a *DivergenceError naming the population, neuron 3, v and
// the time, and return the steps before, marked Partial, with the spikes
// of another population recorded so far.
func TestDivergence(t *testing.T) {
	defer func(m int) { minShardSize = m }(minShardSize)
	minShardSize = 2
	m := integrator{square: true}
	pop, _ := m.New(8, nil)
	v0 := make([]float64, 8)
	v0[3] = 0.1
	spec := Spec{Dt: 0.1, Duration: 100, Threads: 3,
		Populations: []Population{
			lifPop(t, "lif", 4, "exact"),
			{Name: "blow", Model: m, Pop: pop, Method: "euler", Init: map[string]neuron.Value{"v": {PerNeuron: v0}}},
		},
		Stimuli: []Stimulus{{Target: 0, Kind: DC, Amplitude: neuron.Shared(1000)}},
		Records: []Record{{Pop: 1, Vars: []string{"v"}, Neurons: []int{3}}},
	}
	nw, err := New(spec)
	if err != nil {
		t.Fatal(err)
	}
	res, err := nw.Run(context.Background(), nil)
	var div *DivergenceError
	if !errors.As(err, &div) {
		t.Fatalf("error %v, want a *DivergenceError", err)
	}
	if div.Pop != "blow" || div.Neuron != 3 || div.Var != "v" || div.Method != "euler" {
		t.Errorf("error names %+v", div)
	}
	if msg := err.Error(); !strings.Contains(msg, "dt 0.1 ms too large for method euler?") {
		t.Errorf("message %q lacks the hint", msg)
	}
	if res == nil || !res.Partial || res.Steps == 0 || res.Steps >= nw.Steps() {
		t.Fatalf("result %+v: want a partial result", res)
	}
	if got := float64(res.Steps+1) * 0.1; math.Abs(div.Time-got) > 1e-9 {
		t.Errorf("divergence at %g ms, but %d steps done", div.Time, res.Steps)
	}
	v := res.Traces.Columns[0].Values
	if len(v) != res.Steps || len(res.Traces.Time) != res.Steps {
		t.Fatalf("%d trace rows for %d steps", len(v), res.Steps)
	}
	for _, x := range v {
		if math.IsNaN(x) || math.IsInf(x, 0) {
			t.Fatalf("the partial trace holds %v", x)
		}
	}
	lif := res.Populations[0]
	if lif.Count == 0 {
		t.Fatal("the LIF population's spikes before the divergence are missing")
	}
	for _, s := range lif.Spikes {
		if s.Time > res.Duration {
			t.Errorf("spike at %g ms after the %g ms done", s.Time, res.Duration)
		}
	}
}

// TestCancel: cancelling the context stops the run at a step boundary
// with a partial result and an error wrapping context.Canceled.
func TestCancel(t *testing.T) {
	spec := Spec{Dt: 0.1, Duration: 1000, Populations: []Population{lifPop(t, "p", 10, "exact")},
		Stimuli: []Stimulus{{Target: 0, Kind: DC, Amplitude: neuron.Shared(1000)}},
		Records: []Record{{Pop: 0, Vars: []string{"v"}, Neurons: []int{0}}}}
	nw, err := New(spec)
	if err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	res, err := nw.Run(ctx, func(tMs float64) {
		if tMs >= 300 {
			cancel()
		}
	})
	if !errors.Is(err, context.Canceled) {
		t.Fatalf("error %v, want context.Canceled", err)
	}
	if !res.Partial || res.Steps < 3000 || res.Steps >= 10000 || len(res.Traces.Columns[0].Values) != res.Steps {
		t.Errorf("steps %d, partial %v, %d rows", res.Steps, res.Partial, len(res.Traces.Columns[0].Values))
	}
	if _, err := nw.Run(context.Background(), nil); err == nil {
		t.Error("a second Run did not fail")
	}
}

// TestTooBig: a network whose connectivity cannot fit is refused before
// anything is built, with the estimate in the message; 100 000 x 100 000
// at p = 0.5 is 5e9 synapses of 2 bytes (shards of up to 65 536 neurons)
// or 4 (one shard), 10 or 20 GB, more than 8 GiB.
func TestTooBig(t *testing.T) {
	defer func(f func() (uint64, error)) { availableMemory = f }(availableMemory)
	availableMemory = func() (uint64, error) { return 8 << 30, nil }
	const n = 100000
	spec := Spec{Dt: 0.1, Duration: 10, Populations: []Population{newIntegrator("p", n, "euler")},
		Projections: []Projection{{From: 0, To: 0, Rule: synapse.Rule{Kind: synapse.FixedProbability, P: 0.5},
			Weight: synapse.Fixed(1), Delay: synapse.Fixed(1)}}}
	m, err := Estimate(&spec)
	if err != nil {
		t.Fatal(err)
	}
	if m.Synapses < 4.99e9 || m.SynapseBytes < 2*m.Synapses {
		t.Errorf("estimate %+v", m)
	}
	_, err = New(spec)
	if !errors.Is(err, ErrTooBig) {
		t.Fatalf("error %v, want ErrTooBig", err)
	}
	if msg := err.Error(); !strings.Contains(msg, "GiB") || !strings.Contains(msg, "5e+09 synapses") {
		t.Errorf("message %q lacks the estimate", msg)
	}
}

// TestSpecErrors: user mistakes are errors that name what is wrong.
func TestSpecErrors(t *testing.T) {
	ok := func() Spec {
		return Spec{Dt: 0.1, Duration: 10, Populations: []Population{lifPop(t, "a", 10, "exact"), lifPop(t, "b", 10, "rk4")}}
	}
	cases := []struct {
		name string
		edit func(*Spec)
		want string
	}{
		{"exact with conductance", func(s *Spec) {
			s.Projections = []Projection{{From: 1, To: 0, Rule: synapse.Rule{Kind: synapse.AllToAll},
				Receptor: synapse.Receptor{Kind: synapse.ExpConductance, Tau: 5}, Weight: synapse.Fixed(1), Delay: synapse.Fixed(1)}}
		}, "cannot be integrated by method exact"},
		{"exact with alpha current", func(s *Spec) {
			s.Stimuli = []Stimulus{{Target: 0, Kind: Poisson, Rate: 10, Weight: neuron.Shared(1), Receptor: synapse.Receptor{Kind: synapse.AlphaCurrent, Tau: 5}}}
		}, "alpha-current receptor cannot be integrated by method exact"},
		{"delay under a step", func(s *Spec) {
			s.Projections = []Projection{{From: 0, To: 1, Rule: synapse.Rule{Kind: synapse.AllToAll}, Weight: synapse.Fixed(1), Delay: synapse.Fixed(0.01)}}
		}, "shorter than one step"},
		{"unknown init", func(s *Spec) { s.Populations[0].Init = map[string]neuron.Value{"w": neuron.Shared(1)} }, `unknown variable "w"`},
		{"unknown record", func(s *Spec) { s.Records = []Record{{Pop: 1, Vars: []string{"ge"}}} }, `no variable "ge"`},
		{"record neuron", func(s *Spec) { s.Records = []Record{{Pop: 1, Vars: []string{"v"}, Neurons: []int{10}}} }, "no neuron 10"},
		{"method", func(s *Spec) { s.Populations[0].Method = "rk45" }, `unknown method "rk45"`},
		{"poisson rate", func(s *Spec) {
			s.Stimuli = []Stimulus{{Target: 0, Kind: Poisson, Rate: 20000, Weight: neuron.Shared(1)}}
		}, "more than one event per step"},
		{"negative conductance", func(s *Spec) {
			s.Projections = []Projection{{From: 0, To: 1, Rule: synapse.Rule{Kind: synapse.AllToAll},
				Receptor: synapse.Receptor{Kind: synapse.ExpConductance, Tau: 5}, Weight: synapse.Fixed(-1), Delay: synapse.Fixed(1)}}
		}, "conductance >= 0"},
		{"stimulus kind", func(s *Spec) { s.Stimuli = []Stimulus{{Target: 0, Kind: "ramp"}} }, `unknown stimulus kind "ramp"`},
		{"size", func(s *Spec) { s.Populations[0].Size = 11 }, "size 11"},
	}
	for _, c := range cases {
		s := ok()
		c.edit(&s)
		_, err := New(s)
		if err == nil || !strings.Contains(err.Error(), c.want) {
			t.Errorf("%s: error %v, want one containing %q", c.name, err, c.want)
		}
	}
	if _, err := New(ok()); err != nil {
		t.Fatal(err)
	}
}

// TestStateVars: receptor variables follow the model's, shared by equal
// receptors, named by Receptor.Name or syn<k>.
func TestStateVars(t *testing.T) {
	s := Spec{Dt: 0.1, Duration: 1, Populations: []Population{lifPop(t, "a", 2, "rk4")},
		Projections: []Projection{
			{From: 0, To: 0, Rule: synapse.Rule{Kind: synapse.AllToAll}, Receptor: synapse.Receptor{Kind: synapse.ExpConductance, Tau: 5, ERev: 0, Name: "ge"}, Weight: synapse.Fixed(1), Delay: synapse.Fixed(1)},
			{From: 0, To: 0, Rule: synapse.Rule{Kind: synapse.AllToAll}, Receptor: synapse.Receptor{Kind: synapse.AlphaCurrent, Tau: 5}, Weight: synapse.Fixed(1), Delay: synapse.Fixed(1)},
			{From: 0, To: 0, Rule: synapse.Rule{Kind: synapse.AllToAll}, Receptor: synapse.Receptor{Kind: synapse.ExpConductance, Tau: 5, ERev: 0, Name: "ge"}, Weight: synapse.Fixed(2), Delay: synapse.Fixed(2)},
			{From: 0, To: 0, Rule: synapse.Rule{Kind: synapse.AllToAll}, Receptor: synapse.Receptor{Kind: synapse.Delta}, Weight: synapse.Fixed(1), Delay: synapse.Fixed(1)},
		}}
	vars, err := s.StateVars(0)
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, v := range vars {
		got = append(got, v.Name+" "+v.Unit)
	}
	want := "v mV,ge nS,syn1 pA,syn1_h pA"
	if strings.Join(got, ",") != want {
		t.Errorf("state vars %q, want %q", strings.Join(got, ","), want)
	}
}

// TestCancelOnWorkers: cancelled on three workers (the mixed network,
// shards of a few neurons, so that workers take each other's shards), a
// run stops at a block boundary, and what it returns is, bit for bit, the
// start of the uncancelled run: spikes up to its last step, trace rows up
// to it.
func TestCancelOnWorkers(t *testing.T) {
	defer func(m int) { minShardSize = m }(minShardSize)
	minShardSize = 4
	full := run(t, mixedSpec(t, 11, 3))
	nw, err := New(mixedSpec(t, 11, 3))
	if err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	res, err := nw.Run(ctx, func(tMs float64) {
		if tMs >= 60 {
			cancel()
		}
	})
	if !errors.Is(err, context.Canceled) {
		t.Fatalf("error %v, want context.Canceled", err)
	}
	if !res.Partial || res.Steps < 600 || res.Steps >= nw.Steps() {
		t.Fatalf("steps %d of %d, partial %v", res.Steps, nw.Steps(), res.Partial)
	}
	// The partial spikes are the full run's first ones; the full run's
	// next spike comes at or after the end of the partial run (a spike
	// at a step's very start is stamped with that time).
	end := res.Duration
	for p, pr := range res.Populations {
		all := full.Populations[p].Spikes
		if len(pr.Spikes) > len(all) {
			t.Fatalf("%s: %d spikes, the full run %d", pr.Name, len(pr.Spikes), len(all))
		}
		for k, s := range pr.Spikes {
			if s != all[k] || s.Time > end {
				t.Fatalf("%s: spike %d is %+v, the full run's %+v (partial run to %g ms)", pr.Name, k, s, all[k], end)
			}
		}
		if n := len(pr.Spikes); n < len(all) && all[n].Time < end {
			t.Fatalf("%s: the full run's spike %d, %+v, is missing from the partial run to %g ms", pr.Name, n, all[n], end)
		}
	}
	for c, col := range res.Traces.Columns {
		if len(col.Values) != res.Steps {
			t.Fatalf("%s: %d rows for %d steps", col.Name, len(col.Values), res.Steps)
		}
		for s, v := range col.Values {
			if math.Float64bits(v) != math.Float64bits(full.Traces.Columns[c].Values[s]) {
				t.Fatalf("%s at step %d: %v, the full run %v", col.Name, s, v, full.Traces.Columns[c].Values[s])
			}
		}
	}
}
