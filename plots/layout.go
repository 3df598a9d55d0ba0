package plots

import (
	"gonum.org/v1/plot"
	"gonum.org/v1/plot/text"
	"gonum.org/v1/plot/vg"
	"gonum.org/v1/plot/vg/draw"
)

// panel is one plot of a figure, with what gonum's Plot does not draw the
// way a printed figure wants it: a legend and a name tag placed where they
// hide no data.
type panel struct {
	p      *plot.Plot
	weight float64 // share of the figure's data height
	legend []legendEntry
	tag    string
	items  []occupier // what the legend and tag must not cover
}

// add adds plotters to the panel's plot and remembers those that can say
// where they draw.
func (pa *panel) add(ps ...plot.Plotter) {
	for _, x := range ps {
		pa.p.Add(x)
		if o, ok := x.(occupier); ok {
			pa.items = append(pa.items, o)
		}
	}
}

type legendEntry struct {
	name  string
	thumb plot.Thumbnailer
}

// occupier is a plotter that can tell whether it draws inside a rectangle
// of the device.
type occupier interface {
	occupies(c draw.Canvas, p *plot.Plot, r vg.Rectangle) bool
}

// Corners of a data area where a legend or tag may go, and above: over
// the data area, outside it.
const (
	topRight = iota
	topLeft
	bottomRight
	bottomLeft
	above
)

var (
	tagCorners    = []int{topLeft, topRight, bottomLeft, bottomRight}
	legendCorners = []int{topRight, topLeft, bottomRight, bottomLeft}
)

const (
	boxPad   = vg.Length(3) // between a box's edge and its content
	boxInset = vg.Length(3) // between a data area's edge and a box
	thumbW   = vg.Length(16)
	thumbGap = vg.Length(4)
	entryGap = vg.Length(12) // between the entries of a legend row
)

// plan says where a panel's tag and legend go and how much room above the
// data area they need.
type plan struct {
	tag, legend int
	extra       vg.Length
}

// place puts the tag, then the legend, in the first corner of the data
// area where they cover no data and not each other, or above it.
func (pa *panel) place(data draw.Canvas) plan {
	pl := plan{tag: above, legend: above}
	var placed []vg.Rectangle
	free := func(r vg.Rectangle) bool {
		grown := vg.Rectangle{
			Min: vg.Point{X: r.Min.X - 2, Y: r.Min.Y - 2},
			Max: vg.Point{X: r.Max.X + 2, Y: r.Max.Y + 2},
		}
		for _, q := range placed {
			if overlaps(grown, q) {
				return false
			}
		}
		for _, it := range pa.items {
			if it.occupies(data, pa.p, grown) {
				return false
			}
		}
		return true
	}
	try := func(corners []int, w, h vg.Length) int {
		for _, c := range corners {
			r := cornerBox(data, c, w, h)
			if free(r) {
				placed = append(placed, r)
				return c
			}
		}
		return above
	}
	var rowH vg.Length
	if pa.tag != "" {
		w, h := tagSize(pa.tag)
		if pl.tag = try(tagCorners, w, h); pl.tag == above {
			rowH = max(rowH, h)
		}
	}
	if len(pa.legend) > 0 {
		w, h := legendSize(pa.legend, true)
		if pl.legend = try(legendCorners, w, h); pl.legend == above {
			_, h := legendSize(pa.legend, false)
			rowH = max(rowH, h)
		}
	}
	if rowH > 0 {
		pl.extra = rowH + 2
	}
	return pl
}

// decorate draws the tag and legend where the plan puts them.
func (pa *panel) decorate(data draw.Canvas, pl plan) {
	if pa.tag != "" {
		w, h := tagSize(pa.tag)
		r := cornerBox(data, pl.tag, w, h)
		if pl.tag == above {
			r = vg.Rectangle{Min: vg.Point{X: data.Min.X - boxPad, Y: data.Max.Y}, Max: vg.Point{X: data.Min.X - boxPad + w, Y: data.Max.Y + h}}
		}
		drawTag(data, r, pa.tag, pl.tag != above)
	}
	if len(pa.legend) > 0 {
		vertical := pl.legend != above
		w, h := legendSize(pa.legend, vertical)
		r := cornerBox(data, pl.legend, w, h)
		if !vertical {
			r = vg.Rectangle{Min: vg.Point{X: data.Max.X - w + boxPad, Y: data.Max.Y}, Max: vg.Point{X: data.Max.X + boxPad, Y: data.Max.Y + h}}
		}
		drawLegend(data, r, pa.legend, vertical)
	}
}

// cornerBox returns a w x h box in a corner of the data area.
func cornerBox(c draw.Canvas, corner int, w, h vg.Length) vg.Rectangle {
	x := c.Max.X - boxInset - w
	if corner == topLeft || corner == bottomLeft {
		x = c.Min.X + boxInset
	}
	y := c.Max.Y - boxInset - h
	if corner == bottomLeft || corner == bottomRight {
		y = c.Min.Y + boxInset
	}
	return vg.Rectangle{Min: vg.Point{X: x, Y: y}, Max: vg.Point{X: x + w, Y: y + h}}
}

func legendStyle() text.Style {
	s := textStyle(legendFont)
	s.XAlign = draw.XLeft
	s.YAlign = draw.YBottom
	return s
}

func tagSize(tag string) (w, h vg.Length) {
	sty := legendStyle()
	return sty.Width(tag) + 2*boxPad, sty.FontExtents().Height + 2*boxPad
}

// legendSize is the size of a legend box: entries one under the other, or
// side by side in a row.
func legendSize(es []legendEntry, vertical bool) (w, h vg.Length) {
	sty := legendStyle()
	rowH := sty.FontExtents().Height
	if vertical {
		for _, e := range es {
			w = max(w, sty.Width(e.name))
		}
		return thumbW + thumbGap + w + 2*boxPad, rowH*vg.Length(len(es)) + 2*boxPad
	}
	for i, e := range es {
		if i > 0 {
			w += entryGap
		}
		w += thumbW + thumbGap + sty.Width(e.name)
	}
	return w + 2*boxPad, rowH + 2*boxPad
}

// boxFill is opaque: boxes go only where there is no data, and gonum's PDF
// back end draws translucent white as grey.
var boxFill = colorWhite

func drawTag(c draw.Canvas, r vg.Rectangle, tag string, box bool) {
	if box {
		c.SetColor(boxFill)
		c.Fill(r.Path())
	}
	sty := legendStyle()
	c.FillText(sty, vg.Point{X: r.Min.X + boxPad, Y: r.Min.Y + boxPad + sty.FontExtents().Descent}, tag)
}

func drawLegend(c draw.Canvas, r vg.Rectangle, es []legendEntry, vertical bool) {
	if vertical {
		c.SetColor(boxFill)
		c.Fill(r.Path())
	}
	sty := legendStyle()
	ext := sty.FontExtents()
	x, top := r.Min.X+boxPad, r.Max.Y-boxPad
	for _, e := range es {
		bottom := top - ext.Height
		icon := draw.Canvas{Canvas: c.Canvas, Rectangle: vg.Rectangle{
			Min: vg.Point{X: x, Y: bottom + ext.Descent},
			Max: vg.Point{X: x + thumbW, Y: top - ext.Descent},
		}}
		e.thumb.Thumbnail(&icon)
		c.FillText(sty, vg.Point{X: x + thumbW + thumbGap, Y: bottom + ext.Descent}, e.name)
		if vertical {
			top = bottom
		} else {
			x += thumbW + thumbGap + sty.Width(e.name) + entryGap
		}
	}
}

// layout cuts the canvas, under the title, into one tile per panel from
// the top, each with extra[i] of room above its plot for a tag or legend
// row. The data areas of all panels line up on the left and right, and
// share the height left after axes and labels in proportion to weight.
func (f *Figure) layout(dc draw.Canvas, extra []vg.Length) []draw.Canvas {
	n := len(f.panels)
	// The room a plot needs around its data area does not depend on the
	// size of its tile, so measure it on the whole canvas.
	left := make([]vg.Length, n)
	right := make([]vg.Length, n)
	over := make([]vg.Length, n)
	var maxLeft, maxRight, sumOver vg.Length
	var sumWeight float64
	for i, pa := range f.panels {
		d := pa.p.DataCanvas(dc)
		left[i] = d.Min.X - dc.Min.X
		right[i] = dc.Max.X - d.Max.X
		over[i] = (dc.Max.Y - dc.Min.Y) - (d.Max.Y - d.Min.Y) + extra[i]
		maxLeft = max(maxLeft, left[i])
		maxRight = max(maxRight, right[i])
		sumOver += over[i]
		sumWeight += pa.weight
	}
	avail := dc.Max.Y - dc.Min.Y - sumOver - panelGap*vg.Length(n-1)
	tiles := make([]draw.Canvas, n)
	top := dc.Max.Y
	for i, pa := range f.panels {
		h := over[i] + avail*vg.Length(pa.weight/sumWeight)
		tile := dc
		tile.Max.Y = top - extra[i]
		tile.Min.Y = top - h
		top -= h + panelGap
		tiles[i] = draw.Crop(tile, maxLeft-left[i], -(maxRight - right[i]), 0, 0)
	}
	return tiles
}

// draw draws the title and the panels, placing each panel's tag and
// legend where they hide no data, or in a row above it when every corner
// is taken.
func (f *Figure) draw(dc draw.Canvas) {
	dc = draw.Crop(dc, margin, -margin, margin, -margin)
	if f.title != "" {
		sty := titleStyle()
		dc.FillText(sty, vg.Point{X: dc.Center().X, Y: dc.Max.Y}, f.title)
		dc.Max.Y -= sty.Rectangle(f.title).Size().Y + titleGap
	}
	n := len(f.panels)
	if n == 0 {
		return
	}
	extra := make([]vg.Length, n)
	tiles := f.layout(dc, extra)
	plans := make([]plan, n)
	again := false
	for i, pa := range f.panels {
		plans[i] = pa.place(pa.p.DataCanvas(tiles[i]))
		extra[i] = plans[i].extra
		again = again || extra[i] > 0
	}
	if again {
		tiles = f.layout(dc, extra)
	}
	for i, pa := range f.panels {
		pa.p.Draw(tiles[i])
		pa.decorate(pa.p.DataCanvas(tiles[i]), plans[i])
	}
}

// overlaps reports whether two rectangles share any area.
func overlaps(a, b vg.Rectangle) bool {
	return a.Min.X < b.Max.X && b.Min.X < a.Max.X && a.Min.Y < b.Max.Y && b.Min.Y < a.Max.Y
}

// inside reports whether p lies in r.
func inside(p vg.Point, r vg.Rectangle) bool {
	return r.Min.X <= p.X && p.X <= r.Max.X && r.Min.Y <= p.Y && p.Y <= r.Max.Y
}

// segmentHits reports whether the segment from a to b meets r (the
// Liang-Barsky clipping test: Liang & Barsky 1984, ACM Trans. Graph. 3:1).
func segmentHits(a, b vg.Point, r vg.Rectangle) bool {
	if inside(a, r) || inside(b, r) {
		return true
	}
	dx, dy := float64(b.X-a.X), float64(b.Y-a.Y)
	t0, t1 := 0.0, 1.0
	clip := func(p, q float64) bool {
		if p == 0 {
			return q >= 0
		}
		t := q / p
		if p < 0 {
			if t > t1 {
				return false
			}
			t0 = max(t0, t)
		} else {
			if t < t0 {
				return false
			}
			t1 = min(t1, t)
		}
		return true
	}
	return clip(-dx, float64(a.X-r.Min.X)) && clip(dx, float64(r.Max.X-a.X)) &&
		clip(-dy, float64(a.Y-r.Min.Y)) && clip(dy, float64(r.Max.Y-a.Y)) && t0 <= t1
}

// linesHit reports whether any of the polylines meets r.
func linesHit(lines [][]vg.Point, r vg.Rectangle) bool {
	for _, l := range lines {
		if len(l) == 1 && inside(l[0], r) {
			return true
		}
		for k := 1; k < len(l); k++ {
			if segmentHits(l[k-1], l[k], r) {
				return true
			}
		}
	}
	return false
}
