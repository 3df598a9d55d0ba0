package plots

import (
	"bytes"
	"math"
	"math/rand/v2"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"gonum.org/v1/plot"
	"gonum.org/v1/plot/vg"
	"gonum.org/v1/plot/vg/draw"
	"gonum.org/v1/plot/vg/vgimg"
)

// TestThinM4 checks the property that makes M4 thinning lossless for a
// line drawn at the device resolution (Jugel et al. 2014): in every pixel
// column the thinned line reaches the same lowest and highest value as the
// whole line, starts and ends at the same points, and keeps at most four
// points per column; a NaN splits the line.
func TestThinM4(t *testing.T) {
	// A chirp, sin(t^2/50), sampled every 0.01 ms for 200 ms: many
	// extrema per column at the end, few at the start.
	n := 20001
	ts := make([]float64, n)
	ys := make([]float64, n)
	for k := range ts {
		ts[k] = float64(k) * 0.01
		ys[k] = math.Sin(ts[k] * ts[k] / 50)
	}
	ys[12345] = math.NaN()
	const px = vg.Length(0.5)
	trX := func(x float64) vg.Length { return vg.Length(x) } // 1 ms per point: 2 columns a ms
	trY := func(y float64) vg.Length { return vg.Length(100 * y) }
	lines := thinM4(nil, ts, ys, trX, trY, 0, px)
	if len(lines) != 2 {
		t.Fatalf("%d polylines, want 2 (split at the NaN)", len(lines))
	}
	type ext struct{ lo, hi vg.Length }
	want := map[int]ext{}
	got := map[int]ext{}
	add := func(m map[int]ext, x, y vg.Length) {
		col := int(math.Floor(float64(x / px)))
		e, ok := m[col]
		if !ok {
			e = ext{y, y}
		}
		m[col] = ext{min(e.lo, y), max(e.hi, y)}
	}
	for k := range ts {
		if !math.IsNaN(ys[k]) {
			add(want, trX(ts[k]), trY(ys[k]))
		}
	}
	points := 0
	for _, l := range lines {
		for _, p := range l {
			add(got, p.X, p.Y)
		}
		points += len(l)
	}
	if len(got) != len(want) {
		t.Fatalf("%d columns drawn, want %d", len(got), len(want))
	}
	for col, w := range want {
		if got[col] != w {
			t.Errorf("column %d: range %v, want %v", col, got[col], w)
		}
	}
	// The NaN's column is split in two, so it may keep up to 8 points.
	if points > 4*len(want)+4 {
		t.Errorf("%d points kept for %d columns", points, len(want))
	}
	first, last := lines[0][0], lines[1][len(lines[1])-1]
	if first.X != trX(ts[0]) || first.Y != trY(ys[0]) || last.X != trX(ts[n-1]) || last.Y != trY(ys[n-1]) {
		t.Errorf("ends %v, %v; want the first and last samples", first, last)
	}
}

// TestNiceTicks: major ticks at the 1-2-5 step giving at most n intervals,
// labels with the step's decimals and a typographic minus.
func TestNiceTicks(t *testing.T) {
	for _, c := range []struct {
		lo, hi float64
		n      int
		want   []string
	}{
		{0, 500, 6, []string{"0", "100", "200", "300", "400", "500"}},
		{-65.75, -49.25, 5, []string{"−65", "−60", "−55", "−50"}},
		{0, 0.75, 5, []string{"0.0", "0.2", "0.4", "0.6"}},
		{-0.2, 0.2, 4, []string{"−0.2", "−0.1", "0.0", "0.1", "0.2"}},
		{15, 40, 6, []string{"15", "20", "25", "30", "35", "40"}},
		{100.2, 100.3, 5, []string{"100.20", "100.22", "100.24", "100.26", "100.28", "100.30"}},
	} {
		var got []string
		for _, tk := range (niceTicks{n: c.n}).Ticks(c.lo, c.hi) {
			if tk.Label != "" {
				got = append(got, tk.Label)
			}
		}
		if strings.Join(got, " ") != strings.Join(c.want, " ") {
			t.Errorf("[%v, %v] n=%d: labels %q, want %q", c.lo, c.hi, c.n, got, c.want)
		}
	}
	// Neuron indices: whole numbers only, however short the range.
	for _, tk := range (niceTicks{n: 5, integer: true}).Ticks(-0.5, 2.5) {
		if tk.Value != math.Trunc(tk.Value) {
			t.Errorf("integer ticks: tick at %v", tk.Value)
		}
	}
}

func TestAxisLabel(t *testing.T) {
	for _, c := range []struct{ q, unit, want string }{
		{"I", "uA/cm^2", "I (µA/cm²)"},
		{"g", "mS/cm^2", "g (mS/cm²)"},
		{"C", "uF/cm^2", "C (µF/cm²)"},
		{"t", "us", "t (µs)"},
		{"t", "ms", "t (ms)"},
		{"rate", "Hz", "rate (Hz)"},
		{"k", "ms^-1", "k (ms⁻¹)"},
		{"I", "nA", "I (nA)"},
		{"w", "", "w (dimensionless)"},
		{"n", "1", "n (dimensionless)"},
	} {
		if got := axisLabel(c.q, c.unit); got != c.want {
			t.Errorf("axisLabel(%q, %q) = %q, want %q", c.q, c.unit, got, c.want)
		}
	}
}

func smallFigure(t *testing.T) *Figure {
	t.Helper()
	f, err := Lines("small", "x (ms)", "y (mV)", Curve{Name: "a", X: []float64{0, 1, 2}, Y: []float64{0, 1, 0}})
	if err != nil {
		t.Fatal(err)
	}
	f.DPI = 72
	return f
}

// TestSave: the format follows the extension, the file appears whole
// under its name with no temporary file left, and a failed save leaves
// an existing file as it was.
func TestSave(t *testing.T) {
	dir := t.TempDir()
	f := smallFigure(t)
	for _, c := range []struct{ name, magic string }{
		{"fig.png", "\x89PNG\r\n\x1a\n"},
		{"fig.PNG", "\x89PNG\r\n\x1a\n"},
		{"fig.svg", "<?xml"},
		{"fig.pdf", "%PDF"},
	} {
		path := filepath.Join(dir, c.name)
		if err := f.Save(path); err != nil {
			t.Fatalf("%s: %v", c.name, err)
		}
		b, err := os.ReadFile(path)
		if err != nil {
			t.Fatal(err)
		}
		if !bytes.HasPrefix(b, []byte(c.magic)) {
			t.Errorf("%s starts %q, want %q", c.name, b[:min(8, len(b))], c.magic)
		}
		if c.name == "fig.svg" && !bytes.HasSuffix(bytes.TrimSpace(b), []byte("</svg>")) {
			t.Errorf("%s is cut short", c.name)
		}
	}
	for _, bad := range []string{"fig.jpg", "fig", "fig.png.tmp"} {
		if err := f.Save(filepath.Join(dir, bad)); err == nil || !strings.HasPrefix(err.Error(), "plots: ") {
			t.Errorf("Save(%s): error %v, want a plots: error", bad, err)
		}
	}
	if err := f.Save(filepath.Join(dir, "missing", "fig.png")); err == nil {
		t.Error("save into a missing directory: no error")
	}

	// A figure that cannot be drawn leaves the old file.
	old, _ := os.ReadFile(filepath.Join(dir, "fig.png"))
	broken := *f
	broken.Width = 0
	if err := broken.Save(filepath.Join(dir, "fig.png")); err == nil {
		t.Error("zero-width figure saved")
	}
	now, _ := os.ReadFile(filepath.Join(dir, "fig.png"))
	if !bytes.Equal(old, now) {
		t.Error("a failed save changed the existing file")
	}

	entries, _ := os.ReadDir(dir)
	var names []string
	for _, e := range entries {
		names = append(names, e.Name())
	}
	want := "fig.PNG fig.pdf fig.png fig.svg"
	if strings.Join(names, " ") != want {
		t.Errorf("directory holds %v, want %s", names, want)
	}
	info, _ := os.Stat(filepath.Join(dir, "fig.png"))
	if info.Mode().Perm() != 0o644 {
		t.Errorf("mode %v, want 0644", info.Mode().Perm())
	}
}

// TestBuilderErrors: inputs a user can get wrong give errors, not panics.
func TestBuilderErrors(t *testing.T) {
	tr := Trace{Name: "v", T: []float64{0, 1, 2}, Y: []float64{0, 1, 2}}
	okCurve := Curve{Name: "c", X: []float64{0, 1}, Y: []float64{0, 1}}
	spikes := Spikes{Name: "p", Size: 1, Neuron: []int{0, 0, 0}, Time: []float64{1, 2, 4}}
	for _, c := range []struct {
		name string
		f    func() (*Figure, error)
	}{
		{"traces: no panels", func() (*Figure, error) { return Traces("t") }},
		{"traces: no quantity", func() (*Figure, error) { return Traces("t", Panel{Unit: "mV", Traces: []Trace{tr}}) }},
		{"traces: no traces", func() (*Figure, error) { return Traces("t", Panel{Quantity: "V", Unit: "mV"}) }},
		{"traces: lengths differ", func() (*Figure, error) {
			return Traces("t", Panel{Quantity: "V", Unit: "mV", Traces: []Trace{{Name: "v", T: []float64{0, 1}, Y: []float64{0}}}})
		}},
		{"traces: empty", func() (*Figure, error) {
			return Traces("t", Panel{Quantity: "V", Unit: "mV", Traces: []Trace{{Name: "v"}}})
		}},
		{"traces: time goes back", func() (*Figure, error) {
			return Traces("t", Panel{Quantity: "V", Unit: "mV", Traces: []Trace{{Name: "v", T: []float64{0, 2, 1}, Y: []float64{0, 1, 2}}}})
		}},
		{"traces: NaN time", func() (*Figure, error) {
			return Traces("t", Panel{Quantity: "V", Unit: "mV", Traces: []Trace{{Name: "v", T: []float64{0, math.NaN()}, Y: []float64{0, 1}}}})
		}},
		{"raster: no populations", func() (*Figure, error) { return Raster("r", Binning{End: 10}) }},
		{"rate: no populations", func() (*Figure, error) { return Rate("r", Binning{End: 10}) }},
		{"isi: no populations", func() (*Figure, error) { return ISIHistogram("i", 0) }},
		{"isi: negative bin", func() (*Figure, error) { return ISIHistogram("i", -1, spikes) }},
		{"isi: bad spikes", func() (*Figure, error) {
			return ISIHistogram("i", 0, Spikes{Name: "p", Size: 1, Neuron: []int{3}, Time: []float64{1}})
		}},
		{"lines: no curves", func() (*Figure, error) { return Lines("l", "x (ms)", "y (mV)") }},
		{"lines: no x label", func() (*Figure, error) { return Lines("l", "", "y (mV)", okCurve) }},
		{"lines: lengths differ", func() (*Figure, error) {
			return Lines("l", "x (ms)", "y (mV)", Curve{Name: "c", X: []float64{0, 1}, Y: []float64{0}})
		}},
		{"lines: no finite point", func() (*Figure, error) {
			return Lines("l", "x (ms)", "y (mV)", Curve{Name: "c", X: []float64{math.NaN()}, Y: []float64{0}})
		}},
		{"lines: unknown style", func() (*Figure, error) {
			return Lines("l", "x (ms)", "y (mV)", Curve{Name: "c", X: []float64{0}, Y: []float64{0}, Style: 99})
		}},
		{"fi: lengths differ", func() (*Figure, error) {
			return FI("f", "I", "nA", Curve{X: []float64{0, 1}, Y: []float64{0}})
		}},
		{"phase: lengths differ", func() (*Figure, error) {
			return PhasePlane("p", Curve{X: []float64{0, 1}, Y: []float64{0}}, okCurve, okCurve)
		}},
	} {
		f, err := c.f()
		if err == nil || f != nil {
			t.Errorf("%s: figure %v, error %v; want an error", c.name, f != nil, err)
			continue
		}
		if !strings.HasPrefix(err.Error(), "plots: ") {
			t.Errorf("%s: error %q lacks the package prefix", c.name, err)
		}
	}
}

// TestMaxPanels: past MaxPanels panels the first MaxPanels are drawn and
// the title says so.
func TestMaxPanels(t *testing.T) {
	panels := make([]Panel, MaxPanels+3)
	for i := range panels {
		panels[i] = Panel{Quantity: "V", Unit: "mV", Traces: []Trace{{Name: "v", T: []float64{0, 1}, Y: []float64{0, float64(i)}}}}
	}
	f, err := Traces("many", panels...)
	if err != nil {
		t.Fatal(err)
	}
	if len(f.panels) != MaxPanels {
		t.Errorf("%d panels drawn, want %d", len(f.panels), MaxPanels)
	}
	if want := "many (first 8 of 11 panels)"; f.title != want {
		t.Errorf("title %q, want %q", f.title, want)
	}
}

// TestPlacement: a legend goes to the first free corner, or above the
// data when the data fill every corner.
func TestPlacement(t *testing.T) {
	canvas := draw.New(vgimg.New(16*vg.Centimeter, 10*vg.Centimeter))
	place := func(f *Figure) plan {
		pa := f.panels[0]
		return pa.place(pa.p.DataCanvas(canvas))
	}
	two := func(c Curve) *Figure {
		f, err := Lines("l", "x (ms)", "y (mV)", c, Curve{Name: "flat", X: []float64{0, 1}, Y: []float64{0.5, 0.5}})
		if err != nil {
			t.Fatal(err)
		}
		return f
	}
	// A rising diagonal passes through the top-right and bottom-left
	// corners; the flat line through the middle: top-left is free.
	if pl := place(two(Curve{Name: "up", X: []float64{0, 1}, Y: []float64{0, 1}})); pl.legend != topLeft || pl.extra != 0 {
		t.Errorf("rising diagonal: legend at %d, extra %v; want top-left (%d), 0", pl.legend, pl.extra, topLeft)
	}
	// A falling diagonal leaves top-right free.
	if pl := place(two(Curve{Name: "down", X: []float64{0, 1}, Y: []float64{1, 0}})); pl.legend != topRight {
		t.Errorf("falling diagonal: legend at %d, want top-right (%d)", pl.legend, topRight)
	}
	// A fast zigzag between the extremes fills every corner.
	x := make([]float64, 101)
	y := make([]float64, 101)
	for k := range x {
		x[k], y[k] = float64(k)/100, float64(k%2)
	}
	if pl := place(two(Curve{Name: "zigzag", X: x, Y: y})); pl.legend != above || pl.extra <= 0 {
		t.Errorf("zigzag: legend at %d, extra %v; want above (%d) with room", pl.legend, pl.extra, above)
	}
}

// TestRasterVector: in SVG each spike is one stroke of the population's
// colour, and spikes that fall on the same device pixel are drawn once.
func TestRasterVector(t *testing.T) {
	// Neuron 1 fires at 10, 50 and 90 ms, and twice more within 1e-6 ms
	// of 50 ms: three marks. Neuron 0 of the other population fires once.
	a := Spikes{Name: "a", Size: 3, Neuron: []int{1, 1, 1, 1, 1}, Time: []float64{10, 50, 50 + 1e-6, 50 + 2e-6, 90}}
	b := Spikes{Name: "b", Size: 2, Neuron: []int{0}, Time: []float64{30}}
	f, err := Raster("r", Binning{Start: 0, End: 100}, a, b)
	if err != nil {
		t.Fatal(err)
	}
	var buf bytes.Buffer
	if err := f.Encode(&buf, "svg"); err != nil {
		t.Fatal(err)
	}
	marks := func(hex string) int {
		n := 0
		for _, line := range strings.Split(buf.String(), "\n") {
			// The marks are the stroked path whose width is the mark width.
			if strings.Contains(line, "stroke:"+hex) && strings.Contains(line, "stroke-width:0.6") {
				n += strings.Count(line, "M")
			}
		}
		return n
	}
	if n := marks("#0072B2"); n != 3 {
		t.Errorf("population a: %d marks, want 3", n)
	}
	if n := marks("#D55E00"); n != 1 {
		t.Errorf("population b: %d marks, want 1", n)
	}
}

// TestOrderStat: orderStat gives what sorting gives, at every rank, for
// values with ties, a heavy tail and a constant run, without changing its
// input.
func TestOrderStat(t *testing.T) {
	rng := rand.New(rand.NewPCG(3, 4))
	for _, n := range []int{1, 2, 7, 1000, 5000} {
		xs := make([]float64, n)
		for i := range xs {
			switch i % 4 {
			case 0:
				xs[i] = 5 // ties
			case 1:
				xs[i] = rng.ExpFloat64() * 20
			case 2:
				xs[i] = math.Exp(10 * rng.Float64()) // heavy tail
			default:
				xs[i] = float64(rng.IntN(50))
			}
		}
		orig := slices.Clone(xs)
		sorted := slices.Sorted(slices.Values(xs))
		for k := range n {
			if got := orderStat(xs, k); got != sorted[k] {
				t.Fatalf("n %d: rank %d: %v, sorted %v", n, k, got, sorted[k])
			}
		}
		if !slices.Equal(xs, orig) {
			t.Fatalf("n %d: orderStat changed its input", n)
		}
	}
}

// TestISIHistogramLogBins: intervals of bursts and pauses (a neuron
// firing bursts of five spikes 4 ms apart every 200 ms, and one firing
// every 250 ms) are binned on a logarithmic axis, ten bins a decade
// (edges 10^(k/10) ms, from the one at or below the shortest interval,
// 4 ms, to the longest): every interval counted once, each in the bin
// that holds it; evenly spread intervals keep the linear axis from 0.
func TestISIHistogramLogBins(t *testing.T) {
	var burst Spikes
	burst.Name, burst.Size = "b", 2
	for k := range 5 { // bursts: 4 ms intervals, 184 ms pauses
		for s := range 5 {
			burst.Neuron = append(burst.Neuron, 0)
			burst.Time = append(burst.Time, 200*float64(k)+4*float64(s))
		}
	}
	for k := range 4 { // 250 ms intervals
		burst.Neuron = append(burst.Neuron, 1)
		burst.Time = append(burst.Time, 10+250*float64(k))
	}
	isis, _, _, err := ISIs(burst)
	if err != nil {
		t.Fatal(err)
	}
	f, err := ISIHistogram("log", 0, burst)
	if err != nil {
		t.Fatal(err)
	}
	pa := f.panels[0]
	if _, ok := pa.p.X.Scale.(plot.LogScale); !ok {
		t.Fatalf("x scale %T, want plot.LogScale", pa.p.X.Scale)
	}
	b := pa.items[0].(*bars)
	// 4 ms is 10^0.602: the first edge 10^0.6, the last at or above 250.
	if first := b.edges[0]; math.Abs(first-math.Pow(10, 0.6)) > 1e-12 || pa.p.X.Min != first {
		t.Errorf("first edge %v, axis from %v; want 10^0.6 = %v", first, pa.p.X.Min, math.Pow(10, 0.6))
	}
	if last := b.edges[len(b.edges)-1]; last < 250 || last > math.Pow(10, 2.4)*(1+1e-12) {
		t.Errorf("last edge %v, want 10^2.4 = 251.2", last)
	}
	sum := 0.0
	for _, c := range b.counts {
		sum += c
	}
	if int(sum) != len(isis) {
		t.Errorf("%v intervals counted, %d drawn from the spikes", sum, len(isis))
	}
	for _, v := range isis {
		if k := b.bin(v); !(b.edges[k] <= v && v <= b.edges[k+1]) {
			t.Errorf("interval %v in bin %d, [%v, %v]", v, k, b.edges[k], b.edges[k+1])
		}
	}
	even := Spikes{Name: "e", Size: 1}
	for k := range 20 {
		even.Neuron = append(even.Neuron, 0)
		even.Time = append(even.Time, 10*float64(k)+float64(k*k%7))
	}
	f, err = ISIHistogram("linear", 0, even)
	if err != nil {
		t.Fatal(err)
	}
	if _, ok := f.panels[0].p.X.Scale.(plot.LogScale); ok || f.panels[0].p.X.Min != 0 {
		t.Errorf("evenly spread intervals: a log axis, or an axis from %v, not 0", f.panels[0].p.X.Min)
	}
}
