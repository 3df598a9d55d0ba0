package integrate

// System is an ODE dy/dt = f(t, y) on a flat slice of state.
//
// Derivative writes f(t, y) into dst. dst and y have the same length and
// never alias. Implementations must not retain either slice.
type System interface {
	Derivative(dst []float64, t float64, y []float64)
}

// Linearizer is implemented by systems whose every component can be written
// as dy_i/dt = a_i + b_i*y_i, where a_i and b_i may depend on the other
// components of y and on t but not on y_i itself (conditionally linear
// systems: Hodgkin-Huxley gates for a frozen V, V for frozen gates).
// Exponential Euler requires it.
//
// A quasi-linear split is allowed too: a_i and b_i may depend on y_i (an
// instantaneous gate such as Morris-Lecar's m_inf(V)) as long as
// a_i + b_i*y_i equals f_i(t, y) at the point of evaluation; exponential
// Euler then stays first-order consistent, though it no longer solves the
// frozen-V linear part exactly. Implementations say which they are.
//
// Linear writes a_i and b_i, evaluated at (t, y), into a and b.
type Linearizer interface {
	System
	Linear(a, b []float64, t float64, y []float64)
}

// Method advances the state of a System by one step.
//
// A Method is created for a fixed state length n and allocates its workspace
// once; Step never allocates. Step advances y in place from t to t+dt.
// A Method is not safe for concurrent use: give every goroutine its own.
type Method interface {
	// Step advances y, of the length the method was made for, from t to t+dt.
	Step(sys System, t, dt float64, y []float64)
	// Order is the global order of accuracy of the method.
	Order() int
	// Name is the method's name as scenario files spell it, e.g. "rk4".
	Name() string
}

func checkLen(name string, n int, y []float64) {
	if len(y) != n {
		panic("integrate: " + name + ": state length mismatch")
	}
}
