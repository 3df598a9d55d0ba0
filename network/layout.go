package network

import (
	"runtime"

	"gospike/neuron"
	"gospike/synapse"
)

// minShardSize is the least work of a shard, in exact LIF neuron-steps
// per step (maxShards): below it, the cost of synchronising a worker
// outweighs its share of the integration (see also shareUnits). Tests
// lower it to exercise many shards on small networks.
var minShardSize = 256

// maxBlock bounds the steps run between two spike exchanges (tests set
// it to 1 to exchange every step).
var maxBlock = 64

// maxFreeBlock and freeBlockWork bound the blocks of a network without
// projections: at most maxFreeBlock steps, and no longer than
// freeBlockWork units of work (methodCost; about 2 ms on one core), so
// that a run still stops within milliseconds of Ctrl-C. A block of
// maxBlock steps is kept when it already holds more.
var (
	maxFreeBlock  = 1024
	freeBlockWork = 2e6
)

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

// Costs of a neuron-step, in units of an exact LIF neuron-step (about a
// nanosecond), by method, and of a Poisson or noise input on a neuron:
// rough averages over the models (measured on the benchmarks of
// bench_test.go), only used to decide how many workers a network is
// worth (shareUnits).
var (
	methodCost   = map[string]float64{"exact": 1, "euler": 4, "exponential-euler": 20, "rk4": 40}
	stimulusCost = 6.0
	// fusedCost is exponential Euler's when a population takes fused steps
	// (stepsFused): the LIF with its receptors in one pass, about 3 ns a
	// neuron-step in COBA with everything else a step does.
	fusedCost = 3.0
)

// neuronCost is the cost of a neuron-step of population p, in the units
// of methodCost.
func neuronCost(spec *Spec, p int) float64 {
	pop := spec.Populations[p]
	if recs, _ := spec.receptors(p); stepsFused(pop.Pop, pop.Method, recs) != nil {
		return fusedCost
	}
	return methodCost[pop.Method]
}

// stepsFused returns pop as the neuron.ExpEulerStepper its units step
// through (unit.fuses) when its method is exponential Euler, it is not
// stepped in two parts (a neuron.LinearSplit, unit.splits) and it takes
// as many inputs as it has receptors; nil otherwise.
func stepsFused(pop neuron.Population, method string, recs []synapse.Receptor) neuron.ExpEulerStepper {
	st, ok := pop.(neuron.ExpEulerStepper)
	if _, split := pop.(neuron.LinearSplit); method != "exponential-euler" || !ok || split || !fusedSteps || !st.StepsExpEuler(len(recs)) {
		return nil
	}
	return st
}

// maxShards is the most shards a population of n neurons with work w
// per step (in the units of methodCost) is cut into: each shard has at
// least minShardSize units, that is minShardSize exact LIF neurons or
// fewer neurons of a costlier method (61 Hodgkin-Huxley neurons under
// RK4 make 9 shards' worth), and at least one neuron.
func maxShards(n int, w float64) int { return min(n, int(w/float64(minShardSize))) }

// shareUnits is the least work, in those units, per worker and block:
// below it, a worker's share of a block costs less than waking the
// worker's goroutine (10 to 50 us on the virtual machines measured,
// where an idle processor must be woken), and a run on more workers is
// slower, not faster. It scales with minShardSize, which tests lower to
// cut small networks into many shards.
func shareUnits() float64 { return float64(minShardSize) * 128 }

func newLayout(spec *Spec) *layout {
	l := &layout{threads: spec.Threads}
	if l.threads <= 0 {
		l.threads = runtime.NumCPU()
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
	most := 0                                         // the most shards any population may be cut into
	work := 0.0                                       // per step
	popWork := make([]float64, len(spec.Populations)) // per step
	for p, pop := range spec.Populations {
		n := pop.Pop.Len()
		w := float64(n) * neuronCost(spec, p)
		for _, st := range spec.Stimuli {
			if st.Target == p && (st.Kind == Poisson || st.Kind == Noise) {
				w += float64(n) * stimulusCost
			}
		}
		popWork[p] = w
		work += w
		most = max(most, maxShards(n, w))
	}
	if l.minDelay == 0 && work > 0 {
		// No projections, so no spikes to exchange: a block only bounds
		// how often the workers meet to close one (spikes, divergence,
		// cancellation, progress). Longer blocks, up to freeBlockWork,
		// wake sleeping workers less often.
		l.block = max(l.block, min(maxFreeBlock, int(freeBlockWork/work)))
	}
	worth := int(work * float64(l.block) / shareUnits())
	l.workers = max(1, min(l.threads, most, worth))
	next := 0
	for p, pop := range spec.Populations {
		n := pop.Pop.Len()
		s := max(1, min(l.workers, maxShards(n, popWork[p])))
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
	return l
}
