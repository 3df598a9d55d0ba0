package network

import (
	"math"
	"math/rand/v2"
	"slices"

	"gospike/neuron"
	"gospike/random"
)

// vals is a neuron.Value restricted to one shard.
type vals struct {
	x   float64
	all []float64 // per neuron of the shard, or nil
}

func shardVals(v neuron.Value, off, n int) vals {
	if v.PerNeuron == nil {
		return vals{x: v.Scalar}
	}
	return vals{all: slices.Clone(v.PerNeuron[off : off+n])}
}

func (v vals) at(j int) float64 {
	if v.all != nil {
		return v.all[j]
	}
	return v.x
}

// addTo adds the values to dst (one per neuron of the shard).
func (v vals) addTo(dst []float64) {
	if v.all != nil {
		for j, x := range v.all[:len(dst)] {
			dst[j] += x
		}
		return
	}
	for j := range dst {
		dst[j] += v.x
	}
}

// event is an input that adds weights to a state variable at the start of
// steps: Poisson input or a spike generator, onto one shard.
type event struct {
	dst   []float64 // the variable the weights arrive at (V for delta)
	scale float64   // 1, or e for alpha receptors (into h)
	w     vals

	// poisson
	lo, hi int        // steps [lo, hi)
	src    []rand.PCG // one stream per neuron
	cdf    []float64  // cdf[k] = P(events <= k), the last one +Inf
	guide  []int32    // guide[i]: the smallest k with cdf[k] > i/len(guide)
	counts []float64  // counts[k] = k * scale, as the weight's factor
	steps  []int      // spike generator: the steps events arrive at, sorted
	next   int        // spike generator: index of the next event
}

// binomialCDF returns the cumulative distribution of Binomial(n, p),
// cut where the remaining tail is below the resolution of a uniform
// float64 (2^-53), its last entry +Inf.
func binomialCDF(n int, p float64) []float64 {
	if p >= 1 {
		cdf := make([]float64, n+1)
		cdf[n] = math.Inf(1)
		return cdf
	}
	lgn, _ := math.Lgamma(float64(n + 1))
	lp, lq := math.Log(p), math.Log1p(-p)
	var cdf []float64
	sum := 0.0
	for k := 0; k <= n; k++ {
		lk, _ := math.Lgamma(float64(k + 1))
		lnk, _ := math.Lgamma(float64(n - k + 1))
		sum += math.Exp(lgn - lk - lnk + float64(k)*lp + float64(n-k)*lq)
		cdf = append(cdf, sum)
		if sum >= 1-0x1p-53 {
			break
		}
	}
	cdf[len(cdf)-1] = math.Inf(1)
	return cdf
}

// events returns the number of events for a uniform u in [0, 1): the
// smallest k with u < cdf[k], found by inversion with a guide table
// (Chen & Asau 1974): start from the smallest k that can hold u, then
// walk up.
func (e *event) events(u float64) int {
	k := int(e.guide[min(int(u*float64(len(e.guide))), len(e.guide)-1)])
	for u >= e.cdf[k] {
		k++
	}
	return k
}

// apply adds the events of step s.
func (e *event) apply(s int) {
	if e.cdf != nil {
		if s < e.lo || s >= e.hi {
			return
		}
		c0 := e.cdf[0]
		for j := range e.dst {
			u := float64(e.src[j].Uint64()>>11) * 0x1p-53 // as rand.Float64
			if u < c0 {
				continue
			}
			k := e.events(u)
			e.dst[j] += e.counts[k] * e.w.at(j)
		}
		return
	}
	for e.next < len(e.steps) && e.steps[e.next] < s {
		e.next++
	}
	for e.next < len(e.steps) && e.steps[e.next] == s {
		e.next++
		if e.w.all != nil {
			for j, w := range e.w.all[:len(e.dst)] {
				e.dst[j] += e.scale * w
			}
		} else {
			w := e.scale * e.w.x
			for j := range e.dst {
				e.dst[j] += w
			}
		}
	}
}

// newPoisson returns stimulus k's Poisson input onto the shard
// [off, off+n), its streams keyed (seed, random.PoissonInput, k, neuron).
func newPoisson(spec *Spec, k int, st Stimulus, off, n int, dst []float64, scale float64) *event {
	count := st.Count
	if count == 0 {
		count = 1
	}
	e := &event{dst: dst, scale: scale, w: shardVals(st.Weight, off, n)}
	e.lo, e.hi = spec.window(st.Start, st.Stop, spec.Steps())
	p := st.Rate * spec.Dt / 1000
	if p <= 0 {
		e.hi = e.lo // no events: no draws
	}
	e.cdf = binomialCDF(count, p)
	e.guide = make([]int32, len(e.cdf))
	c := 0
	for i := range e.guide {
		for float64(i)/float64(len(e.guide)) >= e.cdf[c] {
			c++
		}
		e.guide[i] = int32(c)
	}
	e.counts = make([]float64, len(e.cdf))
	for c := range e.counts {
		e.counts[c] = float64(c) * scale
	}
	e.src = make([]rand.PCG, n)
	for j := range e.src {
		random.Reset(&e.src[j], spec.Seed, random.PoissonInput, uint64(k), uint64(off+j))
	}
	return e
}

// newSpikeGenerator returns stimulus st's events onto a shard.
func newSpikeGenerator(spec *Spec, st Stimulus, off, n int, dst []float64, scale float64) *event {
	e := &event{dst: dst, scale: scale, w: shardVals(st.Weight, off, n)}
	for _, t := range st.Times {
		e.steps = append(e.steps, spec.stepOf(t))
	}
	slices.Sort(e.steps)
	return e
}

// current is a stimulus current onto one shard (dc, step or noise),
// summed into the shard's held input current each step.
type current struct {
	kind   string
	lo, hi int // dc, noise: steps [lo, hi)

	amp vals // dc

	switches []int  // step: the steps at which the amplitude changes
	amps     []vals // step: the amplitude from switches[i] on

	mean, std vals         // noise
	rng       []*rand.Rand // noise: one stream per neuron
	ou        []float64    // noise with tau > 0: the current's state
	decay     float64      // exp(-dt/tau)
	diffusion float64      // sqrt(1 - decay^2)
}

func newCurrent(spec *Spec, k int, st Stimulus, off, n int) *current {
	c := &current{kind: st.Kind}
	c.lo, c.hi = spec.window(st.Start, st.Stop, spec.Steps())
	switch st.Kind {
	case DC:
		c.amp = shardVals(st.Amplitude, off, n)
	case Step:
		for i, t := range st.Times {
			c.switches = append(c.switches, spec.stepOf(t))
			c.amps = append(c.amps, shardVals(st.Amplitudes[i], off, n))
		}
	case Noise:
		c.mean, c.std = shardVals(st.Mean, off, n), shardVals(st.Std, off, n)
		c.rng = make([]*rand.Rand, n)
		for j := range c.rng {
			c.rng[j] = random.New(spec.Seed, random.Noise, uint64(k), uint64(off+j))
		}
		if st.Tau > 0 {
			c.decay = math.Exp(-spec.Dt / st.Tau)
			c.diffusion = math.Sqrt(-math.Expm1(-2 * spec.Dt / st.Tau))
			c.ou = make([]float64, n)
			for j := range c.ou { // the stationary distribution
				c.ou[j] = c.mean.at(j) + c.std.at(j)*c.rng[j].NormFloat64()
			}
		}
	}
	return c
}

// uniform reports whether the current is the same for every neuron of
// the shard at every step: dc and step stimuli of one amplitude each.
func (c *current) uniform() bool {
	switch c.kind {
	case DC:
		return c.amp.all == nil
	case Step:
		for _, a := range c.amps {
			if a.all != nil {
				return false
			}
		}
		return true
	}
	return false
}

// held returns the amplitude a dc or step current holds at step s, and
// false when it holds none then (outside a dc window, before a step's
// first switch).
func (c *current) held(s int) (vals, bool) {
	switch c.kind {
	case DC:
		return c.amp, s >= c.lo && s < c.hi
	case Step:
		i := -1
		for i+1 < len(c.switches) && c.switches[i+1] <= s {
			i++
		}
		if i >= 0 {
			return c.amps[i], true
		}
	}
	return vals{}, false
}

// uniformAt returns the current of step s of a uniform current, what
// addTo adds to each neuron.
func (c *current) uniformAt(s int) float64 {
	if a, ok := c.held(s); ok {
		return a.x
	}
	return 0
}

// addTo adds the current of step s to dst.
func (c *current) addTo(dst []float64, s int) {
	switch c.kind {
	case DC, Step:
		if a, ok := c.held(s); ok {
			a.addTo(dst)
		}
	case Noise:
		if c.ou != nil {
			if s > 0 { // advance the process from step s-1 to s
				for j := range c.ou {
					m := c.mean.at(j)
					c.ou[j] = m + (c.ou[j]-m)*c.decay + c.std.at(j)*c.diffusion*c.rng[j].NormFloat64()
				}
			}
			if s >= c.lo && s < c.hi {
				for j, x := range c.ou[:len(dst)] {
					dst[j] += x
				}
			}
			return
		}
		if s >= c.lo && s < c.hi {
			for j := range dst {
				dst[j] += c.mean.at(j) + c.std.at(j)*c.rng[j].NormFloat64()
			}
		}
	}
}
