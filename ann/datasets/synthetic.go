package datasets

import (
	"fmt"
	"math"
	"math/rand/v2"

	"gonum.org/v1/gonum/mat"

	"gospike/random"
)

// Keys of the random streams of this package, after random.Data. They are
// distinct from the keys of package ann (1, 2).
const (
	keyMoons   uint64 = 101
	keyCircles uint64 = 102
	keySplit   uint64 = 103
)

// linspace returns n evenly spaced points from lo to hi, hi included when
// endpoint (numpy.linspace).
func linspace(lo, hi float64, n int, endpoint bool) []float64 {
	out := make([]float64, n)
	div := float64(n)
	if endpoint {
		div = float64(n - 1)
	}
	for i := range out {
		if div > 0 {
			out[i] = lo + float64(i)*(hi-lo)/div
		} else {
			out[i] = lo
		}
	}
	return out
}

// Moons returns two interleaving half circles in 2-D, as scikit-learn's
// sklearn.datasets.make_moons defines them (Pedregosa et al. 2011;
// version 1.2.1 source): n/2 (rounded down) points of class 0 evenly on
// the upper half of the unit circle, (cos t, sin t) for t in [0, pi], and
// the rest, class 1, on (1 - cos t, 1/2 - sin t); then the samples are
// shuffled and Gaussian noise of standard deviation noise is added to each
// coordinate. The same seed gives the same set. It returns an error for
// n < 2 or a negative noise.
func Moons(n int, noise float64, seed uint64) (Dataset, error) {
	if n < 2 {
		return Dataset{}, fmt.Errorf("datasets: moons: %d samples: need at least 2", n)
	}
	if !(noise >= 0) {
		return Dataset{}, fmt.Errorf("datasets: moons: noise = %g: must not be negative", noise)
	}
	nOut := n / 2
	nIn := n - nOut
	x := make([]float64, 0, 2*n)
	labels := make([]int, 0, n)
	for _, t := range linspace(0, math.Pi, nOut, true) {
		x = append(x, math.Cos(t), math.Sin(t))
		labels = append(labels, 0)
	}
	for _, t := range linspace(0, math.Pi, nIn, true) {
		x = append(x, 1-math.Cos(t), 1-math.Sin(t)-0.5)
		labels = append(labels, 1)
	}
	return shuffleAndNoise(x, labels, noise, random.New(seed, random.Data, keyMoons)), nil
}

// Circles returns a large circle containing a smaller one in 2-D, as
// scikit-learn's sklearn.datasets.make_circles defines them: n/2 (rounded
// down) points of class 0 evenly on the unit circle, (cos t, sin t) for t
// in [0, 2 pi) without the end point, and the rest, class 1, on the circle
// of radius factor; then shuffled, with Gaussian noise of standard
// deviation noise added to each coordinate. It returns an error for n < 2,
// a negative noise or a factor outside [0, 1).
func Circles(n int, noise, factor float64, seed uint64) (Dataset, error) {
	if n < 2 {
		return Dataset{}, fmt.Errorf("datasets: circles: %d samples: need at least 2", n)
	}
	if !(noise >= 0) {
		return Dataset{}, fmt.Errorf("datasets: circles: noise = %g: must not be negative", noise)
	}
	if !(factor >= 0 && factor < 1) {
		return Dataset{}, fmt.Errorf("datasets: circles: factor = %g: must be in [0, 1) (scikit-learn's default is 0.8)", factor)
	}
	nOut := n / 2
	nIn := n - nOut
	x := make([]float64, 0, 2*n)
	labels := make([]int, 0, n)
	for _, t := range linspace(0, 2*math.Pi, nOut, false) {
		x = append(x, math.Cos(t), math.Sin(t))
		labels = append(labels, 0)
	}
	for _, t := range linspace(0, 2*math.Pi, nIn, false) {
		x = append(x, factor*math.Cos(t), factor*math.Sin(t))
		labels = append(labels, 1)
	}
	return shuffleAndNoise(x, labels, noise, random.New(seed, random.Data, keyCircles)), nil
}

// shuffleAndNoise shuffles the 2-D points (Fisher-Yates) with their labels,
// then adds N(0, noise^2) to every coordinate, in scikit-learn's order.
func shuffleAndNoise(x []float64, labels []int, noise float64, r *rand.Rand) Dataset {
	n := len(labels)
	for i := n - 1; i > 0; i-- {
		j := r.IntN(i + 1)
		labels[i], labels[j] = labels[j], labels[i]
		x[2*i], x[2*j] = x[2*j], x[2*i]
		x[2*i+1], x[2*j+1] = x[2*j+1], x[2*i+1]
	}
	if noise > 0 {
		for i := range x {
			x[i] += noise * r.NormFloat64()
		}
	}
	return Dataset{
		X:        mat.NewDense(n, 2, x),
		Labels:   labels,
		Classes:  []string{"0", "1"},
		Features: []string{"x1", "x2"},
	}
}
