package plots

import (
	"bufio"
	"fmt"
	"io"
	"math"
	"os"
	"path/filepath"
	"strings"

	"gonum.org/v1/plot/vg"
	"gonum.org/v1/plot/vg/draw"
	"gonum.org/v1/plot/vg/vgpdf"
	"gonum.org/v1/plot/vg/vgsvg"
)

// Default figure geometry: a two-column journal figure is about 17 cm wide,
// so 16 cm leaves room for the page margin at 1:1 scale.
const (
	DefaultWidth  = 16 * vg.Centimeter
	DefaultHeight = 10 * vg.Centimeter
	// DefaultDPI is the resolution of PNG output, the usual minimum of
	// journals for line art rendered as a bitmap.
	DefaultDPI = 300

	// MaxPanels is the most panels a stacked figure draws; the rest are
	// left out and the title says how many were shown.
	MaxPanels = 8
)

// Figure is a finished figure: one or more panels stacked vertically under
// one title, sharing their horizontal axis where they are stacked.
// Width, Height and DPI may be changed before saving.
type Figure struct {
	Width, Height vg.Length
	DPI           int // dots per inch of PNG output

	title  string
	panels []*panel
}

// Save writes the figure to path in the format its extension names:
// .png (at f.DPI), .svg or .pdf. The file appears whole or not at all: it is
// written to a temporary file in the same directory, then renamed.
func (f *Figure) Save(path string) error {
	format := strings.ToLower(strings.TrimPrefix(filepath.Ext(path), "."))
	if !knownFormat(format) {
		return fmt.Errorf("plots: cannot save %s: unknown format %q (want .png, .svg or .pdf)", path, filepath.Ext(path))
	}
	dir, base := filepath.Split(path)
	if dir == "" {
		dir = "."
	}
	tmp, err := os.CreateTemp(dir, "."+base+".tmp*")
	if err != nil {
		return fmt.Errorf("plots: cannot save %s: %w", path, err)
	}
	name := tmp.Name()
	fail := func(err error) error {
		tmp.Close()
		os.Remove(name)
		return fmt.Errorf("plots: cannot save %s: %w", path, err)
	}
	buf := bufio.NewWriter(tmp)
	if err := f.Encode(buf, format); err != nil {
		return fail(err)
	}
	if err := buf.Flush(); err != nil {
		return fail(err)
	}
	if err := tmp.Chmod(0o644); err != nil {
		return fail(err)
	}
	if err := tmp.Sync(); err != nil {
		return fail(err)
	}
	if err := tmp.Close(); err != nil {
		os.Remove(name)
		return fmt.Errorf("plots: cannot save %s: %w", path, err)
	}
	if err := os.Rename(name, path); err != nil {
		os.Remove(name)
		return fmt.Errorf("plots: cannot save %s: %w", path, err)
	}
	return nil
}

func knownFormat(format string) bool {
	switch format {
	case "png", "svg", "pdf":
		return true
	}
	return false
}

// Encode writes the figure to w in the given format: "png", "svg" or "pdf".
func (f *Figure) Encode(w io.Writer, format string) error {
	width, height := f.Width, f.Height
	if width <= 0 || height <= 0 {
		return fmt.Errorf("plots: figure size %v x %v is not positive", width, height)
	}
	var c vg.CanvasWriterTo
	switch strings.ToLower(format) {
	case "png":
		dpi := f.DPI
		if dpi <= 0 {
			dpi = DefaultDPI
		}
		// A new image canvas is already white.
		img := newBitmapCanvas(width, height, dpi)
		defer img.release()
		f.draw(draw.New(img))
		// Figures are mostly white and compress well at the fastest level,
		// with one cheap row filter (encodePNG).
		return encodePNG(w, img.Image())
	case "svg":
		c = vgsvg.New(width, height)
	case "pdf":
		c = vgpdf.New(width, height)
	default:
		return fmt.Errorf("plots: unknown format %q (want png, svg or pdf)", format)
	}
	dc := draw.New(c)
	dc.SetColor(colorWhite)
	dc.Fill(dc.Rectangle.Path())
	f.draw(dc)
	_, err := c.WriteTo(w)
	return err
}

// newFigure returns a figure of the default width whose height grows with
// the number of panels (weights are the panels' relative heights), keeping
// at most MaxPanels of them.
func newFigure(title string, panels []*panel, total int) *Figure {
	if total > len(panels) {
		title = fmt.Sprintf("%s (first %d of %d panels)", title, len(panels), total)
	}
	height := DefaultHeight
	if n := len(panels); n > 2 {
		// 2 cm for title and time axis, 3.5 cm for each further panel.
		height = vg.Length(2+3.5*float64(n)) * vg.Centimeter
	}
	return &Figure{Width: DefaultWidth, Height: height, DPI: DefaultDPI, title: title, panels: panels}
}

// finiteRange returns the smallest and largest finite values of ys, and
// false if there are none.
func finiteRange(ys []float64) (lo, hi float64, ok bool) {
	lo, hi = math.Inf(1), math.Inf(-1)
	for _, y := range ys {
		if math.IsNaN(y) || math.IsInf(y, 0) {
			continue
		}
		lo = min(lo, y)
		hi = max(hi, y)
	}
	return lo, hi, lo <= hi
}

// padRange widens [lo, hi] by frac of its width on each side; a range of
// zero width is widened by frac of its magnitude, or to [-1, 1] around 0.
func padRange(lo, hi, frac float64) (float64, float64) {
	w := hi - lo
	if w == 0 {
		w = math.Abs(lo)
		if w == 0 {
			return lo - 1, hi + 1
		}
		return lo - frac*w, hi + frac*w
	}
	return lo - frac*w, hi + frac*w
}
