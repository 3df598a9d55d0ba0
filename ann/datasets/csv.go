package datasets

import (
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"math"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"

	"gonum.org/v1/gonum/mat"
)

// LabelOrder says how class labels read from a file become class indices.
type LabelOrder int

const (
	// Sorted numbers the distinct labels in increasing order: numerically
	// when every label is an integer ("2" before "10"), otherwise by
	// byte-wise string comparison. It is scikit-learn's LabelEncoder
	// order, and maps integer labels 0..K-1 to themselves.
	Sorted LabelOrder = iota
	// FirstSeen numbers the labels in the order they first appear in the
	// file.
	FirstSeen
)

// CSVOptions sets how ReadCSV reads a file.
type CSVOptions struct {
	LabelOrder LabelOrder
	Comma      rune // field separator; 0 means ','
}

// ReadCSVFile reads a classification data set from the CSV file at path;
// see ReadCSV.
func ReadCSVFile(path string, opts CSVOptions) (Dataset, error) {
	f, err := os.Open(path)
	if err != nil {
		return Dataset{}, fmt.Errorf("datasets: %w", err)
	}
	defer f.Close()
	return ReadCSV(f, filepath.Base(path), opts)
}

// ReadCSV reads a classification data set: one sample per line, its
// features (numbers) then its class label (any text, e.g. "setosa" or
// "2") in the last column. Lines starting with '#' are comments. The first
// line is a header, giving the feature names, if none of its feature
// fields is a number; otherwise it is data (so a typo in the first data
// row is reported, not taken for a header). Labels become class
// indices in opts.LabelOrder. Errors name the file (name) and line.
func ReadCSV(r io.Reader, name string, opts CSVOptions) (Dataset, error) {
	cr := csv.NewReader(r)
	cr.Comment = '#'
	cr.TrimLeadingSpace = true
	cr.FieldsPerRecord = -1
	if opts.Comma != 0 {
		cr.Comma = opts.Comma
	}
	var (
		d      Dataset
		x      []float64
		labels []string
		cols   int
	)
	for first := true; ; first = false {
		rec, err := cr.Read()
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			return Dataset{}, fmt.Errorf("datasets: %s: %w", name, err)
		}
		line, _ := cr.FieldPos(0)
		if cols == 0 {
			cols = len(rec)
			if cols < 2 {
				return Dataset{}, fmt.Errorf("datasets: %s:%d: %d column: need features then a label column", name, line, cols)
			}
		}
		if len(rec) != cols {
			return Dataset{}, fmt.Errorf("datasets: %s:%d: %d columns, the first line has %d", name, line, len(rec), cols)
		}
		if first && isHeader(rec[:cols-1]) {
			for _, f := range rec[:cols-1] {
				d.Features = append(d.Features, strings.TrimSpace(f))
			}
			continue
		}
		for j, f := range rec[:cols-1] {
			v, err := strconv.ParseFloat(strings.TrimSpace(f), 64)
			if err != nil || math.IsNaN(v) || math.IsInf(v, 0) {
				_, col := cr.FieldPos(j)
				return Dataset{}, fmt.Errorf("datasets: %s:%d:%d: feature %d is %q: want a finite number", name, line, col, j+1, f)
			}
			x = append(x, v)
		}
		label := strings.TrimSpace(rec[cols-1])
		if label == "" {
			return Dataset{}, fmt.Errorf("datasets: %s:%d: empty class label in the last column", name, line)
		}
		labels = append(labels, label)
	}
	if len(labels) == 0 {
		return Dataset{}, fmt.Errorf("datasets: %s: no data rows", name)
	}
	d.X = mat.NewDense(len(labels), cols-1, x)
	d.Classes = classNames(labels, opts.LabelOrder)
	index := make(map[string]int, len(d.Classes))
	for i, c := range d.Classes {
		index[c] = i
	}
	d.Labels = make([]int, len(labels))
	for i, l := range labels {
		d.Labels[i] = index[l]
	}
	return d, nil
}

// isHeader reports whether none of the feature fields is a number.
func isHeader(fields []string) bool {
	for _, f := range fields {
		if _, err := strconv.ParseFloat(strings.TrimSpace(f), 64); err == nil {
			return false
		}
	}
	return true
}

// classNames returns the distinct labels in the given order.
func classNames(labels []string, order LabelOrder) []string {
	var names []string
	seen := make(map[string]bool)
	for _, l := range labels {
		if !seen[l] {
			seen[l] = true
			names = append(names, l)
		}
	}
	if order == FirstSeen {
		return names
	}
	ints := make(map[string]int64, len(names))
	for _, n := range names {
		v, err := strconv.ParseInt(n, 10, 64)
		if err != nil {
			slices.Sort(names)
			return names
		}
		ints[n] = v
	}
	slices.SortFunc(names, func(a, b string) int {
		switch {
		case ints[a] < ints[b]:
			return -1
		case ints[a] > ints[b]:
			return 1
		}
		return strings.Compare(a, b)
	})
	return names
}
