package lif

import (
	"math"
	"strings"
	"sync"
	"testing"

	"gospike/integrate"
	"gospike/neuron"
)

func TestRegistered(t *testing.T) {
	m, ok := neuron.Lookup("lif")
	if !ok {
		t.Fatal(`model "lif" is not registered`)
	}
	if vars := m.Vars(); len(vars) != 1 || vars[0].Name != "v" || vars[0].Unit != "mV" {
		t.Errorf("Vars = %+v, want only v in mV", vars)
	}
	want := neuron.Units{Current: "pA", Conductance: "nS", Capacitance: "pF", Density: false}
	if u := m.Units(); u != want {
		t.Errorf("Units = %+v, want %+v", u, want)
	}
	// Defaults: NEST iaf_psc_exp documentation (models/iaf_psc_exp.h,
	// parameter table): E_L -70 mV, C_m 250 pF, tau_m 10 ms, t_ref 2 ms,
	// V_th -55 mV, V_reset -70 mV, I_e 0 pA; NEST iaf_psc_delta's
	// refractory_input defaults to false (0).
	defaults := map[string]float64{"e_l": -70, "c_m": 250, "tau_m": 10, "t_ref": 2, "v_th": -55, "v_reset": -70, "i_e": 0, "refractory_input": 0}
	units := map[string]string{"e_l": "mV", "c_m": "pF", "tau_m": "ms", "t_ref": "ms", "v_th": "mV", "v_reset": "mV", "i_e": "pA", "refractory_input": ""}
	ps := m.Params()
	if len(ps) != len(defaults) {
		t.Errorf("%d parameters, want %d", len(ps), len(defaults))
	}
	for _, p := range ps {
		if d, ok := defaults[p.Name]; !ok || p.Default != d || p.Unit != units[p.Name] || p.Source == "" || p.Doc == "" {
			t.Errorf("parameter %+v: want default %v %s with doc and source", p, d, units[p.Name])
		}
	}
	pop, err := m.New(4, map[string]neuron.Value{"tau_m": neuron.Shared(20)})
	if err != nil {
		t.Fatal(err)
	}
	if v, ok := pop.Param("tau_m"); !ok || v.At(3) != 20 {
		t.Errorf("Param(tau_m) = %v, %v; want 20", v, ok)
	}
	if v, ok := pop.Param("c_m"); !ok || v.At(0) != 250 {
		t.Errorf("Param(c_m) = %v, %v; want the default 250", v, ok)
	}
	if _, ok := pop.(neuron.Exact); !ok {
		t.Error("population does not implement neuron.Exact")
	}
	if !neuron.CanLinearize(pop) {
		t.Error("population does not implement neuron.Linear")
	}
	y := make([]float64, 4)
	pop.Rest(y, 0)
	for j, v := range y {
		if v != -70 {
			t.Errorf("Rest: V of neuron %d = %v, want e_l = -70", j, v)
		}
	}
}

func TestNewValidation(t *testing.T) {
	per := func(x ...float64) neuron.Value { return neuron.Value{PerNeuron: x} }
	for _, c := range []struct {
		params map[string]neuron.Value
		want   []string // substrings of the error
	}{
		{map[string]neuron.Value{"c_m": neuron.Shared(0)}, []string{"lif: ", "c_m = 0", "> 0 pF"}},
		{map[string]neuron.Value{"tau_m": neuron.Shared(-1)}, []string{"tau_m = -1", "> 0 ms"}},
		{map[string]neuron.Value{"t_ref": neuron.Shared(-0.1)}, []string{"t_ref = -0.1", ">= 0 ms"}},
		{map[string]neuron.Value{"v_reset": neuron.Shared(-55)}, []string{"v_reset = -55 mV", "v_th = -55 mV"}},
		{map[string]neuron.Value{"v_th": per(-55, -80, -55)}, []string{"neuron 1", "v_reset", "-70 mV", "v_th = -80 mV"}},
		{map[string]neuron.Value{"c_m": per(250, 250, -1)}, []string{"c_m of neuron 2 = -1"}},
		{map[string]neuron.Value{"e_l": neuron.Shared(math.NaN())}, []string{"e_l = NaN", "finite"}},
		{map[string]neuron.Value{"i_e": neuron.Shared(math.Inf(1))}, []string{"i_e = +Inf", "finite"}},
		{map[string]neuron.Value{"g_na": neuron.Shared(1)}, []string{"lif: ", `no parameter "g_na"`}},
		{map[string]neuron.Value{"tau_m": per(10, 10)}, []string{"tau_m", "2 values for 3 neurons"}},
	} {
		_, err := (Model{}).New(3, c.params)
		if err == nil {
			t.Errorf("New(%v): no error", c.params)
			continue
		}
		for _, w := range c.want {
			if !strings.Contains(err.Error(), w) {
				t.Errorf("New(%v) = %q: does not say %q", c.params, err, w)
			}
		}
	}
	if _, err := (Model{}).New(3, map[string]neuron.Value{"t_ref": neuron.Shared(0)}); err != nil {
		t.Errorf("t_ref = 0 refused: %v", err)
	}
}

// stepper advances a whole population step by step with method (a generic
// integrator or "exact") in blocks [0, cuts[0]), [cuts[0], cuts[1]), ...
// stepped concurrently, one goroutine per block.
type stepper struct {
	pop    *Population
	method string
	cuts   []int // block boundaries, ending with pop.Len()
	ms     []integrate.Method
	blks   []*neuron.Block
	prev   [][]float64
	spikes [][]neuron.Spike
}

func newStepper(t testing.TB, pop *Population, method string, cuts []int, dc []float64) *stepper {
	s := &stepper{pop: pop, method: method, cuts: cuts}
	lo := 0
	for _, hi := range cuts {
		n := hi - lo
		if method != "exact" {
			m, err := integrate.New(method, n)
			if err != nil {
				t.Fatal(err)
			}
			s.ms = append(s.ms, m)
			s.blks = append(s.blks, &neuron.Block{Pop: pop, Off: lo, In: neuron.Input{A: dc[lo:hi], B: make([]float64, n)}})
		}
		s.prev = append(s.prev, make([]float64, n))
		s.spikes = append(s.spikes, make([]neuron.Spike, 0, 16))
		lo = hi
	}
	return s
}

// step advances y (the whole population) from time to time+dt; exp, if
// not nil, holds the whole population's exponential currents.
func (s *stepper) step(y []float64, time, dt float64, dc []float64, exp []neuron.ExpCurrent) []neuron.Spike {
	var wg sync.WaitGroup
	lo := 0
	for b, hi := range s.cuts {
		wg.Add(1)
		go func(b, lo, hi int) {
			defer wg.Done()
			s.spikes[b] = s.spikes[b][:0]
			yb := y[lo:hi]
			if s.method == "exact" {
				in := neuron.ExactInput{DC: dc[lo:hi]}
				for _, e := range exp {
					in.Exp = append(in.Exp, neuron.ExpCurrent{Tau: e.Tau, I: e.I[lo:hi]})
				}
				s.spikes[b] = s.pop.StepExact(s.spikes[b], yb, lo, time, dt, in)
				return
			}
			copy(s.prev[b], yb)
			s.ms[b].Step(s.blks[b], time, dt, yb)
			s.spikes[b] = s.pop.AfterStep(s.spikes[b], s.prev[b], yb, lo, time, dt)
		}(b, lo, hi)
		lo = hi
	}
	wg.Wait()
	var all []neuron.Spike
	for _, sp := range s.spikes {
		all = append(all, sp...)
	}
	return all
}

// Per-neuron parameters and blocks: a population whose neurons differ in
// every parameter, stepped in three concurrent blocks, must reproduce
// bit for bit the runs of one-neuron populations with shared parameters.
// (Run with -race to check that concurrent blocks do not race.)
func TestPerNeuronParamsAndBlocks(t *testing.T) {
	per := map[string][]float64{ // arbitrary distinct values, all valid
		"tau_m":   {10, 5, 20, 10, 7.5},
		"c_m":     {250, 100, 300, 250, 200},
		"e_l":     {-70, -65, -60, -70, -68},
		"v_th":    {-55, -50, -52, -50, -54},
		"v_reset": {-70, -65, -75, -60, -68},
		"t_ref":   {2, 0.55, 0, 1.234, 0.05},
		"i_e":     {0, 100, -50, 20, 0},
	}
	dc := []float64{500, 800, 1200, 350, 700}
	n := len(dc)
	const (
		dt    = 0.1 // ms
		steps = 2000
	)
	for _, method := range []string{"euler", "rk4", "exponential-euler", "exact"} {
		params := map[string]neuron.Value{}
		for k, v := range per {
			params[k] = neuron.Value{PerNeuron: v}
		}
		pop, err := NewPopulation(n, params)
		if err != nil {
			t.Fatal(err)
		}
		y := make([]float64, n)
		pop.Rest(y, 0)
		st := newStepper(t, pop, method, []int{2, 3, 5}, dc)
		// Exponential currents (exact only): one of each sign, advanced in
		// place by StepExact, so every run gets its own copy.
		expInit := []neuron.ExpCurrent{{Tau: 2, I: []float64{3000, 0, 1000, 5000, 500}}, {Tau: 8, I: []float64{-1000, -500, 0, -200, -100}}}
		var exp []neuron.ExpCurrent
		if method == "exact" {
			for _, e := range expInit {
				exp = append(exp, neuron.ExpCurrent{Tau: e.Tau, I: append([]float64(nil), e.I...)})
			}
		}
		var got []neuron.Spike
		for k := 0; k < steps; k++ {
			got = append(got, st.step(y, float64(k)*dt, dt, dc, exp)...)
		}
		count := 0
		for i := 0; i < n; i++ {
			single := map[string]neuron.Value{}
			for k, v := range per {
				single[k] = neuron.Shared(v[i])
			}
			p1, err := NewPopulation(1, single)
			if err != nil {
				t.Fatal(err)
			}
			y1 := make([]float64, 1)
			p1.Rest(y1, 0)
			st1 := newStepper(t, p1, method, []int{1}, dc[i:i+1])
			var exp1 []neuron.ExpCurrent
			if method == "exact" {
				for _, e := range expInit {
					exp1 = append(exp1, neuron.ExpCurrent{Tau: e.Tau, I: []float64{e.I[i]}})
				}
			}
			var want []neuron.Spike
			for k := 0; k < steps; k++ {
				want = append(want, st1.step(y1, float64(k)*dt, dt, dc[i:i+1], exp1)...)
			}
			var mine []float64
			for _, s := range got {
				if s.Neuron == i {
					mine = append(mine, s.Time)
				}
			}
			if len(mine) != len(want) {
				t.Errorf("%s, neuron %d: %d spikes, alone %d", method, i, len(mine), len(want))
				continue
			}
			for k := range want {
				if mine[k] != want[k].Time {
					t.Errorf("%s, neuron %d, spike %d: at %v, alone at %v", method, i, k, mine[k], want[k].Time)
				}
			}
			if y[i] != y1[0] {
				t.Errorf("%s, neuron %d: V = %v, alone %v", method, i, y[i], y1[0])
			}
			count += len(want)
		}
		if count < 100 {
			t.Errorf("%s: only %d spikes: the test does not exercise reset and refractoriness", method, count)
		}
	}
}
