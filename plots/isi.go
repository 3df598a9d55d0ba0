package plots

import (
	"fmt"
	"math"
	"slices"
	"strconv"

	"image/color"

	"gonum.org/v1/plot"
	"gonum.org/v1/plot/vg"
	"gonum.org/v1/plot/vg/draw"
)

// ISIHistogram draws the histogram of the inter-spike intervals (ms) of
// each population, one panel per population stacked on a shared ISI axis
// (at most MaxPanels), each tagged with the population's name and mean CV
// of the ISI (see ISIs). bin is the bin width in ms; 0 picks a round width
// giving about 50 bins. The axis runs from 0 to the longest interval,
// unless that is more than three times the 99th percentile: then it stops
// at the percentile and the tag says how many intervals lie beyond.
//
// With bin 0, intervals whose median is under a twenty-fifth of that
// axis (bursts and long pauses: COBA's and COBAHH's neurons, CV of the
// ISI near 2) would all fall in the first two bins; they are binned on a
// logarithmic axis instead, ten bins a decade (edges at 10^(k/10) ms)
// from the shortest interval to the longest, as bursting cells'
// intervals are usually shown.
func ISIHistogram(title string, bin float64, pops ...Spikes) (*Figure, error) {
	if len(pops) == 0 {
		return nil, fmt.Errorf("plots: ISI histogram %q: no populations", title)
	}
	if !(bin >= 0) || !isFinite(bin) {
		return nil, fmt.Errorf("plots: ISI histogram %q: bin width %v ms is negative", title, bin)
	}
	total := len(pops)
	pops = pops[:min(len(pops), MaxPanels)]
	type popISI struct {
		isis    []float64
		cv      float64
		neurons int
	}
	data := make([]popISI, len(pops))
	var all []float64
	for i, s := range pops {
		isis, cv, n, err := ISIs(s)
		if err != nil {
			return nil, fmt.Errorf("plots: ISI histogram %q: %w", title, err)
		}
		data[i] = popISI{isis, cv, n}
		all = append(all, isis...)
	}
	upper := 1.0
	if len(all) > 0 {
		upper = slices.Max(all)
		if p99 := orderStat(all, int(0.99*float64(len(all)-1))); upper > 3*p99 {
			upper = p99
		}
	}
	logBins := bin == 0 && len(all) > 0 && slices.Min(all) > 0 && orderStat(all, (len(all)-1)/2) < upper/25
	var edges []float64 // the log bins' edges
	var nb int          // bins
	if logBins {
		const perDecade = 10
		first := math.Floor(perDecade*math.Log10(slices.Min(all))) / perDecade
		nb = max(1, int(math.Ceil(perDecade*(math.Log10(slices.Max(all))-first))))
		for k := range nb + 1 {
			edges = append(edges, math.Pow(10, first+float64(k)/perDecade))
		}
		edges[nb] = max(edges[nb], slices.Max(all)) // (against Pow's rounding)
		upper = edges[nb]
	} else {
		if bin == 0 {
			bin = niceStep(upper / 50)
		}
		nb = max(1, int(math.Ceil(upper/bin)))
		upper = float64(nb) * bin
	}

	out := make([]*panel, len(pops))
	xlabel, ylabel := "inter-spike interval (ms)", "count (per "+formatMS(bin)+" bin)"
	if logBins {
		ylabel = "count (10 bins a decade)"
	}
	for i, s := range pops {
		d := data[i]
		b := &bars{width: bin, edges: edges, color: colorAt(i)}
		b.counts = make([]float64, nb)
		beyond := 0
		for _, v := range d.isis {
			if v > upper {
				beyond++
				continue
			}
			b.counts[b.bin(v)]++
		}
		p := newPlot(xlabel, ylabel)
		pa := &panel{p: p, weight: 1}
		pa.add(b)
		p.X.Min, p.X.Max = b.edge(0), upper
		if logBins {
			p.X.Scale = plot.LogScale{}
			p.X.Tick.Marker = plot.LogTicks{Prec: -1}
		}
		counts := b.counts
		hi := 0.0
		for _, c := range counts {
			hi = max(hi, c)
		}
		p.Y.Min, p.Y.Max = 0, max(1, 1.05*hi)
		p.Y.Tick.Marker = niceTicks{n: 4, integer: true}
		tag := s.Name + ":  "
		if math.IsNaN(d.cv) {
			tag += "CV undefined (no neuron has two intervals)"
		} else {
			tag += fmt.Sprintf("CV = %.2f (mean over %d neurons), %d intervals", d.cv, d.neurons, len(d.isis))
		}
		if beyond > 0 {
			tag += fmt.Sprintf(", %d beyond %s ms not shown", beyond, strconv.FormatFloat(upper, 'g', 4, 64))
		}
		if i < len(pops)-1 {
			hideX(p)
		}
		pa.tag = tag
		out[i] = pa
	}
	f := newFigure(title, out, total)
	if len(out) == 2 {
		f.Height = 12 * vg.Centimeter
	}
	return f, nil
}

// niceStep returns the smallest of 1, 2, 2.5 and 5 times a power of ten
// that is at least x.
func niceStep(x float64) float64 {
	if !(x > 0) {
		return 1
	}
	p := math.Pow(10, math.Floor(math.Log10(x)))
	for _, m := range []float64{1, 2, 2.5, 5, 10} {
		if m*p >= x*(1-1e-12) {
			return m * p
		}
	}
	return 10 * p
}

func formatMS(v float64) string { return strconv.FormatFloat(v, 'g', 4, 64) + " ms" }

// bars draws a histogram of counts in bins of equal width from 0, or
// between edges when there are edges (counts[k] from edges[k] to
// edges[k+1]).
type bars struct {
	width  float64
	edges  []float64
	counts []float64
	color  color.Color
}

// edge returns the left edge of bin k (the right edge of bin k-1).
func (b *bars) edge(k int) float64 {
	if b.edges != nil {
		return b.edges[k]
	}
	return float64(k) * b.width
}

// bin returns the bin of v, from edge(0) to the last bin's right edge
// (which goes into the last bin).
func (b *bars) bin(v float64) int {
	n := len(b.counts)
	if b.edges != nil {
		k, found := slices.BinarySearch(b.edges, v) // the first edge >= v
		if !found {
			k--
		}
		return max(0, min(k, n-1))
	}
	return min(int(v/b.width), n-1)
}

// rects returns the bars on the device, empty bins left out.
func (b *bars) rects(c draw.Canvas, p *plot.Plot) []vg.Rectangle {
	trX, trY := p.Transforms(&c)
	var rs []vg.Rectangle
	for k, n := range b.counts {
		if n == 0 {
			continue
		}
		rs = append(rs, vg.Rectangle{
			Min: vg.Point{X: trX(b.edge(k)), Y: trY(0)},
			Max: vg.Point{X: trX(b.edge(k + 1)), Y: trY(n)},
		})
	}
	return rs
}

// Plot implements plot.Plotter. The bars are one polygon, their outline,
// so that anti-aliasing leaves no seams between neighbours.
func (b *bars) Plot(c draw.Canvas, p *plot.Plot) {
	trX, trY := p.Transforms(&c)
	var path vg.Path
	path.Move(vg.Point{X: trX(b.edge(0)), Y: trY(0)})
	for k, n := range b.counts {
		y := trY(n)
		path.Line(vg.Point{X: trX(b.edge(k)), Y: y})
		path.Line(vg.Point{X: trX(b.edge(k + 1)), Y: y})
	}
	path.Line(vg.Point{X: trX(b.edge(len(b.counts))), Y: trY(0)})
	path.Close()
	c.SetColor(b.color)
	c.Fill(path)
}

func (b *bars) occupies(c draw.Canvas, p *plot.Plot, r vg.Rectangle) bool {
	for _, q := range b.rects(c, p) {
		if overlaps(q, r) {
			return true
		}
	}
	return false
}

// orderStat returns the k-th smallest of xs (from 0), as xs sorted would
// have it at k, without sorting xs (or changing it): the values are
// counted into 1024 bins between their least and largest, and only those
// of the bin the k-th falls in are sorted. xs must hold no NaN.
func orderStat(xs []float64, k int) float64 {
	lo, hi := slices.Min(xs), slices.Max(xs)
	if lo == hi {
		return lo
	}
	const bins = 1024
	scale := bins / (hi - lo)
	bin := func(x float64) int { return min(int((x-lo)*scale), bins-1) }
	var counts [bins]int
	for _, x := range xs {
		counts[bin(x)]++
	}
	b, before := 0, 0
	for ; before+counts[b] <= k; b++ {
		before += counts[b]
	}
	in := make([]float64, 0, counts[b])
	for _, x := range xs {
		if bin(x) == b {
			in = append(in, x)
		}
	}
	slices.Sort(in)
	return in[k-before]
}
