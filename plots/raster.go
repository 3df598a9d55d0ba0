package plots

import (
	"fmt"
	"image"
	"image/color"
	"math"

	"gonum.org/v1/plot"
	"gonum.org/v1/plot/vg"
	"gonum.org/v1/plot/vg/draw"
)

// Raster draws a spike raster, time (ms) against neuron, with the
// populations stacked in bands from the bottom in the order given, each in
// its own colour and named on the axis, and under it, sharing the time
// axis, the population rate of each (see PopulationRate for how b bins and
// smooths it). Spikes outside [b.Start, b.End] are not drawn; a
// population's Shown limits the neurons drawn, not those counted in its
// rate.
//
// Each spike is a small mark a little shorter than its neuron's row (a
// tick for a few neurons, a dot for thousands); marks that would cover the
// same device pixel are drawn once. In a PNG the marks are painted
// straight into the image; in SVG and PDF they are one path of short
// strokes per population.
func Raster(title string, b Binning, pops ...Spikes) (*Figure, error) {
	rates, b, err := rateCurves(title, b, pops)
	if err != nil {
		return nil, err
	}
	all := pops
	pops = make([]Spikes, len(all))
	for i, s := range all {
		pops[i] = s.shownPart()
	}
	top := newPlot("time (ms)", "")
	top.X.Min, top.X.Max = b.Start, b.End
	dots := &rasterDots{}
	row := 0
	for i, s := range pops {
		dots.pops = append(dots.pops, rasterPop{s: s, first: row, color: colorAt(i)})
		row += s.Size
	}
	dots.rows = row
	rasterPanel := &panel{p: top, weight: 2.4}
	rasterPanel.add(dots)
	top.Y.Min, top.Y.Max = -0.5, float64(row)-0.5
	top.Y.Padding = 0
	if len(pops) == 1 {
		top.Y.Label.Text = "neuron index"
		top.Y.Tick.Marker = niceTicks{n: 5, integer: true}
	} else {
		top.Y.Label.Text = "neuron"
		top.Y.Tick.Marker = bandTicks(pops)
	}
	hideX(top)

	ratePanel := ratePanel(rates, b)
	ratePanel.p.Y.Tick.Marker = niceTicks{n: 4}
	f := newFigure(title, []*panel{rasterPanel, ratePanel}, 2)
	f.Height = 12 * vg.Centimeter
	return f, nil
}

// Rate draws the population rate of each population against time (ms), on
// one pair of axes with a legend when there are several. See
// PopulationRate for how b bins and smooths the spikes.
func Rate(title string, b Binning, pops ...Spikes) (*Figure, error) {
	rates, b, err := rateCurves(title, b, pops)
	if err != nil {
		return nil, err
	}
	return newFigure(title, []*panel{ratePanel(rates, b)}, 1), nil
}

type namedRate struct {
	name string
	rate []float64
}

// rateCurves validates the spike lists and computes their rates.
func rateCurves(title string, b Binning, pops []Spikes) ([]namedRate, Binning, error) {
	b = b.withDefaults()
	if len(pops) == 0 {
		return nil, b, fmt.Errorf("plots: %q: no populations", title)
	}
	if err := b.check(); err != nil {
		return nil, b, fmt.Errorf("plots: %q: %w", title, err)
	}
	rates := make([]namedRate, len(pops))
	for i, s := range pops {
		r, err := PopulationRate(nil, s, b)
		if err != nil {
			return nil, b, fmt.Errorf("plots: %q: %w", title, err)
		}
		rates[i] = namedRate{name: s.Name, rate: r}
	}
	return rates, b, nil
}

// ratePanel draws binned rates as steps (each bin's value over its width),
// smoothed rates as a line through the bin centres, with a legend when
// there are several.
func ratePanel(rates []namedRate, b Binning) *panel {
	p := newPlot("time (ms)", "rate (Hz)")
	p.X.Min, p.X.Max = b.Start, b.End
	pa := &panel{p: p, weight: 1}
	hi := 0.0
	for i, r := range rates {
		n := len(r.rate)
		var t, y []float64
		if b.Smooth > 0 {
			t, y = make([]float64, n), r.rate
			for k := range t {
				t[k] = b.Start + (float64(k)+0.5)*b.Bin
				if k == n-1 {
					t[k] = (b.Start + float64(k)*b.Bin + b.End) / 2
				}
			}
		} else {
			t, y = make([]float64, 2*n), make([]float64, 2*n)
			for k, v := range r.rate {
				t[2*k] = b.Start + float64(k)*b.Bin
				t[2*k+1] = min(b.Start+float64(k+1)*b.Bin, b.End)
				y[2*k], y[2*k+1] = v, v
			}
		}
		col := colorAt(i)
		l := &traceLine{t: t, y: y, style: lineStyle(col, 0)}
		pa.add(l)
		if len(rates) > 1 {
			pa.legend = append(pa.legend, legendEntry{r.name, l})
		}
		if _, h, ok := finiteRange(r.rate); ok {
			hi = max(hi, h)
		}
	}
	if hi == 0 {
		hi = 1
	}
	p.Y.Min, p.Y.Max = 0, 1.05*hi
	return pa
}

// rasterDots draws the spikes of stacked populations.
type rasterDots struct {
	pops []rasterPop
	rows int
}

type rasterPop struct {
	s     Spikes
	first int // row of the population's neuron 0
	color color.Color
}

// Plot implements plot.Plotter.
func (r *rasterDots) Plot(c draw.Canvas, p *plot.Plot) {
	trX, trY := p.Transforms(&c)
	px := vg.Inch / vg.Length(dpiOf(c))
	rowH := (c.Max.Y - c.Min.Y) / vg.Length(r.rows)
	// A mark is 0.6 pt wide (at least a device pixel) and 70 % of a row
	// tall, at most 8 pt, and never thinner than it is wide.
	w := max(px, vg.Points(0.6))
	h := min(max(0.7*rowH, w), vg.Points(8))
	cols := int(math.Ceil(float64((c.Max.X-c.Min.X)/px))) + 1
	lines := int(math.Ceil(float64((c.Max.Y-c.Min.Y)/px))) + 1
	seen := make([]uint64, (cols*lines+63)/64)
	// Separate the bands of several populations with a thin grey line.
	for _, pop := range r.pops[1:] {
		y := trY(float64(pop.first) - 0.5)
		c.StrokeLine2(draw.LineStyle{Color: colorGrey, Width: vg.Points(0.4)}, c.Min.X, y, c.Max.X, y)
	}
	// On a bitmap, paint marks into the image in device pixels, y down,
	// as the bitmap canvas maps points (Length.Dots, then gg's InvertY); nothing in a
	// figure pushes another transform while data are drawn.
	img, direct := bitmap(c)
	var (
		pix  *image.RGBA
		dpi  float64
		H    float64
		area image.Rectangle
	)
	if direct {
		pix, direct = img.Image().(*image.RGBA)
	}
	if direct {
		dpi = img.DPI()
		H = float64(pix.Rect.Dy())
		area = clip(c, dpi, H)
	}
	for _, pop := range r.pops {
		var path vg.Path
		col := color.RGBAModel.Convert(pop.color).(color.RGBA)
		for k, t := range pop.s.Time {
			if t < p.X.Min || t > p.X.Max {
				continue
			}
			x := trX(t)
			y := trY(float64(pop.first + pop.s.Neuron[k]))
			i := int((x - c.Min.X) / px)
			j := int((y - c.Min.Y) / px)
			if i < 0 || i >= cols || j < 0 || j >= lines {
				continue
			}
			bit := j*cols + i
			if seen[bit/64]&(1<<(bit%64)) != 0 {
				continue
			}
			seen[bit/64] |= 1 << (bit % 64)
			x0, y0 := x-w/2, y-h/2
			if direct {
				paintRect(pix, area, x0.Dots(dpi), H-(y0+h).Dots(dpi), (x0 + w).Dots(dpi), H-y0.Dots(dpi), col)
				continue
			}
			// A vertical stroke of width w with butt caps: the same
			// rectangle in two path components instead of five.
			path.Move(vg.Point{X: x, Y: y0})
			path.Line(vg.Point{X: x, Y: y0 + h})
		}
		if len(path) > 0 {
			c.SetLineStyle(draw.LineStyle{Color: pop.color, Width: w})
			c.Stroke(path)
		}
	}
}

// clip returns the device pixels of the data area c.
func clip(c draw.Canvas, dpi, H float64) image.Rectangle {
	return image.Rect(
		int(math.Floor(c.Min.X.Dots(dpi))), int(math.Floor(H-c.Max.Y.Dots(dpi))),
		int(math.Ceil(c.Max.X.Dots(dpi))), int(math.Ceil(H-c.Min.Y.Dots(dpi))))
}

// paintRect paints the rectangle [x0, x1] x [y0, y1] (device pixels, y
// down) in col over img within clip, each pixel weighted by the fraction
// of it the rectangle covers: the anti-aliased fill a rasteriser gives an
// axis-aligned rectangle, without its cost. A raster of 100 000 spikes
// drawn as vg paths takes 0.2-0.3 s in the freetype rasteriser (each
// cell goes into a sorted list per pixel row), and a few ms this way.
func paintRect(img *image.RGBA, clip image.Rectangle, x0, y0, x1, y1 float64, col color.RGBA) {
	r := image.Rect(int(math.Floor(x0)), int(math.Floor(y0)), int(math.Ceil(x1)), int(math.Ceil(y1))).Intersect(clip).Intersect(img.Rect)
	for py := r.Min.Y; py < r.Max.Y; py++ {
		cy := min(y1, float64(py+1)) - max(y0, float64(py))
		for px := r.Min.X; px < r.Max.X; px++ {
			cx := min(x1, float64(px+1)) - max(x0, float64(px))
			a := cx * cy
			if a <= 0 {
				continue
			}
			o := img.PixOffset(px, py)
			blendOver(img.Pix[o:o+4:o+4], a, col)
		}
	}
}

// blendOver paints col with coverage a (0 to 1) over the pixel d
// (premultiplied RGBA): out = a src + (1 - a src_alpha) dst. An opaque
// colour covering the whole pixel (the inside of a trace or a dot) is
// the colour: a src + 0 dst + 0.5, truncated.
func blendOver(d []byte, a float64, col color.RGBA) {
	d = d[:4:4]
	if a == 1 && col.A == 255 {
		d[0], d[1], d[2], d[3] = col.R, col.G, col.B, 255
		return
	}
	keep := 1 - a*float64(col.A)/255
	d[0] = uint8(a*float64(col.R) + keep*float64(d[0]) + 0.5)
	d[1] = uint8(a*float64(col.G) + keep*float64(d[1]) + 0.5)
	d[2] = uint8(a*float64(col.B) + keep*float64(d[2]) + 0.5)
	d[3] = uint8(a*float64(col.A) + keep*float64(d[3]) + 0.5)
}

// bandTicks names each population at the middle of its band, with
// unlabelled ticks at the band edges.
func bandTicks(pops []Spikes) plot.ConstantTicks {
	var ts []plot.Tick
	row := 0
	for _, s := range pops {
		ts = append(ts, plot.Tick{Value: float64(row) - 0.5})
		ts = append(ts, plot.Tick{Value: float64(row) + float64(s.Size)/2 - 0.5, Label: s.Name})
		row += s.Size
	}
	ts = append(ts, plot.Tick{Value: float64(row) - 0.5})
	return plot.ConstantTicks(ts)
}
