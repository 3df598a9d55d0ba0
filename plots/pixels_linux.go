//go:build linux

package plots

import (
	"sync"
	"syscall"
	"unsafe"
)

// madvPopulateWrite is Linux's MADV_POPULATE_WRITE.
const madvPopulateWrite = 23

// mapped holds the address of the first byte of each buffer newPixels
// mapped, so that freePixels unmaps those and leaves the others (heap
// buffers, when mapping failed) to the garbage collector.
var mapped struct {
	sync.Mutex
	m map[*byte]bool
}

// newPixels returns a buffer of n bytes and capacity c (c >= n) mapped
// from the system (anonymous, private: zero pages made on first touch),
// or on the heap if mapping fails.
//
// Why off the Go heap: a 10 MB buffer on the heap grows it from a few MB
// to over 20 and starts a garbage collection at once, whose workers then
// try, for as long as the buffer is being filled, to stop the goroutine
// filling it; on the two-core machine of docs/performance.md that made
// filling the first figure's pixels take 5 to 32 ms, 4 ms without the
// collection.
func newPixels(n, c int) []byte {
	b, err := syscall.Mmap(-1, 0, c, syscall.PROT_READ|syscall.PROT_WRITE, syscall.MAP_ANON|syscall.MAP_PRIVATE)
	if err != nil || c == 0 {
		return make([]byte, n, c)
	}
	// Fault in the pages the canvas fills at once, in one call, rather
	// than one page fault at a time (MADV_POPULATE_WRITE, Linux 5.14; on
	// older kernels the call fails and the pages come on first touch).
	syscall.Madvise(b[:n&^(syscall.Getpagesize()-1)], madvPopulateWrite)
	mapped.Lock()
	if mapped.m == nil {
		mapped.m = map[*byte]bool{}
	}
	mapped.m[unsafe.SliceData(b)] = true
	mapped.Unlock()
	return b[:n]
}

// freePixels unmaps a buffer newPixels mapped (nothing of it may be used
// after); it leaves any other slice alone.
func freePixels(b []byte) {
	if cap(b) == 0 {
		return
	}
	p := unsafe.SliceData(b)
	mapped.Lock()
	ok := mapped.m[p]
	delete(mapped.m, p)
	mapped.Unlock()
	if ok {
		syscall.Munmap(b[:cap(b)])
	}
}
