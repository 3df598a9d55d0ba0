package compare

import (
	"fmt"
	"math"
	"sync"

	"gospike/neuron"
	"gospike/plots"

	_ "gospike/models/hodgkinhuxley" // registers "hodgkin-huxley"
	_ "gospike/models/lif"           // registers "lif"
	_ "gospike/models/morrislecar"   // registers "morris-lecar"
)

// Transfer is one transfer function on the normalised axes of the
// transfer-function figure: input X, output Y (Y's maximum on the sweep
// is 1). For a neuron the raw sweep is kept too.
type Transfer struct {
	Name string
	X, Y []float64
	// Neurons only: the injected currents (in Unit), the rates (Hz)
	// and the rheobase, the lowest current of the sweep with sustained
	// firing (0 for the integrate-and-fire neuron, which has none).
	Current  []float64
	Unit     string
	Rate     []float64
	Rheobase float64
}

// sweep is the f-I sweep of one neuron type.
type sweep struct {
	name, model, preset, method string
	params                      map[string]neuron.Value
	dt, duration                float64 // ms
	iMax                        float64 // the sweep is 0..iMax (IF: -iMax/3..iMax)
	unit                        string
	// ifUnit: the x axis is I/ifUnit instead of I/rheobase - 1
	ifUnit float64
}

// Currents per sweep: the f-I sweep, the integrate-and-fire sweep (its
// dots lie on the ReLU line, which must show between them), and the
// finer sweep across the onset.
const (
	transferPoints = 81
	ifPoints       = 21
	rheobasePoints = 41
)

// sweeps are the f-I curves of the transfer-function figure. The
// currents run from 0 to 4 times each model's rheobase as the reference
// data give it (/work/shared/reference, README: HH 6.2564 uA/cm^2 from
// rest; Morris-Lecar snlc onset 39.96 uA/cm^2; LIF (v_th - e_l) c_m /
// tau_m = 375 pA for NEST's defaults), so that the normalised input
// I/I_rh - 1 spans -1..3 as the ANN functions' net input does. The
// rheobase used on the axis is the one measured on the sweep.
func sweeps() []sweep {
	return []sweep{
		{name: "LIF (NEST defaults)", model: "lif", method: "exact", dt: 0.1, duration: 1200, iMax: 4 * 375, unit: "pA"},
		{name: "Hodgkin-Huxley", model: "hodgkin-huxley", method: "rk4", dt: 0.025, duration: 1200, iMax: 4 * 6.2564, unit: "uA/cm^2"},
		{name: "Morris-Lecar (snlc, type I)", model: "morris-lecar", preset: "snlc", method: "rk4", dt: 0.05, duration: 2400, iMax: 4 * 39.96, unit: "uA/cm^2"},
		{name: "IF (the converted neurons)", model: "lif", method: "exact", dt: 0.1, duration: 1200, iMax: 3 * cM * theta * 0.1, unit: "pA",
			params: map[string]neuron.Value{"tau_m": neuron.Shared(NoLeakTauM), "t_ref": neuron.Shared(0), "e_l": neuron.Shared(eL),
				"v_reset": neuron.Shared(vReset), "v_th": neuron.Shared(vTh), "c_m": neuron.Shared(cM)},
			ifUnit: cM * theta * 0.1},
	}
}

// TransferFunctions returns the f-I curves of the LIF, Hodgkin-Huxley,
// Morris-Lecar (type I) and integrate-and-fire neurons, each simulated
// with neuron.DCRun over a sweep of constant currents from rest, and the
// ANN activations ReLU, logistic sigmoid and tanh, on common normalised
// axes:
//
//   - input: the net input n for the activations; I/I_rh - 1 for a
//     neuron with rheobase I_rh (so the onset of firing sits at 0, where
//     ReLU bends); I/I_100 for the integrate-and-fire neuron, I_100 =
//     c_m theta x 100 Hz being the current that drives it at 100 Hz;
//   - output: the activation or the rate (1000 / mean inter-spike
//     interval over the last 5/6 of the run, 0 with fewer than two
//     spikes there) divided by its maximum on the sweep.
//
// The input runs over [-1, 3] for all.
func TransferFunctions() ([]Transfer, error) {
	ss := sweeps()
	out := make([]Transfer, len(ss))
	errs := make([]error, len(ss))
	var wg sync.WaitGroup
	for k, s := range ss {
		wg.Add(1)
		go func() {
			defer wg.Done()
			out[k], errs[k] = s.run()
		}()
	}
	wg.Wait()
	for _, err := range errs {
		if err != nil {
			return nil, err
		}
	}
	acts := []struct {
		name string
		f    func(float64) float64
	}{
		{"ReLU", func(n float64) float64 { return math.Max(0, n) }},
		{"sigmoid", func(n float64) float64 { return 1 / (1 + math.Exp(-n)) }},
		{"tanh", math.Tanh},
	}
	for _, a := range acts {
		t := Transfer{Name: a.name}
		const points = 201
		for k := range points {
			n := -1 + 4*float64(k)/(points-1)
			t.X = append(t.X, n)
			t.Y = append(t.Y, a.f(n))
		}
		normaliseMax(t.Y)
		out = append(out, t)
	}
	return out, nil
}

// run simulates the sweep.
func (s sweep) run() (Transfer, error) {
	m, ok := neuron.Lookup(s.model)
	if !ok {
		return Transfer{}, fmt.Errorf("compare: model %q is not registered", s.model)
	}
	lo := 0.0
	if s.ifUnit > 0 {
		lo = -s.iMax / 3
	}
	points := transferPoints
	if s.ifUnit > 0 {
		points = ifPoints
	}
	cur := linspace(lo, s.iMax, points)
	rates, err := s.rates(m, cur)
	if err != nil {
		return Transfer{}, err
	}
	t := Transfer{Name: s.name, Current: cur, Unit: s.unit, Rate: rates, Y: append([]float64(nil), rates...)}
	if s.ifUnit > 0 {
		for _, i := range cur {
			t.X = append(t.X, i/s.ifUnit)
		}
		normaliseMax(t.Y)
		return t, nil
	}
	k := 0
	for k < len(rates) && rates[k] == 0 {
		k++
	}
	if k == 0 || k == len(rates) {
		return Transfer{}, fmt.Errorf("compare: %s: no onset of firing between %g and %g %s", s.name, cur[0], cur[len(cur)-1], s.unit)
	}
	// The onset lies between cur[k-1] (silent) and cur[k]: a finer sweep
	// there puts the rheobase within 1/40 of the step.
	fine := linspace(cur[k-1], cur[k], rheobasePoints)
	fineRates, err := s.rates(m, fine)
	if err != nil {
		return Transfer{}, err
	}
	t.Rheobase = cur[k]
	for j, r := range fineRates {
		if r > 0 {
			t.Rheobase = fine[j]
			break
		}
	}
	for _, i := range cur {
		t.X = append(t.X, i/t.Rheobase-1)
	}
	normaliseMax(t.Y)
	return t, nil
}

// rates returns the rate (Hz) of the neuron type under each constant
// current of cur: 1000 / mean inter-spike interval over the last 5/6 of
// the run, 0 with fewer than two spikes there.
func (s sweep) rates(m neuron.Model, cur []float64) ([]float64, error) {
	params, err := neuron.Resolve(m, s.preset, s.params, len(cur))
	if err != nil {
		return nil, fmt.Errorf("compare: %s: %w", s.name, err)
	}
	pop, err := m.New(len(cur), params)
	if err != nil {
		return nil, fmt.Errorf("compare: %s: %w", s.name, err)
	}
	spikes, err := neuron.DCRun{Pop: pop, Method: s.method, Dt: s.dt, Duration: s.duration, DC: cur}.Run(m.Vars())
	if err != nil {
		return nil, fmt.Errorf("compare: %s: %w", s.name, err)
	}
	return neuron.ISIRates(spikes, len(cur), s.duration/6, s.duration), nil
}

// linspace returns n evenly spaced values from a to b.
func linspace(a, b float64, n int) []float64 {
	x := make([]float64, n)
	for k := range x {
		x[k] = a + (b-a)*float64(k)/float64(n-1)
	}
	return x
}

// normaliseMax divides y by its largest value, if positive.
func normaliseMax(y []float64) {
	top := 0.0
	for _, v := range y {
		top = math.Max(top, v)
	}
	if top > 0 {
		for i := range y {
			y[i] /= top
		}
	}
}

// TransferFigure draws the transfer functions on one pair of axes: the
// neurons' f-I curves as solid lines (the integrate-and-fire neuron as
// dots), the ANN activations dashed.
func TransferFigure(ts []Transfer) (*plots.Figure, error) {
	var curves []plots.Curve
	for _, t := range ts {
		style := plots.Solid
		switch {
		case t.Unit == "":
			style = plots.Dashed
		case t.Rheobase == 0:
			style = plots.Markers
		}
		curves = append(curves, plots.Curve{Name: t.Name, X: t.X, Y: t.Y, Style: style})
	}
	return plots.Lines("Transfer functions: neurons (f-I) and ANN activations",
		"input: n, or I/I_rheobase - 1 (IF: I/I_100Hz)", "output / its maximum", curves...)
}
