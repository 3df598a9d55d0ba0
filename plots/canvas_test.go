package plots

import (
	"bytes"
	"image"
	"image/draw"
	"image/png"
	"testing"

	vgdraw "gonum.org/v1/plot/vg/draw"
	"gonum.org/v1/plot/vg/vgimg"
)

// TestSameAsVgimg: a figure saved as PNG (bitmapCanvas, encodePNG)
// decodes to exactly the pixels gonum/plot's own image canvas
// (vgimg.NewWith, which bitmapCanvas copies without its image copy, and
// with cached font faces and nearest-neighbour glyph placement) draws,
// for every golden figure at the golden resolution and at 300 dpi.
func TestSameAsVgimg(t *testing.T) {
	for _, dpi := range []int{goldenDPI, 300} {
		for _, c := range figureCases {
			f, err := c.build(t)
			if err != nil {
				t.Fatal(err)
			}
			f.DPI = dpi
			var buf bytes.Buffer
			if err := f.Encode(&buf, "png"); err != nil {
				t.Fatal(err)
			}
			img, err := png.Decode(&buf)
			if err != nil {
				t.Fatal(err)
			}
			got := image.NewRGBA(img.Bounds())
			draw.Draw(got, got.Bounds(), img, image.Point{}, draw.Src)
			ref := vgimg.NewWith(vgimg.UseWH(f.Width, f.Height), vgimg.UseDPI(dpi))
			f.draw(vgdraw.New(ref))
			want := ref.Image().(*image.RGBA)
			diff := 0
			for i := range want.Pix {
				if want.Pix[i] != got.Pix[i] {
					diff++
				}
			}
			if diff > 0 {
				t.Errorf("%s at %d dpi: %d of %d bytes differ from vgimg's", c.name, dpi, diff, len(want.Pix))
			}
		}
	}
}
