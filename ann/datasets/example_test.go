package datasets_test

import (
	"fmt"

	"gospike/ann/datasets"
)

// Iris, split 70/30 by species with a seed and standardised with the
// training set's statistics.
func ExampleIris() {
	iris := datasets.Iris()
	fmt.Println(iris.Classes, iris.Counts())
	train, test, err := datasets.Split(iris, 0.3, true, 1)
	if err != nil {
		fmt.Println(err)
		return
	}
	s := datasets.FitStandardizer(train.X)
	train, test = s.Apply(train), s.Apply(test)
	fmt.Println("train", train.Counts(), "test", test.Counts())
	// Output:
	// [setosa versicolor virginica] [50 50 50]
	// train [35 35 35] test [15 15 15]
}
