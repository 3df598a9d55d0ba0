package scenarios

import (
	"context"
	"math"
	"testing"

	"gospike/network"
	"gospike/synapse"
)

// nSE is how many standard errors a sample mean or standard deviation
// may stray from the distribution's: a wrong distribution (per target
// instead of per synapse, wrong bounds or units) is off by far more.
const nSE = 5

func nearDist(got synapse.Dist, kind synapse.DistKind, a, b float64) bool {
	return got.Kind == kind && near(got.A, a) && near(got.B, b)
}

// TestPerSynapseParse checks the typed Scenario of per_synapse.toml
// against hand conversions.
func TestPerSynapseParse(t *testing.T) {
	sc := load(t, "per_synapse.toml")
	// Brette et al. 2007 COBAHH: area 20000 um^2 = 2e-4 cm^2; 3 nS =
	// 3e-6 mS over 2e-4 cm^2 = 0.015 mS/cm^2, 9 nS 0.045, 6 nS 0.03,
	// 600 pS 0.003. R_m*I (Brette et al. 2007, CUBA): I = V c_m/tau_m
	// with 250 pF / 20 ms: 1.62 mV is 20.25 pA, 0.2 mV 2.5 pA.
	want := []struct {
		weight, delay Dist
		fixedDelay    float64
	}{
		{Dist{"uniform", 0.015, 0.045}, Dist{"uniform", 1, 3}, 0},
		{Dist{"normal", 0.03, 0.003}, Dist{}, 0.1}, // delay: one step by default
		{Dist{}, Dist{}, 2},
		{Dist{"normal", 20.25, 2.5}, Dist{"uniform", 0.1, 0.5}, 0},
		{Dist{"uniform", 0.1, 0.2}, Dist{}, 0.1}, // delta: mV as given
	}
	for k, w := range want {
		pr := sc.Projections[k]
		wd, dd := pr.WeightDist, pr.DelayDist
		if wd.Kind != w.weight.Kind || !near(wd.A, w.weight.A) || !near(wd.B, w.weight.B) {
			t.Errorf("projection %d weight distribution %+v, want %+v", k, wd, w.weight)
		}
		if dd.Kind != w.delay.Kind || !near(dd.A, w.delay.A) || !near(dd.B, w.delay.B) || !near(pr.Delay, w.fixedDelay) {
			t.Errorf("projection %d delay %v, distribution %+v; want %v, %+v", k, pr.Delay, dd, w.fixedDelay, w.delay)
		}
		if wd.Kind != "" && (pr.Weight.Scalar != 0 || pr.Weight.PerNeuron != nil) {
			t.Errorf("projection %d has weight %v besides its distribution", k, pr.Weight)
		}
	}
	// linspace stays per target: 60..80 nS over 80 neurons, 0.3..0.4 mS/cm^2
	lin := make([]float64, 80)
	for i := range lin {
		lin[i] = 0.3 + float64(i)*0.1/79
	}
	checkValues(t, "linspace weight", sc.Projections[2].Weight, lin)
	// a stimulus weight is per target neuron: uniform on [0.5, 1) mV
	// (a delta synapse), one draw for each of the 50 neurons
	sw := sc.Stimuli[1].Weight
	if len(sw.PerNeuron) != 50 {
		t.Fatalf("poisson weight %v, want 50 values", sw)
	}
	for _, x := range sw.PerNeuron {
		if x < 0.5 || x >= 1 {
			t.Fatalf("poisson weight %v mV outside [0.5, 1)", x)
		}
	}
}

// TestPerSynapseBuild checks what Build hands the network, then builds
// the synapses as the network does and checks that every synapse has
// its own draw from the right distribution.
func TestPerSynapseBuild(t *testing.T) {
	sc := load(t, "per_synapse.toml")
	spec, err := Build(sc)
	if err != nil {
		t.Fatal(err)
	}
	// the bounds of TestPerSynapseParse
	pr := spec.Projections
	checks := []struct {
		k             int
		weight, delay bool
	}{
		{0, nearDist(pr[0].Weight.Dist, synapse.Uniform, 0.015, 0.045), nearDist(pr[0].Delay.Dist, synapse.Uniform, 1, 3)},
		{1, nearDist(pr[1].Weight.Dist, synapse.Normal, 0.03, 0.003), pr[1].Delay.Dist.Kind == synapse.NoDist && shared(pr[1].Delay.Value, 0.1)},
		{2, pr[2].Weight.Dist.Kind == synapse.NoDist && len(pr[2].Weight.Value.PerNeuron) == 80, pr[2].Delay.Dist.Kind == synapse.NoDist && shared(pr[2].Delay.Value, 2)},
		{3, nearDist(pr[3].Weight.Dist, synapse.Normal, 20.25, 2.5), nearDist(pr[3].Delay.Dist, synapse.Uniform, 0.1, 0.5)},
		{4, nearDist(pr[4].Weight.Dist, synapse.Uniform, 0.1, 0.2), pr[4].Delay.Dist.Kind == synapse.NoDist && shared(pr[4].Delay.Value, 0.1)},
	}
	for _, c := range checks {
		if !c.weight || !c.delay {
			t.Errorf("projection %d: weight %+v, delay %+v", c.k, pr[c.k].Weight, pr[c.k].Delay)
		}
	}

	// synapses of projection k as the network builds them (one shard):
	// weights and delays (steps) by target neuron
	build := func(k int) (w [][]float64, d [][]int) {
		p := spec.Projections[k]
		c := synapse.Conn{
			NPre: spec.Populations[p.From].Pop.Len(), NPost: spec.Populations[p.To].Pop.Len(),
			Self: p.From == p.To, Rule: p.Rule, Weight: p.Weight, Delay: p.Delay,
			NonNegative: p.Receptor.Kind.Conductance(),
		}
		csrs, err := synapse.Connect(c, spec.Dt, spec.Seed, k, []int{0, c.NPost}, 1)
		if err != nil {
			t.Fatalf("projection %d: %v", k, err)
		}
		w, d = make([][]float64, c.NPost), make([][]int, c.NPost)
		for i := range c.NPre {
			csrs[0].Row(i, func(j int, weight float64, delay int) {
				w[j] = append(w[j], weight)
				d[j] = append(d[j], delay)
			})
		}
		return w, d
	}
	flat := func(xs [][]float64) []float64 {
		var out []float64
		for _, x := range xs {
			out = append(out, x...)
		}
		return out
	}
	// every target with more than one synapse receives different weights
	perSynapse := func(k int, w [][]float64) {
		t.Helper()
		for j, ws := range w {
			if len(ws) > 1 && ws[0] == ws[1] {
				t.Errorf("projection %d: target %d receives %v: drawn per target, not per synapse", k, j, ws[:2])
				return
			}
		}
	}
	within := func(what string, xs []float64, lo, hi float64) {
		t.Helper()
		for _, x := range xs {
			if x < lo || x >= hi {
				t.Errorf("%s: %v outside [%v, %v)", what, x, lo, hi)
				return
			}
		}
	}
	// the sample mean of n draws of standard deviation sd has standard
	// error sd/sqrt(n) (uniform on [a, b): mean (a+b)/2, sd (b-a)/sqrt(12))
	checkMean := func(what string, xs []float64, mean, sd float64) {
		t.Helper()
		m, _ := meanSD(xs)
		if se := sd / math.Sqrt(float64(len(xs))); math.Abs(m-mean) > nSE*se {
			t.Errorf("%s: mean %v of %d, want %v +- %v", what, m, len(xs), mean, nSE*se)
		}
	}
	// normal draws: the mean, and the sample sd, whose standard error is
	// ~ sd/sqrt(2n)
	checkNormal := func(what string, xs []float64, mean, sd float64) {
		t.Helper()
		checkMean(what, xs, mean, sd)
		if _, s := meanSD(xs); math.Abs(s-sd) > nSE*sd/math.Sqrt(2*float64(len(xs))) {
			t.Errorf("%s: sd %v of %d, want %v", what, s, len(xs), sd)
		}
	}

	w0, d0 := build(0)
	all0 := flat(w0)
	if len(all0) != 80*79 { // all-to-all without autapses
		t.Fatalf("projection 0: %d synapses, want %d", len(all0), 80*79)
	}
	perSynapse(0, w0)
	within("projection 0 weight", all0, 0.015, 0.045)
	checkMean("projection 0 weight", all0, 0.03, 0.03/math.Sqrt(12))
	// delays uniform on [1, 3) ms rounded to steps of 0.1 ms: 10 .. 30,
	// the ends with half weight, mean 20 steps, sd ~ 20/sqrt(12)
	var steps []float64
	varies := false
	for j := range d0 {
		for _, s := range d0[j] {
			steps = append(steps, float64(s))
		}
		varies = varies || d0[j][0] != d0[j][1]
	}
	if !varies {
		t.Error("projection 0: every target's delays are equal: drawn per target")
	}
	within("projection 0 delay steps", steps, 10, 31)
	checkMean("projection 0 delay", steps, 20, math.Sqrt(400.0/12+1.0/12))

	w1, _ := build(1)
	perSynapse(1, w1)
	checkNormal("projection 1 weight", flat(w1), 0.03, 0.003)

	w2, _ := build(2)
	for j, ws := range w2 { // per target: 0.3 + j 0.1/79
		for _, x := range ws {
			if !near(x, 0.3+float64(j)*0.1/79) {
				t.Fatalf("projection 2: target %d receives %v", j, ws)
			}
		}
	}

	w3, d3 := build(3)
	perSynapse(3, w3)
	checkNormal("projection 3 weight", flat(w3), 20.25, 2.5)
	for j := range d3 {
		for _, s := range d3[j] {
			// [0.1, 0.5) ms in steps of 0.1 ms: 1 .. 5
			if s < 1 || s > 5 {
				t.Fatalf("projection 3: delay of %d steps onto %d", s, j)
			}
		}
	}

	w4, _ := build(4)
	all4 := flat(w4)
	within("projection 4 weight", all4, 0.1, 0.2)
	if all4[0] == all4[1] {
		t.Errorf("projection 4: weights %v", all4[:2])
	}
}

// TestPerSynapseRun runs the network of per_synapse.toml.
func TestPerSynapseRun(t *testing.T) {
	sc := load(t, "per_synapse.toml")
	spec, err := Build(sc)
	if err != nil {
		t.Fatal(err)
	}
	nw, err := network.New(spec)
	if err != nil {
		t.Fatal(err)
	}
	res, err := nw.Run(context.Background(), nil)
	if err != nil {
		t.Fatal(err)
	}
	if res.Steps != 200 {
		t.Errorf("%d steps, want 20 ms / 0.1 ms = 200", res.Steps)
	}
	// all-to-all 80 x 79 (no autapses), 80 x 20, 50 x 50, one-to-one 50;
	// fixed-probability 0.5 of 20 x 80 pairs: binomial, mean 800, sd 20
	for k, want := range []int64{80 * 79, 80 * 20, -1, 50 * 50, 50} {
		got := res.Projections[k].Synapses
		if want < 0 {
			if math.Abs(float64(got)-800) > nSE*20 {
				t.Errorf("projection %d: %d synapses, want 800 +- %d", k, got, nSE*20)
			}
			continue
		}
		if got != want {
			t.Errorf("projection %d: %d synapses, want %d", k, got, want)
		}
	}
}

func meanSD(xs []float64) (mean, sd float64) {
	for _, x := range xs {
		mean += x
	}
	mean /= float64(len(xs))
	for _, x := range xs {
		sd += (x - mean) * (x - mean)
	}
	return mean, math.Sqrt(sd / float64(len(xs)))
}

// TestPerSynapseRmIEqualRatio: c_m and tau_m may differ between the
// target neurons as long as c_m/tau_m does not, since a voltage weight
// then converts to one distribution.
func TestPerSynapseRmIEqualRatio(t *testing.T) {
	sc, err := Parse("ratio.toml", []byte(`[simulation]
duration = "10 ms"
dt = "0.1 ms"
[[population]]
name = "lif"
model = "lif"
size = 3
params.c_m = { linspace = ["200 pF", "400 pF"] }
params.tau_m = { linspace = ["10 ms", "20 ms"] }
[[projection]]
from = "lif"
to = "lif"
connect = "all-to-all"
synapse = { kind = "exp-current", tau = "5 ms" }
weight = { normal = ["1.6 mV", "0.2 mV"] }
`), nil)
	if err != nil {
		t.Fatal(err)
	}
	// c_m/tau_m = 200/10 = 300/15 = 400/20 = 20 pF/ms: 1.6 mV is 32 pA,
	// 0.2 mV 4 pA
	if d := sc.Projections[0].WeightDist; d.Kind != "normal" || !near(d.A, 32) || !near(d.B, 4) {
		t.Errorf("weight distribution %+v, want normal(32 pA, 4 pA)", d)
	}
}
