package hodgkinhuxley

import (
	"math"
	"testing"

	"gonum.org/v1/gonum/mat"

	"gospike/neuron"
)

// cobahhRates is an independent transcription of the rates of Brian2's
// examples/COBAHH.py (shared/bench/brian2_nets.py), u = v - VT in mV,
// with exprel(x) = expm1(x)/x as Brian2 evaluates it.
func cobahhRates(u float64) [6]float64 {
	invExprel := func(x float64) float64 {
		if x == 0 {
			return 1
		}
		return x / math.Expm1(x)
	}
	return [6]float64{
		0.32 * 4 * invExprel((13-u)/4), 0.28 * 5 * invExprel((u-40)/5),
		0.128 * math.Exp((17-u)/18), 4 / (1 + math.Exp((40-u)/5)),
		0.032 * 5 * invExprel((15-u)/5), 0.5 * math.Exp((10-u)/40),
	}
}

// exprelArg returns the argument of exprel in rate i at u (0 for the rates
// without one), where the shared exponentials lose accuracy by cancellation.
func exprelArg(i int, u float64) float64 {
	switch i {
	case 0:
		return (13 - u) / 4
	case 1:
		return (u - 40) / 5
	case 4:
		return (15 - u) / 5
	}
	return 0
}

// TestTMRates checks tmRates (two shared exponentials) against Brian2's
// expressions evaluated one by one with expm1, and the removable
// singularities against their limits.
func TestTMRates(t *testing.T) {
	const eps = 0x1p-52
	var us []float64
	for u := -80.0; u <= 120; u += 0.37 {
		us = append(us, u)
	}
	// Around the singularities: inside the series branch and just outside.
	for _, s := range []float64{13, 40, 15} {
		us = append(us, s-6e-4, s-4.1e-4, s-3e-4, s+3e-4, s+4.1e-4, s+6e-4)
	}
	for _, u := range us {
		got := [6]float64{}
		got[0], got[1], got[2], got[3], got[4], got[5] = tmRates(u)
		want := cobahhRates(u)
		for i := range got {
			// Powers of exp((10-u)/40) carry a relative error of about
			// 10 |(10-u)/40| eps; where exp(x) - 1 cancels (|x| small) an
			// error of k ulps in exp(x) becomes k eps/|x|, k <= 16.
			tol := 1e-13
			if x := exprelArg(i, u); x != 0 {
				tol += 16 * eps / math.Abs(x)
			}
			if d := math.Abs(got[i]-want[i]) / want[i]; d > tol {
				t.Errorf("u = %g mV: rate %d = %.17g, Brian2 %.17g (rel. diff %.2g > %.2g)", u, i, got[i], want[i], d, tol)
			}
		}
	}
	// Limits: x/(e^x - 1) -> 1, so alpha_m(u = 13) = 0.32*4,
	// beta_m(u = 40) = 0.28*5, alpha_n(u = 15) = 0.032*5 (1/ms).
	for _, c := range []struct {
		u, want float64
		i       int
	}{{13, 1.28, 0}, {40, 1.4, 1}, {15, 0.16, 4}} {
		got := [6]float64{}
		got[0], got[1], got[2], got[3], got[4], got[5] = tmRates(c.u)
		if got[c.i] != c.want {
			t.Errorf("rate %d at its singularity u = %g mV: %.17g, want %g", c.i, c.u, got[c.i], c.want)
		}
	}
}

// tmSteadyCurrent is the ionic current (uA/cm^2) at v with every gate at
// its steady state, from Brian2's COBAHH equations at their defaults.
func tmSteadyCurrent(v float64) float64 {
	r := cobahhRates(v + 63)
	m, h, n := r[0]/(r[0]+r[1]), r[2]/(r[2]+r[3]), r[4]/(r[4]+r[5])
	return 100*m*m*m*h*(v-50) + 30*n*n*n*n*(v+90) + 0.05*(v+60)
}

// TestTMNoStableRest: at the COBAHH defaults the model has no resting
// state, which is why Brian2's COBAHH neurons fire without any input
// (brian-team/brian2 issue #744, closed as the model's behaviour). The
// steady-state current I_ss(V) = I_ion(V, gates at steady state) has one
// zero V*, the model's equilibrium there is unstable, and from rest
// (e_l, gates at steady state) a neuron without input fires repetitively.
func TestTMNoStableRest(t *testing.T) {
	// One sign change of I_ss on [-100, 50] mV (0.25 mV grid).
	var lo, hi float64
	changes := 0
	for v := -100.0; v < 50; v += 0.25 {
		if (tmSteadyCurrent(v) < 0) != (tmSteadyCurrent(v+0.25) < 0) {
			lo, hi = v, v+0.25
			changes++
		}
	}
	if changes != 1 {
		t.Fatalf("I_ss changes sign %d times on [-100, 50] mV, want once", changes)
	}
	for hi-lo > 1e-12 {
		mid := (lo + hi) / 2
		if (tmSteadyCurrent(mid) < 0) == (tmSteadyCurrent(lo) < 0) {
			lo = mid
		} else {
			hi = mid
		}
	}
	vStar := (lo + hi) / 2
	r := cobahhRates(vStar + 63)
	y := []float64{vStar, r[0] / (r[0] + r[1]), r[2] / (r[2] + r[3]), r[4] / (r[4] + r[5])}
	pop, err := TraubMiles{}.New(1, nil)
	if err != nil {
		t.Fatal(err)
	}
	in := neuron.Input{A: []float64{0}, B: []float64{0}}
	d := make([]float64, 4)
	pop.Derivative(d, y, 0, in)
	// V* is bracketed to 1e-12 mV and dI_ss/dV is below 1e3 uA/cm^2/mV
	// there, so |dv/dt| < 1e-9 mV/ms; the gates sit at steady state.
	for k, x := range d {
		if math.Abs(x) > 1e-9 {
			t.Errorf("d(var %d)/dt = %g at the equilibrium V* = %.6f mV, want 0", k, x, vStar)
		}
	}
	// Jacobian by central differences of the model's Derivative.
	jac := mat.NewDense(4, 4, nil)
	const h = 1e-6
	dp, dm := make([]float64, 4), make([]float64, 4)
	for k := range y {
		yp := append([]float64(nil), y...)
		ym := append([]float64(nil), y...)
		yp[k] += h
		ym[k] -= h
		pop.Derivative(dp, yp, 0, in)
		pop.Derivative(dm, ym, 0, in)
		for i := range dp {
			jac.Set(i, k, (dp[i]-dm[i])/(2*h))
		}
	}
	var eig mat.Eigen
	if !eig.Factorize(jac, mat.EigenNone) {
		t.Fatal("eigen decomposition failed")
	}
	growth := math.Inf(-1)
	for _, e := range eig.Values(nil) {
		growth = math.Max(growth, real(e))
	}
	t.Logf("equilibrium V* = %.6f mV, eigenvalues %.4g /ms", vStar, eig.Values(nil))
	if growth <= 0 {
		t.Errorf("equilibrium at V* = %.4f mV is stable (largest real part %g /ms), want unstable", vStar, growth)
	}
	spikes := runDC(t, TraubMiles{}, nil, "rk4", 0.01, 200, []float64{0})[0]
	if len(spikes) < 2 {
		t.Errorf("without input, %d spikes in 200 ms from rest; want repetitive firing", len(spikes))
	}
}

// TestTMSpikesUnderDC: under DC, spike times from exponential Euler (the
// method of Brian2's COBAHH) converge to the RK4 solution at first order,
// with the same spikes. The reference is RK4 at dt 0.0025 ms, checked
// against dt 0.00125 ms to be far more accurate than the errors measured.
func TestTMSpikesUnderDC(t *testing.T) {
	const duration = 100.0    // ms
	dc := []float64{1, 5, 10} // uA/cm^2, one neuron each; ISIs > t_ref = 3 ms
	ref := runDC(t, TraubMiles{}, nil, "rk4", 0.0025, duration, dc)
	fine := runDC(t, TraubMiles{}, nil, "rk4", 0.00125, duration, dc)
	refErr := 0.0
	for i := range dc {
		if len(ref[i]) < 5 || len(fine[i]) != len(ref[i]) {
			t.Fatalf("I = %g: %d spikes at rk4 dt 0.0025, %d at 0.00125; want the same, at least 5", dc[i], len(ref[i]), len(fine[i]))
		}
		refErr = math.Max(refErr, maxAbsDiff(ref[i], fine[i]))
	}
	// Compare the spikes before compared ms; the approximate runs go on to
	// duration so that a drift of up to duration - compared still finds
	// every one of them.
	const compared = 80.0 // ms
	for i := range ref {
		k := 0
		for k < len(ref[i]) && ref[i][k] < compared {
			k++
		}
		ref[i] = ref[i][:k]
	}
	// errAt returns the largest spike-time error of exponential Euler at
	// dt over the compared spikes of every neuron.
	errAt := func(dt float64) float64 {
		got := runDC(t, TraubMiles{}, nil, "exponential-euler", dt, duration, dc)
		worst := 0.0
		for i := range dc {
			if len(got[i]) < len(ref[i]) {
				t.Fatalf("exponential-euler dt %g, I = %g: %d spikes, rk4 %d before %g ms", dt, dc[i], len(got[i]), len(ref[i]), compared)
			}
			worst = math.Max(worst, maxAbsDiff(got[i][:len(ref[i])], ref[i]))
		}
		if worst > duration-compared {
			t.Fatalf("exponential-euler dt %g drifts by %g ms: raise duration", dt, worst)
		}
		return worst
	}
	dts := []float64{0.04, 0.02, 0.01}
	errs := make([]float64, len(dts))
	for k, dt := range dts {
		errs[k] = errAt(dt)
	}
	coarseErr := errAt(0.1)
	t.Logf("spikes before %g ms at %v uA/cm^2: %d, %d, %d; rk4 reference uncertainty %.2g ms; exponential-euler error at dt %v: %.3g ms; at dt 0.1 (COBAHH's): %.3g ms",
		compared, dc, len(ref[0]), len(ref[1]), len(ref[2]), refErr, dts, errs, coarseErr)
	// The reference must be good to 1 % of the smallest error it measures.
	if refErr > 0.01*errs[len(errs)-1] {
		t.Fatalf("rk4 reference uncertain by %.2g ms, not << %.2g ms", refErr, errs[len(errs)-1])
	}
	// First order: see TestHHFirstOrderMethods for the band.
	for k := 1; k < len(dts); k++ {
		if r := errs[k-1] / errs[k]; r < 1.6 || r > 2.4 {
			t.Errorf("error ratio dt %g / dt %g = %.3f, want 2 (first order) within [1.6, 2.4]", dts[k-1], dts[k], r)
		}
	}
}

// TestTMRefractory: t_ref only suppresses detection (the dynamics go on,
// as in Brian2's COBAHH, whose equations lack "unless refractory"), so
// with t_ref the spikes are the crossings without it, less every one that
// comes within t_ref of the last spike kept. A second run of the same
// population starts afresh: Rest forgets the last spikes.
func TestTMRefractory(t *testing.T) {
	tRefs := []float64{0, 3, 3.3, 7}
	dc := []float64{20, 20, 20, 20} // uA/cm^2: ISI near 3.3 ms
	pop, err := TraubMiles{}.New(len(dc), map[string]neuron.Value{"t_ref": {PerNeuron: tRefs}})
	if err != nil {
		t.Fatal(err)
	}
	run := func() [][]float64 {
		spikes, err := neuron.DCRun{Pop: pop, Method: "rk4", Dt: 0.01, Duration: 60, DC: dc}.Run(TraubMiles{}.Vars())
		if err != nil {
			t.Fatal(err)
		}
		out := make([][]float64, len(dc))
		for _, s := range spikes {
			out[s.Neuron] = append(out[s.Neuron], s.Time)
		}
		return out
	}
	first := run()
	crossings := first[0]
	for i, tRef := range tRefs {
		var want []float64
		for _, c := range crossings {
			if len(want) == 0 || c-want[len(want)-1] >= tRef {
				want = append(want, c)
			}
		}
		if len(first[i]) != len(want) || maxAbsDiff(first[i], want) != 0 {
			t.Errorf("t_ref %g ms: spikes %v, want %v", tRef, first[i], want)
		}
	}
	if len(first[3]) >= len(first[0]) {
		t.Errorf("t_ref 7 ms suppressed nothing: %d spikes, %d crossings", len(first[3]), len(first[0]))
	}
	second := run()
	for i := range dc {
		if len(second[i]) != len(first[i]) || maxAbsDiff(second[i], first[i]) != 0 {
			t.Errorf("t_ref %g ms: second run %v, first %v", tRefs[i], second[i], first[i])
		}
	}
}
