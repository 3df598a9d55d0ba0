package network

import (
	"context"
	"fmt"
	"math"
	"testing"

	"gonum.org/v1/gonum/floats/scalar"

	"gospike/models/lif"
	"gospike/neuron"
	"gospike/synapse"
)

// LIF parameters of these tests: the lif model's defaults (NEST
// iaf_psc_exp): tau_m 10 ms, c_m 250 pF, e_l -70 mV, v_th -55 mV.
const (
	tauM = 10.0
	cM   = 250.0
	eL   = -70.0
	vTh  = -55.0
)

func lifPop(t testing.TB, name string, n int, method string) Population {
	t.Helper()
	pop, err := lif.Model{}.New(n, nil)
	if err != nil {
		t.Fatal(err)
	}
	return Population{Name: name, Model: lif.Model{}, Pop: pop, Method: method}
}

func run(t testing.TB, spec Spec) *Result {
	t.Helper()
	nw, err := New(spec)
	if err != nil {
		t.Fatal(err)
	}
	res, err := nw.Run(context.Background(), nil)
	if err != nil {
		t.Fatal(err)
	}
	return res
}

func column(t testing.TB, res *Result, name string) []float64 {
	t.Helper()
	for _, c := range res.Traces.Columns {
		if c.Name == name {
			return c.Values
		}
	}
	t.Fatalf("no trace column %q", name)
	return nil
}

// The closed forms of a LIF membrane (u = V - e_l, du/dt = -u/tau_m +
// I(t)/c_m, u(0) = 0) under one synaptic input arriving at t = 0:
//
//	delta, weight w (mV):             u = w exp(-t/tau_m)
//	exp current w exp(-t/tau_s):      u = w tau_s tau_m / (c_m (tau_m - tau_s)) (exp(-t/tau_m) - exp(-t/tau_s))
//	alpha current w (t/tau_s) e^(1-t/tau_s):
//	                                  u = w e/(c_m tau_s) exp(-t/tau_m) (1 - exp(-a t)(1 + a t))/a^2,  a = 1/tau_s - 1/tau_m
//
// (variation of constants: u(t) = integral_0^t exp(-(t-s)/tau_m) I(s)/c_m ds).
func pspDelta(w, t float64) float64 { return w * math.Exp(-t/tauM) }

func pspExp(w, tauS, t float64) float64 {
	return w * tauS * tauM / (cM * (tauM - tauS)) * (math.Exp(-t/tauM) - math.Exp(-t/tauS))
}

func pspAlpha(w, tauS, t float64) float64 {
	a := 1/tauS - 1/tauM
	return w * math.E / (cM * tauS) * math.Exp(-t/tauM) * (1 - math.Exp(-a*t)*(1+a*t)) / (a * a)
}

// TestSingleSpikeKernels sends one spike of a LIF neuron through a
// projection of each receptor kind onto its own LIF neuron, and checks
// that it arrives exactly `delay` after the spike's step end, that each
// receptor's current or conductance follows its analytic kernel
// (synapse.Receptor.Kernel: w exp(-t/tau), w (t/tau) exp(1-t/tau)), and
// that V follows the closed forms above, all within 1e-6 relative to
// the peak. RK4 at dt = 0.1 ms on these linear ODEs has a global error of
// order (dt/tau)^4 ~ 1e-7 relative; exact integration is exact.
//
// It does so through an all-to-all projection (the ring's dense path)
// and through a fixed-indegree one (explicit rows), with a delay of 1 ms
// (blocks of 11 steps: the spike, in step 138, arrives mid-block, from
// the ring) and of 0.1 ms (blocks of 2 steps, the spike in a block's
// first step: rows with one delay then add it straight into the
// receptor, CSR.AddNow).
func TestSingleSpikeKernels(t *testing.T) {
	for _, delay := range []float64{1, 0.1} {
		for _, rule := range []synapse.Rule{{Kind: synapse.AllToAll}, {Kind: synapse.FixedIndegree, K: 1}} {
			t.Run(fmt.Sprintf("delay %g ms, %s", delay, rule.Kind), func(t *testing.T) { singleSpikeKernels(t, delay, rule) })
		}
	}
}

func singleSpikeKernels(t *testing.T, delay float64, rule synapse.Rule) {
	const (
		dt     = 0.1
		iDC    = 500.0
		tauS   = 5.0
		tol    = 1e-6
		window = 60.0 // ms after arrival
	)
	// The pre neuron, driven from rest by 500 pA (R I = 20 mV), reaches
	// v_th at t = tau_m ln(RI / (RI - (v_th - e_l))) = 10 ln 4 ms; the
	// current stops before a second spike.
	tSpike := tauM * math.Log(20.0/(20.0-(vTh-eL)))
	cases := []struct {
		name   string
		method string
		rec    synapse.Receptor
		w      float64
		psp    func(t float64) float64 // nil: no closed form checked
	}{
		{"delta-exact", "exact", synapse.Receptor{Kind: synapse.Delta}, 2, func(t float64) float64 { return pspDelta(2, t) }},
		{"delta-rk4", "rk4", synapse.Receptor{Kind: synapse.Delta}, 2, func(t float64) float64 { return pspDelta(2, t) }},
		{"exp-current-exact", "exact", synapse.Receptor{Kind: synapse.ExpCurrent, Tau: tauS, Name: "i"}, 100, func(t float64) float64 { return pspExp(100, tauS, t) }},
		{"exp-current-rk4", "rk4", synapse.Receptor{Kind: synapse.ExpCurrent, Tau: tauS, Name: "i"}, 100, func(t float64) float64 { return pspExp(100, tauS, t) }},
		{"alpha-current-rk4", "rk4", synapse.Receptor{Kind: synapse.AlphaCurrent, Tau: tauS, Name: "i"}, 100, func(t float64) float64 { return pspAlpha(100, tauS, t) }},
		{"exp-conductance-rk4", "rk4", synapse.Receptor{Kind: synapse.ExpConductance, Tau: tauS, ERev: 0, Name: "i"}, 2, nil},
		{"alpha-conductance-rk4", "rk4", synapse.Receptor{Kind: synapse.AlphaConductance, Tau: tauS, ERev: -80, Name: "i"}, 2, nil},
	}
	spec := Spec{Dt: dt, Duration: 20 + delay + window, Seed: 1}
	spec.Populations = append(spec.Populations, lifPop(t, "pre", 1, "exact"))
	spec.Stimuli = append(spec.Stimuli, Stimulus{Target: 0, Kind: DC, Amplitude: neuron.Shared(iDC), Stop: 14})
	for k, c := range cases {
		spec.Populations = append(spec.Populations, lifPop(t, c.name, 1, c.method))
		spec.Projections = append(spec.Projections, Projection{From: 0, To: k + 1, Rule: rule,
			Receptor: c.rec, Weight: synapse.Fixed(c.w), Delay: synapse.Fixed(delay)})
		vars := []string{"v"}
		if c.rec.Kind != synapse.Delta {
			vars = append(vars, "i")
		}
		spec.Records = append(spec.Records, Record{Pop: k + 1, Vars: vars})
	}
	res := run(t, spec)
	pre := res.Populations[0].Spikes
	if len(pre) != 1 || !scalar.EqualWithinAbs(pre[0].Time, tSpike, 1e-9) {
		t.Fatalf("pre spikes %v, want one at %.9f ms", pre, tSpike)
	}
	stamp := int(math.Floor(tSpike/dt)) + 1 // the end of the spike's step
	arrival := stamp + int(math.Round(delay/dt))
	if block := int(math.Round(delay/dt)) + 1; delay < 0.5 && (stamp-1)%block != 0 {
		t.Fatalf("the spike's step %d is not the first of a block of %d: the case does not test AddNow", stamp-1, block)
	}
	for k, c := range cases {
		v := column(t, res, c.name+".v[0]")
		var g []float64
		if c.rec.Kind != synapse.Delta {
			g = column(t, res, c.name+".i[0]")
		}
		for s := range v {
			tt := float64(s-arrival) * dt
			if s < arrival {
				if v[s] != eL || (g != nil && g[s] != 0) {
					t.Fatalf("%s: input before its arrival at step %d: step %d v %g", c.name, arrival, s, v[s])
				}
				continue
			}
			if g != nil {
				want := c.rec.Kernel(c.w, tt)
				if !scalar.EqualWithinAbsOrRel(g[s], want, tol*c.w, tol) {
					t.Fatalf("%s: t = %.1f ms after arrival: receptor %.12g, kernel %.12g", c.name, tt, g[s], want)
				}
			}
			if c.psp != nil {
				want := eL + c.psp(tt)
				peak := c.psp(0) + c.psp(tauS) + c.psp(2*tauS) // the order of the peak
				if !scalar.EqualWithinAbs(v[s], want, tol*peak) {
					t.Fatalf("%s: t = %.1f ms after arrival: V %.12g mV, closed form %.12g mV", c.name, tt, v[s], want)
				}
			}
		}
		if res.Populations[k+1].Count != 0 {
			t.Errorf("%s: the post neuron spiked", c.name)
		}
	}
}

// TestConductanceBoundedByReversal: a strong exp-conductance input with
// E_rev = -60 mV (between rest and threshold) drives V towards E_rev and
// never past it (the current g (E_rev - V) changes sign there), with
// exponential Euler and with RK4.
func TestConductanceBoundedByReversal(t *testing.T) {
	const eRev = -60.0
	for _, method := range []string{"exponential-euler", "rk4"} {
		times := make([]float64, 100)
		for i := range times {
			times[i] = float64(i)
		}
		spec := Spec{Dt: 0.1, Duration: 100, Populations: []Population{lifPop(t, "post", 1, method)},
			Stimuli: []Stimulus{{Target: 0, Kind: SpikeGenerator, Times: times, Weight: neuron.Shared(200),
				Receptor: synapse.Receptor{Kind: synapse.ExpConductance, Tau: 5, ERev: eRev}}},
			Records: []Record{{Pop: 0, Vars: []string{"v"}}}}
		v := column(t, run(t, spec), "post.v[0]")
		top := math.Inf(-1)
		for _, x := range v {
			top = math.Max(top, x)
		}
		// With g >= 200 nS against g_L = c_m/tau_m = 25 nS, V settles
		// within (25/225)*10 mV ~ 1.1 mV of E_rev.
		if top > eRev || top < eRev-1.2 {
			t.Errorf("%s: V peaks at %.6f mV; want in [E_rev - 1.2, E_rev] = [%g, %g]", method, top, eRev-1.2, eRev)
		}
	}
}
