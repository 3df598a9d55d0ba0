package testode_test

import (
	"fmt"
	"math"
	"testing"

	"gospike/integrate"
	"gospike/integrate/testode"
)

func problems() []testode.Problem {
	return []testode.Problem{
		testode.NewDecay(5),
		&testode.Oscillator{Omega: 2, X0: 1, V0: 0.5},
		testode.NewLIFMembrane(),
		&testode.Coupled{Y10: 1, Y20: 2},
	}
}

// TestExactSolvesODE checks every fixture's Exact against its Derivative:
// the central difference (y(t+h) - y(t-h))/2h of the exact solution must
// equal f(t, y(t)) to O(h^2). With h = 1e-4 the truncation term is
// h^2/6 |y”'| <~ 1e-8 |y| for the rates here (<= 2), and rounding adds
// eps |y|/h ~ 2e-12 |y|, hence the tolerance.
func TestExactSolvesODE(t *testing.T) {
	const h = 1e-4
	const tol = 1e-7 // relative to the scale of y and f, see above
	for _, p := range problems() {
		n := p.Len()
		y, yp, ym, f := make([]float64, n), make([]float64, n), make([]float64, n), make([]float64, n)
		for _, tt := range []float64{0.1, 0.7, 3, 12} {
			p.Exact(y, tt)
			p.Exact(yp, tt+h)
			p.Exact(ym, tt-h)
			p.Derivative(f, tt, y)
			for i := range y {
				fd := (yp[i] - ym[i]) / (2 * h)
				scale := math.Max(1, math.Max(math.Abs(y[i]), math.Abs(f[i])))
				if math.Abs(fd-f[i]) > tol*scale {
					t.Errorf("%s: t = %g, component %d: exact solution's derivative %g, f = %g", p.Name(), tt, i, fd, f[i])
				}
			}
		}
	}
}

// TestLinearMatchesDerivative checks a + b*y == f for every Linearizer,
// at the exact solution, to rounding (a few ulps of the terms).
func TestLinearMatchesDerivative(t *testing.T) {
	const ulps = 4
	for _, p := range problems() {
		lin, ok := p.(integrate.Linearizer)
		if !ok {
			t.Fatalf("%s does not implement integrate.Linearizer", p.Name())
		}
		n := p.Len()
		y, f, a, b := make([]float64, n), make([]float64, n), make([]float64, n), make([]float64, n)
		for _, tt := range []float64{0, 0.5, 4} {
			p.Exact(y, tt)
			p.Derivative(f, tt, y)
			lin.Linear(a, b, tt, y)
			for i := range y {
				scale := math.Abs(a[i]) + math.Abs(b[i]*y[i])
				if got := a[i] + b[i]*y[i]; math.Abs(got-f[i]) > ulps*0x1p-52*scale {
					t.Errorf("%s: t = %g, component %d: a + b y = %g, f = %g", p.Name(), tt, i, got, f[i])
				}
			}
		}
	}
}

// TestLinearIndependentOfOwnComponent checks the Linearizer contract: a_i
// and b_i must not depend on y_i. Changing y_i alone leaves them as they
// were.
func TestLinearIndependentOfOwnComponent(t *testing.T) {
	for _, p := range problems() {
		lin := p.(integrate.Linearizer)
		n := p.Len()
		y, a, b, a2, b2 := make([]float64, n), make([]float64, n), make([]float64, n), make([]float64, n), make([]float64, n)
		p.Exact(y, 0.3)
		lin.Linear(a, b, 0.3, y)
		for i := range y {
			old := y[i]
			y[i] = 3*old + 1
			lin.Linear(a2, b2, 0.3, y)
			y[i] = old
			if a2[i] != a[i] || b2[i] != b[i] {
				t.Errorf("%s: a_%d, b_%d depend on y_%d", p.Name(), i, i, i)
			}
		}
	}
}

// TestLIFCrossing checks Crossing against Exact, and that it refuses
// levels the membrane never reaches.
func TestLIFCrossing(t *testing.T) {
	m := testode.NewLIFMembrane() // V_inf = -53 mV
	v := make([]float64, 1)
	for _, level := range []float64{-64, -60, -54, -53.01} {
		tc, ok := m.Crossing(level)
		if !ok {
			t.Fatalf("Crossing(%g): not reached", level)
		}
		m.Exact(v, tc)
		if math.Abs(v[0]-level) > 1e-12*math.Abs(level) {
			t.Errorf("V(Crossing(%g) = %g) = %.15g", level, tc, v[0])
		}
	}
	for _, level := range []float64{-50, -53, -65, -70} {
		if tc, ok := m.Crossing(level); ok {
			t.Errorf("Crossing(%g) = %g, want not reached (V from -65 to -53 mV)", level, tc)
		}
	}
}

func ExampleLIFMembrane() {
	m := testode.NewLIFMembrane()
	v := make([]float64, 1)
	m.Exact(v, m.TauM)
	tc, _ := m.Crossing(-54)
	fmt.Printf("V(tau_m) = %.4f mV, V reaches -54 mV at %.4f ms\n", v[0], tc)
	// Output:
	// V(tau_m) = -57.4146 mV, V reaches -54 mV at 24.8491 ms
}
