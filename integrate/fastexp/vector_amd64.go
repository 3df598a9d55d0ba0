package fastexp

import "golang.org/x/sys/cpu"

// hasAVX2FMA is whether the processor and the operating system support
// AVX2 and FMA (golang.org/x/sys/cpu checks CPUID and that the OS saves
// the YMM registers).
var hasAVX2FMA = cpu.X86.HasAVX2 && cpu.X86.HasFMA

// The AVX2 kernels, over n values (n a multiple of 4).
//
//go:noescape
func expAVX2(dst, x *float64, n int)

//go:noescape
func expm1AVX2(dst, x *float64, n int)

//go:noescape
func expEulerAVX2(y, a, b *float64, n int, dt float64)

// vector runs kind over groups of four (len(dst) a multiple of 4).
func vector(kind int, dst, x, y []float64, dt float64) {
	n := len(dst)
	if !hasAVX2FMA || n == 0 {
		generic(kind, dst, x, y, dt)
		return
	}
	_ = x[n-1]
	switch kind {
	case kExp:
		expAVX2(&dst[0], &x[0], n)
	case kExpm1:
		expm1AVX2(&dst[0], &x[0], n)
	case kExpEuler:
		_ = y[n-1]
		expEulerAVX2(&dst[0], &x[0], &y[0], n, dt)
	}
}

// Vectorized reports whether the kernels run on vector instructions.
func Vectorized() bool { return hasAVX2FMA }
