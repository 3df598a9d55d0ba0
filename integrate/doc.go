// Package integrate advances systems of ordinary differential equations
// dy/dt = f(t, y) over flat []float64 state, in place, with workspace
// allocated once when a method is made and never per step.
//
// Fixed-step methods (Method, made by New from the names scenario files
// use):
//
//   - Euler: forward Euler, y += dt f(t, y); order 1.
//   - RK4: classic fourth-order Runge-Kutta; order 4.
//   - ExpEuler: exponential Euler for conditionally linear systems
//     dy_i/dt = a_i + b_i y_i (Linearizer), each component advanced exactly
//     for frozen a_i, b_i, as Brian2's exponential_euler and NEURON's cnexp;
//     order 1, stable for stiff gates, and exact (to rounding) when a and b
//     are constant, since then y + (a + b y) expm1(b dt)/b is the exact flow.
//     The update runs four components at a time, with the expm1 of
//     package integrate/fastexp (within two units in the last place of
//     math.Expm1).
//
// Adaptive method:
//
//   - Dopri5: the Dormand-Prince 5(4) pair with error control per
//     component (|err_i| <= ATol + RTol |y_i|, Settings), the standard
//     step-size controller h_new = h min(10, max(0.2, 0.9 err^(-1/5)))
//     (HNW I, II.4), first-same-as-last stages (six evaluations of f per
//     step) and Shampine's fourth-order dense output (Interpolate,
//     InterpolateComponent) for event times such as threshold crossings.
//     Solve integrates to an end time exactly; Step takes one step.
//     Failures (step-size underflow, a non-finite state, too many steps)
//     are errors wrapping ErrStepSize, ErrNotFinite and ErrMaxSteps. It is
//     meant for reference runs at a given tolerance, not for network steps
//     on a fixed grid.
//
// Units are the caller's: t and the step in the unit f is written for
// (ms for the neuron models), tolerances in the units of each component.
//
// Package integrate/testode holds the test problems with exact solutions
// (exponential decay, harmonic oscillator, LIF membrane, a nonlinear
// conditionally linear system) on which the methods' orders are measured:
// the log-log slope of the global error against dt is 1 for Euler and
// exponential Euler and 4 for RK4, and Dopri5's error at the end of a run
// stays within a small multiple of the tolerance and falls with it.
//
// References: E. Hairer, S. P. Norsett, G. Wanner, Solving Ordinary
// Differential Equations I, 2nd ed. (Springer, 1993), II.4 (step-size
// control, starting step), II.5 (Dormand-Prince) and II.6 (dense output);
// J. R. Dormand & P. J. Prince, J. Comput. Appl. Math. 6:19-26 (1980);
// L. F. Shampine, Math. Comput. 46:135-150 (1986) (dense output); M. Hines
// & N. T. Carnevale, The NEURON Book (2006), ch. 4 (cnexp); M. Stimberg et
// al., eLife 8:e47314 (2019) (Brian2 state updaters).
package integrate
