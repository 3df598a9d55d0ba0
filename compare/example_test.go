package compare_test

import (
	"context"
	"fmt"

	"gospike/compare"
)

// Train a 2-8-2 ReLU network on XOR, convert it to integrate-and-fire
// neurons and read both out on the four points.
func ExampleRun() {
	r, err := compare.Run(context.Background(), compare.Config{
		Dataset: "xor", Seed: 1, Hidden: []int{8}, Epochs: 200, BatchSize: 4, LearningRate: 0.1,
		Input: compare.Poisson, Duration: 200, ReportTimes: []float64{5, 50},
	})
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println("labels", r.Labels)
	fmt.Println("ANN   ", r.ANN, "accuracy", r.ANNAccuracy)
	fmt.Println("SNN   ", r.SNNOut, "accuracy", r.SNNAccuracy, "agreement", r.Agreement)
	for _, p := range r.ByTime {
		fmt.Printf("after %3g ms: SNN accuracy %.2f\n", p.Time, p.Accuracy)
	}
	// Output:
	// labels [0 1 1 0]
	// ANN    [0 1 1 0] accuracy 1
	// SNN    [0 1 1 0] accuracy 1 agreement 1
	// after   5 ms: SNN accuracy 0.50
	// after  50 ms: SNN accuracy 1.00
	// after 200 ms: SNN accuracy 1.00
}
