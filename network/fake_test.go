package network

import (
	"gospike/neuron"
)

// integrator is a test model whose one variable integrates its input
// current: dv/dt = (A - B v)/c with c = 1 (no leak, no spikes), so that
// v counts what arrived: delta weights add to it, a current I held for
// n steps adds n*dt*I under Euler (exactly, up to rounding).
// With square set, dv/dt = v^2 + A - B v instead, which diverges.
type integrator struct{ square bool }

func (integrator) Name() string    { return "test-integrator" }
func (integrator) Summary() string { return "test model: dv/dt = A - B v" }
func (integrator) Vars() []neuron.Var {
	return []neuron.Var{{Name: "v", Unit: "mV"}}
}
func (integrator) Params() []neuron.Param { return nil }
func (integrator) Units() neuron.Units {
	return neuron.Units{Current: "pA", Conductance: "nS", Capacitance: "pF"}
}
func (m integrator) New(n int, _ map[string]neuron.Value) (neuron.Population, error) {
	return &integratorPop{n: n, square: m.square}, nil
}

type integratorPop struct {
	n      int
	square bool
}

func (p *integratorPop) Len() int                          { return p.n }
func (p *integratorPop) Param(string) (neuron.Value, bool) { return neuron.Value{}, false }
func (p *integratorPop) Rest(y []float64, _ int)           { clear(y) }
func (p *integratorPop) Derivative(dst, y []float64, _ int, in neuron.Input) {
	for j, v := range y {
		dst[j] = in.A[j] - in.B[j]*v
		if p.square {
			dst[j] += v * v
		}
	}
}
func (p *integratorPop) Linear(a, b, y []float64, _ int, in neuron.Input) {
	for j := range y {
		a[j], b[j] = in.A[j], -in.B[j]
	}
}
func (p *integratorPop) AfterStep(dst []neuron.Spike, _, _ []float64, _ int, _, _ float64) []neuron.Spike {
	return dst
}

// newIntegrator returns a population of the integrator model.
func newIntegrator(name string, n int, method string) Population {
	m := integrator{}
	pop, _ := m.New(n, nil)
	return Population{Name: name, Model: m, Pop: pop, Method: method}
}
