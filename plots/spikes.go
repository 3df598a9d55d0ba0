package plots

import (
	"fmt"
	"math"
	"slices"
)

// Spikes is the spike list of one population, as spikes.csv holds it:
// spike k is neuron Neuron[k] firing at Time[k] (ms).
type Spikes struct {
	Name   string
	Size   int // neurons in the population, indexed 0..Size-1
	Neuron []int
	Time   []float64
	// Shown, if between 1 and Size-1, limits a Raster to the neurons
	// 0..Shown-1, so that a population of thousands stays readable; its
	// band is then named "Name (Shown of Size)". Rates and ISIs always use
	// every spike.
	Shown int
}

// shownPart returns s as a Raster draws it: the spikes of its first Shown
// neurons when Shown limits it, s itself otherwise.
func (s Spikes) shownPart() Spikes {
	if s.Shown <= 0 || s.Shown >= s.Size {
		return s
	}
	out := Spikes{Name: fmt.Sprintf("%s (%d of %d)", s.Name, s.Shown, s.Size), Size: s.Shown}
	for k, n := range s.Neuron {
		if n < s.Shown {
			out.Neuron = append(out.Neuron, n)
			out.Time = append(out.Time, s.Time[k])
		}
	}
	return out
}

// check reports a spike list whose columns do not pair up or whose
// neurons are outside the population.
func (s Spikes) check() error {
	if s.Size <= 0 {
		return fmt.Errorf("population %q has size %d", s.Name, s.Size)
	}
	if len(s.Neuron) != len(s.Time) {
		return fmt.Errorf("population %q has %d neuron indices and %d spike times", s.Name, len(s.Neuron), len(s.Time))
	}
	for k, n := range s.Neuron {
		if n < 0 || n >= s.Size {
			return fmt.Errorf("population %q: spike %d is from neuron %d, outside 0..%d", s.Name, k, n, s.Size-1)
		}
		if !isFinite(s.Time[k]) {
			return fmt.Errorf("population %q: spike %d has time %v", s.Name, k, s.Time[k])
		}
	}
	return nil
}

// Binning is the interval over which spikes were recorded and how a
// population rate is computed from them.
type Binning struct {
	Start, End float64 // the recorded interval (ms); End > Start
	Bin        float64 // bin width (ms); 0 means 1 ms
	Smooth     float64 // standard deviation (ms) of a Gaussian window; 0: no smoothing
}

func (b Binning) withDefaults() Binning {
	if b.Bin == 0 {
		b.Bin = 1
	}
	return b
}

func (b Binning) check() error {
	if !isFinite(b.Start) || !isFinite(b.End) || b.End <= b.Start {
		return fmt.Errorf("recorded interval [%v, %v] ms is empty", b.Start, b.End)
	}
	if !(b.Bin > 0) || !isFinite(b.Bin) {
		return fmt.Errorf("bin width %v ms is not positive", b.Bin)
	}
	if !(b.Smooth >= 0) || !isFinite(b.Smooth) {
		return fmt.Errorf("smoothing width %v ms is negative", b.Smooth)
	}
	return nil
}

// bins returns the number of bins covering [Start, End]; the last one may
// be shorter than Bin. A duration within 1e-9 bins of a whole number of
// bins (1000 ms in 0.1 ms bins) counts as whole.
func (b Binning) bins() int {
	x := (b.End - b.Start) / b.Bin
	if r := math.Round(x); math.Abs(x-r) < 1e-9*max(1, r) {
		return max(1, int(r))
	}
	return int(math.Ceil(x))
}

// binWidth returns the width (ms) of bin k of n.
func (b Binning) binWidth(k, n int) float64 {
	if k < n-1 {
		return b.Bin
	}
	return b.End - (b.Start + float64(n-1)*b.Bin)
}

// PopulationRate returns the population rate of s in Hz, bin by bin: the
// spikes at times in [Start+k Bin, Start+(k+1) Bin) divided by s.Size and
// by the bin width in seconds (a spike at exactly End counts in the last
// bin; spikes outside [Start, End] are left out). With Smooth > 0 the
// binned rate is convolved with a Gaussian window of that standard
// deviation, cut at +-2 SD and normalised to sum 1, as Brian2's
// PopulationRateMonitor.smooth_rate(window="gaussian") does (Brian2 2.x,
// brian2/monitors/ratemonitor.py), except at the ends: where the window
// overhangs the interval it is normalised over the bins inside, so a
// constant rate stays constant instead of falling off. The result is
// written into dst if it is long enough. It returns an error for a spike
// list or binning that does not make sense.
func PopulationRate(dst []float64, s Spikes, b Binning) ([]float64, error) {
	b = b.withDefaults()
	if err := b.check(); err != nil {
		return nil, fmt.Errorf("plots: population rate of %q: %w", s.Name, err)
	}
	if err := s.check(); err != nil {
		return nil, fmt.Errorf("plots: population rate: %w", err)
	}
	n := b.bins()
	counts := resize(dst, n)
	clear(counts)
	for _, t := range s.Time {
		if t < b.Start || t > b.End {
			continue
		}
		k := min(int((t-b.Start)/b.Bin), n-1)
		counts[k]++
	}
	for k := range counts {
		counts[k] *= 1000 / (float64(s.Size) * b.binWidth(k, n))
	}
	if b.Smooth > 0 {
		smoothed := make([]float64, n)
		gaussianSmooth(smoothed, counts, b.Smooth/b.Bin)
		copy(counts, smoothed)
	}
	return counts, nil
}

// gaussianSmooth writes into dst the convolution of src with a sampled
// Gaussian of standard deviation sd (in samples), cut at +-round(2 sd)
// samples and normalised over the samples that fall inside src.
func gaussianSmooth(dst, src []float64, sd float64) {
	half := int(math.Round(2 * sd))
	w := make([]float64, 2*half+1)
	for j := range w {
		d := float64(j - half)
		w[j] = math.Exp(-d * d / (2 * sd * sd))
	}
	n := len(src)
	for i := range dst {
		var sum, norm float64
		for j := max(0, i-half); j <= min(n-1, i+half); j++ {
			wj := w[j-i+half]
			sum += wj * src[j]
			norm += wj
		}
		dst[i] = sum / norm
	}
}

func resize(dst []float64, n int) []float64 {
	if cap(dst) >= n {
		return dst[:n]
	}
	return make([]float64, n)
}

// ISIs returns the inter-spike intervals (ms) of every neuron of s, neuron
// by neuron in index order, each neuron's in time order, and the mean over
// neurons of each neuron's coefficient of variation CV = SD/mean of its
// intervals (population SD, numpy's default), counting only neurons with
// at least two intervals, and how many such neurons there were. This is
// the "mean CV of the ISI" of Brunel (2000, J. Comput. Neurosci. 8:183).
// The spikes need not be sorted. The CV is NaN when no neuron fired three
// times.
func ISIs(s Spikes) (isis []float64, meanCV float64, neurons int, err error) {
	if err := s.check(); err != nil {
		return nil, math.NaN(), 0, fmt.Errorf("plots: inter-spike intervals: %w", err)
	}
	// Counting sort of the spike times by neuron, keeping their order.
	start := make([]int, s.Size+1)
	for _, n := range s.Neuron {
		start[n+1]++
	}
	for i := 1; i <= s.Size; i++ {
		start[i] += start[i-1]
	}
	times := make([]float64, len(s.Time))
	next := slices.Clone(start[:s.Size])
	for k, n := range s.Neuron {
		times[next[n]] = s.Time[k]
		next[n]++
	}
	isis = make([]float64, 0, max(0, len(times)-s.Size))
	var sumCV float64
	for i := 0; i < s.Size; i++ {
		ts := times[start[i]:start[i+1]]
		slices.Sort(ts)
		from := len(isis)
		for k := 1; k < len(ts); k++ {
			isis = append(isis, ts[k]-ts[k-1])
		}
		if cv, ok := coefVar(isis[from:]); ok {
			sumCV += cv
			neurons++
		}
	}
	if neurons == 0 {
		return isis, math.NaN(), 0, nil
	}
	return isis, sumCV / float64(neurons), neurons, nil
}

// coefVar returns SD/mean of xs (population SD), and false for fewer than
// two values or a zero mean.
func coefVar(xs []float64) (float64, bool) {
	if len(xs) < 2 {
		return 0, false
	}
	var mean float64
	for _, x := range xs {
		mean += x
	}
	mean /= float64(len(xs))
	if mean == 0 {
		return 0, false
	}
	var ss float64
	for _, x := range xs {
		ss += (x - mean) * (x - mean)
	}
	return math.Sqrt(ss/float64(len(xs))) / mean, true
}
