//go:build unix

package main

import (
	"encoding/json"
	"os"
	"path/filepath"
	"syscall"
	"testing"
	"time"
)

// TestInterrupt: Ctrl-C (SIGINT) stops a run cleanly at a step boundary:
// exit status 130, and what was recorded so far is written, marked
// partial, as the command-line contract says.
func TestInterrupt(t *testing.T) {
	dir := t.TempDir()
	file := filepath.Join(dir, "long.toml")
	// 1000 s of one HH neuron at dt 0.01 ms: 1e8 RK4 steps, minutes of
	// work, so the signal always arrives mid-run.
	os.WriteFile(file, []byte(`[simulation]
duration = "1000 s"
dt = "0.01 ms"
method = "rk4"
[[population]]
name = "hh"
model = "hodgkin-huxley"
size = 1
[[stimulus]]
target = "hh"
kind = "dc"
amplitude = "10 uA/cm^2"
`), 0o644)
	out := filepath.Join(dir, "out")
	go func() {
		time.Sleep(500 * time.Millisecond)
		syscall.Kill(os.Getpid(), syscall.SIGINT)
	}()
	code, _, stderr := simulate(t, "run", "-q", "-no-plots", "-out", out, file)
	if code != exitInterrupted {
		t.Fatalf("exit %d, want %d (stderr: %s)", code, exitInterrupted, stderr)
	}
	var s summary
	data, err := os.ReadFile(filepath.Join(out, "summary.json"))
	if err != nil {
		t.Fatal(err)
	}
	if err := json.Unmarshal(data, &s); err != nil {
		t.Fatal(err)
	}
	if !s.Partial || !(s.SimulatedMs > 0 && s.SimulatedMs < s.DurationMs) {
		t.Errorf("summary: partial %v, simulated %g of %g ms", s.Partial, s.SimulatedMs, s.DurationMs)
	}
}
