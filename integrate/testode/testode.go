package testode

import (
	"math"

	"gospike/integrate"
)

// Problem is an initial value problem on [0, inf) with a known solution.
type Problem interface {
	integrate.System
	// Name says what the problem is, for test names.
	Name() string
	// Len is the length of the state.
	Len() int
	// Exact writes the exact solution at time t into dst; Exact(dst, 0) is
	// the initial value.
	Exact(dst []float64, t float64)
}

var (
	_ integrate.Linearizer = (*Decay)(nil)
	_ integrate.Linearizer = (*Oscillator)(nil)
	_ integrate.Linearizer = (*LIFMembrane)(nil)
	_ integrate.Linearizer = (*Coupled)(nil)
)

// Decay is a set of independent exponential decays,
//
//	dy_i/dt = -Rate_i y_i,  y_i(t) = Y0_i exp(-Rate_i t).
//
// It is linear with constant coefficients: a_i = 0, b_i = -Rate_i.
type Decay struct {
	Rate []float64 // decay rates, 1/(unit of t)
	Y0   []float64 // initial values; len(Y0) == len(Rate)
}

// NewDecay returns n decays from y_i(0) = 1 with rates spread evenly over
// [1, 2] (a single decay of rate 1 for n = 1).
func NewDecay(n int) *Decay {
	d := &Decay{Rate: make([]float64, n), Y0: make([]float64, n)}
	for i := range d.Rate {
		d.Rate[i] = 1
		if n > 1 {
			d.Rate[i] += float64(i) / float64(n-1)
		}
		d.Y0[i] = 1
	}
	return d
}

// Name returns "decay".
func (*Decay) Name() string { return "decay" }

// Len returns len(Rate).
func (d *Decay) Len() int { return len(d.Rate) }

// Derivative implements integrate.System.
func (d *Decay) Derivative(dst []float64, _ float64, y []float64) {
	rate := d.Rate[:len(y)]
	dst = dst[:len(y)]
	for i, v := range y {
		dst[i] = -rate[i] * v
	}
}

// Linear implements integrate.Linearizer.
func (d *Decay) Linear(a, b []float64, _ float64, y []float64) {
	rate := d.Rate[:len(y)]
	a, b = a[:len(y)], b[:len(y)]
	for i := range y {
		a[i], b[i] = 0, -rate[i]
	}
}

// Exact implements Problem.
func (d *Decay) Exact(dst []float64, t float64) {
	for i := range dst {
		dst[i] = d.Y0[i] * math.Exp(-d.Rate[i]*t)
	}
}

// Oscillator is the harmonic oscillator, state (x, v):
//
//	dx/dt = v, dv/dt = -Omega^2 x,
//	x(t) = X0 cos(Omega t) + V0/Omega sin(Omega t).
//
// Its Linear form has b = 0 (a = v for x, a = -Omega^2 x for v), so
// exponential Euler reduces to forward Euler on it.
type Oscillator struct {
	Omega  float64 // angular frequency, rad/(unit of t); > 0
	X0, V0 float64 // initial position and velocity
}

// Name returns "oscillator".
func (*Oscillator) Name() string { return "oscillator" }

// Len returns 2.
func (*Oscillator) Len() int { return 2 }

// Derivative implements integrate.System.
func (o *Oscillator) Derivative(dst []float64, _ float64, y []float64) {
	dst[0], dst[1] = y[1], -o.Omega*o.Omega*y[0]
}

// Linear implements integrate.Linearizer.
func (o *Oscillator) Linear(a, b []float64, _ float64, y []float64) {
	a[0], b[0] = y[1], 0
	a[1], b[1] = -o.Omega*o.Omega*y[0], 0
}

// Exact implements Problem.
func (o *Oscillator) Exact(dst []float64, t float64) {
	s, c := math.Sincos(o.Omega * t)
	dst[0] = o.X0*c + o.V0/o.Omega*s
	dst[1] = -o.X0*o.Omega*s + o.V0*c
}

// LIFMembrane is the subthreshold membrane of a leaky integrate-and-fire
// neuron under a constant current (no threshold, no reset):
//
//	tau_m dV/dt = E_L - V + R I,
//	V(t) = V_inf + (V0 - V_inf) exp(-t/tau_m),  V_inf = E_L + R I.
//
// Units: mV, ms, MOhm, nA. It is linear with constant coefficients:
// a = (E_L + R I)/tau_m, b = -1/tau_m.
type LIFMembrane struct {
	EL   float64 // resting potential, mV
	R    float64 // membrane resistance, MOhm
	I    float64 // input current, nA
	TauM float64 // membrane time constant, ms; > 0
	V0   float64 // V(0), mV
}

// NewLIFMembrane returns the membrane of the reference LIF (tau_m = 10 ms,
// E_L = -65 mV, threshold -50 mV; the project's reference lif_fI.csv,
// scripts/lif_brian2.py) with
// R = 10 MOhm, from rest, under I = 1.2 nA: V_inf = -53 mV, 3 mV below
// threshold.
func NewLIFMembrane() *LIFMembrane {
	return &LIFMembrane{EL: -65, R: 10, I: 1.2, TauM: 10, V0: -65}
}

// Name returns "lif-membrane".
func (*LIFMembrane) Name() string { return "lif-membrane" }

// Len returns 1.
func (*LIFMembrane) Len() int { return 1 }

// Derivative implements integrate.System.
func (m *LIFMembrane) Derivative(dst []float64, _ float64, y []float64) {
	dst[0] = (m.EL - y[0] + m.R*m.I) / m.TauM
}

// Linear implements integrate.Linearizer.
func (m *LIFMembrane) Linear(a, b []float64, _ float64, _ []float64) {
	a[0], b[0] = (m.EL+m.R*m.I)/m.TauM, -1/m.TauM
}

// Exact implements Problem.
func (m *LIFMembrane) Exact(dst []float64, t float64) {
	vInf := m.EL + m.R*m.I
	dst[0] = vInf + (m.V0-vInf)*math.Exp(-t/m.TauM)
}

// Crossing returns the time at which V reaches v, and false if it never
// does (v not strictly between V0 and V_inf):
//
//	t = tau_m ln((V0 - V_inf) / (v - V_inf)).
func (m *LIFMembrane) Crossing(v float64) (float64, bool) {
	vInf := m.EL + m.R*m.I
	r := (m.V0 - vInf) / (v - vInf)
	if !(r > 1) || math.IsInf(r, 0) {
		return 0, false
	}
	return m.TauM * math.Log(r), true
}

// Coupled is a nonlinear, conditionally linear system: y2 decays and sets
// the decay rate of y1,
//
//	dy1/dt = -y2 y1,  dy2/dt = -y2,
//	y2(t) = Y20 exp(-t),  y1(t) = Y10 exp(Y20 (exp(-t) - 1)),
//
// the second from y1 = Y10 exp(-int_0^t y2). In Linear form
// a = (0, 0), b = (-y2, -1): b_1 depends on y2 only, not on y1.
type Coupled struct {
	Y10, Y20 float64
}

// Name returns "coupled".
func (*Coupled) Name() string { return "coupled" }

// Len returns 2.
func (*Coupled) Len() int { return 2 }

// Derivative implements integrate.System.
func (c *Coupled) Derivative(dst []float64, _ float64, y []float64) {
	dst[0], dst[1] = -y[1]*y[0], -y[1]
}

// Linear implements integrate.Linearizer.
func (c *Coupled) Linear(a, b []float64, _ float64, y []float64) {
	a[0], b[0] = 0, -y[1]
	a[1], b[1] = 0, -1
}

// Exact implements Problem.
func (c *Coupled) Exact(dst []float64, t float64) {
	e := math.Exp(-t)
	dst[0] = c.Y10 * math.Exp(c.Y20*(e-1))
	dst[1] = c.Y20 * e
}
