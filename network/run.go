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
	nw.start()
	defer nw.stop()
	every := max(nw.steps/100, 1)
	lastReport := 0
	var runErr error
	for nw.s0+nw.m < nw.steps {
		if err := ctx.Err(); err != nil {
			runErr = fmt.Errorf("network: run interrupted at t = %g ms: %w", float64(nw.s0+nw.m)*nw.spec.Dt, err)
			break
		}
		if err := nw.runBlock(); err != nil {
			runErr = err
			break
		}
		if done := nw.s0 + nw.m; progress != nil && (done-lastReport >= every || done >= nw.steps) {
			lastReport = done
			progress(float64(done) * nw.spec.Dt)
		}
	}
	return nw.result(runErr != nil), runErr
}

// start launches the worker goroutines, one per worker; a network with
// one worker is stepped by Run's own goroutine. (Run's goroutine does not
// take a share itself: the goroutines it wakes would queue behind it on
// its processor and run after it, not beside it.)
func (nw *Network) start() {
	nw.running = true
	nw.m = 0
	if len(nw.workers) == 1 {
		return
	}
	for _, w := range nw.workers {
		go func() {
			for range w.start {
				w.run(nw)
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
	if len(nw.workers) == 1 {
		return
	}
	for _, w := range nw.workers {
		close(w.start)
	}
}

// runBlock runs the next block of steps on every worker, then collects
// its spikes. It returns a *DivergenceError if a state stopped being
// finite, after collecting the steps before.
func (nw *Network) runBlock() error {
	nw.prevS0, nw.prevM = nw.s0, nw.m
	nw.s0 += nw.m
	nw.m = min(nw.layout.block, nw.steps-nw.s0)
	nw.par ^= 1
	if len(nw.workers) == 1 {
		nw.workers[0].run(nw)
	} else {
		nw.done.Add(len(nw.workers))
		for _, w := range nw.workers {
			w.start <- struct{}{}
		}
		nw.done.Wait()
	}
	// The first failure, by step, then population, then neuron.
	var first *failure
	var firstPop int
	for _, w := range nw.workers {
		for _, u := range w.units {
			f := &u.fail
			if f.step < 0 {
				continue
			}
			if first == nil || f.step < first.step || (f.step == first.step && (u.pop.index < firstPop ||
				(u.pop.index == firstPop && f.neuron < first.neuron))) {
				first, firstPop = f, u.pop.index
			}
		}
	}
	m := nw.m
	if first != nil {
		m = first.step - nw.s0
	}
	nw.collect(m)
	if first != nil {
		ps := nw.pops[firstPop]
		err := &DivergenceError{Pop: ps.name, Neuron: first.neuron, Var: ps.vars[first.v].Name, Value: first.value,
			Time: float64(first.step+1) * nw.spec.Dt, Method: ps.method, Dt: nw.spec.Dt}
		nw.s0 += m
		nw.m = 0
		return err
	}
	return nil
}

// run is one worker's share of a block: deliver the previous block's
// spikes into its rings, then step its units through the block.
func (w *worker) run(nw *Network) {
	par, prev := nw.par, nw.par^1
	if nw.prevM > 0 {
		for _, u := range w.units {
			u.deliver(prev, nw.prevS0, nw.prevM)
		}
	}
	for _, u := range w.units {
		u.spikes[par] = u.spikes[par][:0]
	}
	dt := nw.spec.Dt
	for k := range nw.m {
		s := nw.s0 + k
		ok := true
		for _, u := range w.units {
			if !u.step(s, k, par, nw.steps-1, dt, nw.cols) {
				ok = false // finish the step on the other units, then stop
			}
		}
		if !ok {
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
