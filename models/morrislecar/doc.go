// Package morrislecar is the Morris-Lecar neuron (Morris & Lecar 1981) in
// the form and with the parameter sets of Rinzel & Ermentrout (1998),
// registered with package neuron as "morris-lecar".
//
// # Equations
//
// Two state variables: the membrane potential V (mV, state variable "v")
// and the fraction w of open potassium channels ("w", dimensionless). The
// calcium conductance is instantaneous:
//
//	c_m dV/dt = I_in - g_l (V - e_l) - g_k w (V - e_k) - g_ca m_inf(V) (V - e_ca)
//	dw/dt     = phi cosh((V - v3)/(2 v4)) (w_inf(V) - w)
//
//	m_inf(V) = (1 + tanh((V - v1)/v2))/2
//	w_inf(V) = (1 + tanh((V - v3)/v4))/2
//
// with the input current I_in = A - B V of package neuron (stimuli and
// synaptic conductances). These are the equations of the reference script
// ml_model.py (shared/reference/scripts), which produced the validation data
// in testdata/. The code evaluates m_inf and w_inf as the identical logistic
// functions 1/(1 + exp(-2x)), and the w rate from the same exponential as
// w_inf (see rates): two exponentials instead of two tanh and one cosh,
// about half the cost, with the right limits when V runs far out. A
// population's Derivative and Linear take them for the whole block from
// fastexp, four at a time (within 2 units in the last place of math.Exp):
// euler 25 -> 9, rk4 99 -> 37, exponential-euler 29 -> 16 ns per
// neuron-step (BenchmarkStep, one core).
//
// # Units
//
// Time in ms, V and all potentials in mV, c_m in uF/cm^2, conductances in
// mS/cm^2, currents in uA/cm^2 (so mS/cm^2 * mV = uA/cm^2 and
// (uA/cm^2)/(uF/cm^2) = mV/ms), phi in 1/ms. The model works per unit
// membrane area (Units().Density).
//
// # Parameters and presets
//
//	name     default  unit      hopf (type II)  snlc (type I)
//	c_m       20      uF/cm^2    20              20
//	g_ca       4.4    mS/cm^2     4.4             4
//	g_k        8      mS/cm^2     8               8
//	g_l        2      mS/cm^2     2               2
//	e_ca     120      mV        120             120
//	e_k      -84      mV        -84             -84
//	e_l      -60      mV        -60             -60
//	v1        -1.2    mV         -1.2            -1.2
//	v2        18      mV         18              18
//	v3         2      mV          2              12
//	v4        30      mV         30              17.4
//	phi        0.04   1/ms        0.04            0.067
//	v_spike    0      mV         (not part of the sets)
//
// The defaults are the "hopf" set. Both sets are Rinzel & Ermentrout's
// (1998, Appendix A), as tabulated in Ermentrout & Terman (2010, Table 3.1)
// and written in ml_model.py. The snlc phi is 0.067 there and in the
// reference data; some XPP files of the same equations use 1/15 = 0.0667. With the hopf set the resting state loses stability
// at a subcritical Hopf bifurcation (I = 93.86 uA/cm^2) and repetitive
// firing starts at a finite rate (type II excitability; from rest, onset at
// 88.29 uA/cm^2 at about 8 Hz). With the snlc set the rest state
// disappears at a saddle-node on the limit cycle (I = 39.963 uA/cm^2) and
// the rate rises from zero as sqrt(I - I_sn) (type I; Ermentrout 1996).
//
// # Initial state
//
// Rest is the equilibrium at zero current: the lowest root of the
// steady-state current I_ss(V) = g_l (V-e_l) + g_k w_inf(V) (V-e_k) +
// g_ca m_inf(V) (V-e_ca), with w = w_inf(V). I_ss <= 0 below the lowest and
// >= 0 above the highest reversal potential, so the root is bracketed; New
// scans up from the lowest reversal potential in 0.01 mV steps (as
// ml_model.py does) and bisects the first sign change to machine
// precision, once per distinct parameter set. For both presets this is the
// stable resting state of the reference scripts: -60.855 mV (hopf) and
// -59.474 mV (snlc).
//
// # Spikes
//
// The model has no threshold and no reset: a spike is an upward crossing of
// v_spike (0 mV by default, as the reference data count spikes), at the
// time interpolated linearly between the two grid points that bracket it.
//
// # Integration methods
//
// The equations are integrated by the generic methods of package integrate.
// "rk4" is the method of choice: in the validation tests the f-I curves at
// dt = 0.1 ms agree with the DOP853 reference (rtol 1e-10) within 2e-6 Hz
// at every grid current, and halving dt changes no rate by more than that.
//
// "exponential-euler" needs every variable in the form dy/dt = a + b y
// with a and b independent of y. That holds for w (a = lambda w_inf,
// b = -lambda, lambda = phi cosh((V-v3)/(2 v4))), but not for V: the
// calcium current g_ca m_inf(V) (V - e_ca) is non-linear in V through
// m_inf. Brian2's exponential_euler checks this symbolically and refuses
// such equations. Linear instead splits V quasi-linearly, freezing m_inf at
// the potential V_n the step starts from:
//
//	a_v = (g_ca m_inf(V_n) e_ca + g_k w e_k + g_l e_l + A)/c_m
//	b_v = -(g_ca m_inf(V_n) + g_k w + g_l + B)/c_m
//
// so a_v + b_v V_n is exactly dV/dt at the start of the step. The update
// V_n + (a_v + b_v V_n) expm1(b_v dt)/b_v = V_n + dt f(V_n, w_n) + O(dt^2)
// is therefore consistent and first-order accurate, like forward Euler;
// what is lost is only that b_v is not the full derivative of dV/dt with
// respect to V (it omits g_ca m_inf'(V) (V - e_ca)/c_m), so the step is
// exact for the frozen membrane conductance rather than for the local
// linearization. The tests measure its order (1) against the reference
// data: rate errors of about -0.1 Hz at dt 0.1 ms and -0.05 Hz at 0.05 ms
// (forward Euler: +0.005 to +0.03 Hz and half that). The model is not
// stiff at these dt, so neither first-order method beats rk4 here.
//
// # References
//
//   - C. Morris & H. Lecar (1981) Voltage oscillations in the barnacle
//     giant muscle fiber. Biophys J 35:193-213.
//   - J. Rinzel & G. B. Ermentrout (1998) Analysis of neural excitability and
//     oscillations. In C. Koch & I. Segev (eds), Methods in Neuronal
//     Modeling, 2nd ed., MIT Press, ch. 7, pp. 251-291.
//   - G. B. Ermentrout & D. H. Terman (2010) Mathematical Foundations of
//     Neuroscience. Springer, ch. 3.
//   - G. B. Ermentrout (1996) Type I membranes, phase resetting curves, and
//     synchrony. Neural Comput 8:979-1001.
//   - M. Stimberg, R. Brette & D. F. M. Goodman (2019) Brian 2, an intuitive
//     and efficient neural simulator. eLife 8:e47314 (state updaters).
package morrislecar
