package neuron_test

import (
	"fmt"
	"math"
	"strings"
	"testing"

	_ "gospike/models/hodgkinhuxley" // registers hodgkin-huxley
	"gospike/models/lif"
	"gospike/neuron"
)

func TestValue(t *testing.T) {
	s := neuron.Shared(3)
	if s.At(7) != 3 || !s.IsShared() {
		t.Errorf("Shared(3): At(7) = %g, IsShared %v", s.At(7), s.IsShared())
	}
	p := neuron.Value{PerNeuron: []float64{1, -2}}
	if p.At(1) != -2 || p.IsShared() {
		t.Errorf("per-neuron: At(1) = %g, IsShared %v", p.At(1), p.IsShared())
	}
	err := p.Check("c_m", func(x float64) bool { return x > 0 }, "> 0")
	if err == nil || !strings.Contains(err.Error(), "c_m of neuron 1 = -2") {
		t.Errorf("Check: %v, want it to name c_m, neuron 1 and -2", err)
	}
}

func TestResolve(t *testing.T) {
	m, ok := neuron.Lookup("lif")
	if !ok {
		t.Fatal("lif not registered")
	}
	got, err := neuron.Resolve(m, "", map[string]neuron.Value{"tau_m": neuron.Shared(20)}, 4)
	if err != nil {
		t.Fatal(err)
	}
	for _, p := range m.Params() {
		want := p.Default
		if p.Name == "tau_m" {
			want = 20
		}
		if got[p.Name].Scalar != want {
			t.Errorf("%s = %g, want %g", p.Name, got[p.Name].Scalar, want)
		}
	}
	if _, err := neuron.Resolve(m, "", map[string]neuron.Value{"tau": neuron.Shared(1)}, 4); err == nil {
		t.Error("unknown parameter accepted")
	}
	if _, err := neuron.Resolve(m, "", map[string]neuron.Value{"c_m": {PerNeuron: []float64{1}}}, 4); err == nil {
		t.Error("1 value for 4 neurons accepted")
	}
	if _, err := neuron.Resolve(m, "hopf", nil, 4); err == nil {
		t.Error("a preset of a model without presets accepted")
	}
}

// TestDCRunRefusesWhatDoesNotFit: "exact" needs neuron.Exact and "dopri5"
// a v_spike (models without reset).
func TestDCRunRefusesWhatDoesNotFit(t *testing.T) {
	pop, err := lif.Model{}.New(1, nil)
	if err != nil {
		t.Fatal(err)
	}
	r := neuron.DCRun{Pop: pop, Method: "dopri5", Tol: 1e-8, Dt: 0.1, Duration: 1, DC: []float64{0}}
	if _, err := r.Run(lif.Model{}.Vars()); err == nil {
		t.Error("dopri5 accepted for LIF, a model with reset")
	}
}

// ExampleDCRun runs a LIF neuron (NEST iaf_psc_exp defaults: tau_m 10 ms,
// c_m 250 pF, e_l = v_reset = -70 mV, v_th -55 mV, t_ref 2 ms) under 400 pA
// with exact integration: R I = 16 mV, so it fires first at
// tau_m ln(16/(16 - 15)) = 27.726 ms and then every 2 + 27.726 ms.
func ExampleDCRun() {
	pop, _ := lif.Model{}.New(1, nil)
	spikes, err := neuron.DCRun{Pop: pop, Method: "exact", Dt: 0.1, Duration: 100, DC: []float64{400}}.Run(lif.Model{}.Vars())
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Printf("first spike %.3f ms (analytic %.3f)\n", spikes[0].Time, 10*math.Log(16))
	fmt.Println(len(spikes), "spikes")
	// Output:
	// first spike 27.726 ms (analytic 27.726)
	// 3 spikes
}

// TestISIRates: two spikes 25 ms apart in the window give 40 Hz; spikes
// outside [t0, t1) do not count; one spike gives 0.
func TestISIRates(t *testing.T) {
	spikes := []neuron.Spike{{Neuron: 0, Time: 10}, {Neuron: 0, Time: 35}, {Neuron: 0, Time: 60}, {Neuron: 1, Time: 20}, {Neuron: 1, Time: 100}}
	got := neuron.ISIRates(spikes, 3, 30, 90)
	want := []float64{40, 0, 0} // neuron 0: 35 and 60 in the window; neuron 1: none there; neuron 2: no spikes
	for i := range want {
		if got[i] != want[i] {
			t.Errorf("neuron %d: %g Hz, want %g", i, got[i], want[i])
		}
	}
}

// TestDopri5Records: a "dopri5" run calls Record after every accepted
// step, with increasing times that end at the duration.
func TestDopri5Records(t *testing.T) {
	m, ok := neuron.Lookup("hodgkin-huxley")
	if !ok {
		t.Fatal("hodgkin-huxley is not registered")
	}
	pop, err := m.New(1, nil)
	if err != nil {
		t.Fatal(err)
	}
	var times []float64
	r := neuron.DCRun{Pop: pop, Method: "dopri5", Tol: 1e-8, Duration: 5, DC: []float64{10},
		Record: func(tt float64, _ []float64) { times = append(times, tt) }}
	if _, err := r.Run(m.Vars()); err != nil {
		t.Fatal(err)
	}
	if len(times) < 2 || times[len(times)-1] != 5 {
		t.Fatalf("Record times %v: want several, ending at 5 ms", times)
	}
	for i := 1; i < len(times); i++ {
		if !(times[i] > times[i-1]) {
			t.Fatalf("Record times not increasing: %v", times)
		}
	}
}
