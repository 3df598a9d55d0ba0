package scenarios

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// FuzzParse checks that no input, however broken, makes the loader panic,
// that every problem is reported as FILE:..., and that what it accepts is
// consistent. The seed corpus (every example, good and bad file, with and
// without overrides) runs in the default test suite.
func FuzzParse(f *testing.F) {
	files, _ := filepath.Glob("testdata/*/*.toml")
	examples, _ := filepath.Glob("examples/*.toml")
	for _, name := range append(files, examples...) {
		data, err := os.ReadFile(name)
		if err != nil {
			f.Fatal(err)
		}
		f.Add(data, "")
		f.Add(data, "simulation.dt=0.05 ms\npopulation[0].size=2\nstimulus[0].amplitude=[1, 2]")
	}
	f.Add([]byte("[[population]]\nname = 1\n[population.params]\n"), "population.x.y=1")
	f.Add([]byte("a = [[[]]]\nb = {c = {d = [{}]}}"), "a[0][0]=1")
	f.Fuzz(func(t *testing.T, data []byte, set string) {
		var overrides []string
		if set != "" {
			overrides = strings.Split(set, "\n")
		}
		sc, err := Parse("fuzz.toml", data, overrides)
		if err != nil {
			for _, line := range strings.Split(err.Error(), "\n") {
				if !strings.HasPrefix(line, "fuzz.toml:") {
					t.Fatalf("problem without the file name: %q", line)
				}
			}
			return
		}
		checkScenario(t, sc)
	})
}

// checkScenario checks the invariants of an accepted scenario.
func checkScenario(t *testing.T, sc *Scenario) {
	t.Helper()
	s := sc.Simulation
	if !(s.Dt > 0 && s.Dt <= s.Duration && s.Steps >= 1) {
		t.Fatalf("simulation %+v", s)
	}
	if len(sc.Populations) == 0 && sc.Comparison == nil {
		t.Fatal("no population")
	}
	checkComparison(t, sc) // comparison_test.go
	for _, p := range sc.Populations {
		if p.Size < 1 || p.Model == nil || p.Resolved == nil {
			t.Fatalf("population %+v", p)
		}
		for name, v := range p.Resolved {
			if v.PerNeuron != nil && len(v.PerNeuron) != p.Size {
				t.Fatalf("population %s: %s has %d values for %d neurons", p.Name, name, len(v.PerNeuron), p.Size)
			}
		}
		for name, v := range p.Init {
			if v.PerNeuron != nil && len(v.PerNeuron) != p.Size {
				t.Fatalf("population %s: init %s has %d values for %d neurons", p.Name, name, len(v.PerNeuron), p.Size)
			}
		}
	}
	pop := func(i int) Population {
		if i < 0 || i >= len(sc.Populations) {
			t.Fatalf("population index %d of %d", i, len(sc.Populations))
		}
		return sc.Populations[i]
	}
	for _, st := range sc.Stimuli {
		pop(st.Target)
	}
	for _, pr := range sc.Projections {
		pop(pr.From)
		switch d := pr.DelayDist; d.Kind {
		case "":
			if pr.Delay < s.Dt*(1-1e-9) {
				t.Fatalf("delay %v < dt %v", pr.Delay, s.Dt)
			}
		case "uniform":
			if d.A < s.Dt*(1-1e-9) || d.B < d.A || pr.Delay != 0 {
				t.Fatalf("delay %v, uniform on [%v, %v) with dt %v", pr.Delay, d.A, d.B, s.Dt)
			}
		default:
			t.Fatalf("delay distribution %+v", d)
		}
		switch d := pr.WeightDist; d.Kind {
		case "":
		case "uniform", "normal":
			if d.B < d.A && d.Kind == "uniform" || d.B < 0 && d.Kind == "normal" || pr.Weight.Scalar != 0 || pr.Weight.PerNeuron != nil {
				t.Fatalf("weight %v, distribution %+v", pr.Weight, d)
			}
			if pr.Synapse.Conductance() && d.A < 0 {
				t.Fatalf("conductance weight distribution %+v", d)
			}
		default:
			t.Fatalf("weight distribution %+v", d)
		}
		if c := pr.Connect; c.P < 0 || c.P > 1 || c.K < 0 {
			t.Fatalf("connect %+v", c)
		}
		if w := pr.Weight; w.PerNeuron != nil && len(w.PerNeuron) != pop(pr.To).Size {
			t.Fatalf("weight of %d values for %d neurons", len(w.PerNeuron), pop(pr.To).Size)
		}
	}
	for _, r := range sc.Records {
		p := pop(r.Population)
		for _, n := range r.Neurons {
			if n < 0 || n >= p.Size {
				t.Fatalf("record neuron %d of %d", n, p.Size)
			}
		}
		if len(r.Vars) != len(r.Variables) {
			t.Fatalf("record %+v", r)
		}
	}
}
