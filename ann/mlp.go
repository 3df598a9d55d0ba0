package ann

import (
	"errors"
	"fmt"
	"math"
	"strings"

	"gonum.org/v1/gonum/blas"
	"gonum.org/v1/gonum/blas/blas64"
	"gonum.org/v1/gonum/mat"

	"gospike/random"
)

// Keys of the random streams this package draws, after random.Data.
const (
	keyInit    uint64 = 1 // weight initialisation
	keyShuffle uint64 = 2 // minibatch order
)

// Layer is one layer of neurons: its number of neurons and their transfer
// function.
type Layer struct {
	Size       int
	Activation Activation
}

// Init names a weight initialisation. Biases always start at zero.
type Init int

const (
	// InitAuto uses He for layers with ReLU and Glorot for the others.
	InitAuto Init = iota
	// Glorot draws w ~ U(-r, r) with r = sqrt(6 / (fan_in + fan_out))
	// (Glorot & Bengio 2010, eq. 16).
	Glorot
	// He draws w ~ N(0, 2 / fan_in) (He et al. 2015, eq. 10).
	He
)

// MLPConfig describes a multilayer perceptron.
type MLPConfig struct {
	Inputs int     // R, the number of inputs
	Layers []Layer // hidden layers, then the output layer
	Loss   Loss
	Init   Init
	Seed   uint64 // seed of the initial weights
}

// MLP is a multilayer perceptron (Rumelhart, Hinton & Williams 1986):
// layer l maps the previous layer's activations a^{l-1} (a^0 = p, the
// input) to a^l = f^l(W^l a^{l-1} + b^l), with W^l of size S^l x S^{l-1}.
type MLP struct {
	inputs int
	layers []Layer
	loss   Loss
	w      []*mat.Dense
	b      []*mat.VecDense
}

// NewMLP returns a network with initial weights drawn from cfg.Seed. It
// returns an error if the configuration is inconsistent: no layers, a size
// below 1, an unknown activation, softmax anywhere but on the output layer
// or on fewer than 2 outputs, cross-entropy without a softmax or sigmoid
// output.
func NewMLP(cfg MLPConfig) (*MLP, error) {
	if err := cfg.validate(); err != nil {
		return nil, err
	}
	m := &MLP{
		inputs: cfg.Inputs,
		layers: append([]Layer(nil), cfg.Layers...),
		loss:   cfg.Loss,
	}
	rng := random.New(cfg.Seed, random.Data, keyInit)
	fanIn := cfg.Inputs
	for _, ly := range cfg.Layers {
		w := mat.NewDense(ly.Size, fanIn, nil)
		init := cfg.Init
		if init == InitAuto {
			init = Glorot
			if ly.Activation == ReLU {
				init = He
			}
		}
		data := w.RawMatrix().Data
		switch init {
		case Glorot:
			r := math.Sqrt(6 / float64(fanIn+ly.Size))
			for i := range data {
				data[i] = r * (2*rng.Float64() - 1)
			}
		case He:
			sd := math.Sqrt(2 / float64(fanIn))
			for i := range data {
				data[i] = sd * rng.NormFloat64()
			}
		}
		m.w = append(m.w, w)
		m.b = append(m.b, mat.NewVecDense(ly.Size, nil))
		fanIn = ly.Size
	}
	return m, nil
}

func (cfg *MLPConfig) validate() error {
	if cfg.Inputs < 1 {
		return fmt.Errorf("ann: inputs = %d: must be at least 1", cfg.Inputs)
	}
	if len(cfg.Layers) == 0 {
		return errors.New("ann: no layers: give at least the output layer")
	}
	last := len(cfg.Layers) - 1
	for i, ly := range cfg.Layers {
		if ly.Size < 1 {
			return fmt.Errorf("ann: layer %d: size = %d: must be at least 1", i+1, ly.Size)
		}
		if !ly.Activation.valid() {
			return fmt.Errorf("ann: layer %d: no activation (known: %s)", i+1, knownActivations())
		}
		if ly.Activation == Softmax {
			if i != last {
				return fmt.Errorf("ann: layer %d: softmax is allowed on the output layer only", i+1)
			}
			if ly.Size < 2 {
				return fmt.Errorf("ann: layer %d: softmax on %d output is constant: use sigmoid, or at least 2 outputs", i+1, ly.Size)
			}
		}
	}
	if !cfg.Loss.valid() {
		return fmt.Errorf("ann: no loss (known: %s)", knownLosses())
	}
	if out := cfg.Layers[last].Activation; cfg.Loss == CrossEntropy && out != Softmax && out != Sigmoid {
		return fmt.Errorf("ann: cross-entropy needs a softmax or sigmoid output layer, not %s", out)
	}
	if cfg.Init < InitAuto || cfg.Init > He {
		return fmt.Errorf("ann: unknown initialisation %d", int(cfg.Init))
	}
	return nil
}

// Inputs returns R, the number of inputs.
func (m *MLP) Inputs() int { return m.inputs }

// Outputs returns the number of neurons of the output layer.
func (m *MLP) Outputs() int { return m.layers[len(m.layers)-1].Size }

// NumLayers returns the number of layers (hidden and output).
func (m *MLP) NumLayers() int { return len(m.layers) }

// Layer returns the size and activation of layer l (0 is the first hidden
// layer, NumLayers()-1 the output layer).
func (m *MLP) Layer(l int) Layer { return m.layers[l] }

// Loss returns the loss the network is trained on.
func (m *MLP) Loss() Loss { return m.loss }

// Weights returns W of layer l, of size S^l x S^{l-1}: row i holds the
// weights of neuron i. It is the network's own matrix: changing it changes
// the network.
func (m *MLP) Weights(l int) *mat.Dense { return m.w[l] }

// Biases returns b of layer l, the network's own vector.
func (m *MLP) Biases(l int) *mat.VecDense { return m.b[l] }

// work holds the per-layer matrices of a forward and backward pass over a
// fixed number of samples, allocated once.
type work struct {
	rows int
	z    []*mat.Dense // net inputs n^l, rows x S^l
	a    []*mat.Dense // activations a^l
	d    []*mat.Dense // deltas dL/dn^l
}

func (m *MLP) newWork(rows int, backward bool) *work {
	w := &work{rows: rows}
	for _, ly := range m.layers {
		w.z = append(w.z, mat.NewDense(rows, ly.Size, nil))
		w.a = append(w.a, mat.NewDense(rows, ly.Size, nil))
		if backward {
			w.d = append(w.d, mat.NewDense(rows, ly.Size, nil))
		}
	}
	return w
}

// forward runs the rows of x (rows x R) through the network into w.
func (m *MLP) forward(w *work, x blas64.General) {
	in := x
	for l, ly := range m.layers {
		z := w.z[l].RawMatrix()
		// n = a^{l-1} W^T + 1 b^T
		blas64.Gemm(blas.NoTrans, blas.Trans, 1, in, m.w[l].RawMatrix(), 0, z)
		bias := m.b[l].RawVector().Data
		for i := 0; i < z.Rows; i++ {
			row := z.Data[i*z.Stride : i*z.Stride+z.Cols]
			for j, bj := range bias[:len(row)] {
				row[j] += bj
			}
		}
		a := w.a[l].RawMatrix()
		for i := 0; i < z.Rows; i++ {
			copy(a.Data[i*a.Stride:i*a.Stride+a.Cols], z.Data[i*z.Stride:i*z.Stride+z.Cols])
		}
		ly.Activation.activate(a.Data, a.Rows, a.Cols, a.Stride)
		in = a
	}
}

// lossOf returns the mean loss of the last forward pass in w against t.
func (m *MLP) lossOf(w *work, t blas64.General) float64 {
	L := len(m.layers) - 1
	z, a := w.z[L].RawMatrix(), w.a[L].RawMatrix()
	s := lossValue(m.loss, m.layers[L].Activation, z.Data, a.Data, t.Data, a.Rows, a.Cols, z.Stride, a.Stride, t.Stride)
	return s / float64(a.Rows)
}

// backward computes the gradient of the mean loss of the last forward pass
// in w (inputs x, targets t) into gW and gB.
func (m *MLP) backward(w *work, x, t blas64.General, gW []*mat.Dense, gB []*mat.VecDense) {
	L := len(m.layers) - 1
	{
		d, a := w.d[L].RawMatrix(), w.a[L].RawMatrix()
		outputDelta(m.loss, m.layers[L].Activation, d.Data, a.Data, t.Data, a.Rows, a.Cols, d.Stride, a.Stride, t.Stride)
	}
	for l := L; l >= 0; l-- {
		in := x
		if l > 0 {
			in = w.a[l-1].RawMatrix()
		}
		d := w.d[l].RawMatrix()
		// dL/dW^l = delta^T a^{l-1}; dL/db^l = column sums of delta.
		blas64.Gemm(blas.Trans, blas.NoTrans, 1, d, in, 0, gW[l].RawMatrix())
		gb := gB[l].RawVector()
		for j := 0; j < d.Cols; j++ {
			gb.Data[j*gb.Inc] = 0
		}
		for i := 0; i < d.Rows; i++ {
			row := d.Data[i*d.Stride : i*d.Stride+d.Cols]
			for j, v := range row {
				gb.Data[j*gb.Inc] += v
			}
		}
		if l > 0 {
			// delta^{l-1} = (delta^l W^l) .* f'(n^{l-1})
			prev, a := w.d[l-1].RawMatrix(), w.a[l-1].RawMatrix()
			blas64.Gemm(blas.NoTrans, blas.NoTrans, 1, d, m.w[l].RawMatrix(), 0, prev)
			m.layers[l-1].Activation.backward(prev.Data, a.Data, a.Rows, a.Cols, prev.Stride, a.Stride)
		}
	}
}

func (m *MLP) checkInput(x mat.Matrix, what string) {
	if _, c := x.Dims(); c != m.inputs {
		panic(fmt.Sprintf("ann: %s has %d columns, the network %d inputs", what, c, m.inputs))
	}
}

// dense returns x as a *mat.Dense, copying only when it is not one.
func dense(x mat.Matrix) *mat.Dense {
	if d, ok := x.(*mat.Dense); ok {
		return d
	}
	return mat.DenseCopyOf(x)
}

// Forward returns the network's outputs for the rows of X (N x R), as an
// N x S^L matrix. It panics if X does not have R columns.
func (m *MLP) Forward(X mat.Matrix) *mat.Dense {
	m.checkInput(X, "X")
	x := dense(X)
	r, _ := x.Dims()
	w := m.newWork(r, false)
	m.forward(w, x.RawMatrix())
	return w.a[len(m.layers)-1]
}

// Activations returns, for every layer l, the net inputs n^l (z[l]) and
// the activations a^l = f^l(n^l) (a[l]) for the rows of X, each N x S^l.
// These are what data-based normalisation for ANN-to-SNN conversion needs
// (Diehl et al. 2015; Rueckauer et al. 2017: the maximum or a high
// percentile of each ReLU layer's activations on the training data).
func (m *MLP) Activations(X mat.Matrix) (z, a []*mat.Dense) {
	m.checkInput(X, "X")
	x := dense(X)
	r, _ := x.Dims()
	w := m.newWork(r, false)
	m.forward(w, x.RawMatrix())
	return w.z, w.a
}

// Predict returns the class of each row of X: the index of the largest
// output when there are several outputs; with one output, 1 if the output
// is at least the midpoint of its activation's range (0 for tanh, 0.5
// otherwise) and 0 if not.
func (m *MLP) Predict(X mat.Matrix) []int {
	out := m.Forward(X)
	r, _ := out.Dims()
	classes := make([]int, r)
	raw := out.RawMatrix()
	thr := threshold(m.layers[len(m.layers)-1].Activation)
	for i := range classes {
		classes[i] = classOf(raw.Data[i*raw.Stride:i*raw.Stride+raw.Cols], thr)
	}
	return classes
}

// threshold is the decision level of a single output with activation f.
func threshold(f Activation) float64 {
	if f == Tanh {
		return 0
	}
	return 0.5
}

// classOf returns the class of one output (or target) row.
func classOf(row []float64, thr float64) int {
	if len(row) == 1 {
		if row[0] >= thr {
			return 1
		}
		return 0
	}
	best := 0
	for j, v := range row {
		if v > row[best] {
			best = j
		}
	}
	return best
}

// LossOn returns the mean loss of the network on inputs X and targets Y.
// It panics on mismatched dimensions.
func (m *MLP) LossOn(X, Y mat.Matrix) float64 {
	x, t := m.checkXY(X, Y)
	r, _ := x.Dims()
	w := m.newWork(r, false)
	m.forward(w, x.RawMatrix())
	return m.lossOf(w, t.RawMatrix())
}

// Gradient returns the mean loss on inputs X and targets Y and writes its
// gradient by backpropagation into dW and db (one per layer, shaped like
// Weights(l) and Biases(l)). Nil slices are allocated. It panics on
// mismatched dimensions.
func (m *MLP) Gradient(dW []*mat.Dense, db []*mat.VecDense, X, Y mat.Matrix) (loss float64, gW []*mat.Dense, gB []*mat.VecDense) {
	x, t := m.checkXY(X, Y)
	if dW == nil {
		dW = m.zeroWeights()
	}
	if db == nil {
		db = m.zeroBiases()
	}
	if len(dW) != len(m.layers) || len(db) != len(m.layers) {
		panic("ann: gradient destination has the wrong number of layers")
	}
	for l := range m.layers {
		r, c := m.w[l].Dims()
		if rr, cc := dW[l].Dims(); rr != r || cc != c || db[l].Len() != r {
			panic(fmt.Sprintf("ann: gradient destination of layer %d has the wrong shape", l))
		}
	}
	r, _ := x.Dims()
	w := m.newWork(r, true)
	m.forward(w, x.RawMatrix())
	loss = m.lossOf(w, t.RawMatrix())
	m.backward(w, x.RawMatrix(), t.RawMatrix(), dW, db)
	return loss, dW, db
}

func (m *MLP) checkXY(X, Y mat.Matrix) (x, t *mat.Dense) {
	m.checkInput(X, "X")
	rx, _ := X.Dims()
	ry, cy := Y.Dims()
	if ry != rx || cy != m.Outputs() {
		panic(fmt.Sprintf("ann: Y is %dx%d, want %dx%d", ry, cy, rx, m.Outputs()))
	}
	return dense(X), dense(Y)
}

func (m *MLP) zeroWeights() []*mat.Dense {
	out := make([]*mat.Dense, len(m.w))
	for l, w := range m.w {
		r, c := w.Dims()
		out[l] = mat.NewDense(r, c, nil)
	}
	return out
}

func (m *MLP) zeroBiases() []*mat.VecDense {
	out := make([]*mat.VecDense, len(m.b))
	for l, b := range m.b {
		out[l] = mat.NewVecDense(b.Len(), nil)
	}
	return out
}

// Matrix converts rows of samples to a matrix, for data held as
// [][]float64. It returns an error if the rows are empty or ragged.
func Matrix(rows [][]float64) (*mat.Dense, error) {
	if len(rows) == 0 || len(rows[0]) == 0 {
		return nil, errors.New("ann: no data")
	}
	c := len(rows[0])
	m := mat.NewDense(len(rows), c, nil)
	for i, row := range rows {
		if len(row) != c {
			return nil, fmt.Errorf("ann: row %d has %d values, row 0 has %d", i, len(row), c)
		}
		m.SetRow(i, row)
	}
	return m, nil
}

var initNames = []string{InitAuto: "auto", Glorot: "glorot", He: "he"}

// String returns the name of the initialisation, as UnmarshalText reads it.
func (i Init) String() string {
	if i >= InitAuto && int(i) < len(initNames) {
		return initNames[i]
	}
	return fmt.Sprintf("Init(%d)", int(i))
}

// UnmarshalText reads "auto", "glorot" or "he" (case-insensitive).
func (i *Init) UnmarshalText(text []byte) error {
	key := strings.ToLower(strings.TrimSpace(string(text)))
	for v, n := range initNames {
		if n == key {
			*i = Init(v)
			return nil
		}
	}
	return fmt.Errorf("ann: unknown initialisation %q (known: %s)", text, strings.Join(initNames, ", "))
}
