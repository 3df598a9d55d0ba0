package plots

import (
	"image"
	"image/color"
	"math"

	"golang.org/x/image/draw"
	"golang.org/x/image/math/f64"
)

// bilinearGlyphs is x/image/draw's BiLinear interpolator with a fast path
// for the one use gg makes of it that costs: a rotated string (an axis
// label), whose glyphs gg places one by one through Transform as a
// uniform colour, masked by the glyph's *image.Alpha, over an
// *image.RGBA. BiLinear does that in its generic code
// (Kernel.transform_Image_Image_Over), with an interface call or two for
// every source sample and destination pixel: 5 ms of the three figures
// of scenarios/examples/cuba.toml. transformGlyph does the same
// arithmetic, in the same order, on the pixels directly, so the pixels
// are the same (TestBilinearGlyphs, and TestSameAsVgimg on every golden
// figure). Every other call goes to draw.BiLinear.
type bilinearGlyphs struct{}

func (bilinearGlyphs) Scale(dst draw.Image, dr image.Rectangle, src image.Image, sr image.Rectangle, op draw.Op, opts *draw.Options) {
	draw.BiLinear.Scale(dst, dr, src, sr, op, opts)
}

func (bilinearGlyphs) Transform(dst draw.Image, s2d f64.Aff3, src image.Image, sr image.Rectangle, op draw.Op, opts *draw.Options) {
	d, okD := dst.(*image.RGBA)
	u, okU := src.(*image.Uniform)
	var mask *image.Alpha
	if opts != nil && opts.DstMask == nil {
		mask, _ = opts.SrcMask.(*image.Alpha)
	}
	if !okD || !okU || mask == nil || op != draw.Over {
		draw.BiLinear.Transform(dst, s2d, src, sr, op, opts)
		return
	}
	transformGlyph(d, &s2d, u.C, sr, mask, opts.SrcMaskP)
}

// transformGlyph is, for dst *image.RGBA, a uniform source colour c, the
// source mask an *image.Alpha at mp and no destination mask,
// draw.BiLinear.Transform(dst, s2d, image.NewUniform(c), sr, draw.Over,
// &draw.Options{SrcMask: mask, SrcMaskP: mp}): Kernel.Transform, then
// Kernel.transform_Image_Image_Over (golang.org/x/image v0.30.0,
// draw/impl.go; BSD-3-Clause, Copyright 2015 The Go Authors), with
// src.At, srcMask.At, dst.At and dst.Set replaced by what they compute.
func transformGlyph(dst *image.RGBA, s2d *f64.Aff3, c color.Color, sr image.Rectangle, mask *image.Alpha, mp image.Point) {
	const support = 1.0 // the tent kernel: weight 1 - t for t < 1
	dr := transformRect(s2d, &sr)
	adr := dst.Bounds().Intersect(dr)
	if adr.Empty() || sr.Empty() {
		return
	}
	d2s := invertAff3(s2d)
	bias := transformRect(&d2s, &adr).Min
	bias.X--
	bias.Y--
	d2s[2] -= float64(bias.X)
	d2s[5] -= float64(bias.Y)
	adr = adr.Sub(dr.Min)

	xscale := max(math.Abs(d2s[0]), math.Abs(d2s[1]))
	yscale := max(math.Abs(d2s[3]), math.Abs(d2s[4]))
	xHalfWidth, xKernelArgScale := support, 1.0
	if xscale > 1 {
		xHalfWidth *= xscale
		xKernelArgScale = 1 / xscale
	}
	yHalfWidth, yKernelArgScale := support, 1.0
	if yscale > 1 {
		yHalfWidth *= yscale
		yKernelArgScale = 1 / yscale
	}
	var xBuf, yBuf [8]float64
	xWeights, yWeights := xBuf[:], yBuf[:]
	if n := 1 + 2*int(math.Ceil(xHalfWidth)); n > len(xBuf) {
		xWeights = make([]float64, n)
	}
	if n := 1 + 2*int(math.Ceil(yHalfWidth)); n > len(yBuf) {
		yWeights = make([]float64, n)
	}

	cr, cg, cb, ca := c.RGBA()
	// alphaAt is srcMask.At(mp.X+kx, mp.Y+ky).RGBA()'s alpha.
	alphaAt := func(kx, ky int) uint32 {
		p := image.Point{mp.X + kx, mp.Y + ky}
		if !p.In(mask.Rect) {
			return 0
		}
		a := uint32(mask.Pix[mask.PixOffset(p.X, p.Y)])
		return a | a<<8
	}
	for dy := int32(adr.Min.Y); dy < int32(adr.Max.Y); dy++ {
		dyf := float64(dr.Min.Y+int(dy)) + 0.5
		for dx := int32(adr.Min.X); dx < int32(adr.Max.X); dx++ {
			dxf := float64(dr.Min.X+int(dx)) + 0.5
			sx := float64(d2s[0]*dxf) + float64(d2s[1]*dyf) + d2s[2]
			sy := float64(d2s[3]*dxf) + float64(d2s[4]*dyf) + d2s[5]
			if !(image.Point{int(sx) + bias.X, int(sy) + bias.Y}).In(sr) {
				continue
			}

			sx += float64(bias.X)
			ix, jx := tentWeights(xWeights, sx-0.5, xHalfWidth, xKernelArgScale, sr.Min.X, sr.Max.X)
			sy += float64(bias.Y)
			iy, jy := tentWeights(yWeights, sy-0.5, yHalfWidth, yKernelArgScale, sr.Min.Y, sr.Max.Y)

			var pr, pg, pb, pa float64
			for ky := iy; ky < jy; ky++ {
				if yWeight := yWeights[ky-iy]; yWeight != 0 {
					for kx := ix; kx < jx; kx++ {
						if w := xWeights[kx-ix] * yWeight; w != 0 {
							ma := alphaAt(kx, ky)
							pr += float64(float64(cr*ma/0xffff) * w)
							pg += float64(float64(cg*ma/0xffff) * w)
							pb += float64(float64(cb*ma/0xffff) * w)
							pa += float64(float64(ca*ma/0xffff) * w)
						}
					}
				}
			}
			pr, pg, pb = min(pr, pa), min(pg, pa), min(pb, pa)

			o := dst.PixOffset(dr.Min.X+int(dx), dr.Min.Y+int(dy))
			q := dst.Pix[o : o+4 : o+4]
			pa1 := 0xffff - uint32(fffftou(pa))
			for k, p := range [4]float64{pr, pg, pb, pa} {
				qk := uint32(q[k]) | uint32(q[k])<<8
				q[k] = uint8(uint16(qk*pa1/0xffff+uint32(fffftou(p))) >> 8)
			}
		}
	}
}

// tentWeights sets w[k-i] to the normalised tent-kernel weights of the
// samples k in [i, j) around s, within [lo, hi), and returns i and j.
func tentWeights(w []float64, s, halfWidth, argScale float64, lo, hi int) (int, int) {
	const support = 1.0
	i := max(int(math.Floor(s-halfWidth)), lo)
	j := min(int(math.Ceil(s+halfWidth)), hi)
	total := 0.0
	for k := i; k < j; k++ {
		weight := 0.0
		if t := math.Abs((s - float64(k)) * argScale); t < support {
			weight = 1 - t
		}
		w[k-i] = weight
		total += weight
	}
	for k := range w[:j-i] {
		w[k] /= total
	}
	return i, j
}

// fffftou converts [0, 65535] to [0, 0xffff], rounding (x/image/draw).
func fffftou(f float64) uint16 {
	i := int32(f + 0.5)
	if i > 0xffff {
		return 0xffff
	}
	if i > 0 {
		return uint16(i)
	}
	return 0
}

// invertAff3 returns the inverse of m (x/image/draw's invert).
func invertAff3(m *f64.Aff3) f64.Aff3 {
	m00 := +m[3*1+1]
	m01 := -m[3*0+1]
	m02 := +float64(m[3*1+2]*m[3*0+1]) - float64(m[3*1+1]*m[3*0+2])
	m10 := -m[3*1+0]
	m11 := +m[3*0+0]
	m12 := +float64(m[3*1+0]*m[3*0+2]) - float64(m[3*1+2]*m[3*0+0])
	det := float64(m00*m11) - float64(m10*m01)
	return f64.Aff3{m00 / det, m01 / det, m02 / det, m10 / det, m11 / det, m12 / det}
}

// transformRect returns a rectangle that contains sr transformed by s2d
// (x/image/draw's transformRect).
func transformRect(s2d *f64.Aff3, sr *image.Rectangle) (dr image.Rectangle) {
	ps := [...]image.Point{
		{sr.Min.X, sr.Min.Y},
		{sr.Max.X, sr.Min.Y},
		{sr.Min.X, sr.Max.Y},
		{sr.Max.X, sr.Max.Y},
	}
	for i, p := range ps {
		sxf, syf := float64(p.X), float64(p.Y)
		dx := int(math.Floor(float64(s2d[0]*sxf) + float64(s2d[1]*syf) + s2d[2]))
		dy := int(math.Floor(float64(s2d[3]*sxf) + float64(s2d[4]*syf) + s2d[5]))
		// +1: an image.Rectangle is inclusive at Min, exclusive at Max.
		if i == 0 {
			dr = image.Rectangle{Min: image.Point{dx, dy}, Max: image.Point{dx + 1, dy + 1}}
			continue
		}
		dr.Min.X = min(dr.Min.X, dx)
		dr.Max.X = max(dr.Max.X, dx+1)
		dr.Min.Y = min(dr.Min.Y, dy)
		dr.Max.Y = max(dr.Max.Y, dy+1)
	}
	return dr
}
