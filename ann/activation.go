package ann

import (
	"fmt"
	"math"
	"strings"
)

// Activation is a layer's transfer function a = f(n) (Hagan et al.,
// Neural Network Design, 2nd ed., Table 2.1, for the MATLAB names).
// The zero value is no activation and is rejected by NewMLP.
type Activation int

// The transfer functions.
const (
	// HardLim is the hard limit of the perceptron: a = 1 if n >= 0, else 0
	// (Hagan's hardlim; Rosenblatt 1958). Its derivative is zero almost
	// everywhere, so backpropagation does not train through it.
	HardLim Activation = iota + 1
	// Sigmoid is the logistic function a = 1 / (1 + exp(-n)) (logsig).
	Sigmoid
	// Tanh is the hyperbolic tangent a = tanh(n) (tansig).
	Tanh
	// ReLU is the rectified linear unit a = max(0, n) (poslin).
	ReLU
	// Linear is the identity a = n (purelin).
	Linear
	// Softmax is a_k = exp(n_k) / sum_j exp(n_j) over one sample's
	// outputs; it is allowed on the output layer only.
	Softmax
)

var activationNames = []struct {
	a     Activation
	names []string // canonical name first, then aliases
}{
	{HardLim, []string{"hardlim"}},
	{Sigmoid, []string{"sigmoid", "logistic", "logsig"}},
	{Tanh, []string{"tanh", "tansig"}},
	{ReLU, []string{"relu", "poslin"}},
	{Linear, []string{"linear", "purelin", "identity"}},
	{Softmax, []string{"softmax"}},
}

// String returns the canonical name of a, as ParseActivation reads it.
func (a Activation) String() string {
	for _, e := range activationNames {
		if e.a == a {
			return e.names[0]
		}
	}
	return fmt.Sprintf("Activation(%d)", int(a))
}

func (a Activation) valid() bool { return a >= HardLim && a <= Softmax }

// ParseActivation reads an activation name, case-insensitively:
// "hardlim", "sigmoid", "tanh", "relu", "linear", "softmax", or one of
// Hagan's MATLAB names ("logsig", "tansig", "poslin", "purelin").
func ParseActivation(s string) (Activation, error) {
	key := strings.ToLower(strings.TrimSpace(s))
	for _, e := range activationNames {
		for _, n := range e.names {
			if n == key {
				return e.a, nil
			}
		}
	}
	return 0, fmt.Errorf("ann: unknown activation %q (known: %s)", s, knownActivations())
}

// knownActivations lists the canonical activation names.
func knownActivations() string {
	var known []string
	for _, e := range activationNames {
		known = append(known, e.names[0])
	}
	return strings.Join(known, ", ")
}

// MarshalText implements encoding.TextMarshaler.
func (a Activation) MarshalText() ([]byte, error) {
	if !a.valid() {
		return nil, fmt.Errorf("ann: invalid activation %d", int(a))
	}
	return []byte(a.String()), nil
}

// UnmarshalText implements encoding.TextUnmarshaler, so scenario files
// (TOML) can name activations.
func (a *Activation) UnmarshalText(text []byte) error {
	v, err := ParseActivation(string(text))
	if err != nil {
		return err
	}
	*a = v
	return nil
}

// activate applies f in place to the rows x cols block of data with the
// given row stride. One switch per call, none per element.
func (a Activation) activate(data []float64, rows, cols, stride int) {
	switch a {
	case HardLim:
		for i := 0; i < rows; i++ {
			row := data[i*stride : i*stride+cols]
			for j, n := range row {
				if n >= 0 {
					row[j] = 1
				} else {
					row[j] = 0
				}
			}
		}
	case Sigmoid:
		for i := 0; i < rows; i++ {
			row := data[i*stride : i*stride+cols]
			for j, n := range row {
				row[j] = sigmoid(n)
			}
		}
	case Tanh:
		for i := 0; i < rows; i++ {
			row := data[i*stride : i*stride+cols]
			for j, n := range row {
				row[j] = math.Tanh(n)
			}
		}
	case ReLU:
		for i := 0; i < rows; i++ {
			row := data[i*stride : i*stride+cols]
			for j, n := range row {
				if n < 0 {
					row[j] = 0
				}
			}
		}
	case Linear:
	case Softmax:
		for i := 0; i < rows; i++ {
			softmax(data[i*stride : i*stride+cols])
		}
	default:
		panic(fmt.Sprintf("ann: invalid activation %d", int(a)))
	}
}

// sigmoid is the logistic function, written so that neither branch
// overflows.
func sigmoid(n float64) float64 {
	if n >= 0 {
		return 1 / (1 + math.Exp(-n))
	}
	e := math.Exp(n)
	return e / (1 + e)
}

// softmax replaces row by its softmax, shifted by the maximum so that exp
// never overflows.
func softmax(row []float64) {
	max := math.Inf(-1)
	for _, v := range row {
		if v > max {
			max = v
		}
	}
	var sum float64
	for j, v := range row {
		e := math.Exp(v - max)
		row[j] = e
		sum += e
	}
	inv := 1 / sum
	for j := range row {
		row[j] *= inv
	}
}

// backward turns g = dL/dA into dL/dN in place, given the activations a
// (same shape, same stride), for the element-wise activations:
// dL/dn = dL/da * f'(n), with f' written in terms of a:
// sigmoid a(1-a), tanh 1-a^2, ReLU [a > 0], linear 1, hardlim 0.
// For softmax it applies the Jacobian-vector product of each row:
// dL/dn_j = a_j (g_j - sum_k g_k a_k).
func (a Activation) backward(g, act []float64, rows, cols, gStride, aStride int) {
	for i := 0; i < rows; i++ {
		gr := g[i*gStride : i*gStride+cols]
		ar := act[i*aStride : i*aStride+cols]
		switch a {
		case HardLim:
			for j := range gr {
				gr[j] = 0
			}
		case Sigmoid:
			for j, v := range ar {
				gr[j] *= v * (1 - v)
			}
		case Tanh:
			for j, v := range ar {
				gr[j] *= 1 - v*v
			}
		case ReLU:
			for j, v := range ar {
				if v <= 0 {
					gr[j] = 0
				}
			}
		case Linear:
		case Softmax:
			var dot float64
			for j, v := range ar {
				dot += gr[j] * v
			}
			for j, v := range ar {
				gr[j] = v * (gr[j] - dot)
			}
		default:
			panic(fmt.Sprintf("ann: invalid activation %d", int(a)))
		}
	}
}
