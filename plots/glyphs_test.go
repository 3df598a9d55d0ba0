package plots

import (
	"image"
	"image/color"
	"math"
	"math/rand/v2"
	"testing"

	"golang.org/x/image/draw"
	"golang.org/x/image/math/f64"
)

// TestBilinearGlyphs: bilinearGlyphs.Transform gives the pixels of
// draw.BiLinear.Transform, byte for byte, for glyph-like masks (an
// *image.Alpha, offset, with a mask point) in a uniform colour (opaque or
// not) over an RGBA image of random content, through rotations by any
// angle and by quarter turns, shrinking (the kernel then widens),
// enlarging, and shifts by whole and fractional pixels, some reaching
// past the image's edge.
func TestBilinearGlyphs(t *testing.T) {
	rng := rand.New(rand.NewPCG(5, 9))
	for i := range 2000 {
		mw, mh := 1+rng.IntN(30), 1+rng.IntN(30)
		mask := image.NewAlpha(image.Rect(0, 0, mw, mh).Add(image.Pt(rng.IntN(5), rng.IntN(5))))
		for k := range mask.Pix {
			if rng.IntN(3) > 0 {
				mask.Pix[k] = uint8(rng.IntN(256))
			}
		}
		mp := mask.Rect.Min
		if rng.IntN(4) == 0 {
			mp = mp.Add(image.Pt(rng.IntN(3)-1, rng.IntN(3)-1)) // samples outside the mask read 0
		}
		sr := image.Rect(0, 0, mw, mh)
		theta := rng.Float64() * 2 * math.Pi
		if rng.IntN(2) == 0 {
			theta = float64(rng.IntN(4)) * math.Pi / 2 // as gg rotates axis labels
		}
		scale := 1.0
		switch rng.IntN(4) {
		case 0:
			scale = 0.3 + rng.Float64()*0.6
		case 1:
			scale = 1 + rng.Float64()*2
		}
		cos, sin := math.Cos(theta)*scale, math.Sin(theta)*scale
		tx, ty := float64(rng.IntN(60)-10), float64(rng.IntN(60)-10)
		if rng.IntN(2) == 0 {
			tx += rng.Float64()
			ty += rng.Float64()
		}
		s2d := f64.Aff3{cos, -sin, tx, sin, cos, ty}
		c := color.RGBA{uint8(rng.IntN(256)), uint8(rng.IntN(256)), uint8(rng.IntN(256)), 255}
		if rng.IntN(3) == 0 { // premultiplied, not opaque
			a := uint8(rng.IntN(256))
			c = color.RGBA{c.R / 255 * a, uint8(uint32(c.G) * uint32(a) / 255), 0, a}
		}
		want := image.NewRGBA(image.Rect(0, 0, 48, 40))
		for k := range want.Pix {
			want.Pix[k] = uint8(rng.IntN(256))
		}
		for k := 3; k < len(want.Pix); k += 4 {
			want.Pix[k] = 255
		}
		got := image.NewRGBA(want.Rect)
		copy(got.Pix, want.Pix)
		opts := &draw.Options{SrcMask: mask, SrcMaskP: mp}
		draw.BiLinear.Transform(want, s2d, image.NewUniform(c), sr, draw.Over, opts)
		bilinearGlyphs{}.Transform(got, s2d, image.NewUniform(c), sr, draw.Over, opts)
		for k := range want.Pix {
			if got.Pix[k] != want.Pix[k] {
				t.Fatalf("case %d (theta %g, scale %g, shift %g %g): byte %d = %d, want %d", i, theta, scale, tx, ty, k, got.Pix[k], want.Pix[k])
			}
		}
	}
}
