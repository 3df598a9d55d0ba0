package network

import (
	"sync"
	"sync/atomic"
)

// gate is where a worker that has nothing left to do waits for a block to
// be closed (every unit run through it and the block's bookkeeping done:
// Network.finish). Nobody spins: a worker that finds the block still open
// sleeps on a condition variable until the worker that closes it wakes
// it. Sleeping is the exception: while it waits, a worker prepares units
// of the next block (worker.prepare).
type gate struct {
	closed   atomic.Int64 // the last block closed
	mu       sync.Mutex
	cond     sync.Cond
	sleepers int // workers asleep in wait
}

func newGate() *gate {
	g := &gate{}
	g.closed.Store(-1)
	g.cond.L = &g.mu
	return g
}

// close marks block b closed and wakes the workers waiting for it.
// Everything written before close is seen by the workers after their
// wait(b).
func (g *gate) close(b int64) {
	g.mu.Lock()
	g.closed.Store(b)
	wake := g.sleepers > 0
	g.sleepers = 0
	g.mu.Unlock()
	if wake {
		g.cond.Broadcast()
	}
}

// isClosed reports whether block b is closed.
func (g *gate) isClosed(b int64) bool { return g.closed.Load() >= b }

// wait returns once block b is closed, at once if it already is.
func (g *gate) wait(b int64) {
	if g.isClosed(b) {
		return
	}
	g.mu.Lock()
	for !g.isClosed(b) {
		g.sleepers++
		g.cond.Wait()
	}
	g.mu.Unlock()
}
