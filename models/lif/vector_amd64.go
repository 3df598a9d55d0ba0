package lif

import (
	"golang.org/x/sys/cpu"

	"gospike/integrate/fastexp"
)

// hasAVX reports whether the AVX kernels may run: fastexp's check of AVX2
// and FMA, which implies the AVX they use.
var hasAVX = fastexp.Vectorized()

// hasAVX512 reports whether the eight-lane kernels may run as well
// (AVX-512F, with the system saving its registers).
var hasAVX512 = hasAVX && cpu.X86.HasAVX512F

// exp2AVX runs exp2One's free step over n neurons (n a multiple of 4)
// four at a time, on the lanes where it applies (not refractory,
// below threshold before and after), and lists the other groups in bad
// (group index << 4 | mask of the lanes left); it returns their number.
//
//go:noescape
func exp2AVX(y, refEnd, i0, i1 *float64, n int, c *freeStep, bad *int32) int

// exp2AVX512 is exp2AVX eight neurons at a time (n a multiple of 8),
// listing the groups of four it leaves as exp2AVX does.
//
//go:noescape
func exp2AVX512(y, refEnd, i0, i1 *float64, n int, c *freeStep, bad *int32) int

// exp2PNAVX is exp2AVX for neurons that differ (stepPerNeuron): their
// constants loaded four at a time from pnConsts rather than broadcast,
// the arguments in a (pnArgs).
//
//go:noescape
func exp2PNAVX(a *pnArgs) int

// exp2PNAVX512 is exp2PNAVX eight neurons at a time (a.n a multiple of
// 8).
//
//go:noescape
func exp2PNAVX512(a *pnArgs) int

// expEulerAVX runs StepExpEuler's step over a.n neurons (a multiple of
// 4) four at a time, stores V and the advanced inputs of every lane, and
// lists in a.bad the groups with a lane that spiked or whose refractory
// period ends at this step (group index << 4 | mask of those lanes),
// storing V at t into prev for those groups only; it returns their
// number. It reads a.i only when a.noI is 0.
//
//go:noescape
func expEulerAVX(a *eeArgs) int

// expEulerAVX512 is expEulerAVX eight neurons at a time (a.n a multiple
// of 8), listing groups of four as expEulerAVX does.
//
//go:noescape
func expEulerAVX512(a *eeArgs) int

// expEulerPNAVX is expEulerAVX for neurons that differ: a0, nb, invC,
// vTh and vReset loaded four at a time from the arrays in a.
//
//go:noescape
func expEulerPNAVX(a *eeArgs) int

// expEulerPNAVX512 is expEulerPNAVX eight neurons at a time (a.n a
// multiple of 8).
//
//go:noescape
func expEulerPNAVX512(a *eeArgs) int
