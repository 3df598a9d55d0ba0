// Package compare runs a rate-based network and its spiking counterpart
// on the same classification task: it trains a multilayer perceptron
// (package ann) with ReLU hidden layers, converts it into a network of
// integrate-and-fire neurons (models/lif, run by package network) by
// data-based weight normalisation (Diehl et al. 2015; Rueckauer et al.
// 2017), simulates the spiking network on every test sample, and reads
// both out: accuracies, agreement, accuracy against simulated time, the
// cost of a classification, and the transfer functions of spiking neurons
// beside the ANN's activations. A [comparison] section of a scenario file
// (docs/scenario-format.md) drives it through `simulate run`.
//
// # Data
//
// A data set (AND, OR, XOR, two moons, circles, Iris or a CSV file; package
// ann/datasets) is split per class by the seed (the logic tables are
// their own test set) and its features are scaled with training-set
// statistics: by default min-max to [0, 1], clipped (a rate cannot be
// negative), or standardised (current input only).
//
// # Normalisation
//
// For layer l = 1..L with weights W_l (S^l x S^{l-1}) and biases b_l, let
// lambda_l be the p-th percentile (p = 99.9 by default; p = 100 is the
// maximum of Diehl et al.) of the positive activations of layer l over
// all training samples and neurons (zeros left out, as the SNN toolbox of
// Rueckauer et al. does), the net inputs n^L for the output layer, and
// lambda_0 = 1 (inputs in [0, 1]). Then
//
//	W'_l = W_l lambda_{l-1} / lambda_l,   b'_l = b_l / lambda_l,
//
// and the rescaled network computes a'_l = relu(W'_l a'_{l-1} + b'_l) =
// a_l / lambda_l, about 1 at most on the training data.
//
// A spiking output neuron fires only for a positive input, so a sample
// whose outputs are all negative would leave the SNN silent. Since
// softmax(n + c) = softmax(n) and the largest output is the class, the
// same c can be added to every output bias without changing the ANN: with
// w_q the largest output of training sample q, m = min_q w_q and P their
// p-th percentile, c = max(0, 0.05 (P - m) - m), which is 0 unless some
// training sample's winner is below 5 % of the spread of the winners
// (Normalised.Shift; "output_shift" in comparison.json). On two moons
// (noise 0.15, seed 5) three of 60 test samples had only negative outputs
// before this shift and were undecided; none after it.
//
// # Neurons, weights, biases
//
// Every neuron is the "lif" model with NEST's iaf_psc_exp potentials and
// capacitance (e_l = v_reset = -70 mV, v_th = -55 mV, so the threshold is
// theta = 15 mV above the reset; c_m = 250 pF), tau_m = 1e9 ms (a leak of
// 1e-6 of V - e_l per second: integrate-and-fire, which the rate code
// needs; a finite tau_m may be set to see what a leak does) and t_ref = 0,
// integrated by method "exact" (precise spike times). Below threshold
//
//	dV/dt = I(t) / c_m,
//
// so a neuron that receives a mean current I fires at r = I / (c_m theta)
// when I > 0 and is silent otherwise: the ReLU (the transfer-function
// figure shows it next to ReLU). If neuron j of layer l receives, from
// each neuron i of layer l-1 firing at r_i, a charge c_m theta W'_ji per
// spike, and the constant current
//
//	I_b,j = c_m theta r_max b'_j        (pA: pF x mV x kHz),
//
// its rate is r_j = sum_i W'_ji r_i + r_max b'_j; with r_i = r_max a'_i
// this is r_max a'_j. By induction every neuron fires at r_max times its
// normalised activation, r_max being the maximum rate (1000 Hz by
// default). A neuron with negative net input lets V drift below the reset
// (there is no lower bound, as in Diehl et al.'s IF neurons): it stays
// silent, as the ReLU outputs 0.
//
// A spike of neuron i reaches neuron j through an all-to-all projection
// with the weight matrix W' (synapse.WeightMatrix), one step of delay, as
// one of two synapse kinds:
//
//   - "exp-current" (default): a current (c_m theta W'_ji / tau_syn)
//     exp(-t/tau_syn), tau_syn = 1 ms, whose charge moves V by theta W'_ji
//     in all;
//   - "delta": a jump of V by theta W'_ji (mV).
//
// The model resets V to v_reset at a spike ("reset to zero" in Rueckauer
// et al.'s terms), not by subtracting theta. With exp-current synapses V
// crosses threshold continuously and the exact method resets it at the
// crossing, so nothing is lost: rates match r_max a'_j to within the
// bounds TestRatesMatchANN adds up (one unfinished interval per neuron,
// one synaptic delay plus tau_syn per layer). A delta jump that carries V
// past threshold loses its overshoot at the reset, a loss that grows with
// the jump: on Iris (4-16-8-3, seed 1) the strongest output fires at 0.49
// of its activation with delta synapses, 0.995 with exp-current ones.
//
// # Input
//
//   - "current" (default): the first hidden layer gets the analog input
//     as a constant current, I_j = c_m theta r_max (W'_1 x + b'_1)_j
//     (Rueckauer et al. 2017 feed the first layer analog values the same
//     way): no input spikes, no input noise.
//   - "poisson": feature i drives input neuron i (t_ref = 0, a relay: each
//     event of its spike generator lifts V by 2 theta) with a Bernoulli
//     spike train on the step grid, probability r_max x_i dt per step
//     (Brian2's PoissonGroup), from the stream random.New(seed,
//     random.PoissonInput, 0xc0de, sample, feature).
//
// On Iris (70/30 split, 45 test samples, 4-16-3, 1 s per sample, seeds
// 1..10), the SNN agreed with the ANN on this fraction of the test
// samples:
//
//	input     synapse       mean agreement   lowest
//	current   exp-current   1.000            1.000
//	poisson   exp-current   0.987            0.933
//	current   delta         0.993            0.956
//	poisson   delta         0.936            0.844
//
// With current input the SNN decides in a few ms (agreement >= 0.978 at
// 20 ms for every seed); Poisson input needs hundreds of ms to average out
// its noise.
//
// # Read-out
//
// The class of a sample at time t is the output neuron with the most
// spikes up to t; a tie goes to the neuron that fired first (for an
// integrate-and-fire neuron starting at the reset, the one with the
// strongest drive), then to the lowest index; with no output spike yet
// the sample is undecided and counts as an error. Accuracies are read at
// the report times and at the full duration, from one run.
//
// # Simulation
//
// Every test sample has its own copy of the network (a population per
// layer, its own stimuli), so samples never interact. The samples are cut
// into one chunk per thread, each chunk one network.Spec run on one worker,
// the chunks concurrently: on the 45 Iris samples (1 s each) one network
// of all samples takes 121 ms on one core, one network per sample in turn
// 125 ms, and two chunks on two cores 71 ms (BenchmarkSimulate). Every
// random number comes from a stream keyed by the seed and the sample, so
// the result does not depend on the number of threads, and two runs with
// the same seed give the same comparison.json but for its *_seconds
// fields (TestSameSeedSameJSON).
//
// # Cost
//
// comparison.json gives the ANN's multiply-accumulates per sample,
// sum_l S^l S^{l-1}, beside the SNN's spikes and synaptic events (spikes
// times fan-out) per sample, over the whole run and up to each read-out
// time: the operations an event-driven machine would do (Rueckauer et al.
// 2017 compare networks this way). On Iris (4-16-3, seed 1) the ANN
// needs 112 multiply-accumulates; the SNN with current input is right on
// all 45 test flowers after 10 ms and 32 synaptic events per flower (plus
// the 64 multiply-accumulates of W'_1 x that set the first layer's input
// currents, which the events do not count), 4299 events after 1 s; with
// Poisson input it needs 200 ms and 6611 events to be right on all.
//
// # Transfer functions
//
// TransferFunctions simulates f-I curves (neuron.DCRun, from rest, rate =
// 1000 / mean inter-spike interval over the last 5/6 of the run) of the
// LIF (NEST defaults, t_ref 2 ms), Hodgkin-Huxley (1952), Morris-Lecar
// type I (snlc set) and the converted integrate-and-fire neurons, and puts
// them beside ReLU, sigmoid and tanh on normalised axes: the input is the
// net input n for the activations, I/I_rh - 1 for a neuron with rheobase
// I_rh (measured on the sweep, refined across the onset), so that firing
// starts at 0 where ReLU bends, and I/I_100 for the integrate-and-fire
// neuron (I_100 drives it at 100 Hz); each output is divided by its
// maximum on [-1, 3]. Hodgkin-Huxley starts firing at a finite rate (type
// II), Morris-Lecar snlc from zero as a square root (type I) and stops
// above about 2.9 I_rh, where its oscillation no longer crosses 0 mV
// (depolarisation block); only the integrate-and-fire neuron is linear,
// which is why the conversion uses it.
//
// # References
//
//   - Diehl PU, Neil D, Binas J, Cook M, Liu S-C, Pfeiffer M (2015)
//     Fast-classifying, high-accuracy spiking deep networks through weight
//     and threshold balancing. IJCNN 2015, 1-8.
//   - Rueckauer B, Lungu I-A, Hu Y, Pfeiffer M, Liu S-C (2017) Conversion
//     of continuous-valued deep networks to efficient event-driven
//     networks for image classification. Front Neurosci 11:682.
//   - Hodgkin AL, Huxley AF (1952) J Physiol 117:500-544; Morris C, Lecar H
//     (1981) Biophys J 35:193-213; Rinzel J, Ermentrout GB (1998) in
//     Methods in Neuronal Modeling, 2nd ed., MIT Press (type I and II).
//   - Stimberg M, Brette R, Goodman DFM (2019) Brian 2. eLife 8:e47314
//     (PoissonGroup).
package compare
