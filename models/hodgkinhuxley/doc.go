// Package hodgkinhuxley provides two conductance-based neuron types of the
// Hodgkin-Huxley family, registered with package neuron:
//
//   - "hodgkin-huxley": the squid giant axon model of Hodgkin & Huxley
//     (1952), exactly as NEURON's built-in hh mechanism computes it with
//     its rate tables off (usetable_hh = 0);
//   - "traub-miles": the point neuron of the COBAHH benchmark (Brette et
//     al. 2007, benchmark 3), after Traub & Miles (1991), as Brian2's
//     examples/COBAHH.py and NEST's hh_cond_exp_traub write it.
//
// Both work per unit membrane area: potentials in mV, time in ms, currents
// in uA/cm^2, conductances in mS/cm^2, capacitance in uF/cm^2. The state
// of every neuron is (v, m, h, n): v in mV, the gates dimensionless.
//
// # Membrane equation (both models)
//
//	c_m dv/dt = -g_na m^3 h (v - e_na) - g_k n^4 (v - e_k) - g_l (v - e_l) + I_in
//	dx/dt     = alpha_x(v) (1 - x) - beta_x(v) x,   x = m, h, n
//
// with I_in = A - B v the input of package neuron (stimulus currents and
// synaptic conductances, B in mS/cm^2). For exponential Euler (neuron.Linear)
// every variable is linear in itself with the others frozen: a gate has
// a = alpha_x, b = -(alpha_x + beta_x); v has
// a = (A + g_na m^3 h e_na + g_k n^4 e_k + g_l e_l)/c_m and
// b = -(B + g_na m^3 h + g_k n^4 + g_l)/c_m.
//
// # Hodgkin-Huxley (1952), as NEURON's hh.mod
//
// Rates in 1/ms, v in mV, at 6.3 degC, scaled by
// phi = q10^((celsius - 6.3)/10) (q10 = 3):
//
//	alpha_m = 0.1 vtrap(-(v+40), 10)    beta_m = 4 exp(-(v+65)/18)
//	alpha_h = 0.07 exp(-(v+65)/20)      beta_h = 1 / (exp(-(v+35)/10) + 1)
//	alpha_n = 0.01 vtrap(-(v+55), 10)   beta_n = 0.125 exp(-(v+65)/80)
//
// where vtrap(x, y) = x / (exp(x/y) - 1), replaced by y (1 - x/y/2) when
// |x/y| < 1e-6 (its removable singularity), as in hh.mod. Defaults:
// c_m 1 uF/cm^2; g_na 120, g_k 36, g_l 0.3 mS/cm^2; e_na 50, e_k -77,
// e_l -54.387 mV (the paper's V_l = 10.613 mV above rest at -65 mV;
// NEURON's hh.mod rounds it to -54.3). A population starts at rest:
// v = -65 mV, each gate at its steady state alpha/(alpha+beta) there, as
// NEURON's finitialize(-65). A spike is an upward crossing of v_spike
// (default 0 mV), its time linearly interpolated within the step; the
// model has no reset and no refractory period (its own dynamics have one).
//
// # Traub-Miles (COBAHH)
//
// Rates in 1/ms at u = v - v_t (mV), with exprel(x) = (exp(x) - 1)/x:
//
//	alpha_m = 0.32*4 / exprel((13 - u)/4)    beta_m = 0.28*5 / exprel((u - 40)/5)
//	alpha_h = 0.128 exp((17 - u)/18)         beta_h = 4 / (1 + exp((40 - u)/5))
//	alpha_n = 0.032*5 / exprel((15 - u)/5)   beta_n = 0.5 exp((10 - u)/40)
//
// Defaults (Brian2's COBAHH, whose absolute values are these densities
// times 20000 um^2; NEST's hh_cond_exp_traub has the same in nS and pF):
// c_m 1 uF/cm^2; g_na 100, g_kd 30, g_l 0.05 mS/cm^2; e_na 50, e_k -90,
// e_l -60, v_t -63 mV. A spike is an upward crossing of v_spike (default
// -20 mV, Brian2's threshold v > -20 mV), interpolated within the step,
// unless it comes within t_ref (default 3 ms, Brian2's refractory) of the
// neuron's last spike. As in Brian2's COBAHH (no "unless refractory"), the
// refractory period only hides re-crossings; the dynamics go on and there
// is no reset. A population starts at v = e_l with each gate at its steady
// state there. At the defaults the model has no stable rest: its only
// equilibrium (near -33.4 mV) is unstable and a neuron without input fires
// on its own (about 14 Hz), as Brian2 users have noted (brian-team/brian2
// issue #744). Where they start differs between simulators: Brian2's
// example draws v = e_l + (5 randn - 5) mV and leaves the gates at 0;
// NEST's hh_cond_exp_traub sets v = e_l and evaluates the steady-state
// gates at v - v_t = e_l rather than at e_l - v_t.
//
// # Numerics
//
// Populations work on blocks of neurons laid out variable by variable
// (v of every neuron, then m, ...). Parameters that differ between neurons
// are stored per neuron; otherwise one shared set of derived constants
// (1/c_m, phi) serves the block. Each model's six rates take two calls to
// exp: the other exponentials are integer powers of one of them times
// constants (HH: exp(-(v+65)/80) and exp(-(v+65)/18); Traub-Miles:
// exp((10-u)/40) and exp((17-u)/18)), which keeps the rates within 1e-13
// of the one-exp-per-rate expressions away from the singularities.
//
// Accuracy on the 1952 model at 10 uA/cm^2 from rest, dt 0.01 ms, largest
// spike-time error over 200 ms against scipy's DOP853 at 1e-10 (tested):
// rk4 1.4e-5 ms, euler 0.036 ms, exponential-euler 0.98 ms, the same as
// Brian2's rk4, euler and exponential_euler; NEURON (implicit Euler with
// cnexp gates) 0.345 ms.
//
// # Speed
//
// The Traub-Miles population's Linear (exponential Euler, COBAHH) takes
// the exponentials of its rate functions for the whole block four at a
// time (integrate/fastexp), then, for neurons that share their
// parameters, the rates and the linear forms four at a time too (AVX,
// vector_amd64.s), with the arithmetic of the scalar code in the same
// order, so both give the same bits (tested). Both populations' Linear
// is split in two (neuron.LinearSplit): LinearGates, the gates' forms and
// the input-free sums of V's, which need no input, and LinearV, which
// adds the input; a network worker does the first, and the gates'
// update, while it waits for the other workers' spikes. About 19 ns per
// neuron-step of a COBAHH network on one core, against 110 ns with
// math.Exp and math.Expm1 neuron by neuron.
//
// Derivative (forward Euler, RK4's four stages) and the 1952 model's
// LinearGates take the two exponentials the same way, for the whole block
// from fastexp (within 2 units in the last place of math.Exp; for
// Traub-Miles the same bits as before, which already used fastexp one
// value at a time), then the rates neuron by neuron (BenchmarkStep, one
// core, ns per neuron-step): 1952 model euler 35 -> 15, rk4 139 -> 57,
// exponential-euler 40 -> 21; Traub-Miles euler 32 -> 17, rk4 125 -> 64.
//
// # References
//
//   - A. L. Hodgkin & A. F. Huxley (1952). A quantitative description of
//     membrane current and its application to conduction and excitation in
//     nerve. J Physiol 117:500-544.
//   - NEURON's hh.mod (nrn/src/nrnoc/hh.mod); M. Hines & N. T. Carnevale,
//     The NEURON Book (2006).
//   - R. D. Traub & R. Miles (1991). Neuronal Networks of the Hippocampus.
//     Cambridge University Press.
//   - R. Brette et al. (2007). Simulation of networks of spiking neurons:
//     a review of tools and strategies. J Comput Neurosci 23:349-398.
//   - M. Stimberg, R. Brette & D. F. M. Goodman (2019). Brian 2, an
//     intuitive and efficient neural simulator. eLife 8:e47314
//     (examples/COBAHH.py).
package hodgkinhuxley
