package synapse

import (
	"fmt"
	"math"
	"math/rand/v2"
	"slices"
	"sync"

	"gospike/random"
)

// Connect builds the synapses of projection c onto each post-synaptic
// shard: shard s owns the post neurons [bounds[s], bounds[s+1]), with
// bounds[0] = 0 and bounds[len-1] = c.NPost. proj is the projection's
// index in its network, a key of its random streams.
//
// Every random choice comes from the stream random.New(seed,
// random.Connect, proj, post neuron) — the pre neuron for fixed-outdegree
// — drawn in a fixed order (the synapse's pre-synaptic neurons, then for
// each synapse in increasing pre order its weight, then its delay), so
// the synapses made depend on the seed alone and never on the shards.
// Shards are built concurrently, by at most threads goroutines (0: one
// per shard).
func Connect(c Conn, dt float64, seed uint64, proj int, bounds []int, threads int) ([]*CSR, error) {
	if err := c.Validate(dt); err != nil {
		return nil, err
	}
	if len(bounds) < 2 || bounds[0] != 0 || bounds[len(bounds)-1] != c.NPost {
		panic("synapse: Connect: bounds must run from 0 to NPost")
	}
	for s := 1; s < len(bounds); s++ {
		if bounds[s] < bounds[s-1] {
			panic("synapse: Connect: bounds must not decrease")
		}
	}
	shards := len(bounds) - 1
	out := make([]*CSR, shards)
	if c.Rule.Kind == FixedOutdegree {
		if err := connectOutdegree(c, dt, seed, proj, bounds, out); err != nil {
			return nil, err
		}
		return out, nil
	}
	if threads <= 0 || threads > shards {
		threads = shards
	}
	errs := make([]error, shards)
	var wg sync.WaitGroup
	sem := make(chan struct{}, threads)
	for s := range shards {
		wg.Add(1)
		sem <- struct{}{}
		go func() {
			defer wg.Done()
			defer func() { <-sem }()
			b := newBuilder(c, dt, seed, proj)
			b.keepBytes = onePassBytes / threads
			out[s], errs[s] = b.shard(bounds[s], bounds[s+1])
		}()
	}
	wg.Wait()
	for _, err := range errs {
		if err != nil {
			return nil, err
		}
	}
	return out, nil
}

// builder draws the synapses of one projection; one per goroutine.
type builder struct {
	c          Conn
	dt         float64
	seed, proj uint64

	src rand.PCG
	rng *rand.Rand

	mark    []uint32 // Floyd's sampling: mark[v] == stamp when v is taken
	stamp   uint32
	sources []uint32 // the sorted partners of the current neuron
	w       []float64
	d       []uint16

	delay uint16 // shared delay, in steps

	keepBytes int // the most a shard's kept pairs may take (sparse)
}

func newBuilder(c Conn, dt float64, seed uint64, proj int) *builder {
	b := &builder{c: c, dt: dt, seed: seed, proj: uint64(proj)}
	b.rng = rand.New(&b.src)
	if !c.Delay.drawn() && !c.Delay.perPost() {
		d, _ := DelaySteps(c.Delay.Value.Scalar, dt)
		b.delay = uint16(d)
	}
	return b
}

// reset points the stream at neuron i's key.
func (b *builder) reset(i int) {
	random.Reset(&b.src, b.seed, random.Connect, b.proj, uint64(i))
}

// sample returns k distinct values of [0, m) skipping the value skip (if
// skip >= 0, in which case m counts it), sorted, drawn by Floyd's
// algorithm (Bentley & Floyd, CACM 30:754, 1987) with k draws.
func (b *builder) sample(dst []uint32, k, m, skip int) []uint32 {
	dst = dst[:0]
	pool := m
	if skip >= 0 {
		pool--
	}
	if len(b.mark) < pool {
		b.mark = make([]uint32, pool)
		b.stamp = 0
	}
	b.stamp++
	if b.stamp == 0 {
		clear(b.mark)
		b.stamp = 1
	}
	for j := pool - k; j < pool; j++ {
		t := b.rng.IntN(j + 1)
		if b.mark[t] == b.stamp {
			t = j
		}
		b.mark[t] = b.stamp
		dst = append(dst, uint32(t))
	}
	slices.Sort(dst)
	if skip >= 0 {
		for i, v := range dst {
			if int(v) >= skip {
				dst[i] = v + 1
			}
		}
	}
	return dst
}

// bernoulli returns the values of [0, m) but skip (if >= 0), each kept
// independently with probability p, in increasing order, by geometric
// skipping: the gap to the next kept value is geometric, so the cost is
// one draw per kept value rather than one per candidate.
func (b *builder) bernoulli(dst []uint32, p float64, m, skip int) []uint32 {
	dst = dst[:0]
	switch {
	case p <= 0:
		return dst
	case p >= 1:
		for i := range m {
			if i != skip {
				dst = append(dst, uint32(i))
			}
		}
		return dst
	}
	// The gap is floor(E/-log(1-p)) with E exponential of mean 1 (that is
	// -log U for U uniform on (0, 1]), drawn by the ziggurat method.
	scale := -1 / math.Log1p(-p)
	i := -1
	for {
		gap := b.rng.ExpFloat64() * scale // >= 0: int(gap) is its floor
		if gap >= float64(m-i) {
			return dst
		}
		i += 1 + int(gap)
		if i >= m {
			return dst
		}
		if i != skip {
			dst = append(dst, uint32(i))
		}
	}
}

// draws fills b.w and b.d with the per-synapse weights and delays of the
// n synapses of the current neuron, from its stream.
func (b *builder) draws(n int) {
	c := b.c
	if c.Weight.drawn() {
		b.w = slices.Grow(b.w[:0], n)[:n]
		dist := c.Weight.Dist
		for k := range b.w {
			var x float64
			if dist.Kind == Uniform {
				x = dist.A + (dist.B-dist.A)*b.rng.Float64()
			} else {
				x = dist.A + dist.B*b.rng.NormFloat64()
				if c.NonNegative && x < 0 {
					x = 0
				}
			}
			b.w[k] = x
		}
	}
	if c.Delay.drawn() {
		b.d = slices.Grow(b.d[:0], n)[:n]
		dist := c.Delay.Dist
		for k := range b.d {
			x := dist.A + (dist.B-dist.A)*b.rng.Float64()
			s, _ := DelaySteps(x, b.dt)
			b.d[k] = uint16(s)
		}
	}
}

// partners returns the sorted pre-synaptic neurons of post neuron j for
// the by-target rules, with j's stream positioned after them.
func (b *builder) partners(j int) []uint32 {
	c := b.c
	skip := -1
	if c.Self && !c.Rule.Autapses {
		skip = j
	}
	b.reset(j)
	switch c.Rule.Kind {
	case FixedProbability:
		b.sources = b.bernoulli(b.sources, c.Rule.P, c.NPre, skip)
	case FixedIndegree:
		b.sources = b.sample(b.sources, c.Rule.K, c.NPre, skip)
	default:
		panic("synapse: partners: not a by-target rule")
	}
	return b.sources
}

// shard builds the synapses onto post neurons [lo, hi).
func (b *builder) shard(lo, hi int) (*CSR, error) {
	c := b.c
	n := hi - lo
	csr := &CSR{NPre: c.NPre, Lo: lo, Hi: hi, weight: c.Weight.Value.Scalar, delay: b.delay}
	if c.Weight.perPost() {
		csr.weightPost = slices.Clone(c.Weight.Value.PerNeuron[lo:hi])
	}
	if c.Delay.perPost() {
		csr.delayPost = make([]uint16, n)
		for t := range n {
			s, _ := DelaySteps(c.Delay.Value.PerNeuron[lo+t], b.dt)
			csr.delayPost[t] = uint16(s)
		}
	}
	switch c.Rule.Kind {
	case AllToAll:
		b.dense(csr)
	case OneToOne:
		b.diagonal(csr)
	default:
		if err := b.sparse(csr); err != nil {
			return nil, err
		}
	}
	return csr, nil
}

func (b *builder) dense(csr *CSR) {
	c := b.c
	lo, n := csr.Lo, csr.Hi-csr.Lo
	csr.form = dense
	csr.skipSelf = c.Self && !c.Rule.Autapses
	csr.synapses = int64(c.NPre) * int64(n)
	if csr.skipSelf {
		csr.synapses -= int64(n)
	}
	if !c.Weight.perSyn() && !c.Delay.drawn() {
		return
	}
	if c.Weight.perSyn() {
		csr.weightSyn = make([]float64, c.NPre*n)
	}
	if c.Delay.drawn() {
		csr.delaySyn = make([]uint16, c.NPre*n)
		for k := range csr.delaySyn {
			csr.delaySyn[k] = 1 // the unused diagonal slots keep a valid delay
		}
	}
	for t := range n {
		j := lo + t
		b.reset(j)
		m := c.NPre
		if csr.skipSelf {
			m--
		}
		b.draws(m)
		k := 0
		for i := range c.NPre {
			if csr.skipSelf && i == j {
				continue
			}
			switch {
			case c.Weight.Matrix != nil:
				csr.weightSyn[i*n+t] = c.Weight.Matrix[j*c.NPre+i]
			case csr.weightSyn != nil:
				csr.weightSyn[i*n+t] = b.w[k]
			}
			if csr.delaySyn != nil {
				csr.delaySyn[i*n+t] = b.d[k]
			}
			k++
		}
	}
}

func (b *builder) diagonal(csr *CSR) {
	c := b.c
	lo, n := csr.Lo, csr.Hi-csr.Lo
	csr.form = diagonal
	csr.synapses = int64(n)
	if c.Weight.drawn() {
		csr.weightSyn = make([]float64, n)
	}
	if c.Delay.drawn() {
		csr.delaySyn = make([]uint16, n)
	}
	if !c.Weight.drawn() && !c.Delay.drawn() {
		return
	}
	for t := range n {
		b.reset(lo + t)
		b.draws(1)
		if csr.weightSyn != nil {
			csr.weightSyn[t] = b.w[0]
		}
		if csr.delaySyn != nil {
			csr.delaySyn[t] = b.d[0]
		}
	}
}

// onePassBytes bounds the lists of pairs the shards built at once keep
// to be built in one pass (the pre neurons, and the drawn weights and
// delays, of every synapse, in the order they are drawn; builder.sparse),
// all together: each of threads shards keeps at most onePassBytes/threads,
// and a larger shard takes two passes. 64 MB: one shard of Brunel's
// 12.5 million excitatory synapses, or two of half as many. A variable so
// that tests can force either.
var onePassBytes = 64 << 20

// sparse builds compressed rows from the post neurons' partners. The
// rows' offsets need every pre neuron's count before a row is filled, so
// it either keeps the pairs drawn (at most keepBytes of them: the pre
// neurons, and the drawn weights and delays, in the order drawn) and
// fills the rows from them, or, for a larger shard, draws everything
// twice, counting in the first pass and filling in the second from the
// same streams, with no list of pairs kept. Both give the same rows
// (TestOnePassSameRows).
func (b *builder) sparse(csr *CSR) error {
	c := b.c
	lo, hi := csr.Lo, csr.Hi
	csr.form = sparse
	perPair := 4
	if c.Weight.drawn() {
		perPair += 8
	}
	if c.Delay.drawn() {
		perPair += 2
	}
	// Keep the pairs while they fit: room for the expected number (and a
	// little), at most the bound's worth.
	expect := c.ExpectedSynapses() * float64(hi-lo) / float64(max(c.NPost, 1))
	keep := b.keepBytes > 0
	var pre []uint32  // the kept pairs' pre neurons, post neuron by post neuron
	var ws []float64  // their weights, when drawn
	var ds []uint16   // their delays, when drawn
	var postEnd []int // where each post neuron's pairs end in pre
	if keep {
		pre = make([]uint32, 0, int(min(expect*1.05+16, float64(b.keepBytes/perPair))))
		postEnd = make([]int, 0, hi-lo)
	}
	off := make([]uint32, c.NPre+1)
	var total int64
	for j := lo; j < hi; j++ {
		src := b.partners(j)
		for _, i := range src {
			off[i+1]++
		}
		total += int64(len(src))
		if !keep {
			continue
		}
		if total*int64(perPair) > int64(b.keepBytes) { // too many: two passes after all
			keep, pre, ws, ds, postEnd = false, nil, nil, nil, nil
			continue
		}
		pre = append(pre, src...)
		postEnd = append(postEnd, len(pre))
		b.draws(len(src))
		if c.Weight.drawn() {
			ws = append(ws, b.w...)
		}
		if c.Delay.drawn() {
			ds = append(ds, b.d...)
		}
	}
	if total > math.MaxUint32 {
		return fmt.Errorf("synapse: %d synapses onto one shard of %d neurons: more than the %d one shard can index; use more threads", total, hi-lo, uint32(math.MaxUint32))
	}
	for i := range c.NPre {
		off[i+1] += off[i]
	}
	csr.Offsets = off
	csr.makeTargets(total)
	csr.synapses = total
	if c.Weight.drawn() {
		csr.weightSyn = make([]float64, total)
	}
	if c.Delay.drawn() {
		csr.delaySyn = make([]uint16, total)
	}
	cursor := slices.Clone(off[:c.NPre])
	fill := func(t uint32, src []uint32, w []float64, d []uint16) {
		for k, i := range src {
			at := cursor[i]
			cursor[i]++
			csr.setTarget(at, t)
			if csr.weightSyn != nil {
				csr.weightSyn[at] = w[k]
			}
			if csr.delaySyn != nil {
				csr.delaySyn[at] = d[k]
			}
		}
	}
	start := 0
	for j := lo; j < hi; j++ {
		t := uint32(j - lo)
		if !keep {
			src := b.partners(j)
			b.draws(len(src))
			fill(t, src, b.w, b.d)
			continue
		}
		end := postEnd[j-lo]
		var w []float64
		var d []uint16
		if ws != nil {
			w = ws[start:end]
		}
		if ds != nil {
			d = ds[start:end]
		}
		fill(t, pre[start:end], w, d)
		start = end
	}
	return nil
}

// connectOutdegree builds fixed-outdegree rows: each pre neuron draws its
// K targets from its own stream; the targets are split among the shards.
func connectOutdegree(c Conn, dt float64, seed uint64, proj int, bounds []int, out []*CSR) error {
	b := newBuilder(c, dt, seed, proj)
	shards := len(bounds) - 1
	for s := range shards {
		lo, hi := bounds[s], bounds[s+1]
		out[s] = &CSR{NPre: c.NPre, Lo: lo, Hi: hi, form: sparse, weight: c.Weight.Value.Scalar, delay: b.delay,
			Offsets: make([]uint32, c.NPre+1)}
		if c.Weight.perPost() {
			out[s].weightPost = slices.Clone(c.Weight.Value.PerNeuron[lo:hi])
		}
		if c.Delay.perPost() {
			out[s].delayPost = make([]uint16, hi-lo)
			for t := range hi - lo {
				d, _ := DelaySteps(c.Delay.Value.PerNeuron[lo+t], dt)
				out[s].delayPost[t] = uint16(d)
			}
		}
	}
	targets := func(i int) []uint32 {
		skip := -1
		if c.Self && !c.Rule.Autapses {
			skip = i
		}
		b.reset(i)
		b.sources = b.sample(b.sources, c.Rule.K, c.NPost, skip)
		return b.sources
	}
	// split walks the sorted targets through the shard boundaries, giving
	// each target's shard s and the index first of the shard's first one.
	split := func(tg []uint32, f func(s, k, first int)) {
		s, first := 0, 0
		for k, t := range tg {
			for int(t) >= bounds[s+1] {
				s++
				first = k
			}
			f(s, k, first)
		}
	}
	for i := range c.NPre {
		split(targets(i), func(s, _, _ int) { out[s].Offsets[i+1]++ })
	}
	for _, csr := range out {
		var total int64
		for i := range c.NPre {
			total += int64(csr.Offsets[i+1])
		}
		if total > math.MaxUint32 {
			return fmt.Errorf("synapse: %d synapses onto one shard of %d neurons: more than the %d one shard can index; use more threads", total, csr.Hi-csr.Lo, uint32(math.MaxUint32))
		}
		for i := range c.NPre {
			csr.Offsets[i+1] += csr.Offsets[i]
		}
		csr.synapses = total
		csr.makeTargets(total)
		if c.Weight.drawn() {
			csr.weightSyn = make([]float64, total)
		}
		if c.Delay.drawn() {
			csr.delaySyn = make([]uint16, total)
		}
	}
	for i := range c.NPre {
		tg := targets(i)
		b.draws(len(tg))
		split(tg, func(s, k, first int) {
			csr := out[s]
			at := csr.Offsets[i] + uint32(k-first)
			csr.setTarget(at, tg[k]-uint32(csr.Lo))
			if csr.weightSyn != nil {
				csr.weightSyn[at] = b.w[k]
			}
			if csr.delaySyn != nil {
				csr.delaySyn[at] = b.d[k]
			}
		})
	}
	return nil
}
