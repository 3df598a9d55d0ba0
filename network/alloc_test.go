package network

import (
	"testing"
)

// TestStepAllocatesNothing: once warmed up (the spike buffers grown), a
// block of steps of the mixed network (every receptor kind, rule and
// stimulus kind; LIF exact and rk4, Traub-Miles exponential Euler), on
// several worker goroutines, allocates nothing. The result's spike lists
// grow by amortised appends, which AllocsPerRun's integer average
// absorbs.
func TestStepAllocatesNothing(t *testing.T) {
	defer func(m int) { minShardSize = m }(minShardSize)
	minShardSize = 8
	for _, threads := range []int{1, 3} {
		spec := mixedSpec(t, 1, threads)
		spec.Duration = 1000
		nw, err := New(spec)
		if err != nil {
			t.Fatal(err)
		}
		nw.start()
		if err := nw.runBlocks(100); err != nil {
			t.Fatal(err)
		}
		allocs := testing.AllocsPerRun(200, func() {
			if err := nw.runBlocks(1); err != nil {
				t.Fatal(err)
			}
		})
		nw.stop()
		if allocs != 0 {
			t.Errorf("threads %d: %v allocations per block of %d steps", threads, allocs, nw.layout.block)
		}
	}
}
