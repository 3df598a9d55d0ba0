package fastexp_test

import (
	"fmt"

	"gospike/integrate/fastexp"
)

// Exponential Euler over a slice: three gates relaxing towards 0.8 at
// rates a + b y with b = -1/tau, tau = 1, 2 and 4 ms, over dt = 0.1 ms;
// y + (a + b y) expm1(b dt)/b is the exact flow for frozen a and b.
func ExampleExpEuler() {
	y := []float64{0, 0, 0}
	b := []float64{-1, -0.5, -0.25}
	a := []float64{0.8, 0.4, 0.2} // a = -0.8 b: y relaxes to 0.8
	fastexp.ExpEuler(y, a, b, 0.1)
	fmt.Printf("%.6f\n", y)
	x := []float64{-1e-10, 1, 700}
	fastexp.Expm1Slice(x, x)
	fmt.Printf("%.6g\n", x)
	// Output:
	// [0.076130 0.039016 0.019752]
	// [-1e-10 1.71828 1.01423e+304]
}
