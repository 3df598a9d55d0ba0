package integrate

// RK4 is the classic fourth-order Runge-Kutta method:
//
//	k1 = f(t, y)
//	k2 = f(t + dt/2, y + dt/2 k1)
//	k3 = f(t + dt/2, y + dt/2 k2)
//	k4 = f(t + dt, y + dt k3)
//	y(t+dt) = y + dt/6 (k1 + 2 k2 + 2 k3 + k4)
type RK4 struct {
	k1, k2, k3, k4, tmp []float64
}

// NewRK4 returns classic RK4 for a state of length n.
func NewRK4(n int) *RK4 {
	buf := make([]float64, 5*n)
	return &RK4{k1: buf[:n:n], k2: buf[n : 2*n : 2*n], k3: buf[2*n : 3*n : 3*n], k4: buf[3*n : 4*n : 4*n], tmp: buf[4*n:]}
}

// Name returns "rk4".
func (*RK4) Name() string { return "rk4" }

// Order returns 4.
func (*RK4) Order() int { return 4 }

// Step advances y from t to t+dt.
func (r *RK4) Step(sys System, t, dt float64, y []float64) {
	checkLen("rk4", len(r.k1), y)
	n := len(y)
	k1, k2, k3, k4, tmp := r.k1[:n], r.k2[:n], r.k3[:n], r.k4[:n], r.tmp[:n]
	h2 := dt / 2
	sys.Derivative(k1, t, y)
	for i := range tmp {
		tmp[i] = y[i] + h2*k1[i]
	}
	sys.Derivative(k2, t+h2, tmp)
	for i := range tmp {
		tmp[i] = y[i] + h2*k2[i]
	}
	sys.Derivative(k3, t+h2, tmp)
	for i := range tmp {
		tmp[i] = y[i] + dt*k3[i]
	}
	sys.Derivative(k4, t+dt, tmp)
	h6 := dt / 6
	for i := range y {
		y[i] += h6 * (k1[i] + 2*k2[i] + 2*k3[i] + k4[i])
	}
}
