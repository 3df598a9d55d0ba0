//go:build !amd64

package lif

var hasAVX, hasAVX512 = false, false

func exp2AVX(y, refEnd, i0, i1 *float64, n int, c *freeStep, bad *int32) int {
	panic("lif: no vector kernels")
}

func exp2AVX512(y, refEnd, i0, i1 *float64, n int, c *freeStep, bad *int32) int {
	panic("lif: no vector kernels")
}

func exp2PNAVX(a *pnArgs) int { panic("lif: no vector kernels") }

func exp2PNAVX512(a *pnArgs) int { panic("lif: no vector kernels") }

func expEulerAVX(a *eeArgs) int { panic("lif: no vector kernels") }

func expEulerAVX512(a *eeArgs) int { panic("lif: no vector kernels") }

func expEulerPNAVX(a *eeArgs) int { panic("lif: no vector kernels") }

func expEulerPNAVX512(a *eeArgs) int { panic("lif: no vector kernels") }
