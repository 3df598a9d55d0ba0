package hodgkinhuxley

import (
	"bufio"
	"math"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"gospike/neuron"
)

// readCSV reads a reference CSV from testdata/ (written by the scripts in
// shared/reference/scripts: '#' comment lines, a header, numbers; a blank
// field reads as NaN) into columns by header name.
func readCSV(t testing.TB, name string) map[string][]float64 {
	t.Helper()
	f, err := os.Open(filepath.Join("testdata", name))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	var header []string
	cols := map[string][]float64{}
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		line := strings.TrimSpace(sc.Text())
		if line == "" || strings.HasPrefix(line, "#") {
			continue
		}
		fields := strings.Split(line, ",")
		if header == nil {
			header = fields
			continue
		}
		if len(fields) != len(header) {
			t.Fatalf("%s: %d fields in %q, want %d", name, len(fields), line, len(header))
		}
		for i, s := range fields {
			x := math.NaN()
			if s != "" {
				if x, err = strconv.ParseFloat(s, 64); err != nil {
					t.Fatalf("%s: %v", name, err)
				}
			}
			cols[header[i]] = append(cols[header[i]], x)
		}
	}
	if err := sc.Err(); err != nil {
		t.Fatal(err)
	}
	return cols
}

// runDC runs a population of len(dc) neurons of model m, every neuron under
// its own constant current from rest, and returns each neuron's spike times.
func runDC(t testing.TB, m neuron.Model, params map[string]neuron.Value, method string, dt, duration float64, dc []float64) [][]float64 {
	t.Helper()
	pop, err := m.New(len(dc), params)
	if err != nil {
		t.Fatal(err)
	}
	spikes, err := neuron.DCRun{Pop: pop, Method: method, Dt: dt, Duration: duration, DC: dc}.Run(m.Vars())
	if err != nil {
		t.Fatal(err)
	}
	out := make([][]float64, len(dc))
	for _, s := range spikes {
		out[s.Neuron] = append(out[s.Neuron], s.Time)
	}
	return out
}

// windowRate is common.window_rate of the reference scripts: the spikes in
// [t0, t1) ms, and 1000/mean ISI among them (Hz), 0 with fewer than 2.
func windowRate(spikes []float64, t0, t1 float64) (rateISI float64, count int) {
	var first, last float64
	for _, s := range spikes {
		if s >= t0 && s < t1 {
			if count == 0 {
				first = s
			}
			last = s
			count++
		}
	}
	if count < 2 {
		return 0, count
	}
	// mean of the ISIs = (last - first)/(count - 1)
	return 1000 * float64(count-1) / (last - first), count
}

// maxAbsDiff returns max |a[i] - b[i]|; a and b must have the same length.
func maxAbsDiff(a, b []float64) float64 {
	if len(a) != len(b) {
		panic("maxAbsDiff: lengths differ")
	}
	d := 0.0
	for i := range a {
		d = math.Max(d, math.Abs(a[i]-b[i]))
	}
	return d
}

func linspace(from, to float64, n int) []float64 {
	out := make([]float64, n)
	for i := range out {
		out[i] = from + float64(i)*(to-from)/float64(n-1)
	}
	return out
}
