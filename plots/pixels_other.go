//go:build !linux

package plots

// newPixels returns a buffer of n bytes and capacity c on the heap.
func newPixels(n, c int) []byte { return make([]byte, n, c) }

// freePixels leaves b to the garbage collector.
func freePixels(b []byte) {}
