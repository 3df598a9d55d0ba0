package hodgkinhuxley

import (
	"encoding/csv"
	"math"
	"math/rand/v2"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"gospike/neuron"
)

// hhModRates is an independent transcription of NEURON's hh.mod rates
// (procedure rates, usetable off) with one exp per rate, as
// shared/reference/scripts/hh_scipy.py writes them.
func hhModRates(v float64) [6]float64 {
	vtrapMod := func(x, y float64) float64 {
		if math.Abs(x/y) < 1e-6 {
			return y * (1 - x/y/2)
		}
		return x / (math.Exp(x/y) - 1)
	}
	return [6]float64{
		0.1 * vtrapMod(-(v+40), 10), 4 * math.Exp(-(v+65)/18),
		0.07 * math.Exp(-(v+65)/20), 1 / (math.Exp(-(v+35)/10) + 1),
		0.01 * vtrapMod(-(v+55), 10), 0.125 * math.Exp(-(v+65)/80),
	}
}

// TestHHRates checks hhRates, which shares two exponentials among the six
// rates, against the one-exp-per-rate transcription of hh.mod, and the
// removable singularities against their analytic limits.
func TestHHRates(t *testing.T) {
	// Away from the singularities the shared exponentials carry a few more
	// roundings (exp(u/80)^8 for exp(u/10)): a relative error of a few
	// 1e-16 times |u/10|, far below this.
	const relTol = 1e-13
	for _, v := range []float64{-120, -100, -80, -65, -60, -50, -45, -35, -20, 0, 30, 60, 100} {
		got := [6]float64{}
		got[0], got[1], got[2], got[3], got[4], got[5] = hhRates(v)
		want := hhModRates(v)
		for i := range got {
			if d := math.Abs(got[i]-want[i]) / want[i]; d > relTol {
				t.Errorf("v = %g mV: rate %d = %.17g, hh.mod %.17g (rel. diff %.2g > %g)", v, i, got[i], want[i], d, relTol)
			}
		}
	}
	// Analytic limits: x/(exp(x/y) - 1) -> y as x -> 0, so alpha_m(-40) =
	// 0.1*10 = 1/ms and alpha_n(-55) = 0.01*10 = 0.1/ms.
	for _, c := range []struct {
		v, want float64
		i       int
	}{{-40, 1, 0}, {-55, 0.1, 4}} {
		got := [6]float64{}
		got[0], got[1], got[2], got[3], got[4], got[5] = hhRates(c.v)
		if got[c.i] != c.want {
			t.Errorf("rate %d at its singularity v = %g mV: %.17g, want %g", c.i, c.v, got[c.i], c.want)
		}
		// Just outside vtrap's series branch (|x/y| = 2e-6), exp(x/y) - 1
		// cancels: an error of k ulps in exp(x/y) becomes k*eps/|x/y| in
		// the rate; the shared exponentials carry k <= 16.
		tol := 16 * 0x1p-52 / 2e-6
		for _, dv := range []float64{-2e-5, 2e-5} {
			got[0], got[1], got[2], got[3], got[4], got[5] = hhRates(c.v + dv)
			want := hhModRates(c.v + dv)
			if d := math.Abs(got[c.i]-want[c.i]) / want[c.i]; d > tol {
				t.Errorf("rate %d at v = %g mV: %.17g, hh.mod %.17g (rel. diff %.2g > %.2g)", c.i, c.v+dv, got[c.i], want[c.i], d, tol)
			}
		}
	}
}

// TestHHDerivativeBlock: the population's Derivative, which takes the
// rates' exponentials for the whole block from fastexp (within 2 ulp of
// math.Exp), is dy/dt of the hh.mod rates (hhModRates) to the tolerances
// of TestHHRates: 1e-13 of each term's size away from the removable
// singularities, 16 eps/2e-6 just outside vtrap's series branch; and a
// block starting at an offset gets the same values.
func TestHHDerivativeBlock(t *testing.T) {
	vs := []float64{-120, -100, -80, -65, -60, -50, -45, -35, -20, 0, 30, 60, 100,
		-40, -55, -40 + 2e-5, -40 - 2e-5, -55 + 2e-5, -55 - 2e-5}
	n := len(vs)
	y := make([]float64, 4*n)
	for j, v := range vs {
		y[j], y[n+j], y[2*n+j], y[3*n+j] = v, 0.3, 0.6, 0.4
	}
	p, err := Model{}.New(n+5, nil)
	if err != nil {
		t.Fatal(err)
	}
	ks, _ := p.(*population).k.block(0, 1)
	k := ks[0]
	in := neuron.Input{A: make([]float64, n), B: make([]float64, n)}
	for _, off := range []int{0, 5} {
		d := make([]float64, 4*n)
		p.Derivative(d, y, off, in)
		for j, v := range vs {
			r := hhModRates(v)
			tol := 1e-13
			if math.Abs(v+40) < 1e-3 || math.Abs(v+55) < 1e-3 {
				tol = 16 * 0x1p-52 / 2e-6
			}
			for g, x := range []float64{0.3, 0.6, 0.4} {
				a, b := r[2*g], r[2*g+1]
				want := k.phi * (a*(1-x) - b*x)
				if diff := math.Abs(d[(g+1)*n+j] - want); diff > tol*k.phi*(a*(1-x)+b*x) {
					t.Errorf("offset %d, v = %g mV: d(gate %d)/dt = %.17g, hh.mod %.17g", off, v, g, d[(g+1)*n+j], want)
				}
			}
		}
	}
}

// TestHHRest checks the initial state: v = -65 mV with every gate at its
// steady state, alpha/(alpha+beta), so the gates do not move at first.
func TestHHRest(t *testing.T) {
	p, err := Model{}.New(3, nil)
	if err != nil {
		t.Fatal(err)
	}
	y := make([]float64, 12)
	p.Rest(y, 0)
	r := hhModRates(-65)
	want := []float64{-65, r[0] / (r[0] + r[1]), r[2] / (r[2] + r[3]), r[4] / (r[4] + r[5])}
	const relTol = 1e-13 // as in TestHHRates
	for k, w := range want {
		for j := 0; j < 3; j++ {
			if got := y[k*3+j]; math.Abs(got-w) > relTol*math.Abs(w) {
				t.Errorf("variable %d of neuron %d = %.17g, want %.17g", k, j, got, w)
			}
		}
	}
	d := make([]float64, 12)
	p.Derivative(d, y, 0, neuron.Input{A: make([]float64, 3), B: make([]float64, 3)})
	for i := 3; i < 12; i++ {
		if math.Abs(d[i]) > 1e-15 {
			t.Errorf("d(gate)/dt at rest = %g, want 0", d[i])
		}
	}
}

// scipyI10 returns the reference spike times at 10 uA/cm^2 (scipy DOP853,
// rtol = atol = 1e-10: the exact solution to ~1e-7 ms).
func scipyI10(t *testing.T) []float64 {
	return readCSV(t, "hh_scipy_spikes_I10.csv")["t_ms"]
}

// implSlack is what "no worse than Brian2" allows for the same algorithm
// evaluated in another order (numpy vs Go floating point) and for the
// 10 significant digits hh_brian2_spikes_I10.csv keeps: 1e-6 ms, 1e-4 of
// the step.
const implSlack = 1e-6 // ms

// brian2Error returns the largest spike-time error of Brian2's state
// updater method on the 10 uA/cm^2 run at dt 0.01 ms, against want:
// testdata/hh_brian2_spikes_I10.csv, made by testdata/scripts/hh_brian2.py
// (Brian2 2.5.1, the shared reference README quotes the same run as rk4
// 0.00001, euler 0.036, exponential_euler 0.98 ms).
func brian2Error(t *testing.T, method string, want []float64) float64 {
	t.Helper()
	f, err := os.Open(filepath.Join("testdata", "hh_brian2_spikes_I10.csv"))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	r := csv.NewReader(f)
	r.Comment = '#'
	rows, err := r.ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	var got []float64
	for _, row := range rows[1:] {
		if row[0] == method {
			x, err := strconv.ParseFloat(row[2], 64)
			if err != nil {
				t.Fatal(err)
			}
			got = append(got, x)
		}
	}
	if len(got) != len(want) {
		t.Fatalf("Brian2 %s: %d spikes, want %d", method, len(got), len(want))
	}
	return maxAbsDiff(got, want)
}

// TestHHSpikeTimesRK4: RK4 at dt 0.01 ms, 10 uA/cm^2 from rest for 200 ms,
// gives the same 14 spikes as the exact solution, each within 0.01 ms.
func TestHHSpikeTimesRK4(t *testing.T) {
	// The bound asked of the project: one step. Brian2's rk4 achieves
	// 0.00001 ms here (shared/reference/README.md).
	const tol = 0.01 // ms
	want := scipyI10(t)
	brian2RK4 := brian2Error(t, "rk4", want)
	got := runDC(t, Model{}, nil, "rk4", 0.01, 200, []float64{10})[0]
	if len(got) != len(want) {
		t.Fatalf("%d spikes, want %d (hh_scipy_spikes_I10.csv): %v", len(got), len(want), got)
	}
	errRK4 := maxAbsDiff(got, want)
	if errRK4 > tol {
		t.Errorf("max spike-time error %.3g ms > %g ms", errRK4, tol)
	}
	if errRK4 > brian2RK4+implSlack {
		t.Errorf("max spike-time error %.4g ms is worse than Brian2's rk4 (%.4g ms)", errRK4, brian2RK4)
	}
	nrn := readCSV(t, "hh_neuron_spikes_I10.csv")
	t.Logf("max |t - t_scipy| over %d spikes: rk4 dt 0.01: %.2g ms; NEURON (implicit Euler + cnexp) dt 0.01: %.3g ms, dt 0.001: %.3g ms",
		len(want), errRK4, maxAbsDiff(nrn["t_interp_dt0.01"], want), maxAbsDiff(nrn["t_interp_dt0.001"], want))
}

// TestHHFirstOrderMethods: forward and exponential Euler on the same run
// as TestHHSpikeTimesRK4 keep the 14 spikes, drift no more than Brian2's
// implementations of the same methods do, and are first order.
func TestHHFirstOrderMethods(t *testing.T) {
	want := scipyI10(t)
	for _, c := range []struct{ method, brian2Name string }{
		{"euler", "euler"},
		{"exponential-euler", "exponential_euler"},
	} {
		t.Run(c.method, func(t *testing.T) {
			dts := []float64{0.01, 0.005, 0.0025}
			errs := make([]float64, len(dts))
			for i, dt := range dts {
				got := runDC(t, Model{}, nil, c.method, dt, 200, []float64{10})[0]
				if len(got) != len(want) {
					t.Fatalf("dt %g: %d spikes, want %d", dt, len(got), len(want))
				}
				errs[i] = maxAbsDiff(got, want)
			}
			brian2 := brian2Error(t, c.brian2Name, want)
			t.Logf("max spike-time error at dt %v: %.7g ms (Brian2 at dt 0.01: %.7g ms)", dts, errs, brian2)
			if errs[0] > brian2+implSlack {
				t.Errorf("error %.7g ms at dt 0.01 is worse than Brian2's %.7g ms", errs[0], brian2)
			}
			// A first-order method's global error is C dt + O(dt^2), so
			// halving dt divides it by 2 as dt -> 0. The band [1.6, 2.4]
			// (2 +- 20 %, fitted order 1 +- 0.26) leaves room for the
			// O(dt^2) term at these steps without admitting order 0 or 2.
			for i := 1; i < len(dts); i++ {
				if r := errs[i-1] / errs[i]; r < 1.6 || r > 2.4 {
					t.Errorf("error ratio dt %g / dt %g = %.3f, want 2 (first order) within [1.6, 2.4]", dts[i-1], dts[i], r)
				}
			}
		})
	}
}

// TestHHFICurve: the f-I curve 0..30 uA/cm^2 (61 neurons, one population),
// RK4 at dt 0.01 ms, rate = 1000/mean ISI of the spikes in [200, 1200) ms
// (0 with fewer than 2, as common.window_rate), against scipy's exact one.
func TestHHFICurve(t *testing.T) {
	const tolHz = 0.5
	ref := readCSV(t, "hh_scipy_fI.csv")
	nrn := readCSV(t, "hh_neuron_fI.csv")
	currents := ref["I_uA_cm2"]
	if len(currents) != 61 {
		t.Fatalf("hh_scipy_fI.csv has %d rows, want 61", len(currents))
	}
	spikes := runDC(t, Model{}, nil, "rk4", 0.01, 1200, currents)
	worst, worstNeuron := 0.0, 0.0
	for i, I := range currents {
		rate, _ := windowRate(spikes[i], 200, 1200)
		want := ref["rate_isi_Hz"][i]
		if d := math.Abs(rate - want); d > tolHz {
			t.Errorf("I = %g uA/cm^2: rate %.4f Hz, scipy %.4f Hz", I, rate, want)
		}
		worst = math.Max(worst, math.Abs(rate-want))
		worstNeuron = math.Max(worstNeuron, math.Abs(nrn["rate_isi_Hz_dt0.01"][i]-want))
	}
	t.Logf("max |rate - rate_scipy| over 61 currents: rk4 dt 0.01: %.2g Hz; NEURON dt 0.01: %.3g Hz", worst, worstNeuron)
}

// TestHHRheobase finds the lowest current of sustained firing (>= 2 spikes
// in [200, 1200) ms after a step from rest, as hh_scipy.py defines it) by
// bisection on a population: every round runs 32 candidate currents across
// the bracket at once and keeps the two around the switch.
func TestHHRheobase(t *testing.T) {
	const tol = 0.02 // uA/cm^2, asked of the project
	ref := readCSV(t, "hh_scipy_rheobase.csv")
	refMid := (ref["bisect_lo_no_firing"][0] + ref["bisect_hi_firing"][0]) / 2
	// Start as hh_scipy.py does: between the first grid point of the
	// 0.5-step f-I curve that fires and the one below; the first round
	// checks that the bracket holds.
	hi := ref["first_grid_I_firing"][0]
	lo := hi - 0.5
	const candidates = 32
	for round := 0; hi-lo > 0.001; round++ {
		currents := linspace(lo, hi, candidates)
		spikes := runDC(t, Model{}, nil, "rk4", 0.01, 1200, currents)
		first := -1 // first candidate that fires
		for i := range currents {
			_, count := windowRate(spikes[i], 200, 1200)
			fires := count >= 2
			switch {
			case fires && first < 0:
				first = i
			case !fires && first >= 0:
				t.Fatalf("round %d: %g uA/cm^2 fires but %g does not: firing is not monotone in the bracket", round, currents[first], currents[i])
			}
		}
		if first <= 0 {
			t.Fatalf("round %d: bracket [%g, %g] does not hold (first firing candidate %d)", round, lo, hi, first)
		}
		lo, hi = currents[first-1], currents[first]
	}
	mid := (lo + hi) / 2
	nrn := readCSV(t, "hh_neuron_rheobase.csv") // rows: dt 0.01, 0.001
	t.Logf("rheobase in (%.5f, %.5f] uA/cm^2; scipy (%.6f, %.6f]; |mid - mid_scipy| = %.2g; NEURON dt %g: (%.6f, %.6f], dt %g: (%.6f, %.6f]",
		lo, hi, ref["bisect_lo_no_firing"][0], ref["bisect_hi_firing"][0], math.Abs(mid-refMid),
		nrn["dt_ms"][0], nrn["bisect_lo_no_firing"][0], nrn["bisect_hi_firing"][0],
		nrn["dt_ms"][1], nrn["bisect_lo_no_firing"][1], nrn["bisect_hi_firing"][1])
	if math.Abs(mid-refMid) > tol {
		t.Errorf("rheobase %.4f uA/cm^2, scipy %.4f (tolerance %g)", mid, refMid, tol)
	}
}

// TestHHTemperature: hh.mod scales every rate by q10^((celsius - 6.3)/10),
// so at 16.3 degC with q10 = 3 the gates move exactly 3 times as fast and
// v as fast as at 6.3 degC.
func TestHHTemperature(t *testing.T) {
	const n = 8
	cold, _ := Model{}.New(n, nil)
	warm, err := Model{}.New(n, map[string]neuron.Value{"celsius": neuron.Shared(16.3)})
	if err != nil {
		t.Fatal(err)
	}
	y := randomState(rand.New(rand.NewPCG(1, 2)), n)
	in := neuron.Input{A: make([]float64, n), B: make([]float64, n)}
	dc, dw := make([]float64, 4*n), make([]float64, 4*n)
	cold.Derivative(dc, y, 0, in)
	warm.Derivative(dw, y, 0, in)
	const relTol = 1e-14 // 3^1 from math.Pow is exact; a few roundings
	for i := range dc {
		want := dc[i]
		if i >= n {
			want *= 3
		}
		if math.Abs(dw[i]-want) > relTol*math.Abs(want) {
			t.Errorf("component %d: %.17g at 16.3 degC, want %.17g", i, dw[i], want)
		}
	}
}

// randomState returns a plausible state of n neurons (v, m, h, n by blocks).
func randomState(r *rand.Rand, n int) []float64 {
	y := make([]float64, 4*n)
	for j := 0; j < n; j++ {
		y[j] = -90 + 130*r.Float64()
		for k := 1; k < 4; k++ {
			y[k*n+j] = r.Float64()
		}
	}
	return y
}

// TestNewRejects: invalid parameters are refused with an error naming the
// parameter (and the neuron, for per-neuron values).
func TestNewRejects(t *testing.T) {
	for _, c := range []struct {
		model  neuron.Model
		params map[string]neuron.Value
		want   string // in the error
	}{
		{Model{}, map[string]neuron.Value{"c_m": neuron.Shared(0)}, "c_m = 0"},
		{Model{}, map[string]neuron.Value{"g_na": neuron.Shared(-1)}, "g_na = -1"},
		{Model{}, map[string]neuron.Value{"g_k": {PerNeuron: []float64{36, -2, 36}}}, "g_k of neuron 1 = -2"},
		{Model{}, map[string]neuron.Value{"e_l": neuron.Shared(math.NaN())}, "e_l = NaN"},
		{Model{}, map[string]neuron.Value{"q10": neuron.Shared(0)}, "q10 = 0"},
		{Model{}, map[string]neuron.Value{"celsius": neuron.Shared(-300)}, "celsius = -300"},
		{Model{}, map[string]neuron.Value{"celsius": neuron.Shared(1e4)}, "scale the rates by +Inf"},
		{Model{}, map[string]neuron.Value{"celsius": {PerNeuron: []float64{6.3, 20, 1e4}}}, "(neuron 2)"},
		{Model{}, map[string]neuron.Value{"gna": neuron.Shared(120)}, `no parameter "gna"`},
		{Model{}, map[string]neuron.Value{"g_na": {PerNeuron: []float64{1, 2}}}, "2 values for 3 neurons"},
		{TraubMiles{}, map[string]neuron.Value{"c_m": neuron.Shared(-1)}, "c_m = -1"},
		{TraubMiles{}, map[string]neuron.Value{"t_ref": neuron.Shared(-1)}, "t_ref = -1"},
		{TraubMiles{}, map[string]neuron.Value{"g_kd": neuron.Shared(math.Inf(1))}, "g_kd = +Inf"},
		{TraubMiles{}, map[string]neuron.Value{"g_k": neuron.Shared(30)}, `no parameter "g_k"`},
	} {
		_, err := c.model.New(3, c.params)
		if err == nil {
			t.Errorf("%s %v: no error", c.model.Name(), c.params)
			continue
		}
		if msg := err.Error(); !strings.HasPrefix(msg, "hodgkinhuxley: ") || !strings.Contains(msg, c.want) {
			t.Errorf("%s %v: error %q, want it to start with \"hodgkinhuxley: \" and contain %q", c.model.Name(), c.params, msg, c.want)
		}
	}
	// Every problem at once.
	_, err := Model{}.New(1, map[string]neuron.Value{"c_m": neuron.Shared(0), "g_l": neuron.Shared(-1)})
	if err == nil || !strings.Contains(err.Error(), "c_m = 0") || !strings.Contains(err.Error(), "g_l = -1") {
		t.Errorf("two bad parameters: error %v, want both named", err)
	}
}

// TestPerNeuronMatchesShared: a population whose parameters differ per
// neuron evolves exactly as separate populations with those values shared.
func TestPerNeuronMatchesShared(t *testing.T) {
	for _, c := range []struct {
		model  neuron.Model
		params map[string]neuron.Value
	}{
		{Model{}, map[string]neuron.Value{
			"g_na":    {PerNeuron: []float64{100, 120, 140}},
			"celsius": {PerNeuron: []float64{6.3, 10, 15}},
			"v_spike": {PerNeuron: []float64{0, -10, 10}},
		}},
		{TraubMiles{}, map[string]neuron.Value{
			"v_t":   {PerNeuron: []float64{-63, -60, -58}},
			"e_l":   {PerNeuron: []float64{-60, -65, -70}},
			"t_ref": {PerNeuron: []float64{3, 0, 10}},
		}},
	} {
		for _, method := range []string{"rk4", "exponential-euler"} {
			dc := []float64{5, 10, 15}
			together := runDC(t, c.model, c.params, method, 0.01, 60, dc)
			for i := range dc {
				one := map[string]neuron.Value{}
				for k, v := range c.params {
					one[k] = neuron.Shared(v.At(i))
				}
				alone := runDC(t, c.model, one, method, 0.01, 60, dc[i:i+1])[0]
				if len(alone) == 0 || len(alone) != len(together[i]) || maxAbsDiff(alone, together[i]) != 0 {
					t.Errorf("%s %s neuron %d: spikes %v in the population, %v alone", c.model.Name(), method, i, together[i], alone)
				}
			}
		}
	}
}

// TestLinearMatchesDerivative: for both models, a + b*y from Linear equals
// Derivative in every component (the decomposition is exact, not an
// approximation), including the input A - B v, with default and with
// per-neuron parameters (a block at offset 5).
func TestLinearMatchesDerivative(t *testing.T) {
	const n = 16
	r := rand.New(rand.NewPCG(3, 4))
	spread := func(from, to float64) neuron.Value { return neuron.Value{PerNeuron: linspace(from, to, n+5)} }
	for _, c := range []struct {
		m      neuron.Model
		params map[string]neuron.Value
	}{
		{Model{}, nil},
		{Model{}, map[string]neuron.Value{"celsius": spread(0, 30), "c_m": spread(0.5, 2), "e_l": spread(-70, -50)}},
		{TraubMiles{}, nil},
		{TraubMiles{}, map[string]neuron.Value{"v_t": spread(-70, -55), "c_m": spread(0.5, 2), "g_kd": spread(10, 50)}},
	} {
		m := c.m
		pop, err := m.New(n+5, c.params)
		if err != nil {
			t.Fatal(err)
		}
		y := randomState(r, n)
		in := neuron.Input{A: make([]float64, n), B: make([]float64, n)}
		for j := range in.A {
			in.A[j], in.B[j] = 20*r.Float64()-5, r.Float64()
		}
		d, a, b := make([]float64, 4*n), make([]float64, 4*n), make([]float64, 4*n)
		pop.Derivative(d, y, 5, in)
		pop.(neuron.Linear).Linear(a, b, y, 5, in)
		for i := range d {
			// a + b y sums the same terms in another order: a few
			// roundings of the largest term (|b y| up to ~1e4 mV/ms).
			tol := 1e-12 * (math.Abs(a[i]) + math.Abs(b[i]*y[i]))
			if got := a[i] + b[i]*y[i]; math.Abs(got-d[i]) > tol {
				t.Errorf("%s component %d: a + b y = %.17g, derivative %.17g", m.Name(), i, got, d[i])
			}
		}
	}
}

// TestRegistered: both models are in the registry under their names, with
// v (mV) as variable 0 and defaults Resolve reads back.
func TestRegistered(t *testing.T) {
	for _, name := range []string{"hodgkin-huxley", "traub-miles"} {
		m, ok := neuron.Lookup(name)
		if !ok {
			t.Fatalf("%s not registered", name)
		}
		if v := m.Vars()[0]; v.Name != "v" || v.Unit != "mV" {
			t.Errorf("%s: variable 0 is %+v, want v in mV", name, v)
		}
		for _, p := range m.Params() {
			if p.Unit == "" && p.Name != "q10" || p.Doc == "" || p.Source == "" {
				t.Errorf("%s: parameter %+v lacks a unit, doc or source", name, p)
			}
		}
		pop, err := m.New(2, nil)
		if err != nil {
			t.Fatal(err)
		}
		if !neuron.CanLinearize(pop) {
			t.Errorf("%s: population does not implement neuron.Linear", name)
		}
		for _, p := range m.Params() {
			if v, ok := pop.Param(p.Name); !ok || v.At(1) != p.Default {
				t.Errorf("%s: Param(%q) = %v, %v; want the default %g", name, p.Name, v, ok, p.Default)
			}
		}
	}
}

// TestAfterStepCrossing: a spike is an upward crossing as the reference
// scripts count it (common.crossings: prev < v_spike <= v), its time
// linear between the two samples.
func TestAfterStepCrossing(t *testing.T) {
	for _, m := range []neuron.Model{Model{}, TraubMiles{}} {
		var vs float64
		for _, p := range m.Params() {
			if p.Name == "v_spike" {
				vs = p.Default
			}
		}
		// The block is neurons 10..14 of 15.
		pop, err := m.New(15, nil)
		if err != nil {
			t.Fatal(err)
		}
		pop.Rest(make([]float64, 20), 10)
		prev := []float64{vs - 1, vs, vs - 3, vs + 1, vs - 2}
		y := make([]float64, 20)
		copy(y, []float64{vs + 3, vs + 1, vs, vs + 2, vs - 1})
		got := pop.AfterStep(nil, prev, y, 10, 5, 0.1)
		// neuron 0: crosses a quarter into the step; 1: starts at v_spike
		// (no crossing); 2: reaches v_spike at the end; 3: stays above;
		// 4: stays below.
		want := []neuron.Spike{{Neuron: 10, Time: 5.025}, {Neuron: 12, Time: 5.1}}
		if len(got) != len(want) {
			t.Fatalf("%s: spikes %v, want %v", m.Name(), got, want)
		}
		for i := range got {
			if got[i].Neuron != want[i].Neuron || math.Abs(got[i].Time-want[i].Time) > 1e-12 {
				t.Errorf("%s: spike %v, want %v", m.Name(), got[i], want[i])
			}
		}
	}
}

// TestHHTraceRK4: V(t) of RK4 at dt 0.01 ms, 10 uA/cm^2, first 50 ms (3
// spikes), against the exact trace on the same grid. The largest
// difference sits on a spike's upstroke, where V moves hundreds of mV per
// ms; it must be smaller than NEURON's at a tenth of the step.
func TestHHTraceRK4(t *testing.T) {
	exact := readCSV(t, "hh_scipy_trace_I10.csv")
	nrn := readCSV(t, "hh_neuron_trace_I10.csv")
	want := exact["v_mV"]
	pop, err := Model{}.New(1, nil)
	if err != nil {
		t.Fatal(err)
	}
	got := []float64{VRest}
	run := neuron.DCRun{Pop: pop, Method: "rk4", Dt: 0.01, Duration: 50, DC: []float64{10},
		Record: func(_ float64, y []float64) { got = append(got, y[0]) }}
	if _, err := run.Run(Model{}.Vars()); err != nil {
		t.Fatal(err)
	}
	if len(got) != len(want) {
		t.Fatalf("%d samples, reference %d", len(got), len(want))
	}
	errRK4 := maxAbsDiff(got, want)
	errNeuron01, errNeuron001 := maxAbsDiff(nrn["v_mV_dt0.01"], want), maxAbsDiff(nrn["v_mV_dt0.001"], want)
	t.Logf("max |V - V_scipy| over 0..50 ms: rk4 dt 0.01: %.2g mV; NEURON dt 0.01: %.3g mV, dt 0.001: %.3g mV", errRK4, errNeuron01, errNeuron001)
	if errRK4 >= errNeuron001 {
		t.Errorf("rk4 at dt 0.01 is %.3g mV off the exact trace, no better than NEURON at dt 0.001 (%.3g mV)", errRK4, errNeuron001)
	}
}
