package plots

import (
	"bytes"
	"image"
	"image/color"
	"image/png"
	"math/rand/v2"
	"testing"
)

// testImage returns a w x h opaque image like a figure: white, with
// horizontal and vertical lines, runs longer than a deflate match (258
// bytes), repeated rows, and noise (antialiased edges); alpha lowers
// one pixel's alpha when it is below 255.
func testImage(w, h int, alpha uint8, seed uint64) *image.RGBA {
	rng := rand.New(rand.NewPCG(seed, 7))
	img := image.NewRGBA(image.Rect(0, 0, w, h))
	fillWhite(img.Pix)
	for y := range h {
		switch {
		case y%17 == 3: // a line across
			for x := range w {
				img.SetRGBA(x, y, color.RGBA{0, 114, 178, 255})
			}
		case y%5 == 0: // noise
			for range w / 3 {
				x := rng.IntN(w)
				g := uint8(rng.IntN(256))
				img.SetRGBA(x, y, color.RGBA{g, g / 2, 255 - g, 255})
			}
		}
		if w > 7 {
			img.SetRGBA(7, y, color.RGBA{0, 0, 0, 255}) // a vertical axis
		}
	}
	if alpha < 255 && w > 0 && h > 0 {
		img.SetRGBA(w/2, h/2, color.RGBA{alpha, 0, 0, alpha})
	}
	return img
}

// TestEncodePNG: encodePNG's files decode (by image/png) to the pixels
// encoded, for opaque images of odd and even sizes (its own encoder) and
// for ones with a pixel not opaque, in the first row, in a row below it,
// in the middle or at the end of a row (image/png's).
func TestEncodePNG(t *testing.T) {
	for _, c := range []struct {
		w, h  int
		alpha uint8
	}{
		{1, 1, 255}, {2, 3, 255}, {5, 4, 255}, {97, 61, 255}, {600, 40, 255}, {1890, 30, 255},
		{64, 64, 128}, {1, 1, 0}, {7, 1, 0}, {9, 9, 254}, {20, 9, 254},
	} {
		img := testImage(c.w, c.h, c.alpha, uint64(c.w*c.h))
		var buf bytes.Buffer
		if err := encodePNG(&buf, img); err != nil {
			t.Fatalf("%dx%d: %v", c.w, c.h, err)
		}
		got, err := png.Decode(&buf)
		if err != nil {
			t.Fatalf("%dx%d: decoding: %v", c.w, c.h, err)
		}
		if got.Bounds() != img.Bounds() {
			t.Fatalf("%dx%d: decoded bounds %v", c.w, c.h, got.Bounds())
		}
		for y := range c.h {
			for x := range c.w {
				if g, want := color.RGBAModel.Convert(got.At(x, y)), img.RGBAAt(x, y); g != want {
					t.Fatalf("%dx%d: pixel (%d, %d) = %v, want %v", c.w, c.h, x, y, g, want)
				}
			}
		}
	}
}

// TestUpRow: coding a row by upRow gives the same zlib stream as coding
// its byte-by-byte Up filter, on random rows of every length up to 20
// pixels (stretches of equal pixels shorter and longer than upRow's
// 8-pixel blocks), and upRow refuses a pixel that differs from the one
// above and is not opaque.
func TestUpRow(t *testing.T) {
	rng := rand.New(rand.NewPCG(3, 4))
	code := func(f func(z *rleZlib) bool) ([]byte, bool) {
		z := newRLEZlib(nil)
		z.write([]byte{2})
		ok := f(z)
		z.close()
		return z.dst, ok
	}
	for n := 0; n <= 20; n++ {
		for range 300 {
			cur, prev := make([]byte, 4*n), make([]byte, 4*n)
			same := rng.IntN(4) // how often a pixel repeats the one above: never to mostly
			for x := range n {
				for k := range 4 {
					cur[4*x+k], prev[4*x+k] = byte(rng.IntN(256)), byte(rng.IntN(256))
				}
				cur[4*x+3], prev[4*x+3] = 0xff, 0xff
				if rng.IntN(4) < same {
					copy(prev[4*x:4*x+4], cur[4*x:4*x+4])
				}
			}
			up := make([]byte, 3*n)
			for x := range n {
				for k := range 3 {
					up[3*x+k] = cur[4*x+k] - prev[4*x+k]
				}
			}
			want, _ := code(func(z *rleZlib) bool { z.write(up); return true })
			got, ok := code(func(z *rleZlib) bool { return z.upRow(cur, prev) })
			if !ok || !bytes.Equal(got, want) {
				t.Fatalf("n %d: upRow's stream (ok %v)\n%x\nwant\n%x", n, ok, got, want)
			}
			if n == 0 {
				continue
			}
			x := rng.IntN(n)
			cur[4*x+3] = 0xfe
			if _, ok := code(func(z *rleZlib) bool { return z.upRow(cur, prev) }); ok {
				t.Fatalf("n %d: a pixel with alpha 0xfe at %d passed", n, x)
			}
		}
	}
}
