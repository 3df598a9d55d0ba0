package synapse

import (
	"math"
	"testing"

	"gonum.org/v1/gonum/floats/scalar"

	"gospike/integrate"
	"gospike/neuron"
)

// receptorSystem is one receptor's state for a block, as an ODE.
type receptorSystem struct{ r Receptor }

func (s receptorSystem) Derivative(dst []float64, _ float64, y []float64) { s.r.Derivative(dst, y) }
func (s receptorSystem) Linear(a, b []float64, _ float64, y []float64)    { s.r.Linear(a, b, y) }

// TestReceptorKernels integrates each receptor's ODE after one weight
// arrives (Take, from a Ring slot) and compares its first variable with
// the analytic kernel: w exp(-t/tau) (exp kinds) and
// w (t/tau) exp(1 - t/tau) (alpha kinds, NEST's normalisation: the peak
// is w at t = tau). RK4 at dt = 0.01 ms has a local error of order
// (dt/tau)^5/120 ~ 3e-14 relative per step, far below the tolerance.
func TestReceptorKernels(t *testing.T) {
	const (
		dt  = 0.01
		w   = 2.5
		tol = 1e-6
	)
	for _, k := range []Kind{ExpCurrent, ExpConductance, AlphaCurrent, AlphaConductance} {
		r := Receptor{Kind: k, Tau: 3, ERev: -80}
		n := 3 // three neurons, the weight goes to neuron 1
		s := make([]float64, k.Vars()*n)
		ring := NewRing(n, 5)
		ring.Add(2, 1, w)
		if ring.Due(0) != nil || ring.Due(1) != nil {
			t.Fatalf("%s: weight due before its step", k)
		}
		r.Take(s, ring.Due(2))
		if ring.Due(2) != nil {
			t.Fatalf("%s: slot still due after Take", k)
		}
		m := integrate.NewRK4(len(s))
		peak, tPeak := 0.0, 0.0
		for step := 1; step <= 2000; step++ {
			m.Step(receptorSystem{r}, 0, dt, s)
			tt := float64(step) * dt
			want := r.Kernel(w, tt)
			if got := s[1]; !scalar.EqualWithinRel(got, want, tol) {
				t.Fatalf("%s: at t = %g ms, state %g, kernel %g", k, tt, got, want)
			}
			if s[0] != 0 || s[2] != 0 {
				t.Fatalf("%s: weight leaked to other neurons", k)
			}
			if s[1] > peak {
				peak, tPeak = s[1], tt
			}
		}
		if k.Alpha() && (!scalar.EqualWithinRel(peak, w, tol) || math.Abs(tPeak-r.Tau) > dt/2) {
			t.Errorf("%s: peak %g at %g ms, want %g at tau = %g ms", k, peak, tPeak, w, r.Tau)
		}
	}
}

// TestExpKindsExactUnderExpEuler: exponential Euler is exact for
// dg/dt = -g/tau (a = 0, b = -1/tau), so an exp receptor follows its
// kernel to rounding.
func TestExpKindsExactUnderExpEuler(t *testing.T) {
	r := Receptor{Kind: ExpConductance, Tau: 5, ERev: 0}
	s := []float64{6}
	m := integrate.NewExpEuler(1)
	for step := 1; step <= 1000; step++ {
		m.Step(receptorSystem{r}, 0, 0.1, s)
		if want := r.Kernel(6, float64(step)*0.1); !scalar.EqualWithinRel(s[0], want, 1e-12) {
			t.Fatalf("step %d: %g, kernel %g", step, s[0], want)
		}
	}
}

func TestAddInput(t *testing.T) {
	in := neuron.Input{A: []float64{1, 1}, B: []float64{0, 0}}
	Receptor{Kind: ExpConductance, Tau: 5, ERev: -80}.AddInput(in, []float64{2, 3})
	Receptor{Kind: AlphaCurrent, Tau: 5}.AddInput(in, []float64{10, 20, 99, 99})
	// A = 1 + g E_rev + I, B = g.
	if in.A[0] != 1-160+10 || in.A[1] != 1-240+20 || in.B[0] != 2 || in.B[1] != 3 {
		t.Errorf("input %v", in)
	}
}

func TestExactView(t *testing.T) {
	s := []float64{1, 2}
	c, ok, err := Receptor{Kind: ExpCurrent, Tau: 5}.Exact(s)
	if err != nil || !ok || c.Tau != 5 || &c.I[0] != &s[0] {
		t.Errorf("exp-current view: %v %v %v", c, ok, err)
	}
	if _, ok, err := (Receptor{Kind: Delta}).Exact(nil); ok || err != nil {
		t.Errorf("delta: %v %v", ok, err)
	}
	for _, k := range []Kind{ExpConductance, AlphaCurrent, AlphaConductance} {
		if _, _, err := (Receptor{Kind: k, Tau: 5}).Exact(s); err == nil {
			t.Errorf("%s: exact view without error", k)
		}
	}
}

// TestDeliverArrival: a spike stamped at step 10 through a synapse of
// delay 3 is due at step 13 and not before.
func TestDeliverArrival(t *testing.T) {
	c := Conn{NPre: 2, NPost: 4, Rule: Rule{Kind: AllToAll}, Weight: Fixed(0.5), Delay: Fixed(0.3)}
	csrs, err := Connect(c, 0.1, 1, 0, []int{0, 2, 4}, 1)
	if err != nil {
		t.Fatal(err)
	}
	ring := NewRing(2, 3)
	csrs[1].Deliver(ring, 1, 10)
	csrs[1].Deliver(ring, 0, 10)
	for s := 10; s < 13; s++ {
		if ring.Due(s) != nil {
			t.Fatalf("weight due at step %d", s)
		}
	}
	if got := ring.Due(13); len(got) != 2 || got[0] != 1 || got[1] != 1 {
		t.Errorf("due at step 13: %v, want [1 1]", got)
	}
}

func TestParse(t *testing.T) {
	for _, name := range Kinds() {
		k, err := ParseKind(name)
		if err != nil || k.String() != name {
			t.Errorf("ParseKind(%q) = %v, %v", name, k, err)
		}
	}
	for _, name := range Rules() {
		k, err := ParseRule(name)
		if err != nil || k.String() != name {
			t.Errorf("ParseRule(%q) = %v, %v", name, k, err)
		}
	}
	if _, err := ParseKind("exp"); err == nil {
		t.Error("ParseKind(exp): no error")
	}
}
