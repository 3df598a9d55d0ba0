package hodgkinhuxley

import (
	"fmt"
	"testing"

	"gospike/integrate"
	"gospike/neuron"
)

// stepper is one block of a population stepped as a DCRun steps it:
// integrate, then detect spikes.
type stepper struct {
	pop    neuron.Population
	method integrate.Method
	blk    *neuron.Block
	y      []float64
	prev   []float64
	spikes []neuron.Spike
	t, dt  float64
}

func newStepper(tb testing.TB, m neuron.Model, params map[string]neuron.Value, method string, n int, dc float64) *stepper {
	pop, err := m.New(n, params)
	if err != nil {
		tb.Fatal(err)
	}
	k := len(m.Vars())
	meth, err := integrate.New(method, k*n)
	if err != nil {
		tb.Fatal(err)
	}
	in := neuron.Input{A: make([]float64, n), B: make([]float64, n)}
	for j := range in.A {
		in.A[j] = dc
	}
	s := &stepper{pop: pop, method: meth, blk: &neuron.Block{Pop: pop, In: in},
		y: make([]float64, k*n), prev: make([]float64, n), spikes: make([]neuron.Spike, 0, n), dt: 0.01}
	pop.Rest(s.y, 0)
	return s
}

func (s *stepper) step() {
	n := len(s.prev)
	copy(s.prev, s.y[:n])
	s.method.Step(s.blk, s.t, s.dt, s.y)
	s.spikes = s.pop.AfterStep(s.spikes[:0], s.prev, s.y, 0, s.t, s.dt)
	s.t += s.dt
}

// TestStepAllocatesNothing: a step (integrate.Method.Step on a
// neuron.Block, then AfterStep) allocates nothing, for both models and
// every method, with shared and with per-neuron parameters.
func TestStepAllocatesNothing(t *testing.T) {
	perNeuron := func(x float64, n int) neuron.Value {
		v := make([]float64, n)
		for i := range v {
			v[i] = x
		}
		return neuron.Value{PerNeuron: v}
	}
	const n = 64
	for _, m := range []neuron.Model{Model{}, TraubMiles{}} {
		for _, params := range []map[string]neuron.Value{nil, {"g_na": perNeuron(110, n)}} {
			for _, method := range integrate.Names {
				s := newStepper(t, m, params, method, n, 10)
				// Warm up past the first spikes, so spike steps are measured.
				for i := 0; i < 300; i++ {
					s.step()
				}
				if a := testing.AllocsPerRun(500, s.step); a != 0 {
					t.Errorf("%s %s (per-neuron g_na: %v): %g allocations per step", m.Name(), method, params != nil, a)
				}
			}
		}
	}
}

// BenchmarkStep steps 10 000 neurons under 10 uA/cm^2 (firing) with each
// model and method; ns/neuron-step is the cost of one neuron for one step.
func BenchmarkStep(b *testing.B) {
	const n = 10000
	for _, m := range []neuron.Model{Model{}, TraubMiles{}} {
		for _, method := range integrate.Names {
			for _, shared := range []bool{true, false} {
				var params map[string]neuron.Value
				name := fmt.Sprintf("%s/%s", m.Name(), method)
				if !shared {
					g := make([]float64, n)
					for i := range g {
						g[i] = 100 + 40*float64(i)/n
					}
					params = map[string]neuron.Value{"g_na": {PerNeuron: g}}
					name += "/per-neuron-g_na"
				}
				b.Run(name, func(b *testing.B) {
					s := newStepper(b, m, params, method, n, 10)
					b.ReportAllocs()
					b.ResetTimer()
					for i := 0; i < b.N; i++ {
						s.step()
					}
					b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N)/n, "ns/neuron-step")
				})
			}
		}
	}
}
