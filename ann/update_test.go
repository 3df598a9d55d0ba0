package ann_test

import (
	"math"
	"testing"

	"gonum.org/v1/gonum/mat"

	"gospike/ann"
	"gospike/ann/datasets"
)

// TestHardLimXOR builds by hand the two-layer hard-limit network that
// computes XOR as AND(OR, NAND) (the construction of Hagan et al., ch. 11,
// and Minsky & Papert): hidden neuron 1 fires for x1 + x2 >= 0.5 (OR),
// neuron 2 for -x1 - x2 >= -1.5 (NAND), the output for h1 + h2 >= 1.5.
func TestHardLimXOR(t *testing.T) {
	m, err := ann.NewMLP(ann.MLPConfig{
		Inputs: 2,
		Layers: []ann.Layer{{Size: 2, Activation: ann.HardLim}, {Size: 1, Activation: ann.HardLim}},
		Loss:   ann.MSE,
	})
	if err != nil {
		t.Fatal(err)
	}
	m.Weights(0).Copy(mat.NewDense(2, 2, []float64{1, 1, -1, -1}))
	m.Biases(0).CopyVec(mat.NewVecDense(2, []float64{-0.5, 1.5}))
	m.Weights(1).Copy(mat.NewDense(1, 2, []float64{1, 1}))
	m.Biases(1).SetVec(0, -1.5)
	d := datasets.XOR()
	if got := m.Predict(d.X); !equalInts(got, d.Labels) {
		t.Errorf("XOR by hand: %v, want %v", got, d.Labels)
	}
	// Nothing is learnt through a hard limit: its derivative is zero.
	_, gW, gB := m.Gradient(nil, nil, d.X, d.Column())
	for l := range gW {
		if mat.Norm(gW[l], 2) != 0 || mat.Norm(gB[l], 2) != 0 {
			t.Errorf("layer %d: gradient through hardlim is not zero", l)
		}
	}
}

// TestMomentumUpdate checks two epochs of training on a single sample (so
// the minibatch order plays no part) against the update rule computed
// from Gradient: v1 = -eta g(W0), W1 = W0 + v1; v2 = mu v1 - eta g(W1),
// W2 = W1 + v2.
func TestMomentumUpdate(t *testing.T) {
	const eta, mu = 0.3, 0.7
	const tol = 1e-15 // the same operations in the same order: equal to rounding
	newNet := func() *ann.MLP {
		m, err := ann.NewMLP(ann.MLPConfig{Inputs: 3, Layers: []ann.Layer{{Size: 4, Activation: ann.Tanh}, {Size: 2, Activation: ann.Softmax}}, Loss: ann.CrossEntropy, Seed: 9})
		if err != nil {
			t.Fatal(err)
		}
		return m
	}
	X := mat.NewDense(1, 3, []float64{0.5, -1, 2})
	Y := mat.NewDense(1, 2, []float64{0, 1})

	ref := newNet()
	var v []*mat.Dense
	var vb []*mat.VecDense
	for step := 0; step < 2; step++ {
		_, gW, gB := ref.Gradient(nil, nil, X, Y)
		for l := range gW {
			if step == 0 {
				v = append(v, mat.NewDense(gW[l].RawMatrix().Rows, gW[l].RawMatrix().Cols, nil))
				vb = append(vb, mat.NewVecDense(gB[l].Len(), nil))
			}
			v[l].Scale(mu, v[l])
			gW[l].Scale(eta, gW[l])
			v[l].Sub(v[l], gW[l])
			ref.Weights(l).Add(ref.Weights(l), v[l])
			vb[l].ScaleVec(mu, vb[l])
			vb[l].AddScaledVec(vb[l], -eta, gB[l])
			ref.Biases(l).AddVec(ref.Biases(l), vb[l])
		}
	}

	m := newNet()
	if _, err := m.Train(X, Y, ann.TrainConfig{Epochs: 2, LearningRate: eta, Momentum: mu}); err != nil {
		t.Fatal(err)
	}
	for l := 0; l < m.NumLayers(); l++ {
		if !mat.EqualApprox(m.Weights(l), ref.Weights(l), tol) || !mat.EqualApprox(m.Biases(l), ref.Biases(l), tol) {
			t.Errorf("layer %d: trained\n%v\nwant\n%v", l, mat.Formatted(m.Weights(l)), mat.Formatted(ref.Weights(l)))
		}
	}
}

// TestDivergenceReported: a learning rate far too large makes the loss
// blow up; training reports it in the curve and does not panic.
func TestDivergenceReported(t *testing.T) {
	d := datasets.Iris()
	m, err := ann.NewMLP(ann.MLPConfig{Inputs: 4, Layers: []ann.Layer{{Size: 8, Activation: ann.ReLU}, {Size: 1, Activation: ann.Linear}}, Loss: ann.MSE, Seed: 1})
	if err != nil {
		t.Fatal(err)
	}
	h, err := m.Train(d.X, d.Column(), ann.TrainConfig{Epochs: 20, BatchSize: 10, LearningRate: 1e3})
	if err != nil {
		t.Fatal(err)
	}
	if loss := h.Final().TrainLoss; !(math.IsNaN(loss) || math.IsInf(loss, 0) || loss > 1e10) {
		t.Errorf("final loss %v: expected a blow-up", loss)
	}
}

// TestInitialisation checks the weight distributions against their
// definitions: Glorot & Bengio (2010) eq. 16, U(-r, r) with
// r = sqrt(6/(fan_in + fan_out)), variance r^2/3; He et al. (2015),
// N(0, 2/fan_in). With 120 000 weights the sample variance is within
// 5 standard errors (sqrt(2/n) relative for a normal, sqrt(0.8/n) for a
// uniform) of its expectation. Biases start at zero.
func TestInitialisation(t *testing.T) {
	const fanIn, fanOut = 300, 400
	for _, c := range []struct {
		init    ann.Init
		act     ann.Activation
		wantVar float64
		relSE   float64 // standard error of the sample variance, relative
		bound   float64 // largest |w| possible, 0 for none
	}{
		{ann.Glorot, ann.Tanh, 6.0 / (fanIn + fanOut) / 3, math.Sqrt(0.8 / (fanIn * fanOut)), math.Sqrt(6.0 / (fanIn + fanOut))},
		{ann.He, ann.Tanh, 2.0 / fanIn, math.Sqrt(2.0 / (fanIn * fanOut)), 0},
		{ann.InitAuto, ann.ReLU, 2.0 / fanIn, math.Sqrt(2.0 / (fanIn * fanOut)), 0},
		{ann.InitAuto, ann.Sigmoid, 6.0 / (fanIn + fanOut) / 3, math.Sqrt(0.8 / (fanIn * fanOut)), math.Sqrt(6.0 / (fanIn + fanOut))},
	} {
		m, err := ann.NewMLP(ann.MLPConfig{Inputs: fanIn, Layers: []ann.Layer{{Size: fanOut, Activation: c.act}}, Loss: ann.MSE, Init: c.init, Seed: 1})
		if err != nil {
			t.Fatal(err)
		}
		w := m.Weights(0).RawMatrix().Data
		var mean, ss, largest float64
		for _, v := range w {
			mean += v
			largest = math.Max(largest, math.Abs(v))
		}
		mean /= float64(len(w))
		for _, v := range w {
			ss += (v - mean) * (v - mean)
		}
		variance := ss / float64(len(w))
		if math.Abs(variance/c.wantVar-1) > 5*c.relSE {
			t.Errorf("%v/%v: variance %.4g, want %.4g", c.init, c.act, variance, c.wantVar)
		}
		if c.bound > 0 && largest > c.bound {
			t.Errorf("%v/%v: |w| = %g beyond %g", c.init, c.act, largest, c.bound)
		}
		if mat.Norm(m.Biases(0), 2) != 0 {
			t.Errorf("%v/%v: biases not zero", c.init, c.act)
		}
	}
}
