package plots

import (
	"math"
	"slices"
	"testing"
)

// rateTol is the relative tolerance of rates computed from counts: a few
// rounding errors of the divisions, nothing more.
const rateTol = 1e-12

func closeRel(a, b, tol float64) bool {
	return a == b || math.Abs(a-b) <= tol*math.Max(math.Abs(a), math.Abs(b))
}

// TestPopulationRateLockstep: N neurons firing with period P, neuron i at
// (i + 1/2) P/N + k P, put exactly one spike in each bin of width P/N, so
// every bin's rate is 1 / (N P/N) = 1/P, i.e. 1000/P Hz.
func TestPopulationRateLockstep(t *testing.T) {
	for _, c := range []struct {
		n      int
		period float64 // ms
	}{
		{10, 20},
		{4, 25},
		{1, 5},
	} {
		s := Spikes{Name: "p", Size: c.n}
		end := 10 * c.period
		for k := 0; k < 10; k++ {
			for i := range c.n {
				s.Neuron = append(s.Neuron, i)
				s.Time = append(s.Time, (float64(i)+0.5)*c.period/float64(c.n)+float64(k)*c.period)
			}
		}
		r, err := PopulationRate(nil, s, Binning{Start: 0, End: end, Bin: c.period / float64(c.n)})
		if err != nil {
			t.Fatal(err)
		}
		if len(r) != 10*c.n {
			t.Fatalf("n=%d: %d bins, want %d", c.n, len(r), 10*c.n)
		}
		want := 1000 / c.period
		for k, v := range r {
			if !closeRel(v, want, rateTol) {
				t.Errorf("n=%d P=%v: bin %d rate %v Hz, want %v", c.n, c.period, k, v, want)
			}
		}
	}
}

// TestPopulationRateEdges: the bin arithmetic at the ends of the interval.
func TestPopulationRateEdges(t *testing.T) {
	// One neuron: spikes before Start and after End are left out, a spike
	// at End counts in the last bin, and the last bin of [0, 10.5] in 1 ms
	// bins is 0.5 ms wide, so one spike in it is 1/(0.5 ms) = 2000 Hz.
	s := Spikes{Name: "one", Size: 1, Neuron: []int{0, 0, 0, 0, 0}, Time: []float64{-1, 0, 3.2, 10.5, 11}}
	r, err := PopulationRate(nil, s, Binning{Start: 0, End: 10.5, Bin: 1})
	if err != nil {
		t.Fatal(err)
	}
	want := []float64{1000, 0, 0, 1000, 0, 0, 0, 0, 0, 0, 2000}
	if !slices.Equal(r, want) {
		t.Errorf("rates %v, want %v", r, want)
	}
	// 1000 ms in 0.1 ms bins is 10 000 bins, not 10 001 from rounding.
	r, err = PopulationRate(nil, Spikes{Name: "none", Size: 1}, Binning{Start: 0, End: 1000, Bin: 0.1})
	if err != nil {
		t.Fatal(err)
	}
	if len(r) != 10000 {
		t.Errorf("%d bins for 1000 ms in 0.1 ms bins, want 10000", len(r))
	}
	// dst is reused when it is long enough.
	dst := make([]float64, 20000)
	r, _ = PopulationRate(dst, Spikes{Name: "none", Size: 1}, Binning{Start: 0, End: 1000, Bin: 0.1})
	if &r[0] != &dst[0] {
		t.Error("dst was not reused")
	}
}

// TestPopulationRateSmooth checks the Gaussian window against its
// definition in Brian2's PopulationRateMonitor.smooth_rate: weights
// exp(-k^2 / (2 (width/dt)^2)) for k in -round(2 width/dt) ..
// round(2 width/dt), normalised to sum 1 (brian2/monitors/ratemonitor.py).
func TestPopulationRateSmooth(t *testing.T) {
	const (
		bin   = 0.5 // ms
		width = 1.2 // ms: 2.4 bins, window half-width round(4.8) = 5 bins
		n     = 41  // bins; the spike sits in the middle one
	)
	// One spike of neuron 2 of 4, a quarter into the middle bin.
	s := Spikes{Name: "p", Size: 4, Neuron: []int{2}, Time: []float64{(n/2 + 0.25) * bin}}
	r, err := PopulationRate(nil, s, Binning{Start: 0, End: n * bin, Bin: bin, Smooth: width})
	if err != nil {
		t.Fatal(err)
	}
	half := int(math.Round(2 * width / bin))
	var sum float64
	for k := -half; k <= half; k++ {
		sum += math.Exp(-float64(k*k) / (2 * (width / bin) * (width / bin)))
	}
	peak := 1000 / (4 * bin) // one spike among 4 neurons in one bin, Hz
	for i, v := range r {
		k := i - n/2
		want := 0.0
		if -half <= k && k <= half {
			want = peak * math.Exp(-float64(k*k)/(2*(width/bin)*(width/bin))) / sum
		}
		if !closeRel(v, want, rateTol) && math.Abs(v-want) > 1e-12 {
			t.Errorf("bin %d (offset %d): %v Hz, want %v", i, k, v, want)
		}
	}

	// A constant rate stays constant up to the ends (the window is
	// normalised over the bins inside the interval there; Brian2's
	// np.convolve(mode="same") would fall off instead).
	c := Spikes{Name: "c", Size: 1}
	for i := 0; i < 100; i++ {
		c.Neuron = append(c.Neuron, 0)
		c.Time = append(c.Time, float64(i)+0.5)
	}
	r, err = PopulationRate(nil, c, Binning{Start: 0, End: 100, Bin: 1, Smooth: 3})
	if err != nil {
		t.Fatal(err)
	}
	for i, v := range r {
		if !closeRel(v, 1000, rateTol) {
			t.Errorf("constant 1 kHz smoothed: bin %d is %v Hz", i, v)
		}
	}
}

// TestISIs: neurons whose intervals alternate a, b, a, b have a CV of
// |a - b| / (a + b) (mean (a+b)/2, population SD |a-b|/2); the spike list
// may come in any order; neurons with fewer than two intervals do not
// count towards the mean CV.
func TestISIs(t *testing.T) {
	pairs := [][2]float64{{15, 25}, {10, 10}, {5, 45}}
	s := Spikes{Name: "alt", Size: len(pairs) + 2}
	wantCV := 0.0
	for i, ab := range pairs {
		tm := float64(i)
		for k := 0; k < 5; k++ { // 5 spikes, 4 intervals: a b a b
			s.Neuron = append(s.Neuron, i)
			s.Time = append(s.Time, tm)
			tm += ab[k%2]
		}
		wantCV += math.Abs(ab[0]-ab[1]) / (ab[0] + ab[1])
	}
	wantCV /= float64(len(pairs))
	// Neuron 3 fires twice (one interval), neuron 4 never.
	s.Neuron = append(s.Neuron, 3, 3)
	s.Time = append(s.Time, 7, 19)
	slices.Reverse(s.Neuron)
	slices.Reverse(s.Time)

	isis, cv, neurons, err := ISIs(s)
	if err != nil {
		t.Fatal(err)
	}
	if neurons != len(pairs) {
		t.Errorf("%d neurons counted, want %d", neurons, len(pairs))
	}
	if !closeRel(cv, wantCV, rateTol) {
		t.Errorf("mean CV %v, want %v", cv, wantCV)
	}
	want := []float64{15, 25, 15, 25, 10, 10, 10, 10, 5, 45, 5, 45, 12}
	if !slices.Equal(isis, want) {
		t.Errorf("intervals %v, want %v", isis, want)
	}

	// No neuron with two intervals: the CV is undefined.
	_, cv, neurons, err = ISIs(Spikes{Name: "quiet", Size: 2, Neuron: []int{0, 0}, Time: []float64{1, 2}})
	if err != nil || !math.IsNaN(cv) || neurons != 0 {
		t.Errorf("quiet population: cv %v, neurons %d, err %v; want NaN, 0, nil", cv, neurons, err)
	}
}

// TestISIsPoisson: intervals at the quantiles of an exponential
// distribution (fixtures_test.go) have a CV near 1, the CV of a Poisson
// process. poissonTol allows for a sample of about 100 intervals per
// neuron: the quasi-random quantiles of goldenFrac cover [0, 1) with a
// discrepancy of order log(n)/n, a few per cent for n = 100.
func TestISIsPoisson(t *testing.T) {
	const poissonTol = 0.05
	_, cv, n, err := ISIs(poissonQuantiles("poisson", 50, 20, 2000))
	if err != nil {
		t.Fatal(err)
	}
	if n != 50 || math.Abs(cv-1) > poissonTol {
		t.Errorf("mean CV %v over %d neurons, want 1 +- %v over 50", cv, n, poissonTol)
	}
}

func TestSpikesErrors(t *testing.T) {
	for _, c := range []struct {
		name string
		s    Spikes
		b    Binning
	}{
		{"neuron out of range", Spikes{Name: "p", Size: 2, Neuron: []int{2}, Time: []float64{1}}, Binning{End: 10}},
		{"negative neuron", Spikes{Name: "p", Size: 2, Neuron: []int{-1}, Time: []float64{1}}, Binning{End: 10}},
		{"lengths differ", Spikes{Name: "p", Size: 2, Neuron: []int{0, 1}, Time: []float64{1}}, Binning{End: 10}},
		{"NaN time", Spikes{Name: "p", Size: 2, Neuron: []int{0}, Time: []float64{math.NaN()}}, Binning{End: 10}},
		{"empty population", Spikes{Name: "p"}, Binning{End: 10}},
		{"empty interval", Spikes{Name: "p", Size: 1}, Binning{Start: 5, End: 5}},
		{"negative bin", Spikes{Name: "p", Size: 1}, Binning{End: 10, Bin: -1}},
		{"negative smoothing", Spikes{Name: "p", Size: 1}, Binning{End: 10, Smooth: -1}},
		{"infinite end", Spikes{Name: "p", Size: 1}, Binning{End: math.Inf(1)}},
	} {
		if _, err := PopulationRate(nil, c.s, c.b); err == nil {
			t.Errorf("%s: no error", c.name)
		}
		if _, err := Raster("r", c.b, c.s); err == nil {
			t.Errorf("%s: Raster gave no error", c.name)
		}
	}
}

// TestShownPart: a population limited to its first Shown neurons keeps
// exactly their spikes, is renamed, and an unlimited one is unchanged.
func TestShownPart(t *testing.T) {
	s := Spikes{Name: "exc", Size: 4, Neuron: []int{0, 3, 1, 2, 1}, Time: []float64{1, 2, 3, 4, 5}, Shown: 2}
	got := s.shownPart()
	if got.Name != "exc (2 of 4)" || got.Size != 2 || len(got.Neuron) != 3 || got.Time[0] != 1 || got.Time[1] != 3 || got.Time[2] != 5 {
		t.Errorf("shownPart = %+v", got)
	}
	s.Shown = 0
	if got := s.shownPart(); got.Name != "exc" || len(got.Time) != 5 {
		t.Errorf("unlimited: %+v", got)
	}
}
