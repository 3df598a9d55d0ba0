package lif

import (
	"testing"

	"gospike/integrate"
	"gospike/neuron"
)

// benchStep measures one step of 10 000 neurons with NEST's defaults
// driven by constant currents from R I = 10 to 40 mV (a third silent, the
// rest firing at up to 150 Hz), reported per neuron-step.
func benchStep(b *testing.B, method string, nExp int) {
	const n, dt = 10000, 0.1
	pop, err := NewPopulation(n, nil)
	if err != nil {
		b.Fatal(err)
	}
	y := make([]float64, n)
	pop.Rest(y, 0)
	dc := make([]float64, n)
	for i := range dc {
		dc[i] = 250 + 750*float64(i)/n // pA; R = 0.04 GOhm
	}
	spikes := make([]neuron.Spike, 0, n)
	var step func(t float64)
	switch method {
	case "fused": // exponential Euler in one pass, two conductances (COBA)
		in := neuron.ExpEulerInput{I: dc}
		for k := range 2 {
			in.Decay = append(in.Decay, neuron.Decaying{G: make([]float64, n), Em1: -0.02 + 0.01*float64(k), Conductance: true, ERev: -80 * float64(k)})
		}
		prev := make([]float64, n)
		step = func(t float64) { spikes = pop.StepExpEuler(spikes[:0], y, prev, 0, t, dt, in) }
	case "exact":
		in := neuron.ExactInput{DC: dc}
		for k := 0; k < nExp; k++ {
			in.Exp = append(in.Exp, neuron.ExpCurrent{Tau: 2 + 6*float64(k), I: make([]float64, n)})
		}
		step = func(t float64) { spikes = pop.StepExact(spikes[:0], y, 0, t, dt, in) }
	default:
		m, err := integrate.New(method, n)
		if err != nil {
			b.Fatal(err)
		}
		blk := &neuron.Block{Pop: pop, In: neuron.Input{A: dc, B: make([]float64, n)}}
		prev := make([]float64, n)
		step = func(t float64) {
			copy(prev, y)
			m.Step(blk, t, dt, y)
			spikes = pop.AfterStep(spikes[:0], prev, y, 0, t, dt)
		}
	}
	for k := 0; k < 1000; k++ { // 100 ms: past the first spikes
		step(float64(k) * dt)
	}
	b.ReportAllocs()
	b.ResetTimer()
	for k := 0; k < b.N; k++ {
		step(float64(1000+k) * dt)
	}
	b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N)/n, "ns/neuron-step")
}

func BenchmarkStepEuler(b *testing.B)    { benchStep(b, "euler", 0) }
func BenchmarkStepRK4(b *testing.B)      { benchStep(b, "rk4", 0) }
func BenchmarkStepExpEuler(b *testing.B) { benchStep(b, "exponential-euler", 0) }

// BenchmarkStepExpEulerFused: StepExpEuler with two conductances (zero
// here: the cost does not depend on their values).
func BenchmarkStepExpEulerFused(b *testing.B) { benchStep(b, "fused", 2) }
func BenchmarkStepExact(b *testing.B)         { benchStep(b, "exact", 0) }
func BenchmarkStepExact2Exp(b *testing.B)     { benchStep(b, "exact", 2) }
