package morrislecar

import (
	"testing"

	"gospike/integrate"
	"gospike/neuron"
)

// BenchmarkStep times one step of a population of 10 000 hopf neurons
// firing at 100 uA/cm^2 (about 11.7 Hz, ml_hopf_fI.csv): the integrator
// step and spike detection, reported per neuron and step.
func BenchmarkStep(b *testing.B) {
	const n = 10000
	const dt = 0.05 // ms
	for _, method := range integrate.Names {
		b.Run(method, func(b *testing.B) {
			pop, err := Model{}.New(n, nil)
			if err != nil {
				b.Fatal(err)
			}
			y := make([]float64, 2*n)
			pop.Rest(y, 0)
			in := neuron.Input{A: make([]float64, n), B: make([]float64, n)}
			for j := range in.A {
				in.A[j] = 100
			}
			meth, err := integrate.New(method, 2*n)
			if err != nil {
				b.Fatal(err)
			}
			blk := &neuron.Block{Pop: pop, In: in}
			prev := make([]float64, n)
			spikes := make([]neuron.Spike, 0, n)
			b.ReportAllocs()
			b.ResetTimer()
			tm := 0.0
			for i := 0; i < b.N; i++ {
				copy(prev, y[:n])
				meth.Step(blk, tm, dt, y)
				spikes = pop.AfterStep(spikes[:0], prev, y, 0, tm, dt)
				tm += dt
			}
			b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N)/n, "ns/neuron-step")
		})
	}
}
