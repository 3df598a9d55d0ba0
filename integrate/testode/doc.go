// Package testode provides initial value problems with exact solutions for
// testing the methods of package integrate, as gonum's integrate/testquad
// does for quadrature.
//
// Every problem starts at t = 0 from Exact(y, 0) and implements
// integrate.System and integrate.Linearizer (dy_i/dt = a_i + b_i y_i with
// a_i, b_i free of y_i; Oscillator only trivially, with b = 0):
//
//	Decay        dy_i/dt = -k_i y_i                     y_i = y_i(0) exp(-k_i t)
//	Oscillator   dx/dt = v, dv/dt = -w^2 x              x = x0 cos wt + (v0/w) sin wt
//	LIFMembrane  dV/dt = (E_L - V + R I)/tau_m          V = V_inf + (V0 - V_inf) exp(-t/tau_m),
//	                                                    V_inf = E_L + R I
//	Coupled      dy1/dt = -y2 y1, dy2/dt = -y2           y2 = y2(0) exp(-t),
//	                                                    y1 = y1(0) exp(y2(0) (exp(-t) - 1))
//
// Decay and LIFMembrane are linear with constant coefficients, so
// exponential Euler solves them exactly (up to rounding); Coupled is
// nonlinear but conditionally linear (y1's rate y2 does not depend on y1),
// the case exponential Euler is first order on. LIFMembrane is in the
// units neuron models use: mV, ms, MOhm and nA (MOhm x nA = mV).
package testode
