package plots

import (
	"io"
	"testing"

	"gonum.org/v1/plot/vg/draw"
)

// The sizes the brief asks to draw well under a second: a raster of
// 100 000 spikes (about Brunel's 12 500 neurons at 8 Hz for 1 s) and a
// trace of 120 000 points (1.2 s at dt 0.01 ms).

// bigRaster returns about 100 000 spikes of 4000 LIF neurons released from
// rest (fixtures_test.go) over 1 s, driven at R I = 16-18.5 mV (exc) and
// 17-20 mV (inh).
func bigRaster() (Binning, Spikes, Spikes) {
	exc := lifFromRest("exc", 3200, 16, 18.5, 1000)
	inh := lifFromRest("inh", 800, 17, 20, 1000)
	return Binning{Start: 0, End: 1000, Bin: 1, Smooth: 1}, exc, inh
}

func BenchmarkRasterPNG(b *testing.B) {
	bin, exc, inh := bigRaster()
	b.ReportAllocs()
	for b.Loop() {
		f, err := Raster("raster", bin, exc, inh)
		if err != nil {
			b.Fatal(err)
		}
		if err := f.Encode(io.Discard, "png"); err != nil {
			b.Fatal(err)
		}
	}
	b.ReportMetric(float64(len(exc.Time)+len(inh.Time)), "spikes")
}

func BenchmarkRasterSVG(b *testing.B) {
	bin, exc, inh := bigRaster()
	b.ReportAllocs()
	for b.Loop() {
		f, err := Raster("raster", bin, exc, inh)
		if err != nil {
			b.Fatal(err)
		}
		if err := f.Encode(io.Discard, "svg"); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkTracePNG(b *testing.B) {
	tr := lifTrace(24, 0.01, 1200) // 120 001 points
	b.ReportAllocs()
	for b.Loop() {
		f, err := Traces("trace", Panel{Quantity: "V", Unit: "mV", Traces: []Trace{tr}})
		if err != nil {
			b.Fatal(err)
		}
		if err := f.Encode(io.Discard, "png"); err != nil {
			b.Fatal(err)
		}
	}
	b.ReportMetric(float64(len(tr.T)), "points")
}

func BenchmarkTraceSVG(b *testing.B) {
	tr := lifTrace(24, 0.01, 1200)
	b.ReportAllocs()
	for b.Loop() {
		f, err := Traces("trace", Panel{Quantity: "V", Unit: "mV", Traces: []Trace{tr}})
		if err != nil {
			b.Fatal(err)
		}
		if err := f.Encode(io.Discard, "svg"); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkEmptyPNG is the fixed cost of a figure (fonts, axes, PNG
// encoding at 300 dpi) for comparison with the ones above.
func BenchmarkEmptyPNG(b *testing.B) {
	c := Curve{X: []float64{0, 1}, Y: []float64{0, 1}}
	b.ReportAllocs()
	for b.Loop() {
		f, err := Lines("empty", "x (ms)", "y (mV)", c)
		if err != nil {
			b.Fatal(err)
		}
		if err := f.Encode(io.Discard, "png"); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkEncodePNG is encodePNG alone, on the pixels of the raster and
// the trace figures above at 300 dpi.
func BenchmarkEncodePNG(b *testing.B) {
	bin, exc, inh := bigRaster()
	raster, err := Raster("raster", bin, exc, inh)
	if err != nil {
		b.Fatal(err)
	}
	trace, err := Traces("trace", Panel{Quantity: "V", Unit: "mV", Traces: []Trace{lifTrace(24, 0.01, 1200)}})
	if err != nil {
		b.Fatal(err)
	}
	for _, f := range []*Figure{raster, trace} {
		c := newBitmapCanvas(f.Width, f.Height, DefaultDPI)
		f.draw(draw.New(c))
		img := c.Image()
		b.Run(f.title, func(b *testing.B) {
			for b.Loop() {
				if err := encodePNG(io.Discard, img); err != nil {
					b.Fatal(err)
				}
			}
		})
		c.release()
	}
}
