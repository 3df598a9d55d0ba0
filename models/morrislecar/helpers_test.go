package morrislecar

import (
	"bufio"
	"encoding/csv"
	"math"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"gospike/neuron"
)

// Rate window and spike-count rule of the reference data (ml_scipy.py:
// T0, T1 = 1000, 6000; common.py window_rate): spikes in [1000, 6000) ms,
// rate 0 when fewer than 2.
const (
	windowStart = 1000.0 // ms
	windowEnd   = 6000.0 // ms
)

// table is a reference CSV of testdata/: its comment lines and its columns.
type table struct {
	comments []string
	cols     map[string][]float64
	rows     int
}

// readTable reads testdata/name, written by common.py's write_csv: '#'
// comment lines, a header, then numbers (blank cells are NaN).
func readTable(t testing.TB, name string) table {
	t.Helper()
	f, err := os.Open(filepath.Join("testdata", name))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	var tab table
	var body strings.Builder
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		if line := sc.Text(); strings.HasPrefix(line, "#") {
			tab.comments = append(tab.comments, strings.TrimSpace(strings.TrimPrefix(line, "#")))
		} else {
			body.WriteString(line + "\n")
		}
	}
	if err := sc.Err(); err != nil {
		t.Fatal(err)
	}
	recs, err := csv.NewReader(strings.NewReader(body.String())).ReadAll()
	if err != nil {
		t.Fatalf("%s: %v", name, err)
	}
	tab.cols = map[string][]float64{}
	for _, r := range recs[1:] {
		for j, h := range recs[0] {
			x := math.NaN()
			if r[j] != "" {
				if x, err = strconv.ParseFloat(r[j], 64); err != nil {
					t.Fatalf("%s: column %s: %v", name, h, err)
				}
			}
			tab.cols[h] = append(tab.cols[h], x)
		}
	}
	tab.rows = len(recs) - 1
	return tab
}

// col returns a column, failing the test if it is missing.
func (tab table) col(t testing.TB, name string) []float64 {
	t.Helper()
	c, ok := tab.cols[name]
	if !ok {
		t.Fatalf("reference table has no column %q", name)
	}
	return c
}

// windowRates is what ml_scipy.py records per neuron: the number of spikes
// in [windowStart, windowEnd), the rate by count (n / 5 s) and the rate by
// mean inter-spike interval, both 0 when fewer than 2 spikes.
type windowRates struct {
	n          []int
	countRate  []float64 // Hz
	isiRate    []float64 // Hz
	first, end []float64 // first and last spike time in the window
}

func rates(spikes []neuron.Spike, n int) windowRates {
	w := windowRates{n: make([]int, n), countRate: make([]float64, n), isiRate: make([]float64, n),
		first: make([]float64, n), end: make([]float64, n)}
	for _, s := range spikes {
		if s.Time < windowStart || s.Time >= windowEnd {
			continue
		}
		if w.n[s.Neuron] == 0 {
			w.first[s.Neuron] = s.Time
		}
		w.end[s.Neuron] = s.Time
		w.n[s.Neuron]++
	}
	for i, k := range w.n {
		if k >= 2 {
			w.countRate[i] = float64(k) / ((windowEnd - windowStart) / 1000)
			w.isiRate[i] = 1000 * float64(k-1) / (w.end[i] - w.first[i])
		}
	}
	return w
}

// runDC steps a population of the named preset, one neuron per current,
// from its zero-current rest for 6000 ms, as ml_scipy.py does.
func runDC(t testing.TB, preset, method string, dt float64, currents []float64) windowRates {
	t.Helper()
	m := Model{}
	vals, err := neuron.Resolve(m, preset, nil, len(currents))
	if err != nil {
		t.Fatal(err)
	}
	pop, err := m.New(len(currents), vals)
	if err != nil {
		t.Fatal(err)
	}
	spikes, err := neuron.DCRun{Pop: pop, Method: method, Dt: dt, Duration: windowEnd, DC: currents}.Run(m.Vars())
	if err != nil {
		t.Fatal(err)
	}
	return rates(spikes, len(currents))
}
