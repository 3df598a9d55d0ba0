package ann

import (
	"fmt"
	"math"
	"strings"
)

// Loss is the function training minimises, averaged over the samples of a
// batch. The zero value is no loss and is rejected by NewMLP.
type Loss int

// The losses.
const (
	// MSE is the mean squared error over samples and outputs,
	// L = 1/(N K) sum_n sum_k (a_nk - t_nk)^2.
	MSE Loss = iota + 1
	// CrossEntropy is the cross-entropy of the targets relative to the
	// outputs, averaged over samples. With a softmax output layer it is
	// L = -1/N sum_n sum_k t_nk ln a_nk (targets one-hot, or any rows of
	// probabilities); with a sigmoid output layer it is the binary
	// cross-entropy summed over outputs,
	// L = -1/N sum_n sum_k [t_nk ln a_nk + (1 - t_nk) ln(1 - a_nk)].
	// Either way dL/dn = (A - T)/N at the output's net input (for
	// softmax, when each target row sums to 1).
	CrossEntropy
)

var lossNames = []struct {
	l     Loss
	names []string
}{
	{MSE, []string{"mse", "mean-squared-error"}},
	{CrossEntropy, []string{"cross-entropy", "crossentropy", "ce"}},
}

// String returns the canonical name of l, as ParseLoss reads it.
func (l Loss) String() string {
	for _, e := range lossNames {
		if e.l == l {
			return e.names[0]
		}
	}
	return fmt.Sprintf("Loss(%d)", int(l))
}

func (l Loss) valid() bool { return l == MSE || l == CrossEntropy }

// ParseLoss reads a loss name, case-insensitively: "mse" or
// "cross-entropy".
func ParseLoss(s string) (Loss, error) {
	key := strings.ToLower(strings.TrimSpace(s))
	for _, e := range lossNames {
		for _, n := range e.names {
			if n == key {
				return e.l, nil
			}
		}
	}
	return 0, fmt.Errorf("ann: unknown loss %q (known: %s)", s, knownLosses())
}

// knownLosses lists the canonical loss names.
func knownLosses() string {
	var known []string
	for _, e := range lossNames {
		known = append(known, e.names[0])
	}
	return strings.Join(known, ", ")
}

// MarshalText implements encoding.TextMarshaler.
func (l Loss) MarshalText() ([]byte, error) {
	if !l.valid() {
		return nil, fmt.Errorf("ann: invalid loss %d", int(l))
	}
	return []byte(l.String()), nil
}

// UnmarshalText implements encoding.TextUnmarshaler.
func (l *Loss) UnmarshalText(text []byte) error {
	v, err := ParseLoss(string(text))
	if err != nil {
		return err
	}
	*l = v
	return nil
}

// softplus is ln(1 + e^x) without overflow.
func softplus(x float64) float64 {
	if x > 0 {
		return x + math.Log1p(math.Exp(-x))
	}
	return math.Log1p(math.Exp(x))
}

// lossValue returns the summed (not yet averaged) loss of the rows x cols
// block: z are the output layer's net inputs, a its activations, t the
// targets. Cross-entropy is computed from z (log-sum-exp for softmax,
// softplus for sigmoid) so it stays finite when an output saturates.
func lossValue(l Loss, out Activation, z, a, t []float64, rows, cols, zs, as, ts int) float64 {
	var sum float64
	switch l {
	case MSE:
		for i := 0; i < rows; i++ {
			ar, tr := a[i*as:i*as+cols], t[i*ts:i*ts+cols]
			for j, v := range ar {
				d := v - tr[j]
				sum += d * d
			}
		}
		return sum / float64(cols)
	case CrossEntropy:
		switch out {
		case Softmax:
			for i := 0; i < rows; i++ {
				zr, tr := z[i*zs:i*zs+cols], t[i*ts:i*ts+cols]
				max := math.Inf(-1)
				for _, v := range zr {
					if v > max {
						max = v
					}
				}
				var s float64
				for _, v := range zr {
					s += math.Exp(v - max)
				}
				lse := max + math.Log(s)
				for j, tv := range tr {
					if tv != 0 {
						sum -= tv * (zr[j] - lse)
					}
				}
			}
		case Sigmoid:
			// -[t ln s(z) + (1-t) ln(1-s(z))] = t softplus(-z) + (1-t) softplus(z)
			for i := 0; i < rows; i++ {
				zr, tr := z[i*zs:i*zs+cols], t[i*ts:i*ts+cols]
				for j, v := range zr {
					sum += tr[j]*softplus(-v) + (1-tr[j])*softplus(v)
				}
			}
		default:
			panic("ann: cross-entropy needs a softmax or sigmoid output")
		}
		return sum
	}
	panic(fmt.Sprintf("ann: invalid loss %d", int(l)))
}

// outputDelta writes dL/dN of the output layer into d, for a batch of
// rows samples (the 1/rows average included).
func outputDelta(l Loss, out Activation, d, a, t []float64, rows, cols, ds, as, ts int) {
	inv := 1 / float64(rows)
	switch l {
	case MSE:
		c := 2 * inv / float64(cols)
		for i := 0; i < rows; i++ {
			dr, ar, tr := d[i*ds:i*ds+cols], a[i*as:i*as+cols], t[i*ts:i*ts+cols]
			for j, v := range ar {
				dr[j] = c * (v - tr[j])
			}
		}
		out.backward(d, a, rows, cols, ds, as)
	case CrossEntropy:
		if out == Softmax {
			// dL/dn_j = a_j sum_k t_k - t_j, which is a_j - t_j for
			// one-hot (or any probability) targets.
			for i := 0; i < rows; i++ {
				dr, ar, tr := d[i*ds:i*ds+cols], a[i*as:i*as+cols], t[i*ts:i*ts+cols]
				var st float64
				for _, v := range tr {
					st += v
				}
				for j, v := range ar {
					dr[j] = inv * (v*st - tr[j])
				}
			}
			return
		}
		// Sigmoid with binary cross-entropy: dL/dn = (a - t)/N.
		for i := 0; i < rows; i++ {
			dr, ar, tr := d[i*ds:i*ds+cols], a[i*as:i*as+cols], t[i*ts:i*ts+cols]
			for j, v := range ar {
				dr[j] = inv * (v - tr[j])
			}
		}
	default:
		panic(fmt.Sprintf("ann: invalid loss %d", int(l)))
	}
}
