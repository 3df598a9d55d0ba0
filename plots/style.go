package plots

import (
	"image/color"
	"math"
	"strings"

	"gonum.org/v1/plot"
	"gonum.org/v1/plot/font"
	"gonum.org/v1/plot/text"
	"gonum.org/v1/plot/vg"
	"gonum.org/v1/plot/vg/draw"
)

// Sizes of a figure printed at 1:1 on a journal page: 9 pt tick labels,
// 10 pt axis labels, 11 pt title, lines of 0.75 pt.
const (
	titleSize  = 11
	labelSize  = 10
	tickSize   = 9
	legendFont = 9

	lineWidth = vg.Length(0.75)
	axisWidth = vg.Length(0.6)
	tickLen   = vg.Length(3)

	margin   = vg.Length(4)
	titleGap = vg.Length(6)
	panelGap = vg.Length(6)
)

var (
	sansFont   = font.Font{Typeface: "Liberation", Variant: "Sans"}
	colorWhite = color.Gray{Y: 255}
	colorBlack = color.Gray{Y: 0}
	colorGrey  = color.Gray{Y: 150}
)

// palette is the Okabe-Ito colour-blind-safe palette (Okabe & Ito 2008,
// "Color Universal Design"; Wong 2011, Nat. Methods 8:441), in the order
// that keeps the first few colours far apart; its yellow is left out, it
// is unreadable on white.
var palette = []color.Color{
	color.RGBA{R: 0x00, G: 0x72, B: 0xB2, A: 0xFF}, // blue
	color.RGBA{R: 0xD5, G: 0x5E, B: 0x00, A: 0xFF}, // vermillion
	color.RGBA{R: 0x00, G: 0x9E, B: 0x73, A: 0xFF}, // bluish green
	color.RGBA{R: 0xCC, G: 0x79, B: 0xA7, A: 0xFF}, // reddish purple
	color.RGBA{R: 0xE6, G: 0x9F, B: 0x00, A: 0xFF}, // orange
	color.RGBA{R: 0x56, G: 0xB4, B: 0xE9, A: 0xFF}, // sky blue
	color.RGBA{R: 0x00, G: 0x00, B: 0x00, A: 0xFF}, // black
}

// colorAt returns the i-th colour of the palette, cycling.
func colorAt(i int) color.Color { return palette[i%len(palette)] }

// dashes are the patterns that tell curves apart without colour.
var dashes = [][]vg.Length{
	nil,
	{vg.Points(4), vg.Points(2)},
	{vg.Points(1), vg.Points(1.5)},
	{vg.Points(4), vg.Points(1.5), vg.Points(1), vg.Points(1.5)},
}

func textStyle(size vg.Length) text.Style {
	return text.Style{
		Color:   colorBlack,
		Font:    font.From(sansFont, size),
		Handler: plot.DefaultTextHandler,
	}
}

func titleStyle() text.Style {
	s := textStyle(titleSize)
	s.XAlign = draw.XCenter
	s.YAlign = draw.YTop
	return s
}

// newPlot returns a gonum plot styled for print: sans-serif text, thin
// axes, no padding between the data and the axes (ranges are set tight by
// the caller), x label and y label as given.
func newPlot(xlabel, ylabel string) *plot.Plot {
	p := plot.New()
	p.BackgroundColor = nil // the figure has one background
	for _, a := range []*plot.Axis{&p.X, &p.Y} {
		a.Label.TextStyle.Font = font.From(sansFont, labelSize)
		a.Tick.Label.Font = font.From(sansFont, tickSize)
		a.LineStyle.Width = axisWidth
		a.Tick.LineStyle.Width = axisWidth
		a.Tick.Length = tickLen
		a.Padding = vg.Points(2)
		a.Label.Padding = vg.Points(3)
	}
	p.X.Label.Text = xlabel
	p.Y.Label.Text = ylabel
	p.X.Tick.Marker = niceTicks{n: 6}
	p.Y.Tick.Marker = niceTicks{n: 5}
	return p
}

// hideX removes the tick labels and label of a panel's x axis, for all but
// the bottom panel of a stack sharing the x axis.
func hideX(p *plot.Plot) {
	p.X.Label.Text = ""
	p.X.Tick.Marker = unlabelled{p.X.Tick.Marker}
}

// unlabelled keeps another ticker's tick marks without their labels.
type unlabelled struct{ plot.Ticker }

func (u unlabelled) Ticks(lo, hi float64) []plot.Tick {
	ts := u.Ticker.Ticks(lo, hi)
	for i := range ts {
		ts[i].Label = ""
	}
	return ts
}

// axisLabel returns "quantity (unit)", with the unit shown as it is
// printed ("uA/cm^2" as "µA/cm²"); an empty unit is a dimensionless
// quantity.
func axisLabel(quantity, unit string) string {
	if unit == "" || unit == "1" {
		return quantity + " (dimensionless)"
	}
	return quantity + " (" + prettyUnit(unit) + ")"
}

// prettyUnit writes an ASCII unit as it is printed: a "u" prefix before a
// unit symbol becomes "µ", and ^2, ^3, ^-1, ^-2 become superscripts.
func prettyUnit(u string) string {
	var b strings.Builder
	for i := 0; i < len(u); i++ {
		c := u[i]
		startsWord := i == 0 || !isLetter(u[i-1])
		if c == 'u' && startsWord && i+1 < len(u) && strings.IndexByte("AVFSmsMgLCWH", u[i+1]) >= 0 {
			b.WriteString("µ")
			continue
		}
		if c == '^' {
			rest := u[i+1:]
			switch {
			case strings.HasPrefix(rest, "-1"):
				b.WriteString("⁻¹")
				i += 2
				continue
			case strings.HasPrefix(rest, "-2"):
				b.WriteString("⁻²")
				i += 2
				continue
			case strings.HasPrefix(rest, "2"):
				b.WriteString("²")
				i++
				continue
			case strings.HasPrefix(rest, "3"):
				b.WriteString("³")
				i++
				continue
			}
		}
		b.WriteByte(c)
	}
	return b.String()
}

func isLetter(c byte) bool { return 'a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' }

// lineStyle is a thin solid or dashed line of the given colour.
func lineStyle(c color.Color, dash int) draw.LineStyle {
	return draw.LineStyle{Color: c, Width: lineWidth, Dashes: dashes[dash%len(dashes)]}
}

// isFinite reports whether v is neither NaN nor infinite.
func isFinite(v float64) bool { return !math.IsNaN(v) && !math.IsInf(v, 0) }

// strokeLines strokes polylines. On a bitmap an undashed line is stroked
// in pieces of at most strokeChunk points, each overlapping the last by a
// segment so that every join is drawn: the freetype rasteriser behind
// the bitmap canvas (gg) keeps a sorted list of cells per pixel row, so a long line that
// crosses the same rows many times (a spiking trace) costs time
// quadratic in its length when stroked at once (3.4 s for a 120 000
// point trace at 300 dpi, against a few tens of ms in pieces).
func strokeLines(c draw.Canvas, sty draw.LineStyle, lines [][]vg.Point) {
	lines = c.ClipLinesXY(lines...)
	if !isBitmap(c) || len(sty.Dashes) > 0 {
		c.StrokeLines(sty, lines...)
		return
	}
	for _, l := range lines {
		for start := 0; start < len(l)-1; start += strokeChunk - 1 {
			c.StrokeLines(sty, l[start:min(len(l), start+strokeChunk)])
		}
		if len(l) == 1 {
			c.StrokeLines(sty, l)
		}
	}
}

const strokeChunk = 64
