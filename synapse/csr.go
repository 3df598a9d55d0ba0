package synapse

import "unsafe"

// form is how a CSR stores its targets.
type form uint8

const (
	sparse   form = iota // rows of explicit local target indices
	dense                // all-to-all: every local target (but i itself without autapses)
	diagonal             // one-to-one: pre i -> post i
)

// maxNarrow is the most neurons a post-synaptic shard may have for its
// CSRs to store local target indices as uint16, 2 bytes a synapse rather
// than 4 (narrow). Tests lower it to run small networks both ways.
var maxNarrow = 1 << 16

// narrow reports whether the targets onto a shard of n neurons are
// stored (and listed by its rings) as uint16.
func narrow(n int) bool { return n <= maxNarrow }

// index is the type of a CSR's local target indices.
type index interface{ uint16 | uint32 }

// CSR holds the synapses of one projection onto one post-synaptic shard,
// the post neurons [Lo, Hi), as compressed rows by pre-synaptic neuron:
// the synapses of pre neuron i are k in [Offsets[i], Offsets[i+1]), onto
// local post neuron target k (post neuron Lo + target k), in increasing
// target order: uint16 indices when the shard has at most 65 536 neurons
// (narrow), uint32 otherwise. All-to-all and one-to-one store no indices
// at all.
//
// A weight is stored per synapse only where weights are drawn per synapse,
// per post neuron where they differ by post neuron, and once otherwise;
// delays (whole steps) likewise, as uint16.
type CSR struct {
	NPre   int
	Lo, Hi int

	form     form
	skipSelf bool // dense, same population, no autapses: pre i skips post i

	Offsets []uint32 // sparse: len NPre+1
	t16     []uint16 // sparse, narrow: local post indices
	t32     []uint32 // sparse, not narrow

	weight     float64
	weightPost []float64 // per local post neuron, or nil
	weightSyn  []float64 // per synapse (dense: NPre*(Hi-Lo), pre-major), or nil

	delay     uint16
	delaySyn  []uint16 // per synapse, or nil
	delayPost []uint16 // per local post neuron, or nil

	synapses int64
}

// Synapses returns the number of synapses.
func (c *CSR) Synapses() int64 { return c.synapses }

// Bytes returns the memory the CSR's slices hold.
func (c *CSR) Bytes() int64 {
	b := int64(unsafe.Sizeof(*c))
	b += int64(cap(c.Offsets))*4 + int64(cap(c.t16))*2 + int64(cap(c.t32))*4
	b += int64(cap(c.weightPost))*8 + int64(cap(c.weightSyn))*8
	b += int64(cap(c.delaySyn))*2 + int64(cap(c.delayPost))*2
	return b
}

// Row calls f for every synapse of pre neuron i with its local target,
// weight and delay in steps. It is for inspection and tests; Deliver is
// the hot path.
func (c *CSR) Row(i int, f func(target int, weight float64, delay int)) {
	n := c.Hi - c.Lo
	switch c.form {
	case sparse:
		for k := c.Offsets[i]; k < c.Offsets[i+1]; k++ {
			t := c.target(k)
			f(t, c.weightAt(int(k), t), c.delayAt(int(k), t))
		}
	case dense:
		for t := range n {
			if c.skipSelf && c.Lo+t == i {
				continue
			}
			k := i*n + t
			f(t, c.weightAt(k, t), c.delayAt(k, t))
		}
	case diagonal:
		if t := i - c.Lo; t >= 0 && t < n {
			f(t, c.weightAt(t, t), c.delayAt(t, t))
		}
	}
}

// makeTargets allocates the sparse targets of n synapses, of the width
// the shard's size gives.
func (c *CSR) makeTargets(n int64) {
	if narrow(c.Hi - c.Lo) {
		c.t16 = make([]uint16, n)
	} else {
		c.t32 = make([]uint32, n)
	}
}

// setTarget sets synapse k's local target t.
func (c *CSR) setTarget(k, t uint32) {
	if c.t16 != nil {
		c.t16[k] = uint16(t)
	} else {
		c.t32[k] = t
	}
}

// target returns synapse k's local target.
func (c *CSR) target(k uint32) int {
	if c.t16 != nil {
		return int(c.t16[k])
	}
	return int(c.t32[k])
}

func (c *CSR) weightAt(k, t int) float64 {
	switch {
	case c.weightSyn != nil:
		return c.weightSyn[k]
	case c.weightPost != nil:
		return c.weightPost[t]
	}
	return c.weight
}

func (c *CSR) delayAt(k, t int) int {
	switch {
	case c.delaySyn != nil:
		return int(c.delaySyn[k])
	case c.delayPost != nil:
		return int(c.delayPost[t])
	}
	return int(c.delay)
}

// Touch reads pre-synaptic neuron i's row, its offsets and one target
// per 64-byte cache line, and returns a value made of them, so that a
// pass of Touch over a block's spikes, whose loop is short enough for
// the processor to have many of its cache misses in flight at once,
// brings in the rows that Deliver's long loop would otherwise fetch one
// after the other. The caller keeps the value (so the reads stay).
func (c *CSR) Touch(i int) uint32 {
	if c.form != sparse {
		return 0
	}
	lo, hi := c.Offsets[i], c.Offsets[i+1]
	if lo == hi {
		return 0
	}
	if c.t16 != nil {
		return touch(c.t16[lo:hi], 32)
	}
	return touch(c.t32[lo:hi], 16)
}

// touch reads the last of targets and one in every perLine (a cache
// line's worth), for Touch.
func touch[T index](targets []T, perLine int) uint32 {
	x := uint32(targets[len(targets)-1])
	for k := 0; k < len(targets); k += perLine {
		x ^= uint32(targets[k])
	}
	return x
}

// NowDelay returns the delay (steps) of every synapse of c, and whether
// AddNow applies: explicit rows (not all-to-all or one-to-one) with one
// delay for all.
func (c *CSR) NowDelay() (int, bool) {
	return int(c.delay), c.form == sparse && c.delaySyn == nil && c.delayPost == nil
}

// AddNow adds the weights of pre-synaptic neuron i's synapses, times
// scale, straight into dst (the receptor's arriving variable, one value
// per local post neuron), one synapse at a time: what Deliver and then
// Receptor.Take add at the arrival step, for a spike that arrives at the
// next step to be integrated. Only where NowDelay's ok is true.
func (c *CSR) AddNow(dst []float64, scale float64, i int) {
	lo, hi := c.Offsets[i], c.Offsets[i+1]
	if c.t16 != nil {
		addNow(c, c.t16[lo:hi], lo, dst, scale)
	} else {
		addNow(c, c.t32[lo:hi], lo, dst, scale)
	}
}

// addNow is AddNow for the row targets, its first synapse lo.
func addNow[T index](c *CSR, targets []T, lo uint32, dst []float64, scale float64) {
	dst = dst[:c.Hi-c.Lo]
	switch {
	case c.weightSyn != nil:
		ws := c.weightSyn[lo:]
		ws = ws[:len(targets)]
		for k, t := range targets {
			dst[t] += scale * ws[k]
		}
	case c.weightPost != nil:
		wp := c.weightPost
		for _, t := range targets {
			dst[t] += scale * wp[t]
		}
	default:
		w := scale * c.weight
		for _, t := range targets {
			dst[t] += w
		}
	}
}

// Deliver adds the weights of pre-synaptic neuron i's synapses into ring,
// each arriving its delay after step stamp: a spike of pre neuron i with
// time stamp t = stamp*dt reaches its post neurons at t + delay. ring must
// be for the shard's Hi-Lo neurons and hold the projection's longest delay.
func (c *CSR) Deliver(ring *Ring, i, stamp int) {
	switch c.form {
	case sparse:
		lo, hi := c.Offsets[i], c.Offsets[i+1]
		if lo == hi {
			return
		}
		if c.t16 != nil {
			deliverRow(c, ring, c.t16[lo:hi], lo, stamp)
		} else {
			deliverRow(c, ring, c.t32[lo:hi], lo, stamp)
		}
	case dense:
		n := c.Hi - c.Lo
		self := -1
		if c.skipSelf {
			self = i - c.Lo // may be outside [0, n)
		}
		base := i * n
		if c.delaySyn == nil && c.delayPost == nil {
			slot := ring.Slot(stamp + int(c.delay))
			switch {
			case c.weightSyn != nil:
				ws := c.weightSyn[base : base+n]
				for t := range slot {
					if t != self {
						slot[t] += ws[t]
					}
				}
			case c.weightPost != nil:
				for t, w := range c.weightPost {
					if t != self {
						slot[t] += w
					}
				}
			default:
				w := c.weight
				for t := range slot {
					if t != self {
						slot[t] += w
					}
				}
			}
			return
		}
		for t := range n {
			if t != self {
				ring.Add(stamp+c.delayAt(base+t, t), t, c.weightAt(base+t, t))
			}
		}
	case diagonal:
		t := i - c.Lo
		if t < 0 || t >= c.Hi-c.Lo {
			return
		}
		ring.Add(stamp+c.delayAt(t, t), t, c.weightAt(t, t))
	}
}

// deliverRow is Deliver for the explicit row targets, its first synapse
// lo.
func deliverRow[T index](c *CSR, ring *Ring, targets []T, lo uint32, stamp int) {
	if c.delaySyn == nil && c.delayPost == nil {
		slot := slotFor(ring, stamp+int(c.delay), targets)
		switch {
		case c.weightSyn != nil:
			ws := c.weightSyn[lo:]
			ws = ws[:len(targets)]
			for k, t := range targets {
				slot[t] += ws[k]
			}
		case c.weightPost != nil:
			wp := c.weightPost
			for _, t := range targets {
				slot[t] += wp[t]
			}
		default:
			w := c.weight
			for _, t := range targets {
				slot[t] += w
			}
		}
		return
	}
	for k, t := range targets {
		ring.Add(stamp+c.delayAt(int(lo)+k, int(t)), int(t), c.weightAt(int(lo)+k, int(t)))
	}
}
