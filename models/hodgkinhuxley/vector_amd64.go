package hodgkinhuxley

import "gospike/integrate/fastexp"

// hasAVX reports whether the AVX kernel may run: fastexp's check of AVX2
// and FMA, which implies the AVX it uses.
var hasAVX = fastexp.Vectorized()

// tmGatesAVX runs tmGatesOne over args.count neurons (a multiple of 4),
// four at a time.
//
//go:noescape
func tmGatesAVX(args *tmLinArgs)
