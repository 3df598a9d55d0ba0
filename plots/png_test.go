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
// for one with a transparent pixel (image/png's).
func TestEncodePNG(t *testing.T) {
	for _, c := range []struct {
		w, h  int
		alpha uint8
	}{
		{1, 1, 255}, {2, 3, 255}, {5, 4, 255}, {97, 61, 255}, {600, 40, 255}, {1890, 30, 255}, {64, 64, 128},
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

// TestUpRGB: the two-pixels-at-a-time Up filter equals the byte-by-byte
// one, on random rows of every length up to 9 pixels.
func TestUpRGB(t *testing.T) {
	rng := rand.New(rand.NewPCG(3, 4))
	for n := 0; n <= 9; n++ {
		for range 200 {
			cur, prev := make([]byte, 4*n), make([]byte, 4*n)
			for i := range cur {
				cur[i], prev[i] = byte(rng.IntN(256)), byte(rng.IntN(256))
				if rng.IntN(3) == 0 {
					prev[i] = cur[i]
				}
			}
			got := make([]byte, 3*n)
			upRGB(got, cur, prev)
			for x := range n {
				for k := range 3 {
					if want := cur[4*x+k] - prev[4*x+k]; got[3*x+k] != want {
						t.Fatalf("n %d: byte %d of pixel %d = %d, want %d", n, k, x, got[3*x+k], want)
					}
				}
			}
		}
	}
}
