package integrate

import "gospike/integrate/fastexp"

// ExpEuler is the exponential Euler method for conditionally linear systems
// (see Linearizer), as Brian2's exponential_euler and, for gating
// variables, NEURON's cnexp do: with a_i and b_i evaluated at the start of
// the step and held fixed, each component is advanced exactly,
//
//	y_i(t+dt) = y_i + (a_i + b_i y_i) * expm1(b_i dt) / b_i
//
// which is y_i -> -a_i/b_i + (y_i + a_i/b_i) exp(b_i dt), and forward Euler
// where b_i = 0. First order globally, but unconditionally stable for the
// stiff linear parts (fast gates, large conductances).
type ExpEuler struct {
	a, b []float64
}

// NewExpEuler returns exponential Euler for a state of length n.
func NewExpEuler(n int) *ExpEuler {
	return &ExpEuler{a: make([]float64, n), b: make([]float64, n)}
}

// Name returns "exponential-euler".
func (*ExpEuler) Name() string { return "exponential-euler" }

// Order returns 1.
func (*ExpEuler) Order() int { return 1 }

// Step advances y from t to t+dt. sys must implement Linearizer; Step
// panics otherwise (callers check with a type assertion when they build the
// method, see New).
func (e *ExpEuler) Step(sys System, t, dt float64, y []float64) {
	checkLen("exponential-euler", len(e.a), y)
	lin, ok := sys.(Linearizer)
	if !ok {
		panic("integrate: exponential-euler: system does not implement Linearizer")
	}
	n := len(y)
	a, b := e.a[:n], e.b[:n]
	lin.Linear(a, b, t, y)
	fastexp.ExpEuler(y, a, b, dt)
}

// ExpEulerIncrement returns the exponential-Euler change of y over dt for
// dy/dt = a + b*y with a and b frozen: (a + b y) expm1(b dt)/b, or (a+b y) dt
// when b dt is zero. Step adds exactly these increments. expm1 is
// package fastexp's (within 2 units in the last place of math.Expm1,
// evaluated four components at a time where the processor allows).
func ExpEulerIncrement(a, b, y, dt float64) float64 {
	return fastexp.ExpEulerIncrement(a, b, y, dt)
}
