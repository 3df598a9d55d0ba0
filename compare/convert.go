package compare

import (
	"fmt"
	"math"
	"slices"

	"gonum.org/v1/gonum/mat"

	"gospike/ann"
)

// Normalised is a trained MLP with its weights and biases rescaled by
// data-based normalisation (Diehl et al. 2015; Rueckauer et al. 2017):
//
//	W'_l = W_l lambda_{l-1} / lambda_l,   b'_l = b_l / lambda_l,
//
// so that its layer l computes a_l / lambda_l, at most about 1 on the
// normalisation data.
type Normalised struct {
	// Lambda[l] is the scale of layer l: Lambda[0] = 1 for the input
	// (features in [0, 1] for Poisson input), then the hidden layers and
	// the output layer.
	Lambda []float64
	W      []*mat.Dense    // W'_l, S^l x S^{l-1}, l = 1..L (index l-1)
	B      []*mat.VecDense // b'_l
	// Shift is the offset c added to every output net input before
	// normalisation (see Normalise), in the units of the MLP's logits.
	Shift float64
}

// shiftMargin places the weakest winning output of the training set at
// this fraction of the spread of winning outputs, when the shift lifts it.
const shiftMargin = 0.05

// Layers returns the sizes S^0 (inputs) .. S^L.
func (n *Normalised) Layers() []int {
	_, r := n.W[0].Dims()
	sizes := []int{r}
	for _, w := range n.W {
		s, _ := w.Dims()
		sizes = append(sizes, s)
	}
	return sizes
}

// Normalise computes the scale lambda_l of every layer of m from its
// activations on the rows of X (the training set) and returns the
// rescaled network. lambda_l is the percentile-th percentile (linear
// interpolation between order statistics, numpy's default) of the
// positive activations of layer l over all its neurons and all samples,
// as the SNN toolbox of Rueckauer et al. computes it (zeros left out); for
// the output layer the activations are the pre-softmax net inputs n^L,
// positive part. percentile = 100 is the maximum of Diehl et al. (2015);
// Rueckauer et al. (2017) recommend 99.9 or 99.99, robust to outliers. A
// layer with no positive activation keeps lambda = 1.
//
// The hidden layers must be ReLU and the output softmax, linear or ReLU:
// only then does a spiking neuron's rate, which cannot be negative and
// grows linearly with its input, stand for the activation.
func Normalise(m *ann.MLP, X mat.Matrix, percentile float64) (*Normalised, error) {
	if !(percentile > 0 && percentile <= 100) {
		return nil, fmt.Errorf("compare: percentile %g: must be in (0, 100]", percentile)
	}
	L := m.NumLayers()
	for l := range L {
		a := m.Layer(l).Activation
		if l < L-1 && a != ann.ReLU {
			return nil, fmt.Errorf("compare: hidden layer %d has activation %v: conversion to spiking neurons needs relu", l+1, a)
		}
		if l == L-1 && a != ann.Softmax && a != ann.Linear && a != ann.ReLU {
			return nil, fmt.Errorf("compare: output layer has activation %v: conversion needs softmax, linear or relu", a)
		}
	}
	z, _ := m.Activations(X)
	n := &Normalised{Lambda: []float64{1}}
	n.Shift = outputShift(z[L-1], percentile)
	if n.Shift != 0 {
		var shifted mat.Dense
		shifted.Apply(func(_, _ int, v float64) float64 { return v + n.Shift }, z[L-1])
		z[L-1] = &shifted
	}
	for l := range L {
		lam := percentilePositive(z[l], percentile)
		n.Lambda = append(n.Lambda, lam)
		var w mat.Dense
		w.Scale(n.Lambda[l]/lam, m.Weights(l))
		var b mat.VecDense
		b.ScaleVec(1/lam, m.Biases(l))
		if l == L-1 && n.Shift != 0 {
			for j := range b.Len() {
				b.SetVec(j, (m.Biases(l).AtVec(j)+n.Shift)/lam)
			}
		}
		n.W = append(n.W, &w)
		n.B = append(n.B, &b)
	}
	return n, nil
}

// outputShift returns the offset c to add to every output net input so
// that every training sample's largest output is positive: an output
// neuron fires only for a positive input, and a sample whose outputs are
// all negative would leave the SNN silent and undecided. Adding the same c
// to every output changes neither the softmax (softmax(n + c) =
// softmax(n)) nor the class (the largest output), so the ANN is the same
// network. With w_q the largest output of training sample q, m their
// minimum and P their percentile-th percentile, c = max(0, shiftMargin
// (P - m) - m): zero when the weakest winner is already that far above 0.
func outputShift(z *mat.Dense, percentile float64) float64 {
	r, c := z.Dims()
	win := make([]float64, r)
	for i := range r {
		win[i] = math.Inf(-1)
		for j := range c {
			win[i] = math.Max(win[i], z.At(i, j))
		}
	}
	slices.Sort(win)
	m, p := win[0], Percentile(win, percentile)
	return math.Max(0, shiftMargin*(p-m)-m)
}

// percentilePositive returns the p-th percentile of the positive entries
// of A (ReLU of the net inputs), or 1 if there are none.
func percentilePositive(A *mat.Dense, p float64) float64 {
	r, c := A.Dims()
	var pos []float64
	for i := range r {
		for j := range c {
			if x := A.At(i, j); x > 0 {
				pos = append(pos, x)
			}
		}
	}
	if len(pos) == 0 {
		return 1
	}
	slices.Sort(pos)
	return Percentile(pos, p)
}

// Percentile returns the p-th percentile (0..100) of the sorted values x
// by linear interpolation between the closest ranks, numpy.percentile's
// default ("linear", Hyndman & Fan 1996 definition 7): the value at rank
// h = (n-1) p/100.
func Percentile(x []float64, p float64) float64 {
	if len(x) == 0 {
		panic("compare: Percentile of nothing")
	}
	h := float64(len(x)-1) * p / 100
	lo := int(math.Floor(h))
	if lo >= len(x)-1 {
		return x[len(x)-1]
	}
	return x[lo] + (h-float64(lo))*(x[lo+1]-x[lo])
}

// Forward returns the normalised network's activations, layer by layer,
// for the rows of X: ReLU in every layer, the output's included (the
// spiking output neurons cannot go below zero either). It is what the
// SNN's rates approximate, in units of the maximum rate.
func (n *Normalised) Forward(X mat.Matrix) []*mat.Dense {
	var out []*mat.Dense
	in := X
	for l, w := range n.W {
		var a mat.Dense
		a.Mul(in, w.T())
		r, c := a.Dims()
		for i := range r {
			for j := range c {
				a.Set(i, j, math.Max(0, a.At(i, j)+n.B[l].AtVec(j)))
			}
		}
		out = append(out, &a)
		in = &a
	}
	return out
}
