package integrate

import (
	"errors"
	"fmt"
	"math"
)

// Errors an adaptive integration reports, wrapped with the time and step
// size at which it happened; test for them with errors.Is.
var (
	// ErrStepSize: the step size the error control asks for is below the
	// resolution of t (a singularity, a blow-up, or a tolerance too strict
	// for float64).
	ErrStepSize = errors.New("step size underflow")
	// ErrNotFinite: the state or its derivative is NaN or infinite, at the
	// start or for every step size tried.
	ErrNotFinite = errors.New("state not finite")
	// ErrMaxSteps: Solve needed more than Settings.MaxSteps steps.
	ErrMaxSteps = errors.New("too many steps")
)

// Settings are the error-control parameters of an adaptive method.
//
// A step is accepted when every component's estimated local error is at
// most ATol + RTol*max(|y_i(t)|, |y_i(t+h)|), in the units of y_i.
type Settings struct {
	// RTol and ATol are the relative and absolute tolerances: >= 0, not
	// both 0, and RTol 0 or >= 100 eps (2.2e-14, as scipy's RK45), below
	// which rounding swamps the error estimate.
	RTol, ATol float64
	// InitialStep is the first trial step (in the unit of t); 0 lets the
	// method choose it (HNW II.4, "starting step size").
	InitialStep float64
	// MaxStep bounds every step; 0 means no bound but the interval.
	MaxStep float64
	// MaxSteps bounds the steps, accepted and rejected, of one Solve;
	// 0 means 100 000 (as Hairer's DOPRI5).
	MaxSteps int
}

func (s Settings) validate() error {
	bad := func(name string, v float64) error {
		return fmt.Errorf("integrate: dopri5: %s = %g: must be finite and >= 0", name, v)
	}
	for _, p := range []struct {
		name string
		v    float64
	}{{"RTol", s.RTol}, {"ATol", s.ATol}, {"InitialStep", s.InitialStep}, {"MaxStep", s.MaxStep}} {
		if !(p.v >= 0) || math.IsInf(p.v, 0) {
			return bad(p.name, p.v)
		}
	}
	if s.RTol == 0 && s.ATol == 0 {
		return errors.New("integrate: dopri5: RTol and ATol are both 0: give at least one tolerance")
	}
	if s.RTol > 0 && s.RTol < minRTol {
		return fmt.Errorf("integrate: dopri5: RTol = %g is below %g, where float64 rounding swamps the error estimate", s.RTol, minRTol)
	}
	if s.MaxSteps < 0 {
		return fmt.Errorf("integrate: dopri5: MaxSteps = %d: must be >= 0", s.MaxSteps)
	}
	return nil
}

// Stats counts the work of an adaptive integration.
type Stats struct {
	Steps       int // accepted steps
	Rejected    int // rejected steps
	Evaluations int // calls of System.Derivative
}

func (s Stats) sub(o Stats) Stats {
	return Stats{Steps: s.Steps - o.Steps, Rejected: s.Rejected - o.Rejected, Evaluations: s.Evaluations - o.Evaluations}
}

// Dormand-Prince 5(4) tableau (Dormand & Prince 1980; HNW I, II.5, Table 5.2),
// the error weights e = b - b^ and Shampine's (1986) dense-output weights,
// as in Hairer's dopri5.f (CDOPRI).
const (
	dpC2, dpC3, dpC4, dpC5                   = 1.0 / 5, 3.0 / 10, 4.0 / 5, 8.0 / 9
	dpA21                                    = 1.0 / 5
	dpA31, dpA32                             = 3.0 / 40, 9.0 / 40
	dpA41, dpA42, dpA43                      = 44.0 / 45, -56.0 / 15, 32.0 / 9
	dpA51, dpA52, dpA53, dpA54               = 19372.0 / 6561, -25360.0 / 2187, 64448.0 / 6561, -212.0 / 729
	dpA61, dpA62, dpA63, dpA64, dpA65        = 9017.0 / 3168, -355.0 / 33, 46732.0 / 5247, 49.0 / 176, -5103.0 / 18656
	dpA71, dpA73, dpA74, dpA75, dpA76        = 35.0 / 384, 500.0 / 1113, 125.0 / 192, -2187.0 / 6784, 11.0 / 84
	dpE1, dpE3, dpE4, dpE5, dpE6, dpE7       = 71.0 / 57600, -71.0 / 16695, 71.0 / 1920, -17253.0 / 339200, 22.0 / 525, -1.0 / 40
	dpD1, dpD3, dpD4, dpD5, dpD6, dpD7       = -12715105075.0 / 11282082432, 87487479700.0 / 32700410799, -10690763975.0 / 1880347072, 701980252875.0 / 199316789632, -1453857185.0 / 822651844, 69997945.0 / 29380423
	dpSafety, dpFacMin, dpFacMax, dpExponent = 0.9, 0.2, 10.0, 1.0 / 5 // HNW II.4; exponent 1/(q+1), q = 4
	dpMaxSteps                               = 100000
)

// Dopri5 is the adaptive explicit Runge-Kutta method of Dormand and Prince,
// order 5 with an embedded order-4 error estimate (HNW I, II.5):
//
//	k1 = f(t, y), ki = f(t + c_i h, y + h sum_j a_ij k_j), i = 2..7
//	y(t+h) = y + h (35/384 k1 + 500/1113 k3 + 125/192 k4
//	                - 2187/6784 k5 + 11/84 k6)
//
// The step advances with the fifth-order result (local extrapolation);
// k7 = f(t+h, y(t+h)) is the next step's k1 (first same as last), so an
// accepted step costs six evaluations of f. The local error
// err_i = h sum_j e_j k_j of the embedded fourth-order result is measured
// as
//
//	err = max_i |err_i| / (ATol + RTol max(|y_i(t)|, |y_i(t+h)|))
//
// and a step is accepted when err <= 1. The maximum norm (HNW II.4 allows
// it in place of the root mean square) keeps the tolerance per component:
// a population of independent neurons stepped as one system meets the
// tolerance for each neuron, whatever its size. The next step is
// (HNW II.4)
//
//	h_new = h min(facmax, max(facmin, 0.9 err^(-1/5)))
//
// with facmin = 0.2, facmax = 10, and facmax = 1 right after a rejection.
//
// Dense output: after each step, Interpolate and InterpolateComponent
// evaluate Shampine's fourth-order continuous extension anywhere in the
// step at no extra evaluation of f, to find event times (a threshold
// crossing of V) or fill an output grid. Solve instead stops exactly at
// its end time, so output at given times is also a loop of Solve calls.
//
// All stage buffers are allocated by NewDopri5; Step, Solve and the
// interpolation never allocate (except for the error value when they
// fail). A Dopri5 is not safe for concurrent use.
type Dopri5 struct {
	set Settings
	n   int

	k1, k2, k3, k4, k5, k6, k7 []float64
	yStage, yOld, yEnd         []float64

	t      float64 // time of yEnd; k1 = f(t, yEnd) when haveK1
	haveK1 bool
	hNext  float64 // proposed magnitude of the next step; 0: choose one
	tOld   float64 // the last accepted step went from tOld to t
	hLast  float64 // signed size of the last accepted step; 0: none
	stats  Stats
}

// NewDopri5 returns a Dormand-Prince 5(4) integrator for a state of length
// n, with its workspace, or an error if the settings are not valid.
func NewDopri5(n int, s Settings) (*Dopri5, error) {
	if n < 0 {
		panic("integrate: dopri5: negative state length")
	}
	if err := s.validate(); err != nil {
		return nil, err
	}
	if s.MaxSteps == 0 {
		s.MaxSteps = dpMaxSteps
	}
	buf := make([]float64, 10*n)
	next := func() []float64 {
		b := buf[:n:n]
		buf = buf[n:]
		return b
	}
	d := &Dopri5{set: s, n: n}
	d.k1, d.k2, d.k3, d.k4, d.k5, d.k6, d.k7 = next(), next(), next(), next(), next(), next(), next()
	d.yStage, d.yOld, d.yEnd = next(), next(), next()
	return d, nil
}

// Name returns "dopri5".
func (*Dopri5) Name() string { return "dopri5" }

// Order returns 5.
func (*Dopri5) Order() int { return 5 }

// Settings returns the settings d was made with (MaxSteps filled in).
func (d *Dopri5) Settings() Settings { return d.set }

// Stats returns the work done since d was made.
func (d *Dopri5) Stats() Stats { return d.stats }

// Reset forgets the previous integration: the next Step evaluates f at its
// start and chooses its first step afresh, and there is no step to
// interpolate. Step restarts by itself when its t or y is not where the
// last step ended; call Reset when the system changes discontinuously
// (a stimulus switches on) so the step size is chosen for the new dynamics.
func (d *Dopri5) Reset() {
	d.haveK1 = false
	d.hNext = 0
	d.hLast = 0
}

// Step advances y from t by one accepted step toward tEnd, never past it,
// and returns the time reached (exactly tEnd on the last step). The step
// taken is from t to the returned time; LastStep reports it and
// Interpolate evaluates the solution inside it.
//
// When t and y are where the previous step ended, Step reuses its last
// derivative evaluation (FSAL); otherwise (a spike reset changed V, a new
// run) it evaluates f afresh at (t, y). Either way it starts from the step
// size the error control proposed last (Reset forgets it). On an
// error, y is left at t unchanged and the error wraps ErrStepSize or
// ErrNotFinite.
func (d *Dopri5) Step(sys System, t, tEnd float64, y []float64) (float64, error) {
	checkLen("dopri5", d.n, y)
	if math.IsNaN(t) || math.IsInf(t, 0) || math.IsNaN(tEnd) || math.IsInf(tEnd, 0) {
		return t, fmt.Errorf("integrate: dopri5: step from t = %g to %g: times must be finite", t, tEnd)
	}
	if t == tEnd {
		return t, nil
	}
	n := d.n
	k1, k2, k3, k4, k5, k6, k7 := d.k1[:n], d.k2[:n], d.k3[:n], d.k4[:n], d.k5[:n], d.k6[:n], d.k7[:n]
	ys, yEnd := d.yStage[:n], d.yEnd[:n]
	y = y[:n]

	if !d.haveK1 || t != d.t || !equal(y, yEnd) {
		if i := firstNotFinite(y); i >= 0 {
			return t, fmt.Errorf("integrate: dopri5: component %d of the state is %g at t = %g: %w", i, y[i], t, ErrNotFinite)
		}
		sys.Derivative(k1, t, y)
		d.stats.Evaluations++
		if i := firstNotFinite(k1); i >= 0 {
			return t, fmt.Errorf("integrate: dopri5: component %d of the derivative is %g at t = %g: %w", i, k1[i], t, ErrNotFinite)
		}
		d.haveK1 = true
		d.t = t
		copy(yEnd, y)
		d.hLast = 0
	}

	dir := 1.0
	if tEnd < t {
		dir = -1
	}
	span := math.Abs(tEnd - t)
	h := d.hNext
	if h == 0 {
		h = d.set.InitialStep
		if h == 0 {
			h = d.initialStep(sys, t, dir, span, y)
		}
	}
	if d.set.MaxStep > 0 {
		h = math.Min(h, d.set.MaxStep)
	}
	hMin := 16 * epsilon * math.Max(math.Abs(t), math.Abs(tEnd))
	rejected, notFinite := false, false
	for {
		last := false
		if h >= span {
			h, last = span, true
		}
		if !(h > hMin) && !last { // a last step to tEnd may be short
			if notFinite {
				return t, fmt.Errorf("integrate: dopri5: at t = %g the state or its derivative is not finite for every step down to h = %g: %w", t, h, ErrNotFinite)
			}
			return t, fmt.Errorf("integrate: dopri5: at t = %g the error control needs a step h = %g below the resolution of t (a singularity, or RTol = %g, ATol = %g too strict for float64): %w", t, h, d.set.RTol, d.set.ATol, ErrStepSize)
		}
		hs := dir * h
		tNew := t + hs
		if last {
			tNew = tEnd
		}
		for i := range ys {
			ys[i] = y[i] + hs*dpA21*k1[i]
		}
		sys.Derivative(k2, t+dpC2*hs, ys)
		for i := range ys {
			ys[i] = y[i] + hs*(dpA31*k1[i]+dpA32*k2[i])
		}
		sys.Derivative(k3, t+dpC3*hs, ys)
		for i := range ys {
			ys[i] = y[i] + hs*(dpA41*k1[i]+dpA42*k2[i]+dpA43*k3[i])
		}
		sys.Derivative(k4, t+dpC4*hs, ys)
		for i := range ys {
			ys[i] = y[i] + hs*(dpA51*k1[i]+dpA52*k2[i]+dpA53*k3[i]+dpA54*k4[i])
		}
		sys.Derivative(k5, t+dpC5*hs, ys)
		for i := range ys {
			ys[i] = y[i] + hs*(dpA61*k1[i]+dpA62*k2[i]+dpA63*k3[i]+dpA64*k4[i]+dpA65*k5[i])
		}
		sys.Derivative(k6, tNew, ys)
		for i := range ys {
			ys[i] = y[i] + hs*(dpA71*k1[i]+dpA73*k3[i]+dpA74*k4[i]+dpA75*k5[i]+dpA76*k6[i])
		}
		sys.Derivative(k7, tNew, ys)
		d.stats.Evaluations += 6

		// errNorm = max_i |e_i| / sc_i, without a division per component;
		// bad turns NaN if any e_i or y_i(t+h) is NaN or infinite.
		errNorm, bad := 0.0, 0.0
		atol, rtol := d.set.ATol, d.set.RTol
		for i := range ys {
			e := hs * (dpE1*k1[i] + dpE3*k3[i] + dpE4*k4[i] + dpE5*k5[i] + dpE6*k6[i] + dpE7*k7[i])
			bad += (e - e) + (ys[i] - ys[i])
			ae, y0, y1 := math.Abs(e), math.Abs(y[i]), math.Abs(ys[i])
			if y1 > y0 {
				y0 = y1
			}
			if sc := atol + rtol*y0; ae > errNorm*sc {
				errNorm = ae / sc // +Inf when sc = 0: rejected
			}
		}
		finite := bad == 0
		if !finite {
			notFinite, rejected = true, true
			d.stats.Rejected++
			h *= dpFacMin
			continue
		}
		if errNorm > 1 {
			notFinite, rejected = false, true
			d.stats.Rejected++
			h *= math.Max(dpFacMin, dpSafety*math.Pow(errNorm, -dpExponent))
			continue
		}

		fac := dpFacMax
		if errNorm > 0 {
			fac = math.Min(dpFacMax, math.Max(dpFacMin, dpSafety*math.Pow(errNorm, -dpExponent)))
		}
		if rejected {
			fac = math.Min(fac, 1)
		}
		d.hNext = h * fac
		copy(d.yOld[:n], y)
		copy(y, ys)
		d.yStage, d.yEnd = d.yEnd, d.yStage // yEnd now holds y(tNew)
		d.k1, d.k7 = d.k7, d.k1             // FSAL: k1 = f(tNew, y(tNew)); k7 keeps the step's first k1
		d.tOld, d.t, d.hLast = t, tNew, tNew-t
		d.stats.Steps++
		return tNew, nil
	}
}

// initialStep is the starting step algorithm of HNW II.4 (p. 169), with
// the exponent 1/5 of the order-4 error estimate (as dopri5.f's HINIT,
// IORD = 5), in the max norm, bounded by span and MaxStep. It uses k2 and
// yStage as scratch and costs one evaluation of f; k1 = f(t, y) is set.
func (d *Dopri5) initialStep(sys System, t, dir, span float64, y []float64) float64 {
	n := d.n
	f0, f1, y1 := d.k1[:n], d.k2[:n], d.yStage[:n]
	d0, d1 := 0.0, 0.0
	for i := range y {
		sc := d.set.ATol + d.set.RTol*math.Abs(y[i])
		d0 = math.Max(d0, scaled(y[i], sc))
		d1 = math.Max(d1, scaled(f0[i], sc))
	}
	h0 := 1e-6
	if d0 >= 1e-5 && d1 >= 1e-5 {
		h0 = 0.01 * d0 / d1
	}
	h0 = math.Min(h0, span)
	if d.set.MaxStep > 0 {
		h0 = math.Min(h0, d.set.MaxStep)
	}
	for i := range y1 {
		y1[i] = y[i] + dir*h0*f0[i]
	}
	sys.Derivative(f1, t+dir*h0, y1)
	d.stats.Evaluations++
	d2 := 0.0
	for i := range y {
		sc := d.set.ATol + d.set.RTol*math.Abs(y[i])
		d2 = math.Max(d2, scaled(f1[i]-f0[i], sc))
	}
	d2 /= h0
	var h1 float64
	if m := math.Max(d1, d2); m <= 1e-15 || math.IsNaN(m) || math.IsInf(m, 0) {
		h1 = math.Max(1e-6, h0*1e-3)
	} else {
		h1 = math.Pow(0.01/m, dpExponent)
	}
	return math.Min(100*h0, h1)
}

// Solve integrates y in place from t0 to t1 (t1 < t0 integrates backward)
// and returns the work it took. It ends exactly at t1; a following
// Solve(sys, t1, t2, y) continues without a restart, so a loop over output
// times yields the solution exactly at them. On an error, y holds the
// solution at the last time reached, which the error names.
func (d *Dopri5) Solve(sys System, t0, t1 float64, y []float64) (Stats, error) {
	start := d.stats
	t := t0
	for t != t1 {
		if done := d.stats.sub(start); done.Steps+done.Rejected >= d.set.MaxSteps {
			return done, fmt.Errorf("integrate: dopri5: %d steps from t = %g reached only t = %g of %g: %w", d.set.MaxSteps, t0, t, t1, ErrMaxSteps)
		}
		var err error
		t, err = d.Step(sys, t, t1, y)
		if err != nil {
			return d.stats.sub(start), err
		}
	}
	return d.stats.sub(start), nil
}

// LastStep returns the interval [from, to] of the last accepted step
// (to < from when integrating backward), and ok = false if there is none
// (no step yet, after Reset, or a restart).
func (d *Dopri5) LastStep() (from, to float64, ok bool) {
	return d.tOld, d.t, d.hLast != 0
}

// Interpolate writes into dst the dense-output solution at time t of the
// last accepted step (see LastStep). It is exact at both ends of the step
// up to rounding, and of the method's fourth order inside. t outside the
// step extrapolates, with no accuracy guarantee. It panics if there is no
// step to interpolate.
func (d *Dopri5) Interpolate(dst []float64, t float64) {
	checkLen("dopri5 interpolate", d.n, dst)
	for i := range dst {
		dst[i] = d.InterpolateComponent(i, t)
	}
}

// InterpolateComponent returns component i of the dense-output solution
// at time t of the last accepted step, as Interpolate; it is cheap enough
// to be called repeatedly when searching for the time V crosses a
// threshold.
func (d *Dopri5) InterpolateComponent(i int, t float64) float64 {
	if d.hLast == 0 {
		panic("integrate: dopri5: no step to interpolate")
	}
	h := d.hLast
	theta := (t - d.tOld) / h
	theta1 := 1 - theta
	// After a step, k7 holds the step's first derivative and k1 its last.
	f0, f1 := d.k7[i], d.k1[i]
	y0 := d.yOld[i]
	c1 := d.yEnd[i] - y0
	c2 := h*f0 - c1
	c3 := c1 - h*f1 - c2
	c4 := h * (dpD1*f0 + dpD3*d.k3[i] + dpD4*d.k4[i] + dpD5*d.k5[i] + dpD6*d.k6[i] + dpD7*f1)
	return y0 + theta*(c1+theta1*(c2+theta*(c3+theta1*c4)))
}

const (
	epsilon = 0x1p-52
	minRTol = 100 * epsilon
)

// scaled returns |x|/sc, 0 when x is 0 (also for sc = 0).
func scaled(x, sc float64) float64 {
	if x == 0 {
		return 0
	}
	return math.Abs(x) / sc
}

func equal(a, b []float64) bool {
	b = b[:len(a)]
	for i := range a {
		if a[i] != b[i] {
			return false
		}
	}
	return true
}

func firstNotFinite(x []float64) int {
	for i, v := range x {
		if v-v != 0 {
			return i
		}
	}
	return -1
}
