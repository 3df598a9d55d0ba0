package network

import (
	"runtime"
)

// minShardSize is the fewest neurons a population is cut into shards of:
// below it, the cost of synchronising a worker outweighs its share of the
// integration. Tests lower it to exercise many shards on small networks.
var minShardSize = 256

// maxBlock bounds the steps run between two spike exchanges (tests set
// it to 1 to exchange every step).
var maxBlock = 64

// layout is how a network is cut into shards and worker goroutines, and
// how often the workers exchange spikes.
type layout struct {
	threads  int     // as asked (0 resolved to the number of CPUs)
	workers  int     // worker goroutines, the run's own included
	shards   []int   // per population
	bounds   [][]int // per population: shard s owns [bounds[s], bounds[s+1])
	worker   [][]int // per population and shard: the worker that owns it
	maxDelay []int   // per population: the longest delay (steps) onto it, at least 1
	minDelay int     // the shortest delay of any projection (steps); 0 without projections
	block    int     // steps between spike exchanges
}

func newLayout(spec *Spec) *layout {
	l := &layout{threads: spec.Threads}
	if l.threads <= 0 {
		l.threads = runtime.NumCPU()
	}
	largest := 0
	for _, p := range spec.Populations {
		largest = max(largest, p.Pop.Len())
	}
	l.workers = max(1, min(l.threads, largest/minShardSize))
	next := 0
	for _, p := range spec.Populations {
		n := p.Pop.Len()
		s := max(1, min(l.workers, n/minShardSize))
		b := make([]int, s+1)
		w := make([]int, s)
		for k := range s {
			b[k+1] = n * (k + 1) / s
			w[k] = (next + k) % l.workers
		}
		next = (next + s) % l.workers
		l.shards = append(l.shards, s)
		l.bounds = append(l.bounds, b)
		l.worker = append(l.worker, w)
	}
	l.maxDelay = make([]int, len(spec.Populations))
	for p := range l.maxDelay {
		l.maxDelay[p] = 1
	}
	for k, pr := range spec.Projections {
		lo, hi := spec.conn(k).DelayRange(spec.Dt)
		l.maxDelay[pr.To] = max(l.maxDelay[pr.To], hi)
		if l.minDelay == 0 || lo < l.minDelay {
			l.minDelay = lo
		}
	}
	// A spike of step s is stamped s+1 and arrives at step s+1+delay or
	// later, so the spikes of steps s0 .. s0+minDelay need not be
	// delivered before step s0+minDelay+1 starts: the workers exchange
	// them once per minDelay+1 steps.
	l.block = maxBlock
	if l.minDelay > 0 {
		l.block = min(l.minDelay+1, maxBlock)
	}
	return l
}
