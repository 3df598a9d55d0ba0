package synapse

// Ring is the receiver-side delay buffer of one receptor on one
// post-synaptic shard (Morrison et al. 2005): for each of the next
// MaxDelay+1 steps, the summed weight arriving at each neuron of the shard
// at the start of that step. Only the shard's own worker writes to it, so
// the hot loop takes no locks.
//
// A Ring holds the weights arriving at steps now .. now+MaxDelay, where
// now is the first step not yet taken: weights must arrive within
// MaxDelay steps of the step being taken next.
type Ring struct {
	n, slots int
	buf      []float64 // slot-major: slot k holds buf[k*n : (k+1)*n]
	dirty    []bool    // slot k may hold a non-zero weight
}

// NewRing returns a ring for n neurons and delays of at most maxDelay
// steps (maxDelay >= 1).
func NewRing(n, maxDelay int) *Ring {
	if n < 0 || maxDelay < 1 {
		panic("synapse: NewRing: n < 0 or maxDelay < 1")
	}
	s := maxDelay + 1
	return &Ring{n: n, slots: s, buf: make([]float64, s*n), dirty: make([]bool, s)}
}

// RingBytes returns the bytes a ring for n neurons and maxDelay holds.
func RingBytes(n, maxDelay int) float64 {
	return float64(maxDelay+1) * (float64(n)*8 + 1)
}

// Len returns the number of neurons.
func (r *Ring) Len() int { return r.n }

// MaxDelay returns the longest delay in steps the ring holds.
func (r *Ring) MaxDelay() int { return r.slots - 1 }

func (r *Ring) index(step int) int { return step % r.slots }

// Slot returns the weights arriving at step, one per neuron, for the
// caller to add to; it marks the slot as written.
func (r *Ring) Slot(step int) []float64 {
	k := r.index(step)
	r.dirty[k] = true
	return r.buf[k*r.n : (k+1)*r.n : (k+1)*r.n]
}

// Add adds w to neuron j's weight arriving at step.
func (r *Ring) Add(step, j int, w float64) {
	k := r.index(step)
	r.dirty[k] = true
	r.buf[k*r.n+j] += w
}

// Due returns the weights arriving at step, or nil if nothing has been
// written to that slot since it was last taken. The caller adds them to
// its state and clears them (Receptor.Take does both).
func (r *Ring) Due(step int) []float64 {
	k := r.index(step)
	if !r.dirty[k] {
		return nil
	}
	r.dirty[k] = false
	return r.buf[k*r.n : (k+1)*r.n : (k+1)*r.n]
}
