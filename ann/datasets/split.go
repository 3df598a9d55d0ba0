package datasets

import (
	"fmt"
	"math"
	"slices"

	"gonum.org/v1/gonum/mat"

	"gospike/random"
)

// Split divides d into a training and a test set, drawing about
// testFraction of the samples for the test set from the stream of seed.
// Stratified, each class gives round(testFraction * its size) test
// samples, so both sets keep the class proportions; otherwise
// round(testFraction * N) samples are drawn from the whole set. Both sets
// keep the samples in their order in d. It returns an error if
// testFraction is not in (0, 1) or either set would be empty.
func Split(d Dataset, testFraction float64, stratified bool, seed uint64) (train, test Dataset, err error) {
	d.check()
	if !(testFraction > 0 && testFraction < 1) {
		return Dataset{}, Dataset{}, fmt.Errorf("datasets: test fraction = %g: must be in (0, 1)", testFraction)
	}
	rng := random.New(seed, random.Data, keySplit)
	var testIdx []int
	pick := func(pool []int) {
		k := int(math.Round(testFraction * float64(len(pool))))
		// Partial Fisher-Yates: the first k of a random permutation.
		for i := 0; i < k; i++ {
			j := i + rng.IntN(len(pool)-i)
			pool[i], pool[j] = pool[j], pool[i]
		}
		testIdx = append(testIdx, pool[:k]...)
	}
	if stratified {
		for c := range d.Classes {
			var pool []int
			for i, l := range d.Labels {
				if l == c {
					pool = append(pool, i)
				}
			}
			pick(pool)
		}
	} else {
		pool := make([]int, d.Len())
		for i := range pool {
			pool[i] = i
		}
		pick(pool)
	}
	slices.Sort(testIdx)
	inTest := make([]bool, d.Len())
	for _, i := range testIdx {
		inTest[i] = true
	}
	var trainIdx []int
	for i := range inTest {
		if !inTest[i] {
			trainIdx = append(trainIdx, i)
		}
	}
	if len(testIdx) == 0 || len(trainIdx) == 0 {
		return Dataset{}, Dataset{}, fmt.Errorf("datasets: test fraction %g of %d samples leaves %d for training and %d for testing: both need at least one", testFraction, d.Len(), len(trainIdx), len(testIdx))
	}
	return d.subset(trainIdx), d.subset(testIdx), nil
}

// Standardizer maps each feature x_j to (x_j - Mean_j) / Scale_j. Fit it
// on the training set only and apply it to both sets, so no information
// from the test set leaks into training.
type Standardizer struct {
	Mean, Scale []float64
}

// FitStandardizer returns the standardiser of the columns of X: their
// means and population standard deviations (divisor N, as scikit-learn's
// StandardScaler). A constant column gets scale 1.
func FitStandardizer(X *mat.Dense) Standardizer {
	n, c := X.Dims()
	s := Standardizer{Mean: make([]float64, c), Scale: make([]float64, c)}
	for j := 0; j < c; j++ {
		var sum float64
		for i := 0; i < n; i++ {
			sum += X.At(i, j)
		}
		mean := sum / float64(n)
		var ss float64
		for i := 0; i < n; i++ {
			d := X.At(i, j) - mean
			ss += d * d
		}
		s.Mean[j] = mean
		s.Scale[j] = math.Sqrt(ss / float64(n))
		if s.Scale[j] == 0 {
			s.Scale[j] = 1
		}
	}
	return s
}

// Transform returns the standardised copy of X. It panics if X has the
// wrong number of columns.
func (s Standardizer) Transform(X *mat.Dense) *mat.Dense {
	n, c := X.Dims()
	if c != len(s.Mean) {
		panic(fmt.Sprintf("datasets: standardiser of %d features applied to %d columns", len(s.Mean), c))
	}
	out := mat.NewDense(n, c, nil)
	for i := 0; i < n; i++ {
		for j := 0; j < c; j++ {
			out.Set(i, j, (X.At(i, j)-s.Mean[j])/s.Scale[j])
		}
	}
	return out
}

// Apply returns d with its features standardised.
func (s Standardizer) Apply(d Dataset) Dataset {
	d.X = s.Transform(d.X)
	return d
}
