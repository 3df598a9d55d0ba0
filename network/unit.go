package network

import (
	"math"

	"gospike/integrate"
	"gospike/neuron"
	"gospike/synapse"
)

// unit is one shard of one population: the neurons [off, off+n), their ODE
// state (model variables, then receptor variables, variable-major as
// neuron.Population expects), their method, inputs, delay rings and the
// synapses onto them. Only its worker touches it during a block.
type unit struct {
	pop    *popState
	shard  int
	off, n int

	y     []float64 // (K + receptor vars) * n
	model []float64 // y[:K*n]
	v     []float64 // y[:n], the membrane potential
	prev  []float64 // V at the start of the step

	in     neuron.Input // A, B at the current stage
	stim   []float64    // the held stimulus current of the step, or nil
	method integrate.Method
	exact  neuron.Exact
	exIn   neuron.ExactInput

	recs   []recState
	delta  *synapse.Ring // delta input into V, or nil
	inputs []inbound

	events   []*event   // Poisson and spike-generator input, in stimulus order
	currents []*current // dc, step, noise, in stimulus order

	probes []probe

	// The spikes of the current and of the previous block (double
	// buffered: the other workers read the previous block's while this
	// one writes the current one's), and where each step's spikes begin.
	spikes  [2][]neuron.Spike
	stepOff [2][]int

	fail failure
}

// recState is one receptor's state on a unit.
type recState struct {
	r      synapse.Receptor
	lo, hi int // its variables in y
	target []float64
	ring   *synapse.Ring
}

// inbound is a projection's synapses onto a unit.
type inbound struct {
	csr  *synapse.CSR
	ring *synapse.Ring
	from *popState
}

// probe is a recorded value: y[idx] into column col.
type probe struct{ idx, col int }

// failure is the first non-finite state value a unit met.
type failure struct {
	step   int // -1: none
	neuron int // population index
	v      int // variable index
	value  float64
}

// Derivative implements integrate.System: the input at this stage comes
// from the stage values of the receptor variables.
func (u *unit) Derivative(dst []float64, _ float64, y []float64) {
	kn := len(u.model)
	u.input(y)
	u.pop.pop.Derivative(dst[:kn], y[:kn], u.off, u.in)
	for i := range u.recs {
		r := &u.recs[i]
		r.r.Derivative(dst[r.lo:r.hi], y[r.lo:r.hi])
	}
}

// Linear implements integrate.Linearizer (exponential Euler).
func (u *unit) Linear(a, b []float64, _ float64, y []float64) {
	kn := len(u.model)
	u.input(y)
	u.pop.lin.Linear(a[:kn], b[:kn], y[:kn], u.off, u.in)
	for i := range u.recs {
		r := &u.recs[i]
		r.r.Linear(a[r.lo:r.hi], b[r.lo:r.hi], y[r.lo:r.hi])
	}
}

// input sets u.in from the held stimulus current and the receptor
// variables of y.
func (u *unit) input(y []float64) {
	if u.stim != nil {
		copy(u.in.A, u.stim)
	} else {
		clear(u.in.A)
	}
	clear(u.in.B)
	for i := range u.recs {
		r := &u.recs[i]
		r.r.AddInput(u.in, y[r.lo:r.hi])
	}
}

// arrive adds what arrives at the start of step s: the ring slots due,
// then the stimulus events.
func (u *unit) arrive(s int) {
	if u.delta != nil {
		if w := u.delta.Due(s); w != nil {
			v := u.v[:len(w)]
			for j, x := range w {
				v[j] += x
			}
			clear(w)
		}
	}
	for i := range u.recs {
		r := &u.recs[i]
		if w := r.ring.Due(s); w != nil {
			r.r.Take(u.y[r.lo:r.hi], w)
		}
	}
	for _, e := range u.events {
		e.apply(s)
	}
}

// deliver walks the spikes of the previous block, steps [s0, s0+m), of
// every shard of each source population, in step, then neuron order,
// through this unit's synapses into its rings.
func (u *unit) deliver(par, s0, m int) {
	for _, in := range u.inputs {
		for k := range m {
			stamp := s0 + k + 1
			for _, src := range in.from.units {
				off := src.stepOff[par]
				for _, sp := range src.spikes[par][off[k]:off[k+1]] {
					in.csr.Deliver(in.ring, sp.Neuron, stamp)
				}
			}
		}
	}
}

// step advances the unit by step s (from s*dt to (s+1)*dt): arrivals,
// recording, stimulus current, integration, threshold and reset. k is
// the step's index in the block, par the block's buffer. It reports
// whether the state stayed finite.
func (u *unit) step(s, k, par int, dt float64, cols [][]float64) bool {
	u.arrive(s)
	for _, p := range u.probes {
		cols[p.col][s] = u.y[p.idx]
	}
	if u.stim != nil {
		clear(u.stim)
		for _, c := range u.currents {
			c.addTo(u.stim, s)
		}
	}
	t := float64(s) * dt
	spikes := u.spikes[par]
	u.stepOff[par][k] = len(spikes)
	if u.exact != nil {
		spikes = u.exact.StepExact(spikes, u.model, u.off, t, dt, u.exIn)
	} else {
		copy(u.prev, u.v)
		u.method.Step(u, t, dt, u.y)
		spikes = u.pop.pop.AfterStep(spikes, u.prev, u.model, u.off, t, dt)
	}
	u.spikes[par] = spikes
	u.stepOff[par][k+1] = len(spikes)
	if allFinite(u.y) {
		return true
	}
	u.fail = u.locate(s)
	return false
}

// allFinite reports whether every value of y is finite: x*0 is 0 for a
// finite x and NaN otherwise, so the sum is NaN exactly when one is not.
func allFinite(y []float64) bool {
	var a0, a1, a2, a3 float64
	i := 0
	for ; i+4 <= len(y); i += 4 {
		a0 += y[i] * 0
		a1 += y[i+1] * 0
		a2 += y[i+2] * 0
		a3 += y[i+3] * 0
	}
	for ; i < len(y); i++ {
		a0 += y[i] * 0
	}
	return a0+a1+a2+a3 == 0
}

// locate finds the first neuron (then variable) whose state is not
// finite.
func (u *unit) locate(s int) failure {
	vars := len(u.y) / max(u.n, 1)
	for j := range u.n {
		for v := range vars {
			if x := u.y[v*u.n+j]; math.IsNaN(x) || math.IsInf(x, 0) {
				return failure{step: s, neuron: u.off + j, v: v, value: x}
			}
		}
	}
	return failure{step: -1}
}
