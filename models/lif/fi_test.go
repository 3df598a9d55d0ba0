package lif

import (
	"bufio"
	"math"
	"os"
	"strconv"
	"strings"
	"testing"

	"gospike/neuron"
)

// The LIF of testdata/lif_fI.csv (copied from shared/reference/data, made
// by shared/reference/scripts/lif_brian2.py): tau 10 ms, EL = Vreset =
// -65 mV, Vth -50 mV, t_ref 2 ms, R = 1 (drive given as RI in mV).
const (
	refTau    = 10.0  // ms
	refEL     = -65.0 // mV
	refVth    = -50.0 // mV
	refTRef   = 2.0   // ms
	refCm     = 250.0 // pF: any value; I = RI c_m/tau_m pA
	fiMinRI   = 16.0  // mV: the grid the tests use, 16..40 mV
	fiSeconds = 1.0   // s of simulated time per f-I run
)

// analyticRate is r(I) = 1/(t_ref + tau_m ln(RI/(RI - (v_th - e_l)))), Hz.
func analyticRate(ri float64) float64 {
	return 1000 / (refTRef + chargeTime(ri))
}

// chargeTime is the time (ms) V takes from e_l = v_reset to v_th at drive RI.
func chargeTime(ri float64) float64 {
	return refTau * math.Log(ri/(ri-(refVth-refEL)))
}

type fiTable struct {
	ri, analytic, brianExact01 []float64
}

// readFI reads testdata/lif_fI.csv (rows with RI >= fiMinRI).
func readFI(t testing.TB) fiTable {
	f, err := os.Open("testdata/lif_fI.csv")
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	var tab fiTable
	col := map[string]int{}
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		line := sc.Text()
		if strings.HasPrefix(line, "#") || line == "" {
			continue
		}
		fields := strings.Split(line, ",")
		if len(col) == 0 {
			for k, name := range fields {
				col[name] = k
			}
			for _, need := range []string{"RI_mV", "analytic_Hz", "brian2_exact_dt0.1_Hz"} {
				if _, ok := col[need]; !ok {
					t.Fatalf("lif_fI.csv: no column %s", need)
				}
			}
			continue
		}
		get := func(name string) float64 {
			x, err := strconv.ParseFloat(fields[col[name]], 64)
			if err != nil {
				t.Fatalf("lif_fI.csv: %v", err)
			}
			return x
		}
		if ri := get("RI_mV"); ri >= fiMinRI {
			tab.ri = append(tab.ri, ri)
			tab.analytic = append(tab.analytic, get("analytic_Hz"))
			tab.brianExact01 = append(tab.brianExact01, get("brian2_exact_dt0.1_Hz"))
		}
	}
	if err := sc.Err(); err != nil {
		t.Fatal(err)
	}
	if len(tab.ri) != 49 { // 16, 16.5, ..., 40
		t.Fatalf("lif_fI.csv: %d rows with RI >= %g mV, want 49", len(tab.ri), fiMinRI)
	}
	return tab
}

// fiRun runs one population over the grid ri with method and dt, from rest,
// and returns each neuron's mean interspike interval (ms), first interval
// (which starts from rest, not from a spike) excluded, and its first spike
// time.
func fiRun(t testing.TB, ri []float64, method string, dt float64) (isi, firstSpike []float64) {
	n := len(ri)
	pop, err := NewPopulation(n, map[string]neuron.Value{
		"tau_m": neuron.Shared(refTau), "c_m": neuron.Shared(refCm), "e_l": neuron.Shared(refEL),
		"v_reset": neuron.Shared(refEL), "v_th": neuron.Shared(refVth), "t_ref": neuron.Shared(refTRef),
	})
	if err != nil {
		t.Fatal(err)
	}
	dc := make([]float64, n)
	for i, x := range ri {
		dc[i] = x * refCm / refTau // pA: R = tau_m/c_m
	}
	spikes, err := neuron.DCRun{Pop: pop, Method: method, Dt: dt, Duration: 1000 * fiSeconds, DC: dc}.Run(Model{}.Vars())
	if err != nil {
		t.Fatal(err)
	}
	first, last := make([]float64, n), make([]float64, n)
	firstSpike = make([]float64, n)
	spikesOf := make([]int, n)
	for _, s := range spikes {
		switch spikesOf[s.Neuron] {
		case 0:
			firstSpike[s.Neuron] = s.Time
		case 1:
			first[s.Neuron] = s.Time // the second spike: ISIs are counted from here
		}
		spikesOf[s.Neuron]++
		last[s.Neuron] = s.Time
	}
	isi = make([]float64, n)
	for i := range isi {
		count := spikesOf[i] - 2
		if count < 10 {
			t.Fatalf("%s dt %g: neuron %d (RI %g mV) fired %d spikes", method, dt, i, ri[i], spikesOf[i])
		}
		isi[i] = (last[i] - first[i]) / float64(count)
	}
	return isi, firstSpike
}

// Method exact at dt = 0.1 ms against the analytic f-I curve of
// testdata/lif_fI.csv, and against Brian2's grid-aligned rates there.
func TestExactFICurve(t *testing.T) {
	const (
		csvTol  = 1e-8 // relative: the CSV prints 10 significant digits
		rateTol = 1e-3 // relative: the required 0.1 %
		// Interspike intervals are exact to rounding: spike times are
		// absolute (t <= 1000 ms, ulp ~1e-13 ms) and the closed-form
		// crossing is exact to ~1e-14 ms; 1e-9 ms leaves a wide margin and is
		// still 1e8 times finer than any grid effect at dt = 0.1 ms.
		isiTol = 1e-9 // ms
		dt     = 0.1  // ms
	)
	tab := readFI(t)
	for k, ri := range tab.ri {
		if got := analyticRate(ri); math.Abs(got-tab.analytic[k]) > csvTol*got {
			t.Errorf("RI %g mV: CSV analytic rate %v, formula %v", ri, tab.analytic[k], got)
		}
	}
	isi, _ := fiRun(t, tab.ri, "exact", dt)
	var worst, worstBrian float64
	for k, ri := range tab.ri {
		want := refTRef + chargeTime(ri)
		if d := math.Abs(isi[k] - want); d > isiTol {
			t.Errorf("RI %g mV: mean ISI %.12f ms, analytic %.12f ms (off by %.3g ms)", ri, isi[k], want, d)
		}
		rate := 1000 / isi[k]
		rel := math.Abs(rate-tab.analytic[k]) / tab.analytic[k]
		if rel > rateTol {
			t.Errorf("RI %g mV: rate %v Hz, analytic %v Hz (%.3g %%)", ri, rate, tab.analytic[k], 100*rel)
		}
		worst = math.Max(worst, rel)
		worstBrian = math.Max(worstBrian, math.Abs(tab.brianExact01[k]-tab.analytic[k])/tab.analytic[k])
	}
	t.Logf("dt %g ms, RI %g..%g mV: largest rate error exact %.2g %%, Brian2 (grid-aligned, CSV) %.2g %%",
		dt, tab.ri[0], tab.ri[len(tab.ri)-1], 100*worst, 100*worstBrian)
	if !(worst < worstBrian) {
		t.Errorf("exact's largest rate error %.3g %% is not below Brian2's %.3g %%", 100*worst, 100*worstBrian)
	}
}

// dischargeFactor returns R(z), z = dt/tau, by which a step of method
// multiplies the distance to the fixed point of du/dt = -u/tau.
func dischargeFactor(method string, z float64) float64 {
	switch method {
	case "euler":
		return 1 - z
	case "rk4":
		return 1 - z + z*z/2 - z*z*z/6 + z*z*z*z/24
	case "exponential-euler": // exact for frozen input, which DC is
		return math.Exp(-z)
	}
	panic("unknown method " + method)
}

// Generic methods against the analytic rate, with the error bound of the
// grid-ended refractory period, and their convergence as dt halves.
//
// Derivation (see doc.go): after the refractory period V starts from
// v_reset exactly on a step boundary, and the method multiplies the
// distance to V_inf by R(dt/tau) per step, so its samples lie on an
// exponential with time constant tau_eff = dt/(-ln R) and reach threshold
// at T_m = T tau_eff/tau (T the exact charging time); linear interpolation
// of that concave curve delays the spike by 0 <= eps <= dt^2/(8 tau_eff).
// The refractory period ends at the first step end >= t_spike + t_ref.
// The first spike, from rest, therefore comes at T_m + eps. Under
// constant drive every later charging phase starts on the grid and is the
// same sequence of numbers, so every ISI is the same whole number of steps:
//
//	ISI = dt ceil((t_ref + T_m + eps)/dt),
//
// which lies in [t_ref + T_m, t_ref + T_m + dt + dt^2/(8 tau_eff)), so the
// rate error relative to the analytic rate is at most
// (|T_m - T| + dt + dt^2/(8 tau_eff)) / (t_ref + T): first order in dt.
func TestGenericMethodsFI(t *testing.T) {
	const (
		// Spike times are absolute (t <= 1000 ms, ulp ~1e-13 ms): an ISI
		// that is a whole number of steps comes out so to far better than
		// 1e-9 ms.
		roundTol = 1e-9 // ms
		// Halving dt halves a first-order error: the mean over the f-I
		// grid of the rounding-up delta is dt/2 when the phases
		// (t_ref + T_m)/dt mod 1 of the 49 drives spread evenly, with a
		// standard error of about 0.1 on the ratio for 49 phases weighted
		// by rate. maxRatio is 2.5 such errors above 1/2, and well below
		// the 1 of a method that does not converge.
		maxRatio = 0.75
	)
	tab := readFI(t)
	for _, method := range []string{"euler", "rk4", "exponential-euler"} {
		var prevErr float64
		for _, dt := range []float64{0.1, 0.05, 0.025} {
			isi, first := fiRun(t, tab.ri, method, dt)
			tauEff := dt / -math.Log(dischargeFactor(method, dt/refTau))
			epsMax := dt * dt / (8 * tauEff)
			var meanErr, worst, worstBound float64
			for k, ri := range tab.ri {
				T := chargeTime(ri)
				Tm := T * tauEff / refTau
				// The first spike, from rest at t = 0 (e_l = v_reset): at the
				// interpolated crossing T_m + eps.
				if first[k] < Tm-roundTol || first[k] > Tm+epsMax+roundTol {
					t.Errorf("%s dt %g, RI %g mV: first spike at %.9f ms, want [%.9f, %.9f]", method, dt, ri, first[k], Tm, Tm+epsMax)
				}
				// The whole number of steps; the two ends differ only when
				// t_ref + T_m is within eps of a grid point.
				lo := dt * math.Ceil((refTRef+Tm)/dt-gridSlack)
				hi := dt * math.Ceil((refTRef+Tm+epsMax)/dt)
				if math.Abs(isi[k]-lo) > roundTol && math.Abs(isi[k]-hi) > roundTol {
					t.Errorf("%s dt %g, RI %g mV: mean ISI %.12f ms, want the grid value %.12f ms", method, dt, ri, isi[k], lo)
				}
				rel := math.Abs(1000/isi[k]-tab.analytic[k]) / tab.analytic[k]
				bound := (math.Abs(Tm-T) + dt + epsMax) / (refTRef + T)
				if rel > bound {
					t.Errorf("%s dt %g, RI %g mV: rate error %.3g %% above the bound %.3g %%", method, dt, ri, 100*rel, 100*bound)
				}
				meanErr += rel / float64(len(tab.ri))
				worst = math.Max(worst, rel)
				worstBound = math.Max(worstBound, bound)
			}
			t.Logf("%-17s dt %-5g: rate error mean %.3f %%, largest %.3f %% (bound %.3f %%)", method, dt, 100*meanErr, 100*worst, 100*worstBound)
			if prevErr > 0 {
				if r := meanErr / prevErr; r > maxRatio {
					t.Errorf("%s: mean rate error ratio %.3f when dt halves to %g, want first order (<= %g)", method, r, dt, maxRatio)
				}
			}
			prevErr = meanErr
		}
	}
}

// noExact hides every optional interface of a population.
type noExact struct{ neuron.Population }

func TestExactRefusedWithoutExact(t *testing.T) {
	pop, err := NewPopulation(1, nil)
	if err != nil {
		t.Fatal(err)
	}
	_, err = neuron.DCRun{Pop: noExact{pop}, Method: "exact", Dt: 0.1, Duration: 1, DC: []float64{0}}.Run(Model{}.Vars())
	if err == nil || !strings.Contains(err.Error(), "exact") {
		t.Errorf("DCRun exact on a population without Exact: err = %v", err)
	}
	if _, err := (neuron.DCRun{Pop: pop, Method: "exact", Dt: 0.1, Duration: 1, DC: []float64{0}}).Run(Model{}.Vars()); err != nil {
		t.Errorf("DCRun exact on lif: %v", err)
	}
}
