package integrate_test

import (
	"fmt"
	"math"

	"gospike/integrate"
	"gospike/integrate/testode"
)

// RK4 on dy/dt = -y from y(0) = 1, ten steps of 0.1 to t = 1. Each step
// multiplies y by 1 - dt + dt^2/2 - dt^3/6 + dt^4/24, which differs from
// exp(-dt) by dt^5/120, so the error at t = 1 is about
// 10 * dt^5/120 * exp(-1) = 3e-7.
func ExampleRK4() {
	p := testode.NewDecay(1) // dy/dt = -y, y(0) = 1
	m := integrate.NewRK4(1)
	y := []float64{1}
	const dt = 0.1
	for s := range 10 {
		m.Step(p, float64(s)*dt, dt, y)
	}
	fmt.Printf("y(1) = %.8f, exact %.8f, error %.1e\n", y[0], math.Exp(-1), math.Abs(y[0]-math.Exp(-1)))
	// Output:
	// y(1) = 0.36787977, exact 0.36787944, error 3.3e-07
}

// Dopri5 with dense output finds the time a LIF membrane (tau_m 10 ms,
// E_L -65 mV, R I = 20 mV) reaches -50 mV; exactly, 10 ln 4 ms.
func ExampleDopri5() {
	lif := &testode.LIFMembrane{EL: -65, R: 10, I: 2, TauM: 10, V0: -65}
	d, err := integrate.NewDopri5(1, integrate.Settings{RTol: 1e-10, ATol: 1e-10})
	if err != nil {
		fmt.Println(err)
		return
	}
	v := []float64{lif.V0}
	for t := 0.0; v[0] < -50; {
		if t, err = d.Step(lif, t, 100, v); err != nil {
			fmt.Println(err)
			return
		}
	}
	// The crossing lies in the last step: bisect on the interpolated V.
	lo, hi, _ := d.LastStep()
	for hi-lo > 1e-13 {
		mid := (lo + hi) / 2
		if d.InterpolateComponent(0, mid) < -50 {
			lo = mid
		} else {
			hi = mid
		}
	}
	fmt.Printf("V = -50 mV at %.9f ms (exact %.9f ms)\n", lo, 10*math.Log(4))
	// Output:
	// V = -50 mV at 13.862943611 ms (exact 13.862943611 ms)
}
