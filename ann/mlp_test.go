package ann_test

import (
	"math"
	"strings"
	"testing"

	"gonum.org/v1/gonum/mat"

	"gospike/ann"
	"gospike/ann/datasets"
)

// valueTol is the tolerance of activation values against their closed
// forms: a few ulps of values of order 1.
const valueTol = 1e-15

func TestActivationValues(t *testing.T) {
	ln2, ln3 := math.Log(2), math.Log(3)
	cases := []struct {
		act  ann.Activation
		in   []float64
		want []float64
		why  string
		tol  float64
	}{
		{ann.HardLim, []float64{-1, 0, 2}, []float64{0, 1, 1}, "Hagan Table 2.1: a = 1 for n >= 0", valueTol},
		{ann.Sigmoid, []float64{0, ln3, -ln3}, []float64{0.5, 0.75, 0.25}, "1/(1+e^-n): e^-ln3 = 1/3", valueTol},
		{ann.Sigmoid, []float64{-800, 800}, []float64{0, 1}, "saturates without overflow", valueTol},
		{ann.Tanh, []float64{0, ln3}, []float64{0, 0.8}, "tanh(ln 3) = (3 - 1/3)/(3 + 1/3) = 0.8", valueTol},
		{ann.ReLU, []float64{-2, 0, 1.5}, []float64{0, 0, 1.5}, "max(0, n)", valueTol},
		{ann.Linear, []float64{-2, 0, 1.5}, []float64{-2, 0, 1.5}, "identity", valueTol},
		{ann.Softmax, []float64{0, ln2, ln3}, []float64{1.0 / 6, 2.0 / 6, 3.0 / 6}, "e^n = 1, 2, 3 over 6", valueTol},
		{ann.Softmax, []float64{1000, 1000 + ln3}, []float64{0.25, 0.75}, "shifted by the maximum: no overflow", 1e-12},
		// (1000 + ln 3 is rounded to ulp(1000) = 1.1e-13, which moves the
		// difference of the inputs, hence the outputs, by up to that much.)
	}
	for _, c := range cases {
		// A one-layer network with identity weights and zero bias
		// applies the activation alone.
		k := len(c.in)
		m, err := ann.NewMLP(ann.MLPConfig{Inputs: k, Layers: []ann.Layer{{Size: k, Activation: c.act}}, Loss: ann.MSE})
		if err != nil {
			t.Fatal(err)
		}
		w := m.Weights(0)
		w.Zero()
		for i := 0; i < k; i++ {
			w.Set(i, i, 1)
		}
		got := m.Forward(mat.NewDense(1, k, c.in)).RawRowView(0)
		for j := range got {
			if math.Abs(got[j]-c.want[j]) > c.tol {
				t.Errorf("%v(%v) = %v, want %v (%s)", c.act, c.in, got, c.want, c.why)
				break
			}
		}
	}
}

func TestParseNames(t *testing.T) {
	for _, name := range []string{"hardlim", "sigmoid", "tanh", "relu", "linear", "softmax"} {
		a, err := ann.ParseActivation(name)
		if err != nil || a.String() != name {
			t.Errorf("ParseActivation(%q) = %v, %v", name, a, err)
		}
		var u ann.Activation
		if err := u.UnmarshalText([]byte(strings.ToUpper(name))); err != nil || u != a {
			t.Errorf("UnmarshalText(%q) = %v, %v", strings.ToUpper(name), u, err)
		}
		text, err := a.MarshalText()
		if err != nil || string(text) != name {
			t.Errorf("MarshalText(%v) = %q, %v", a, text, err)
		}
	}
	for alias, want := range map[string]ann.Activation{"logsig": ann.Sigmoid, "tansig": ann.Tanh, "poslin": ann.ReLU, "purelin": ann.Linear} {
		if a, err := ann.ParseActivation(alias); err != nil || a != want {
			t.Errorf("ParseActivation(%q) = %v, %v; want %v", alias, a, err, want)
		}
	}
	for _, name := range []string{"mse", "cross-entropy"} {
		l, err := ann.ParseLoss(name)
		if err != nil || l.String() != name {
			t.Errorf("ParseLoss(%q) = %v, %v", name, l, err)
		}
	}
	for name, want := range map[string]ann.Init{"auto": ann.InitAuto, "Glorot": ann.Glorot, "he": ann.He} {
		var i ann.Init
		if err := i.UnmarshalText([]byte(name)); err != nil || i != want {
			t.Errorf("Init.UnmarshalText(%q) = %v, %v; want %v", name, i, err, want)
		}
	}
	var i ann.Init
	if err := i.UnmarshalText([]byte("xavier")); err == nil || !strings.Contains(err.Error(), "auto, glorot, he") {
		t.Errorf("unknown init: error %v does not list the known names", err)
	}
	_, err := ann.ParseActivation("rectifier")
	if err == nil || !strings.Contains(err.Error(), "hardlim, sigmoid, tanh, relu, linear, softmax") {
		t.Errorf("unknown activation: error %v does not list the known names", err)
	}
	_, err = ann.ParseLoss("hinge")
	if err == nil || !strings.Contains(err.Error(), "mse, cross-entropy") {
		t.Errorf("unknown loss: error %v does not list the known names", err)
	}
}

func TestNewMLPErrors(t *testing.T) {
	out := func(s int, a ann.Activation) []ann.Layer {
		return []ann.Layer{{Size: 4, Activation: ann.ReLU}, {Size: s, Activation: a}}
	}
	cases := []struct {
		name string
		cfg  ann.MLPConfig
	}{
		{"no inputs", ann.MLPConfig{Layers: out(2, ann.Softmax), Loss: ann.CrossEntropy}},
		{"no layers", ann.MLPConfig{Inputs: 2, Loss: ann.MSE}},
		{"zero size", ann.MLPConfig{Inputs: 2, Layers: out(0, ann.Linear), Loss: ann.MSE}},
		{"no activation", ann.MLPConfig{Inputs: 2, Layers: out(2, 0), Loss: ann.MSE}},
		{"no loss", ann.MLPConfig{Inputs: 2, Layers: out(2, ann.Linear)}},
		{"hidden softmax", ann.MLPConfig{Inputs: 2, Layers: []ann.Layer{{Size: 3, Activation: ann.Softmax}, {Size: 2, Activation: ann.Softmax}}, Loss: ann.MSE}},
		{"softmax on one output", ann.MLPConfig{Inputs: 2, Layers: out(1, ann.Softmax), Loss: ann.CrossEntropy}},
		{"cross-entropy on tanh", ann.MLPConfig{Inputs: 2, Layers: out(2, ann.Tanh), Loss: ann.CrossEntropy}},
	}
	for _, c := range cases {
		if _, err := ann.NewMLP(c.cfg); err == nil {
			t.Errorf("%s: no error", c.name)
		} else {
			t.Logf("%s: %v", c.name, err)
		}
	}
}

func TestTrainErrors(t *testing.T) {
	m, err := ann.NewMLP(ann.MLPConfig{Inputs: 2, Layers: []ann.Layer{{Size: 2, Activation: ann.Softmax}}, Loss: ann.CrossEntropy})
	if err != nil {
		t.Fatal(err)
	}
	X := mat.NewDense(4, 2, nil)
	Y := mat.NewDense(4, 2, nil)
	good := ann.TrainConfig{Epochs: 1, LearningRate: 0.1}
	cases := []struct {
		name string
		X, Y *mat.Dense
		cfg  ann.TrainConfig
	}{
		{"inputs", mat.NewDense(4, 3, nil), Y, good},
		{"outputs", X, mat.NewDense(4, 3, nil), good},
		{"rows", X, mat.NewDense(3, 2, nil), good},
		{"target above 1", X, mat.NewDense(4, 2, []float64{2, 0, 0, 0, 0, 0, 0, 0}), good},
		{"NaN input", mat.NewDense(4, 2, []float64{math.NaN(), 0, 0, 0, 0, 0, 0, 0}), Y, good},
		{"learning rate", X, Y, ann.TrainConfig{Epochs: 1}},
		{"momentum", X, Y, ann.TrainConfig{Epochs: 1, LearningRate: 0.1, Momentum: 1}},
		{"batch size", X, Y, ann.TrainConfig{Epochs: 1, LearningRate: 0.1, BatchSize: -1}},
		{"test without targets", X, Y, ann.TrainConfig{Epochs: 1, LearningRate: 0.1, TestX: X}},
	}
	for _, c := range cases {
		if _, err := m.Train(c.X, c.Y, c.cfg); err == nil {
			t.Errorf("%s: no error", c.name)
		} else {
			t.Logf("%s: %v", c.name, err)
		}
	}
	if _, err := ann.Matrix([][]float64{{1, 2}, {3}}); err == nil {
		t.Error("ragged rows: no error")
	}
}

// xorNet returns the 2-4-1 network (tanh hidden layer, sigmoid output,
// cross-entropy) used for XOR.
func xorNet(t testing.TB, seed uint64) *ann.MLP {
	m, err := ann.NewMLP(ann.MLPConfig{
		Inputs: 2,
		Layers: []ann.Layer{{Size: 4, Activation: ann.Tanh}, {Size: 1, Activation: ann.Sigmoid}},
		Loss:   ann.CrossEntropy,
		Seed:   seed,
	})
	if err != nil {
		t.Fatal(err)
	}
	return m
}

var xorTraining = ann.TrainConfig{Epochs: 1000, BatchSize: 4, LearningRate: 0.5, Momentum: 0.9, Seed: 1}

// TestMLPLearnsXOR: one hidden layer suffices for XOR (Rumelhart, Hinton &
// Williams 1986, Fig. 1 shows a 2-2-1 solution); with seed 1 training
// reaches 100 % (the requirement), and two runs with the same
// seeds give bit-identical weights.
func TestMLPLearnsXOR(t *testing.T) {
	d := datasets.XOR()
	run := func() (*ann.MLP, ann.History) {
		m := xorNet(t, 1)
		h, err := m.Train(d.X, d.Column(), xorTraining)
		if err != nil {
			t.Fatal(err)
		}
		return m, h
	}
	m1, h := run()
	final := h.Final()
	t.Logf("XOR after %d epochs: loss %.3g, accuracy %v, wall %v", final.Epoch, final.TrainLoss, final.TrainAccuracy, h.Wall)
	if final.TrainAccuracy != 1 {
		t.Errorf("XOR accuracy %v, want 1", final.TrainAccuracy)
	}
	if got := m1.Predict(d.X); !equalInts(got, d.Labels) {
		t.Errorf("Predict = %v, want %v", got, d.Labels)
	}
	if len(h.Curve) != xorTraining.Epochs || h.Curve[0].Epoch != 1 || !math.IsNaN(final.TestAccuracy) {
		t.Errorf("curve has %d epochs, first %d, test accuracy %v without a test set", len(h.Curve), h.Curve[0].Epoch, final.TestAccuracy)
	}
	if !(h.Curve[len(h.Curve)-1].TrainLoss < h.Curve[0].TrainLoss) {
		t.Errorf("loss went from %v to %v", h.Curve[0].TrainLoss, final.TrainLoss)
	}

	m2, _ := run()
	for l := 0; l < m1.NumLayers(); l++ {
		if !mat.Equal(m1.Weights(l), m2.Weights(l)) || !mat.Equal(m1.Biases(l), m2.Biases(l)) {
			t.Errorf("layer %d: two runs with the same seeds differ", l)
		}
	}
	// And a different initial seed gives different weights (the seed is used).
	m3 := xorNet(t, 2)
	if mat.Equal(m3.Weights(0), xorNet(t, 1).Weights(0)) {
		t.Error("seeds 1 and 2 give the same initial weights")
	}
}

func equalInts(a, b []int) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if a[i] != b[i] {
			return false
		}
	}
	return true
}

// irisTestAccuracy is the requirement on Iris test accuracy.
const irisTestAccuracy = 0.93

// TestMLPIris trains on a stratified 70/30 split of Iris (105/45 samples),
// standardised with the training split's statistics, for a tanh network
// and for ReLU-only hidden layers (the form that converts to spiking
// neurons). The issue requires test accuracy >= 0.93 at a fixed seed
// (seed 1); so that this is no lucky seed, the mean over seeds 1..10
// (each its own split and initialisation) must reach it too. Single
// splits vary: the hardest of these ten leaves 40-42 of 45 right.
func TestMLPIris(t *testing.T) {
	nets := []struct {
		name   string
		hidden []ann.Layer
	}{
		{"4-16-3 tanh", []ann.Layer{{Size: 16, Activation: ann.Tanh}}},
		{"4-16-3 relu", []ann.Layer{{Size: 16, Activation: ann.ReLU}}},
		{"4-16-16-3 relu", []ann.Layer{{Size: 16, Activation: ann.ReLU}, {Size: 16, Activation: ann.ReLU}}},
	}
	const seeds = 10
	iris := datasets.Iris()
	for _, net := range nets {
		t.Run(net.name, func(t *testing.T) {
			var sum float64
			worst := 1.0
			for seed := uint64(1); seed <= seeds; seed++ {
				f := trainIris(t, iris, net.hidden, seed)
				sum += f.TestAccuracy
				worst = math.Min(worst, f.TestAccuracy)
				if seed == 1 && f.TestAccuracy < irisTestAccuracy {
					t.Errorf("seed 1: test accuracy %.3f < %.2f", f.TestAccuracy, irisTestAccuracy)
				}
			}
			mean := sum / seeds
			t.Logf("test accuracy over seeds 1..%d: mean %.3f, lowest %.3f", seeds, mean, worst)
			if mean < irisTestAccuracy {
				t.Errorf("mean test accuracy %.3f < %.2f", mean, irisTestAccuracy)
			}
		})
	}
}

func trainIris(t *testing.T, iris datasets.Dataset, hidden []ann.Layer, seed uint64) ann.EpochStats {
	train, test, err := datasets.Split(iris, 0.3, true, seed)
	if err != nil {
		t.Fatal(err)
	}
	s := datasets.FitStandardizer(train.X)
	train, test = s.Apply(train), s.Apply(test)
	m, err := ann.NewMLP(ann.MLPConfig{
		Inputs: 4,
		Layers: append(append([]ann.Layer(nil), hidden...), ann.Layer{Size: 3, Activation: ann.Softmax}),
		Loss:   ann.CrossEntropy,
		Seed:   seed,
	})
	if err != nil {
		t.Fatal(err)
	}
	h, err := m.Train(train.X, train.OneHot(), ann.TrainConfig{
		Epochs: 200, BatchSize: 8, LearningRate: 0.05, Momentum: 0.9, Seed: seed,
		TestX: test.X, TestY: test.OneHot(),
	})
	if err != nil {
		t.Fatal(err)
	}
	f := h.Final()
	t.Logf("seed %d: train accuracy %.3f, test accuracy %.3f (test loss %.3f), %v", seed, f.TrainAccuracy, f.TestAccuracy, f.TestLoss, h.Wall)
	if acc := m.Accuracy(test.X, test.OneHot()); acc != f.TestAccuracy {
		t.Errorf("seed %d: Accuracy = %v, the curve says %v", seed, acc, f.TestAccuracy)
	}
	return f
}

// TestMLPCircles: noise-free concentric circles (radii 1 and 0.5) are
// separable by a circle, which a tanh hidden layer can represent, so a
// trained network classifies every training point.
func TestMLPCircles(t *testing.T) {
	d, err := datasets.Circles(200, 0, 0.5, 1)
	if err != nil {
		t.Fatal(err)
	}
	m, err := ann.NewMLP(ann.MLPConfig{Inputs: 2, Layers: []ann.Layer{{Size: 8, Activation: ann.Tanh}, {Size: 2, Activation: ann.Softmax}}, Loss: ann.CrossEntropy, Seed: 1})
	if err != nil {
		t.Fatal(err)
	}
	h, err := m.Train(d.X, d.OneHot(), ann.TrainConfig{Epochs: 300, BatchSize: 16, LearningRate: 0.1, Momentum: 0.9, Seed: 1})
	if err != nil {
		t.Fatal(err)
	}
	if acc := h.Final().TrainAccuracy; acc != 1 {
		t.Errorf("accuracy %v, want 1", acc)
	}
}

// TestActivationsShapes checks the per-layer outputs the ANN-to-SNN
// conversion reads: a^l = f(n^l), a^L = Forward, n^1 = X W^T + b.
func TestActivations(t *testing.T) {
	iris := datasets.Iris()
	m, err := ann.NewMLP(ann.MLPConfig{Inputs: 4, Layers: []ann.Layer{{Size: 6, Activation: ann.ReLU}, {Size: 3, Activation: ann.Softmax}}, Loss: ann.CrossEntropy, Seed: 4})
	if err != nil {
		t.Fatal(err)
	}
	z, a := m.Activations(iris.X)
	if len(z) != 2 || len(a) != 2 {
		t.Fatalf("%d and %d layers", len(z), len(a))
	}
	var want mat.Dense
	want.Mul(iris.X, m.Weights(0).T())
	const tol = 1e-12 // sums of four products of order 10
	for i := 0; i < 150; i++ {
		for j := 0; j < 6; j++ {
			if math.Abs(z[0].At(i, j)-want.At(i, j)) > tol {
				t.Fatalf("n[%d][%d] = %v, want %v", i, j, z[0].At(i, j), want.At(i, j))
			}
			if a[0].At(i, j) != math.Max(0, z[0].At(i, j)) {
				t.Fatalf("a[%d][%d] = %v, not relu(%v)", i, j, a[0].At(i, j), z[0].At(i, j))
			}
		}
	}
	if !mat.Equal(a[1], m.Forward(iris.X)) {
		t.Error("last activations differ from Forward")
	}
}

// TestEpochAllocatesNothing: once a Trainer is built, an epoch (shuffle,
// minibatch updates, evaluation on training and test sets) allocates
// nothing.
func TestEpochAllocatesNothing(t *testing.T) {
	iris := datasets.Iris()
	m, err := ann.NewMLP(ann.MLPConfig{Inputs: 4, Layers: []ann.Layer{{Size: 16, Activation: ann.ReLU}, {Size: 3, Activation: ann.Softmax}}, Loss: ann.CrossEntropy, Seed: 1})
	if err != nil {
		t.Fatal(err)
	}
	Y := iris.OneHot()
	// 150 = 18 batches of 8 and one of 6: both batch shapes are used.
	tr, err := m.NewTrainer(iris.X, Y, ann.TrainConfig{BatchSize: 8, LearningRate: 0.01, Momentum: 0.9, TestX: iris.X, TestY: Y})
	if err != nil {
		t.Fatal(err)
	}
	if n := testing.AllocsPerRun(5, func() { tr.Epoch() }); n != 0 {
		t.Errorf("an epoch allocates %v times", n)
	}
}
