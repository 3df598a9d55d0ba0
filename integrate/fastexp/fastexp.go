package fastexp

import "math"

// Constants of the reduction and of P (see the package documentation).
const (
	log2e = 1.4426950408889634073599246810018921374266459541530 // 1/ln2
	// magic = 1.5 * 2^52: adding it to |t| < 2^51 rounds t to an integer
	// (to nearest, ties to even) held in the low bits of the sum.
	magic = 0x1.8p52
	ln2hi = 6.93147180369123816490e-01 // ln2 to 32 bits (fdlibm)
	ln2lo = 1.90821492927058770002e-10 // ln2 - ln2hi
	hiX   = 709.0                      // above: +Inf
	loX   = -708.0                     // below: e^x = 0, e^x - 1 = -1

	c2  = 1.0 / 2
	c3  = 1.0 / 6
	c4  = 1.0 / 24
	c5  = 1.0 / 120
	c6  = 1.0 / 720
	c7  = 1.0 / 5040
	c8  = 1.0 / 40320
	c9  = 1.0 / 362880
	c10 = 1.0 / 3628800
	c11 = 1.0 / 39916800
	c12 = 1.0 / 479001600
	c13 = 1.0 / 6227020800
)

// core returns s = 2^k and q = expm1(r) for x = k ln2 + r, for x in
// [loX, hiX], with exactly the vector kernels' operations.
func core(x float64) (s, q float64) {
	t := float64(x*log2e) + magic // two roundings, as VMULPD, VADDPD
	kf := t - magic
	s = math.Float64frombits((math.Float64bits(t) + 1023) << 52)
	r := math.FMA(-kf, ln2hi, x)
	r = math.FMA(-kf, ln2lo, r)
	p := c13
	p = math.FMA(p, r, c12)
	p = math.FMA(p, r, c11)
	p = math.FMA(p, r, c10)
	p = math.FMA(p, r, c9)
	p = math.FMA(p, r, c8)
	p = math.FMA(p, r, c7)
	p = math.FMA(p, r, c6)
	p = math.FMA(p, r, c5)
	p = math.FMA(p, r, c4)
	p = math.FMA(p, r, c3)
	p = math.FMA(p, r, c2)
	q = math.FMA(float64(r*r), p, r)
	return s, q
}

// Exp returns e^x (see the package documentation for its accuracy and
// range): the same bits as ExpSlice gives for x.
func Exp(x float64) float64 {
	switch {
	case x > hiX:
		return math.Inf(1)
	case x < loX:
		return 0
	case x != x:
		return x
	}
	s, q := core(x)
	return math.FMA(s, q, s)
}

// Expm1 returns e^x - 1, accurate for small x too: the same bits as
// Expm1Slice gives for x.
func Expm1(x float64) float64 {
	switch {
	case x > hiX:
		return math.Inf(1)
	case x < loX:
		return -1
	case x != x:
		return x
	}
	s, q := core(x)
	return math.FMA(s, q, s-1)
}

// ExpEulerIncrement returns the exponential-Euler change of y over dt for
// dy/dt = a + b y with a and b frozen, (a + b y) expm1(b dt)/b, or
// (a + b y) dt when b dt is 0, with Expm1: the same bits as ExpEuler
// adds.
func ExpEulerIncrement(a, b, y, dt float64) float64 {
	f := a + float64(b*y)
	x := b * dt
	if x == 0 {
		return f * dt
	}
	return f * Expm1(x) / b
}

// ExpSlice sets dst[i] = e^x[i]. dst and x must have the same length;
// they may be the same slice.
func ExpSlice(dst, x []float64) {
	if len(dst) != len(x) {
		panic("fastexp: ExpSlice: len(dst) != len(x)")
	}
	kernel(kExp, dst, x, nil, 0)
}

// Expm1Slice sets dst[i] = e^x[i] - 1. dst and x must have the same
// length; they may be the same slice.
func Expm1Slice(dst, x []float64) {
	if len(dst) != len(x) {
		panic("fastexp: Expm1Slice: len(dst) != len(x)")
	}
	kernel(kExpm1, dst, x, nil, 0)
}

// ExpEuler advances y by one exponential-Euler step of dt:
// y[i] += ExpEulerIncrement(a[i], b[i], y[i], dt). The slices must have
// the same length.
func ExpEuler(y, a, b []float64, dt float64) {
	if len(a) != len(y) || len(b) != len(y) {
		panic("fastexp: ExpEuler: slices of different lengths")
	}
	kernel(kExpEuler, y, a, b, dt)
}

// Kernel kinds.
const (
	kExp = iota
	kExpm1
	kExpEuler
)

// kernel runs kind over the slices: the groups of four by the vector
// code (when there is one), the rest through a padded group of four.
// For kExp and kExpm1, dst = f(x) (y unused); for kExpEuler, dst is y,
// x is a and y is b.
func kernel(kind int, dst, x, y []float64, dt float64) {
	n := len(dst)
	body := n &^ 3
	if body > 0 {
		vector(kind, dst[:body], x[:body], sub(y, 0, body), dt)
	}
	if body == n {
		return
	}
	var d, a, b [4]float64
	copy(d[:], dst[body:])
	copy(a[:], x[body:])
	if y != nil {
		copy(b[:], y[body:])
	}
	if kind == kExpEuler {
		for i := n - body; i < 4; i++ {
			b[i] = 1 // padding: a harmless finite update of a zero state
		}
	}
	vector(kind, d[:], a[:], sub(b[:], 0, 4), dt)
	copy(dst[body:], d[:n-body])
}

func sub(s []float64, lo, hi int) []float64 {
	if s == nil {
		return nil
	}
	return s[lo:hi]
}

// generic is the vector kernels' arithmetic in Go, for processors
// without them: len(dst) is a multiple of 4.
func generic(kind int, dst, x, y []float64, dt float64) {
	switch kind {
	case kExp:
		for i, v := range x[:len(dst)] {
			dst[i] = Exp(v)
		}
	case kExpm1:
		for i, v := range x[:len(dst)] {
			dst[i] = Expm1(v)
		}
	case kExpEuler:
		a, b := x[:len(dst)], y[:len(dst)]
		for i := range dst {
			dst[i] += ExpEulerIncrement(a[i], b[i], dst[i], dt)
		}
	}
}
