package network

import (
	"context"
	"math"
	"testing"

	"gonum.org/v1/gonum/floats/scalar"

	"gospike/neuron"
	"gospike/synapse"
)

// finalV returns V of every neuron of population p after a run.
func finalV(nw *Network, p int) []float64 {
	var out []float64
	for _, u := range nw.pops[p].units {
		out = append(out, u.v...)
	}
	return out
}

func runNetwork(t *testing.T, spec Spec) (*Network, *Result) {
	t.Helper()
	nw, err := New(spec)
	if err != nil {
		t.Fatal(err)
	}
	res, err := nw.Run(context.Background(), nil)
	if err != nil {
		t.Fatal(err)
	}
	return nw, res
}

// TestPoissonCounts drives 1000 integrator neurons with Poisson input
// through a delta receptor of weight 1 mV, so that each V counts its
// events. Over T = 1 s with Count = 5 sources of 20 Hz at dt = 0.1 ms,
// every neuron's count is Binomial(steps*Count, p = rate*dt) (Brian2's
// PoissonInput draws Binomial(N, rate*dt) per step): mean
// steps*Count*p = 100 per neuron, variance steps*Count*p(1-p). The total
// over 1000 neurons must lie within 4 sd of rate*T*Count*neurons = 1e5,
// the per-neuron sample variance within 4 standard errors
// (var*sqrt(2/(n-1)), normal approximation) of the binomial variance.
func TestPoissonCounts(t *testing.T) {
	const (
		n     = 1000
		rate  = 20.0 // Hz
		count = 5
		dur   = 1000.0 // ms
		dt    = 0.1
	)
	spec := Spec{Dt: dt, Duration: dur, Seed: 3, Threads: 2,
		Populations: []Population{newIntegrator("p", n, "euler")},
		Stimuli: []Stimulus{{Target: 0, Kind: Poisson, Rate: rate, Count: count, Weight: neuron.Shared(1),
			Receptor: synapse.Receptor{Kind: synapse.Delta}}}}
	nw, _ := runNetwork(t, spec)
	v := finalV(nw, 0)
	p := rate * dt / 1000
	trials := dur / dt * count
	mean, variance := trials*p, trials*p*(1-p)
	total := 0.0
	for _, x := range v {
		if x != math.Trunc(x) || x < 0 {
			t.Fatalf("count %g is not a whole number", x)
		}
		total += x
	}
	if want, sd := mean*n, math.Sqrt(variance*n); math.Abs(total-want) > 4*sd {
		t.Errorf("%v events, want %v +- 4 x %.0f", total, want, sd)
	}
	_, sv := meanVarF(v)
	if se := variance * math.Sqrt(2.0/(n-1)); math.Abs(sv-variance) > 4*se {
		t.Errorf("per-neuron count variance %.2f, want %.2f +- 4 x %.2f", sv, variance, se)
	}
}

func meanVarF(x []float64) (m, v float64) {
	for _, a := range x {
		m += a
	}
	m /= float64(len(x))
	for _, a := range x {
		v += (a - m) * (a - m)
	}
	return m, v / float64(len(x)-1)
}

// TestCurrentStimuli integrates stimulus currents with the integrator
// model under Euler (v += dt*I each step, exactly up to rounding):
// a DC of 2 pA from 1 to 3 ms (steps 10..29), a step current of 1 pA
// from 2 ms and -1 pA from 4 ms, per-neuron DC amplitudes, and a spike
// generator of weight 0.5 at 0.5 ms and twice at 4.5 ms.
func TestCurrentStimuli(t *testing.T) {
	spec := Spec{Dt: 0.1, Duration: 5, Populations: []Population{newIntegrator("p", 2, "euler")},
		Stimuli: []Stimulus{
			{Target: 0, Kind: DC, Amplitude: neuron.Shared(2), Start: 1, Stop: 3},
			{Target: 0, Kind: Step, Times: []float64{2, 4}, Amplitudes: []neuron.Value{neuron.Shared(1), neuron.Shared(-1)}},
			{Target: 0, Kind: DC, Amplitude: neuron.Value{PerNeuron: []float64{0, 10}}, Start: 4.95},
			{Target: 0, Kind: SpikeGenerator, Times: []float64{0.5, 4.5, 4.5}, Weight: neuron.Shared(0.5), Receptor: synapse.Receptor{Kind: synapse.Delta}},
		},
		Records: []Record{{Pop: 0, Vars: []string{"v"}}}}
	nw, res := runNetwork(t, spec)
	v := res.Traces.Columns[0].Values
	want := func(s int) float64 { // v at the start of step s, by hand
		x := 0.0
		for k := 0; k < s; k++ {
			if k >= 10 && k < 30 {
				x += 0.1 * 2
			}
			if k >= 20 && k < 40 {
				x += 0.1
			}
			if k >= 40 {
				x -= 0.1
			}
		}
		if s >= 5 {
			x += 0.5
		}
		if s >= 45 {
			x += 1
		}
		return x
	}
	for s := range v {
		if !scalar.EqualWithinAbs(v[s], want(s), 1e-12) {
			t.Fatalf("step %d: v = %.15g, want %.15g", s, v[s], want(s))
		}
	}
	// The per-neuron DC starts at 4.95 ms, which rounds up to step 50,
	// after the last step (49): it never acts.
	end := finalV(nw, 0)
	if end[0] != end[1] {
		t.Errorf("a DC starting after the last step acted: %v", end)
	}
}

// TestNoise checks both noise currents through the integrator (v is
// dt times the sum of the held currents): white noise held per step
// (mean 1, sd 2 per step) makes the sum over S steps normal with mean S
// and variance 4S; the Ornstein-Uhlenbeck current (mean 1, sd 2,
// correlation time tau), sampled exactly each step, is an AR(1) sequence
// with rho = exp(-dt/tau), whose sum over S steps has variance
// sd^2 (S (1+rho)/(1-rho) - 2 rho (1-rho^S)/(1-rho)^2). Over 2000
// neurons, the sample mean and variance of the sums must lie within
// 4 standard errors.
func TestNoise(t *testing.T) {
	const (
		n     = 2000
		dt    = 0.1
		steps = 200
		tau   = 2.0
		mean  = 1.0
		sd    = 2.0
	)
	rho := math.Exp(-dt / tau)
	S := float64(steps)
	for _, c := range []struct {
		tau      float64
		variance float64
	}{
		{0, sd * sd * S},
		{tau, sd * sd * (S*(1+rho)/(1-rho) - 2*rho*(1-math.Pow(rho, S))/((1-rho)*(1-rho)))},
	} {
		spec := Spec{Dt: dt, Duration: steps * dt, Seed: 9, Populations: []Population{newIntegrator("p", n, "euler")},
			Stimuli: []Stimulus{{Target: 0, Kind: Noise, Mean: neuron.Shared(mean), Std: neuron.Shared(sd), Tau: c.tau}}}
		nw, _ := runNetwork(t, spec)
		sums := finalV(nw, 0)
		for j := range sums {
			sums[j] /= dt
		}
		m, v := meanVarF(sums)
		if se := math.Sqrt(c.variance / n); math.Abs(m-mean*S) > 4*se {
			t.Errorf("tau %g: mean of the sums %.2f, want %.2f +- 4 x %.2f", c.tau, m, mean*S, se)
		}
		if se := c.variance * math.Sqrt(2.0/(n-1)); math.Abs(v-c.variance) > 4*se {
			t.Errorf("tau %g: variance of the sums %.1f, want %.1f +- 4 x %.1f", c.tau, v, c.variance, se)
		}
	}
}

// TestBinomialInversion: the guide-table inversion of apply gives, for
// every u on a fine grid, the smallest k with u < cdf[k] (what a plain
// linear search gives), and the table is the Binomial(n, p) cdf: its
// first entry is (1-p)^n and its mean n p.
func TestBinomialInversion(t *testing.T) {
	for _, c := range []struct {
		n int
		p float64
	}{{1000, 0.002}, {1, 0.3}, {50, 0.5}, {10000, 0.01}, {3, 1}} {
		cdf := binomialCDF(c.n, c.p)
		if want := math.Pow(1-c.p, float64(c.n)); !scalar.EqualWithinAbsOrRel(cdf[0], want, 1e-12, 1e-9) {
			t.Errorf("n %d p %g: P(0) = %g, want %g", c.n, c.p, cdf[0], want)
		}
		mean, prev := 0.0, 0.0
		for k, x := range cdf[:len(cdf)-1] {
			mean += float64(k) * (x - prev)
			prev = x
		}
		mean += float64(len(cdf)-1) * (1 - prev)
		if want := float64(c.n) * c.p; !scalar.EqualWithinAbsOrRel(mean, want, 1e-9, 1e-9) {
			t.Errorf("n %d p %g: mean %g, want %g", c.n, c.p, mean, want)
		}
		e := newPoisson(&Spec{Dt: 1, Duration: 1}, 0, Stimulus{Rate: 1000 * c.p, Count: c.n}, 0, 1, make([]float64, 1), 1)
		const grid = 100000
		for i := range grid {
			u := (float64(i) + 0.5) / grid
			want := 0
			for u >= cdf[want] {
				want++
			}
			if got := e.events(u); got != want {
				t.Fatalf("n %d p %g: u = %g gives %d events, want %d", c.n, c.p, u, got, want)
			}
		}
	}
}

// TestUniformCurrentBias: under method exact, current stimuli of one
// amplitude for every neuron (dc with a window, step) reach the model as
// one value a step (ExactInput.Bias; the exact LIF then keeps its vector
// kernels), their sum taken as the per-neuron sum is. CUBA with such
// stimuli, given once as shared amplitudes and once as the same values
// per neuron (which go through ExactInput.DC), must give the same spikes
// and traces bit for bit; with the shared form every exact unit uses the
// bias, with the per-neuron form none does.
func TestUniformCurrentBias(t *testing.T) {
	spec := func(perNeuron bool) Spec {
		s := cubaSpec(t, 4000, false, 2, 60)
		amp := func(pop int, x float64) neuron.Value {
			if !perNeuron {
				return neuron.Shared(x)
			}
			v := make([]float64, s.Populations[pop].Pop.Len())
			for i := range v {
				v[i] = x
			}
			return neuron.Value{PerNeuron: v}
		}
		s.Stimuli = []Stimulus{
			{Target: 0, Kind: DC, Start: 10, Stop: 30, Amplitude: amp(0, 35.5)},
			{Target: 0, Kind: Step, Times: []float64{5, 20, 40}, Amplitudes: []neuron.Value{amp(0, 12.25), amp(0, -20.1), amp(0, 3)}},
			{Target: 1, Kind: DC, Amplitude: amp(1, 7.3)},
		}
		s.Records = []Record{{Pop: 0, Vars: []string{"v"}, Neurons: []int{0, 1, 2}}, {Pop: 1, Vars: []string{"v"}, Neurons: []int{0}}}
		return s
	}
	for _, perNeuron := range []bool{false, true} {
		nw, err := New(spec(perNeuron))
		if err != nil {
			t.Fatal(err)
		}
		for _, ps := range nw.pops {
			for _, u := range ps.units {
				if u.bias == perNeuron {
					t.Errorf("per-neuron amplitudes %v: unit of %s uses the bias: %v", perNeuron, ps.name, u.bias)
				}
			}
		}
	}
	shared, per := run(t, spec(false)), run(t, spec(true))
	if shared.Populations[0].Count < 100 {
		t.Fatalf("%d spikes: the test needs activity", shared.Populations[0].Count)
	}
	if d := sameResult(shared, per); d != "" {
		t.Errorf("shared and per-neuron amplitudes: %s", d)
	}
	// The stimuli matter: without them the run differs.
	plain := spec(false)
	plain.Stimuli = nil
	if sameResult(shared, run(t, plain)) == "" {
		t.Error("the stimuli change nothing")
	}
}
