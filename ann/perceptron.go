package ann

import (
	"fmt"

	"gonum.org/v1/gonum/mat"
)

// Perceptron is a single layer of S hard-limit neurons connected to R
// inputs (Rosenblatt 1958; Hagan et al., Neural Network Design, ch. 4):
//
//	a = hardlim(W p + b),  hardlim(n) = 1 if n >= 0, else 0,
//
// with W of size S x R and b of length S.
type Perceptron struct {
	W *mat.Dense
	B *mat.VecDense
}

// NewPerceptron returns a perceptron of S neurons on R inputs with zero
// weights and biases, the start the convergence theorem assumes.
func NewPerceptron(inputs, neurons int) *Perceptron {
	if inputs < 1 || neurons < 1 {
		panic(fmt.Sprintf("ann: perceptron of %d neurons on %d inputs", neurons, inputs))
	}
	return &Perceptron{W: mat.NewDense(neurons, inputs, nil), B: mat.NewVecDense(neurons, nil)}
}

// PerceptronConfig sets the perceptron learning rule.
type PerceptronConfig struct {
	MaxEpochs int  // stop after this many passes even if some vector is misclassified
	NoBias    bool // keep b fixed (Hagan's first test problem has no bias)
}

// PerceptronResult tells how training went.
type PerceptronResult struct {
	// Epochs is the number of passes made, including the last one, in
	// which (if Converged) no vector was misclassified.
	Epochs int
	// Updates is the number of presentations that changed the weights
	// (the "mistakes" the convergence theorem bounds).
	Updates int
	// Converged tells whether a whole pass classified every vector.
	Converged bool
}

// Train applies the perceptron learning rule (Hagan et al., ch. 4, "Unified
// Learning Rule")
//
//	e = t - a,  W <- W + e p^T,  b <- b + e
//
// presenting the training vectors (rows of P, Q x R) with their targets
// (rows of T, Q x S, each 0 or 1) in order, pass after pass, until a whole
// pass makes no error or cfg.MaxEpochs passes have been made.
func (p *Perceptron) Train(P, T *mat.Dense, cfg PerceptronConfig) (PerceptronResult, error) {
	s, r := p.W.Dims()
	q, pr := P.Dims()
	qt, ts := T.Dims()
	switch {
	case pr != r:
		return PerceptronResult{}, fmt.Errorf("ann: perceptron: inputs have %d columns, the perceptron %d inputs", pr, r)
	case ts != s:
		return PerceptronResult{}, fmt.Errorf("ann: perceptron: targets have %d columns, the perceptron %d neurons", ts, s)
	case qt != q:
		return PerceptronResult{}, fmt.Errorf("ann: perceptron: %d input rows but %d target rows", q, qt)
	case cfg.MaxEpochs < 1:
		return PerceptronResult{}, fmt.Errorf("ann: perceptron: max epochs = %d: must be at least 1", cfg.MaxEpochs)
	}
	for i := 0; i < q; i++ {
		for j := 0; j < s; j++ {
			if v := T.At(i, j); v != 0 && v != 1 {
				return PerceptronResult{}, fmt.Errorf("ann: perceptron: target row %d, column %d is %g: must be 0 or 1", i, j, v)
			}
		}
	}
	w, b := p.W.RawMatrix(), p.B.RawVector()
	pin, tin := P.RawMatrix(), T.RawMatrix()
	var res PerceptronResult
	for res.Epochs < cfg.MaxEpochs {
		res.Epochs++
		errors := 0
		for k := 0; k < q; k++ {
			pk := pin.Data[k*pin.Stride : k*pin.Stride+r]
			tk := tin.Data[k*tin.Stride : k*tin.Stride+s]
			changed := false
			for i := 0; i < s; i++ {
				wi := w.Data[i*w.Stride : i*w.Stride+r]
				n := b.Data[i*b.Inc]
				for j, x := range pk {
					n += wi[j] * x
				}
				a := 0.0
				if n >= 0 {
					a = 1
				}
				e := tk[i] - a
				if e == 0 {
					continue
				}
				changed = true
				for j, x := range pk {
					wi[j] += e * x
				}
				if !cfg.NoBias {
					b.Data[i*b.Inc] += e
				}
			}
			if changed {
				errors++
				res.Updates++
			}
		}
		if errors == 0 {
			res.Converged = true
			break
		}
	}
	return res, nil
}

// Forward returns the outputs a = hardlim(W p + b) for the rows of P
// (Q x R), as a Q x S matrix of 0 and 1. It panics if P does not have R
// columns.
func (p *Perceptron) Forward(P mat.Matrix) *mat.Dense {
	s, r := p.W.Dims()
	q, c := P.Dims()
	if c != r {
		panic(fmt.Sprintf("ann: perceptron: P has %d columns, the perceptron %d inputs", c, r))
	}
	out := mat.NewDense(q, s, nil)
	out.Mul(P, p.W.T())
	raw := out.RawMatrix()
	for i := 0; i < q; i++ {
		row := raw.Data[i*raw.Stride : i*raw.Stride+s]
		for j := range row {
			row[j] += p.B.AtVec(j)
		}
	}
	HardLim.activate(raw.Data, q, s, raw.Stride)
	return out
}
