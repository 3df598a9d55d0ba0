package ann

import (
	"fmt"
	"math"
	"math/rand/v2"
	"time"

	"gonum.org/v1/gonum/blas/blas64"
	"gonum.org/v1/gonum/mat"

	"gospike/random"
)

// TrainConfig sets minibatch stochastic gradient descent with momentum.
type TrainConfig struct {
	Epochs       int     // passes over the training set
	BatchSize    int     // samples per update; 0 or more than N: the whole set
	LearningRate float64 // eta > 0
	Momentum     float64 // mu in [0, 1); 0 is plain SGD
	Seed         uint64  // seed of the minibatch order

	// TestX and TestY, when set, are evaluated after every epoch.
	TestX, TestY *mat.Dense
}

// EpochStats is the state of the network after one epoch. The losses and
// accuracies are those of the whole set with the weights at the end of the
// epoch (not running averages over the epoch's minibatches). Test values
// are NaN without a test set.
type EpochStats struct {
	Epoch                    int
	TrainLoss, TrainAccuracy float64
	TestLoss, TestAccuracy   float64
	Elapsed                  time.Duration // since training started
}

// History is the learning curve of a training run.
type History struct {
	Curve []EpochStats
	Wall  time.Duration // wall-clock time of the whole run
}

// Final returns the last epoch's statistics (the zero value if none).
func (h History) Final() EpochStats {
	if len(h.Curve) == 0 {
		return EpochStats{}
	}
	return h.Curve[len(h.Curve)-1]
}

// Train trains the network on inputs X (N x R) and targets Y (N x S^L; one
// row of one-hot class indicators per sample for softmax outputs, or 0/1
// per output for sigmoid outputs) for cfg.Epochs epochs, and returns the
// learning curve. Two runs from the same MLPConfig.Seed and cfg.Seed give
// identical weights. Bad data or settings are returned as errors.
func (m *MLP) Train(X, Y *mat.Dense, cfg TrainConfig) (History, error) {
	tr, err := m.NewTrainer(X, Y, cfg)
	if err != nil {
		return History{}, err
	}
	h := History{Curve: make([]EpochStats, 0, cfg.Epochs)}
	for e := 0; e < cfg.Epochs; e++ {
		h.Curve = append(h.Curve, tr.Epoch())
	}
	h.Wall = time.Since(tr.start)
	return h, nil
}

// Trainer runs the epochs of a training one at a time, for callers that
// want to watch or stop it. All its memory is allocated by NewTrainer:
// Epoch allocates nothing.
type Trainer struct {
	m          *MLP
	x, y       *mat.Dense
	testX      *mat.Dense
	testY      *mat.Dense
	cfg        TrainConfig
	rng        *rand.Rand
	perm       []int
	bx, by     *mat.Dense // gathered full batch
	tx, ty     *mat.Dense // gathered last, shorter batch (nil if none)
	full, tail *work
	evalTrain  evaluator
	evalTest   *evaluator
	gW, vW     []*mat.Dense
	gB, vB     []*mat.VecDense
	epoch      int
	start      time.Time
}

// NewTrainer checks the data and settings and allocates a training run.
func (m *MLP) NewTrainer(X, Y *mat.Dense, cfg TrainConfig) (*Trainer, error) {
	if err := m.checkData(X, Y, "training"); err != nil {
		return nil, err
	}
	if (cfg.TestX == nil) != (cfg.TestY == nil) {
		return nil, fmt.Errorf("ann: give both TestX and TestY, or neither")
	}
	if cfg.TestX != nil {
		if err := m.checkData(cfg.TestX, cfg.TestY, "test"); err != nil {
			return nil, err
		}
	}
	if cfg.Epochs < 0 {
		return nil, fmt.Errorf("ann: epochs = %d: must not be negative", cfg.Epochs)
	}
	if cfg.BatchSize < 0 {
		return nil, fmt.Errorf("ann: batch size = %d: must not be negative", cfg.BatchSize)
	}
	if !(cfg.LearningRate > 0) || math.IsInf(cfg.LearningRate, 0) {
		return nil, fmt.Errorf("ann: learning rate = %g: must be positive", cfg.LearningRate)
	}
	if !(cfg.Momentum >= 0 && cfg.Momentum < 1) {
		return nil, fmt.Errorf("ann: momentum = %g: must be in [0, 1)", cfg.Momentum)
	}
	n, r := X.Dims()
	k := m.Outputs()
	bs := cfg.BatchSize
	if bs == 0 || bs > n {
		bs = n
	}
	t := &Trainer{
		m: m, x: X, y: Y, testX: cfg.TestX, testY: cfg.TestY, cfg: cfg,
		rng:       random.New(cfg.Seed, random.Data, keyShuffle),
		perm:      make([]int, n),
		bx:        mat.NewDense(bs, r, nil),
		by:        mat.NewDense(bs, k, nil),
		full:      m.newWork(bs, true),
		evalTrain: m.newEvaluator(n),
		gW:        m.zeroWeights(),
		vW:        m.zeroWeights(),
		gB:        m.zeroBiases(),
		vB:        m.zeroBiases(),
		start:     time.Now(),
	}
	for i := range t.perm {
		t.perm[i] = i
	}
	if rest := n % bs; rest != 0 {
		t.tx = mat.NewDense(rest, r, nil)
		t.ty = mat.NewDense(rest, k, nil)
		t.tail = m.newWork(rest, true)
	}
	if cfg.TestX != nil {
		nt, _ := cfg.TestX.Dims()
		ev := m.newEvaluator(nt)
		t.evalTest = &ev
	}
	return t, nil
}

// checkData returns an error unless X and Y fit the network and hold
// finite numbers (and, for cross-entropy, targets in [0, 1]).
func (m *MLP) checkData(X, Y *mat.Dense, what string) error {
	if X == nil || Y == nil {
		return fmt.Errorf("ann: no %s data", what)
	}
	n, r := X.Dims()
	ny, k := Y.Dims()
	if r != m.inputs {
		return fmt.Errorf("ann: %s inputs have %d columns, the network has %d inputs", what, r, m.inputs)
	}
	if k != m.Outputs() {
		return fmt.Errorf("ann: %s targets have %d columns, the network has %d outputs", what, k, m.Outputs())
	}
	if ny != n {
		return fmt.Errorf("ann: %s data has %d input rows but %d target rows", what, n, ny)
	}
	for i := 0; i < n; i++ {
		for j := 0; j < r; j++ {
			if v := X.At(i, j); math.IsNaN(v) || math.IsInf(v, 0) {
				return fmt.Errorf("ann: %s input row %d, column %d is %g", what, i, j, v)
			}
		}
		for j := 0; j < k; j++ {
			v := Y.At(i, j)
			if math.IsNaN(v) || math.IsInf(v, 0) {
				return fmt.Errorf("ann: %s target row %d, column %d is %g", what, i, j, v)
			}
			if m.loss == CrossEntropy && (v < 0 || v > 1) {
				return fmt.Errorf("ann: %s target row %d, column %d is %g: cross-entropy needs targets in [0, 1]", what, i, j, v)
			}
		}
	}
	return nil
}

// Epoch runs one pass over the training set in a fresh random order, one
// momentum update per minibatch, and returns the statistics after it.
func (t *Trainer) Epoch() EpochStats {
	// Fisher-Yates shuffle of the sample order.
	for i := len(t.perm) - 1; i > 0; i-- {
		j := t.rng.IntN(i + 1)
		t.perm[i], t.perm[j] = t.perm[j], t.perm[i]
	}
	bs := t.full.rows
	for start := 0; start < len(t.perm); start += bs {
		idx := t.perm[start:min(start+bs, len(t.perm))]
		bx, by, w := t.bx, t.by, t.full
		if len(idx) < bs {
			bx, by, w = t.tx, t.ty, t.tail
		}
		gather(bx, t.x, idx)
		gather(by, t.y, idx)
		t.m.forward(w, bx.RawMatrix())
		t.m.backward(w, bx.RawMatrix(), by.RawMatrix(), t.gW, t.gB)
		t.update()
	}
	t.epoch++
	s := EpochStats{Epoch: t.epoch, TestLoss: math.NaN(), TestAccuracy: math.NaN()}
	s.TrainLoss, s.TrainAccuracy = t.m.evaluate(t.evalTrain, t.x, t.y)
	if t.evalTest != nil {
		s.TestLoss, s.TestAccuracy = t.m.evaluate(*t.evalTest, t.testX, t.testY)
	}
	s.Elapsed = time.Since(t.start)
	return s
}

// update applies the momentum step v <- mu v - eta g, W <- W + v to every
// weight and bias.
func (t *Trainer) update() {
	mu, eta := t.cfg.Momentum, t.cfg.LearningRate
	for l := range t.gW {
		step(t.m.w[l].RawMatrix().Data, t.vW[l].RawMatrix().Data, t.gW[l].RawMatrix().Data, mu, eta)
		step(t.m.b[l].RawVector().Data, t.vB[l].RawVector().Data, t.gB[l].RawVector().Data, mu, eta)
	}
}

func step(w, v, g []float64, mu, eta float64) {
	v, g = v[:len(w)], g[:len(w)]
	for i := range w {
		v[i] = mu*v[i] - eta*g[i]
		w[i] += v[i]
	}
}

// gather copies the rows idx of src into dst.
func gather(dst, src *mat.Dense, idx []int) {
	d, s := dst.RawMatrix(), src.RawMatrix()
	for i, k := range idx {
		copy(d.Data[i*d.Stride:i*d.Stride+d.Cols], s.Data[k*s.Stride:k*s.Stride+s.Cols])
	}
}

// evalRows is the number of samples evaluated at a time: memory stays
// bounded for large sets, and gonum's Gemm stays serial (it goes parallel,
// and allocates, from 4 blocks of 64 x 64) for layers up to 192 wide.
const evalRows = 64

// evaluator holds the work of evaluating a set of n samples in chunks.
type evaluator struct {
	chunk, tail *work
}

func (m *MLP) newEvaluator(n int) evaluator {
	var ev evaluator
	if n >= evalRows {
		ev.chunk = m.newWork(evalRows, false)
	}
	if rest := n % evalRows; rest != 0 {
		ev.tail = m.newWork(rest, false)
	}
	return ev
}

// rows returns the view of rows [start, start+n) of g.
func rows(g blas64.General, start, n int) blas64.General {
	return blas64.General{Rows: n, Cols: g.Cols, Stride: g.Stride, Data: g.Data[start*g.Stride:]}
}

// evaluate returns the mean loss and the accuracy on (X, Y).
func (m *MLP) evaluate(ev evaluator, X, Y *mat.Dense) (loss, acc float64) {
	x, t := X.RawMatrix(), Y.RawMatrix()
	thr := threshold(m.layers[len(m.layers)-1].Activation)
	var sum float64
	correct := 0
	for start := 0; start < x.Rows; start += evalRows {
		w := ev.chunk
		if x.Rows-start < evalRows {
			w = ev.tail
		}
		xc, tc := rows(x, start, w.rows), rows(t, start, w.rows)
		m.forward(w, xc)
		sum += m.lossOf(w, tc) * float64(w.rows)
		a := w.a[len(m.layers)-1].RawMatrix()
		for i := 0; i < a.Rows; i++ {
			if classOf(a.Data[i*a.Stride:i*a.Stride+a.Cols], thr) == classOf(tc.Data[i*tc.Stride:i*tc.Stride+tc.Cols], thr) {
				correct++
			}
		}
	}
	n := float64(x.Rows)
	return sum / n, float64(correct) / n
}

// Accuracy returns the fraction of rows of X whose class (as Predict
// gives it) is that of the same row of Y (the largest target, or for one
// output the target compared with the same threshold).
func (m *MLP) Accuracy(X, Y mat.Matrix) float64 {
	x, y := m.checkXY(X, Y)
	r, _ := x.Dims()
	_, acc := m.evaluate(m.newEvaluator(r), x, y)
	return acc
}
