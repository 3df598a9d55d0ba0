package integrate

// Euler is the explicit (forward) Euler method, first order:
//
//	y(t+dt) = y(t) + dt*f(t, y(t))
type Euler struct {
	k []float64
}

// NewEuler returns forward Euler for a state of length n.
func NewEuler(n int) *Euler { return &Euler{k: make([]float64, n)} }

// Name returns "euler".
func (*Euler) Name() string { return "euler" }

// Order returns 1.
func (*Euler) Order() int { return 1 }

// Step advances y from t to t+dt.
func (e *Euler) Step(sys System, t, dt float64, y []float64) {
	checkLen("euler", len(e.k), y)
	k := e.k
	sys.Derivative(k, t, y)
	k = k[:len(y)]
	for i := range y {
		y[i] += dt * k[i]
	}
}
