package neuron

import (
	"fmt"
	"math"

	"gospike/integrate"
)

// Block adapts one block of a population, with a fixed input, to
// integrate.System and integrate.Linearizer.
type Block struct {
	Pop Population
	Off int
	In  Input
}

// Derivative implements integrate.System.
func (b *Block) Derivative(dst []float64, _ float64, y []float64) {
	b.Pop.Derivative(dst, y, b.Off, b.In)
}

// Linear implements integrate.Linearizer; it panics if the population is
// not Linear (check with CanLinearize first).
func (b *Block) Linear(a, bb []float64, _ float64, y []float64) {
	b.Pop.(Linear).Linear(a, bb, y, b.Off, b.In)
}

// CanLinearize reports whether exponential Euler can step the population.
func CanLinearize(p Population) bool { _, ok := p.(Linear); return ok }

// DCRun describes a run of a whole population, every neuron on its own,
// under a constant current from t = 0: the single-neuron validation runs
// (f-I curves, spike times) and the simplest scenarios.
type DCRun struct {
	Pop    Population
	Method string  // "euler", "rk4", "exponential-euler", "exact" or "dopri5"
	Dt     float64 // ms; unused by "dopri5", which chooses its own steps
	// Tol is the relative and absolute tolerance of "dopri5", the adaptive
	// Dormand-Prince 5(4) for reference runs of models without reset
	// (spikes as upward crossings of the population's v_spike, located on
	// the method's dense output to 1e-12 ms).
	Tol      float64
	Duration float64   // ms
	DC       []float64 // per neuron, in the model's current unit
	// Record, if not nil, is called after every step (for "dopri5": every
	// accepted step) with the time and the state (variable-major, see
	// Population); it must not keep y.
	Record func(t float64, y []float64)
}

// Run integrates r and returns the spikes step by step; within one step
// they come in neuron order (a neuron that fires twice in a step gives its
// spikes together). It returns an error when the method does not fit the model, or
// when the state stops being finite (naming neuron, variable and time).
func (r DCRun) Run(vars []Var) ([]Spike, error) {
	n := r.Pop.Len()
	if len(r.DC) != n {
		panic("neuron: DCRun: len(DC) != population size")
	}
	k := len(vars)
	y := make([]float64, k*n)
	r.Pop.Rest(y, 0)
	prev := make([]float64, n)
	in := Input{A: r.DC, B: make([]float64, n)}
	blk := &Block{Pop: r.Pop, In: in}
	if r.Method == "dopri5" {
		return r.runAdaptive(y, blk)
	}
	var step func(t float64, spikes []Spike) []Spike
	switch r.Method {
	case "exact":
		ex, ok := r.Pop.(Exact)
		if !ok {
			return nil, fmt.Errorf("method exact: the model's subthreshold dynamics are not linear; use rk4 or exponential-euler")
		}
		ein := ExactInput{DC: r.DC}
		step = func(t float64, spikes []Spike) []Spike { return ex.StepExact(spikes, y, 0, t, r.Dt, ein) }
	default:
		if r.Method == "exponential-euler" && !CanLinearize(r.Pop) {
			return nil, fmt.Errorf("method exponential-euler: the model is not conditionally linear")
		}
		m, err := integrate.New(r.Method, k*n)
		if err != nil {
			return nil, err
		}
		step = func(t float64, spikes []Spike) []Spike {
			copy(prev, y[:n])
			m.Step(blk, t, r.Dt, y)
			return r.Pop.AfterStep(spikes, prev, y, 0, t, r.Dt)
		}
	}
	steps := int(math.Round(r.Duration / r.Dt))
	var spikes []Spike
	for s := 0; s < steps; s++ {
		t := float64(s) * r.Dt
		spikes = step(t, spikes)
		if s%64 == 0 || s == steps-1 {
			for i, x := range y {
				if math.IsNaN(x) || math.IsInf(x, 0) {
					return spikes, fmt.Errorf("state of neuron %d, variable %s is %v at t = %g ms: dt %g ms is too large for method %s?", i%n, vars[i/n].Name, x, t+r.Dt, r.Dt, r.Method)
				}
			}
		}
		if r.Record != nil {
			r.Record(t+r.Dt, y)
		}
	}
	return spikes, nil
}

// runAdaptive is Run for method "dopri5": adaptive steps, spikes found by
// bisection on the dense output between the two ends of the step in which
// V crosses v_spike upward.
func (r DCRun) runAdaptive(y []float64, blk *Block) ([]Spike, error) {
	n := r.Pop.Len()
	vs, ok := r.Pop.Param("v_spike")
	if !ok {
		return nil, fmt.Errorf("method dopri5: the model has no v_spike: it is meant for models without reset (hodgkin-huxley, morris-lecar)")
	}
	if !(r.Tol > 0) {
		return nil, fmt.Errorf("method dopri5: tolerance %g: must be > 0", r.Tol)
	}
	d, err := integrate.NewDopri5(len(y), integrate.Settings{RTol: r.Tol, ATol: r.Tol})
	if err != nil {
		return nil, err
	}
	prev := make([]float64, n)
	var spikes []Spike
	t := 0.0
	for t < r.Duration {
		copy(prev, y[:n])
		tNew, err := d.Step(blk, t, r.Duration, y)
		if err != nil {
			return spikes, fmt.Errorf("method dopri5 at t = %g ms: %w", t, err)
		}
		for j := range n {
			th := vs.At(j)
			if !(prev[j] < th && y[j] >= th) {
				continue
			}
			lo, hi := t, tNew
			for hi-lo > 1e-12 {
				mid := (lo + hi) / 2
				if d.InterpolateComponent(j, mid) >= th {
					hi = mid
				} else {
					lo = mid
				}
			}
			spikes = append(spikes, Spike{Neuron: j, Time: hi})
		}
		t = tNew
		if r.Record != nil {
			r.Record(t, y)
		}
	}
	return spikes, nil
}
