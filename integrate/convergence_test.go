package integrate_test

import (
	"math"
	"testing"

	"gospike/integrate"
	"gospike/integrate/testode"
)

// runFixed integrates p from its exact initial value over [0, tEnd] in
// steps fixed steps of m and returns the largest absolute error at tEnd.
func runFixed(m integrate.Method, p testode.Problem, tEnd float64, steps int) float64 {
	n := p.Len()
	y, want := make([]float64, n), make([]float64, n)
	p.Exact(y, 0)
	dt := tEnd / float64(steps)
	for s := 0; s < steps; s++ {
		m.Step(p, float64(s)*dt, dt, y)
	}
	p.Exact(want, tEnd)
	e := 0.0
	for i := range y {
		e = math.Max(e, math.Abs(y[i]-want[i]))
	}
	return e
}

// slope is the least-squares slope of log(err) against log(dt).
func slope(dt, err []float64) float64 {
	var sx, sy, sxx, sxy float64
	for i := range dt {
		x, y := math.Log(dt[i]), math.Log(err[i])
		sx += x
		sy += y
		sxx += x * x
		sxy += x * y
	}
	k := float64(len(dt))
	return (k*sxy - sx*sy) / (k*sxx - sx*sx)
}

// TestObservedOrder measures the global order of each fixed-step method:
// the error at a fixed end time for five step sizes, halving dt, and the
// least-squares slope of log(error) against log(dt), which tends to the
// method's order p as dt -> 0 (HNW I, Theorem II.3.6: global error
// O(dt^p)). The tolerances are the ones the project asks for (Euler and
// exponential Euler 1 +- 0.15, RK4 4 +- 0.3). The coarsest step keeps
// |lambda| dt <= 1/8 for the fastest rate lambda of each problem, so the
// O(dt^(p+1)) correction to the error is small against the leading term.
func TestObservedOrder(t *testing.T) {
	const levels = 5
	decay := testode.NewDecay(4)                       // rates 1..2
	osc := &testode.Oscillator{Omega: 1, X0: 1, V0: 0} // one period, 2 pi
	lif := testode.NewLIFMembrane()                    // tau_m = 10 ms
	coupled := &testode.Coupled{Y10: 1, Y20: 2}        // rates <= 2
	cases := []struct {
		method string
		p      testode.Problem
		tEnd   float64
		coarse int // steps at the coarsest dt
		order  float64
		tol    float64
	}{
		{"euler", decay, 2, 32, 1, 0.15},
		{"euler", osc, 2 * math.Pi, 64, 1, 0.15},
		{"euler", lif, 20, 16, 1, 0.15},
		{"euler", coupled, 2, 32, 1, 0.15},
		{"rk4", decay, 2, 32, 4, 0.3},
		{"rk4", osc, 2 * math.Pi, 64, 4, 0.3},
		{"rk4", lif, 20, 16, 4, 0.3},
		{"rk4", coupled, 2, 32, 4, 0.3},
		// Exponential Euler is exact on the linear problems (see
		// TestExpEulerExactOnLinear); on the nonlinear coupled problem y2 is
		// still exact and y1 carries the O(dt) error of freezing its rate
		// y2 over a step. On the oscillator (b = 0) it is forward Euler.
		{"exponential-euler", coupled, 2, 32, 1, 0.15},
		{"exponential-euler", osc, 2 * math.Pi, 64, 1, 0.15},
	}
	for _, c := range cases {
		m, err := integrate.New(c.method, c.p.Len())
		if err != nil {
			t.Fatal(err)
		}
		dts, errs := make([]float64, levels), make([]float64, levels)
		for l := range levels {
			steps := c.coarse << l
			dts[l] = c.tEnd / float64(steps)
			errs[l] = runFixed(m, c.p, c.tEnd, steps)
		}
		got := slope(dts, errs)
		t.Logf("%-17s %-12s dt %.4g..%.4g  error %.3g..%.3g  order %.3f", c.method, c.p.Name(), dts[0], dts[levels-1], errs[0], errs[levels-1], got)
		if math.Abs(got-c.order) > c.tol {
			t.Errorf("%s on %s: observed order %.3f, want %g +- %g (errors %.3g)", c.method, c.p.Name(), got, c.order, c.tol, errs)
		}
	}
}

// TestExpEulerExactOnLinear checks that exponential Euler is exact, up to
// rounding, on linear problems with constant coefficients. For
// dy/dt = a + b y with a, b constant the exact flow over dt is
//
//	y(t+dt) = -a/b + (y + a/b) exp(b dt) = y + (a + b y) expm1(b dt)/b,
//
// which is exactly the exponential-Euler update, so no truncation error
// is made whatever dt. What remains is rounding: a few ulps per step
// (expm1 is within 1 ulp, then a product, a quotient and a sum; the
// error of earlier steps is damped by exp(b dt) <= 1), so the error after
// N steps is bounded by N * ulpsPerStep * eps * max|y|.
func TestExpEulerExactOnLinear(t *testing.T) {
	const ulpsPerStep = 4
	for _, c := range []struct {
		p    testode.Problem
		tEnd float64
	}{
		{testode.NewDecay(8), 3},
		{testode.NewLIFMembrane(), 50},
		{&testode.LIFMembrane{EL: -70, R: 100, I: 0.3, TauM: 20, V0: -55}, 50}, // decays toward V_inf from above
	} {
		m := integrate.NewExpEuler(c.p.Len())
		y := make([]float64, c.p.Len())
		yMax := 0.0
		for _, tt := range []float64{0, c.tEnd} {
			c.p.Exact(y, tt)
			for _, v := range y {
				yMax = math.Max(yMax, math.Abs(v))
			}
		}
		for _, steps := range []int{1, 3, 10, 100, 1000} {
			e := runFixed(m, c.p, c.tEnd, steps)
			bound := float64(steps) * ulpsPerStep * 0x1p-52 * yMax
			t.Logf("exponential-euler %-12s %4d steps: error %.3g (bound %.3g)", c.p.Name(), steps, e, bound)
			if e > bound {
				t.Errorf("exponential euler on %s, %d steps over %g: error %g > rounding bound %g", c.p.Name(), steps, c.tEnd, e, bound)
			}
		}
	}
}

// TestExpEulerIsEulerWhenBZero checks the b = 0 branch: with a_i = f_i and
// b_i = 0 (the oscillator's Linear form), exponential Euler's update
// (a + 0 y) dt is forward Euler's dt f, bit for bit.
func TestExpEulerIsEulerWhenBZero(t *testing.T) {
	p := &testode.Oscillator{Omega: 3, X0: 1, V0: -2}
	ye, yx := make([]float64, 2), make([]float64, 2)
	p.Exact(ye, 0)
	p.Exact(yx, 0)
	eu, ex := integrate.NewEuler(2), integrate.NewExpEuler(2)
	const dt = 0.01
	for s := range 100 {
		eu.Step(p, float64(s)*dt, dt, ye)
		ex.Step(p, float64(s)*dt, dt, yx)
	}
	if ye[0] != yx[0] || ye[1] != yx[1] {
		t.Errorf("after 100 steps: euler %v, exponential euler %v", ye, yx)
	}
}
