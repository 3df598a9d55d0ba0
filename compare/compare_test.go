package compare

import (
	"bytes"
	"context"
	"encoding/csv"
	"encoding/json"
	"math"
	"slices"
	"strconv"
	"strings"
	"testing"

	"gonum.org/v1/gonum/floats/scalar"

	"gospike/ann"
)

// xorConfig is the XOR comparison of scenarios/examples/xor_snn.toml: a
// 2-8-2 ReLU/softmax network, which learns XOR at every seed 1..5 tried.
var xorConfig = Config{Dataset: "xor", Seed: 1, Hidden: []int{8}, Epochs: 200, BatchSize: 4, LearningRate: 0.1}

// TestXOR: the MLP learns XOR (the requirement for the MLP) and
// the converted SNN classifies all four points, with either input coding.
func TestXOR(t *testing.T) {
	for _, input := range InputCodings {
		c := xorConfig
		c.Input = input
		r, err := Run(context.Background(), c)
		if err != nil {
			t.Fatal(err)
		}
		if r.ANNAccuracy != 1 || !slices.Equal(r.ANN, r.Labels) {
			t.Errorf("%s: ANN classes %v, want %v", input, r.ANN, r.Labels)
		}
		if r.SNNAccuracy != 1 || !slices.Equal(r.SNNOut, r.Labels) {
			t.Errorf("%s: SNN classes %v, want %v", input, r.SNNOut, r.Labels)
		}
		t.Logf("%s: SNN accuracy by time %+v", input, r.ByTime)
		// The cost read out over time grows, and at the end it is the
		// whole run's (counted another way, from per-neuron counts).
		for i := 1; i < len(r.ByTime); i++ {
			if r.ByTime[i].Spikes < r.ByTime[i-1].Spikes || r.ByTime[i].Events < r.ByTime[i-1].Events {
				t.Errorf("%s: cost falls from %+v to %+v", input, r.ByTime[i-1], r.ByTime[i])
			}
		}
		const tol = 1e-12 // sums of a few hundred integers over 4, in another order
		last, s := r.ByTime[len(r.ByTime)-1], r.Summary()
		if !scalar.EqualWithinRel(last.Spikes, s.SNNSpikesPerSample, tol) || !scalar.EqualWithinRel(last.Events, s.SNNSynapticEventsPerSample, tol) {
			t.Errorf("%s: at the end %v spikes and %v events per sample, the run had %v and %v", input, last.Spikes, last.Events, s.SNNSpikesPerSample, s.SNNSynapticEventsPerSample)
		}
	}
}

// Thresholds of the issue ("What must hold"): on Iris with a fixed seed
// the MLP's test accuracy is at least 0.93, the converted SNN's is within
// 0.03 of it at 1 s of simulated time, and the two agree on at least 0.95
// of the test samples.
const (
	irisANNAccuracy = 0.93
	irisSNNGap      = 0.03
	irisAgreement   = 0.95
)

// irisConfig is scenarios/examples/iris_snn.toml: 70/30 stratified split
// (45 test samples, as ann's own Iris test), min-max features, 4-16-3.
var irisConfig = Config{Dataset: "iris", TestFraction: 0.3, Seed: 1, Hidden: []int{16}, Duration: 1000}

// TestIris checks the three requirements for both input codings
// (the default, current, and Poisson spike trains) at seed 1; and, so
// that seed 1 is no lucky draw, for the default coding at seeds 1..10
// (each its own split, initial weights and minibatch order): the mean
// ANN accuracy reaches the threshold, and the SNN meets the other two at
// every seed.
func TestIris(t *testing.T) {
	var sum float64
	const seeds = 10
	for seed := uint64(1); seed <= seeds; seed++ {
		c := irisConfig
		c.Seed = seed
		r, err := Run(context.Background(), c)
		if err != nil {
			t.Fatal(err)
		}
		sum += r.ANNAccuracy
		t.Logf("seed %2d: ANN %.4f, SNN %.4f, agreement %.4f", seed, r.ANNAccuracy, r.SNNAccuracy, r.Agreement)
		if math.Abs(r.SNNAccuracy-r.ANNAccuracy) > irisSNNGap || r.Agreement < irisAgreement {
			t.Errorf("seed %d: SNN accuracy %.4f, ANN %.4f, agreement %.4f", seed, r.SNNAccuracy, r.ANNAccuracy, r.Agreement)
		}
	}
	if mean := sum / seeds; mean < irisANNAccuracy {
		t.Errorf("mean ANN test accuracy over seeds 1..%d: %.4f < %.2f", seeds, mean, irisANNAccuracy)
	}

	for _, input := range InputCodings {
		c := irisConfig
		c.Input = input
		r, err := Run(context.Background(), c)
		if err != nil {
			t.Fatal(err)
		}
		if r.Config.Duration != 1000 || r.ByTime[len(r.ByTime)-1].Time != 1000 {
			t.Fatalf("read out at %v ms, not 1 s", r.ByTime[len(r.ByTime)-1].Time)
		}
		t.Logf("%s: %d test samples: ANN %.4f, SNN %.4f at 1 s, agreement %.4f; by time %+v", input, len(r.Labels), r.ANNAccuracy, r.SNNAccuracy, r.Agreement, r.ByTime)
		if r.ANNAccuracy < irisANNAccuracy {
			t.Errorf("%s: ANN test accuracy %.4f < %.2f", input, r.ANNAccuracy, irisANNAccuracy)
		}
		if math.Abs(r.SNNAccuracy-r.ANNAccuracy) > irisSNNGap {
			t.Errorf("%s: SNN accuracy %.4f is more than %.2f from the ANN's %.4f", input, r.SNNAccuracy, irisSNNGap, r.ANNAccuracy)
		}
		if r.Agreement < irisAgreement {
			t.Errorf("%s: agreement %.4f < %.2f", input, r.Agreement, irisAgreement)
		}
	}
}

// comparisonJSON returns comparison.json of a run without its wall-clock
// fields (*_seconds).
func comparisonJSON(t *testing.T, c Config) map[string]any {
	t.Helper()
	r, err := Run(context.Background(), c)
	if err != nil {
		t.Fatal(err)
	}
	var buf bytes.Buffer
	if err := r.WriteJSON(&buf); err != nil {
		t.Fatal(err)
	}
	var m map[string]any
	if err := json.Unmarshal(buf.Bytes(), &m); err != nil {
		t.Fatal(err)
	}
	for k := range m {
		if strings.HasSuffix(k, "_seconds") {
			delete(m, k)
		}
	}
	return m
}

// TestSameSeedSameJSON: two runs with the same seed give the same
// comparison.json, wall-clock fields aside (the requirement),
// whatever the number of threads; another seed gives another one.
// Poisson input, so that the input spike trains are part of it.
func TestSameSeedSameJSON(t *testing.T) {
	c := irisConfig
	c.Input = Poisson
	c.Duration = 200
	c.Threads = 1
	a := comparisonJSON(t, c)
	c.Threads = 3
	b := comparisonJSON(t, c)
	ja, _ := json.Marshal(a)
	jb, _ := json.Marshal(b)
	if !bytes.Equal(ja, jb) {
		t.Errorf("two runs with seed %d differ:\n%s\n%s", c.Seed, ja, jb)
	}
	for _, k := range []string{"ann_accuracy", "snn_accuracy", "agreement", "snn_accuracy_by_time", "snn_spikes_per_sample"} {
		if _, ok := a[k]; !ok {
			t.Errorf("comparison.json has no %s", k)
		}
	}
	c.Seed = 2
	d := comparisonJSON(t, c)
	jd, _ := json.Marshal(d)
	if bytes.Equal(ja, jd) {
		t.Error("seeds 1 and 2 gave the same comparison.json")
	}
}

// TestCSV: comparison.csv has one row per test sample, whose SNN class
// agrees with its spike counts (the most spikes; the counts are those of
// the whole run).
func TestCSV(t *testing.T) {
	r, err := Run(context.Background(), xorConfig)
	if err != nil {
		t.Fatal(err)
	}
	var buf bytes.Buffer
	if err := r.WriteCSV(&buf); err != nil {
		t.Fatal(err)
	}
	rows, err := csv.NewReader(&buf).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	want := []string{"sample", "true_label", "ann_class", "snn_class", "spikes_0", "spikes_1"}
	if !slices.Equal(rows[0], want) {
		t.Fatalf("header %v, want %v", rows[0], want)
	}
	if len(rows) != 1+len(r.Labels) {
		t.Fatalf("%d rows for %d samples", len(rows)-1, len(r.Labels))
	}
	for k, row := range rows[1:] {
		if row[1] != r.Data.Test.Classes[r.Labels[k]] || row[3] != r.className(r.SNNOut[k]) {
			t.Errorf("row %d: %v", k, row)
		}
		n0, err0 := strconv.Atoi(row[4])
		n1, err1 := strconv.Atoi(row[5])
		if err0 != nil || err1 != nil {
			t.Fatalf("row %d: %v", k, row)
		}
		if want := map[bool]string{true: "0", false: "1"}[n0 > n1]; n0 != n1 && row[3] != want {
			t.Errorf("row %d: SNN class %s, spikes %d and %d", k, row[3], n0, n1)
		}
	}
}

// TestValidate: settings that cannot work are refused with the reason.
func TestValidate(t *testing.T) {
	tests := []struct {
		name string
		c    Config
		msg  string
	}{
		{"xor with a test set", Config{Dataset: "xor", TestFraction: 0.5}, "four samples"},
		{"test fraction", Config{Dataset: "iris", TestFraction: 1}, "test fraction"},
		{"poisson needs rates", Config{Dataset: "iris", Scaling: Standard, Input: Poisson}, "poisson input needs features >= 0"},
		{"rate per step", Config{Dataset: "iris", Input: Poisson, MaxRate: 20000}, "more than one spike per step"},
		{"percentile", Config{Dataset: "iris", Percentile: 101}, "percentile"},
		{"report time", Config{Dataset: "iris", ReportTimes: []float64{5, 2000}}, "report time 2000 ms"},
		{"report order", Config{Dataset: "iris", ReportTimes: []float64{50, 20}}, "must increase"},
		{"delta with tau", Config{Dataset: "iris", Synapse: Delta, TauSyn: 2}, "no time constant"},
		{"cross-entropy linear", Config{Dataset: "iris", Output: ann.Linear, Loss: ann.CrossEntropy}, "cross-entropy needs a softmax"},
	}
	for _, tc := range tests {
		err := tc.c.Defaults().Validate()
		if err == nil || !strings.Contains(err.Error(), tc.msg) || !strings.HasPrefix(err.Error(), "compare: ") {
			t.Errorf("%s: error %v, want one containing %q", tc.name, err, tc.msg)
		}
	}
	if err := irisConfig.Defaults().Validate(); err != nil {
		t.Errorf("iris: %v", err)
	}
}
