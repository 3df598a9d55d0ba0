package ann_test

import (
	"fmt"
	"math"
	"math/rand/v2"
	"testing"

	"gonum.org/v1/gonum/diff/fd"
	"gonum.org/v1/gonum/floats"
	"gonum.org/v1/gonum/mat"

	"gospike/ann"
)

// gradTol bounds the relative error ||g_bp - g_fd|| / max(||g_bp||, ||g_fd||)
// of each layer's backpropagated gradient (weights, and biases, separately)
// against central finite differences, as the issue requires. Central
// differences with gonum's step h = 6e-6 have a truncation error of order
// h^2 |f”'| ~ 4e-11 and a rounding error of order eps |L| / h ~ 2e-11, so
// a correct gradient is far inside 1e-6 (the largest error over all cases
// here is about 1e-8) and a wrong one (a missing factor, a transposed
// index; 1e-4 relative on one output's delta) far outside.
const gradTol = 1e-6

// kinkMargin is the smallest |n| a ReLU or the check needs: the
// perturbations move net inputs by about h times the inputs' size
// (<= 1e-5 here), and a finite difference straddling the kink at n = 0
// would be meaningless.
const kinkMargin = 1e-3

func TestGradientCheck(t *testing.T) {
	hidden := []ann.Activation{ann.Sigmoid, ann.Tanh, ann.ReLU, ann.Linear}
	outputs := []struct {
		loss ann.Loss
		act  ann.Activation
	}{
		{ann.MSE, ann.Sigmoid},
		{ann.MSE, ann.Tanh},
		{ann.MSE, ann.ReLU},
		{ann.MSE, ann.Linear},
		{ann.MSE, ann.Softmax},
		{ann.CrossEntropy, ann.Softmax},
		{ann.CrossEntropy, ann.Sigmoid},
	}
	for _, h := range hidden {
		for _, o := range outputs {
			name := fmt.Sprintf("%v-%v-%v", h, o.act, o.loss)
			t.Run(name, func(t *testing.T) { checkGradient(t, h, o.act, o.loss) })
		}
	}
}

// checkGradient builds a 3-5-4-3 network (two hidden layers of act,
// output out) with random weights and biases, a batch of 6 random samples
// and targets suited to the loss, and compares every layer's gradient with
// finite differences of the loss.
func checkGradient(t *testing.T, act, out ann.Activation, loss ann.Loss) {
	const n, r, k = 6, 3, 3
	rng := rand.New(rand.NewPCG(7, 10))
	m, err := ann.NewMLP(ann.MLPConfig{
		Inputs: r,
		Layers: []ann.Layer{{Size: 5, Activation: act}, {Size: 4, Activation: act}, {Size: k, Activation: out}},
		Loss:   loss,
		Seed:   3,
	})
	if err != nil {
		t.Fatal(err)
	}
	for l := 0; l < m.NumLayers(); l++ {
		b := m.Biases(l)
		for i := 0; i < b.Len(); i++ {
			b.SetVec(i, 0.5*(2*rng.Float64()-1))
		}
	}
	X := mat.NewDense(n, r, nil)
	Y := mat.NewDense(n, k, nil)
	for i := 0; i < n; i++ {
		for j := 0; j < r; j++ {
			X.Set(i, j, 2*rng.Float64()-1)
		}
	}
	for i := 0; i < n; i++ {
		switch {
		case loss == ann.CrossEntropy && out == ann.Softmax:
			Y.Set(i, rng.IntN(k), 1) // one-hot
		case loss == ann.CrossEntropy:
			for j := 0; j < k; j++ {
				Y.Set(i, j, float64(rng.IntN(2))) // independent 0/1 labels
			}
		default:
			for j := 0; j < k; j++ {
				Y.Set(i, j, rng.Float64())
			}
		}
	}
	z, _ := m.Activations(X)
	for l := 0; l < m.NumLayers(); l++ {
		if m.Layer(l).Activation != ann.ReLU {
			continue
		}
		raw := z[l].RawMatrix().Data
		for _, v := range raw {
			if math.Abs(v) < kinkMargin {
				t.Fatalf("layer %d has a net input %g within %g of the ReLU kink: pick other data", l, v, kinkMargin)
			}
		}
	}

	_, gW, gB := m.Gradient(nil, nil, X, Y)
	settings := &fd.Settings{Formula: fd.Central}
	worst := 0.0
	defer func() { t.Logf("largest relative error %.2g", worst) }()
	for l := 0; l < m.NumLayers(); l++ {
		for _, p := range []struct {
			what   string
			params []float64
			grad   []float64
		}{
			{"W", m.Weights(l).RawMatrix().Data, gW[l].RawMatrix().Data},
			{"b", m.Biases(l).RawVector().Data, gB[l].RawVector().Data},
		} {
			x0 := append([]float64(nil), p.params...)
			f := func(x []float64) float64 {
				copy(p.params, x)
				v := m.LossOn(X, Y)
				copy(p.params, x0)
				return v
			}
			num := fd.Gradient(nil, f, x0, settings)
			diff := make([]float64, len(num))
			floats.SubTo(diff, p.grad, num)
			scale := math.Max(floats.Norm(p.grad, 2), floats.Norm(num, 2))
			if scale == 0 {
				// A ReLU output layer can be off for every sample; the
				// other layers must not be all zero.
				if out == ann.ReLU {
					continue
				}
				t.Errorf("layer %d %s: gradient is zero", l, p.what)
				continue
			}
			rel := floats.Norm(diff, 2) / scale
			worst = math.Max(worst, rel)
			if rel > gradTol {
				t.Errorf("layer %d %s: relative error %.3g > %g\nbackprop %v\nfd       %v", l, p.what, rel, gradTol, p.grad, num)
			}
		}
	}
}
