package lif

import (
	"math"
	"testing"

	"gospike/integrate"
	"gospike/neuron"
)

// lifExpSystem is the LIF membrane with exponentially decaying currents as
// a plain ODE, for integrate.RK4: y[0] = V (mV), y[1+k] = I_k (pA).
type lifExpSystem struct {
	tauM, cM, eL, iDC float64
	taus              []float64
}

func (s *lifExpSystem) Derivative(dst []float64, _ float64, y []float64) {
	i := s.iDC
	for k, tau := range s.taus {
		i += y[1+k]
		dst[1+k] = -y[1+k] / tau
	}
	dst[0] = (s.eL-y[0])/s.tauM + i/s.cM
}

// rk4Fine integrates sys from y over h in steps sub, in place.
func rk4Fine(sys integrate.System, y []float64, h float64, steps int) {
	m := integrate.NewRK4(len(y))
	for k := 0; k < steps; k++ {
		m.Step(sys, 0, h/float64(steps), y)
	}
}

// One exact step with exponentially decaying currents against RK4 at a
// step 1e4 times finer, and against the propagator written as NEST writes
// it (propagator_32 in NEST's libnestutil/propagator_stability.cpp: a
// different algebraic form).
func TestExactStepExpCurrent(t *testing.T) {
	const (
		// Relative to the change of V over the step. RK4 with 1e4
		// substeps has a relative error ~ (h/1e4/tau)^4 < 1e-15 here, and
		// both closed forms are accurate to rounding (~1e-14).
		tol     = 1e-9
		curTol  = 1e-15 // relative, I after the step: one exp and one product
		substep = 10000
	)
	// Defaults (NEST iaf_psc_exp) with i_e = 30 pA; V0, DC, currents are
	// arbitrary, chosen to stay below v_th = -55 mV.
	const tauM, cM, eL, iE = 10.0, 250.0, -70.0, 30.0
	for _, c := range []struct {
		h, v0, dc float64
		taus, i0  []float64
	}{
		{0.1, -68, 100, []float64{2}, []float64{800}},
		{1, -68, 100, []float64{2}, []float64{800}},
		{0.1, -68, 100, []float64{10}, []float64{800}},            // tau_s == tau_m
		{1, -62, 0, []float64{10}, []float64{-800}},               // tau_s == tau_m
		{1, -68, 100, []float64{10 * (1 + 1e-9)}, []float64{800}}, // near the singularity
		{1, -68, 100, []float64{10 * (1 - 1e-6)}, []float64{800}},
		{0.5, -75, -50, []float64{100}, []float64{500}},
		{1, -68, 0, []float64{0.05}, []float64{3000}}, // tau_s << h
		{0.5, -66, 100, []float64{2, 8}, []float64{800, -400}},
		{0.5, -66, 100, []float64{2, 8, 30}, []float64{800, -400, 300}}, // three: the scalar loop
	} {
		pop, err := NewPopulation(1, map[string]neuron.Value{"i_e": neuron.Shared(iE)})
		if err != nil {
			t.Fatal(err)
		}
		y := []float64{c.v0}
		in := neuron.ExactInput{DC: []float64{c.dc}}
		for k, tau := range c.taus {
			in.Exp = append(in.Exp, neuron.ExpCurrent{Tau: tau, I: []float64{c.i0[k]}})
		}
		if sp := pop.StepExact(nil, y, 0, 0, c.h, in); len(sp) != 0 {
			t.Fatalf("case %+v spiked: choose a subthreshold case", c)
		}

		ref := append([]float64{c.v0}, c.i0...)
		rk4Fine(&lifExpSystem{tauM: tauM, cM: cM, eL: eL, iDC: c.dc + iE, taus: c.taus}, ref, c.h, substep)
		change := math.Abs(ref[0] - c.v0)
		if d := math.Abs(y[0] - ref[0]); d > tol*change {
			t.Errorf("h %g, tau_s %v: V = %.15f, RK4 %.15f (relative to the change %.3g)", c.h, c.taus, y[0], ref[0], d/change)
		}

		// NEST's form: V = e_l + (V0-e_l) e^{-h/tau_m} + R I (1 - e^{-h/tau_m})
		// + sum_k P32_k I_k, P32 = -tau_m/(C (1 - tau_m/tau_s)) e^{-h/tau_s}
		// expm1(h (1/tau_s - 1/tau_m)), or h/C e^{-h/tau_m} at tau_s = tau_m.
		// Its form loses digits near the singularity; skip those cases.
		nest := eL + (c.v0-eL)*math.Exp(-c.h/tauM) + tauM/cM*(c.dc+iE)*(1-math.Exp(-c.h/tauM))
		near := false
		for k, tau := range c.taus {
			p32 := c.h / cM * math.Exp(-c.h/tauM)
			if tau != tauM {
				p32 = -tauM / (cM * (1 - tauM/tau)) * math.Exp(-c.h/tau) * math.Expm1(c.h*(1/tau-1/tauM))
			}
			near = near || (tau != tauM && math.Abs(tau-tauM) < 1e-3)
			nest += p32 * c.i0[k]
		}
		if d := math.Abs(y[0] - nest); !near && d > tol*change {
			t.Errorf("h %g, tau_s %v: V = %.15f, NEST's propagator %.15f", c.h, c.taus, y[0], nest)
		}
		for k, e := range in.Exp {
			want := c.i0[k] * math.Exp(-c.h/e.Tau)
			if math.Abs(e.I[0]-want) > curTol*math.Abs(want) {
				t.Errorf("h %g, tau_s %g: I after the step %v, want %v", c.h, e.Tau, e.I[0], want)
			}
		}
	}
}

// lifDC is the analytic trajectory of a LIF under constant drive, started
// at rest (V = e_l, not refractory) at t = 0.
type lifDC struct {
	tauM, eL, vTh, vReset, tRef, vInf float64
}

// spikes returns the analytic spike times in [0, end): the first after
// T1 = tau_m ln((V_inf - e_l)/(V_inf - v_th)), then every
// t_ref + T2, T2 = tau_m ln((V_inf - v_reset)/(V_inf - v_th)).
func (l lifDC) spikes(end float64) []float64 {
	var out []float64
	s := l.tauM * math.Log((l.vInf-l.eL)/(l.vInf-l.vTh))
	t2 := l.tauM * math.Log((l.vInf-l.vReset)/(l.vInf-l.vTh))
	for ; s < end; s += l.tRef + t2 {
		out = append(out, s)
	}
	return out
}

// v returns V at time t given the analytic spike times.
func (l lifDC) v(t float64, spikes []float64) float64 {
	start, v0 := 0.0, l.eL
	for _, s := range spikes {
		if s > t {
			break
		}
		start, v0 = s+l.tRef, l.vReset
	}
	if t < start {
		return l.vReset // refractory
	}
	return l.vInf + (v0-l.vInf)*math.Exp(-(t-start)/l.tauM)
}

// Refractory periods that end inside a step, and several spikes per step:
// spike times and V at every step end against the analytic solution.
func TestExactRefractoryInsideStep(t *testing.T) {
	const (
		// Spike times: closed-form crossing, exact to ~1e-14 ms per
		// spike, plus rounding of absolute times (ulp(200 ms) ~ 3e-14).
		timeTol = 1e-9 // ms
		// V: each exact step adds rounding ~1e-14 mV, and the propagator
		// contracts older errors; 1e-9 mV is a wide margin.
		vTol = 1e-9 // mV
	)
	// tau 10 ms, c_m 250 pF (R = 0.04 GOhm), e_l -65, v_reset -70 (below
	// e_l so that the first and later charging times differ), v_th -50 mV.
	for _, c := range []struct {
		dt, tRef, ri, duration float64 // ms, ms, mV, ms
	}{
		{0.1, 1.234, 20, 200}, // t_ref not a multiple of dt
		{0.1, 0.05, 20, 200},  // t_ref < dt
		{0.1, 0, 20, 200},     // no refractory period
		{1, 0.3, 20, 200},     // long steps
		{1, 0.1, 1000, 10},    // ~3 spikes per step
		{1, 0, 1000, 10},      // ~5 spikes per step
	} {
		l := lifDC{tauM: 10, eL: -65, vTh: -50, vReset: -70, tRef: c.tRef, vInf: -65 + c.ri}
		pop, err := NewPopulation(1, map[string]neuron.Value{
			"tau_m": neuron.Shared(10), "c_m": neuron.Shared(250), "e_l": neuron.Shared(l.eL),
			"v_th": neuron.Shared(l.vTh), "v_reset": neuron.Shared(l.vReset), "t_ref": neuron.Shared(c.tRef),
		})
		if err != nil {
			t.Fatal(err)
		}
		want := l.spikes(c.duration)
		var vErr float64
		run := neuron.DCRun{Pop: pop, Method: "exact", Dt: c.dt, Duration: c.duration, DC: []float64{c.ri * 250 / 10},
			Record: func(tm float64, y []float64) { vErr = math.Max(vErr, math.Abs(y[0]-l.v(tm, want))) }}
		got, err := run.Run(Model{}.Vars())
		if err != nil {
			t.Fatal(err)
		}
		if len(got) != len(want) {
			t.Errorf("dt %g, t_ref %g, RI %g: %d spikes, analytic %d", c.dt, c.tRef, c.ri, len(got), len(want))
			continue
		}
		var tErr float64
		for k := range want {
			tErr = math.Max(tErr, math.Abs(got[k].Time-want[k]))
		}
		if tErr > timeTol {
			t.Errorf("dt %g, t_ref %g, RI %g: spike times off by up to %.3g ms", c.dt, c.tRef, c.ri, tErr)
		}
		if vErr > vTol {
			t.Errorf("dt %g, t_ref %g, RI %g: V at step ends off by up to %.3g mV", c.dt, c.tRef, c.ri, vErr)
		}
		t.Logf("dt %g, t_ref %g, RI %g: %d spikes, time error %.2g ms, V error %.2g mV", c.dt, c.tRef, c.ri, len(got), tErr, vErr)
	}
}

// refExpSpikes is the reference for spikes driven by exponential currents:
// RK4 in steps of at most h, the crossing found by bisection on the length
// of a single RK4 step from the last point below threshold, V held at
// v_reset for t_ref while the currents decay (exactly: they are decoupled
// from V).
func refExpSpikes(sys *lifExpSystem, vTh, vReset, tRef float64, i0 []float64, end, h float64) []float64 {
	m := integrate.NewRK4(1 + len(i0))
	y := append([]float64{sys.eL}, i0...)
	try := make([]float64, len(y))
	var spikes []float64
	for t := 0.0; t < end; {
		step := math.Min(h, end-t)
		copy(try, y)
		m.Step(sys, t, step, try)
		if try[0] < vTh {
			copy(y, try)
			t += step
			continue
		}
		lo, hi := 0.0, step
		for k := 0; k < 200 && hi-lo > 0; k++ {
			mid := lo + (hi-lo)/2
			if mid == lo || mid == hi {
				break
			}
			copy(try, y)
			m.Step(sys, t, mid, try)
			if try[0] >= vTh {
				hi = mid
			} else {
				lo = mid
			}
		}
		spikes = append(spikes, t+hi)
		for k, tau := range sys.taus {
			y[1+k] *= math.Exp(-(hi + tRef) / tau)
		}
		y[0] = vReset
		t += hi + tRef
	}
	return spikes
}

// Spike times with exponentially decaying currents (Newton on the closed
// form), refractory periods ending inside steps while the currents keep
// decaying: against a fine RK4 reference, at steps from 0.1 to 1 ms.
func TestExactSpikesExpCurrents(t *testing.T) {
	const (
		// The reference: RK4 at 1e-3 ms (error ~ (1e-3/2)^4 relative, far
		// below 1e-12 mV) and bisection to the last bit, so its spike
		// times are good to ~1e-12 ms; the exact method's to ~1e-13 ms.
		timeTol = 1e-9 // ms
		refStep = 1e-3 // ms
		end     = 30.0 // ms
	)
	// NEST iaf_psc_exp defaults except t_ref = 0.3 ms (not a multiple of
	// any dt below); a strong fast excitatory and a slower inhibitory
	// current (arbitrary) give a burst of spikes with short intervals.
	const tRef, dc = 0.3, 200.0
	taus, i0 := []float64{2, 8}, []float64{20000, -3000}
	sys := &lifExpSystem{tauM: 10, cM: 250, eL: -70, iDC: dc, taus: taus}
	want := refExpSpikes(sys, -55, -70, tRef, i0, end, refStep)
	if len(want) < 3 {
		t.Fatalf("reference has %d spikes: choose a stronger drive", len(want))
	}
	for _, dt := range []float64{0.1, 0.25, 1} {
		pop, err := NewPopulation(1, map[string]neuron.Value{"t_ref": neuron.Shared(tRef)})
		if err != nil {
			t.Fatal(err)
		}
		y := []float64{0}
		pop.Rest(y, 0)
		in := neuron.ExactInput{DC: []float64{dc}}
		for k, tau := range taus {
			in.Exp = append(in.Exp, neuron.ExpCurrent{Tau: tau, I: []float64{i0[k]}})
		}
		var got []neuron.Spike
		steps := int(math.Round(end / dt))
		for k := 0; k < steps; k++ {
			got = pop.StepExact(got, y, 0, float64(k)*dt, dt, in)
		}
		if len(got) != len(want) {
			t.Errorf("dt %g: %d spikes %v, reference %d %v", dt, len(got), got, len(want), want)
			continue
		}
		var worst float64
		for k := range want {
			worst = math.Max(worst, math.Abs(got[k].Time-want[k]))
		}
		if worst > timeTol {
			t.Errorf("dt %g: spike times off by up to %.3g ms", dt, worst)
		}
		t.Logf("dt %g: %d spikes (first %.6f, last %.6f ms), largest error %.2g ms", dt, len(got), want[0], want[len(want)-1], worst)
	}
}

// A neuron put at or above threshold between steps (a delta jump) spikes
// at the start of the next step, with every method; a jump while
// refractory is discarded.
func TestJumpAboveThreshold(t *testing.T) {
	for _, method := range []string{"rk4", "exact"} {
		pop, err := NewPopulation(1, nil) // v_th -55, v_reset -70, t_ref 2
		if err != nil {
			t.Fatal(err)
		}
		y := []float64{0}
		pop.Rest(y, 0)
		st := newStepper(t, pop, method, []int{1}, []float64{0})
		y[0] = -54 // jump above threshold at t = 1 ms
		sp := st.step(y, 1, 0.1, []float64{0}, nil)
		if len(sp) != 1 || sp[0].Time != 1 || y[0] != -70 {
			t.Errorf("%s: after a jump to -54 mV: spikes %v, V %v; want one at 1 ms, V -70", method, sp, y[0])
		}
		if !pop.Refractory(0, 1.1) || pop.Refractory(0, 3) {
			t.Errorf("%s: refractory period after a spike at 1 ms does not last t_ref = 2 ms", method)
		}
		y[0] = -50 // jump while refractory (until 3 ms)
		if sp := st.step(y, 1.1, 0.1, []float64{0}, nil); len(sp) != 0 || y[0] != -70 {
			t.Errorf("%s: jump while refractory: spikes %v, V %v; want none, V -70", method, sp, y[0])
		}
	}
}

func TestNoAllocs(t *testing.T) {
	const n, dt = 1000, 0.1
	dc := make([]float64, n)
	for i := range dc {
		dc[i] = 300 + 700*float64(i)/n // pA: R I from 12 to 40 mV, many spiking
	}
	for _, method := range []string{"euler", "rk4", "exponential-euler", "exact"} {
		pop, err := NewPopulation(n, nil)
		if err != nil {
			t.Fatal(err)
		}
		y := make([]float64, n)
		pop.Rest(y, 0)
		spikes := make([]neuron.Spike, 0, n)
		tm := 0.0
		var step func()
		if method == "exact" {
			in := neuron.ExactInput{DC: dc, Exp: []neuron.ExpCurrent{{Tau: 2, I: make([]float64, n)}, {Tau: 8, I: make([]float64, n)}}}
			step = func() {
				in.Exp[0].I[7] += 500 // an input spike
				spikes = pop.StepExact(spikes[:0], y, 0, tm, dt, in)
				tm += dt
			}
		} else {
			m, err := integrate.New(method, n)
			if err != nil {
				t.Fatal(err)
			}
			blk := &neuron.Block{Pop: pop, In: neuron.Input{A: dc, B: make([]float64, n)}}
			prev := make([]float64, n)
			step = func() {
				copy(prev, y)
				m.Step(blk, tm, dt, y)
				spikes = pop.AfterStep(spikes[:0], prev, y, 0, tm, dt)
				tm += dt
			}
		}
		for k := 0; k < 200; k++ { // reach firing, warm the propagator cache
			step()
		}
		if a := testing.AllocsPerRun(500, step); a != 0 {
			t.Errorf("%s: %v allocations per step of %d neurons", method, a, n)
		}
	}
}
