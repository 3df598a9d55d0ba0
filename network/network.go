package network

import (
	"context"
	"fmt"
	"math"
	"slices"
	"sync"
	"sync/atomic"

	"gospike/integrate"
	"gospike/neuron"
	"gospike/synapse"
)

// popState is one population of a built network.
type popState struct {
	index  int
	name   string
	method string
	pop    neuron.Population
	lin    neuron.Linear // when the method is exponential-euler
	vars   []neuron.Var  // model variables, then receptor variables
	k      int           // model variables
	recs   []synapse.Receptor
	units  []*unit // its shards, in neuron order
}

// worker runs units block by block: its own first, then any other not
// yet claimed (Network.loop). Worker 0 runs on Run's goroutine, the others
// on their own.
type worker struct {
	units []*unit // its own, by the layout
	order []*unit // the order it claims units in: its own, then the others'
	start chan struct{}
}

// schedule is a block: steps [s0, s0+m), spike buffers par, index block.
type schedule struct {
	s0, m, par int
	block      int64
}

// Network is a built network, ready to Run once.
type Network struct {
	spec    Spec
	layout  *layout
	pops    []*popState
	workers []*worker
	steps   int
	memory  Memory

	projections []ProjectionResult

	traces Traces
	cols   [][]float64 // the trace columns' full-length storage

	// The last block closed (steps [s0, s0+m), spike buffers par) and
	// the spikes collected.
	s0, m  int
	par    int
	spikes [][]neuron.Spike // per population, in step then neuron order

	// Running: every unit; the index of the last block closed, the
	// units through the current block, and the gate the workers wait at; the goroutines' end of runBlocks, the blocks runBlocks may
	// still run, whether the run stops after the current block, and why.
	units      []*unit
	block      int64
	from       schedule // the last block closed when runBlocks started
	completed  atomic.Int32
	gate       *gate
	done       sync.WaitGroup
	running    bool
	blocksLeft int
	haltAfter  atomic.Int64 // the block after which the run stops
	err        error
	ctx        context.Context
	report     func(done int) // progress (steps done), from Run's goroutine after each block

	ran bool
}

// New builds the network of spec: it validates the spec, estimates the
// memory the network needs and refuses (wrapping ErrTooBig) when that
// exceeds what the system has available, cuts each population into
// contiguous shards, makes their state, methods, stimuli and delay rings,
// and connects the projections.
func New(spec Spec) (*Network, error) {
	if err := spec.validate(); err != nil {
		return nil, err
	}
	spec.Populations = slices.Clone(spec.Populations)
	l := newLayout(&spec)
	mem := l.memory(&spec)
	if err := checkMemory(mem); err != nil {
		return nil, err
	}
	nw := &Network{spec: spec, layout: l, steps: spec.Steps(), memory: mem}
	nw.workers = make([]*worker, l.workers)
	for w := range nw.workers {
		nw.workers[w] = &worker{start: make(chan struct{}, 1)}
	}
	nw.gate = newGate()
	nw.block = -1
	nw.report = func(int) {}
	for p := range spec.Populations {
		if err := nw.buildPopulation(p); err != nil {
			return nil, err
		}
	}
	if err := nw.connect(); err != nil {
		return nil, err
	}
	nw.buildStimuli()
	nw.useBias()
	nw.buildRecords()
	for _, ps := range nw.pops {
		nw.units = append(nw.units, ps.units...)
	}
	for _, u := range nw.units {
		u.splits()
		u.fuses()
		u.state.Store(4*nw.block + phDone)
	}
	// Each worker claims its own units first, then the others'.
	for _, w := range nw.workers {
		w.order = slices.Clone(w.units)
		for _, u := range nw.units {
			if !slices.Contains(w.units, u) {
				w.order = append(w.order, u)
			}
		}
	}
	nw.spikes = make([][]neuron.Spike, len(spec.Populations))
	for _, w := range nw.workers {
		for _, u := range w.units {
			for par := range u.stepOff {
				u.stepOff[par] = make([]int, l.block+1)
			}
		}
	}
	return nw, nil
}

func (nw *Network) buildPopulation(p int) error {
	spec := &nw.spec
	sp := spec.Populations[p]
	vars, err := spec.StateVars(p)
	if err != nil {
		return err
	}
	recs, delta := spec.receptors(p)
	ps := &popState{index: p, name: sp.Name, method: sp.Method, pop: sp.Pop, vars: vars, k: len(sp.Model.Vars()), recs: recs}
	if sp.Method == "exponential-euler" {
		ps.lin = sp.Pop.(neuron.Linear)
	}
	nw.pops = append(nw.pops, ps)
	bounds := nw.layout.bounds[p]
	hasCurrent := false
	for _, st := range spec.Stimuli {
		if st.Target == p && (st.Kind == DC || st.Kind == Step || st.Kind == Noise) {
			hasCurrent = true
		}
	}
	for s := range nw.layout.shards[p] {
		off, n := bounds[s], bounds[s+1]-bounds[s]
		u := &unit{pop: ps, shard: s, off: off, n: n, fail: failure{step: -1}}
		u.y = make([]float64, len(vars)*n)
		u.model = u.y[: ps.k*n : ps.k*n]
		u.v = u.y[:n:n]
		u.prev = make([]float64, n)
		u.in = neuron.Input{A: make([]float64, n), B: make([]float64, n)}
		if hasCurrent {
			u.stim = make([]float64, n)
		}
		sp.Pop.Rest(u.model, off)
		lo := ps.k * n
		for _, r := range recs {
			hi := lo + r.Kind.Vars()*n
			u.recs = append(u.recs, recState{r: r, lo: lo, hi: hi, target: r.Target(u.y[lo:hi], n),
				ring: synapse.NewRing(n, nw.layout.maxDelay[p])})
			lo = hi
		}
		if delta {
			u.delta = synapse.NewRing(n, nw.layout.maxDelay[p])
		}
		for name, v := range sp.Init {
			i := slices.IndexFunc(vars, func(x neuron.Var) bool { return x.Name == name })
			dst := u.y[i*n : (i+1)*n]
			for j := range dst {
				dst[j] = v.At(off + j)
			}
		}
		if sp.Method == "exact" {
			u.exact = sp.Pop.(neuron.Exact)
			u.exIn.DC = u.stim
			for _, r := range u.recs {
				if c, ok, _ := r.r.Exact(u.y[r.lo:r.hi]); ok {
					u.exIn.Exp = append(u.exIn.Exp, c)
				}
			}
		} else {
			size := len(u.y)
			if sp.Method == "exponential-euler" {
				// The receptors apart, with constant factors (unit.expEuler).
				u.expEuler = true
				size = len(u.model)
				for i := range u.recs {
					u.recs[i].em1 = math.Expm1(-spec.Dt / u.recs[i].r.Tau)
				}
			}
			m, err := integrate.New(sp.Method, size)
			if err != nil {
				return fmt.Errorf("network: population %q: %w", sp.Name, err)
			}
			u.method = m
		}
		ps.units = append(ps.units, u)
		w := nw.workers[nw.layout.worker[p][s]]
		w.units = append(w.units, u)
	}
	return nil
}

// ring returns the ring of unit u that receptor r arrives at, and the
// variable its weights are added to with their scale.
func (u *unit) ring(r synapse.Receptor) (*synapse.Ring, []float64, float64) {
	r = receptorKey(r)
	if r.Kind == synapse.Delta {
		return u.delta, u.v, 1
	}
	for i := range u.recs {
		if u.recs[i].r == r {
			return u.recs[i].ring, u.recs[i].target, r.ArrivalScale()
		}
	}
	panic("network: receptor not on the unit")
}

func (nw *Network) connect() error {
	spec := &nw.spec
	for k, pr := range spec.Projections {
		to := nw.pops[pr.To]
		csrs, err := synapse.Connect(spec.conn(k), spec.Dt, spec.Seed, k, nw.layout.bounds[pr.To], nw.layout.threads)
		if err != nil {
			return fmt.Errorf("network: projection %d (%s -> %s): %w", k, spec.Populations[pr.From].Name, to.name, err)
		}
		res := ProjectionResult{From: spec.Populations[pr.From].Name, To: to.name}
		for s, u := range to.units {
			ring, target, scale := u.ring(pr.Receptor)
			u.inputs = append(u.inputs, inbound{csr: csrs[s], ring: ring, target: target, scale: scale, from: nw.pops[pr.From]})
			res.Synapses += csrs[s].Synapses()
			res.Bytes += csrs[s].Bytes()
		}
		if res.Synapses > 0 {
			res.BytesPerSynapse = float64(res.Bytes) / float64(res.Synapses)
		}
		nw.projections = append(nw.projections, res)
	}
	return nil
}

func (nw *Network) buildStimuli() {
	spec := &nw.spec
	for k, st := range spec.Stimuli {
		for _, u := range nw.pops[st.Target].units {
			switch st.Kind {
			case Poisson:
				_, dst, scale := u.ring(st.Receptor)
				u.events = append(u.events, newPoisson(spec, k, st, u.off, u.n, dst, scale))
			case SpikeGenerator:
				_, dst, scale := u.ring(st.Receptor)
				u.events = append(u.events, newSpikeGenerator(spec, st, u.off, u.n, dst, scale))
			default:
				u.currents = append(u.currents, newCurrent(spec, k, st, u.off, u.n))
			}
		}
	}
}

// useBias gives an exact unit whose current stimuli are all uniform its
// stimulus current as one value a step (ExactInput.Bias) instead of one
// per neuron: the same sum, so the same bits, and the exact LIF keeps its
// vector kernels.
func (nw *Network) useBias() {
	for _, ps := range nw.pops {
		for _, u := range ps.units {
			if u.exact == nil || u.stim == nil {
				continue
			}
			u.bias = true
			for _, c := range u.currents {
				u.bias = u.bias && c.uniform()
			}
			if u.bias {
				u.exIn.DC = nil
			}
		}
	}
}

func (nw *Network) buildRecords() {
	spec := &nw.spec
	for _, r := range spec.Records {
		ps := nw.pops[r.Pop]
		neurons := r.Neurons
		if neurons == nil {
			neurons = make([]int, ps.pop.Len())
			for i := range neurons {
				neurons[i] = i
			}
		}
		for _, name := range r.Vars {
			v := slices.IndexFunc(ps.vars, func(x neuron.Var) bool { return x.Name == name })
			for _, i := range neurons {
				col := len(nw.cols)
				nw.cols = append(nw.cols, make([]float64, nw.steps))
				nw.traces.Columns = append(nw.traces.Columns, Column{
					Name: fmt.Sprintf("%s.%s[%d]", ps.name, name, i), Pop: ps.name, Var: name,
					Unit: ps.vars[v].Unit, Neuron: i,
				})
				s := slices.IndexFunc(ps.units, func(u *unit) bool { return i >= u.off && i < u.off+u.n })
				u := ps.units[s]
				u.probes = append(u.probes, probe{idx: v*u.n + i - u.off, col: col})
			}
		}
	}
}

// Vars returns the state variables of population p: the model's, then
// its receptors' (see Spec.StateVars).
func (nw *Network) Vars(p int) []neuron.Var { return slices.Clone(nw.pops[p].vars) }

// Memory returns the memory estimate the network was admitted with.
func (nw *Network) Memory() Memory { return nw.memory }

// Threads returns the number of worker goroutines the run uses (at most
// Spec.Threads: small populations are not cut into more shards than
// useful).
func (nw *Network) Threads() int { return nw.layout.workers }

// Steps returns the number of steps a full run takes.
func (nw *Network) Steps() int { return nw.steps }
