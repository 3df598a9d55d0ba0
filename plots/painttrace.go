package plots

import (
	"image"
	"image/color"
	"math"

	"gonum.org/v1/plot/vg"
)

// A trace on a bitmap (its times never go back) is painted column by
// column by paintTrace rather than stroked through the freetype
// rasteriser behind gonum's image canvas, which costs far more than the
// line's pixels: COBAHH's nine traces of 10 000 steps took 50 ms to
// stroke at 300 dpi, half the figure. The result is the exact stroke to
// within its sampling (TestPaintTraceMatchesStroke), without the notches
// freetype leaves where the pieces of a long line meet (strokeLines).

// traceSub is how many sub-columns per pixel paintTrace resolves.
const traceSub = 8

// paintTrace draws the polylines (points in vg units, x not decreasing
// along each, as thinM4 gives them) with a round pen of width w (device
// pixels) in col into img, within clip. dpi and H map points to device
// pixels as the bitmap canvas does (Length.Dots, then y down from the
// height H).
//
// The stroke is the set of points within r = w/2 of the centre line.
// Each sub-column of 1/traceSub pixel gets the span [lo, hi] of the
// centre line's points in it and of its y at the sub-column's centre;
// the stroke covers, over sub-column s, the envelope of [lo' - e, hi' + e]
// for every sub-column' within r, e = sqrt(r^2 - dx^2) at their distance
// dx. A pixel's coverage is the mean over its sub-columns of the part of
// its height the stroke covers: exact vertically, to 1/traceSub pixel
// horizontally.
func paintTrace(img *image.RGBA, clip image.Rectangle, lines [][]vg.Point, dpi, H, w float64, col color.RGBA) {
	clip = clip.Intersect(img.Rect)
	if clip.Empty() {
		return
	}
	const S = traceSub
	r := w / 2
	reach := int(math.Floor(r * S)) // sub-columns a span widens into, each side
	// The centre line's span over each sub-column, from S*clip.Min.X -
	// reach (a line just outside the clip widens into it).
	q0 := S*clip.Min.X - reach
	n := S*clip.Dx() + 2*reach
	lo, hi := make([]float64, n), make([]float64, n)
	for k := range lo {
		lo[k], hi[k] = math.Inf(1), math.Inf(-1)
	}
	extend := func(q int, a, b float64) {
		if q -= q0; q < 0 || q >= n || math.IsNaN(a) || math.IsNaN(b) {
			return
		}
		lo[q] = min(lo[q], a, b)
		hi[q] = max(hi[q], a, b)
	}
	// The sub-columns each line spans, first point to last: butt caps,
	// as the bitmap canvas strokes with, end the stroke there.
	inside := make([]bool, n)
	for _, l := range lines {
		if len(l) == 0 {
			continue
		}
		a := max(int(math.Floor(S*l[0].X.Dots(dpi)))-q0, 0)
		b := min(int(math.Floor(S*l[len(l)-1].X.Dots(dpi)))-q0, n-1)
		for q := a; q <= b; q++ {
			inside[q] = true
		}
		for i, p := range l {
			xa, ya := S*p.X.Dots(dpi), H-p.Y.Dots(dpi)
			extend(int(math.Floor(xa)), ya, ya)
			if i == 0 {
				continue
			}
			xp, yp := S*l[i-1].X.Dots(dpi), H-l[i-1].Y.Dots(dpi)
			if xa <= xp { // vertical (or, by rounding, a step back)
				extend(int(math.Floor(xa)), yp, ya)
				continue
			}
			// Between its points, a segment gives each sub-column whose
			// centre it crosses its y there. (Its whole span over the
			// sub-column would widen a sloped line by its rise over a
			// sub-column, 8 % of a 1.6 pixel pen at slope 3; the
			// envelope below joins the samples of a steep line.)
			slope := (ya - yp) / (xa - xp)
			kLo := max(int(math.Ceil(xp-0.5)), q0)
			kHi := min(int(math.Floor(xa-0.5)), q0+n-1)
			for k := kLo; k <= kHi; k++ {
				y := yp + slope*(float64(k)+0.5-xp)
				extend(k, y, y)
			}
		}
	}
	// The stroke's span over each sub-column of the clip, from the centre
	// line's spans within reach.
	m := S * clip.Dx()
	top, bottom := make([]float64, m), make([]float64, m)
	widen := make([]float64, 2*reach+1)
	for d := range widen {
		dx := float64(d-reach) / S
		widen[d] = math.Sqrt(math.Max(0, r*r-dx*dx))
	}
	// Widening by widen[d] at distance d, one distance at a time over all
	// sub-columns: independent operations, and min and max rather than
	// comparisons, which compile without branches (an empty sub-column,
	// lo = +Inf and hi = -Inf, changes nothing). 14 % of COBAHH's traces
	// figure (nine traces), with the same pixels.
	for s := range m {
		top[s], bottom[s] = math.Inf(1), math.Inf(-1)
	}
	for d, e := range widen {
		los, his := lo[d:d+m], hi[d:d+m] // sub-columns s - reach + d
		for s := range top {
			top[s] = min(top[s], los[s]-e)
			bottom[s] = max(bottom[s], his[s]+e)
		}
	}
	yLo, yHi := math.Inf(1), math.Inf(-1)
	for s := range m {
		if !inside[s+reach] {
			top[s], bottom[s] = math.Inf(1), math.Inf(-1)
			continue
		}
		if t, b := top[s], bottom[s]; t <= b {
			yLo, yHi = min(yLo, t), max(yHi, b)
		}
	}
	if yLo > yHi {
		return
	}
	pyLo, pyHi := max(int(math.Floor(yLo)), clip.Min.Y), min(int(math.Ceil(yHi)), clip.Max.Y)
	if pyLo >= pyHi {
		return
	}
	// One pixel column's coverage, by row, summed over its sub-columns:
	// part rows (where a span starts or ends) directly, whole rows as
	// steps of a running count (+1 where a run of them starts, -1 after
	// it), so a tall span costs two entries, not one per row.
	part := make([]float64, pyHi-pyLo)
	step := make([]float64, pyHi-pyLo+1)
	for j := range clip.Dx() {
		rowLo, rowHi := pyHi, pyLo
		for s := S * j; s < S*(j+1); s++ {
			t, b := top[s], bottom[s]
			r0, r1 := max(int(math.Floor(t)), pyLo), min(int(math.Ceil(b)), pyHi)-1
			if !(t <= b) || r0 > r1 { // nothing there (or NaN)
				continue
			}
			if r0 == r1 {
				part[r0-pyLo] += math.Min(b, float64(r0+1)) - math.Max(t, float64(r0))
			} else {
				part[r0-pyLo] += float64(r0+1) - math.Max(t, float64(r0))
				part[r1-pyLo] += math.Min(b, float64(r1+1)) - float64(r1)
				if r1 > r0+1 {
					step[r0+1-pyLo]++
					step[r1-pyLo]--
				}
			}
			rowLo, rowHi = min(rowLo, r0), max(rowHi, r1+1)
		}
		whole := 0.0
		for py := rowLo; py < rowHi; py++ {
			whole += step[py-pyLo]
			c := (whole + part[py-pyLo]) / S
			step[py-pyLo], part[py-pyLo] = 0, 0
			if c <= 0 {
				continue
			}
			o := img.PixOffset(clip.Min.X+j, py)
			blendOver(img.Pix[o:o+4:o+4], c, col)
		}
	}
}
