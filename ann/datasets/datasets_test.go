package datasets_test

import (
	"fmt"
	"math"
	"strings"
	"testing"

	"gonum.org/v1/gonum/mat"

	"gospike/ann/datasets"
)

// meanTol is the tolerance on means of one-decimal data: the sums are
// exact to about 1e-13, far below the 1e-6 of the published figures'
// last digit.
const meanTol = 1e-6

// TestIris checks the embedded Iris data against published figures:
// 150 rows, 50 per species (Fisher 1936); column sums 876.5, 458.6, 563.7,
// 179.9, i.e. means 5.843333, 3.057333, 3.758, 1.199333 (R's
// colMeans(iris) for the corrected data; UCI's iris.data would give a
// sepal-width mean of 3.054 and a petal-width mean of 1.198667); the
// per-species means of R's aggregate(. ~ Species, iris, mean); and the two
// rows UCI's iris.names corrects (35 and 38, 1-based).
func TestIris(t *testing.T) {
	d := datasets.Iris()
	if n, c := d.X.Dims(); n != 150 || c != 4 {
		t.Fatalf("Iris is %dx%d, want 150x4", n, c)
	}
	wantClasses := []string{"setosa", "versicolor", "virginica"}
	if strings.Join(d.Classes, ",") != strings.Join(wantClasses, ",") {
		t.Errorf("classes %v, want %v", d.Classes, wantClasses)
	}
	if got := d.Counts(); got[0] != 50 || got[1] != 50 || got[2] != 50 {
		t.Errorf("class counts %v, want 50 each", got)
	}
	if len(d.Features) != 4 || d.Features[0] != "sepal_length" || d.Features[3] != "petal_width" {
		t.Errorf("features %v", d.Features)
	}
	mean := func(rows []int, j int) float64 {
		var s float64
		for _, i := range rows {
			s += d.X.At(i, j)
		}
		return s / float64(len(rows))
	}
	all := make([]int, 150)
	for i := range all {
		all[i] = i
	}
	for j, want := range []float64{876.5 / 150, 458.6 / 150, 563.7 / 150, 179.9 / 150} {
		if got := mean(all, j); math.Abs(got-want) > meanTol {
			t.Errorf("mean of column %d = %.6f, want %.6f", j, got, want)
		}
	}
	perClass := [3][4]float64{
		{5.006, 3.428, 1.462, 0.246}, // setosa
		{5.936, 2.770, 4.260, 1.326}, // versicolor
		{6.588, 2.974, 5.552, 2.026}, // virginica
	}
	for c := range perClass {
		var rows []int
		for i, l := range d.Labels {
			if l == c {
				rows = append(rows, i)
			}
		}
		for j, want := range perClass[c] {
			if got := mean(rows, j); math.Abs(got-want) > meanTol {
				t.Errorf("%s: mean of column %d = %.6f, want %.3f", d.Classes[c], j, got, want)
			}
		}
	}
	for _, r := range []struct {
		row  int
		want []float64
	}{
		{35, []float64{4.9, 3.1, 1.5, 0.2}},
		{38, []float64{4.9, 3.6, 1.4, 0.1}},
	} {
		if got := d.X.RawRowView(r.row - 1); !equal(got, r.want) {
			t.Errorf("row %d = %v, want %v (Fisher's values)", r.row, got, r.want)
		}
	}
}

func equal(a, b []float64) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if a[i] != b[i] {
			return false
		}
	}
	return true
}

func TestLogic(t *testing.T) {
	for _, c := range []struct {
		name string
		d    datasets.Dataset
		f    func(a, b bool) bool
	}{
		{"AND", datasets.AND(), func(a, b bool) bool { return a && b }},
		{"OR", datasets.OR(), func(a, b bool) bool { return a || b }},
		{"XOR", datasets.XOR(), func(a, b bool) bool { return a != b }},
	} {
		for i := 0; i < 4; i++ {
			a, b := c.d.X.At(i, 0) == 1, c.d.X.At(i, 1) == 1
			want := 0
			if c.f(a, b) {
				want = 1
			}
			if c.d.Labels[i] != want {
				t.Errorf("%s(%v, %v) = %d", c.name, a, b, c.d.Labels[i])
			}
		}
	}
}

// geomTol: noise-free points lie on their circles up to rounding of
// cos and sin.
const geomTol = 1e-12

// TestMoonsCircles checks the scikit-learn geometry (sklearn 1.2.1
// make_moons, make_circles) without noise, and with noise the statistics
// of the added Gaussian: the same seed gives the same shuffle, so the
// difference of a noisy and a noise-free set is the noise itself, whose
// mean should be 0 and standard deviation sigma within 5 standard errors
// (sigma/sqrt(n) for the mean, sigma/sqrt(2n) for the standard deviation).
func TestMoonsCircles(t *testing.T) {
	const n, sigma = 1001, 0.1
	type gen func(noise float64, seed uint64) (datasets.Dataset, error)
	moons := func(noise float64, seed uint64) (datasets.Dataset, error) { return datasets.Moons(n, noise, seed) }
	circles := func(noise float64, seed uint64) (datasets.Dataset, error) {
		return datasets.Circles(n, noise, 0.8, seed)
	}
	for _, c := range []struct {
		name string
		gen  gen
		// onCurve reports how far a noise-free point of class label is
		// from its curve.
		onCurve func(x, y float64, label int) float64
	}{
		{"moons", moons, func(x, y float64, label int) float64 {
			if label == 0 { // upper unit half circle
				return math.Abs(math.Hypot(x, y)-1) + math.Max(0, -y)
			}
			// lower half circle of radius 1 around (1, 0.5)
			return math.Abs(math.Hypot(x-1, y-0.5)-1) + math.Max(0, y-0.5)
		}},
		{"circles", circles, func(x, y float64, label int) float64 {
			r := 1.0
			if label == 1 {
				r = 0.8
			}
			return math.Abs(math.Hypot(x, y) - r)
		}},
	} {
		t.Run(c.name, func(t *testing.T) {
			clean, err := c.gen(0, 5)
			if err != nil {
				t.Fatal(err)
			}
			// n/2 = 500 of class 0, 501 of class 1, as scikit-learn.
			if got := clean.Counts(); got[0] != n/2 || got[1] != n-n/2 {
				t.Errorf("counts %v, want [%d %d]", got, n/2, n-n/2)
			}
			for i := 0; i < n; i++ {
				if d := c.onCurve(clean.X.At(i, 0), clean.X.At(i, 1), clean.Labels[i]); d > geomTol {
					t.Fatalf("point %d (%v, class %d) is %g off its curve", i, clean.X.RawRowView(i), clean.Labels[i], d)
				}
			}
			if clean.Labels[0] == 0 && clean.Labels[1] == 0 && clean.Labels[2] == 0 && clean.Labels[3] == 0 && clean.Labels[4] == 0 {
				t.Error("the first samples are all class 0: not shuffled")
			}
			noisy, err := c.gen(sigma, 5)
			if err != nil {
				t.Fatal(err)
			}
			again, _ := c.gen(sigma, 5)
			if !mat.Equal(noisy.X, again.X) {
				t.Error("the same seed gives different sets")
			}
			other, _ := c.gen(sigma, 6)
			if mat.Equal(noisy.X, other.X) {
				t.Error("seeds 5 and 6 give the same set")
			}
			var noise []float64
			for i := 0; i < n; i++ {
				if noisy.Labels[i] != clean.Labels[i] {
					t.Fatalf("sample %d: label %d with noise, %d without", i, noisy.Labels[i], clean.Labels[i])
				}
				for j := 0; j < 2; j++ {
					noise = append(noise, noisy.X.At(i, j)-clean.X.At(i, j))
				}
			}
			m, sd := meanStd(noise)
			k := float64(len(noise))
			if math.Abs(m) > 5*sigma/math.Sqrt(k) || math.Abs(sd-sigma) > 5*sigma/math.Sqrt(2*k) {
				t.Errorf("noise mean %.4f, sd %.4f; want 0 and %g", m, sd, sigma)
			}
		})
	}
	if _, err := datasets.Moons(1, 0, 1); err == nil {
		t.Error("moons of 1 sample: no error")
	}
	if _, err := datasets.Circles(10, 0, 1, 1); err == nil {
		t.Error("circles with factor 1: no error")
	}
	if _, err := datasets.Circles(10, -1, 0.5, 1); err == nil {
		t.Error("circles with negative noise: no error")
	}
}

func meanStd(x []float64) (mean, sd float64) {
	for _, v := range x {
		mean += v
	}
	mean /= float64(len(x))
	for _, v := range x {
		sd += (v - mean) * (v - mean)
	}
	return mean, math.Sqrt(sd / float64(len(x)))
}

func TestReadCSV(t *testing.T) {
	cases := []struct {
		name     string
		text     string
		opts     datasets.CSVOptions
		classes  []string
		labels   []int
		features []string
		x        []float64
	}{
		{
			name:     "header, string labels, sorted",
			text:     "# a comment\nlen,width,kind\n1.5,2,dog\n3,4e-1,cat\n5,6,dog\n",
			classes:  []string{"cat", "dog"},
			labels:   []int{1, 0, 1},
			features: []string{"len", "width"},
			x:        []float64{1.5, 2, 3, 0.4, 5, 6},
		},
		{
			name:    "no header, string labels, first seen",
			text:    "1,2,dog\n3,4,cat\n",
			opts:    datasets.CSVOptions{LabelOrder: datasets.FirstSeen},
			classes: []string{"dog", "cat"},
			labels:  []int{0, 1},
			x:       []float64{1, 2, 3, 4},
		},
		{
			name:    "integer labels sort numerically",
			text:    "0.5,10\n0.1,2\n0.2,-1\n0.3,2\n",
			classes: []string{"-1", "2", "10"},
			labels:  []int{2, 1, 0, 1},
			x:       []float64{0.5, 0.1, 0.2, 0.3},
		},
		{
			name:    "semicolons and spaces",
			text:    "1; 2; a\n 3;4;b\n",
			opts:    datasets.CSVOptions{Comma: ';'},
			classes: []string{"a", "b"},
			labels:  []int{0, 1},
			x:       []float64{1, 2, 3, 4},
		},
	}
	for _, c := range cases {
		d, err := datasets.ReadCSV(strings.NewReader(c.text), "test.csv", c.opts)
		if err != nil {
			t.Errorf("%s: %v", c.name, err)
			continue
		}
		if strings.Join(d.Classes, "|") != strings.Join(c.classes, "|") {
			t.Errorf("%s: classes %q, want %q", c.name, d.Classes, c.classes)
		}
		if len(d.Labels) != len(c.labels) {
			t.Errorf("%s: labels %v, want %v", c.name, d.Labels, c.labels)
		}
		for i := range c.labels {
			if d.Labels[i] != c.labels[i] {
				t.Errorf("%s: labels %v, want %v", c.name, d.Labels, c.labels)
				break
			}
		}
		if strings.Join(d.Features, "|") != strings.Join(c.features, "|") {
			t.Errorf("%s: features %q, want %q", c.name, d.Features, c.features)
		}
		if !equal(d.X.RawMatrix().Data, c.x) {
			t.Errorf("%s: X = %v, want %v", c.name, d.X.RawMatrix().Data, c.x)
		}
	}
}

func TestReadCSVErrors(t *testing.T) {
	cases := []struct {
		name, text, want string
	}{
		{"ragged", "1,2,a\n3,b\n", "test.csv:2:"},
		{"typo in the first row", "1,oops,a\n3,4,b\n", "test.csv:1:3:"},
		{"not a number", "x,y,c\n1,2,a\n3,oops,b\n", "test.csv:3:3:"},
		{"NaN", "1,NaN,a\n", "test.csv:1:"},
		{"one column", "a\nb\n", "test.csv:1:"},
		{"empty label", "1,2,a\n3,4,\n", "test.csv:2:"},
		{"no rows", "# nothing\nx,y,c\n", "no data rows"},
	}
	for _, c := range cases {
		_, err := datasets.ReadCSV(strings.NewReader(c.text), "test.csv", datasets.CSVOptions{})
		if err == nil || !strings.Contains(err.Error(), c.want) {
			t.Errorf("%s: error %v, want one containing %q", c.name, err, c.want)
		} else {
			t.Logf("%s: %v", c.name, err)
		}
	}
	if _, err := datasets.ReadCSVFile("testdata/does-not-exist.csv", datasets.CSVOptions{}); err == nil {
		t.Error("missing file: no error")
	}
}

// TestReadCSVFile reads testdata/xor.csv, the XOR truth table with a
// header, and compares it with XOR().
func TestReadCSVFile(t *testing.T) {
	d, err := datasets.ReadCSVFile("testdata/xor.csv", datasets.CSVOptions{})
	if err != nil {
		t.Fatal(err)
	}
	want := datasets.XOR()
	if !mat.Equal(d.X, want.X) || fmt.Sprint(d.Labels) != fmt.Sprint(want.Labels) || fmt.Sprint(d.Classes) != fmt.Sprint(want.Classes) {
		t.Errorf("read %v %v %v, want %v %v %v", d.X.RawMatrix().Data, d.Labels, d.Classes, want.X.RawMatrix().Data, want.Labels, want.Classes)
	}
	if fmt.Sprint(d.Features) != "[x1 x2]" {
		t.Errorf("features %v", d.Features)
	}
}

// TestSplit: a stratified 30 % split of Iris takes round(0.3 * 50) = 15 of
// each species for testing; the sets are disjoint, cover the data, and
// depend on the seed alone.
func TestSplit(t *testing.T) {
	d := datasets.Iris()
	train, test, err := datasets.Split(d, 0.3, true, 1)
	if err != nil {
		t.Fatal(err)
	}
	if c := test.Counts(); c[0] != 15 || c[1] != 15 || c[2] != 15 {
		t.Errorf("test counts %v, want 15 each", c)
	}
	if c := train.Counts(); c[0] != 35 || c[1] != 35 || c[2] != 35 {
		t.Errorf("train counts %v, want 35 each", c)
	}
	// Every row of d appears exactly once in train or test: compare the
	// multisets of rows (Iris has one duplicated flower, row 143 = 102).
	seen := map[[5]float64]int{}
	key := func(x []float64, l int) [5]float64 { return [5]float64{x[0], x[1], x[2], x[3], float64(l)} }
	for i := 0; i < d.Len(); i++ {
		seen[key(d.X.RawRowView(i), d.Labels[i])]++
	}
	for _, s := range []datasets.Dataset{train, test} {
		for i := 0; i < s.Len(); i++ {
			seen[key(s.X.RawRowView(i), s.Labels[i])]--
		}
	}
	for k, v := range seen {
		if v != 0 {
			t.Errorf("row %v: count off by %d", k, v)
		}
	}
	_, test2, _ := datasets.Split(d, 0.3, true, 1)
	if !mat.Equal(test.X, test2.X) {
		t.Error("the same seed gives different splits")
	}
	_, test3, _ := datasets.Split(d, 0.3, true, 2)
	if mat.Equal(test.X, test3.X) {
		t.Error("seeds 1 and 2 give the same split")
	}
	_, plain, err := datasets.Split(d, 0.3, false, 1)
	if err != nil || plain.Len() != 45 {
		t.Errorf("unstratified: %d test samples (%v), want 45", plain.Len(), err)
	}
	for _, f := range []float64{0, 1, -0.1, math.NaN()} {
		if _, _, err := datasets.Split(d, f, true, 1); err == nil {
			t.Errorf("fraction %v: no error", f)
		}
	}
	if _, _, err := datasets.Split(datasets.AND(), 0.1, false, 1); err == nil {
		t.Error("a split leaving no test sample: no error")
	}
}

// TestStandardizer: after fitting, the training columns have mean 0 and
// population standard deviation 1 (to rounding); a constant column is
// centred and left unscaled; the test set is transformed with the
// training statistics.
func TestStandardizer(t *testing.T) {
	const tol = 1e-12 // rounding of sums of 150 values of order 1
	d := datasets.Iris()
	s := datasets.FitStandardizer(d.X)
	z := s.Transform(d.X)
	for j := 0; j < 4; j++ {
		m, sd := meanStd(mat.Col(nil, j, z))
		if math.Abs(m) > tol || math.Abs(sd-1) > tol {
			t.Errorf("column %d: mean %g, sd %g after standardising", j, m, sd)
		}
	}
	if math.Abs(s.Mean[1]-458.6/150) > tol {
		t.Errorf("mean of sepal width %v, want %v", s.Mean[1], 458.6/150)
	}
	c := mat.NewDense(3, 1, []float64{2, 2, 2})
	sc := datasets.FitStandardizer(c)
	if sc.Scale[0] != 1 || sc.Transform(c).At(0, 0) != 0 {
		t.Errorf("constant column: scale %v, value %v", sc.Scale[0], sc.Transform(c).At(0, 0))
	}
}

func TestTargets(t *testing.T) {
	d := datasets.Iris()
	oh := d.OneHot()
	for i := 0; i < d.Len(); i++ {
		for k := 0; k < 3; k++ {
			want := 0.0
			if k == d.Labels[i] {
				want = 1
			}
			if oh.At(i, k) != want {
				t.Fatalf("one-hot row %d = %v, label %d", i, oh.RawRowView(i), d.Labels[i])
			}
		}
	}
	x := datasets.XOR().Column()
	if !equal(x.RawMatrix().Data, []float64{0, 1, 1, 0}) {
		t.Errorf("XOR column %v", x.RawMatrix().Data)
	}
}
