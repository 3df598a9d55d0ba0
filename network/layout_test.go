package network

import (
	"testing"

	"gospike/models/hodgkinhuxley"
	"gospike/models/lif"
	"gospike/neuron"
	"gospike/synapse"
)

// TestLayout: how many workers and shards a network gets, and how long
// its blocks are, from the cost model of layout.go (methodCost, fusedCost,
// minShardSize = 256 exact LIF neuron-steps a shard, shareUnits =
// 256 * 128 units a worker and block, freeBlockWork = 2e6 units a block
// without projections).
func TestLayout(t *testing.T) {
	single := func(name string, m neuron.Model, method string, n int) Spec {
		pop, err := m.New(n, nil)
		if err != nil {
			t.Fatal(err)
		}
		return Spec{Dt: 0.01, Duration: 10, Seed: 1, Threads: 2,
			Populations: []Population{{Name: name, Model: m, Pop: pop, Method: method}}}
	}
	// n LIF neurons under exponential Euler with an exponential
	// conductance onto themselves, delay one step (COBA's shape).
	coba := func(n int) Spec {
		s := single("lif", lif.Model{}, "exponential-euler", n)
		s.Dt = 0.1
		s.Projections = []Projection{{From: 0, To: 0, Rule: synapse.Rule{Kind: synapse.FixedProbability, P: 80 / float64(n)},
			Receptor: synapse.Receptor{Kind: synapse.ExpConductance, Tau: 5}, Weight: synapse.Fixed(1), Delay: synapse.Fixed(0.1)}}
		return s
	}
	for _, c := range []struct {
		name    string
		spec    Spec
		workers int
		shards  []int
		block   int
	}{
		// 61 HH neurons under RK4 (the f-I example): 61*40 = 2440 units
		// a step, 9 shards' worth; no projections, so blocks of
		// 2e6/2440 = 819 steps, 819*2440/32768 = 60 workers' worth.
		{"hh rk4 61", single("hh", hodgkinhuxley.Model{}, "rk4", 61), 2, []int{2}, 819},
		// 61 exact LIF neurons: 61 units a step, under one shard's worth.
		{"lif exact 61", single("lif", lif.Model{}, "exact", 61), 1, []int{1}, 1024},
		// 4 HH neurons under RK4: 160 units a step, under one shard's
		// worth (256), though 1024-step blocks would be worth 5 workers.
		{"hh rk4 4", single("hh", hodgkinhuxley.Model{}, "rk4", 4), 1, []int{1}, 1024},
		// 7 HH neurons under RK4: 280 units, one shard's worth.
		{"hh rk4 7", single("hh", hodgkinhuxley.Model{}, "rk4", 7), 1, []int{1}, 1024},
		// 13: 520 units, two shards' worth.
		{"hh rk4 13", single("hh", hodgkinhuxley.Model{}, "rk4", 13), 2, []int{2}, 1024},
		// CUBA, 4000 exact LIF neurons, delay one step: blocks of 2
		// steps, 4000*2/32768 = 0.24 of a worker's worth: one worker.
		{"cuba", cubaSpec(t, 4000, false, 2, 10), 1, []int{1, 1}, 2},
		// COBAHH, 4000 Traub-Miles neurons under exponential Euler:
		// 80000 units a step, 4.9 workers' worth over a 2-step block.
		{"cobahh", cobahhSpec(t, 4000, 2, 10), 2, []int{2, 2}, 2},
		// COBA's LIF neurons under exponential Euler take fused steps,
		// fusedCost = 3 units: 4000 of them 4000*3*2/32768 = 0.73 of a
		// worker's worth, 16 000 of them 2.9.
		{"coba 4000", coba(4000), 1, []int{1}, 2},
		{"coba 16000", coba(16000), 2, []int{2}, 2},
	} {
		l := newLayout(&c.spec)
		if l.workers != c.workers || l.block != c.block || len(l.shards) != len(c.shards) {
			t.Errorf("%s: %d workers, blocks of %d steps, shards %v; want %d, %d, %v", c.name, l.workers, l.block, l.shards, c.workers, c.block, c.shards)
			continue
		}
		for p, s := range c.shards {
			if l.shards[p] != s {
				t.Errorf("%s: shards %v, want %v", c.name, l.shards, c.shards)
				break
			}
		}
	}
}
