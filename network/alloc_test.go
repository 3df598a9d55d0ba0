package network

import (
	"testing"
)

// TestStepAllocatesNothing: once warmed up (the spike buffers grown), a
// block of steps of the mixed network (every receptor kind, rule and
// stimulus kind; LIF exact and rk4, Traub-Miles exponential Euler) and of
// CUBA (LIF exact on the vector kernels), on one and several worker
// goroutines, allocates nothing. The result's spike lists
// grow by amortised appends, which AllocsPerRun's integer average
// absorbs.
func TestStepAllocatesNothing(t *testing.T) {
	defer func(m int) { minShardSize = m }(minShardSize)
	minShardSize = 8
	for _, c := range []struct {
		name    string
		threads int
	}{{"mixed", 1}, {"mixed", 3}, {"cuba", 1}, {"cuba", 2}} {
		threads := c.threads
		spec := mixedSpec(t, 1, threads)
		if c.name == "cuba" {
			spec = cubaSpec(t, 4000, false, threads, 1000)
		}
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
			t.Errorf("%s, threads %d: %v allocations per block of %d steps", c.name, threads, allocs, nw.layout.block)
		}
	}
}
