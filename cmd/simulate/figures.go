package main

import (
	"fmt"
	"math"
	"slices"
	"strings"

	"gospike/neuron"
	"gospike/plots"
)

// figureJob is one figure of a run: its file name without extension and
// how to draw it.
type figureJob struct {
	base string
	draw func() (*plots.Figure, error)
}

// plotJobs returns the jobs that draw the run's figures into the staging
// folder, one a figure (plots is safe for concurrent use), and the files
// they write.
func (o *outputs) plotJobs(st *staging) ([]string, []func() error) {
	exts := []string{".png"}
	if o.svg {
		exts = append(exts, ".svg")
	}
	var names []string
	var jobs []func() error
	for _, j := range o.figureJobs() {
		var paths []string
		for _, ext := range exts {
			paths = append(paths, st.path(j.base+ext))
			names = append(names, j.base+ext)
		}
		jobs = append(jobs, func() error {
			f, err := j.draw()
			if err != nil {
				return fmt.Errorf("%s: %w", j.base, err)
			}
			for _, path := range paths {
				if err := f.Save(path); err != nil {
					return err
				}
			}
			return nil
		})
	}
	return names, jobs
}

// figureJobs lists the run's figures: traces of the recorded variables, a
// raster with population rates and ISI histograms when there are spikes,
// an f-I curve for each population with a linspace DC amplitude, and the
// phase plane of each Morris-Lecar population whose v and w were recorded.
func (o *outputs) figureJobs() []figureJob {
	var jobs []figureJob
	title := o.sc.Title
	if title == "" {
		title = strings.TrimSuffix(o.file, ".toml")
	}
	if panels := o.tracePanels(); len(panels) > 0 {
		jobs = append(jobs, figureJob{"traces", func() (*plots.Figure, error) { return plots.Traces(title, panels...) }})
	}
	spk, total := o.spikeLists()
	if total > 0 && o.res.Duration > 0 {
		b := plots.Binning{Start: 0, End: o.res.Duration, Bin: rateBin(o.res.Duration, o.res.Dt)}
		shown := limitRaster(spk)
		jobs = append(jobs, figureJob{"raster", func() (*plots.Figure, error) { return plots.Raster(title+": spikes", b, shown...) }})
		var isi []plots.Spikes
		for _, s := range spk {
			if _, _, n, err := plots.ISIs(s); err == nil && n > 0 {
				isi = append(isi, s)
			}
		}
		if len(isi) > 0 {
			jobs = append(jobs, figureJob{"isi", func() (*plots.Figure, error) {
				return plots.ISIHistogram(title+": inter-spike intervals", 0, isi...)
			}})
		}
	}
	for p := range o.sc.Populations {
		name := o.sc.Populations[p].Name
		if c, ok := o.fiCurve(p); ok {
			jobs = append(jobs, figureJob{"fI_" + name, func() (*plots.Figure, error) {
				return plots.FI(title+": f-I curve of "+name, "I", c.unit, c.measured, c.refs...)
			}})
		}
		if tr, vn, wn, ok := o.phasePlane(p); ok {
			jobs = append(jobs, figureJob{"phase_" + name, func() (*plots.Figure, error) {
				return plots.PhasePlane(title+": phase plane of "+tr.Name, tr, vn, wn)
			}})
		}
	}
	return jobs
}

// rasterRows is about the most neuron rows a raster draws: beyond that a
// raster of a few hundred thousand spikes is a solid block of colour.
const rasterRows = 500

// limitRaster limits each population's raster to its first neurons, in
// proportion to its size, when all populations together have more than
// rasterRows neurons (rates still count every spike).
func limitRaster(spk []plots.Spikes) []plots.Spikes {
	total := 0
	for _, s := range spk {
		total += s.Size
	}
	if total <= rasterRows {
		return spk
	}
	out := slices.Clone(spk)
	for i := range out {
		out[i].Shown = max(1, out[i].Size*rasterRows/total)
	}
	return out
}

// rateBin picks the population-rate bin: 1 ms, or coarser for long runs so
// the rate panel has at most about 2000 bins; never below the step.
func rateBin(duration, dt float64) float64 {
	bin := math.Max(1, dt)
	for duration/bin > 2000 {
		bin *= 2
	}
	return bin
}

// tracePanels groups the recorded columns by variable (and unit): one panel
// per variable, every recorded neuron of it in that panel.
func (o *outputs) tracePanels() []plots.Panel {
	var panels []plots.Panel
	index := map[string]int{}
	t := o.res.Traces.Time
	for _, c := range o.res.Traces.Columns {
		key := c.Var + "|" + c.Unit
		i, ok := index[key]
		if !ok {
			i = len(panels)
			index[key] = i
			panels = append(panels, plots.Panel{Quantity: quantityName(c.Var), Unit: c.Unit})
		}
		panels[i].Traces = append(panels[i].Traces, plots.Trace{Name: c.Name, T: t, Y: c.Values})
	}
	return panels
}

func quantityName(v string) string {
	if v == "v" {
		return "V"
	}
	return v
}

func (o *outputs) spikeLists() ([]plots.Spikes, int) {
	var out []plots.Spikes
	total := 0
	for _, pr := range o.res.Populations {
		s := plots.Spikes{Name: pr.Name, Size: pr.Size, Neuron: make([]int, len(pr.Spikes)), Time: make([]float64, len(pr.Spikes))}
		for k, sp := range pr.Spikes {
			s.Neuron[k], s.Time[k] = sp.Neuron, sp.Time
		}
		total += len(pr.Spikes)
		out = append(out, s)
	}
	return out, total
}

type fi struct {
	unit     string
	measured plots.Curve
	refs     []plots.Curve
}

// fiWindowStart is the fraction of the run left out of the f-I rates, so
// that the onset transient does not count: rates are 1000 / mean ISI of
// the spikes in the last 5/6 of the run (200..1200 ms for a 1200 ms run,
// as the shared HH reference computes them).
const fiWindowStart = 1.0 / 6

// fiCurve returns the f-I curve of population p when a "dc" stimulus gives
// its neurons evenly spaced amplitudes (a linspace), from start to the end.
func (o *outputs) fiCurve(p int) (fi, bool) {
	var amp []float64
	for _, s := range o.sc.Stimuli {
		if s.Target != p || s.Kind != "dc" {
			continue
		}
		if amp != nil || s.Start != 0 || (s.Stop > 0 && s.Stop < o.sc.Simulation.Duration) {
			return fi{}, false // several dc inputs or a pulse: not a simple f-I
		}
		amp = s.Amplitude.PerNeuron
	}
	if len(amp) < 3 || !evenlySpaced(amp) || o.res.Partial {
		return fi{}, false
	}
	pop := o.sc.Populations[p]
	t0 := fiWindowStart * o.res.Duration
	rates := neuron.ISIRates(o.res.Populations[p].Spikes, pop.Size, t0, o.res.Duration)
	unit := pop.Model.Units().Current
	out := fi{unit: unit, measured: plots.Curve{Name: "simulated (" + pop.Method + ")", X: amp, Y: rates, Style: plots.Markers}}
	if pop.Model.Name() == "lif" && sharedParams(pop.Resolved, "tau_m", "c_m", "e_l", "v_th", "t_ref", "i_e") {
		out.refs = append(out.refs, lifAnalytic(pop.Resolved, amp))
	}
	return out, true
}

func evenlySpaced(x []float64) bool {
	step := (x[len(x)-1] - x[0]) / float64(len(x)-1)
	if step == 0 {
		return false
	}
	for i := range x {
		if math.Abs(x[0]+float64(i)*step-x[i]) > 1e-9*math.Abs(step)*float64(len(x)) {
			return false
		}
	}
	return true
}

// sharedParams reports whether every named parameter has one value for
// all neurons (a single analytic curve then describes the population).
func sharedParams(par map[string]neuron.Value, names ...string) bool {
	for _, n := range names {
		if !par[n].IsShared() {
			return false
		}
	}
	return true
}

// lifAnalytic is the LIF rate under constant current,
// r(I) = 1/(t_ref + tau_m ln(RI/(RI - (v_th - e_l)))), 0 below threshold,
// R = tau_m/c_m, with the current in pA (the lif model's unit) and the
// population's parameters, which must be shared (sharedParams).
func lifAnalytic(par map[string]neuron.Value, amp []float64) plots.Curve {
	tau, c, el, vth, tref := par["tau_m"].Scalar, par["c_m"].Scalar, par["e_l"].Scalar, par["v_th"].Scalar, par["t_ref"].Scalar
	ie := par["i_e"].Scalar
	lo, hi := amp[0], amp[len(amp)-1]
	const points = 400
	x := make([]float64, points)
	y := make([]float64, points)
	for k := range x {
		I := lo + (hi-lo)*float64(k)/float64(points-1)
		x[k] = I
		ri := (I + ie) * tau / c // mV
		if ri > vth-el {
			y[k] = 1000 / (tref + tau*math.Log(ri/(ri-(vth-el))))
		}
	}
	return plots.Curve{Name: "analytic", X: x, Y: y, Style: plots.Dashed}
}

// phasePlane returns, for a two-variable model whose v and second
// variable were both recorded for a neuron, the trajectory and both
// nullclines for that neuron's parameters and its constant input.
func (o *outputs) phasePlane(p int) (tr, vn, wn plots.Curve, ok bool) {
	pop := o.sc.Populations[p]
	vars := pop.Model.Vars()
	if len(vars) != 2 || pop.Model.Name() != "morris-lecar" {
		return
	}
	var vc, wc []float64
	neuronIdx := -1
	for _, c := range o.res.Traces.Columns {
		if c.Pop != pop.Name {
			continue
		}
		if c.Var == vars[0].Name && vc == nil {
			vc, neuronIdx = c.Values, c.Neuron
		}
	}
	for _, c := range o.res.Traces.Columns {
		if c.Pop == pop.Name && c.Var == vars[1].Name && c.Neuron == neuronIdx {
			wc = c.Values
		}
	}
	if vc == nil || wc == nil {
		return
	}
	// The neuron's input: the dc amplitude (constant), taken at the end.
	var in float64
	for _, s := range o.sc.Stimuli {
		if s.Target == p && s.Kind == "dc" {
			in += s.Amplitude.At(neuronIdx)
		}
	}
	one := map[string]neuron.Value{}
	for k, v := range pop.Resolved {
		one[k] = neuron.Shared(v.At(neuronIdx))
	}
	model, err := pop.Model.New(1, one)
	if err != nil {
		return
	}
	lo, hi := slices.Min(vc), slices.Max(vc)
	pad := 0.15 * (hi - lo)
	lo, hi = lo-pad, hi+pad
	const points = 300
	vn = plots.Curve{Name: "dV/dt = 0"}
	wn = plots.Curve{Name: "dw/dt = 0"}
	y := make([]float64, 2)
	d0 := make([]float64, 2)
	d1 := make([]float64, 2)
	input := neuron.Input{A: []float64{in}, B: []float64{0}}
	for k := 0; k < points; k++ {
		v := lo + (hi-lo)*float64(k)/float64(points-1)
		// Both right-hand sides are affine in w: f(w) = f(0) + (f(1)-f(0)) w.
		y[0], y[1] = v, 0
		model.Derivative(d0, y, 0, input)
		y[1] = 1
		model.Derivative(d1, y, 0, input)
		vn.X = append(vn.X, v)
		vn.Y = append(vn.Y, -d0[0]/(d1[0]-d0[0]))
		wn.X = append(wn.X, v)
		wn.Y = append(wn.Y, -d0[1]/(d1[1]-d0[1]))
	}
	tr = plots.Curve{Name: fmt.Sprintf("%s[%d], I = %g %s", pop.Name, neuronIdx, in, pop.Model.Units().Current), X: vc, Y: wc}
	return tr, vn, wn, true
}
