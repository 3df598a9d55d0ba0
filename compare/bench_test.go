package compare

import (
	"context"
	"testing"

	"gospike/neuron"
)

// BenchmarkSimulate times the SNN on the 45 Iris test samples (1 s each,
// current input) three ways: all samples as populations of one network
// on one worker; the same cut into one network per CPU run concurrently
// (what Simulate does); and one network per sample, one after another.
func BenchmarkSimulate(b *testing.B) {
	r, err := Run(context.Background(), irisConfig)
	if err != nil {
		b.Fatal(err)
	}
	X := r.Data.Test.X
	n, _ := X.Dims()
	b.Run("one-network", func(b *testing.B) {
		b.ReportAllocs()
		for b.Loop() {
			if _, err := r.SNN.Simulate(context.Background(), X, 1); err != nil {
				b.Fatal(err)
			}
		}
	})
	b.Run("network-per-cpu", func(b *testing.B) {
		b.ReportAllocs()
		for b.Loop() {
			if _, err := r.SNN.Simulate(context.Background(), X, 0); err != nil {
				b.Fatal(err)
			}
		}
	})
	b.Run("network-per-sample", func(b *testing.B) {
		b.ReportAllocs()
		for b.Loop() {
			run := &SNNRun{Output: make([][]neuron.Spike, n), Counts: make([][][]int, n), Layers: r.SNN.layerNames()}
			for k := range n {
				if err := r.SNN.simulateChunk(context.Background(), X, k, k+1, run); err != nil {
					b.Fatal(err)
				}
			}
		}
	})
}
