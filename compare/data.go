package compare

import (
	"fmt"
	"math"

	"gonum.org/v1/gonum/mat"

	"gospike/ann/datasets"
)

// Data is a comparison's data: the training and test sets, scaled.
type Data struct {
	Name        string
	Train, Test datasets.Dataset
	// Scaling says how the features were scaled; Min and Max hold the
	// training set's range of each feature when it is MinMax.
	Scaling  string
	Min, Max []float64
}

// LoadData reads c's data set, splits it (stratified, by c.Seed) and
// scales the features with statistics of the training set alone.
func LoadData(c Config) (*Data, error) {
	var d datasets.Dataset
	var err error
	switch c.Dataset {
	case "xor":
		d = datasets.XOR()
	case "and":
		d = datasets.AND()
	case "or":
		d = datasets.OR()
	case "iris":
		d = datasets.Iris()
	case "moons":
		d, err = datasets.Moons(c.Samples, c.Noise, c.Seed)
	case "circles":
		d, err = datasets.Circles(c.Samples, c.Noise, c.Factor, c.Seed)
	default:
		d, err = datasets.ReadCSVFile(c.Dataset, datasets.CSVOptions{})
	}
	if err != nil {
		return nil, fmt.Errorf("compare: %w", err)
	}
	if len(d.Classes) < 2 {
		return nil, fmt.Errorf("compare: data set %s has %d class: a classification needs at least 2", c.Dataset, len(d.Classes))
	}
	out := &Data{Name: c.Dataset, Scaling: c.Scaling}
	if Logic(c.Dataset) {
		out.Train, out.Test = d, d
	} else {
		out.Train, out.Test, err = datasets.Split(d, c.TestFraction, true, c.Seed)
		if err != nil {
			return nil, fmt.Errorf("compare: data set %s: %w", c.Dataset, err)
		}
	}
	switch c.Scaling {
	case Standard:
		s := datasets.FitStandardizer(out.Train.X)
		out.Train, out.Test = s.Apply(out.Train), s.Apply(out.Test)
	default:
		out.Min, out.Max = minMax(out.Train.X)
		out.Train.X = scaleMinMax(out.Train.X, out.Min, out.Max)
		out.Test.X = scaleMinMax(out.Test.X, out.Min, out.Max)
	}
	return out, nil
}

// minMax returns the smallest and largest value of each column of X.
func minMax(X *mat.Dense) (lo, hi []float64) {
	n, c := X.Dims()
	lo, hi = make([]float64, c), make([]float64, c)
	for j := range c {
		lo[j], hi[j] = math.Inf(1), math.Inf(-1)
		for i := range n {
			x := X.At(i, j)
			lo[j], hi[j] = math.Min(lo[j], x), math.Max(hi[j], x)
		}
	}
	return lo, hi
}

// scaleMinMax returns X with column j mapped to (x - lo_j)/(hi_j - lo_j),
// clipped to [0, 1]; a constant column becomes 0.
func scaleMinMax(X *mat.Dense, lo, hi []float64) *mat.Dense {
	n, c := X.Dims()
	out := mat.NewDense(n, c, nil)
	for i := range n {
		for j := range c {
			x := 0.0
			if w := hi[j] - lo[j]; w > 0 {
				x = math.Min(math.Max((X.At(i, j)-lo[j])/w, 0), 1)
			}
			out.Set(i, j, x)
		}
	}
	return out
}
