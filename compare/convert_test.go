package compare

import (
	"math"
	"testing"

	"gonum.org/v1/gonum/floats/scalar"
	"gonum.org/v1/gonum/mat"

	"gospike/ann"
)

// handNet is a 2-2-2 ReLU network with weights chosen by hand, so that
// its activations on handX can be worked out on paper.
//
//	W1 = [1 0; 1 -1], b1 = [0, 0.5]      W2 = [2 0; -1 1], b2 = [0, 1]
//
// On the rows x = (1, 0), (2, 1), (3, 4):
//
//	n1 = W1 x + b1 = (1, 1.5), (2, 1.5), (3, -0.5)  -> a1 = relu: (1, 1.5), (2, 1.5), (3, 0)
//	n2 = W2 a1 + b2 = (2, 1.5), (4, 0.5), (6, -2)
func handNet(t *testing.T, out ann.Activation) (*ann.MLP, *mat.Dense) {
	t.Helper()
	m, err := ann.NewMLP(ann.MLPConfig{Inputs: 2, Layers: []ann.Layer{{Size: 2, Activation: ann.ReLU}, {Size: 2, Activation: out}}, Loss: ann.MSE, Seed: 1})
	if err != nil {
		t.Fatal(err)
	}
	m.Weights(0).Copy(mat.NewDense(2, 2, []float64{1, 0, 1, -1}))
	m.Biases(0).CopyVec(mat.NewVecDense(2, []float64{0, 0.5}))
	m.Weights(1).Copy(mat.NewDense(2, 2, []float64{2, 0, -1, 1}))
	m.Biases(1).CopyVec(mat.NewVecDense(2, []float64{0, 1}))
	return m, mat.NewDense(3, 2, []float64{1, 0, 2, 1, 3, 4})
}

// TestNormaliseByHand checks the normalisation factors and the rescaled
// weights against the hand computation of handNet (Diehl et al. 2015,
// data-based normalisation: lambda_l = max activation of layer l;
// W'_l = W_l lambda_{l-1}/lambda_l, b'_l = b_l/lambda_l).
func TestNormaliseByHand(t *testing.T) {
	const tol = 1e-14 // a few roundings of numbers of order 1
	m, X := handNet(t, ann.Linear)
	tests := []struct {
		percentile float64
		lambda     []float64
	}{
		// max of the positive a1 {1, 1.5, 2, 1.5, 3} is 3, of n2 {2, 1.5, 4, 0.5, 6} is 6
		{100, []float64{1, 3, 6}},
		// median (p = 50) of the sorted positive values: a1 {1, 1.5, 1.5, 2, 3} -> 1.5;
		// n2 {0.5, 1.5, 2, 4, 6} -> 2
		{50, []float64{1, 1.5, 2}},
		// p = 90: rank 0.9*4 = 3.6 -> 2 + 0.6*(3 - 2) = 2.6 and 4 + 0.6*(6 - 4) = 5.2
		{90, []float64{1, 2.6, 5.2}},
	}
	for _, tc := range tests {
		n, err := Normalise(m, X, tc.percentile)
		if err != nil {
			t.Fatal(err)
		}
		if n.Shift != 0 {
			t.Errorf("p %g: shift %g: the smallest winning output (1.5) is above the margin", tc.percentile, n.Shift)
		}
		for l, want := range tc.lambda {
			if !scalar.EqualWithinAbsOrRel(n.Lambda[l], want, tol, tol) {
				t.Errorf("p %g: lambda_%d = %v, want %v", tc.percentile, l, n.Lambda[l], want)
			}
		}
		// W'_l = W_l lambda_{l-1}/lambda_l, b'_l = b_l / lambda_l
		for l := range 2 {
			f := tc.lambda[l] / tc.lambda[l+1]
			for i := range 2 {
				if got, want := n.B[l].AtVec(i), m.Biases(l).AtVec(i)/tc.lambda[l+1]; !scalar.EqualWithinAbsOrRel(got, want, tol, tol) {
					t.Errorf("p %g: b'_%d[%d] = %v, want %v", tc.percentile, l+1, i, got, want)
				}
				for j := range 2 {
					if got, want := n.W[l].At(i, j), m.Weights(l).At(i, j)*f; !scalar.EqualWithinAbsOrRel(got, want, tol, tol) {
						t.Errorf("p %g: W'_%d[%d,%d] = %v, want %v", tc.percentile, l+1, i, j, got, want)
					}
				}
			}
		}
		// The normalised network computes relu(a_l)/lambda_l.
		_, a := m.Activations(X)
		acts := n.Forward(X)
		for l := range 2 {
			for i := range 3 {
				for j := range 2 {
					want := math.Max(0, a[l].At(i, j)) / tc.lambda[l+1]
					if got := acts[l].At(i, j); !scalar.EqualWithinAbsOrRel(got, want, tol, tol) {
						t.Errorf("p %g: layer %d sample %d neuron %d: %v, want %v", tc.percentile, l+1, i, j, got, want)
					}
				}
			}
		}
	}
}

// TestOutputShift: with output biases lowered by 10, every training
// sample's outputs of handNet are negative (n2 - 10), so the spiking
// output layer would never fire. Normalise lifts them by
// c = shiftMargin (P - m) - m with the winning outputs w = (2, 4, 6) - 10
// = (-8, -6, -4), m = -8, P (p = 100) = -4: c = 0.05*4 + 8 = 8.2, which
// leaves the classes unchanged.
func TestOutputShift(t *testing.T) {
	const tol = 1e-14
	m, X := handNet(t, ann.Linear)
	m.Biases(1).AddVec(m.Biases(1), mat.NewVecDense(2, []float64{-10, -10}))
	n, err := Normalise(m, X, 100)
	if err != nil {
		t.Fatal(err)
	}
	if want := shiftMargin*4 + 8; !scalar.EqualWithinAbsOrRel(n.Shift, want, tol, tol) {
		t.Fatalf("shift %v, want %v", n.Shift, want)
	}
	// shifted n2 = (0.2, -0.3), (2.2, -1.3), (4.2, -3.8): lambda_2 = 4.2
	if want := 4.2; !scalar.EqualWithinAbsOrRel(n.Lambda[2], want, tol, tol) {
		t.Errorf("lambda_2 = %v, want %v", n.Lambda[2], want)
	}
	acts := n.Forward(X)
	pred := m.Predict(X)
	for i := range 3 {
		out := mat.Row(nil, i, acts[1])
		if out[pred[i]] <= 0 || out[pred[i]] < out[1-pred[i]] {
			t.Errorf("sample %d: shifted outputs %v do not pick the ANN's class %d", i, out, pred[i])
		}
	}
}

// TestNormaliseRefuses: only ReLU hidden layers convert.
func TestNormaliseRefuses(t *testing.T) {
	m, err := ann.NewMLP(ann.MLPConfig{Inputs: 2, Layers: []ann.Layer{{Size: 3, Activation: ann.Tanh}, {Size: 2, Activation: ann.Softmax}}, Loss: ann.CrossEntropy, Seed: 1})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := Normalise(m, mat.NewDense(1, 2, []float64{1, 1}), 99); err == nil {
		t.Error("a tanh hidden layer was accepted")
	}
	hand, X := handNet(t, ann.Linear)
	for _, p := range []float64{0, -1, 100.5, math.NaN()} {
		if _, err := Normalise(hand, X, p); err == nil {
			t.Errorf("percentile %v accepted", p)
		}
	}
}

// TestPercentile checks linear interpolation between order statistics
// against numpy.percentile (default method "linear"), values worked out
// from its definition: rank h = (n-1) p/100.
func TestPercentile(t *testing.T) {
	const tol = 1e-14
	ten := []float64{1, 2, 3, 4, 5, 6, 7, 8, 9, 10}
	tests := []struct {
		x    []float64
		p    float64
		want float64
	}{
		{[]float64{1, 2, 3, 4}, 50, 2.5},        // h = 1.5
		{ten, 99.9, 9.991},                      // h = 8.991
		{ten, 100, 10},                          // the maximum
		{ten, 0, 1},                             // the minimum
		{[]float64{7}, 99.9, 7},                 // one value
		{[]float64{0.5, 1.5, 2, 4, 6}, 90, 5.2}, // h = 3.6
	}
	for _, tc := range tests {
		if got := Percentile(tc.x, tc.p); !scalar.EqualWithinAbsOrRel(got, tc.want, tol, tol) {
			t.Errorf("Percentile(%v, %g) = %v, want %v", tc.x, tc.p, got, tc.want)
		}
	}
}
