// Package ann holds the rate-based counterparts of the spiking models: the
// perceptron and the multilayer perceptron trained by backpropagation. It
// knows nothing of spikes; the conversion of a trained ReLU network to a
// spiking one lives above it and reads what it needs from here: each
// layer's W and b (Weights, Biases) and the activations of each layer on
// the training data (Activations), for data-based weight normalisation
// (Diehl et al. 2015; Rueckauer et al. 2017).
//
// Conventions follow Hagan, Demuth, Beale & De Jesús, Neural Network
// Design, 2nd ed. (2014): layer l has S^l neurons, a weight matrix W^l of
// size S^l x S^{l-1} (row i holds neuron i's input weights) and a bias
// vector b^l; R = S^0 is the number of inputs. Data sets are matrices with
// one sample per row (N x R inputs, N x S^L targets), so a whole batch is
// computed with one matrix product per layer.
//
// # Perceptron
//
// A single layer of hard-limit neurons (Rosenblatt 1958; Hagan ch. 4):
//
//	a = hardlim(W p + b),   hardlim(n) = 1 if n >= 0, else 0.
//
// The perceptron learning rule presents the training pairs (p_q, t_q) in
// order and after each one sets
//
//	e = t - a,   W <- W + e p^T,   b <- b + e,
//
// pass after pass, until a pass classifies every vector (Converged) or the
// epoch limit is reached. If a unit vector u (over weights and bias)
// separates the classes with margin gamma, y_q u.[p_q; 1] >= gamma with
// y = +-1, and ||[p_q; 1]|| <= R, then starting from zero weights the rule
// makes at most (R/gamma)^2 updates (Novikoff 1962; Block 1962). It cannot
// learn a set that is not linearly separable, such as XOR (Minsky &
// Papert 1969).
//
// # Multilayer perceptron
//
// Forward pass, for l = 1..L, with a^0 = p:
//
//	n^l = W^l a^{l-1} + b^l,   a^l = f^l(n^l),
//
// with f one of hardlim, sigmoid 1/(1+e^-n), tanh, ReLU max(0, n), linear
// n, and softmax e^{n_k} / sum_j e^{n_j} (output layer only).
//
// Losses, averaged over the N samples of a batch: mean squared error
// L = 1/(N S^L) sum (a^L - t)^2; cross-entropy L = -1/N sum t ln a^L with
// a softmax output, or the binary cross-entropy
// -1/N sum [t ln a + (1 - t) ln(1 - a)] with a sigmoid output (both
// computed from n^L so that they stay finite when an output saturates).
//
// Backpropagation (Rumelhart, Hinton & Williams 1986; Hagan ch. 11) works
// with the sensitivities delta^l = dL/dn^l:
//
//	delta^L = f'(n^L) .* dL/da^L                  (MSE; softmax through its Jacobian)
//	delta^L = (a^L - t) / N                        (softmax or sigmoid with cross-entropy)
//	delta^l = f'(n^l) .* (W^{l+1})^T delta^{l+1}   for l < L
//	dL/dW^l = delta^l (a^{l-1})^T,   dL/db^l = delta^l
//
// summed over the samples of the batch, with f' written through a:
// sigmoid a(1-a), tanh 1-a^2, ReLU [a > 0], linear 1, hardlim 0 (so
// nothing is learnt through a hard-limit layer).
//
// Training is minibatch stochastic gradient descent with momentum
// (Rumelhart, Hinton & Williams 1986, eq. 9): for each minibatch of a
// fresh random order every epoch,
//
//	v <- mu v - eta dL/dtheta,   theta <- theta + v
//
// for every weight and bias theta. (Hagan's momentum backpropagation,
// ch. 12, scales the gradient term by (1 - mu) instead; the two are the
// same up to the learning rate.) Initial weights are Glorot uniform
// (Glorot & Bengio 2010) or, for ReLU layers, He normal (He et al. 2015);
// biases start at zero. All randomness comes from explicit seeds (package
// random, purpose random.Data): the same seeds give bit-identical weights.
//
// Activation and loss names parse from text (ParseActivation, ParseLoss,
// and TextUnmarshaler for scenario files).
//
// Data sets (AND, OR, XOR, two moons, concentric circles, Iris, CSV files,
// standardisation, train/test split) are in the sub-package datasets.
//
// # References
//
//   - Rosenblatt F (1958) The perceptron: a probabilistic model for
//     information storage and organization in the brain. Psychol Rev
//     65:386-408.
//   - Novikoff ABJ (1962) On convergence proofs on perceptrons. Symposium
//     on the Mathematical Theory of Automata 12:615-622.
//   - Minsky M, Papert S (1969) Perceptrons. MIT Press.
//   - Rumelhart DE, Hinton GE, Williams RJ (1986) Learning representations
//     by back-propagating errors. Nature 323:533-536.
//   - Hagan MT, Demuth HB, Beale MH, De Jesús O (2014) Neural Network
//     Design, 2nd ed.: ch. 4 (perceptron learning rule), ch. 11
//     (backpropagation), ch. 12 (variations, momentum).
//   - Glorot X, Bengio Y (2010) Understanding the difficulty of training
//     deep feedforward neural networks. AISTATS, PMLR 9:249-256.
//   - He K, Zhang X, Ren S, Sun J (2015) Delving deep into rectifiers.
//     ICCV, 1026-1034.
//   - Diehl PU, Neil D, Binas J, Cook M, Liu S-C, Pfeiffer M (2015)
//     Fast-classifying, high-accuracy spiking deep networks through weight
//     and threshold balancing. IJCNN.
//   - Rueckauer B, Lungu I-A, Hu Y, Pfeiffer M, Liu S-C (2017) Conversion
//     of continuous-valued deep networks to efficient event-driven networks
//     for image classification. Front Neurosci 11:682.
package ann
