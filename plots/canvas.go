package plots

import (
	"fmt"
	"image"
	"image/color"
	"image/draw"
	"math"
	"sync"

	"git.sr.ht/~sbinet/gg"
	xdraw "golang.org/x/image/draw"
	xfont "golang.org/x/image/font"
	"golang.org/x/image/font/opentype"
	"gonum.org/v1/plot/font"
	"gonum.org/v1/plot/vg"
)

// bitmapCanvas is gonum/plot's vgimg.Canvas (vg/vgimg/vgimg.go, v0.17.0,
// BSD-3-Clause, Copyright 2015 The Gonum Authors), method for method, but
// drawing straight into the image it makes: vgimg.NewWith(UseWH, UseDPI)
// allocates an image, then gg.NewContextForImage allocates a second one
// and copies the first into it, then fills it with white; for a figure of
// 1890 x 1417 pixels at 300 dpi that is two fresh 10 MB images whose
// pages the system maps on first touch, 10 to 30 ms of a figure's 40 to
// 80 ms. Here the image is made once, filled with white, and given to
// gg.NewContextForRGBA, which draws into it without a copy. The size in
// points stays the one asked for (not the whole pixels), as vgimg keeps
// it, so figures are the same to the pixel.
//
// Two more differences, neither visible in the pixels: the pixels are
// not on the Go heap (newPixels: mapped from the system where it can,
// pixels_linux.go), and the buffer of the last figure is kept (release),
// so that the figures a run draws one after the other reuse memory
// already mapped; and FillString keeps
// the font faces it makes, one per font and size, rather than making one
// for every string (opentype.NewFace, a tenth of a figure's time).
type bitmapCanvas struct {
	ctx   *gg.Context
	img   *image.RGBA
	w, h  vg.Length
	color []color.Color
	dpi   int
	width vg.Length // the current line width
	faces map[faceKey]xfont.Face
}

type faceKey struct {
	f    *opentype.Font
	size vg.Length
}

// spare is the pixel buffer of the last released canvas, for the next
// one. (A sync.Pool would be emptied by the garbage collections that
// the allocations of a figure start.)
var spare struct {
	sync.Mutex
	pix []byte
}

// newBitmapCanvas returns a white canvas of w x h at dpi, as
// vgimg.NewWith(vgimg.UseWH(w, h), vgimg.UseDPI(dpi)) would.
func newBitmapCanvas(w, h vg.Length, dpi int) *bitmapCanvas {
	c := &bitmapCanvas{w: w, h: h, dpi: dpi}
	pw := w / vg.Inch * vg.Length(dpi)
	ph := h / vg.Inch * vg.Length(dpi)
	r := image.Rect(0, 0, int(pw+0.5), int(ph+0.5))
	n := 4 * r.Dx() * r.Dy()
	spare.Lock()
	pix := spare.pix
	spare.pix = nil
	spare.Unlock()
	if cap(pix) >= n {
		pix = pix[:n]
	} else {
		freePixels(pix)
		// Room for a taller figure next: pages never touched cost nothing.
		pix = newPixels(n, 2*n)
	}
	c.img = &image.RGBA{Pix: pix, Stride: 4 * r.Dx(), Rect: r}
	fillWhite(c.img.Pix)
	c.ctx = gg.NewContextForRGBA(c.img)
	c.ctx.SetLineCapButt()
	c.ctx.InvertY()
	c.color = []color.Color{color.Black}
	vg.Initialize(c)
	return c
}

// release closes the canvas's font faces and gives its pixels back to
// the pool; the canvas and its image must not be used after.
func (c *bitmapCanvas) release() {
	for _, f := range c.faces {
		f.Close()
	}
	c.faces = nil
	pix := c.img.Pix
	c.img, c.ctx = nil, nil
	spare.Lock()
	if cap(pix) > cap(spare.pix) {
		pix, spare.pix = spare.pix, pix
	}
	spare.Unlock()
	freePixels(pix)
}

// fillWhite sets every byte of pix to 0xff (opaque white, premultiplied
// RGBA).
func fillWhite(pix []byte) {
	if len(pix) == 0 {
		return
	}
	pix[0] = 0xff
	for n := 1; n < len(pix); n *= 2 {
		copy(pix[n:], pix[:n])
	}
}

// Image returns the image the canvas draws into.
func (c *bitmapCanvas) Image() draw.Image { return c.img }

// DPI returns the resolution in pixels per inch.
func (c *bitmapCanvas) DPI() float64 { return float64(c.dpi) }

func (c *bitmapCanvas) Size() (w, h vg.Length) { return c.w, c.h }

func (c *bitmapCanvas) SetLineWidth(w vg.Length) {
	c.width = w
	c.ctx.SetLineWidth(w.Dots(c.DPI()))
}

func (c *bitmapCanvas) SetLineDash(ds []vg.Length, offs vg.Length) {
	dashes := make([]float64, len(ds))
	for i, d := range ds {
		dashes[i] = d.Dots(c.DPI())
	}
	c.ctx.SetDashOffset(offs.Dots(c.DPI()))
	c.ctx.SetDash(dashes...)
}

func (c *bitmapCanvas) SetColor(clr color.Color) {
	if clr == nil {
		clr = color.Black
	}
	c.ctx.SetColor(clr)
	c.color[len(c.color)-1] = clr
}

func (c *bitmapCanvas) Rotate(t float64) { c.ctx.Rotate(t) }

func (c *bitmapCanvas) Translate(pt vg.Point) {
	c.ctx.Translate(pt.X.Dots(c.DPI()), pt.Y.Dots(c.DPI()))
}

func (c *bitmapCanvas) Scale(x, y float64) { c.ctx.Scale(x, y) }

func (c *bitmapCanvas) Push() {
	c.color = append(c.color, c.color[len(c.color)-1])
	c.ctx.Push()
}

func (c *bitmapCanvas) Pop() {
	c.color = c.color[:len(c.color)-1]
	c.ctx.Pop()
}

func (c *bitmapCanvas) Stroke(p vg.Path) {
	if c.width <= 0 {
		return
	}
	c.outline(p)
	c.ctx.Stroke()
}

func (c *bitmapCanvas) Fill(p vg.Path) {
	c.outline(p)
	c.ctx.Fill()
}

func (c *bitmapCanvas) outline(p vg.Path) {
	dpi := c.DPI()
	for _, comp := range p {
		switch comp.Type {
		case vg.MoveComp:
			c.ctx.MoveTo(comp.Pos.X.Dots(dpi), comp.Pos.Y.Dots(dpi))
		case vg.LineComp:
			c.ctx.LineTo(comp.Pos.X.Dots(dpi), comp.Pos.Y.Dots(dpi))
		case vg.ArcComp:
			c.ctx.DrawArc(comp.Pos.X.Dots(dpi), comp.Pos.Y.Dots(dpi), comp.Radius.Dots(dpi),
				comp.Start, comp.Start+comp.Angle)
		case vg.CurveComp:
			switch len(comp.Control) {
			case 1:
				c.ctx.QuadraticTo(comp.Control[0].X.Dots(dpi), comp.Control[0].Y.Dots(dpi),
					comp.Pos.X.Dots(dpi), comp.Pos.Y.Dots(dpi))
			case 2:
				c.ctx.CubicTo(comp.Control[0].X.Dots(dpi), comp.Control[0].Y.Dots(dpi),
					comp.Control[1].X.Dots(dpi), comp.Control[1].Y.Dots(dpi),
					comp.Pos.X.Dots(dpi), comp.Pos.Y.Dots(dpi))
			default:
				panic("plots: invalid number of control points")
			}
		case vg.CloseComp:
			c.ctx.ClosePath()
		default:
			panic(fmt.Sprintf("plots: unknown path component: %d", comp.Type))
		}
	}
}

func (c *bitmapCanvas) FillString(fnt font.Face, pt vg.Point, str string) {
	if fnt.Font.Size == 0 {
		return
	}
	c.ctx.Push()
	defer c.ctx.Pop()
	key := faceKey{fnt.Face, fnt.Font.Size}
	face, ok := c.faces[key]
	if !ok {
		face = fnt.FontFace(c.DPI())
		if c.faces == nil {
			c.faces = make(map[faceKey]xfont.Face)
		}
		c.faces[key] = face
	}
	c.ctx.SetFontFace(face)
	x := pt.X.Dots(c.DPI())
	y := pt.Y.Dots(c.DPI())
	h := c.h.Dots(c.DPI())
	c.ctx.InvertY()
	if integerTranslation(c.ctx) {
		// gg places each glyph's mask through the interpolator
		// (bilinear), which for a shift by whole pixels reads each mask
		// pixel with weight 1: nearest-neighbour reads the same pixels,
		// at a fraction of the cost. (Pop restores the interpolator.)
		c.ctx.SetInterpolator(xdraw.NearestNeighbor)
	} else {
		c.ctx.SetInterpolator(bilinearGlyphs{}) // BiLinear's pixels, faster
	}
	c.ctx.DrawString(str, x, h-y)
}

// integerTranslation reports whether ctx's transform is a shift by whole
// pixels (no rotation or scaling): what it maps glyph masks through
// (gg.Context.drawString) is then a copy.
func integerTranslation(ctx *gg.Context) bool {
	x0, y0 := ctx.TransformPoint(0, 0)
	x1, y1 := ctx.TransformPoint(1, 0)
	x2, y2 := ctx.TransformPoint(0, 1)
	return x1-x0 == 1 && y1 == y0 && x2 == x0 && y2-y0 == 1 &&
		x0 == math.Trunc(x0) && y0 == math.Trunc(y0)
}

func (c *bitmapCanvas) DrawImage(rect vg.Rectangle, img image.Image) {
	dpi := c.DPI()
	xmin, ymin := rect.Min.X.Dots(dpi), rect.Min.Y.Dots(dpi)
	rsz := rect.Size()
	width, height := rsz.X.Dots(dpi), rsz.Y.Dots(dpi)
	dx, dy := float64(img.Bounds().Dx()), float64(img.Bounds().Dy())
	c.ctx.Push()
	c.ctx.Scale(1, -1)
	c.ctx.Translate(xmin, -ymin-height)
	c.ctx.Scale(width/dx, height/dy)
	c.ctx.DrawImage(img, 0, 0)
	c.ctx.Pop()
}
