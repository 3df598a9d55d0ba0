package datasets

import (
	"fmt"

	"gonum.org/v1/gonum/mat"
)

// Dataset is a classification data set: one row of X per sample, the
// class index of each sample in Labels, the class names in Classes
// (Labels[i] indexes Classes) and, where known, the feature names.
type Dataset struct {
	X        *mat.Dense
	Labels   []int
	Classes  []string
	Features []string
}

// Len returns the number of samples.
func (d Dataset) Len() int { return len(d.Labels) }

// OneHot returns the N x K target matrix with a 1 in column Labels[i] of
// row i, the targets of a softmax output layer with K = len(Classes).
func (d Dataset) OneHot() *mat.Dense {
	t := mat.NewDense(len(d.Labels), len(d.Classes), nil)
	for i, c := range d.Labels {
		t.Set(i, c, 1)
	}
	return t
}

// Column returns the labels as an N x 1 matrix, the targets of a single
// sigmoid (or hard-limit) output for a two-class set.
func (d Dataset) Column() *mat.Dense {
	t := mat.NewDense(len(d.Labels), 1, nil)
	for i, c := range d.Labels {
		t.Set(i, 0, float64(c))
	}
	return t
}

// Counts returns the number of samples of each class.
func (d Dataset) Counts() []int {
	n := make([]int, len(d.Classes))
	for _, c := range d.Labels {
		n[c]++
	}
	return n
}

// subset returns the samples idx (at least one) of d, in that order.
func (d Dataset) subset(idx []int) Dataset {
	_, c := d.X.Dims()
	out := Dataset{
		X:        mat.NewDense(len(idx), c, nil),
		Labels:   make([]int, len(idx)),
		Classes:  d.Classes,
		Features: d.Features,
	}
	for i, k := range idx {
		out.X.SetRow(i, d.X.RawRowView(k))
		out.Labels[i] = d.Labels[k]
	}
	return out
}

func (d Dataset) check() {
	if d.X == nil {
		panic("datasets: no data")
	}
	if r, _ := d.X.Dims(); r != len(d.Labels) {
		panic(fmt.Sprintf("datasets: %d rows but %d labels", r, len(d.Labels)))
	}
}
