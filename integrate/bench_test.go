package integrate_test

import (
	"testing"

	"gospike/integrate"
	"gospike/integrate/testode"
)

// benchN is the state length of the step benchmarks: a population-sized
// system of independent decays.
const benchN = 10000

func BenchmarkStep(b *testing.B) {
	p := testode.NewDecay(benchN)
	for _, name := range integrate.Names {
		b.Run(name, func(b *testing.B) {
			m, err := integrate.New(name, benchN)
			if err != nil {
				b.Fatal(err)
			}
			y := make([]float64, benchN)
			p.Exact(y, 0)
			b.ReportAllocs()
			tt := 0.0
			for b.Loop() {
				m.Step(p, tt, 1e-3, y)
				tt += 1e-3
			}
		})
	}
	b.Run("dopri5", func(b *testing.B) {
		d, err := integrate.NewDopri5(benchN, integrate.Settings{RTol: 1e-8, ATol: 1e-8})
		if err != nil {
			b.Fatal(err)
		}
		y := make([]float64, benchN)
		p.Exact(y, 0)
		b.ReportAllocs()
		tt := 0.0
		for b.Loop() {
			// Steps over [0, 2] again and again: left alone, the decays
			// would reach denormal numbers, whose arithmetic is slow.
			if tt, err = d.Step(p, tt, 2, y); err != nil {
				b.Fatal(err)
			}
			if tt == 2 {
				tt = 0
				p.Exact(y, 0) // Step restarts: one more evaluation
			}
		}
		s := d.Stats()
		b.ReportMetric(float64(s.Evaluations)/float64(s.Steps), "evals/step")
		b.ReportMetric(float64(s.Rejected)/float64(s.Steps), "rejected/step")
	})
}

// BenchmarkDopri5LIF is a single-neuron reference run: 100 ms of a LIF
// membrane to RTol = ATol = 1e-10, through Solve.
func BenchmarkDopri5LIF(b *testing.B) {
	p := testode.NewLIFMembrane()
	d, err := integrate.NewDopri5(1, integrate.Settings{RTol: 1e-10, ATol: 1e-10})
	if err != nil {
		b.Fatal(err)
	}
	y := make([]float64, 1)
	b.ReportAllocs()
	for b.Loop() {
		d.Reset()
		p.Exact(y, 0)
		if _, err := d.Solve(p, 0, 100, y); err != nil {
			b.Fatal(err)
		}
	}
}
