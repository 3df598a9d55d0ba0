//go:build !amd64

package lif

var hasAVX = false

func exp2AVX(y, refEnd, i0, i1 *float64, n int, c *freeStep, bad *int32) int {
	panic("lif: no vector kernels")
}

func free0AVX(y, refEnd *float64, n int, c *freeStep, bad *int32) int {
	panic("lif: no vector kernels")
}
