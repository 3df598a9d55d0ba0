package datasets

import (
	_ "embed"
	"strings"
)

//go:embed iris.csv
var irisCSV string

// Iris returns Fisher's (1936) iris data: 150 flowers, 50 of each of the
// species setosa, versicolor and virginica (classes 0, 1, 2), with four
// features in cm: sepal length, sepal width, petal length, petal width.
// It is the corrected version that matches Fisher's paper (UCI's
// bezdekIris.data, R's datasets::iris), not UCI's older iris.data with two
// wrong rows; iris.csv in this package says where it comes from.
func Iris() Dataset {
	d, err := ReadCSV(strings.NewReader(irisCSV), "iris.csv", CSVOptions{})
	if err != nil {
		panic(err) // the embedded file is part of the package
	}
	return d
}
