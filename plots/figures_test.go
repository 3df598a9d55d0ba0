package plots

import (
	"bytes"
	"flag"
	"image"
	"image/color"
	"image/draw"
	"image/png"
	"os"
	"path/filepath"
	"testing"
)

// regen rewrites the golden images, as gonum/plot's cmpimg -regen does.
var regen = flag.Bool("regen", false, "rewrite testdata/*_golden.png from the current code")

// goldenDPI is the resolution of the golden images: enough to see every
// line and glyph, small enough to keep testdata light.
const goldenDPI = 150

// goldenDelta is the largest colour difference allowed per pixel, on
// gonum/plot cmpimg's normalised YIQ scale (0 identical, 1 black against white): the
// value gonum/plot's own golden tests use (plotter/volcano_test.go,
// contour_example_test.go), which absorbs anti-aliasing that differs in
// the last bits across CPUs (fused multiply-add) but not a moved line or
// glyph. After a deliberate change, regenerate the goldens with
// `go test ./plots -run TestGolden -regen` and look at them.
const goldenDelta = 0.01

// figureCases are the figures of the golden tests, each built from the
// sourced inputs of fixtures_test.go.
var figureCases = []struct {
	name  string
	build func(t testing.TB) (*Figure, error)
}{
	{"traces", func(t testing.TB) (*Figure, error) {
		// Three alpha PSPs (tau 2 ms, 4 mV), their synaptic current (tau 2
		// ms, 0.5 nA), and two LIF neurons at R I = 18 and 24 mV.
		inputs := []float64{10, 30, 34, 70}
		return Traces("Membrane potential and synaptic current",
			Panel{Quantity: "V", Unit: "mV", Traces: []Trace{alphaPSP("alpha.v[0]", inputs, 4, 2, 0.01, 100)}},
			Panel{Quantity: "I_syn", Unit: "nA", Traces: []Trace{alphaCurrent("alpha.i_syn[0]", inputs, 0.5, 2, 0.01, 100)}},
			Panel{Quantity: "V", Unit: "mV", Traces: []Trace{
				rename(lifTrace(18, 0.01, 100), "lif.v[0], RI = 18 mV"),
				rename(lifTrace(24, 0.01, 100), "lif.v[1], RI = 24 mV"),
			}},
		)
	}},
	{"raster", func(t testing.TB) (*Figure, error) {
		exc := lifFromRest("exc", 400, 16, 24, 500)
		inh := lifFromRest("inh", 100, 20, 30, 500)
		return Raster("LIF populations released from rest into a constant drive", Binning{Start: 0, End: 500, Bin: 1}, exc, inh)
	}},
	{"rate", func(t testing.TB) (*Figure, error) {
		exc := lifFromRest("exc", 400, 16, 24, 500)
		inh := lifFromRest("inh", 100, 20, 30, 500)
		return Rate("Population rate (1 ms bins, 2 ms Gaussian smoothing)", Binning{Start: 0, End: 500, Bin: 1, Smooth: 2}, exc, inh)
	}},
	{"fi", func(t testing.TB) (*Figure, error) {
		h, cols := readCSV(t, "testdata/lif_fI.csv")
		ri := column(t, h, cols, "RI_mV")
		return FI("LIF f-I curve (tau 10 ms, t_ref 2 ms)", "R I", "mV",
			Curve{Name: "Brian2 exact, dt 0.1 ms (grid-aligned spikes)", X: ri, Y: column(t, h, cols, "brian2_exact_dt0.1_Hz")},
			Curve{Name: "analytic", X: ri, Y: column(t, h, cols, "analytic_Hz")},
		)
	}},
	{"phase", func(t testing.TB) (*Figure, error) {
		// From the I = 0 rest state (testdata/ml_snlc_onset.csv) into a
		// 45 uA/cm^2 step, above the 39.96 onset.
		h, cols := readCSV(t, "testdata/ml_snlc_onset.csv")
		v0 := column(t, h, cols, "rest_V_I0")[0]
		w0 := column(t, h, cols, "rest_w_I0")[0]
		vn, wn := mlNullclines(45, -70, 50, 601)
		return PhasePlane("Morris-Lecar (type I set), I = 45 µA/cm²", mlTrajectory(v0, w0, 45, 0.05, 300), vn, wn)
	}},
	{"isi", func(t testing.TB) (*Figure, error) {
		return ISIHistogram("Inter-spike intervals", 2,
			poissonQuantiles("poisson", 50, 20, 2000),
			alternating("alternating", 50, 15, 25, 2000))
	}},
	{"lines", func(t testing.TB) (*Figure, error) {
		// The LIF transfer function (analytic rate) beside a ReLU through
		// the same threshold (15 mV) and the same rate at 40 mV, the kind
		// of pair an ANN-to-SNN conversion compares.
		n := 251
		x := make([]float64, n)
		lif := make([]float64, n)
		relu := make([]float64, n)
		slope := lifRate(40) / (40 - (lifVth - lifEL))
		for k := range x {
			x[k] = 40 * float64(k) / float64(n-1)
			lif[k] = lifRate(x[k])
			relu[k] = max(0, slope*(x[k]-(lifVth-lifEL)))
		}
		return Lines("LIF transfer function and a ReLU", "R I (mV)", "rate (Hz)",
			Curve{Name: "LIF, analytic", X: x, Y: lif},
			Curve{Name: "ReLU (secant to 40 mV)", X: x, Y: relu, Style: Dashed},
		)
	}},
}

func rename(tr Trace, name string) Trace { tr.Name = name; return tr }

// TestGolden draws every figure and compares it with its golden image in
// testdata, as gonum/plot's cmpimg.CheckPlotApprox does; -regen rewrites
// them. (The comparison is cmpimg's, copied below: importing
// gonum.org/v1/plot/cmpimg needs rsc.io/pdf listed in go.mod.)
func TestGolden(t *testing.T) {
	for _, c := range figureCases {
		t.Run(c.name, func(t *testing.T) {
			f, err := c.build(t)
			if err != nil {
				t.Fatal(err)
			}
			f.DPI = goldenDPI
			var buf bytes.Buffer
			if err := f.Encode(&buf, "png"); err != nil {
				t.Fatal(err)
			}
			golden := filepath.Join("testdata", c.name+"_golden.png")
			if *regen {
				if err := os.WriteFile(golden, buf.Bytes(), 0o644); err != nil {
					t.Fatal(err)
				}
				return
			}
			want, err := os.ReadFile(golden)
			if err != nil {
				t.Fatalf("%v (run go test -regen to create it)", err)
			}
			ok, err := equalPNG(buf.Bytes(), want, goldenDelta)
			if err != nil {
				t.Fatal(err)
			}
			if !ok {
				got := filepath.Join(os.TempDir(), "plots_"+c.name+"_got.png")
				diff := filepath.Join(os.TempDir(), "plots_"+c.name+"_diff.png")
				os.WriteFile(got, buf.Bytes(), 0o644)
				writeDiff(t, diff, buf.Bytes(), want)
				t.Errorf("%s differs from %s: see %s and %s", c.name, golden, got, diff)
			}
		})
	}
}

// equalPNG reports whether two PNG images have the same size and every
// pair of pixels is within delta on the normalised YIQ difference of
// Kotsarenko & Ramos (2010, "Measuring perceived color difference using
// YIQ NTSC transmission color space in mobile applications"), as
// gonum.org/v1/plot/cmpimg.EqualApprox computes it.
func equalPNG(raw1, raw2 []byte, delta float64) (bool, error) {
	a, err := decodeRGBA(raw1)
	if err != nil {
		return false, err
	}
	b, err := decodeRGBA(raw2)
	if err != nil {
		return false, err
	}
	if a.Bounds() != b.Bounds() {
		return false, nil
	}
	const maxDiff = 35215.0 // between two maximally different pixels
	for k := 0; k < len(a.Pix); k += 4 {
		r := float64(a.Pix[k]) - float64(b.Pix[k])
		g := float64(a.Pix[k+1]) - float64(b.Pix[k+1])
		bl := float64(a.Pix[k+2]) - float64(b.Pix[k+2])
		y := r*0.29889531 + g*0.58662247 + bl*0.11448223
		i := r*0.59597799 - g*0.27417610 - bl*0.32180189
		q := r*0.21147017 - g*0.52261711 + bl*0.31114694
		if 0.5053*y*y+0.299*i*i+0.1957*q*q > maxDiff*delta*delta {
			return false, nil
		}
	}
	return true, nil
}

func decodeRGBA(raw []byte) (*image.RGBA, error) {
	img, err := png.Decode(bytes.NewReader(raw))
	if err != nil {
		return nil, err
	}
	dst := image.NewRGBA(img.Bounds())
	draw.Draw(dst, dst.Bounds(), img, img.Bounds().Min, draw.Src)
	return dst, nil
}

// writeDiff writes an image that is black where got and want agree and
// shows the difference elsewhere.
func writeDiff(t *testing.T, path string, got, want []byte) {
	a, err := decodeRGBA(got)
	if err != nil {
		t.Log(err)
		return
	}
	b, err := decodeRGBA(want)
	if err != nil {
		t.Log(err)
		return
	}
	dst := image.NewRGBA(a.Bounds().Union(b.Bounds()))
	for y := dst.Rect.Min.Y; y < dst.Rect.Max.Y; y++ {
		for x := dst.Rect.Min.X; x < dst.Rect.Max.X; x++ {
			ca, cb := a.RGBAAt(x, y), b.RGBAAt(x, y)
			dst.SetRGBA(x, y, color.RGBA{R: absDiff(ca.R, cb.R), G: absDiff(ca.G, cb.G), B: absDiff(ca.B, cb.B), A: 255})
		}
	}
	var buf bytes.Buffer
	if err := png.Encode(&buf, dst); err == nil {
		os.WriteFile(path, buf.Bytes(), 0o644)
	}
}

func absDiff(a, b uint8) uint8 {
	if a > b {
		return a - b
	}
	return b - a
}
