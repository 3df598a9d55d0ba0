package integrate_test

import (
	"testing"

	"gospike/integrate"
	"gospike/integrate/testode"
)

// TestStepAllocs checks the contract that a step allocates nothing: every
// fixed-step method, Dopri5's Step and Solve (continuing between output
// times), and its dense output.
func TestStepAllocs(t *testing.T) {
	const n = 1000
	p := testode.NewDecay(n)
	y := make([]float64, n)
	for _, name := range integrate.Names {
		m, err := integrate.New(name, n)
		if err != nil {
			t.Fatal(err)
		}
		p.Exact(y, 0)
		tt := 0.0
		if a := testing.AllocsPerRun(100, func() {
			m.Step(p, tt, 1e-3, y)
			tt += 1e-3
		}); a != 0 {
			t.Errorf("%s: %v allocations per step, want 0", name, a)
		}
	}

	d, err := integrate.NewDopri5(n, integrate.Settings{RTol: 1e-8, ATol: 1e-8})
	if err != nil {
		t.Fatal(err)
	}
	p.Exact(y, 0)
	tt := 0.0
	var stepErr error
	if a := testing.AllocsPerRun(100, func() {
		tt, stepErr = d.Step(p, tt, 1e6, y)
	}); a != 0 || stepErr != nil {
		t.Errorf("dopri5 Step: %v allocations per step (want 0), error %v", a, stepErr)
	}
	if a := testing.AllocsPerRun(100, func() {
		_, stepErr = d.Solve(p, tt, tt+0.01, y)
		tt += 0.01
	}); a != 0 || stepErr != nil {
		t.Errorf("dopri5 Solve: %v allocations per call (want 0), error %v", a, stepErr)
	}
	from, to, _ := d.LastStep()
	dst := make([]float64, n)
	if a := testing.AllocsPerRun(100, func() {
		d.Interpolate(dst, (from+to)/2)
	}); a != 0 {
		t.Errorf("dopri5 Interpolate: %v allocations per call, want 0", a)
	}
}
