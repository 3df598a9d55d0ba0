package morrislecar

import (
	"math"
	"math/rand/v2"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"gonum.org/v1/gonum/floats/scalar"

	"gospike/integrate"
	"gospike/integrate/fastexp"
	"gospike/neuron"
)

func TestRegistered(t *testing.T) {
	m, ok := neuron.Lookup("morris-lecar")
	if !ok {
		t.Fatal(`model "morris-lecar" is not registered`)
	}
	if _, ok := m.(neuron.Presetter); !ok {
		t.Error("morris-lecar does not implement neuron.Presetter")
	}
	pop, err := m.New(1, nil)
	if err != nil {
		t.Fatal(err)
	}
	if !neuron.CanLinearize(pop) {
		t.Error("morris-lecar populations do not implement neuron.Linear")
	}
	if vs := m.Vars(); len(vs) != 2 || vs[0].Name != "v" || vs[0].Unit != "mV" {
		t.Errorf("Vars() = %v: want v (mV) first, then w", vs)
	}
}

// scriptNames maps the parameter names of ml_model.py to this package's.
var scriptNames = map[string]string{
	"C": "c_m", "gCa": "g_ca", "gK": "g_k", "gL": "g_l", "ECa": "e_ca", "EK": "e_k", "EL": "e_l",
	"V1": "v1", "V2": "v2", "V3": "v3", "V4": "v4", "phi": "phi",
}

// TestPresetsMatchReferenceScripts reads the parameter sets that
// ml_scipy.py wrote into the first comment line of its f-I files
// ("Morris-Lecar hopf set {'C': 20.0, ...}") and checks each preset
// against them, value for value; the defaults must be the hopf set.
func TestPresetsMatchReferenceScripts(t *testing.T) {
	m := Model{}
	presets := map[string]neuron.Preset{}
	for _, p := range m.Presets() {
		presets[p.Name] = p
		if p.Source == "" {
			t.Errorf("preset %s has no source", p.Name)
		}
	}
	item := regexp.MustCompile(`'(\w+)': ([-0-9.e]+)`)
	for _, name := range []string{"hopf", "snlc"} {
		tab := readTable(t, "ml_"+name+"_fI.csv")
		if !strings.HasPrefix(tab.comments[0], "Morris-Lecar "+name+" set {") {
			t.Fatalf("ml_%s_fI.csv: unexpected first comment %q", name, tab.comments[0])
		}
		items := item.FindAllStringSubmatch(tab.comments[0], -1)
		if len(items) != len(scriptNames) {
			t.Fatalf("ml_%s_fI.csv: %d parameters in %q, want %d", name, len(items), tab.comments[0], len(scriptNames))
		}
		p, ok := presets[name]
		if !ok {
			t.Fatalf("no preset %q", name)
		}
		if len(p.Values) != len(scriptNames) {
			t.Errorf("preset %s sets %d parameters, the script %d", name, len(p.Values), len(scriptNames))
		}
		resolved, err := neuron.Resolve(m, name, nil, 1)
		if err != nil {
			t.Fatal(err)
		}
		for _, it := range items {
			want, err := strconv.ParseFloat(it[2], 64)
			if err != nil {
				t.Fatal(err)
			}
			ours := scriptNames[it[1]]
			if got := p.Values[ours]; got != want {
				t.Errorf("preset %s: %s = %g, ml_model.py %s = %g", name, ours, got, it[1], want)
			}
			if got := resolved[ours].Scalar; got != want {
				t.Errorf("Resolve(%s): %s = %g, want %g", name, ours, got, want)
			}
		}
	}
	for _, par := range m.Params() {
		if par.Source == "" {
			t.Errorf("parameter %s has no source", par.Name)
		}
		if want, ok := presets["hopf"].Values[par.Name]; ok && par.Default != want {
			t.Errorf("default %s = %g, hopf set %g", par.Name, par.Default, want)
		}
	}
}

// restTol is the relative tolerance on the resting state: the reference
// CSV prints 10 significant digits (half a unit in the 10th digit is
// 5e-10 relative).
const restTol = 1e-9

// TestRest checks the zero-current equilibrium against rest_V_I0 and
// rest_w_I0 of ml_*_onset.csv (ml_model.py rest(): brentq, xtol 1e-13) and
// that it is an equilibrium of Derivative.
func TestRest(t *testing.T) {
	m := Model{}
	for _, name := range []string{"hopf", "snlc"} {
		tab := readTable(t, "ml_"+name+"_onset.csv")
		wantV, wantW := tab.col(t, "rest_V_I0")[0], tab.col(t, "rest_w_I0")[0]
		vals, err := neuron.Resolve(m, name, nil, 3)
		if err != nil {
			t.Fatal(err)
		}
		pop, err := m.New(3, vals)
		if err != nil {
			t.Fatal(err)
		}
		y := make([]float64, 6)
		pop.Rest(y, 0)
		for j := 0; j < 3; j++ {
			if v, w := y[j], y[3+j]; !scalar.EqualWithinRel(v, wantV, restTol) || !scalar.EqualWithinRel(w, wantW, restTol) {
				t.Errorf("%s neuron %d: rest (V, w) = (%.10g, %.10g), reference (%.10g, %.10g)", name, j, v, w, wantV, wantW)
			}
		}
		dst := make([]float64, 6)
		pop.Derivative(dst, y, 0, neuron.Input{A: make([]float64, 3), B: make([]float64, 3)})
		// dV/dt is (a sum of terms of ~100 uA/cm^2)/c_m: rounding leaves ~1e-14 mV/ms.
		for i, d := range dst {
			if math.Abs(d) > 1e-12 {
				t.Errorf("%s: d%s/dt = %g at rest, want 0", name, m.Vars()[i/3].Name, d)
			}
		}
	}
}

// TestPerNeuronParameters makes a population in which g_ca differs per
// neuron (the two presets' values, alternating, on top of the snlc set):
// every neuron must rest, and move, exactly like a population sharing its
// value.
func TestPerNeuronParameters(t *testing.T) {
	m := Model{}
	const n = 4
	vals, err := neuron.Resolve(m, "snlc", map[string]neuron.Value{"g_ca": {PerNeuron: []float64{4, 4.4, 4, 4.4}}}, n)
	if err != nil {
		t.Fatal(err)
	}
	mixed, err := m.New(n, vals)
	if err != nil {
		t.Fatal(err)
	}
	if v, ok := mixed.Param("g_ca"); !ok || v.At(1) != 4.4 || v.At(2) != 4 {
		t.Errorf("Param(g_ca) = %v, %v", v, ok)
	}
	if v, ok := mixed.Param("v4"); !ok || !v.IsShared() || v.Scalar != 17.4 {
		t.Errorf("Param(v4) = %v, %v: want shared 17.4", v, ok)
	}
	y := make([]float64, 2*n)
	mixed.Rest(y, 0)
	in := neuron.Input{A: []float64{45, 45, 45, 45}, B: []float64{0.1, 0.1, 0.1, 0.1}}
	dst := make([]float64, 2*n)
	mixed.Derivative(dst, y, 0, in)
	for j, gCa := range []float64{4, 4.4, 4, 4.4} {
		vals["g_ca"] = neuron.Shared(gCa)
		one, err := m.New(1, vals)
		if err != nil {
			t.Fatal(err)
		}
		y1, d1 := make([]float64, 2), make([]float64, 2)
		one.Rest(y1, 0)
		one.Derivative(d1, y1, 0, neuron.Input{A: in.A[:1], B: in.B[:1]})
		if y[j] != y1[0] || y[n+j] != y1[1] || dst[j] != d1[0] || dst[n+j] != d1[1] {
			t.Errorf("neuron %d (g_ca %g): state %v %v, derivative %v %v; alone: %v, %v",
				j, gCa, y[j], y[n+j], dst[j], dst[n+j], y1, d1)
		}
	}
	// A block that starts at neuron 1 sees neurons 1 and 2.
	yb := make([]float64, 4)
	mixed.Rest(yb, 1)
	if yb[0] != y[1] || yb[1] != y[2] || yb[2] != y[n+1] || yb[3] != y[n+2] {
		t.Errorf("Rest of block at offset 1 = %v, want neurons 1, 2 of %v", yb, y)
	}
}

// TestGatingFunctions compares the logistic forms the code uses with the
// tanh/cosh forms of ml_model.py (minf, winf, and the w rate of rhs).
func TestGatingFunctions(t *testing.T) {
	const tol = 1e-14 // a few ulps; tanh near -1 loses digits, hence the absolute part
	m := Model{}
	for _, preset := range []string{"hopf", "snlc"} {
		vals, _ := neuron.Resolve(m, preset, nil, 1)
		pop, err := m.New(1, vals)
		if err != nil {
			t.Fatal(err)
		}
		s := &pop.(*Population).shared
		for _, v := range []float64{-500, -150, -84, -60.9, -30, -1.2, 0, 2, 12, 40, 120, 500} {
			mInf, wInf, lambda := s.rates(v)
			wantM := 0.5 * (1 + math.Tanh((v-s.v1)/s.v2))
			wantW := 0.5 * (1 + math.Tanh((v-s.v3)/s.v4))
			wantL := s.phi * math.Cosh((v-s.v3)/(2*s.v4))
			if !scalar.EqualWithinAbsOrRel(mInf, wantM, tol, tol) || s.mInf(v) != mInf {
				t.Errorf("%s: m_inf(%g) = %.17g, tanh form %.17g", preset, v, mInf, wantM)
			}
			if !scalar.EqualWithinAbsOrRel(wInf, wantW, tol, tol) || s.wInf(v) != wInf {
				t.Errorf("%s: w_inf(%g) = %.17g, tanh form %.17g", preset, v, wInf, wantW)
			}
			if !scalar.EqualWithinRel(lambda, wantL, tol) {
				t.Errorf("%s: lambda(%g) = %.17g, phi cosh form %.17g", preset, v, lambda, wantL)
			}
		}
		// Far out the logistic forms reach their limits instead of NaN.
		for _, v := range []float64{-1e6, 1e6} {
			mInf, wInf, lambda := s.rates(v)
			if math.IsNaN(mInf) || math.IsNaN(wInf) || !math.IsInf(lambda, 1) {
				t.Errorf("%s: rates(%g) = %g, %g, %g: want limits, +Inf rate", preset, v, mInf, wInf, lambda)
			}
		}
	}
}

// TestLinearIsDerivativeAtStepStart checks the quasi-linear split: a + b y
// must equal the derivative at the state it was evaluated at (the
// condition for exponential Euler's first-order consistency), and the w
// coefficients must be the exact ones (lambda w_inf and -lambda, from the
// same exponentials).
func TestLinearIsDerivativeAtStepStart(t *testing.T) {
	const tol = 1e-12 // relative, a + b y sums terms of ~100 before cancelling
	m := Model{}
	const n = 64
	rng := rand.New(rand.NewPCG(1, 2))
	vals, _ := neuron.Resolve(m, "snlc", nil, n)
	pop, err := m.New(n, vals)
	if err != nil {
		t.Fatal(err)
	}
	y := make([]float64, 2*n)
	in := neuron.Input{A: make([]float64, n), B: make([]float64, n)}
	for j := 0; j < n; j++ {
		y[j] = -90 + 150*rng.Float64()
		y[n+j] = rng.Float64()
		in.A[j] = 200 * (rng.Float64() - 0.5)
		in.B[j] = rng.Float64()
	}
	a, b, d := make([]float64, 2*n), make([]float64, 2*n), make([]float64, 2*n)
	lin := pop.(neuron.Linear)
	lin.Linear(a, b, y, 0, in)
	pop.Derivative(d, y, 0, in)
	s := &pop.(*Population).shared
	for i := range y {
		if got := a[i] + b[i]*y[i]; !scalar.EqualWithinAbsOrRel(got, d[i], tol, tol) {
			t.Errorf("state %d: a + b y = %.15g, derivative %.15g", i, got, d[i])
		}
		if i >= n {
			// The population takes the exponentials from fastexp (the
			// scalar Exp gives ExpSlice's bits): the same here.
			xM, xW := s.expArgs(y[i-n])
			_, wInf, lambda := s.ratesFrom(fastexp.Exp(xM), fastexp.Exp(xW))
			if b[i] != -lambda || a[i] != lambda*wInf {
				t.Errorf("w of neuron %d: a, b = %g, %g; want lambda w_inf, -lambda = %g, %g", i-n, a[i], b[i], lambda*wInf, -lambda)
			}
		}
	}
}

func TestAfterStep(t *testing.T) {
	m := Model{}
	// A block of neurons 7..11 of 12; neuron 11 has v_spike 10 mV.
	vSpike := make([]float64, 12)
	vSpike[11] = 10
	pop, err := m.New(12, map[string]neuron.Value{"v_spike": {PerNeuron: vSpike}})
	if err != nil {
		t.Fatal(err)
	}
	prev := []float64{-10, 10, -5, 0, 0}
	y := []float64{10, -10, -5, 5, 20, 0, 0, 0, 0, 0}
	const t0, dt = 100.0, 0.1
	got := pop.AfterStep(nil, prev, y, 7, t0, dt)
	// Linear interpolation of the crossing: t0 + dt (v_spike - V0)/(V1 - V0).
	want := []neuron.Spike{{Neuron: 7, Time: 100.05}, {Neuron: 11, Time: 100.05}}
	if len(got) != len(want) {
		t.Fatalf("spikes %v, want %v (up-crossing of 0 from -10 to 10; none downward, none from exactly 0 to 5)", got, want)
	}
	for i := range want {
		if got[i].Neuron != want[i].Neuron || !scalar.EqualWithinAbs(got[i].Time, want[i].Time, 1e-12) {
			t.Errorf("spike %d = %v, want %v", i, got[i], want[i])
		}
	}
}

func TestNewRejects(t *testing.T) {
	m := Model{}
	for _, tc := range []struct {
		name   string
		values map[string]neuron.Value
		want   string
	}{
		{"unknown", map[string]neuron.Value{"g_na": neuron.Shared(120)}, `no parameter "g_na"`},
		{"zero c_m", map[string]neuron.Value{"c_m": neuron.Shared(0)}, "c_m = 0: must be positive"},
		{"negative g_k", map[string]neuron.Value{"g_k": neuron.Shared(-1)}, "g_k = -1: must be non-negative"},
		{"NaN phi", map[string]neuron.Value{"phi": neuron.Shared(math.NaN())}, "phi = NaN: must be positive"},
		{"zero v2", map[string]neuron.Value{"v2": neuron.Shared(0)}, "v2 = 0: must be positive"},
		{"infinite e_l", map[string]neuron.Value{"e_l": neuron.Shared(math.Inf(1))}, "e_l = +Inf: must be finite"},
		{"no conductance", map[string]neuron.Value{"g_ca": neuron.Shared(0), "g_k": neuron.Shared(0), "g_l": neuron.Shared(0)}, "at least one conductance"},
		{"v_spike below rest", map[string]neuron.Value{"v_spike": neuron.Shared(-70)}, "v_spike = -70 mV: must be above the zero-current resting potential -60.86 mV"},
		{"per-neuron length", map[string]neuron.Value{"g_l": {PerNeuron: []float64{2, 2}}}, "g_l: 2 values for 3 neurons"},
		{"per-neuron value", map[string]neuron.Value{"v4": {PerNeuron: []float64{30, 30, -30}}}, "v4 of neuron 2 = -30: must be positive"},
		{"per-neuron set", map[string]neuron.Value{"v_spike": {PerNeuron: []float64{0, -65, 0}}}, "neuron 1: v_spike = -65 mV"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			pop, err := m.New(3, tc.values)
			if err == nil {
				t.Fatalf("New accepted %v: %v", tc.values, pop)
			}
			if !strings.HasPrefix(err.Error(), "morrislecar: ") || !strings.Contains(err.Error(), tc.want) {
				t.Errorf("error %q, want it to start with \"morrislecar: \" and contain %q", err, tc.want)
			}
		})
	}
}

// TestStepAllocates nothing: one step of each method on a block, with
// spike detection into a buffer of sufficient capacity.
func TestStepAllocatesNothing(t *testing.T) {
	m := Model{}
	const n = 100
	for _, method := range integrate.Names {
		pop, err := m.New(n, nil)
		if err != nil {
			t.Fatal(err)
		}
		y := make([]float64, 2*n)
		pop.Rest(y, 0)
		in := neuron.Input{A: make([]float64, n), B: make([]float64, n)}
		for j := range in.A {
			in.A[j] = 100 // hopf set: firing at ~11.7 Hz
		}
		meth, err := integrate.New(method, 2*n)
		if err != nil {
			t.Fatal(err)
		}
		blk := &neuron.Block{Pop: pop, In: in}
		prev := make([]float64, n)
		spikes := make([]neuron.Spike, 0, n)
		tm := 0.0
		allocs := testing.AllocsPerRun(2000, func() {
			copy(prev, y[:n])
			meth.Step(blk, tm, 0.05, y)
			spikes = pop.AfterStep(spikes[:0], prev, y, 0, tm, 0.05)
			tm += 0.05
		})
		if allocs != 0 {
			t.Errorf("%s: %g allocations per step", method, allocs)
		}
	}
}
