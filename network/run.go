package network

import (
	"context"
	"errors"
	"fmt"
	"math"
	"slices"

	"gospike/neuron"
)

// Result is what a run recorded.
type Result struct {
	Dt       float64 // ms
	Steps    int     // steps done
	Duration float64 // ms simulated: Steps*Dt
	// Partial is true when the run stopped before its end (the state
	// diverged, or the context was cancelled): the result holds what was
	// recorded up to Steps.
	Partial bool
	Threads int // worker goroutines used

	Populations []PopulationResult
	Projections []ProjectionResult
	Traces      Traces
}

// PopulationResult is one population's spikes and their statistics.
type PopulationResult struct {
	Name string
	Size int
	// Spikes in time order, then neuron order; times (ms) are the
	// threshold crossings interpolated within their step.
	Spikes   []neuron.Spike
	Count    int
	MeanRate float64 // Hz: Count / (Size * Duration)
	// MeanCV is the mean, over the neurons with at least two
	// inter-spike intervals, of the coefficient of variation (standard
	// deviation over mean, with the 1/n variance) of their intervals;
	// NaN when no neuron has two.
	MeanCV float64
}

// ProjectionResult describes a projection's synapses as built.
type ProjectionResult struct {
	From, To        string
	Synapses        int64
	Bytes           int64 // the connectivity's memory, index structures included
	BytesPerSynapse float64
}

// Traces are the recorded state variables: one row per step, the state
// at the start of the step (after the spikes due then have arrived and
// after the previous step's resets), as Brian2's StateMonitor records it.
type Traces struct {
	Time    []float64 // ms: s*Dt for s = 0 .. Steps-1; nil when nothing is recorded
	Columns []Column
}

// Column is one recorded variable of one neuron.
type Column struct {
	Name   string // "<population>.<variable>[<neuron>]"
	Pop    string
	Var    string
	Unit   string // the variable's unit (model units; "mV" for v)
	Neuron int
	Values []float64 // one per row of Time
}

// DivergenceError is the error of a run whose state stopped being finite.
type DivergenceError struct {
	Pop    string
	Neuron int
	Var    string
	Value  float64
	Time   float64 // ms, the end of the step that produced it
	Method string
	Dt     float64
}

func (e *DivergenceError) Error() string {
	return fmt.Sprintf("network: population %q, neuron %d: %s = %v at t = %g ms: dt %g ms too large for method %s?",
		e.Pop, e.Neuron, e.Var, e.Value, e.Time, e.Dt, e.Method)
}

// Run runs the network from t = 0 for the spec's duration and returns
// what it recorded. progress, if not nil, is called from Run's goroutine
// with the simulated time (ms) now and then (about every 1 % of the run)
// and at the end.
//
// When the state of a neuron stops being finite, Run stops and returns
// the result up to the step before, marked Partial, with a
// *DivergenceError. When ctx is cancelled, Run stops at the next spike
// exchange (a step boundary) and returns the result so far, marked
// Partial, with an error wrapping ctx.Err(). A network runs once.
func (nw *Network) Run(ctx context.Context, progress func(tMs float64)) (*Result, error) {
	if nw.ran {
		return nil, errors.New("network: Run called twice: a network runs once; build another with New")
	}
	nw.ran = true
	nw.ctx = ctx
	every := max(nw.steps/100, 1)
	lastReport := 0
	nw.report = func(done int) {
		if progress != nil && (done-lastReport >= every || done >= nw.steps) {
			lastReport = done
			progress(float64(done) * nw.spec.Dt)
		}
	}
	nw.start()
	defer nw.stop()
	if err := ctx.Err(); err != nil {
		nw.err = fmt.Errorf("network: run interrupted at t = 0 ms: %w", err)
	} else {
		nw.runBlocks(math.MaxInt)
	}
	return nw.result(nw.err != nil), nw.err
}

// start launches the goroutines of the workers but the first, which runs
// on the goroutine that calls runBlocks (Run's own). Each waits for
// runBlocks to start it, then runs blocks on its own until runBlocks
// stops.
func (nw *Network) start() {
	nw.running = true
	for _, w := range nw.workers[1:] {
		go func() {
			for range w.start {
				nw.loop(w)
				nw.done.Done()
			}
		}()
	}
}

// stop ends the worker goroutines.
func (nw *Network) stop() {
	if !nw.running {
		return
	}
	nw.running = false
	for _, w := range nw.workers[1:] {
		close(w.start)
	}
}

// runBlocks runs at most k more blocks (fewer when the run ends, diverges
// or is cancelled) on every worker, the first on the calling goroutine,
// and returns the run's error, if any.
func (nw *Network) runBlocks(k int) error {
	if nw.s0+nw.m >= nw.steps || nw.err != nil {
		return nw.err
	}
	nw.blocksLeft = k
	nw.haltAfter.Store(math.MaxInt64)
	nw.from = schedule{nw.s0, nw.m, nw.par, nw.block}
	nw.done.Add(len(nw.workers) - 1)
	for _, w := range nw.workers[1:] {
		w.start <- struct{}{}
	}
	nw.loop(nw.workers[0])
	nw.done.Wait()
	return nw.err
}

// Unit states (unit.state): 4*b + phase, for block b.
const (
	phRunning  = 0 // claimed by a worker, running block b
	phDone     = 1 // through block b
	phPrepping = 2 // through block b; a worker is preparing its next step
	phPrepared = 3 // through block b, its next step prepared
)

// loop is one worker's part of runBlocks. Block after block, it claims
// units that have not yet been run through the block, its own first
// (those the layout gave it), then any other's, and runs each: deliver
// the previous block's spikes into its rings, step it through the block.
// The worker that completes the block's last unit closes the block
// (finish), which also decides whether the run goes on. A worker with no
// unit left to claim prepares, until the block is closed, the first step
// of the next block on units already through this one (worker.prepare),
// then waits for the block to close. So the workers share each block's
// work however it falls, and sleep only when neither a unit nor a
// preparation is left. The block schedule is the same on every worker:
// each follows it on its own copy.
func (nw *Network) loop(w *worker) {
	s0, m, par, b := nw.from.s0, nw.from.m, nw.from.par, nw.from.block
	last := int32(len(nw.units))
	for {
		prevS0, prevM := s0, m
		s0 += m
		m = min(nw.layout.block, nw.steps-s0)
		par ^= 1
		b++
		for _, u := range w.order {
			st := u.state.Load()
			if st != 4*(b-1)+phDone && st != 4*(b-1)+phPrepared || !u.state.CompareAndSwap(st, 4*b+phRunning) {
				continue
			}
			u.runBlock(nw, s0, m, par, prevS0, prevM)
			u.state.Store(4*b + phDone)
			if nw.completed.Add(1) == last {
				nw.completed.Store(0)
				nw.finish(s0, m, par, b)
				nw.gate.close(b)
			}
		}
		if next := s0 + m; next < nw.steps {
			w.prepare(nw, b, next)
		}
		nw.gate.wait(b)
		if w == nw.workers[0] {
			nw.report(s0 + m)
		}
		if nw.haltAfter.Load() <= b {
			return
		}
	}
}

// prepare prepares, until block b is closed, step s (the first of the
// next block) on split units through block b that nobody has claimed
// (unit.prepare). Any worker may do it: the unit's state says who does.
func (w *worker) prepare(nw *Network, b int64, s int) {
	for !nw.gate.isClosed(b) {
		var u *unit
		for _, x := range w.order {
			if x.split != nil && x.state.Load() == 4*b+phDone && x.state.CompareAndSwap(4*b+phDone, 4*b+phPrepping) {
				u = x
				break
			}
		}
		if u == nil {
			return
		}
		if u.fail.step < 0 {
			u.prepare(s, nw.spec.Dt, nw.cols)
		}
		u.state.Store(4*b + phPrepared)
	}
}

// finish closes block b, [s0, s0+m) (buffers par), once every unit has
// been run through it: it finds the first failure, collects the spikes
// of the steps before it, and decides whether the run goes on
// (nw.haltAfter). The worker that completes the block's last unit calls it.
func (nw *Network) finish(s0, m, par int, b int64) {
	nw.s0, nw.m, nw.par, nw.block = s0, m, par, b
	nw.blocksLeft--
	// The first failure, by step, then population, then neuron.
	var first *failure
	var firstPop int
	for _, u := range nw.units {
		f := &u.fail
		if f.step < 0 {
			continue
		}
		if first == nil || f.step < first.step || (f.step == first.step && (u.pop.index < firstPop ||
			(u.pop.index == firstPop && f.neuron < first.neuron))) {
			first, firstPop = f, u.pop.index
		}
	}
	if first != nil {
		m = first.step - s0
	}
	nw.collect(m)
	switch {
	case first != nil:
		ps := nw.pops[firstPop]
		nw.err = &DivergenceError{Pop: ps.name, Neuron: first.neuron, Var: ps.vars[first.v].Name, Value: first.value,
			Time: float64(first.step+1) * nw.spec.Dt, Method: ps.method, Dt: nw.spec.Dt}
		nw.m = m
	case s0+m < nw.steps && nw.ctx != nil && nw.ctx.Err() != nil:
		nw.err = fmt.Errorf("network: run interrupted at t = %g ms: %w", float64(s0+m)*nw.spec.Dt, nw.ctx.Err())
	}
	if nw.err != nil || s0+m >= nw.steps || nw.blocksLeft <= 0 {
		nw.haltAfter.Store(b)
	}
}

// runBlock runs the unit through block [s0, s0+m) (buffers par): it
// delivers the previous block's spikes, [prevS0, prevS0+prevM), into its
// rings, then steps it through the block, up to a failure.
func (u *unit) runBlock(nw *Network, s0, m, par, prevS0, prevM int) {
	if prevM > 0 {
		u.deliver(par^1, prevS0, prevM)
	}
	u.spikes[par] = u.spikes[par][:0]
	dt := nw.spec.Dt
	for k := range m {
		if !u.step(s0+k, k, par, nw.steps-1, dt, nw.cols) {
			return
		}
	}
}

// collect appends the spikes of the block's first m steps to the result.
func (nw *Network) collect(m int) {
	par := nw.par
	for k := range m {
		for p, ps := range nw.pops {
			for _, u := range ps.units {
				off := u.stepOff[par]
				nw.spikes[p] = append(nw.spikes[p], u.spikes[par][off[k]:off[k+1]]...)
			}
		}
	}
}

// result assembles the Result of the steps done.
func (nw *Network) result(partial bool) *Result {
	steps := nw.s0 + nw.m
	dt := nw.spec.Dt
	res := &Result{Dt: dt, Steps: steps, Duration: float64(steps) * dt, Partial: partial || steps < nw.steps,
		Threads: nw.layout.workers, Projections: slices.Clone(nw.projections)}
	if len(nw.traces.Columns) > 0 {
		nw.traces.Time = make([]float64, steps)
		for s := range steps {
			nw.traces.Time[s] = float64(s) * dt
		}
	}
	res.Traces.Time = nw.traces.Time
	for c, col := range nw.traces.Columns {
		col.Values = nw.cols[c][:steps]
		res.Traces.Columns = append(res.Traces.Columns, col)
	}
	for p, ps := range nw.pops {
		spikes := nw.spikes[p]
		slices.SortStableFunc(spikes, func(a, b neuron.Spike) int {
			if a.Time != b.Time {
				if a.Time < b.Time {
					return -1
				}
				return 1
			}
			return a.Neuron - b.Neuron
		})
		n := ps.pop.Len()
		pr := PopulationResult{Name: ps.name, Size: n, Spikes: spikes, Count: len(spikes), MeanCV: meanCV(spikes, n)}
		if n > 0 && res.Duration > 0 {
			pr.MeanRate = float64(len(spikes)) / (float64(n) * res.Duration / 1000)
		}
		res.Populations = append(res.Populations, pr)
	}
	return res
}

// meanCV returns the mean over neurons with at least two inter-spike
// intervals of the CV of their intervals; spikes are in time order.
func meanCV(spikes []neuron.Spike, n int) float64 {
	// Welford's running mean and sum of squared deviations per neuron.
	type acc struct {
		last, mean, m2 float64
		seen           bool
		k              int
	}
	a := make([]acc, n)
	for _, s := range spikes {
		x := &a[s.Neuron]
		if x.seen {
			isi := s.Time - x.last
			x.k++
			d := isi - x.mean
			x.mean += d / float64(x.k)
			x.m2 += d * (isi - x.mean)
		}
		x.seen, x.last = true, s.Time
	}
	total, neurons := 0.0, 0
	for _, x := range a {
		if x.k < 2 || x.mean <= 0 {
			continue
		}
		total += math.Sqrt(x.m2/float64(x.k)) / x.mean
		neurons++
	}
	if neurons == 0 {
		return math.NaN()
	}
	return total / float64(neurons)
}
