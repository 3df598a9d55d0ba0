package ann_test

import (
	"math"
	"math/rand/v2"
	"testing"

	"gonum.org/v1/gonum/mat"

	"gospike/ann"
	"gospike/ann/datasets"
)

// TestPerceptronHaganTestProblem replays the worked example of Hagan et
// al., Neural Network Design, ch. 4 ("Test Problem"): one neuron, no
// bias, initial W = [1.0 -0.8], p1 = [1 2] (t=1), p2 = [-1 2] (t=0),
// p3 = [0 -1] (t=0). By hand: p1 gives n = -0.6, a = 0, W = [2.0 1.2];
// p2 gives n = 0.4, a = 1, W = [3.0 -0.8]; p3 gives n = 0.8, a = 1,
// W = [3.0 0.2]; the second pass then classifies all three.
func TestPerceptronHaganTestProblem(t *testing.T) {
	p := ann.NewPerceptron(2, 1)
	p.W.SetRow(0, []float64{1.0, -0.8})
	P := mat.NewDense(3, 2, []float64{1, 2, -1, 2, 0, -1})
	T := mat.NewDense(3, 1, []float64{1, 0, 0})
	res, err := p.Train(P, T, ann.PerceptronConfig{MaxEpochs: 100, NoBias: true})
	if err != nil {
		t.Fatal(err)
	}
	const tol = 1e-12 // three additions of one-decimal numbers
	want := []float64{3.0, 0.2}
	for j, w := range want {
		if got := p.W.At(0, j); math.Abs(got-w) > tol {
			t.Errorf("W[0][%d] = %v, want %v", j, got, w)
		}
	}
	if p.B.AtVec(0) != 0 {
		t.Errorf("b = %v, want 0 (NoBias)", p.B.AtVec(0))
	}
	if !res.Converged || res.Epochs != 2 || res.Updates != 3 {
		t.Errorf("result %+v, want converged after 2 epochs and 3 updates", res)
	}
}

// separable is a linearly separable set with a known separating
// hyperplane (w, b): the convergence bound is computed from it.
type separable struct {
	name string
	P    *mat.Dense
	T    *mat.Dense
	w    []float64 // a separating weight vector
	b    float64   // its bias
}

// randomSeparable draws n points uniformly in [-1, 1]^2 from a PCG seeded
// with seed, labels them by the side of the line w.p + b = 0 and drops the
// points closer to it than margin (so the margin is not vanishingly
// small).
func randomSeparable(n int, seed uint64, w []float64, b, margin float64) separable {
	rng := rand.New(rand.NewPCG(seed, seed^0x9e3779b97f4a7c15))
	norm := math.Hypot(w[0], w[1])
	var x, t []float64
	for len(t) < n {
		p := []float64{2*rng.Float64() - 1, 2*rng.Float64() - 1}
		s := (w[0]*p[0] + w[1]*p[1] + b) / norm
		if math.Abs(s) < margin {
			continue
		}
		x = append(x, p...)
		if s > 0 {
			t = append(t, 1)
		} else {
			t = append(t, 0)
		}
	}
	return separable{"random 2-D", mat.NewDense(n, 2, x), mat.NewDense(n, 1, t), w, b}
}

func fromDataset(name string, d datasets.Dataset, w []float64, b float64) separable {
	return separable{name, d.X, d.Column(), w, b}
}

// novikoffBound returns (R/gamma)^2 of the perceptron convergence theorem
// (Novikoff 1962) for the augmented vectors x = [p; 1], with R = max ||x||
// and gamma the margin of the unit vector u = [w; b]/||[w; b]||:
// gamma = min_q y_q u.x_q, y = +1 for t = 1 and -1 for t = 0. Any
// separating u gives a valid bound (the best u the tightest).
func novikoffBound(t *testing.T, s separable) float64 {
	q, r := s.P.Dims()
	norm := s.b * s.b
	for _, v := range s.w {
		norm += v * v
	}
	norm = math.Sqrt(norm)
	R, gamma := 0.0, math.Inf(1)
	for i := 0; i < q; i++ {
		sq, dot := 1.0, s.b
		for j := 0; j < r; j++ {
			sq += s.P.At(i, j) * s.P.At(i, j)
			dot += s.w[j] * s.P.At(i, j)
		}
		R = math.Max(R, math.Sqrt(sq))
		y := 2*s.T.At(i, 0) - 1
		gamma = math.Min(gamma, y*dot/norm)
	}
	if !(gamma > 0) {
		t.Fatalf("%s: (w, b) does not separate the set (margin %g)", s.name, gamma)
	}
	return (R / gamma) * (R / gamma)
}

// TestPerceptronConverges checks the perceptron rule on linearly separable
// sets: it converges, within the theorem's bound on updates, and then
// classifies every training vector.
func TestPerceptronConverges(t *testing.T) {
	cases := []separable{
		// x1 + x2 - 1.5 = 0 separates AND: margin 0.5/sqrt(4.25), R = sqrt(3),
		// bound 3 * 4.25 / 0.25 = 51 updates.
		fromDataset("AND", datasets.AND(), []float64{1, 1}, -1.5),
		// x1 + x2 - 0.5 = 0 separates OR: margin 0.5/1.5, R = sqrt(3),
		// bound 3 * 2.25 / 0.25 = 27 updates.
		fromDataset("OR", datasets.OR(), []float64{1, 1}, -0.5),
		randomSeparable(200, 1, []float64{2, -1}, 0.3, 0.05),
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			bound := novikoffBound(t, c)
			_, r := c.P.Dims()
			p := ann.NewPerceptron(r, 1)
			res, err := p.Train(c.P, c.T, ann.PerceptronConfig{MaxEpochs: 10000})
			if err != nil {
				t.Fatal(err)
			}
			t.Logf("%s: %d epochs, %d updates, bound (R/gamma)^2 = %.1f", c.name, res.Epochs, res.Updates, bound)
			if !res.Converged {
				t.Fatalf("did not converge in %d epochs", res.Epochs)
			}
			if float64(res.Updates) > bound {
				t.Errorf("%d updates, more than the bound %.1f", res.Updates, bound)
			}
			// Each pass but the last makes at least one update.
			if res.Epochs > res.Updates+1 {
				t.Errorf("%d epochs for %d updates", res.Epochs, res.Updates)
			}
			if !mat.Equal(p.Forward(c.P), c.T) {
				t.Errorf("outputs %v, want %v", mat.Formatted(p.Forward(c.P).T()), mat.Formatted(c.T.T()))
			}
		})
	}
}

// TestPerceptronCannotLearnXOR: XOR is not linearly separable (no line puts
// (0,1) and (1,0) on one side and (0,0) and (1,1) on the other: w2 + b >= 0
// and w1 + b >= 0 add to w1 + w2 + 2b >= 0, while b < 0 and w1 + w2 + b < 0
// add to w1 + w2 + 2b < 0), so a single-layer perceptron never classifies
// all four and the rule never stops (Minsky & Papert 1969).
func TestPerceptronCannotLearnXOR(t *testing.T) {
	d := datasets.XOR()
	p := ann.NewPerceptron(2, 1)
	const limit = 1000
	res, err := p.Train(d.X, d.Column(), ann.PerceptronConfig{MaxEpochs: limit})
	if err != nil {
		t.Fatal(err)
	}
	if res.Converged || res.Epochs != limit {
		t.Errorf("result %+v, want no convergence in %d epochs", res, limit)
	}
}

// TestPerceptronMultipleNeurons trains S = 2 neurons at once, one on AND
// and one on OR: each row of W learns independently.
func TestPerceptronMultipleNeurons(t *testing.T) {
	and, or := datasets.AND(), datasets.OR()
	T := mat.NewDense(4, 2, nil)
	T.SetCol(0, mat.Col(nil, 0, and.Column()))
	T.SetCol(1, mat.Col(nil, 0, or.Column()))
	p := ann.NewPerceptron(2, 2)
	res, err := p.Train(and.X, T, ann.PerceptronConfig{MaxEpochs: 100})
	if err != nil {
		t.Fatal(err)
	}
	if !res.Converged || !mat.Equal(p.Forward(and.X), T) {
		t.Errorf("result %+v, outputs %v", res, mat.Formatted(p.Forward(and.X)))
	}
}

func TestPerceptronErrors(t *testing.T) {
	p := ann.NewPerceptron(2, 1)
	P := mat.NewDense(2, 2, nil)
	cases := []struct {
		name string
		P, T *mat.Dense
		cfg  ann.PerceptronConfig
	}{
		{"target not 0/1", P, mat.NewDense(2, 1, []float64{0, 0.5}), ann.PerceptronConfig{MaxEpochs: 1}},
		{"wrong inputs", mat.NewDense(2, 3, nil), mat.NewDense(2, 1, nil), ann.PerceptronConfig{MaxEpochs: 1}},
		{"wrong targets", P, mat.NewDense(2, 2, nil), ann.PerceptronConfig{MaxEpochs: 1}},
		{"row mismatch", P, mat.NewDense(3, 1, nil), ann.PerceptronConfig{MaxEpochs: 1}},
		{"no epochs", P, mat.NewDense(2, 1, nil), ann.PerceptronConfig{}},
	}
	for _, c := range cases {
		if _, err := p.Train(c.P, c.T, c.cfg); err == nil {
			t.Errorf("%s: no error", c.name)
		} else {
			t.Logf("%s: %v", c.name, err)
		}
	}
}
