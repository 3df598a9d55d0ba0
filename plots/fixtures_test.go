package plots

// Deterministic inputs for the figure tests, each from a formula or a
// reference file named where it is made. Nothing here is random.

import (
	"bufio"
	"math"
	"os"
	"strconv"
	"strings"
	"testing"
)

// LIF of the project's reference data (shared/reference/README.md,
// testdata/lif_fI.csv): tau_m 10 ms, E_L = V_reset = -65 mV, V_th = -50 mV,
// t_ref 2 ms.
const (
	lifTau  = 10.0
	lifEL   = -65.0
	lifVth  = -50.0
	lifTref = 2.0
)

// lifPeriod is the exact interspike interval (ms) of the LIF above driven
// by a constant R I (mV): t_ref + tau ln(RI / (RI - (V_th - E_L))), or +Inf
// below threshold (reference README, "LIF analytic rate").
func lifPeriod(ri float64) float64 {
	if ri <= lifVth-lifEL {
		return math.Inf(1)
	}
	return lifTref + lifTau*math.Log(ri/(ri-(lifVth-lifEL)))
}

// lifRate is 1000/lifPeriod in Hz.
func lifRate(ri float64) float64 { return 1000 / lifPeriod(ri) }

// lifTrace returns the exact membrane potential of that LIF from rest at
// t = 0 under a constant R I (mV), sampled every dt ms up to tEnd: V
// relaxes as E_L + RI (1 - exp(-s/tau)) s ms after each release, is reset
// to E_L at threshold and held there for t_ref.
func lifTrace(ri, dt, tEnd float64) Trace {
	n := int(math.Round(tEnd/dt)) + 1
	tr := Trace{Name: "lif.v[0]", T: make([]float64, n), Y: make([]float64, n)}
	charge := lifPeriod(ri) - lifTref // time from release to threshold
	for k := range tr.T {
		t := float64(k) * dt
		tr.T[k] = t
		// time since the last release from reset (the first at t = 0)
		s := t
		if !math.IsInf(charge, 1) {
			cycles := math.Floor(t / (charge + lifTref))
			s = t - cycles*(charge+lifTref)
			if s > charge { // refractory
				tr.Y[k] = lifEL
				continue
			}
		}
		tr.Y[k] = lifEL + ri*(1-math.Exp(-s/lifTau))
	}
	return tr
}

// alphaPSP returns V(t) = E_L + sum_i A (t - t_i)/tau exp(1 - (t - t_i)/tau)
// over inputs t_i <= t: the alpha function of Rall (1967, J. Neurophysiol.
// 30:1138), which peaks at A a time tau after each input.
func alphaPSP(name string, inputs []float64, amp, tau, dt, tEnd float64) Trace {
	n := int(math.Round(tEnd/dt)) + 1
	tr := Trace{Name: name, T: make([]float64, n), Y: make([]float64, n)}
	for k := range tr.T {
		t := float64(k) * dt
		tr.T[k] = t
		v := lifEL
		for _, ti := range inputs {
			if s := (t - ti) / tau; s >= 0 {
				v += amp * s * math.Exp(1-s)
			}
		}
		tr.Y[k] = v
	}
	return tr
}

// alphaCurrent is the synaptic current of the same inputs, I(t) = sum_i
// I_max (t - t_i)/tau exp(1 - (t - t_i)/tau), in nA.
func alphaCurrent(name string, inputs []float64, imax, tau, dt, tEnd float64) Trace {
	tr := alphaPSP(name, inputs, imax, tau, dt, tEnd)
	for k := range tr.Y {
		tr.Y[k] -= lifEL
	}
	return tr
}

// goldenFrac is the fractional part of k times the golden ratio: a
// low-discrepancy sequence in [0, 1) (Weyl 1916), used for spike phases.
func goldenFrac(k int) float64 {
	const phi = 0.6180339887498949 // (sqrt 5 - 1)/2
	_, f := math.Modf(float64(k) * phi)
	return f
}

// lifPopulation returns the spikes over [0, tEnd) ms of n LIF neurons
// (above) driven by R I from riLo to riHi mV across the population, each
// firing with its exact period from a phase set by goldenFrac.
func lifPopulation(name string, n int, riLo, riHi, tEnd float64) Spikes {
	s := Spikes{Name: name, Size: n}
	for i := range n {
		ri := riLo + (riHi-riLo)*float64(i)/float64(max(1, n-1))
		T := lifPeriod(ri)
		for t := goldenFrac(i+1) * T; t < tEnd; t += T {
			s.Neuron = append(s.Neuron, i)
			s.Time = append(s.Time, t)
		}
	}
	return s
}

// lifFromRest returns the spikes over [0, tEnd) ms of n LIF neurons (above)
// all at rest at t = 0 and driven from then on by R I from riLo to riHi mV
// across the population: neuron i first fires after the charging time
// T_i - t_ref and then every T_i = lifPeriod(RI_i).
func lifFromRest(name string, n int, riLo, riHi, tEnd float64) Spikes {
	s := Spikes{Name: name, Size: n}
	for i := range n {
		ri := riLo + (riHi-riLo)*float64(i)/float64(max(1, n-1))
		T := lifPeriod(ri)
		for t := T - lifTref; t < tEnd; t += T {
			s.Neuron = append(s.Neuron, i)
			s.Time = append(s.Time, t)
		}
	}
	return s
}

// poissonQuantiles returns the spikes of n neurons whose intervals are the
// quantiles -tau ln(1 - u) of an exponential distribution of mean tau at
// u = goldenFrac(k): a deterministic sample with the ISI statistics of a
// Poisson process (CV near 1) without random numbers.
func poissonQuantiles(name string, n int, tau, tEnd float64) Spikes {
	s := Spikes{Name: name, Size: n}
	k := 1
	for i := range n {
		t := -tau * math.Log(1-goldenFrac(k))
		k++
		for t < tEnd {
			s.Neuron = append(s.Neuron, i)
			s.Time = append(s.Time, t)
			t += -tau * math.Log(1-goldenFrac(k))
			k++
		}
	}
	return s
}

// alternating returns the spikes of n neurons whose intervals alternate
// a, b, a, b, ... from t = i mod (a+b) ms for neuron i: the CV of each
// neuron's intervals is |a-b|/(a+b) when it has an even number of them.
// With whole a and b every time is a whole number of ms, so the intervals
// are exact.
func alternating(name string, n int, a, b, tEnd float64) Spikes {
	s := Spikes{Name: name, Size: n}
	for i := range n {
		t := math.Mod(float64(i), a+b)
		for k := 0; t < tEnd; k++ {
			s.Neuron = append(s.Neuron, i)
			s.Time = append(s.Time, t)
			if k%2 == 0 {
				t += a
			} else {
				t += b
			}
		}
	}
	return s
}

// Morris-Lecar, Rinzel & Ermentrout "snlc" (type I) set, as in
// shared/reference/scripts/ml_model.py (Ermentrout & Terman 2010, Table
// 3.1): C in uF/cm^2, conductances in mS/cm^2, potentials in mV.
var mlSNLC = struct{ C, gCa, gK, gL, ECa, EK, EL, V1, V2, V3, V4, phi float64 }{
	C: 20, gCa: 4, gK: 8, gL: 2, ECa: 120, EK: -84, EL: -60,
	V1: -1.2, V2: 18, V3: 12, V4: 17.4, phi: 0.067,
}

func mlMinf(v float64) float64 { p := mlSNLC; return 0.5 * (1 + math.Tanh((v-p.V1)/p.V2)) }
func mlWinf(v float64) float64 { p := mlSNLC; return 0.5 * (1 + math.Tanh((v-p.V3)/p.V4)) }

// mlDeriv is the Morris-Lecar right-hand side (Morris & Lecar 1981,
// Biophys. J. 35:193, in the form of ml_model.py).
func mlDeriv(v, w, I float64) (dv, dw float64) {
	p := mlSNLC
	dv = (I - p.gL*(v-p.EL) - p.gK*w*(v-p.EK) - p.gCa*mlMinf(v)*(v-p.ECa)) / p.C
	dw = p.phi * (mlWinf(v) - w) * math.Cosh((v-p.V3)/(2*p.V4))
	return dv, dw
}

// mlNullclines returns the V-nullcline w = (I - gL(V-EL) - gCa
// m_inf(V)(V-ECa)) / (gK (V-EK)) and the w-nullcline w = w_inf(V) on a
// grid of V from lo to hi mV.
func mlNullclines(I, lo, hi float64, n int) (vNull, wNull Curve) {
	p := mlSNLC
	vNull = Curve{X: make([]float64, n), Y: make([]float64, n)}
	wNull = Curve{X: make([]float64, n), Y: make([]float64, n)}
	for k := range n {
		v := lo + (hi-lo)*float64(k)/float64(n-1)
		vNull.X[k], wNull.X[k] = v, v
		vNull.Y[k] = (I - p.gL*(v-p.EL) - p.gCa*mlMinf(v)*(v-p.ECa)) / (p.gK * (v - p.EK))
		wNull.Y[k] = mlWinf(v)
	}
	return vNull, wNull
}

// mlTrajectory integrates Morris-Lecar with classical RK4 at step dt from
// (v0, w0) for tEnd ms under the current I (uA/cm^2).
func mlTrajectory(v0, w0, I, dt, tEnd float64) Curve {
	n := int(math.Round(tEnd / dt))
	c := Curve{X: make([]float64, n+1), Y: make([]float64, n+1)}
	v, w := v0, w0
	c.X[0], c.Y[0] = v, w
	for k := 1; k <= n; k++ {
		k1v, k1w := mlDeriv(v, w, I)
		k2v, k2w := mlDeriv(v+dt/2*k1v, w+dt/2*k1w, I)
		k3v, k3w := mlDeriv(v+dt/2*k2v, w+dt/2*k2w, I)
		k4v, k4w := mlDeriv(v+dt*k3v, w+dt*k3w, I)
		v += dt / 6 * (k1v + 2*k2v + 2*k3v + k4v)
		w += dt / 6 * (k1w + 2*k2w + 2*k3w + k4w)
		c.X[k], c.Y[k] = v, w
	}
	return c
}

// readCSV reads a numeric CSV with '#' comment lines and a header line,
// returning the header and the columns.
func readCSV(t testing.TB, path string) ([]string, [][]float64) {
	t.Helper()
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	var header []string
	var cols [][]float64
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		line := strings.TrimSpace(sc.Text())
		if line == "" || strings.HasPrefix(line, "#") {
			continue
		}
		fields := strings.Split(line, ",")
		if header == nil {
			header = fields
			cols = make([][]float64, len(fields))
			continue
		}
		for i, s := range fields {
			if s == "" { // an empty field: no value (e.g. no Hopf point)
				cols[i] = append(cols[i], math.NaN())
				continue
			}
			v, err := strconv.ParseFloat(s, 64)
			if err != nil {
				t.Fatalf("%s: %v", path, err)
			}
			cols[i] = append(cols[i], v)
		}
	}
	if err := sc.Err(); err != nil {
		t.Fatal(err)
	}
	return header, cols
}

// column returns the named column of readCSV's result.
func column(t testing.TB, header []string, cols [][]float64, name string) []float64 {
	t.Helper()
	for i, h := range header {
		if h == name {
			return cols[i]
		}
	}
	t.Fatalf("no column %q in %v", name, header)
	return nil
}
