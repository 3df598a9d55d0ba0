package plots

import (
	"fmt"
	"image"
	"image/color"
	stddraw "image/draw"
	"math"

	"gonum.org/v1/plot"
	"gonum.org/v1/plot/vg"
	"gonum.org/v1/plot/vg/draw"
	"gonum.org/v1/plot/vg/vgimg"
)

// Trace is one recorded variable of one neuron: Y at the times T (ms).
// T must not decrease; a NaN or infinite Y leaves a gap in the line.
type Trace struct {
	Name string // e.g. "hh.v[0]": the panel's tag, or its legend entry
	T, Y []float64
}

// Panel is one panel of a Traces figure: one or more traces of the same
// quantity, on one y axis labelled "Quantity (Unit)".
type Panel struct {
	Quantity string // the symbol on the y axis, e.g. "V", "m", "I_syn"
	Unit     string // e.g. "mV", "uA/cm^2"; "" for a dimensionless quantity
	Traces   []Trace
}

// Traces draws recorded variables against time, one panel per Panel,
// stacked and sharing the time axis (ms) at the bottom. A panel with one
// trace is tagged with its name, a panel with several has a legend, in a
// corner free of data or else just above the panel. At most MaxPanels panels are drawn: past that the first
// MaxPanels are, and the title says so.
//
// The time axis runs from the first sample to one sample interval after
// the last: a sample is the state at the start of its step, so the
// traces of a 1000 ms run recorded every step end at 1000 ms, as its
// raster does.
//
// Long traces are thinned for drawing to the first, lowest, highest and
// last point of each device pixel column (the M4 scheme, Jugel et al. 2014,
// Proc. VLDB Endow. 7:797), which draws the same pixels as every point.
func Traces(title string, panels ...Panel) (*Figure, error) {
	if len(panels) == 0 {
		return nil, fmt.Errorf("plots: traces %q: no panels", title)
	}
	total := len(panels)
	panels = panels[:min(len(panels), MaxPanels)]
	tlo, thi := math.Inf(1), math.Inf(-1)
	for i, pa := range panels {
		if pa.Quantity == "" {
			return nil, fmt.Errorf("plots: traces %q: panel %d has no quantity to name its axis", title, i)
		}
		if len(pa.Traces) == 0 {
			return nil, fmt.Errorf("plots: traces %q: panel %d (%s) has no traces", title, i, pa.Quantity)
		}
		for _, tr := range pa.Traces {
			if err := checkTrace(tr); err != nil {
				return nil, fmt.Errorf("plots: traces %q: %w", title, err)
			}
			n := len(tr.T)
			tlo = min(tlo, tr.T[0])
			thi = max(thi, tr.T[n-1])
			if n > 1 { // to the end of the last sample's step
				thi = max(thi, tr.T[n-1]+(tr.T[n-1]-tr.T[n-2]))
			}
		}
	}
	if tlo == thi {
		tlo, thi = padRange(tlo, thi, 0.05)
	}

	out := make([]*panel, len(panels))
	for i, pa := range panels {
		p := newPlot("time (ms)", axisLabel(pa.Quantity, pa.Unit))
		p.X.Min, p.X.Max = tlo, thi
		ylo, yhi := math.Inf(1), math.Inf(-1)
		pan := &panel{p: p, weight: 1}
		for j, tr := range pa.Traces {
			lo, hi, ok := finiteRange(tr.Y)
			if ok {
				ylo, yhi = min(ylo, lo), max(yhi, hi)
			}
			var col color.Color = colorBlack
			if len(pa.Traces) > 1 {
				col = colorAt(j)
			}
			l := &traceLine{t: tr.T, y: tr.Y, style: lineStyle(col, 0)}
			pan.add(l)
			if len(pa.Traces) > 1 {
				pan.legend = append(pan.legend, legendEntry{tr.Name, l})
			}
		}
		if ylo > yhi {
			ylo, yhi = -1, 1
		}
		p.Y.Min, p.Y.Max = padRange(ylo, yhi, 0.05)
		if len(pa.Traces) == 1 {
			pan.tag = pa.Traces[0].Name
		}
		if len(panels) > 2 {
			p.Y.Tick.Marker = niceTicks{n: 4}
		}
		if i < len(panels)-1 {
			hideX(p)
		}
		out[i] = pan
	}
	return newFigure(title, out, total), nil
}

// checkTrace reports a trace whose times and values do not pair up or
// whose times are not finite and non-decreasing.
func checkTrace(tr Trace) error {
	if len(tr.T) != len(tr.Y) {
		return fmt.Errorf("trace %q has %d times and %d values", tr.Name, len(tr.T), len(tr.Y))
	}
	if len(tr.T) == 0 {
		return fmt.Errorf("trace %q is empty", tr.Name)
	}
	for k, t := range tr.T {
		if !isFinite(t) {
			return fmt.Errorf("trace %q: time %d is %v", tr.Name, k, t)
		}
		if k > 0 && t < tr.T[k-1] {
			return fmt.Errorf("trace %q: time goes back from %v to %v ms at sample %d", tr.Name, tr.T[k-1], t, k)
		}
	}
	return nil
}

// traceLine draws a long time series thinned to at most four points per
// device pixel column.
type traceLine struct {
	t, y  []float64
	style draw.LineStyle

	// The last thinning (nil: none yet) and what it was for: the legend's
	// placement and the drawing ask for the same one.
	thinFor thinKey
	thinned [][]vg.Point
}

// thinKey is what a thinning depends on: the data area and the axes'
// ranges (the transforms), and the pixel size.
type thinKey struct {
	area                   vg.Rectangle
	xMin, xMax, yMin, yMax float64
	px                     vg.Length
}

// thin returns the trace thinned for c (thinM4), computed once per data
// area, axes and resolution.
func (l *traceLine) thin(c draw.Canvas, p *plot.Plot) ([][]vg.Point, vg.Length) {
	px := vg.Inch / vg.Length(dpiOf(c))
	key := thinKey{area: c.Rectangle, xMin: p.X.Min, xMax: p.X.Max, yMin: p.Y.Min, yMax: p.Y.Max, px: px}
	if l.thinned == nil || l.thinFor != key {
		trX, trY := p.Transforms(&c)
		l.thinned = thinM4(nil, l.t, l.y, trX, trY, c.Min.X, px)
		l.thinFor = key
	}
	return l.thinned, px
}

// Plot implements plot.Plotter.
func (l *traceLine) Plot(c draw.Canvas, p *plot.Plot) {
	lines, _ := l.thin(c, p)
	if img, ok := bitmap(c); ok && len(l.style.Dashes) == 0 {
		if pix, ok := img.Image().(*image.RGBA); ok {
			// Painted column by column (paintTrace), within the data
			// area, as the stroke would be clipped to it.
			dpi := img.DPI()
			H := float64(pix.Rect.Dy())
			col := color.RGBAModel.Convert(l.style.Color).(color.RGBA)
			paintTrace(pix, clip(c, dpi, H), lines, dpi, H, l.style.Width.Dots(dpi), col)
			return
		}
	}
	strokeLines(c, l.style, lines)
}

func (l *traceLine) occupies(c draw.Canvas, p *plot.Plot, r vg.Rectangle) bool {
	lines, _ := l.thin(c, p)
	return linesHit(lines, r)
}

// Thumbnail implements plot.Thumbnailer.
func (l *traceLine) Thumbnail(c *draw.Canvas) {
	y := c.Center().Y
	c.StrokeLine2(l.style, c.Min.X, y, c.Max.X, y)
}

// isBitmap reports whether c draws into an image.
func isBitmap(c draw.Canvas) bool {
	_, ok := bitmap(c)
	return ok
}

// rasterCanvas is a canvas that draws into an image: ours
// (bitmapCanvas) or gonum's vgimg.Canvas.
type rasterCanvas interface {
	Image() stddraw.Image
	DPI() float64
}

// bitmap returns the image canvas under c, if there is one. gonum's Plot
// wraps a draw.Canvas in another one as its vg.Canvas, so unwrap.
func bitmap(c draw.Canvas) (rasterCanvas, bool) {
	var v vg.Canvas = c
	for {
		switch x := v.(type) {
		case draw.Canvas:
			v = x.Canvas
		case *draw.Canvas:
			v = x.Canvas
		case *bitmapCanvas:
			return x, true
		case vgimg.PngCanvas:
			return x.Canvas, true
		case *vgimg.Canvas:
			return x, true
		default:
			return nil, false
		}
	}
}

// dpiOf returns the device resolution of a canvas: its own for bitmaps,
// 300 dpi for vector formats, where thinning to that is invisible.
func dpiOf(c draw.Canvas) float64 {
	if img, ok := bitmap(c); ok {
		return img.DPI()
	}
	return DefaultDPI
}

// thinM4 appends to dst the polylines of (t, y) mapped to the device by trX
// and trY, keeping of each column of width px (counted from x0) the first,
// lowest, highest and last point in time order. Non-finite y values split
// the line.
func thinM4(dst [][]vg.Point, t, y []float64, trX, trY func(float64) vg.Length, x0, px vg.Length) [][]vg.Point {
	var (
		seg                 []vg.Point
		col                 = math.MinInt
		first, lo, hi, last int
		inCol               bool
	)
	flush := func() {
		if !inCol {
			return
		}
		idx := [4]int{first, lo, hi, last}
		// Sort the four indices (time order) and drop repeats.
		for a := 1; a < 4; a++ {
			for b := a; b > 0 && idx[b] < idx[b-1]; b-- {
				idx[b], idx[b-1] = idx[b-1], idx[b]
			}
		}
		for k, i := range idx {
			if k > 0 && i == idx[k-1] {
				continue
			}
			seg = append(seg, vg.Point{X: trX(t[i]), Y: trY(y[i])})
		}
		inCol = false
	}
	endSeg := func() {
		flush()
		if len(seg) > 0 {
			dst = append(dst, seg)
			seg = nil
		}
		col = math.MinInt
	}
	// The column of time t: trX, or, on a linear axis (trX affine in t,
	// checked at a third point), the same map without a call per point.
	column := func(t float64) int { return int(math.Floor(float64((trX(t) - x0) / px))) }
	if n := len(t); n > 2 && t[n-1] > t[0] {
		a, b := t[0], t[n-1]
		xa, xb := float64(trX(a)), float64(trX(b))
		slope := (xb - xa) / (b - a)
		m := a + (b-a)/3
		if d := xa + slope*(m-a) - float64(trX(m)); math.Abs(d) <= 1e-9*math.Max(1, math.Abs(xb-xa)) {
			x0f, pxf := float64(x0), float64(px)
			column = func(t float64) int { return int(math.Floor((xa + slope*(t-a) - x0f) / pxf)) }
		}
	}
	for i := range t {
		if !isFinite(y[i]) || !isFinite(t[i]) {
			endSeg()
			continue
		}
		k := column(t[i])
		if k != col || !inCol {
			flush()
			col, first, lo, hi, last, inCol = k, i, i, i, i, true
			continue
		}
		last = i
		if y[i] < y[lo] {
			lo = i
		}
		if y[i] > y[hi] {
			hi = i
		}
	}
	endSeg()
	return dst
}
