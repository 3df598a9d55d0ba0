// Package lif is the leaky integrate-and-fire neuron (Lapicque 1907), with
// a hard threshold, a reset and an absolute refractory period, registered
// as model "lif".
//
// # Equations and units
//
// Below threshold the membrane potential V (mV) obeys
//
//	c_m dV/dt = -(c_m/tau_m) (V - e_l) + I_e + I_in,   I_in = A - B V
//
// with time in ms, c_m in pF, currents in pA and conductances in nS
// (pA/pF = mV/ms, nS*mV = pA). I_e is the constant current parameter i_e
// (NEST's I_e); I_in is the input the network computes (stimuli, synaptic
// currents, and synaptic conductances g with reversal E as A += g E,
// B += g). When V reaches v_th the neuron spikes, V is reset to v_reset and
// held there for t_ref ms (inputs arriving meanwhile do not move V; the
// network's delta jumps during that time are discarded, as in NEST's
// iaf_psc_delta). The resting state is V = e_l. The only state variable
// is v; each neuron's refractory clock (the time its refractory period
// ends) is kept by the Population, outside the ODE state.
//
// Parameters and defaults, those of NEST's iaf_psc_exp (NEST model
// documentation, models/iaf_psc_exp.h): tau_m 10 ms, c_m 250 pF,
// e_l -70 mV, v_th -55 mV, v_reset -70 mV, t_ref 2 ms, i_e 0 pA. New
// requires them finite, c_m > 0, tau_m > 0, t_ref >= 0 and v_reset < v_th.
//
// Under a constant current I (R = tau_m/c_m, RI > v_th - e_l, v_reset =
// e_l) the neuron fires at
//
//	r(I) = 1 / (t_ref + tau_m ln(RI / (RI - (v_th - e_l))))
//
// (e.g. Gerstner, Kistler, Naud & Paninski, Neuronal Dynamics, 2014,
// ch. 1.3), which the tests check every method against.
//
// # Methods euler, rk4 and exponential-euler
//
// The generic integrators of package integrate advance V through
// Derivative (and Linear, for exponential Euler, which with the linear
// LIF equation and frozen input is exact below threshold). After each step
// AfterStep detects V >= v_th, interpolates the crossing time linearly
// between V(t) and V(t+dt), resets V and makes the neuron refractory until
// t_spike + t_ref. During that time Derivative returns 0, so V stays at
// v_reset. Because Derivative cannot see inside a step, the refractory
// period ends at the first step end >= t_spike + t_ref: it is rounded up
// to the step grid and lasts up to dt longer than t_ref (dt/2 on average).
// This grid approximation is first order in dt: the interspike interval
// under constant drive is t_ref + T_method + delta, 0 <= delta < dt, where
// T_method is the method's own charging time (rk4: T to O(dt^4); euler:
// T (dt/tau_m)/(-ln(1 - dt/tau_m)), shorter by about T dt/(2 tau_m)),
// plus at most dt^2/(8 tau_m) from the linear interpolation of the concave
// charging curve. Brian2 handles refractoriness on the grid in the same
// way (but labels spikes at the step start, see below). A step holds at
// most one spike per neuron. On the f-I grid of testdata/lif_fI.csv
// (RI 16..40 mV) at dt = 0.1 ms, rk4 and exponential-euler rates are low
// by 0.48 % on average and 1.5 % at most; both halve with dt.
//
// # Method exact
//
// Below threshold the equation is linear with constant coefficients, so
// for a constant current I_dc (in.DC + i_e) and exponentially decaying
// currents I_k(s) = I_k exp(-s/tau_k) (in.Exp) a step of length h is
// exact (Rotter & Diesmann 1999), with u = V - e_l:
//
//	u(t+h) = P22 u + P20 I_dc + sum_k P21_k I_k(t)
//	P22   = exp(-h/tau_m)
//	P20   = (tau_m/c_m) (1 - exp(-h/tau_m))
//	P21_k = (1/c_m) integral_0^h exp(-(h-s)/tau_m) exp(-s/tau_k) ds
//	      = exp(-h/tau_m) expm1(h d_k) / (c_m d_k),  d_k = 1/tau_m - 1/tau_k
//	      = h exp(-h/tau_m) / c_m                     when tau_k = tau_m
//	I_k(t+h) = exp(-h/tau_k) I_k(t)
//
// computed as u + expm1(-h/tau_m) u (as NEST's iaf_psc_exp_ps does, for
// accuracy) and with expm1(h d)/d, which is well conditioned as tau_k
// approaches tau_m (the singularity NEST's propagator_32 works around).
// The factors are computed once per (dt, tau), shared by every neuron
// whose tau_m and c_m are shared, and kept until dt or the input time
// constants change.
//
// Spike times are not tied to the grid (precise spike times, as NEST's
// iaf_psc_exp_ps: Morrison et al. 2007, Hanuschkin et al. 2010). A step in
// which V ends at or above v_th contains a crossing; its time is
// s = tau_m ln((V0 - V_inf)/(v_th - V_inf)), V_inf = e_l + (tau_m/c_m) I_dc,
// with a constant current only, and otherwise the root of the closed-form
// V(s) = v_th found by a safeguarded Newton iteration (bisection when a
// Newton step leaves the bracket), to about 1e-14 dt. V is reset at that
// time, and the refractory period ends at t_spike + t_ref exactly, inside
// a step if that is where it falls: V is then integrated from v_reset over
// the rest of the step, with the exponential currents having kept decaying
// during refractoriness. With t_ref shorter than dt, or zero, a neuron may
// spike several times in one step (at most 1000; more is dropped). As in
// NEST's iaf_psc_exp_ps, a threshold excursion that begins and ends inside
// one step (V above v_th only between grid points, possible with
// exponential currents) is not seen; its probability shrinks with dt.
// A neuron found at or above threshold at the start of a step (after a
// jump of V between steps) spikes at the step start.
//
// Why it matters: a simulator that labels spikes on the grid and ends
// refractoriness on it biases rates. Brian2 (2.5.1) labels a spike with
// the start of the step in which V crosses threshold, so its LIF rates
// are 1/(t_ref + floor(T/dt) dt) and run up to 1.4 % high at dt = 0.1 ms;
// method exact here has no such bias: its rates match the analytic ones to
// 1e-9 relative at dt = 0.1 ms (the tests compare both with
// testdata/lif_fI.csv).
//
// # Speed
//
// For a block whose neurons share every parameter and propagator, with at
// most two exponential currents (the kernels take two; a block with fewer
// gets zero ones) and no DC input per neuron (CUBA, Brunel; a constant
// current the same for all, neuron.ExactInput.Bias, goes in with the
// constants: the network passes uniform dc and step stimuli that way),
// StepExact runs four neurons at a time (AVX2, vector_amd64.s), or eight with
// AVX-512, through the free step and the refractory hold, and leaves the
// neurons that spike or whose refractory period ends within the step to
// the scalar code, which does the same arithmetic in the same order:
// results are bit for bit those of the scalar loop (tested), whatever
// the blocks and the instruction set. Neurons that differ (a membrane
// time constant, threshold, reset, rest or i_e drawn per neuron), or
// that get a DC input per neuron (a noise current, an f-I curve), with
// at most two exponential currents, take the same kernels with their
// constants loaded per neuron rather than broadcast (pervector.go; 56
// bytes a neuron of constants, made once per dt and bias; with a DC
// input, c0 made each step): heterogeneous CUBA runs in 0.05 s instead
// of 0.40. Only three or more exponential currents take the scalar loop. About 0.35 ns per neuron-step in
// the kernel (CUBA, 4000 neurons, one core, AVX-512). The scalar code's
// closed form (freeAt) writes each current's exponentials through the
// two expm1 an evaluation needs anyway,
//
//	exp(-x/tau_k) = exp(-x/tau_m) exp(x d_k),  P21_k(x) c_m d_k = exp(-x/tau_m) expm1(x d_k)
//
// so that the Newton iteration of a crossing costs 1 + K exponentials per
// evaluation for K currents.
//
// Under exponential Euler, a block driven by at most four exponential
// receptors (currents, or conductances g with reversal potential E: COBA)
// takes its whole step in one pass (StepExpEuler, neuron.ExpEulerStepper;
// expeuler.go): A = I + sum g E, B = sum g, a = a0 + A/c_m with a0 =
// e_l/tau_m + i_e/c_m, b = -1/tau_m - B/c_m, V' = V + (a + b V)
// expm1(b dt)/b, g' = g + g expm1(-dt/tau_g), then the threshold, eight
// neurons at a time with AVX-512 (four with AVX2), with fastexp's
// exponential, the constants broadcast when the neurons share them and
// loaded per neuron when they differ: the bits of the separate passes
// (the receptors' input, Linear, fastexp.ExpEuler, their decay,
// AfterStep; tested), at about 2 ns a neuron-step instead of 7.
//
// # Sources
//
//   - L. Lapicque (1907), J. Physiol. Pathol. Gen. 9:620-635.
//   - S. Rotter & M. Diesmann (1999), Exact digital simulation of
//     time-invariant linear systems with applications to neuronal modeling,
//     Biol. Cybern. 81:381-402.
//   - A. Morrison, S. Straube, H. E. Plesser & M. Diesmann (2007), Exact
//     subthreshold integration with continuous spike times in discrete-time
//     neural network simulations, Neural Comput. 19:47-79.
//   - A. Hanuschkin, S. Kunkel, M. Helias, A. Morrison & M. Diesmann (2010),
//     A general and efficient method for incorporating precise spike times
//     in globally time-driven simulations, Front. Neuroinform. 4:113.
//   - NEST iaf_psc_exp and iaf_psc_exp_ps model documentation and source
//     (defaults; the expm1 form of the propagator).
//   - W. Gerstner, W. M. Kistler, R. Naud & L. Paninski (2014), Neuronal
//     Dynamics, Cambridge University Press (the f-I curve).
package lif
