package ann_test

import (
	"fmt"

	"gonum.org/v1/gonum/mat"

	"gospike/ann"
	"gospike/ann/datasets"
)

// The perceptron rule on AND, from zero weights. Traced by hand: the
// passes make 2, 3, 3, 2, 1 and 0 updates, ending at W = [2 1], b = -3,
// i.e. the line 2 x1 + x2 = 3.
func ExamplePerceptron_Train() {
	and := datasets.AND()
	p := ann.NewPerceptron(2, 1)
	res, err := p.Train(and.X, and.Column(), ann.PerceptronConfig{MaxEpochs: 100})
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Printf("converged %v after %d epochs (%d updates)\n", res.Converged, res.Epochs, res.Updates)
	fmt.Printf("W = %v, b = %v\n", mat.Formatted(p.W), p.B.AtVec(0))
	fmt.Printf("outputs %v\n", mat.Formatted(p.Forward(and.X).T()))
	// Output:
	// converged true after 6 epochs (11 updates)
	// W = [2  1], b = -3
	// outputs [0  0  0  1]
}

// A 2-4-1 network learns XOR, which no single-layer perceptron can.
func ExampleMLP_Train() {
	xor := datasets.XOR()
	m, err := ann.NewMLP(ann.MLPConfig{
		Inputs: 2,
		Layers: []ann.Layer{{Size: 4, Activation: ann.Tanh}, {Size: 1, Activation: ann.Sigmoid}},
		Loss:   ann.CrossEntropy,
		Seed:   1,
	})
	if err != nil {
		fmt.Println(err)
		return
	}
	h, err := m.Train(xor.X, xor.Column(), ann.TrainConfig{Epochs: 1000, BatchSize: 4, LearningRate: 0.5, Momentum: 0.9, Seed: 1})
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println("accuracy", h.Final().TrainAccuracy)
	fmt.Println("classes", m.Predict(xor.X))
	// Output:
	// accuracy 1
	// classes [0 1 1 0]
}
