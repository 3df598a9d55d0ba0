package synapse

import (
	"fmt"
	"math"

	"gospike/neuron"
)

// Kind is a receptor's kinetics: how a spike's weight acts on the
// post-synaptic neuron.
type Kind uint8

// Receptor kinds, as scenario files spell them (see Kind.String).
const (
	Delta            Kind = iota // the weight jumps V (mV); no state
	ExpCurrent                   // I, dI/dt = -I/tau; input current I
	ExpConductance               // g, dg/dt = -g/tau; input g (E_rev - V)
	AlphaCurrent                 // g, h: alpha-shaped current g
	AlphaConductance             // g, h: alpha-shaped conductance g
)

var kindNames = [...]string{"delta", "exp-current", "exp-conductance", "alpha-current", "alpha-conductance"}

// Kinds lists every receptor kind's name, as scenario files spell them.
func Kinds() []string { return append([]string(nil), kindNames[:]...) }

// String returns the kind's name as scenario files spell it.
func (k Kind) String() string {
	if int(k) < len(kindNames) {
		return kindNames[k]
	}
	return fmt.Sprintf("Kind(%d)", int(k))
}

// ParseKind returns the kind called name ("delta", "exp-current",
// "exp-conductance", "alpha-current", "alpha-conductance").
func ParseKind(name string) (Kind, error) {
	for i, s := range kindNames {
		if s == name {
			return Kind(i), nil
		}
	}
	return 0, fmt.Errorf("synapse: unknown receptor kind %q (known: %v)", name, kindNames)
}

// Vars returns the number of state variables per neuron the kind adds to
// the post-synaptic neuron's ODE: 0 (delta), 1 (exp), 2 (alpha).
func (k Kind) Vars() int {
	switch k {
	case Delta:
		return 0
	case ExpCurrent, ExpConductance:
		return 1
	case AlphaCurrent, AlphaConductance:
		return 2
	}
	panic("synapse: invalid receptor kind")
}

// Conductance reports whether the kind's state is a conductance (its
// weights are in the model's conductance unit and must not be negative).
func (k Kind) Conductance() bool { return k == ExpConductance || k == AlphaConductance }

// Alpha reports whether the kind has alpha kinetics (two variables).
func (k Kind) Alpha() bool { return k == AlphaCurrent || k == AlphaConductance }

// Receptor is a receptor type on a post-synaptic population: its kinetics
// and, for the conductance kinds, its reversal potential. Projections and
// stimuli with equal Receptors onto one population share one receptor
// state (the dynamics are linear in the state, so the sum of their inputs
// is the same as separate states would give).
//
// Units: Tau in ms, ERev in mV. Weights arriving at the receptor are in the
// post-synaptic model's units (neuron.Model.Units): mV for Delta, the
// current unit for the current kinds, the conductance unit for the
// conductance kinds.
type Receptor struct {
	Kind Kind
	Tau  float64 // ms, decay (exp) or rise-and-decay (alpha) time constant; unused by Delta
	ERev float64 // mV, reversal potential; conductance kinds only
	// Name, optional, is the name of the receptor's state variable in
	// traces and initial values ("ge"); alpha kinds add Name+"_h" for
	// their second variable. Receptors with different names never share
	// state. Delta receptors have no state and ignore it.
	Name string
}

// Canonical returns r with the fields its kind does not use set to zero,
// so that receptors that act alike compare equal.
func (r Receptor) Canonical() Receptor {
	switch r.Kind {
	case Delta:
		return Receptor{Kind: Delta}
	case ExpCurrent, AlphaCurrent:
		r.ERev = 0
	}
	return r
}

// Validate reports whether r's fields make sense for its kind.
func (r Receptor) Validate() error {
	if int(r.Kind) >= len(kindNames) {
		return fmt.Errorf("synapse: invalid receptor kind %d", int(r.Kind))
	}
	if r.Kind == Delta {
		return nil
	}
	if !(r.Tau > 0) || math.IsInf(r.Tau, 0) {
		return fmt.Errorf("synapse: %s receptor: tau = %g ms: must be a finite time > 0 ms", r.Kind, r.Tau)
	}
	if r.Kind.Conductance() && (math.IsNaN(r.ERev) || math.IsInf(r.ERev, 0)) {
		return fmt.Errorf("synapse: %s receptor: e_rev = %g mV: must be finite", r.Kind, r.ERev)
	}
	return nil
}

// String describes r as a scenario would: "exp-conductance tau 5 ms e_rev 0 mV".
func (r Receptor) String() string {
	switch {
	case r.Kind == Delta:
		return "delta"
	case r.Kind.Conductance():
		return fmt.Sprintf("%s tau %g ms e_rev %g mV", r.Kind, r.Tau, r.ERev)
	}
	return fmt.Sprintf("%s tau %g ms", r.Kind, r.Tau)
}

// VarNames returns the names of the receptor's state variables, using
// fallback when r.Name is empty: [] (delta), [name] (exp), [name, name_h]
// (alpha).
func (r Receptor) VarNames(fallback string) []string {
	name := r.Name
	if name == "" {
		name = fallback
	}
	switch r.Kind.Vars() {
	case 1:
		return []string{name}
	case 2:
		return []string{name, name + "_h"}
	}
	return nil
}

// The state of a receptor on a block of n neurons is Kind.Vars()*n values,
// variable-major: s[:n] is g (or I), and for alpha kinds s[n:2n] is h.
//
// Alpha kinetics, normalised as NEST's iaf_psc_alpha / iaf_cond_alpha:
//
//	dg/dt = (h - g)/tau,   dh/dt = -h/tau,   a spike of weight w adds e*w to h
//
// so that g(t) = w (t/tau) exp(1 - t/tau): the peak is w, at t = tau.

// Derivative writes ds/dt of the receptor state s of a block into dst.
func (r Receptor) Derivative(dst, s []float64) {
	switch r.Kind {
	case Delta:
	case ExpCurrent, ExpConductance:
		k := -1 / r.Tau
		dst = dst[:len(s)]
		for j, g := range s {
			dst[j] = k * g
		}
	case AlphaCurrent, AlphaConductance:
		n := len(s) / 2
		k := 1 / r.Tau
		g, h := s[:n], s[n:2*n]
		dg, dh := dst[:n], dst[n:2*n]
		for j := range g {
			dg[j] = k * (h[j] - g[j])
			dh[j] = -k * h[j]
		}
	}
}

// Linear writes the linear form ds/dt = a + b*s of the receptor state s of
// a block (exponential Euler): exp: a = 0, b = -1/tau; alpha: for g,
// a = h/tau, b = -1/tau, for h, a = 0, b = -1/tau.
func (r Receptor) Linear(a, b, s []float64) {
	if r.Kind == Delta {
		return
	}
	k := -1 / r.Tau
	a, b = a[:len(s)], b[:len(s)]
	for j := range b {
		b[j] = k
	}
	switch r.Kind {
	case ExpCurrent, ExpConductance:
		clear(a)
	case AlphaCurrent, AlphaConductance:
		n := len(s) / 2
		h := s[n:]
		for j := range n {
			a[j] = -k * h[j]
		}
		clear(a[n:])
	}
}

// AddInput adds the receptor's contribution, given its state s of a block,
// to the input of the block: a current I adds to A; a conductance g with
// reversal potential E_rev adds g*E_rev to A and g to B (the current is
// then g (E_rev - V)).
func (r Receptor) AddInput(in neuron.Input, s []float64) {
	if r.Kind == Delta {
		return
	}
	n := len(in.A)
	g := s[:n]
	A := in.A[:n]
	if r.Kind.Conductance() {
		B := in.B[:n]
		e := r.ERev
		for j, x := range g {
			A[j] += float64(x * e)
			B[j] += x
		}
		return
	}
	for j, x := range g {
		A[j] += x
	}
}

// ArrivalScale is the factor by which a weight is multiplied when added to
// the variable that receives it: 1 for exp kinds (into g) and e for alpha
// kinds (into h), so that an alpha response peaks at the weight.
func (r Receptor) ArrivalScale() float64 {
	if r.Kind.Alpha() {
		return math.E
	}
	return 1
}

// Target returns the part of the block's state s (n neurons) that arriving
// weights are added to: g for exp kinds, h for alpha kinds, nil for delta.
func (r Receptor) Target(s []float64, n int) []float64 {
	switch r.Kind.Vars() {
	case 1:
		return s[:n]
	case 2:
		return s[n : 2*n]
	}
	return nil
}

// Take adds the weights w that arrive now (one per neuron of the block,
// as a Ring slot holds them) into the receptor state s, scaled by
// ArrivalScale, and sets w to zero.
func (r Receptor) Take(s, w []float64) {
	n := len(w)
	dst := r.Target(s, n)
	if r.Kind.Alpha() {
		for j, x := range w {
			dst[j] += math.E * x
		}
	} else {
		for j, x := range w {
			dst[j] += x
		}
	}
	clear(w)
}

// TakeSparse is Take for the weights w of the neurons idx only, as
// Ring.DueSparse gives them (repeats allowed): it adds w[j] for each j
// in idx into the receptor state s, scaled by ArrivalScale, and sets
// w[j] to zero.
func (r Receptor) TakeSparse(s, w []float64, idx Written) {
	n := len(w)
	dst := r.Target(s, n)
	dst = dst[:n]
	scale := 1.0
	if r.Kind.Alpha() {
		scale = math.E
	}
	idx.AddTo(dst, w, scale)
}

// takeRow adds scale w[j] into dst[j] and zeroes w[j], for each j of js.
func takeRow[T index](dst, w []float64, js []T, scale float64) {
	if scale != 1 {
		for _, j := range js {
			dst[j] += scale * w[j]
			w[j] = 0
		}
		return
	}
	for _, j := range js {
		dst[j] += w[j]
		w[j] = 0
	}
}

// Exact returns the view of an exp-current receptor's state s of a block
// as an exponentially decaying input current, for the exact method
// (neuron.Exact), which advances it in place. Delta receptors need no view
// (ok is false, err nil); conductance and alpha kinds cannot be integrated
// exactly and return an error.
func (r Receptor) Exact(s []float64) (c neuron.ExpCurrent, ok bool, err error) {
	switch r.Kind {
	case Delta:
		return neuron.ExpCurrent{}, false, nil
	case ExpCurrent:
		return neuron.ExpCurrent{Tau: r.Tau, I: s}, true, nil
	}
	return neuron.ExpCurrent{}, false, fmt.Errorf("synapse: a %s receptor cannot be integrated by method exact (which takes constant and exponentially decaying currents only): use delta or exp-current synapses, or method rk4 or exponential-euler", r.Kind)
}

// Kernel returns the analytic response of the receptor's first state
// variable (the current or conductance) at time t >= 0 after a single
// weight w arrived at t = 0 into a resting state: w exp(-t/tau) (exp) or
// w (t/tau) exp(1 - t/tau) (alpha). Delta has no state and returns 0.
func (r Receptor) Kernel(w, t float64) float64 {
	if t < 0 {
		return 0
	}
	switch r.Kind {
	case ExpCurrent, ExpConductance:
		return w * math.Exp(-t/r.Tau)
	case AlphaCurrent, AlphaConductance:
		x := t / r.Tau
		return w * x * math.Exp(1-x)
	}
	return 0
}
