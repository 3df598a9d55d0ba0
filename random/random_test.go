package random

import "testing"

func TestStreamsRepeatAndDiffer(t *testing.T) {
	a := New(7, Connect, 1, 2).Uint64()
	if b := New(7, Connect, 1, 2).Uint64(); a != b {
		t.Fatalf("same seed and key gave %d and %d", a, b)
	}
	for _, other := range [][]uint64{{Connect, 1, 3}, {Connect, 2, 1}, {Init, 1, 2}} {
		if b := New(7, other...).Uint64(); a == b {
			t.Errorf("key %v drew the same first value as {Connect,1,2}", other)
		}
	}
	if b := New(8, Connect, 1, 2).Uint64(); a == b {
		t.Error("seeds 7 and 8 drew the same first value")
	}
}
