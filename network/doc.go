// Package network is the stepping engine: populations of neurons,
// projections of synapses between them, stimuli, monitors, and the
// shards and worker goroutines that advance them in time.
//
// A Spec (plain typed data) describes a network; New builds it and Run
// runs it once, returning a Result: spikes with interpolated times,
// traces, and per-population and per-projection statistics.
//
// # Equations
//
// Each population integrates one ODE per neuron: the model's state
// variables (package neuron) followed by the variables of each distinct
// receptor onto the population (package synapse). At every integrator
// stage the input to the membrane,
//
//	C dV/dt = -I_ion(V, ...) + A - B V
//	A = I_stim + sum_current I_r + sum_conductance g_r E_r,   B = sum_conductance g_r,
//
// is computed from the receptor variables' stage values and the stimulus
// current I_stim held over the step (dc, step and noise stimuli), so that
// a conductance drives V toward its reversal potential E_r and never past
// it. Methods: "euler", "rk4" and "exponential-euler" (package integrate)
// step the whole state of a shard; "exact" calls the model's StepExact
// (Rotter & Diesmann 1999) with the held current as DC and the
// exp-current receptors as exponentially decaying currents, and is
// refused for conductance and alpha receptors.
//
// # Units
//
// Time in ms, potentials in mV, rates in Hz. Currents, conductances and
// weights are in the target model's units (neuron.Model.Units: pA and nS
// for "lif", uA/cm^2 and mS/cm^2 for "hodgkin-huxley" and
// "traub-miles"); delta weights in mV. Results are in the same units.
//
// # The step
//
// Step s advances every neuron from t = s dt to (s+1) dt. In the order of
// Brian2's default schedule (start, groups, thresholds, synapses,
// resets), for every shard:
//
//  1. arrivals: the ring slot due at step s is added into the receptor
//     variables (delta weights into V), then the Poisson and
//     spike-generator events of step s, in stimulus order;
//  2. record: the monitors copy the state at t (so traces hold, at
//     time t, the state after the spikes due then have arrived and after
//     the previous step's resets, as Brian2's StateMonitor);
//  3. the stimulus current of the step is summed;
//  4. integrate from t to t + dt; threshold and reset (the model's
//     AfterStep or StepExact), which give spikes with times interpolated
//     within the step;
//  5. the state is checked: a NaN or Inf stops the run with a
//     *DivergenceError naming population, neuron, variable and time
//     (V every step, every variable every 16 steps and at the end: a
//     non-finite value anywhere reaches V within a step, or, for a
//     refractory LIF neuron, when its refractory period ends; exact
//     integration, which cannot diverge, only every 16 steps).
//
// A spike of step s is stamped s+1 (the end of its step, the first grid
// time at which it is known, as in NEST) and reaches its targets at
// step s+1+d for a delay of d steps, d >= 1: its weight is added at the
// start of that step. Spike-generator times and Poisson events arrive at
// the start of the step round(t/dt). Brian2 applies a spike with delay d
// after integrating step s+d, which is the same time; its default delay
// of zero is not possible here (one step is the least), as in NEST.
//
// # Shards and determinism
//
// Each population is cut into contiguous shards (units), each owned by
// one of Threads long-lived workers, started by Run and ended when it
// returns (the first is Run's own goroutine); a shard owns its ODE state,
// its method (workspace allocated once), its stimuli's per-neuron random
// streams, and, for the post-synaptic neurons it owns, the synapses of
// every projection onto them (CSR by pre-synaptic neuron) and a delay
// ring per receptor (receiver side, as in Morrison et al. 2005 and
// emer/axon): no shard writes another's memory, and the hot loop takes no
// locks and allocates nothing.
//
// A population is cut into at most Threads shards of at least 256 exact
// LIF neurons' worth of work (fewer neurons of a costlier method: seven
// Hodgkin-Huxley neurons under RK4), and a network gets no more workers
// than it has work for: a worker's share of a block, estimated from its
// neurons, methods and Poisson or noise inputs, must outweigh waking its
// goroutine (10 to 50 us on the virtual machines measured), so small
// networks, CUBA's 4000 exact LIF neurons among them, run on one worker.
//
// Since every delay is at least dmin steps, the spikes of steps s0 ..
// s0+dmin need not reach anyone before step s0+dmin+1: a block is dmin+1
// steps (at most 64), and spikes are exchanged once per block (without
// projections there is nothing to exchange, and a block is up to 1024
// steps or about 2 ms of work, so that the workers of an f-I curve meet
// seldom). A shard's block is: walk the previous block's spikes, step by
// step, population by population, shard by shard (that is, in neuron
// order), through its synapses into its rings (those that arrive at the
// block's first step, through rows with one delay, straight into the
// receptor: synapse.CSR.AddNow); then step through the block. Each worker
// runs its own shards' blocks, then any other shard's not yet claimed (an
// atomic state per shard), so the work of a block is shared however it
// falls. The worker that completes a block's last shard closes the block:
// it collects the spikes, checks for divergence and cancellation, and
// wakes any worker asleep. A worker with nothing left to claim does not
// wait idle: it prepares the first step of the next block on shards
// already through this one, as far as that needs none of the step's input
// (for exponential Euler on a neuron.LinearSplit model, both
// Hodgkin-Huxley models: the gates' rates and update, most of the step's
// cost). It sleeps (on a condition variable; nobody spins) only when
// neither a shard nor a preparation is left: on COBAHH's two workers,
// about 30 times in 5000 blocks. Every floating-point sum is taken in an
// order that does not depend on the shards or on who runs them, and every
// random number comes from a stream keyed by (seed, purpose, projection or
// stimulus, neuron) (package random): results are bit-identical for any
// number of threads, and for two runs with the same seed.
//
// A cancelled context stops the run at the next block boundary; a run
// stopped early (cancelled or diverged) returns what it recorded, marked
// Partial.
//
// # Stimuli
//
// dc: a constant current from Start to Stop. step: a piecewise-constant
// current. noise: white Gaussian noise held per step (NEST's
// noise_generator: its effect on V scales with dt) or, with Tau > 0, an
// Ornstein-Uhlenbeck current sampled exactly each step (Gillespie 1996),
// whose statistics do not depend on dt. poisson: Count independent
// Poisson sources of Rate per neuron, k ~ Binomial(Count, Rate dt) events
// per step, each adding Weight (Brian2's PoissonInput). spike-generator:
// events at given times onto every neuron of the target.
//
// # Memory
//
// New estimates the memory the network needs (Estimate) before building
// anything and refuses, wrapping ErrTooBig, a network whose estimate
// exceeds 70 % of MemAvailable; the estimate is in the message.
//
// References: R. Brette et al., J Comput Neurosci 23:349 (2007)
// (benchmarks CUBA and COBAHH, schedules); S. Rotter & M. Diesmann, Biol
// Cybern 81:381 (1999) (exact integration); A. Morrison et al., Neural
// Comput 17:1776 (2005) (ring buffers, exchange every minimum delay);
// M. Stimberg, R. Brette & D. Goodman, eLife 8:e47314 (2019) and the
// Brian2 documentation, "Scheduling" (default schedule); D. T. Gillespie,
// Phys Rev E 54:2084 (1996) (exact Ornstein-Uhlenbeck update).
package network
