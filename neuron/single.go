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
	Pop      Population
	Method   string    // "euler", "rk4", "exponential-euler" or "exact"
	Dt       float64   // ms
	Duration float64   // ms
	DC       []float64 // per neuron, in the model's current unit
	// Record, if not nil, is called after every step with the time and the
	// state (variable-major, see Population); it must not keep y.
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
