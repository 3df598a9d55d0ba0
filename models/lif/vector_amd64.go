package lif

import "gospike/integrate/fastexp"

// hasAVX reports whether the AVX kernels may run: fastexp's check of AVX2
// and FMA, which implies the AVX they use.
var hasAVX = fastexp.Vectorized()

// exp2AVX runs the free step of exp2Free over n neurons (n a multiple of
// 4) four at a time, on the lanes where it applies (not refractory,
// below threshold before and after), and lists the other groups in bad
// (group index << 4 | mask of the lanes left); it returns their number.
//
//go:noescape
func exp2AVX(y, refEnd, i0, i1 *float64, n int, c *freeStep, bad *int32) int

// free0AVX is exp2AVX without currents (free0).
//
//go:noescape
func free0AVX(y, refEnd *float64, n int, c *freeStep, bad *int32) int
