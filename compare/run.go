package compare

import (
	"context"
	"fmt"

	"gospike/ann"
	"gospike/network"
)

// Result is a finished comparison.
type Result struct {
	Config Config // with its defaults filled in
	Data   *Data

	MLP     *ann.MLP
	History ann.History // the training curve, on the training and test sets
	Net     *Normalised
	SNN     *SNN
	Run     *SNNRun

	// Per test sample.
	Labels []int // true classes
	ANN    []int // the MLP's classes
	SNNOut []int // the SNN's classes at the full duration (-1: undecided)

	ANNAccuracy      float64 // on the test set
	ANNTrainAccuracy float64
	SNNAccuracy      float64 // at the full duration
	Agreement        float64 // fraction of test samples where both give the same class
	ByTime           []TimePoint
}

// TimePoint is the SNN's accuracy read out at one simulated time.
type TimePoint struct {
	Time      float64 // ms
	Accuracy  float64
	Agreement float64 // with the ANN
	Undecided int     // samples with no output spike yet
	// The mean, over test samples, of the SNN's spikes and synaptic
	// events up to Time: the cost of reading out then.
	Spikes, Events float64
}

// Run runs a whole comparison: it loads and splits the data, trains
// the MLP on the training set, normalises it on the training set,
// converts it, simulates the SNN on every test sample and reads out both.
func Run(ctx context.Context, c Config) (*Result, error) {
	c = c.Defaults()
	if err := c.Validate(); err != nil {
		return nil, err
	}
	d, err := LoadData(c)
	if err != nil {
		return nil, err
	}
	if n := d.Test.Len(); c.RasterSample < 0 || c.RasterSample >= n {
		return nil, fmt.Errorf("compare: raster sample %d: the test set has samples 0 to %d", c.RasterSample, n-1)
	}
	r := &Result{Config: c, Data: d}
	if err := r.train(); err != nil {
		return nil, err
	}
	if r.Net, err = Normalise(r.MLP, d.Train.X, c.Percentile); err != nil {
		return nil, err
	}
	r.SNN = Convert(r.Net, c)
	if r.Run, err = r.SNN.Simulate(ctx, d.Test.X, c.Threads); err != nil {
		return nil, err
	}
	r.evaluate()
	return r, nil
}

// train builds and trains the MLP.
func (r *Result) train() error {
	c, d := r.Config, r.Data
	_, nIn := d.Train.X.Dims()
	var layers []ann.Layer
	for _, h := range c.Hidden {
		layers = append(layers, ann.Layer{Size: h, Activation: ann.ReLU})
	}
	layers = append(layers, ann.Layer{Size: len(d.Train.Classes), Activation: c.Output})
	m, err := ann.NewMLP(ann.MLPConfig{Inputs: nIn, Layers: layers, Loss: c.Loss, Seed: c.Seed})
	if err != nil {
		return fmt.Errorf("compare: %w", err)
	}
	tc := ann.TrainConfig{Epochs: c.Epochs, BatchSize: c.BatchSize, LearningRate: c.LearningRate, Momentum: c.Momentum, Seed: c.Seed}
	if !Logic(c.Dataset) {
		tc.TestX, tc.TestY = d.Test.X, d.Test.OneHot()
	}
	h, err := m.Train(d.Train.X, d.Train.OneHot(), tc)
	if err != nil {
		return fmt.Errorf("compare: training: %w", err)
	}
	r.MLP, r.History = m, h
	return nil
}

// evaluate reads out both networks on the test set.
func (r *Result) evaluate() {
	test := r.Data.Test
	r.Labels = test.Labels
	r.ANN = r.MLP.Predict(test.X)
	r.ANNAccuracy = fraction(r.ANN, r.Labels)
	r.ANNTrainAccuracy = fraction(r.MLP.Predict(r.Data.Train.X), r.Data.Train.Labels)
	classes := len(test.Classes)
	for ti, t := range r.Config.times() {
		out := make([]int, len(r.Labels))
		undecided := 0
		for k := range out {
			out[k] = Decide(r.Run.Output[k], classes, t)
			if out[k] < 0 {
				undecided++
			}
		}
		p := TimePoint{Time: t, Accuracy: fraction(out, r.Labels), Agreement: fraction(out, r.ANN), Undecided: undecided}
		for k := range out {
			p.Spikes += float64(r.Run.SpikesAt[k][ti]) / float64(len(out))
			p.Events += float64(r.Run.EventsAt[k][ti]) / float64(len(out))
		}
		r.ByTime = append(r.ByTime, p)
		r.SNNOut = out
	}
	last := r.ByTime[len(r.ByTime)-1]
	r.SNNAccuracy, r.Agreement = last.Accuracy, last.Agreement
}

// fraction returns the fraction of positions where a and b agree.
func fraction(a, b []int) float64 {
	same := 0
	for i := range a {
		if a[i] == b[i] {
			same++
		}
	}
	return float64(same) / float64(len(a))
}

// Shown returns the network result of test sample Config.RasterSample
// alone, its populations named "input" (Poisson input), "hidden1", ...,
// "output".
func (r *Result) Shown() *network.Result { return r.Run.Shown }
