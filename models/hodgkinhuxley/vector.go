package hodgkinhuxley

// tmLinArgs are the arguments of the vector kernel of the Traub-Miles
// population's Linear, in the order vector_amd64.s reads them: a change
// here is a change there.
type tmLinArgs struct {
	v, m, h, n, a, b, eE, eH       *float64 // the block's state, input and exponentials
	aV, bV, aM, bM, aH, bH, aN, bN *float64 // its linear forms
	count                          int
	vT, gNa, gK, gL, eNa, eK       float64
	gLeL, invC                     float64
	exp6, exp075, exp1             float64
}

// tmLinearOne returns a and b of one neuron (see the population's
// Linear) from its constants, state, input and the two exponentials of
// tmRates. The products are rounded before they are added (the float64
// conversions), on every architecture, as the vector kernel does them.
func tmLinearOne(k *tmConst, v, m, h, nn, A, B, e1, eh float64) (aV, bV, aM, bM, aH, bH, aN, bN float64) {
	am, bm, ah, bh, an, bn := tmRatesFrom(v-k.vT, e1, eh)
	n2 := nn * nn
	gNa, gK := float64(k.gNa*m*m*m*h), float64(k.gK*n2*n2)
	aV = (A + float64(gNa*k.eNa) + float64(gK*k.eK) + float64(k.gL*k.eL)) * k.invC
	bV = -(B + gNa + gK + k.gL) * k.invC
	return aV, bV, am, -(am + bm), ah, -(ah + bh), an, -(an + bn)
}
