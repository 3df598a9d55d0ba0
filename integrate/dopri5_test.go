package integrate_test

import (
	"errors"
	"math"
	"testing"

	"gospike/integrate"
	"gospike/integrate/testode"
)

// globalTolMultiple bounds the global error at the end of a Dopri5 run in
// units of the tolerance, ATol + RTol |y_exact|. The controller keeps the
// local error of the embedded order-4 result below the tolerance each
// step, and the solution advances with the order-5 result, whose local
// error is smaller still; on the problems here (dissipative, or one period
// of an oscillator) these local errors add up to about the tolerance
// (HNW I, II.4, "tolerance proportionality": global error ~ C Tol). A
// factor 10 leaves room for C while still failing a controller that is
// off by an order of magnitude (a wrong exponent, error norm or tableau).
const globalTolMultiple = 10

type dopriCase struct {
	p    testode.Problem
	tEnd float64
}

func dopriCases() []dopriCase {
	return []dopriCase{
		{testode.NewDecay(4), 3},
		{&testode.Oscillator{Omega: 1, X0: 1, V0: 0.5}, 2 * math.Pi},
		{testode.NewLIFMembrane(), 50},
		{&testode.Coupled{Y10: 1, Y20: 2}, 3},
	}
}

// scaledError is max_i |y_i - exact_i| / (atol + rtol |exact_i|).
func scaledError(y, exact []float64, rtol, atol float64) float64 {
	e := 0.0
	for i := range y {
		e = math.Max(e, math.Abs(y[i]-exact[i])/(atol+rtol*math.Abs(exact[i])))
	}
	return e
}

// TestDopri5Tolerance runs every fixture at tolerances 1e-4..1e-10 and
// checks that the error at the end is within globalTolMultiple of the
// tolerance and decreases as the tolerance does.
func TestDopri5Tolerance(t *testing.T) {
	tols := []float64{1e-4, 1e-5, 1e-6, 1e-7, 1e-8, 1e-9, 1e-10}
	for _, c := range dopriCases() {
		n := c.p.Len()
		y, want := make([]float64, n), make([]float64, n)
		c.p.Exact(want, c.tEnd)
		prev := math.Inf(1)
		var absErrs []float64
		for _, tol := range tols {
			d, err := integrate.NewDopri5(n, integrate.Settings{RTol: tol, ATol: tol})
			if err != nil {
				t.Fatal(err)
			}
			c.p.Exact(y, 0)
			st, err := d.Solve(c.p, 0, c.tEnd, y)
			if err != nil {
				t.Fatalf("%s, tol %g: %v", c.p.Name(), tol, err)
			}
			scaled := scaledError(y, want, tol, tol)
			abs := scaledError(y, want, 0, 1)
			absErrs = append(absErrs, abs)
			t.Logf("%-12s tol %.0e: error %.3g = %.3g tol, %d steps, %d rejected, %d evaluations", c.p.Name(), tol, abs, scaled, st.Steps, st.Rejected, st.Evaluations)
			if scaled > globalTolMultiple {
				t.Errorf("%s, tol %g: error at t = %g is %.3g times the tolerance, want <= %d", c.p.Name(), tol, c.tEnd, scaled, globalTolMultiple)
			}
			if !(abs < prev) {
				t.Errorf("%s: error %g at tol %g is not below %g at tol %g", c.p.Name(), abs, tol, prev, tol*10)
			}
			prev = abs
		}
		// Tolerance proportionality (HNW I, II.4): the local error of the
		// order-5 result is ~ h^6 with h ~ Tol^(1/5), over ~ Tol^(-1/5)
		// steps, so the global error is ~ Tol: a log-log slope of 1. The
		// band is the one of the fixed-step order tests.
		const proportionalityTol = 0.3
		sl := slope(tols, absErrs)
		t.Logf("%-12s log-log slope of error vs tolerance: %.3f", c.p.Name(), sl)
		if math.Abs(sl-1) > proportionalityTol {
			t.Errorf("%s: error ~ tol^%.3f, want tol^(1 +- %g)", c.p.Name(), sl, proportionalityTol)
		}
	}
}

// TestDopri5DenseOutput checks Shampine's continuous extension: inside
// every step of an oscillator run it must be as accurate as the steps'
// ends (globalTolMultiple), and at both ends of a step it must give the
// step's values (exact at the start, by construction; at the end
// y0 + (y1 - y0), within an ulp of y1).
func TestDopri5DenseOutput(t *testing.T) {
	for _, c := range dopriCases() {
		for _, tol := range []float64{1e-5, 1e-8} {
			n := c.p.Len()
			d, err := integrate.NewDopri5(n, integrate.Settings{RTol: tol, ATol: tol})
			if err != nil {
				t.Fatal(err)
			}
			y, yOld, got, want := make([]float64, n), make([]float64, n), make([]float64, n), make([]float64, n)
			c.p.Exact(y, 0)
			worst := 0.0
			for tt := 0.0; tt < c.tEnd; {
				copy(yOld, y)
				tNew, err := d.Step(c.p, tt, c.tEnd, y)
				if err != nil {
					t.Fatal(err)
				}
				from, to, ok := d.LastStep()
				if !ok || from != tt || to != tNew {
					t.Fatalf("LastStep() = %g, %g, %v; want %g, %g, true", from, to, ok, tt, tNew)
				}
				d.Interpolate(got, tt)
				for i := range got {
					if got[i] != yOld[i] {
						t.Errorf("%s: interpolation at the step's start t = %g: %g, want %g", c.p.Name(), tt, got[i], yOld[i])
					}
				}
				d.Interpolate(got, tNew)
				for i := range got {
					if math.Abs(got[i]-y[i]) > 0x1p-52*math.Max(math.Abs(y[i]), math.Abs(yOld[i])) {
						t.Errorf("%s: interpolation at the step's end t = %g: %g, want %g", c.p.Name(), tNew, got[i], y[i])
					}
				}
				for _, theta := range []float64{0.1, 0.25, 0.5, 0.75, 0.9} {
					ti := tt + theta*(tNew-tt)
					d.Interpolate(got, ti)
					c.p.Exact(want, ti)
					worst = math.Max(worst, scaledError(got, want, tol, tol))
				}
				tt = tNew
			}
			t.Logf("%-12s tol %.0e: largest dense-output error %.3g tol", c.p.Name(), tol, worst)
			if worst > globalTolMultiple {
				t.Errorf("%s, tol %g: dense output error %.3g times the tolerance, want <= %d", c.p.Name(), tol, worst, globalTolMultiple)
			}
		}
	}
}

// crossing finds by bisection the time in the last step of d at which
// component i of the dense output reaches level, rising, to the
// resolution of t.
func crossing(d *integrate.Dopri5, i int, level float64) float64 {
	lo, hi, _ := d.LastStep()
	for range 200 {
		mid := lo + (hi-lo)/2
		if mid == lo || mid == hi {
			break
		}
		if d.InterpolateComponent(i, mid) < level {
			lo = mid
		} else {
			hi = mid
		}
	}
	return lo + (hi-lo)/2
}

// TestDopri5LIFSpikeTimes is a single-neuron reference run: a LIF neuron
// (tau_m 10 ms, E_L = V_reset = -65 mV, V_th = -50 mV, no refractory
// period; the reference LIF of lif_fI.csv without t_ref) driven to
// V_inf = -45 mV, spike times found by bisection on the dense output of V
// and V reset at each spike. The exact inter-spike interval is
// tau_m ln((V_inf - V_reset)/(V_inf - V_th)) = 10 ln 4 ms (Crossing). A
// V error of e at the crossing moves the spike by e / (dV/dt), with
// dV/dt = (V_inf - V_th)/tau_m = 0.5 mV/ms there, and the errors of
// successive spikes add up, so spike k may be off by
// k * globalTolMultiple * (ATol + RTol |V_th|) / (dV/dt).
func TestDopri5LIFSpikeTimes(t *testing.T) {
	const vTh, vReset, nSpikes = -50.0, -65.0, 6
	lif := &testode.LIFMembrane{EL: -65, R: 10, I: 2, TauM: 10, V0: vReset}
	isi, ok := lif.Crossing(vTh)
	if !ok {
		t.Fatal("the LIF fixture does not reach threshold")
	}
	slopeAtTh := (lif.EL + lif.R*lif.I - vTh) / lif.TauM
	for _, tol := range []float64{1e-4, 1e-6, 1e-8, 1e-10} {
		d, err := integrate.NewDopri5(1, integrate.Settings{RTol: tol, ATol: tol})
		if err != nil {
			t.Fatal(err)
		}
		y := []float64{vReset}
		var spikes []float64
		for tt := 0.0; len(spikes) < nSpikes; {
			tt, err = d.Step(lif, tt, 1000, y)
			if err != nil {
				t.Fatal(err)
			}
			if y[0] >= vTh {
				ts := crossing(d, 0, vTh)
				spikes = append(spikes, ts)
				tt, y[0] = ts, vReset
			}
		}
		worst := 0.0
		for k, ts := range spikes {
			e := math.Abs(ts - float64(k+1)*isi)
			bound := float64(k+1) * globalTolMultiple * (tol + tol*math.Abs(vTh)) / slopeAtTh
			worst = math.Max(worst, e)
			if e > bound {
				t.Errorf("tol %g: spike %d at %.12g ms, exact %.12g ms: error %.3g ms > %.3g ms", tol, k+1, ts, float64(k+1)*isi, e, bound)
			}
		}
		t.Logf("tol %.0e: %d spikes, largest spike-time error %.3g ms, %d evaluations", tol, nSpikes, worst, d.Stats().Evaluations)
	}
}

// TestDopri5FSAL counts derivative evaluations: six per attempted step
// (k2..k7; k7 is the next step's k1), one for k1 at the start and one for
// the starting-step estimate, also when Solve is called again from where
// it ended (a loop over output times). Changing y forces one evaluation
// (a fresh k1), and Reset two (k1 and the starting step).
func TestDopri5FSAL(t *testing.T) {
	p := &testode.Oscillator{Omega: 1, X0: 1}
	d, err := integrate.NewDopri5(2, integrate.Settings{RTol: 1e-7, ATol: 1e-7})
	if err != nil {
		t.Fatal(err)
	}
	y := make([]float64, 2)
	p.Exact(y, 0)
	want := make([]float64, 2)
	for k := 1; k <= 20; k++ {
		if _, err := d.Solve(p, float64(k-1)*0.3, float64(k)*0.3, y); err != nil {
			t.Fatal(err)
		}
	}
	p.Exact(want, 20*0.3)
	if e := scaledError(y, want, 1e-7, 1e-7); e > globalTolMultiple {
		t.Errorf("after 20 output intervals: error %.3g tol", e)
	}
	check := func(what string, extra int) {
		t.Helper()
		s := d.Stats()
		if w := 6*(s.Steps+s.Rejected) + extra; s.Evaluations != w {
			t.Errorf("%s: %d evaluations for %d steps and %d rejections, want %d", what, s.Evaluations, s.Steps, s.Rejected, w)
		}
	}
	check("20 Solve calls", 2)
	y[0] += 0.1 // a jump, as a spike reset
	if _, err := d.Solve(p, 6, 7, y); err != nil {
		t.Fatal(err)
	}
	check("after a change of y", 3)
	d.Reset()
	if _, err := d.Solve(p, 7, 8, y); err != nil {
		t.Fatal(err)
	}
	check("after Reset", 5)
}

// TestDopri5Backward integrates an oscillator one period backward, from
// t = 2 pi to 0, which must recover the initial value within the tolerance
// multiple, as forward. (Not a decay: backward it grows as exp(k t), and
// so do its errors.)
func TestDopri5Backward(t *testing.T) {
	p := &testode.Oscillator{Omega: 1, X0: 1, V0: 0.5}
	const tol = 1e-8
	d, err := integrate.NewDopri5(2, integrate.Settings{RTol: tol, ATol: tol})
	if err != nil {
		t.Fatal(err)
	}
	y, want := make([]float64, 2), make([]float64, 2)
	p.Exact(y, 2*math.Pi)
	st, err := d.Solve(p, 2*math.Pi, 0, y)
	if err != nil {
		t.Fatal(err)
	}
	p.Exact(want, 0)
	e := scaledError(y, want, tol, tol)
	t.Logf("backward from t = 2 pi: %.3g tol in %d steps", e, st.Steps)
	if e > globalTolMultiple {
		t.Errorf("backward from t = 2 pi: y(0) = %v, want %v (%.3g tol)", y, want, e)
	}
}

// TestDopri5MaxStep checks that no step exceeds MaxStep.
func TestDopri5MaxStep(t *testing.T) {
	p := testode.NewLIFMembrane()
	const maxStep = 0.5 // ms; the tolerance alone allows steps of several ms
	d, err := integrate.NewDopri5(1, integrate.Settings{RTol: 1e-4, ATol: 1e-4, MaxStep: maxStep})
	if err != nil {
		t.Fatal(err)
	}
	y := []float64{-65}
	for tt := 0.0; tt < 20; {
		if tt, err = d.Step(p, tt, 20, y); err != nil {
			t.Fatal(err)
		}
		// to - from is rounded: allow an ulp of t on top of MaxStep.
		if from, to, _ := d.LastStep(); to-from > maxStep+2*0x1p-52*math.Abs(to) {
			t.Fatalf("step from %g to %g exceeds MaxStep %g", from, to, maxStep)
		}
	}
	if s := d.Stats().Steps; s < 40 {
		t.Errorf("%d steps over 20 ms with MaxStep %g ms, want >= 40", s, maxStep)
	}
}

// sysFunc adapts a function to integrate.System for the error tests.
type sysFunc func(dst []float64, t float64, y []float64)

func (f sysFunc) Derivative(dst []float64, t float64, y []float64) { f(dst, t, y) }

// TestDopri5Errors checks that failures come back as errors, wrapping the
// right sentinel, and never as panics.
func TestDopri5Errors(t *testing.T) {
	ok := integrate.Settings{RTol: 1e-8, ATol: 1e-8}
	cases := []struct {
		name   string
		set    integrate.Settings
		sys    sysFunc
		y0     float64
		t1     float64
		target error
	}{
		// y' = y^2, y(0) = 1: y = 1/(1-t) blows up at t = 1.
		{"blow-up", ok, func(dst []float64, _ float64, y []float64) { dst[0] = y[0] * y[0] }, 1, 2, integrate.ErrStepSize},
		// f is NaN below y = 0.5 (as a sqrt of a negative argument).
		{"nan derivative", ok, func(dst []float64, _ float64, y []float64) {
			dst[0] = -1
			if y[0] < 0.5 {
				dst[0] = math.NaN()
			}
		}, 1, 1, integrate.ErrNotFinite},
		{"nan initial value", ok, func(dst []float64, _ float64, y []float64) { dst[0] = -y[0] }, math.NaN(), 1, integrate.ErrNotFinite},
		{"infinite initial derivative", ok, func(dst []float64, _ float64, y []float64) { dst[0] = 1 / y[0] }, 0, 1, integrate.ErrNotFinite},
		{"max steps", integrate.Settings{RTol: 1e-12, ATol: 1e-12, MaxSteps: 5}, func(dst []float64, _ float64, y []float64) { dst[0] = -y[0] }, 1, 10, integrate.ErrMaxSteps},
	}
	for _, c := range cases {
		d, err := integrate.NewDopri5(1, c.set)
		if err != nil {
			t.Fatal(err)
		}
		y := []float64{c.y0}
		_, err = d.Solve(c.sys, 0, c.t1, y)
		if !errors.Is(err, c.target) {
			t.Errorf("%s: error %v, want one wrapping %v", c.name, err, c.target)
			continue
		}
		t.Logf("%s: %v", c.name, err)
	}
}

// TestDopri5BadInput checks that invalid settings and times are errors.
func TestDopri5BadInput(t *testing.T) {
	for _, s := range []integrate.Settings{
		{},
		{RTol: -1e-6, ATol: 1e-6},
		{RTol: 1e-6, ATol: math.NaN()},
		{RTol: math.Inf(1)},
		{RTol: 1e-6, InitialStep: -1},
		{RTol: 1e-6, MaxStep: math.NaN()},
		{RTol: 1e-6, MaxSteps: -1},
		{RTol: 1e-16, ATol: 1e-16}, // below rounding
	} {
		if _, err := integrate.NewDopri5(1, s); err == nil {
			t.Errorf("NewDopri5(%+v): no error", s)
		}
	}
	d, err := integrate.NewDopri5(1, integrate.Settings{RTol: 1e-6})
	if err != nil {
		t.Fatal(err)
	}
	for _, t1 := range []float64{math.NaN(), math.Inf(1)} {
		if _, err := d.Solve(testode.NewDecay(1), 0, t1, []float64{1}); err == nil {
			t.Errorf("Solve to t = %g: no error", t1)
		}
	}
}

// TestDopri5TinyInterval checks that an output interval of one ulp of t,
// shorter than any step the error control would call an underflow, is
// still integrated (a last step ends exactly on tEnd).
func TestDopri5TinyInterval(t *testing.T) {
	p := testode.NewDecay(1)
	d, err := integrate.NewDopri5(1, integrate.Settings{RTol: 1e-8, ATol: 1e-8})
	if err != nil {
		t.Fatal(err)
	}
	y := []float64{1}
	t1 := math.Nextafter(1, 2)
	st, err := d.Solve(p, 1, t1, y)
	if err != nil || st.Steps != 1 {
		t.Fatalf("Solve over [1, 1+ulp]: %d steps, error %v; want 1 step, no error", st.Steps, err)
	}
	if from, to, _ := d.LastStep(); from != 1 || to != t1 {
		t.Errorf("LastStep = [%g, %g], want [1, %g]", from, to, t1)
	}
}
