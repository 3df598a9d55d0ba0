// Package integrate advances systems of ordinary differential equations
// dy/dt = f(t, y) over flat []float64 state, in place, with workspace
// allocated once when a method is made and never per step.
//
// Methods:
//
//   - Euler: forward Euler, y += dt f(t, y); order 1.
//   - RK4: classic fourth-order Runge-Kutta; order 4.
//   - ExpEuler: exponential Euler for conditionally linear systems
//     dy_i/dt = a_i + b_i y_i (Linearizer), each component advanced exactly
//     for frozen a_i, b_i, as Brian2's exponential_euler and NEURON's cnexp;
//     order 1, stable for stiff gates.
//
// References: E. Hairer, S. P. Norsett, G. Wanner, Solving Ordinary
// Differential Equations I (Springer, 1993); M. Hines & N. T. Carnevale,
// The NEURON Book (2006), ch. 4 (cnexp); M. Stimberg et al., eLife 8:e47314
// (2019) (Brian2 state updaters).
package integrate
