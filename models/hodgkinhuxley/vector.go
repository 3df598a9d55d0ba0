package hodgkinhuxley

// tmLinArgs are the arguments of the vector kernel of the Traub-Miles
// population's Linear, in the order vector_amd64.s reads them: a change
// here is a change there.
type tmLinArgs struct {
	v, m, h, n, _, _, eE, eH       *float64 // the block's state and exponentials (two unused slots)
	aV, bV, aM, bM, aH, bH, aN, bN *float64 // its linear forms
	count                          int
	vT, gNa, gK, gL, eNa, eK       float64
	gLeL, invC                     float64
	exp6, exp075, exp1             float64
}

// tmGatesOne returns, for one neuron, a and b of the gates and the
// input-free parts of V's (see the population's LinearGates), from its
// constants, state and the two exponentials of tmRates. The products are
// rounded before they are added (the float64 conversions), on every
// architecture, as the vector kernel does them.
func tmGatesOne(k *tmConst, v, m, h, nn, e1, eh float64) (sA, sB, aM, bM, aH, bH, aN, bN float64) {
	am, bm, ah, bh, an, bn := tmRatesFrom(v-k.vT, e1, eh)
	n2 := nn * nn
	gNa, gK := float64(k.gNa*m*m*m*h), float64(k.gK*n2*n2)
	sA = float64(gNa*k.eNa) + float64(gK*k.eK) + float64(k.gL*k.eL)
	sB = gNa + gK + k.gL
	return sA, sB, am, -(am + bm), ah, -(ah + bh), an, -(an + bn)
}
