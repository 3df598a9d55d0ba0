package synapse

import (
	"math/rand/v2"
	"testing"
)

// TestDueSparse: what DueSparse lists, taken with TakeSparse, adds to a
// receptor state exactly what Due taken with Take adds, and leaves the
// slot zero: for a few spikes (listed), for many (the whole slot), and
// for weights written one by one (Add, per-synapse delays); an untouched
// slot gives nothing.
func TestDueSparse(t *testing.T) {
	const n, pre = 400, 300
	for _, c := range []struct {
		name   string
		spikes int
		delays bool
		want   bool // whole slot
	}{
		{"few spikes", 2, false, false},
		{"many spikes", 120, false, true},
		{"per-synapse delays", 2, true, false},
		{"none", 0, false, false},
	} {
		conn := Conn{NPre: pre, NPost: n, Rule: Rule{Kind: FixedProbability, P: 0.05}, Weight: UniformDist(0.5, 1.5), Delay: Fixed(0.1)}
		if c.delays {
			conn.Delay = UniformDist(0.1, 0.3)
		}
		csrs, err := Connect(conn, 0.1, 1, 0, []int{0, n}, 1)
		if err != nil {
			t.Fatal(err)
		}
		sparse, dense := NewRing(n, 3), NewRing(n, 3)
		rng := rand.New(rand.NewPCG(1, 2))
		for range c.spikes {
			i := rng.IntN(pre)
			csrs[0].Deliver(sparse, i, 10)
			csrs[0].Deliver(dense, i, 10)
		}
		rec := Receptor{Kind: AlphaCurrent, Tau: 2}
		for step := 11; step <= 13; step++ {
			s1, s2 := make([]float64, 2*n), make([]float64, 2*n)
			for j := range s1 {
				s1[j] = float64(j % 7)
				s2[j] = s1[j]
			}
			w, idx, all := sparse.DueSparse(step)
			if w == nil {
				if dense.Due(step) != nil {
					t.Fatalf("%s: step %d: DueSparse gives nothing, Due a slot", c.name, step)
				}
				continue
			}
			if all != c.want && !c.delays {
				t.Errorf("%s: whole slot %v, want %v", c.name, all, c.want)
			}
			if all {
				rec.Take(s1, w)
			} else {
				rec.TakeSparse(s1, w, idx)
			}
			rec.Take(s2, dense.Due(step))
			for j := range s1 {
				if s1[j] != s2[j] {
					t.Fatalf("%s: step %d: state %d = %v, want %v", c.name, step, j, s1[j], s2[j])
				}
			}
			for j, x := range w {
				if x != 0 {
					t.Fatalf("%s: step %d: weight %d = %v left in the slot", c.name, step, j, x)
				}
			}
		}
	}
}
