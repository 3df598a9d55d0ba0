package plots

import (
	"fmt"
	"image/color"
	"math"

	"gonum.org/v1/plot"
	"gonum.org/v1/plot/vg"
	"gonum.org/v1/plot/vg/draw"
)

// Style is how a curve is drawn.
type Style int

const (
	Solid       Style = iota // a line
	Dashed                   // a dashed line
	Dotted                   // a dotted line
	Markers                  // a dot at each point, no line
	LineMarkers              // dots joined by a line
)

// Curve is a named sampled curve y(x). A NaN or infinite value leaves a gap.
type Curve struct {
	Name  string
	X, Y  []float64
	Style Style
}

func (c Curve) check() error {
	if len(c.X) != len(c.Y) {
		return fmt.Errorf("curve %q has %d x and %d y values", c.Name, len(c.X), len(c.Y))
	}
	if c.Style < Solid || c.Style > LineMarkers {
		return fmt.Errorf("curve %q has unknown style %d", c.Name, c.Style)
	}
	return nil
}

// Lines draws curves y(x) on one pair of axes: accuracy against simulated
// time with a flat line for the ANN, training curves, transfer functions.
// The labels should carry their units, as in "simulated time (ms)" or
// "accuracy (%)". Colours follow the order of the curves; a legend names
// them when there are several. The x axis spans the data exactly, the y
// axis with 5 % to spare.
func Lines(title, xlabel, ylabel string, curves ...Curve) (*Figure, error) {
	if xlabel == "" || ylabel == "" {
		return nil, fmt.Errorf("plots: lines %q: axis labels (with their units) are required", title)
	}
	styles := make([]curveStyle, len(curves))
	for i, c := range curves {
		styles[i] = defaultCurveStyle(i, c.Style)
	}
	pa, err := curvesPanel(title, xlabel, ylabel, curves, styles)
	if err != nil {
		return nil, err
	}
	return newFigure(title, []*panel{pa}, 1), nil
}

// FI draws a frequency-current curve: measured rates (Hz) against the
// injected current, labelled "current (currentUnit)" as in "I (uA/cm^2)",
// or "R I (mV)" for a drive given as a voltage, as black dots joined by a
// line, over any reference curves (an analytic rate, another simulator's)
// drawn as dashed or dotted lines in other colours, with a legend when
// there are references. The rate axis starts at 0.
func FI(title, current, currentUnit string, measured Curve, references ...Curve) (*Figure, error) {
	if current == "" {
		current = "I"
	}
	if measured.Name == "" {
		measured.Name = "simulated"
	}
	// References first, so that the measured dots are on top.
	curves := append(append([]Curve(nil), references...), measured)
	styles := make([]curveStyle, len(curves))
	for i, c := range references {
		if c.Style == Solid {
			c.Style = Dashed + Style(i%2) // dashed, dotted, dashed, ...
		}
		styles[i] = defaultCurveStyle(i, c.Style)
	}
	styles[len(references)] = curveStyle{line: lineStyle(colorBlack, 0), marker: true, color: colorBlack}
	pa, err := curvesPanel(title, axisLabel(current, currentUnit), "rate (Hz)", curves, styles)
	if err != nil {
		return nil, err
	}
	pa.p.Y.Min = 0
	// The measured curve heads the legend.
	if n := len(pa.legend); n > 1 {
		pa.legend = append(pa.legend[n-1:], pa.legend[:n-1]...)
	}
	return newFigure(title, []*panel{pa}, 1), nil
}

// PhasePlane draws a Morris-Lecar trajectory in the (V, w) plane, V in mV
// and w the dimensionless fraction of open K+ channels, with the two
// nullclines (dV/dt = 0 and dw/dt = 0) given as (V, w) curves, and a ring
// at the trajectory's start. The V axis spans all three curves; the w axis
// spans the trajectory and the w-nullcline, and the V-nullcline, which
// runs off to large |w| near E_K, is clipped to it.
func PhasePlane(title string, trajectory, vNullcline, wNullcline Curve) (*Figure, error) {
	def := func(c *Curve, name string) {
		if c.Name == "" {
			c.Name = name
		}
		c.Style = Solid
	}
	def(&trajectory, "trajectory")
	def(&vNullcline, "V-nullcline (dV/dt = 0)")
	def(&wNullcline, "w-nullcline (dw/dt = 0)")
	traj := curveStyle{line: lineStyle(colorBlack, 0), color: colorBlack}
	traj.line.Width = vg.Points(1)
	styles := []curveStyle{
		{line: lineStyle(palette[1], 0), color: palette[1]},
		{line: lineStyle(palette[0], 0), color: palette[0]},
		traj,
	}
	// The trajectory is drawn last, on top, and listed first.
	pa, err := curvesPanel(title, "V (mV)", "w (dimensionless)", []Curve{vNullcline, wNullcline, trajectory}, styles)
	if err != nil {
		return nil, err
	}
	pa.legend = append(pa.legend[2:], pa.legend[:2]...)
	lo, hi := math.Inf(1), math.Inf(-1)
	for _, c := range []Curve{trajectory, wNullcline} {
		if l, h, ok := finiteRange(c.Y); ok {
			lo, hi = min(lo, l), max(hi, h)
		}
	}
	if lo <= hi {
		pa.p.Y.Min, pa.p.Y.Max = padRange(lo, hi, 0.05)
	}
	if len(trajectory.X) > 0 && isFinite(trajectory.X[0]) && isFinite(trajectory.Y[0]) {
		pa.add(startRing{x: trajectory.X[0], y: trajectory.Y[0]})
	}
	return newFigure(title, []*panel{pa}, 1), nil
}

// curveStyle is how one curve is drawn.
type curveStyle struct {
	line   draw.LineStyle // Width 0: no line
	marker bool
	color  color.Color
}

func defaultCurveStyle(i int, s Style) curveStyle {
	col := colorAt(i)
	cs := curveStyle{line: lineStyle(col, 0), color: col}
	switch s {
	case Dashed:
		cs.line.Dashes = dashes[1]
	case Dotted:
		cs.line.Dashes = dashes[2]
	case Markers:
		cs.line.Width = 0
		cs.marker = true
	case LineMarkers:
		cs.marker = true
	}
	return cs
}

// curvesPanel validates curves and draws them in the given styles on one
// panel, x spanning the data exactly and y with 5 % to spare, with a
// legend in the order of the curves when there are several.
func curvesPanel(title, xlabel, ylabel string, curves []Curve, styles []curveStyle) (*panel, error) {
	if len(curves) == 0 {
		return nil, fmt.Errorf("plots: %q: no curves", title)
	}
	xlo, xhi := math.Inf(1), math.Inf(-1)
	ylo, yhi := math.Inf(1), math.Inf(-1)
	for _, c := range curves {
		if err := c.check(); err != nil {
			return nil, fmt.Errorf("plots: %q: %w", title, err)
		}
		for k := range c.X {
			if isFinite(c.X[k]) && isFinite(c.Y[k]) {
				xlo, xhi = min(xlo, c.X[k]), max(xhi, c.X[k])
				ylo, yhi = min(ylo, c.Y[k]), max(yhi, c.Y[k])
			}
		}
	}
	if xlo > xhi {
		return nil, fmt.Errorf("plots: %q: no finite points in any curve", title)
	}
	pa := &panel{p: newPlot(xlabel, ylabel), weight: 1}
	if xlo == xhi {
		xlo, xhi = padRange(xlo, xhi, 0.05)
	}
	pa.p.X.Min, pa.p.X.Max = xlo, xhi
	pa.p.Y.Min, pa.p.Y.Max = padRange(ylo, yhi, 0.05)
	for i, c := range curves {
		cl := &curveLine{x: c.X, y: c.Y, curveStyle: styles[i]}
		pa.add(cl)
		if len(curves) > 1 {
			pa.legend = append(pa.legend, legendEntry{c.Name, cl})
		}
	}
	return pa, nil
}

// curveLine draws a curve as a polyline split at non-finite points,
// thinned like a trace when its x values never decrease, and dots.
type curveLine struct {
	x, y []float64
	curveStyle
}

const markerRadius = vg.Length(1.8)

// polylines returns the curve's line on the device, split at non-finite
// points and thinned when x never decreases.
func (l *curveLine) polylines(c draw.Canvas, p *plot.Plot) [][]vg.Point {
	trX, trY := p.Transforms(&c)
	if nondecreasing(l.x) {
		return thinM4(nil, l.x, l.y, trX, trY, c.Min.X, vg.Inch/vg.Length(dpiOf(c)))
	}
	var lines [][]vg.Point
	var seg []vg.Point
	for k := range l.x {
		if !isFinite(l.x[k]) || !isFinite(l.y[k]) {
			if len(seg) > 0 {
				lines = append(lines, seg)
				seg = nil
			}
			continue
		}
		seg = append(seg, vg.Point{X: trX(l.x[k]), Y: trY(l.y[k])})
	}
	if len(seg) > 0 {
		lines = append(lines, seg)
	}
	return lines
}

func (l *curveLine) occupies(c draw.Canvas, p *plot.Plot, r vg.Rectangle) bool {
	if l.line.Width > 0 && linesHit(l.polylines(c, p), r) {
		return true
	}
	if l.marker {
		trX, trY := p.Transforms(&c)
		grown := vg.Rectangle{
			Min: vg.Point{X: r.Min.X - markerRadius, Y: r.Min.Y - markerRadius},
			Max: vg.Point{X: r.Max.X + markerRadius, Y: r.Max.Y + markerRadius},
		}
		for k := range l.x {
			if isFinite(l.x[k]) && isFinite(l.y[k]) && inside(vg.Point{X: trX(l.x[k]), Y: trY(l.y[k])}, grown) {
				return true
			}
		}
	}
	return false
}

// Plot implements plot.Plotter.
func (l *curveLine) Plot(c draw.Canvas, p *plot.Plot) {
	if l.line.Width > 0 {
		strokeLines(c, l.line, l.polylines(c, p))
	}
	if l.marker {
		trX, trY := p.Transforms(&c)
		g := draw.GlyphStyle{Color: l.color, Radius: markerRadius, Shape: draw.CircleGlyph{}}
		for k := range l.x {
			if !isFinite(l.x[k]) || !isFinite(l.y[k]) {
				continue
			}
			pt := vg.Point{X: trX(l.x[k]), Y: trY(l.y[k])}
			if c.Contains(pt) {
				c.DrawGlyphNoClip(g, pt)
			}
		}
	}
}

// Thumbnail implements plot.Thumbnailer.
func (l *curveLine) Thumbnail(c *draw.Canvas) {
	y := c.Center().Y
	if l.line.Width > 0 {
		c.StrokeLine2(l.line, c.Min.X, y, c.Max.X, y)
	}
	if l.marker {
		c.DrawGlyphNoClip(draw.GlyphStyle{Color: l.color, Radius: markerRadius, Shape: draw.CircleGlyph{}}, c.Center())
	}
}

func nondecreasing(xs []float64) bool {
	for k := 1; k < len(xs); k++ {
		if !(xs[k] >= xs[k-1]) {
			return false
		}
	}
	return true
}

// startRing marks where a trajectory starts.
type startRing struct{ x, y float64 }

func (s startRing) occupies(c draw.Canvas, p *plot.Plot, r vg.Rectangle) bool {
	trX, trY := p.Transforms(&c)
	return inside(vg.Point{X: trX(s.x), Y: trY(s.y)}, r)
}

func (s startRing) Plot(c draw.Canvas, p *plot.Plot) {
	trX, trY := p.Transforms(&c)
	pt := vg.Point{X: trX(s.x), Y: trY(s.y)}
	if c.Contains(pt) {
		c.DrawGlyphNoClip(draw.GlyphStyle{Color: colorBlack, Radius: vg.Points(2.5), Shape: draw.RingGlyph{}}, pt)
	}
}
