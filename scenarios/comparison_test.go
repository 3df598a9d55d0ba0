package scenarios

import (
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
)

// checkComparison checks the invariants of an accepted [comparison]
// (FuzzParse calls it on everything the loader accepts).
func checkComparison(t *testing.T, sc *Scenario) {
	t.Helper()
	c := sc.Comparison
	if c == nil {
		return
	}
	if len(sc.Populations)+len(sc.Stimuli)+len(sc.Projections)+len(sc.Records) != 0 {
		t.Fatalf("a comparison with populations, stimuli, projections or records: %+v", sc)
	}
	if c.Dataset == "" || c.TestFraction < 0 || c.TestFraction >= 1 || c.Samples < 0 || c.Noise < 0 || c.Factor < 0 || c.Factor >= 1 {
		t.Fatalf("comparison data %+v", c)
	}
	for i, x := range c.ReportTimes {
		if !(x > 0 && x <= sc.Simulation.Duration) || i > 0 && !(x > c.ReportTimes[i-1]) {
			t.Fatalf("report times %v for a duration of %v ms", c.ReportTimes, sc.Simulation.Duration)
		}
	}
	for _, h := range c.Hidden {
		if h < 1 {
			t.Fatalf("hidden layers %v", c.Hidden)
		}
	}
	if c.Epochs < 0 || c.BatchSize < 0 || c.LearningRate < 0 || c.Momentum < 0 || c.Momentum >= 1 ||
		c.MaxRate < 0 || c.Percentile < 0 || c.Percentile > 100 || c.TauSyn < 0 || c.TauM < 0 || c.TRef < 0 || c.RasterSample < 0 {
		t.Fatalf("comparison settings %+v", c)
	}
	if c.Synapse == "delta" && c.TauSyn != 0 || c.Input == "poisson" && c.Scaling == "standard" || c.Output == "linear" && c.Loss == "cross-entropy" {
		t.Fatalf("comparison settings that do not go together: %+v", c)
	}
}

// TestComparisonExamples: the example comparisons load, with the values
// their files give (iris_snn.toml written out in full) and nothing else.
func TestComparisonExamples(t *testing.T) {
	sc, err := Load("examples/iris_snn.toml", nil)
	if err != nil {
		t.Fatal(err)
	}
	want := &Comparison{
		Dataset: "iris", TestFraction: 0.3, Scaling: "minmax",
		ReportTimes:  []float64{2, 5, 10, 20, 50, 100, 200, 500},
		RasterSample: 20,
		Hidden:       []int{16}, Output: "softmax", Loss: "cross-entropy", Epochs: 200, BatchSize: 16, LearningRate: 0.05,
		Momentum: 0.9, HasMomentum: true,
		Input: "current", MaxRate: 1000, Percentile: 99.9, Synapse: "exp-current", TauSyn: 1,
	}
	if !reflect.DeepEqual(sc.Comparison, want) {
		t.Errorf("iris comparison\n%+v, want\n%+v", sc.Comparison, want)
	}
	if sc.Simulation.Duration != 1000 || sc.Simulation.Dt != 0.1 || sc.Simulation.Seed != 1 || len(sc.Populations) != 0 {
		t.Errorf("simulation %+v, %d populations", sc.Simulation, len(sc.Populations))
	}
	for _, f := range []string{"examples/xor_snn.toml", "examples/moons_snn.toml"} {
		sc, err := Load(f, nil)
		if err != nil {
			t.Fatal(err)
		}
		checkComparison(t, sc)
	}
	// -set reaches into the section.
	sc, err = Load("examples/moons_snn.toml", []string{"comparison.mlp.hidden=[8]", "comparison.conversion.max_rate=500 Hz"})
	if err != nil {
		t.Fatal(err)
	}
	if c := sc.Comparison; !reflect.DeepEqual(c.Hidden, []int{8}) || c.MaxRate != 500 || c.Dataset != "moons" || c.Samples != 200 || c.Noise != 0.15 {
		t.Errorf("moons with overrides: %+v", c)
	}
}

// TestComparisonCSV: a CSV data set is found relative to the scenario
// file, read at load time (its problems are the scenario's), and its
// class sizes bound raster_sample.
func TestComparisonCSV(t *testing.T) {
	dir := t.TempDir()
	// 3 samples of each of two classes: a 0.5 test fraction draws 2 per
	// class (round(1.5) = 2), so test samples 0..3.
	data := "x,y,label\n0,0,a\n0,1,a\n1,0,a\n5,5,b\n5,6,b\n6,5,b\n"
	if err := os.WriteFile(filepath.Join(dir, "points.csv"), []byte(data), 0o644); err != nil {
		t.Fatal(err)
	}
	file := filepath.Join(dir, "cmp.toml")
	src := "[simulation]\nduration = \"100 ms\"\ndt = \"0.1 ms\"\n[comparison]\ndataset = \"points.csv\"\ntest_fraction = 0.5\nraster_sample = 3\n"
	if err := os.WriteFile(file, []byte(src), 0o644); err != nil {
		t.Fatal(err)
	}
	sc, err := Load(file, nil)
	if err != nil {
		t.Fatal(err)
	}
	if got := sc.Comparison.Dataset; got != filepath.Join(dir, "points.csv") {
		t.Errorf("dataset %q", got)
	}
	_, err = Load(file, []string{"comparison.raster_sample=4"})
	if err == nil || !strings.Contains(err.Error(), "comparison.raster_sample = 4: must be from 0 to 3") {
		t.Errorf("raster sample 4 of 4 test samples: %v", err)
	}
	if err := os.WriteFile(filepath.Join(dir, "points.csv"), []byte("x,label\n1,a\nz,a\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	_, err = Load(file, nil)
	if err == nil || !strings.Contains(err.Error(), "cmp.toml:5:11: comparison.dataset = \"points.csv\": ") || !strings.Contains(err.Error(), "points.csv") {
		t.Errorf("a broken CSV file: %v", err)
	}
}

// TestComparisonBad: each broken section gives its problem at its place,
// with what is expected.
func TestComparisonBad(t *testing.T) {
	const head = "[simulation]\nduration = \"1000 ms\"\ndt = \"0.1 ms\"\n[comparison]\n" // lines 1-4
	tests := []struct {
		name, body string
		at, msg    string
	}{
		{"no dataset", "test_fraction = 0.3\n", "4:1", `comparison.dataset: missing; e.g. dataset = "iris"`},
		{"unknown dataset", "dataset = \"iriss\"\n", "5:11", `comparison.dataset = "iriss": unknown data set (did you mean "iris"?); known: "xor", "and", "or", "iris", "moons", "circles", or the path of a .csv file`},
		{"missing csv", "dataset = \"nowhere.csv\"\n", "5:11", `comparison.dataset = "nowhere.csv": `},
		{"xor has no test set", "dataset = \"xor\"\ntest_fraction = 0.3\n", "6:17", `comparison.test_fraction = 0.3: data set "xor" has four samples, which are both the training and the test set; remove test_fraction`},
		{"test fraction", "dataset = \"iris\"\ntest_fraction = 1.5\n", "6:17", "a fraction of the samples is between 0 and 1"},
		{"factor of moons", "dataset = \"moons\"\nfactor = 0.5\n", "6:1", `comparison.factor: applies to "circles" only, not to data set "moons"`},
		{"unknown key", "dataset = \"iris\"\n[comparison.mlp]\nhiden = [16]\n", "7:1", `comparison.mlp.hiden: unknown key (did you mean "hidden"?); [comparison.mlp] takes hidden, output, loss, epochs, batch_size, learning_rate, momentum`},
		{"hidden size", "dataset = \"iris\"\n[comparison.mlp]\nhidden = [16, 0]\n", "7:15", "comparison.mlp.hidden[1] = 0: must be from 1 to 100000"},
		{"output", "dataset = \"iris\"\n[comparison.mlp]\noutput = \"relu\"\n", "7:10", `comparison.mlp.output = "relu": unknown output activation (the hidden layers are relu); known: "softmax", "linear"`},
		{"loss", "dataset = \"iris\"\n[comparison.mlp]\noutput = \"linear\"\nloss = \"cross-entropy\"\n", "8:8", `cross-entropy needs output = "softmax"`},
		{"rate in ms", "dataset = \"iris\"\n[comparison.conversion]\nmax_rate = \"1000 ms\"\n", "7:12", `comparison.conversion.max_rate = "1000 ms": 1000 ms is a time; expected a frequency (Hz), e.g. max_rate = "1000 Hz"`},
		{"rate per step", "dataset = \"iris\"\n[comparison.conversion]\ninput = \"poisson\"\nmax_rate = \"20 kHz\"\n", "8:12", "is more than one input spike per step of dt = 0.1 ms: at most 10000 Hz"},
		{"poisson needs rates", "dataset = \"iris\"\nscaling = \"standard\"\n[comparison.conversion]\ninput = \"poisson\"\n", "8:9", `poisson input needs features >= 0`},
		{"delta has no tau", "dataset = \"iris\"\n[comparison.conversion]\nsynapse = \"delta\"\ntau_syn = \"1 ms\"\n", "8:1", "comparison.conversion.tau_syn: a delta synapse has no time constant"},
		{"percentile", "dataset = \"iris\"\n[comparison.conversion]\npercentile = 0\n", "7:14", "a percentile is in (0, 100]"},
		{"report after the end", "dataset = \"iris\"\nreport_times = [\"10 ms\", \"2 s\"]\n", "6:26", `comparison.report_times[1] = "2 s": is after the end of a sample's run (simulation.duration = 1000 ms)`},
		{"report order", "dataset = \"iris\"\nreport_times = [\"50 ms\", \"20 ms\"]\n", "6:26", "read-out times must increase: 20 ms is not after 50 ms"},
		{"raster sample", "dataset = \"iris\"\nraster_sample = 45\n", "6:17", "comparison.raster_sample = 45: must be from 0 to 44"},
	}
	for _, tc := range tests {
		_, err := Parse("c.toml", []byte(head+tc.body), nil)
		if err == nil {
			t.Errorf("%s: no error", tc.name)
			continue
		}
		lines := strings.Split(err.Error(), "\n")
		if len(lines) != 1 || !strings.HasPrefix(lines[0], "c.toml:"+tc.at+": ") || !strings.Contains(lines[0], tc.msg) {
			t.Errorf("%s:\n got %v\nwant c.toml:%s: ... %s", tc.name, err, tc.at, tc.msg)
		}
	}

	// Beside [comparison], network tables and a method other than exact
	// are refused.
	src := "[simulation]\nduration = \"10 ms\"\ndt = \"0.1 ms\"\nmethod = \"rk4\"\n[comparison]\ndataset = \"xor\"\n[[population]]\nname = \"p\"\nmodel = \"lif\"\nsize = 1\n"
	_, err := Parse("c.toml", []byte(src), nil)
	want := []string{
		`c.toml:4:10: simulation.method = "rk4": a comparison integrates its integrate-and-fire neurons exactly`,
		`c.toml:7:1: population: a comparison builds its own network from [comparison]; remove the [[population]] tables`,
	}
	if err == nil {
		t.Fatal("no error for a comparison with a population and method rk4")
	}
	lines := strings.Split(err.Error(), "\n")
	if len(lines) < len(want) {
		t.Fatalf("problems:\n%v", err)
	}
	for i, w := range want {
		if !strings.HasPrefix(lines[i], w) {
			t.Errorf("problem %d:\n got %s\nwant %s", i, lines[i], w)
		}
	}
}
