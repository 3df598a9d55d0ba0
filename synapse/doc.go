// Package synapse models what happens between a pre-synaptic spike and
// the post-synaptic neuron: receptor kinetics, connectivity and delays.
//
// # Receptors
//
// A receptor is post-synaptic state added to the neuron's ODE and
// integrated by the same method as the membrane (as Brian2 and NEST's
// iaf_cond_exp do). Its input to the neuron enters the membrane equation
// C dV/dt = -I_ion + A - B V (package neuron) at every integrator stage:
//
//	delta              no state; a spike of weight w (mV) adds w to V
//	exp-current        dI/dt = -I/tau;                        A += I
//	exp-conductance    dg/dt = -g/tau;                        A += g E_rev, B += g
//	alpha-current      dg/dt = (h - g)/tau, dh/dt = -h/tau;   A += g
//	alpha-conductance  dg/dt = (h - g)/tau, dh/dt = -h/tau;   A += g E_rev, B += g
//
// An exp receptor adds a spike's weight w to I or g; an alpha receptor
// adds e*w to h, so that its response w (t/tau) exp(1 - t/tau) peaks at w
// at t = tau: NEST's normalisation in iaf_psc_alpha and iaf_cond_alpha
// (Receptor.Kernel gives these responses). Weights are in the
// post-synaptic model's units (neuron.Units): mV for delta, its current
// unit (pA, uA/cm^2) for the current kinds, its conductance unit (nS,
// mS/cm^2) for the conductance kinds; tau in ms, E_rev in mV. Projections
// with equal receptors onto one population share one state: the
// kinetics are linear, so the sum is the same.
//
// For exponential Euler each receptor variable is written dy/dt = a + b y
// (Receptor.Linear): exp kinds are then integrated exactly; alpha's g is
// advanced with h frozen over the step (first order, as Brian2 does).
// Method "exact" (Rotter & Diesmann 1999) takes delta and exp-current
// receptors (Receptor.Exact views the state as a neuron.ExpCurrent);
// conductance and alpha receptors are refused for it with an error.
//
// # Connectivity
//
// The synapses of a projection onto one post-synaptic shard (a
// contiguous range of the post population owned by one worker) are held
// as compressed rows by pre-synaptic neuron (CSR): offsets, local target
// indices (uint16 onto a shard of at most 65 536 neurons, uint32 onto a
// larger one), and a weight and a delay per synapse only where they are
// drawn per synapse (float64 weights, uint16 delays in steps), per post
// neuron where they differ by post neuron, and once otherwise. A synapse
// thus takes 2 to 14 bytes with its index (CUBA's: 2.1 with the
// offsets); all-to-all and one-to-one store no index at all. Half-width
// indices also halve the rows a spike's delivery reads: Brunel's run on
// one thread, 15.6 million synapses, took 9 % less. Rules (Rule): all-to-all, one-to-one,
// fixed-probability p, fixed-indegree k and fixed-outdegree k (exactly k
// distinct partners, drawn by Floyd's algorithm), with or without
// autapses, never multapses. Fixed-probability draws each post neuron's
// pre-synaptic neurons by geometric skipping (the gap to the next
// connected neuron is geometric), one draw per synapse instead of one per
// pair.
//
// Every random choice comes from the stream random.New(seed,
// random.Connect, projection, post neuron) — the pre neuron for
// fixed-outdegree — so the synapses depend on the seed alone, never on
// the number of shards or threads.
//
// # Delays
//
// Delays are whole steps, at least one (a delay is rounded to the
// nearest step). Each post-synaptic shard keeps, per receptor, a ring
// buffer of the weights arriving in each of the next MaxDelay+1 steps
// (Ring; Morrison et al. 2005): delivering a spike adds its synapses'
// weights into the slots of their arrival steps, and at the start of each
// step the slot due is added into the receptor state (Receptor.Take).
// The ring is written only by its shard's worker: no locks. A slot also
// lists the rows of targets written into it while they cover at most a
// quarter of the shard, so that a step into which a few spikes arrive
// takes those neurons only (Ring.DueSparse, Receptor.TakeSparse: for
// CUBA's 160 targets a step among 4000 neurons, 1/25 of the work).
//
// # Memory
//
// Conn.EstimateBytes predicts the bytes a projection will take before
// it is built (with the binomial mean plus five standard deviations for
// fixed-probability), and AvailableMemory reads MemAvailable from
// /proc/meminfo, so that a network that cannot fit is refused before it
// is built.
//
// References: R. Brette et al., Simulation of networks of spiking
// neurons: a review of tools and strategies, J Comput Neurosci 23:349
// (2007); S. Rotter & M. Diesmann, Exact digital simulation of
// time-invariant linear systems with applications to neuronal modeling,
// Biol Cybern 81:381 (1999); A. Morrison, C. Mehring, T. Geisel,
// A. Aertsen & M. Diesmann, Advancing the boundaries of high-connectivity
// network simulation with distributed computing, Neural Comput 17:1776
// (2005); J. Bentley & B. Floyd, Programming pearls: a sample of
// brilliance, CACM 30:754 (1987); NEST's iaf_psc_alpha and iaf_cond_alpha
// model documentation (alpha normalisation).
package synapse
