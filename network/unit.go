package network

import (
	"math"
	"sync/atomic"

	"gospike/integrate"
	"gospike/integrate/fastexp"
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
	// bias: under method exact, every current stimulus is uniform, so the
	// step's sum goes to the model as exIn.Bias, not per neuron in stim
	// (the exact LIF's vector kernels take it with the constants).
	bias bool
	// expEuler: the method is exponential Euler over the model variables
	// only (y[:K*n]), seen through expModel, and the receptor variables
	// are advanced by it afterwards with their constant factors
	// (recState.em1): their b = -1/tau never changes, so expm1(b dt) is
	// computed once, not per neuron and step.
	expEuler bool
	// split: exponential Euler in two parts (prepare, then the rest of
	// step), for a population whose model only takes the input into V
	// (neuron.LinearSplit) and a unit whose arrivals never touch V, nil
	// otherwise; a and b are its linear forms, ready the step prepared
	// (-1: none).
	split neuron.LinearSplit
	a, b  []float64
	ready int
	// fused: exponential Euler's whole step (the input, the model, the
	// receptors' decay, AfterStep) in one pass of the model
	// (neuron.ExpEulerStepper), where the model takes this unit's
	// receptors (unit.fuses); nil otherwise. fin is its input, the
	// receptor variables and the held stimulus current.
	fused neuron.ExpEulerStepper
	fin   neuron.ExpEulerInput
	// alphas: some receptors are alpha kinds, which the fused step takes
	// as inputs (their g) but does not advance (Em1 0: g + g*0 = g):
	// stepReceptors(true) advances their g and h after it.
	alphas bool

	recs    []recState
	delta   *synapse.Ring // delta input into V, or nil
	inputs  []inbound
	touched uint32 // CSR.Touch's values (kept only so that the reads are made)

	events   []*event   // Poisson and spike-generator input, in stimulus order
	currents []*current // dc, step, noise, in stimulus order

	probes []probe

	// The spikes of the current and of the previous block (double
	// buffered: the other workers read the previous block's while this
	// one writes the current one's), and where each step's spikes begin.
	spikes  [2][]neuron.Spike
	stepOff [2][]int

	fail failure

	// state is 4*b + phase (phRunning ...) for the block b the unit is
	// in; the workers claim units through it (Network.loop).
	state atomic.Int64
}

// recState is one receptor's state on a unit.
type recState struct {
	r      synapse.Receptor
	lo, hi int // its variables in y
	target []float64
	ring   *synapse.Ring
	em1    float64 // expm1(-dt/tau), for exponential Euler (unit.expEuler)
}

// inbound is a projection's synapses onto a unit.
type inbound struct {
	csr    *synapse.CSR
	ring   *synapse.Ring
	target []float64 // the receptor's arriving variable (V for delta)
	scale  float64   // its arrival scale
	from   *popState
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

// expModel is a unit seen by exponential Euler when its receptor
// variables are advanced apart (unit.expEuler): the system is the model
// variables, y[:K*n], and the input comes from the receptor variables at
// the start of the step, which is where exponential Euler evaluates a
// and b anyway.
type expModel unit

// Derivative implements integrate.System (exponential Euler does not
// call it).
func (m *expModel) Derivative(dst []float64, _ float64, y []float64) {
	u := (*unit)(m)
	u.input(u.y)
	u.pop.pop.Derivative(dst, y, u.off, u.in)
}

// Linear implements integrate.Linearizer.
func (m *expModel) Linear(a, b []float64, _ float64, y []float64) {
	u := (*unit)(m)
	u.input(u.y)
	u.pop.lin.Linear(a, b, y, u.off, u.in)
}

// stepReceptors advances the receptor variables by one exponential-Euler
// step, with a and b evaluated at the start of the step as the method
// does: for b = -1/tau, y + (a + b y) expm1(b dt)/b is
//
//	exp kinds:   g + g em1                     (a = 0)
//	alpha kinds: g + (g - h) em1,  h + h em1   (for g, a = h/tau)
//
// with em1 = expm1(-dt/tau) computed once: the exact solution for the
// exp kinds, and for h. With alphaOnly, only the alpha kinds (a fused
// step advanced the others).
func (u *unit) stepReceptors(alphaOnly bool) {
	n := u.n
	for i := range u.recs {
		r := &u.recs[i]
		em1 := r.em1
		s := u.y[r.lo:r.hi]
		if alphaOnly && !r.r.Kind.Alpha() {
			continue
		}
		if r.r.Kind.Alpha() {
			g, h := s[:n], s[n:2*n]
			h = h[:len(g)]
			for j, x := range g {
				y := h[j]
				g[j] = x + float64((x-y)*em1)
				h[j] = y + float64(y*em1)
			}
			continue
		}
		for j, x := range s {
			s[j] = x + float64(x*em1)
		}
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
		if w, idx, all := u.delta.DueSparse(s); all {
			v := u.v[:len(w)]
			for j, x := range w {
				v[j] += x
			}
			clear(w)
		} else if w != nil {
			idx.AddTo(u.v[:len(w)], w, 1)
		}
	}
	for i := range u.recs {
		r := &u.recs[i]
		if w, idx, all := r.ring.DueSparse(s); all {
			r.r.Take(u.y[r.lo:r.hi], w)
		} else if w != nil {
			r.r.TakeSparse(u.y[r.lo:r.hi], w, idx)
		}
	}
	for _, e := range u.events {
		e.apply(s)
	}
}

// directDelivery lets deliver add spikes straight into the receptors
// (tests turn it off to compare with the ring).
var directDelivery = true

// deliver walks the spikes of the previous block, steps [s0, s0+m), of
// every shard of each source population, in step, then neuron order,
// through this unit's synapses into its rings. It first reads the rows
// those spikes will walk, a target per cache line (CSR.Touch), in a loop
// short enough for their cache misses to overlap rather than come one
// spike after another (a large network's rows are tens of MB). Spikes of a
// projection with one delay (CSR.NowDelay) that arrive at the block's
// first step, s0+m, go straight into the receptor's variable
// (CSR.AddNow): that step would take them from the ring before anything
// reads the variable, and this spares the ring's slot and the pass that
// takes it. The sums are taken in the spikes' order for any sharding.
func (u *unit) deliver(par, s0, m int) {
	for _, in := range u.inputs {
		var touched uint32
		for k := range m {
			for _, src := range in.from.units {
				off := src.stepOff[par]
				for _, sp := range src.spikes[par][off[k]:off[k+1]] {
					touched ^= in.csr.Touch(sp.Neuron)
				}
			}
		}
		u.touched ^= touched
		d, direct := in.csr.NowDelay()
		direct = direct && directDelivery
		for k := range m {
			stamp := s0 + k + 1
			now := direct && stamp+d == s0+m
			for _, src := range in.from.units {
				off := src.stepOff[par]
				for _, sp := range src.spikes[par][off[k]:off[k+1]] {
					if now {
						in.csr.AddNow(in.target, in.scale, sp.Neuron)
					} else {
						in.csr.Deliver(in.ring, sp.Neuron, stamp)
					}
				}
			}
		}
	}
}

// step advances the unit by step s (from s*dt to (s+1)*dt): arrivals,
// recording, stimulus current, integration, threshold and reset. k is
// the step's index in the block, par the block's buffer, last the run's
// last step. It reports whether the state stayed finite.
func (u *unit) step(s, k, par, last int, dt float64, cols [][]float64) bool {
	if u.split != nil && u.ready != s {
		u.prepare(s, dt, cols)
	}
	u.arrive(s)
	for _, p := range u.probes {
		if u.split == nil || p.idx >= len(u.model) { // (prepare recorded the model's)
			cols[p.col][s] = u.y[p.idx]
		}
	}
	switch {
	case u.bias:
		x := 0.0 // summed as addTo sums into a cleared stim
		for _, c := range u.currents {
			x += c.uniformAt(s)
		}
		u.exIn.Bias = x
	case u.stim != nil:
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
	} else if u.split != nil {
		n := u.n
		u.input(u.y)
		u.split.LinearV(u.a[:n], u.b[:n], u.off, u.in)
		fastexp.ExpEuler(u.v, u.a[:n], u.b[:n], dt)
		u.stepReceptors(false)
		spikes = u.pop.pop.AfterStep(spikes, u.prev, u.model, u.off, t, dt)
	} else if u.fused != nil {
		spikes = u.fused.StepExpEuler(spikes, u.model, u.prev, u.off, t, dt, u.fin)
		if u.alphas {
			u.stepReceptors(true)
		}
	} else if u.expEuler {
		copy(u.prev, u.v)
		u.method.Step((*expModel)(u), t, dt, u.model)
		u.stepReceptors(false)
		spikes = u.pop.pop.AfterStep(spikes, u.prev, u.model, u.off, t, dt)
	} else {
		copy(u.prev, u.v)
		u.method.Step(u, t, dt, u.y)
		spikes = u.pop.pop.AfterStep(spikes, u.prev, u.model, u.off, t, dt)
	}
	u.spikes[par] = spikes
	u.stepOff[par][k+1] = len(spikes)
	// V every step (but with exact integration); every variable every
	// fullCheckEvery steps and at the last step of the run (see
	// fullCheckEvery).
	var check []float64
	switch {
	case (s+1)%fullCheckEvery == 0 || s == last:
		check = u.y
	case u.exact == nil:
		check = u.v
	default:
		return true
	}
	if finiteSum(check) {
		return true
	}
	if f := u.locate(s); f.step >= 0 {
		u.fail = f
		return false
	}
	return true // a sum of huge finite values overflowed: nothing diverged
}

// prepare does the part of step s that needs none of the step's input (a
// split unit's): it records the model's variables, which the arrivals do
// not change, keeps V, and advances every variable but V by exponential
// Euler (neuron.LinearSplit), leaving V's input-free terms in the first
// rows of a and b for step to complete. A worker prepares the first step
// of the next block while it waits for the others (Network.loop).
func (u *unit) prepare(s int, dt float64, cols [][]float64) {
	n := u.n
	for _, p := range u.probes {
		if p.idx < len(u.model) {
			cols[p.col][s] = u.y[p.idx]
		}
	}
	copy(u.prev, u.v)
	u.split.LinearGates(u.a, u.b, u.model, u.off)
	fastexp.ExpEuler(u.model[n:], u.a[n:], u.b[n:], dt)
	u.ready = s
}

// fusedSteps lets units take fused exponential-Euler steps (tests turn
// it off to compare).
var fusedSteps = true

// fuses decides whether the unit takes its exponential-Euler steps in
// one pass of its model (unit.fused; stepsFused, which the layout's
// costs also ask). The exp kinds' decay is the fused step's (the same
// arithmetic as stepReceptors'); an alpha kind is an input through its
// g, left as it is by the step (Em1 0), and advanced after it.
func (u *unit) fuses() {
	st := stepsFused(u.pop.pop, u.pop.method, u.pop.recs) // (never a population that splits)
	if st == nil {
		return
	}
	in := neuron.ExpEulerInput{I: u.stim}
	for _, r := range u.recs {
		d := neuron.Decaying{G: u.y[r.lo : r.lo+u.n], Em1: r.em1, Conductance: r.r.Kind.Conductance(), ERev: r.r.ERev}
		if r.r.Kind.Alpha() {
			d.Em1 = 0
			u.alphas = true
		}
		in.Decay = append(in.Decay, d)
	}
	u.fused, u.fin = st, in
	u.method = nil // (the whole step's workspace, not needed)
}

// splitSteps lets units step in two parts (tests turn it off to compare).
var splitSteps = true

// splits decides whether the unit steps in two parts (unit.split): its
// method is exponential Euler, its model a neuron.LinearSplit, and
// nothing it receives (delta synapses, Poisson or spike-generator events)
// arrives at V.
func (u *unit) splits() {
	ls, ok := u.pop.lin.(neuron.LinearSplit)
	if !u.expEuler || !ok || u.delta != nil || !splitSteps {
		return
	}
	for _, e := range u.events {
		if len(e.dst) > 0 && &e.dst[0] == &u.v[0] {
			return
		}
	}
	u.split = ls
	u.a = make([]float64, len(u.model))
	u.b = make([]float64, len(u.model))
	u.ready = -1
	u.method = nil // (the whole step's workspace, not needed)
}

// fullCheckEvery is how often (in steps) every state variable is checked
// for NaN and Inf; V is checked every step, but with exact integration.
// Every variable of the models and receptors here enters dV/dt (a NaN or
// Inf in any of them makes V NaN or infinite within a step, or, for a LIF
// neuron, when its refractory period ends), so a divergence of Euler,
// RK4 or exponential Euler is almost always caught at the step it
// happens, by V; a variable that goes wrong on its own is caught within
// fullCheckEvery steps, and named, with the time of the step it was
// caught at. Exact integration cannot diverge (it only sums finite
// weights into decaying variables): it is checked every fullCheckEvery
// steps, against absurd inputs. The check of V costs 10 % of an exact LIF
// step on the vector kernel; of every variable, three times that.
const fullCheckEvery = 16

// finiteSum reports whether the sum of y is finite, that is (but for an
// overflow of huge finite values, which the caller checks with locate)
// whether every value of y is: a NaN or an Inf makes the sum NaN or
// infinite. One addition per value, on eight independent chains.
func finiteSum(y []float64) bool {
	var a0, a1, a2, a3, a4, a5, a6, a7 float64
	i := 0
	for ; i+8 <= len(y); i += 8 {
		x := y[i : i+8 : i+8]
		a0 += x[0]
		a1 += x[1]
		a2 += x[2]
		a3 += x[3]
		a4 += x[4]
		a5 += x[5]
		a6 += x[6]
		a7 += x[7]
	}
	for ; i < len(y); i++ {
		a0 += y[i]
	}
	s := ((a0 + a1) + (a2 + a3)) + ((a4 + a5) + (a6 + a7))
	return s-s == 0
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
