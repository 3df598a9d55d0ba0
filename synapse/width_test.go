package synapse

import (
	"math/rand/v2"
	"slices"
	"testing"
)

// TestTargetWidths: a shard of at most 65 536 neurons stores its targets
// as uint16 (2 bytes a synapse), a larger one as uint32. Built both ways
// (maxNarrow lowered to 0 for the second), the same connectivity gives
// the same synapses (pairs, weights, delays), two bytes more per explicit
// synapse, and, delivered spike by spike into rings (Deliver, then
// DueSparse and TakeSparse; AddNow), the same receptor states bit for bit.
func TestTargetWidths(t *testing.T) {
	defer func(m int) { maxNarrow = m }(maxNarrow)
	rules := []Rule{
		{Kind: FixedProbability, P: 0.05},
		{Kind: FixedIndegree, K: 17},
		{Kind: FixedOutdegree, K: 23, Autapses: true},
		{Kind: AllToAll},
		{Kind: OneToOne},
	}
	const n, pre = 400, 400
	bounds := []int{0, 150, n}
	for _, r := range rules {
		for _, delay := range []Param{Fixed(0.1), UniformDist(0.1, 0.3)} {
			c := Conn{NPre: pre, NPost: n, Rule: r, Weight: UniformDist(0.5, 1.5), Delay: delay}
			var built [2][]*CSR
			var states [2][]float64
			for w, m := range []int{1 << 16, 0} {
				maxNarrow = m
				csrs, err := Connect(c, 0.1, 7, 3, bounds, 0)
				if err != nil {
					t.Fatal(err)
				}
				for _, x := range csrs {
					if wide := x.form == sparse && x.t32 != nil; x.form == sparse && wide != (m == 0) {
						t.Fatalf("%s: maxNarrow %d: a shard of %d neurons stores uint32 targets: %v", r.Kind, m, x.Hi-x.Lo, wide)
					}
				}
				built[w] = csrs
				states[w] = deliverAll(csrs, pre)
			}
			if !slices.Equal(collect(built[0]), collect(built[1])) {
				t.Errorf("%s, delay %v: the synapses differ between uint16 and uint32 targets", r.Kind, delay)
			}
			for s := range built[0] {
				a, b := built[0][s], built[1][s]
				want := int64(0)
				if a.form == sparse {
					want = 2 * a.Synapses()
				}
				if d := b.Bytes() - a.Bytes(); d != want {
					t.Errorf("%s: shard %d: uint32 targets take %d bytes more, want %d", r.Kind, s, d, want)
				}
			}
			if !slices.Equal(states[0], states[1]) {
				t.Errorf("%s, delay %v: delivered states differ between uint16 and uint32 targets", r.Kind, delay)
			}
		}
	}
}

// deliverAll delivers a fixed sequence of spikes (a few per step, and
// one burst of many, so that slots are taken both listed and whole) of
// pre neurons through csrs into one ring and one alpha receptor per
// shard, and, where AddNow applies, straight into a second state, and
// returns every shard's states after the steps, concatenated.
func deliverAll(csrs []*CSR, pre int) []float64 {
	rng := rand.New(rand.NewPCG(3, 4))
	var out []float64
	rec := Receptor{Kind: AlphaCurrent, Tau: 2}
	for _, c := range csrs {
		n := c.Hi - c.Lo
		ring := NewRing(n, 4)
		s, now := make([]float64, 2*n), make([]float64, n)
		_, direct := c.NowDelay()
		for step := range 12 {
			spikes := 1 + rng.IntN(3)
			if step == 5 {
				spikes = pre / 2
			}
			for range spikes {
				i := rng.IntN(pre)
				c.Deliver(ring, i, step)
				if direct {
					c.AddNow(now, 0.5, i)
				}
			}
			if w, idx, all := ring.DueSparse(step + 1); all {
				rec.Take(s, w)
			} else if w != nil {
				rec.TakeSparse(s, w, idx)
			}
		}
		out = append(append(out, s...), now...)
	}
	return out
}
