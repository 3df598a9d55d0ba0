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
//
// Each slot also lists the neurons written to it, as long as they are
// few (up to a quarter of the shard), so that taking a slot into which a
// handful of spikes arrived (CUBA's two spikes a step, 160 targets among
// 4000) touches those neurons only (DueSparse), not the whole shard. The
// list holds the rows of targets a CSR delivered (slices of its targets,
// not copies: uint16 for a ring of at most 65 536 neurons, as the CSRs
// onto it store them, uint32 otherwise) and the single neurons Add wrote.
type Ring struct {
	n, slots int
	buf      []float64    // slot-major: slot k holds buf[k*n : (k+1)*n]
	dirty    []bool       // slot k may hold a non-zero weight
	rows16   [][][]uint16 // slot k: the rows of targets written, unless full[k] (narrow(n))
	rows32   [][][]uint32 // the same, when not narrow(n)
	singles  [][]uint32   // slot k: the neurons written one by one, unless full[k]
	listed   []int        // slot k: the neurons in its rows and singles[k]
	full     []bool       // slot k: too many neurons written to list (or written through Slot)
}

// NewRing returns a ring for n neurons and delays of at most maxDelay
// steps (maxDelay >= 1).
func NewRing(n, maxDelay int) *Ring {
	if n < 0 || maxDelay < 1 {
		panic("synapse: NewRing: n < 0 or maxDelay < 1")
	}
	s := maxDelay + 1
	r := &Ring{n: n, slots: s, buf: make([]float64, s*n), dirty: make([]bool, s),
		singles: make([][]uint32, s), listed: make([]int, s), full: make([]bool, s)}
	// The lists at their longest (every row lists at least one neuron),
	// so that writing a slot never allocates.
	m := maxListed(n)
	singles := make([]uint32, s*m)
	for k := range s {
		r.singles[k] = singles[k*m : k*m : (k+1)*m]
	}
	if narrow(n) {
		r.rows16 = lists[uint16](s, m)
	} else {
		r.rows32 = lists[uint32](s, m)
	}
	return r
}

// lists returns s empty lists of rows with room for m rows each.
func lists[T index](s, m int) [][][]T {
	l, rows := make([][][]T, s), make([][]T, s*m)
	for k := range s {
		l[k] = rows[k*m : k*m : (k+1)*m]
	}
	return l
}

// maxListed is how many written neurons a slot of a ring for n neurons
// lists: past a quarter of them, adding the whole slot costs no more.
func maxListed(n int) int { return n / 4 }

// RingBytes returns the bytes a ring for n neurons and maxDelay holds:
// per slot, the weights and the lists (a row, a 24-byte slice header,
// or a single neuron, 4 bytes, for each neuron listed at most).
func RingBytes(n, maxDelay int) float64 {
	return float64(maxDelay+1) * (float64(n)*8 + float64(maxListed(n))*(24+4) + 64)
}

// Len returns the number of neurons.
func (r *Ring) Len() int { return r.n }

// MaxDelay returns the longest delay in steps the ring holds.
func (r *Ring) MaxDelay() int { return r.slots - 1 }

func (r *Ring) index(step int) int { return step % r.slots }

// Slot returns the weights arriving at step, one per neuron, for the
// caller to add to; it marks the slot as written (all of it, for
// DueSparse).
func (r *Ring) Slot(step int) []float64 {
	k := r.index(step)
	r.dirty[k] = true
	r.full[k] = true
	return r.buf[k*r.n : (k+1)*r.n : (k+1)*r.n]
}

// slotFor returns the weights arriving at step in r for the caller to
// add to at the neurons targets only, which it lists. targets must stay
// unchanged until the slot is taken (a CSR's rows do), and be of the
// width the ring lists (narrow(r.n)), as the CSRs onto its shard are.
func slotFor[T index](r *Ring, step int, targets []T) []float64 {
	k := r.index(step)
	r.dirty[k] = true
	if !r.full[k] {
		if r.listed[k]+len(targets) <= maxListed(r.n) {
			switch t := any(targets).(type) {
			case []uint16:
				r.rows16[k] = append(r.rows16[k], t)
			case []uint32:
				r.rows32[k] = append(r.rows32[k], t)
			}
			r.listed[k] += len(targets)
		} else {
			r.full[k] = true
		}
	}
	return r.buf[k*r.n : (k+1)*r.n : (k+1)*r.n]
}

// Add adds w to neuron j's weight arriving at step.
func (r *Ring) Add(step, j int, w float64) {
	k := r.index(step)
	r.dirty[k] = true
	if !r.full[k] {
		if r.listed[k] < maxListed(r.n) {
			r.singles[k] = append(r.singles[k], uint32(j))
			r.listed[k]++
		} else {
			r.full[k] = true
		}
	}
	r.buf[k*r.n+j] += w
}

// clearList empties slot k's list.
func (r *Ring) clearList(k int) {
	if r.rows16 != nil {
		clear(r.rows16[k]) // drop the references to the CSR's rows
		r.rows16[k] = r.rows16[k][:0]
	} else {
		clear(r.rows32[k])
		r.rows32[k] = r.rows32[k][:0]
	}
	r.singles[k] = r.singles[k][:0]
	r.listed[k] = 0
	r.full[k] = false
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
	r.clearList(k)
	return r.buf[k*r.n : (k+1)*r.n : (k+1)*r.n]
}

// Written lists the neurons whose weights a slot may hold: rows of them
// and single ones, repeats allowed.
type Written struct {
	Rows16  [][]uint16 // rows, on a ring of at most 65 536 neurons
	Rows    [][]uint32 // rows, on a larger one
	Singles []uint32
}

// AddTo adds scale w[j] into dst[j] and sets w[j] to zero for every
// neuron j the lists hold (repeats allowed: a repeat adds zero).
func (idx Written) AddTo(dst, w []float64, scale float64) {
	for _, row := range idx.Rows16 {
		takeRow(dst, w, row, scale)
	}
	for _, row := range idx.Rows {
		takeRow(dst, w, row, scale)
	}
	takeRow(dst, w, idx.Singles, scale)
}

// DueSparse is Due that also says which neurons were written: w is nil if
// nothing was written to the slot since it was last taken; otherwise, if
// all is false, the weights of w not in idx are zero, and the caller adds
// those in idx to its state and clears them (Receptor.TakeSparse does
// both); if all is true, the whole of w is to be taken, as from Due. idx
// is valid until the slot is next written.
func (r *Ring) DueSparse(step int) (w []float64, idx Written, all bool) {
	k := r.index(step)
	if !r.dirty[k] {
		return nil, Written{}, false
	}
	w = r.buf[k*r.n : (k+1)*r.n : (k+1)*r.n]
	r.dirty[k] = false
	if r.full[k] {
		r.clearList(k)
		return w, Written{}, true
	}
	idx = Written{Singles: r.singles[k]}
	// The lists are reset for the next writes to the slot; their backing
	// arrays, which idx shares, are not written before then.
	if r.rows16 != nil {
		idx.Rows16 = r.rows16[k]
		r.rows16[k] = r.rows16[k][:0]
	} else {
		idx.Rows = r.rows32[k]
		r.rows32[k] = r.rows32[k][:0]
	}
	r.singles[k] = r.singles[k][:0]
	r.listed[k] = 0
	return w, idx, false
}
