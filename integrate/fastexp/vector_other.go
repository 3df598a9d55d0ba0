//go:build !amd64

package fastexp

// vector runs the kernels' arithmetic in Go.
func vector(kind int, dst, x, y []float64, dt float64) { generic(kind, dst, x, y, dt) }

// Vectorized reports whether the kernels run on vector instructions.
func Vectorized() bool { return false }
