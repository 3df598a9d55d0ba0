// Package neuron is the contract every neuron type implements.
//
// A neuron type (Model) is described once, for a whole population: its
// state variables with names and units, its parameters with units,
// published defaults and their source, and the units its equations are
// written in. A Population holds the parameter values of n neurons (a
// shared value, or a slice where they differ) and works on blocks of
// contiguous neurons, so an interface call is paid once per block per step,
// never per neuron.
//
// The membrane equation every model shares is
//
//	C dV/dt = -I_ion(V, gates) + I_in,   I_in = A - B V
//
// where the input I_in collects stimuli (A) and synaptic conductances g_r
// with reversal potentials E_r (A += g_r E_r, B += g_r), evaluated by the
// caller at every integrator stage. Conductance input therefore drives V
// toward E_r and is integrated by the same method as the membrane.
//
// Optional interfaces add what some methods need: Linear (exponential
// Euler), Exact (exact integration of linear subthreshold dynamics,
// Rotter & Diesmann 1999), Presetter (named parameter sets).
//
// Registry maps model names, as scenario files spell them, to models.
package neuron
