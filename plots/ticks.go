package plots

import (
	"math"
	"strconv"
	"strings"

	"gonum.org/v1/plot"
)

// niceTicks puts major ticks at the multiples of a 1, 2 or 5 times a power
// of ten that give at most n intervals over the axis, minor ticks between
// them, and labels every major tick with the same number of decimals and
// a typographic minus sign. gonum's DefaultTicks labels 0 to 500 as
// "0.00, 250.00, 500.00"; these label it "0, 100, 200, 300, 400, 500".
type niceTicks struct {
	n       int  // most major intervals wanted
	integer bool // whole numbers only (neuron indices, counts)
}

// Ticks implements plot.Ticker.
func (nt niceTicks) Ticks(lo, hi float64) []plot.Tick {
	if !(hi > lo) || !isFinite(lo) || !isFinite(hi) {
		return nil
	}
	n := max(nt.n, 2)
	step, mant := niceAtLeast((hi - lo) / float64(n))
	if nt.integer && step < 1 {
		step, mant = 1, 1
	}
	// Ensure at least two labelled ticks: a narrow range offset from zero
	// can hold only one multiple of the step.
	for math.Floor(hi/step)-math.Ceil(lo/step) < 1 && !(nt.integer && step == 1) {
		step, mant = niceBelow(step, mant)
	}
	decimals := 0
	if !nt.integer {
		decimals = max(0, -int(math.Floor(math.Log10(step)+1e-9)))
	}
	sub := 2 // minor intervals per major one
	if mant == 5 {
		sub = 5
	}
	if nt.integer && step/float64(sub) < 1 {
		sub = 1
	}
	minor := step / float64(sub)
	var ts []plot.Tick
	first := math.Ceil(lo/minor - 1e-9)
	last := math.Floor(hi/minor + 1e-9)
	for k := first; k <= last; k++ {
		v := k * minor
		t := plot.Tick{Value: v}
		if int64(k)%int64(sub) == 0 {
			t.Label = formatTick(v, decimals)
		}
		ts = append(ts, t)
	}
	return ts
}

// niceAtLeast returns the smallest m 10^k >= x with m in {1, 2, 5}, and m.
func niceAtLeast(x float64) (float64, float64) {
	p := math.Pow(10, math.Floor(math.Log10(x)))
	for _, m := range []float64{1, 2, 5} {
		if m*p >= x*(1-1e-9) {
			return m * p, m
		}
	}
	return 10 * p, 1
}

// niceBelow returns the next smaller step of the 1-2-5 sequence.
func niceBelow(step, mant float64) (float64, float64) {
	switch mant {
	case 5:
		return step * 2 / 5, 2
	case 2:
		return step / 2, 1
	}
	return step / 2, 5
}

// formatTick writes v with the given decimals and a typographic minus.
func formatTick(v float64, decimals int) string {
	s := strconv.FormatFloat(v, 'f', decimals, 64)
	if strings.Trim(s, "-0.") == "" {
		return strings.TrimPrefix(s, "-") // no "-0"
	}
	return strings.Replace(s, "-", "−", 1)
}
