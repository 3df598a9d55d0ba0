package ann_test

import (
	"testing"

	"gospike/ann"
	"gospike/ann/datasets"
)

func benchEpoch(b *testing.B, d datasets.Dataset, layers []ann.Layer, batch int) {
	_, r := d.X.Dims()
	m, err := ann.NewMLP(ann.MLPConfig{Inputs: r, Layers: layers, Loss: ann.CrossEntropy, Seed: 1})
	if err != nil {
		b.Fatal(err)
	}
	tr, err := m.NewTrainer(d.X, d.OneHot(), ann.TrainConfig{BatchSize: batch, LearningRate: 0.01, Momentum: 0.9, Seed: 1})
	if err != nil {
		b.Fatal(err)
	}
	b.ReportAllocs()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		tr.Epoch()
	}
	b.ReportMetric(float64(d.Len())*float64(b.N)/b.Elapsed().Seconds(), "samples/s")
}

// BenchmarkEpochIris: one epoch (150 samples, batches of 8, with the
// end-of-epoch evaluation) of a 4-16-3 ReLU/softmax network.
func BenchmarkEpochIris(b *testing.B) {
	benchEpoch(b, datasets.Iris(), []ann.Layer{{Size: 16, Activation: ann.ReLU}, {Size: 3, Activation: ann.Softmax}}, 8)
}

// BenchmarkEpochMoons: one epoch of 10 000 two-moons samples, batches of
// 32, through a 2-64-64-2 ReLU/softmax network.
func BenchmarkEpochMoons(b *testing.B) {
	d, err := datasets.Moons(10000, 0.1, 1)
	if err != nil {
		b.Fatal(err)
	}
	benchEpoch(b, d, []ann.Layer{{Size: 64, Activation: ann.ReLU}, {Size: 64, Activation: ann.ReLU}, {Size: 2, Activation: ann.Softmax}}, 32)
}

// BenchmarkPerceptronEpoch: one pass of the perceptron rule over 10 000
// two-moons samples (which are not linearly separable, so every pass
// updates).
func BenchmarkPerceptronEpoch(b *testing.B) {
	d, err := datasets.Moons(10000, 0.1, 1)
	if err != nil {
		b.Fatal(err)
	}
	p := ann.NewPerceptron(2, 1)
	T := d.Column()
	b.ReportAllocs()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		if _, err := p.Train(d.X, T, ann.PerceptronConfig{MaxEpochs: 1}); err != nil {
			b.Fatal(err)
		}
	}
}
