package hodgkinhuxley

import (
	"math"
	"math/rand/v2"
	"testing"

	"gospike/neuron"
)

// TestVectorLinearMatchesScalar: the Traub-Miles population's Linear
// gives the same bits on its vector kernel (four neurons at a time) as
// neuron by neuron (tmGatesOne), for 103 neurons (not a multiple of 4)
// in blocks of 1 to 103, at potentials over the whole physiological range
// and beyond, at the removable singularities of the rate functions
// (v - v_t = 13, 40 and 15 mV, and within 1e-4 of x = 0 there), and with
// a NaN.
func TestVectorLinearMatchesScalar(t *testing.T) {
	if !hasAVX {
		t.Log("no vector kernel on this processor: the scalar loop is compared with itself")
	}
	const n = 103
	pop, err := TraubMiles{}.New(n, nil)
	if err != nil {
		t.Fatal(err)
	}
	vT := -63.0 // the default v_t: the singularities are at v = vT + 13, 40, 15
	rng := rand.New(rand.NewPCG(5, 6))
	y := make([]float64, 4*n)
	in := neuron.Input{A: make([]float64, n), B: make([]float64, n)}
	for j := range n {
		switch j % 9 {
		case 0:
			y[j] = vT + []float64{13, 40, 15}[j%3]
		case 1:
			y[j] = vT + []float64{13, 40, 15}[j%3] + 4e-4*(rng.Float64()-0.5) // |x| near 1e-4
		case 2:
			y[j] = -300 + 600*rng.Float64()
		default:
			y[j] = -90 + 140*rng.Float64()
		}
		y[n+j], y[2*n+j], y[3*n+j] = rng.Float64(), rng.Float64(), rng.Float64()
		in.A[j], in.B[j] = 10*rng.Float64(), rng.Float64()
	}
	y[50] = math.NaN()
	for _, block := range []int{1, 3, 4, 7, 16, 103} {
		linear := func(vector bool) (a, b []float64) {
			defer func(h bool) { hasAVX = h }(hasAVX)
			hasAVX = hasAVX && vector
			a, b = make([]float64, 4*n), make([]float64, 4*n)
			lin := pop.(neuron.Linear)
			for off := 0; off < n; off += block {
				hi := min(off+block, n)
				m := hi - off
				ys, as, bs := make([]float64, 4*m), make([]float64, 4*m), make([]float64, 4*m)
				for v := range 4 {
					copy(ys[v*m:(v+1)*m], y[v*n+off:v*n+hi])
				}
				lin.Linear(as, bs, ys, off, neuron.Input{A: in.A[off:hi], B: in.B[off:hi]})
				for v := range 4 {
					copy(a[v*n+off:v*n+hi], as[v*m:(v+1)*m])
					copy(b[v*n+off:v*n+hi], bs[v*m:(v+1)*m])
				}
			}
			return a, b
		}
		a0, b0 := linear(false)
		a1, b1 := linear(true)
		same := func(x, y float64) bool {
			return math.Float64bits(x) == math.Float64bits(y) || (math.IsNaN(x) && math.IsNaN(y))
		}
		for i := range a0 {
			if !same(a0[i], a1[i]) || !same(b0[i], b1[i]) {
				t.Fatalf("block %d: variable %d of neuron %d (v = %v): a, b = %v, %v scalar; %v, %v vector",
					block, i/n, i%n, y[i%n], a0[i], b0[i], a1[i], b1[i])
			}
		}
	}
}
