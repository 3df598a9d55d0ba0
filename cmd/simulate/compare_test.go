package main

import (
	"encoding/json"
	"os"
	"path/filepath"
	"reflect"
	"slices"
	"strings"
	"testing"
)

// readJSON reads a JSON object, without its wall-clock fields (*_seconds).
func readJSON(t *testing.T, path string) map[string]any {
	t.Helper()
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	var m map[string]any
	if err := json.Unmarshal(data, &m); err != nil {
		t.Fatal(err)
	}
	for k := range m {
		if strings.HasSuffix(k, "_seconds") {
			delete(m, k)
		}
	}
	return m
}

// TestComparisonRun: `simulate run` on a comparison scenario writes
// comparison.json, comparison.csv and transfer_functions.csv beside the
// usual spikes.csv and summary.json (which lists them all), and two runs
// with the same seed give the same comparison.json, wall-clock fields
// aside (the requirement).
func TestComparisonRun(t *testing.T) {
	file := "../../scenarios/examples/xor_snn.toml"
	dirs := []string{filepath.Join(t.TempDir(), "a"), filepath.Join(t.TempDir(), "b")}
	for _, out := range dirs {
		code, stdout, stderr := simulate(t, "run", "-q", "-no-plots", "-out", out, file)
		if code != exitOK {
			t.Fatalf("exit %d: %s", code, stderr)
		}
		if !strings.Contains(stdout, "SNN  test accuracy 1.0000") {
			t.Errorf("stdout:\n%s", stdout)
		}
	}
	a, b := readJSON(t, filepath.Join(dirs[0], "comparison.json")), readJSON(t, filepath.Join(dirs[1], "comparison.json"))
	if !reflect.DeepEqual(a, b) {
		t.Errorf("two runs with the same seed differ:\n%v\n%v", a, b)
	}
	if a["ann_accuracy"] != 1.0 || a["snn_accuracy"] != 1.0 || a["agreement"] != 1.0 {
		t.Errorf("comparison.json: %v", a)
	}
	sum := readJSON(t, filepath.Join(dirs[0], "summary.json"))
	var files []string
	for _, f := range sum["files"].([]any) {
		files = append(files, f.(string))
	}
	want := []string{"comparison.csv", "comparison.json", "spikes.csv", "summary.json", "transfer_functions.csv"}
	if !slices.Equal(files, want) {
		t.Errorf("summary.json lists %v, want %v", files, want)
	}
	for _, f := range want {
		if _, err := os.Stat(filepath.Join(dirs[0], f)); err != nil {
			t.Error(err)
		}
	}
	// spikes.csv is the SNN on the raster sample: (0, 1) drives input 1 only.
	spikes := readTable(t, filepath.Join(dirs[0], "spikes.csv"))
	pops := map[string]bool{}
	for i, p := range spikes["population"] {
		pops[p] = true
		if p == "input" && spikes["neuron"][i] != "1" {
			t.Fatalf("input neuron %s fired for the sample (0, 1)", spikes["neuron"][i])
		}
	}
	if !pops["input"] || !pops["hidden1"] || !pops["output"] {
		t.Errorf("spikes.csv populations %v", pops)
	}

	code, stdout, stderr := simulate(t, "check", file)
	if code != exitOK || !strings.Contains(stdout, "ok: comparison on data set xor") {
		t.Errorf("check: exit %d, %s%s", code, stdout, stderr)
	}
}
