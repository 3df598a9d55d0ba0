package datasets

import "gonum.org/v1/gonum/mat"

// logic returns the four binary input pairs (0,0), (0,1), (1,0), (1,1)
// with the given truth table as labels.
func logic(table [4]int) Dataset {
	return Dataset{
		X:        mat.NewDense(4, 2, []float64{0, 0, 0, 1, 1, 0, 1, 1}),
		Labels:   table[:],
		Classes:  []string{"0", "1"},
		Features: []string{"x1", "x2"},
	}
}

// AND returns the truth table of logical AND: class 1 only for (1, 1).
func AND() Dataset { return logic([4]int{0, 0, 0, 1}) }

// OR returns the truth table of logical OR: class 0 only for (0, 0).
func OR() Dataset { return logic([4]int{0, 1, 1, 1}) }

// XOR returns the truth table of exclusive OR: class 1 for (0, 1) and
// (1, 0). It is the classic set that is not linearly separable (Minsky &
// Papert 1969).
func XOR() Dataset { return logic([4]int{0, 1, 1, 0}) }
