package compare

import (
	"encoding/csv"
	"encoding/json"
	"fmt"
	"io"
	"math"
	"strconv"

	"gospike/plots"
)

// Summary is comparison.json: the figures of a comparison, as plain data.
// Every field but the *_seconds ones is the same for two runs with the
// same configuration and seed.
type Summary struct {
	Dataset      string   `json:"dataset"`
	Classes      []string `json:"classes"`
	TrainSamples int      `json:"train_samples"`
	TestSamples  int      `json:"test_samples"`
	Scaling      string   `json:"scaling"`
	Seed         uint64   `json:"seed"`

	Layers       []int   `json:"layers"` // inputs, hidden layers, outputs
	Output       string  `json:"output_activation"`
	Loss         string  `json:"loss"`
	Epochs       int     `json:"epochs"`
	BatchSize    int     `json:"batch_size"`
	LearningRate float64 `json:"learning_rate"`
	Momentum     float64 `json:"momentum"`

	ANNAccuracy      float64 `json:"ann_accuracy"`
	ANNTrainAccuracy float64 `json:"ann_train_accuracy"`
	SNNAccuracy      float64 `json:"snn_accuracy"`
	Agreement        float64 `json:"agreement"`
	SNNUndecided     int     `json:"snn_undecided"`
	ANNTrainSeconds  float64 `json:"ann_train_seconds"`
	SNNSimSeconds    float64 `json:"snn_sim_seconds"`

	Input       string    `json:"input_coding"`
	MaxRateHz   float64   `json:"max_rate_hz"`
	Percentile  float64   `json:"percentile"`
	Lambda      []float64 `json:"lambda"`
	OutputShift float64   `json:"output_shift"`
	Synapse     string    `json:"synapse"`
	TauSynMs    float64   `json:"tau_syn_ms,omitempty"`
	TauMMs      float64   `json:"tau_m_ms"`
	TRefMs      float64   `json:"t_ref_ms"`
	DurationMs  float64   `json:"duration_ms"`
	DtMs        float64   `json:"dt_ms"`

	ByTime []TimeSummary `json:"snn_accuracy_by_time"`

	// The cost of one classification: the ANN's multiply-accumulates,
	// the SNN's spikes and synaptic events (spikes times their fan-out)
	// over the whole duration, and each SNN layer's mean rate.
	ANNMACsPerSample           int            `json:"ann_macs_per_sample"`
	SNNSpikesPerSample         float64        `json:"snn_spikes_per_sample"`
	SNNSynapticEventsPerSample float64        `json:"snn_synaptic_events_per_sample"`
	SNNLayers                  []LayerSummary `json:"snn_layers"`
}

// TimeSummary is one point of snn_accuracy_by_time.
type TimeSummary struct {
	TimeMs    float64 `json:"time_ms"`
	Accuracy  float64 `json:"accuracy"`
	Agreement float64 `json:"agreement"`
	Undecided int     `json:"undecided"`
	// mean per test sample, up to time_ms: the cost of reading out then
	SpikesPerSample         float64 `json:"spikes_per_sample"`
	SynapticEventsPerSample float64 `json:"synaptic_events_per_sample"`
}

// LayerSummary is the activity of one SNN layer over the test set.
type LayerSummary struct {
	Name       string  `json:"name"`
	Size       int     `json:"size"`
	MeanRateHz float64 `json:"mean_rate_hz"`
}

// Summary returns the comparison's figures.
func (r *Result) Summary() Summary {
	c := r.Config
	s := Summary{
		Dataset: c.Dataset, Classes: r.Data.Test.Classes, TrainSamples: r.Data.Train.Len(), TestSamples: r.Data.Test.Len(),
		Scaling: c.Scaling, Seed: c.Seed,
		Layers: r.Net.Layers(), Output: c.Output.String(), Loss: c.Loss.String(), Epochs: c.Epochs, BatchSize: c.BatchSize,
		LearningRate: c.LearningRate, Momentum: c.Momentum,
		ANNAccuracy: r.ANNAccuracy, ANNTrainAccuracy: r.ANNTrainAccuracy, SNNAccuracy: r.SNNAccuracy, Agreement: r.Agreement,
		SNNUndecided:    r.ByTime[len(r.ByTime)-1].Undecided,
		ANNTrainSeconds: roundSeconds(r.History.Wall.Seconds()), SNNSimSeconds: roundSeconds(r.Run.Wall.Seconds()),
		Input: c.Input, MaxRateHz: c.MaxRate, Percentile: c.Percentile, Lambda: r.Net.Lambda, OutputShift: r.Net.Shift,
		Synapse: c.Synapse, TauSynMs: c.TauSyn, TauMMs: r.SNN.TauM, TRefMs: c.TRef, DurationMs: c.Duration, DtMs: c.Dt,
	}
	for _, p := range r.ByTime {
		s.ByTime = append(s.ByTime, TimeSummary{TimeMs: p.Time, Accuracy: p.Accuracy, Agreement: p.Agreement, Undecided: p.Undecided,
			SpikesPerSample: p.Spikes, SynapticEventsPerSample: p.Events})
	}
	sizes := s.Layers
	for l := 1; l < len(sizes); l++ {
		s.ANNMACsPerSample += sizes[l] * sizes[l-1]
	}
	// Sizes of the SNN's layers, and the layer each one projects to.
	snnSizes := sizes[1:]
	if c.Input == Poisson {
		snnSizes = sizes
	}
	n := float64(len(r.Labels))
	for l, name := range r.Run.Layers {
		total := 0
		for k := range r.Run.Counts {
			for _, n := range r.Run.Counts[k][l] {
				total += n
			}
		}
		s.SNNSpikesPerSample += float64(total) / n
		if l+1 < len(snnSizes) {
			s.SNNSynapticEventsPerSample += float64(total) * float64(snnSizes[l+1]) / n
		}
		s.SNNLayers = append(s.SNNLayers, LayerSummary{Name: name, Size: snnSizes[l],
			MeanRateHz: float64(total) / (n * float64(snnSizes[l]) * c.Duration / 1000)})
	}
	return s
}

// roundSeconds keeps a wall-clock time to 0.1 ms.
func roundSeconds(s float64) float64 { return math.Round(s*1e4) / 1e4 }

// WriteJSON writes comparison.json.
func (r *Result) WriteJSON(w io.Writer) error {
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	return enc.Encode(r.Summary())
}

// className returns the name of class k, "undecided" for -1.
func (r *Result) className(k int) string {
	if k < 0 {
		return "undecided"
	}
	return r.Data.Test.Classes[k]
}

// WriteCSV writes comparison.csv: one row per test sample, its true
// class, the ANN's and the SNN's (at the full duration), and the spikes
// of each output neuron.
func (r *Result) WriteCSV(w io.Writer) error {
	cw := csv.NewWriter(w)
	head := []string{"sample", "true_label", "ann_class", "snn_class"}
	classes := r.Data.Test.Classes
	for _, c := range classes {
		head = append(head, "spikes_"+c)
	}
	if err := cw.Write(head); err != nil {
		return err
	}
	for k := range r.Labels {
		row := []string{strconv.Itoa(k), r.className(r.Labels[k]), r.className(r.ANN[k]), r.className(r.SNNOut[k])}
		for _, n := range r.Run.Counts[k][len(r.Run.Layers)-1] {
			row = append(row, strconv.Itoa(n))
		}
		if err := cw.Write(row); err != nil {
			return err
		}
	}
	cw.Flush()
	return cw.Error()
}

// WriteTransferCSV writes the transfer functions, one row per point:
// the curve, its normalised input and output, and for neurons the
// current (in its unit) and rate.
func WriteTransferCSV(w io.Writer, ts []Transfer) error {
	cw := csv.NewWriter(w)
	if err := cw.Write([]string{"curve", "input_normalised", "output_normalised", "current", "current_unit", "rate_hz", "rheobase"}); err != nil {
		return err
	}
	g := func(x float64) string { return strconv.FormatFloat(x, 'g', -1, 64) }
	for _, t := range ts {
		for i := range t.X {
			row := []string{t.Name, g(t.X[i]), g(t.Y[i]), "", "", "", ""}
			if t.Current != nil {
				row[3], row[4], row[5], row[6] = g(t.Current[i]), t.Unit, g(t.Rate[i]), g(t.Rheobase)
			}
			if err := cw.Write(row); err != nil {
				return err
			}
		}
	}
	cw.Flush()
	return cw.Error()
}

// Figure is a named figure of a comparison.
type Figure struct {
	Name string // file name without extension
	*plots.Figure
}

// curvePoints is the number of read-out times of the accuracy curve,
// t_i = end (i/curvePoints)^2: denser early, where it changes.
const curvePoints = 300

// accuracyCurves returns the SNN's accuracy and agreement with the ANN
// (%) read out at curvePoints times from 0 to end.
func (r *Result) accuracyCurves(end float64) (acc, agree plots.Curve) {
	classes := len(r.Data.Test.Classes)
	cls := make([]int, len(r.Labels))
	for i := 0; i <= curvePoints; i++ {
		t := end * math.Pow(float64(i)/curvePoints, 2)
		for k := range cls {
			cls[k] = Decide(r.Run.Output[k], classes, t)
		}
		acc.X, acc.Y = append(acc.X, t), append(acc.Y, 100*fraction(cls, r.Labels))
		agree.X, agree.Y = append(agree.X, t), append(agree.Y, 100*fraction(cls, r.ANN))
	}
	return acc, agree
}

// Figures draws the comparison's figures: the accuracy of both networks
// against simulated time, the ANN's training curves (loss and accuracy
// per epoch), and the raster of the SNN on test sample RasterSample.
// title heads them.
//
// The accuracy figure spans the whole run, unless both curves are
// constant after some time t_c before its second half: it then ends at
// 2 t_c, so that the approach can be seen, and its legend says so.
func (r *Result) Figures(title string) ([]Figure, error) {
	var out []Figure
	add := func(name string, f *plots.Figure, err error) error {
		if err != nil {
			return fmt.Errorf("compare: figure %s: %w", name, err)
		}
		out = append(out, Figure{name, f})
		return nil
	}
	c := r.Config
	acc, agree := r.accuracyCurves(c.Duration)
	settled := 0.0 // the last read-out time at which a curve changed
	for i := 1; i < len(acc.X); i++ {
		if acc.Y[i] != acc.Y[i-1] || agree.Y[i] != agree.Y[i-1] {
			settled = acc.X[i]
		}
	}
	acc.Name = "SNN"
	if end := 2 * settled; end > 0 && end < c.Duration {
		acc, agree = r.accuracyCurves(end)
		acc.Name = fmt.Sprintf("SNN (the same from %.3g to %g ms)", settled, c.Duration)
	}
	acc.Style = plots.Solid
	agree.Name, agree.Style = "SNN-ANN agreement", plots.Dotted
	end := acc.X[len(acc.X)-1]
	ann := plots.Curve{Name: "ANN", X: []float64{0, end}, Y: []float64{100 * r.ANNAccuracy, 100 * r.ANNAccuracy}, Style: plots.Dashed}
	f, err := plots.Lines(title+": test accuracy vs simulated time", "simulated time (ms)", "accuracy (%)", acc, ann, agree)
	if err := add("accuracy_vs_time", f, err); err != nil {
		return nil, err
	}
	var epoch, trLoss, teLoss, trAcc, teAcc []float64
	for _, e := range r.History.Curve {
		epoch = append(epoch, float64(e.Epoch))
		trLoss, teLoss = append(trLoss, e.TrainLoss), append(teLoss, e.TestLoss)
		trAcc, teAcc = append(trAcc, 100*e.TrainAccuracy), append(teAcc, 100*e.TestAccuracy)
	}
	loss := []plots.Curve{{Name: "training set", X: epoch, Y: trLoss}}
	accs := []plots.Curve{{Name: "training set", X: epoch, Y: trAcc}}
	if !Logic(c.Dataset) {
		loss = append(loss, plots.Curve{Name: "test set", X: epoch, Y: teLoss, Style: plots.Dashed})
		accs = append(accs, plots.Curve{Name: "test set", X: epoch, Y: teAcc, Style: plots.Dashed})
	}
	f, err = plots.Lines(title+": ANN training loss", "epoch", c.Loss.String()+" loss", loss...)
	if err := add("ann_loss", f, err); err != nil {
		return nil, err
	}
	f, err = plots.Lines(title+": ANN training accuracy", "epoch", "accuracy (%)", accs...)
	if err := add("ann_accuracy", f, err); err != nil {
		return nil, err
	}
	var spk []plots.Spikes
	for _, p := range r.Run.Shown.Populations {
		s := plots.Spikes{Name: p.Name, Size: p.Size}
		for _, sp := range p.Spikes {
			s.Neuron, s.Time = append(s.Neuron, sp.Neuron), append(s.Time, sp.Time)
		}
		spk = append(spk, s)
	}
	bin := 1.0
	for c.Duration/bin > 200 {
		bin *= 2
	}
	k := r.Run.ShownIndex
	f, err = plots.Raster(fmt.Sprintf("SNN on test sample %d (true class %s; ANN %s, SNN %s)", k,
		r.className(r.Labels[k]), r.className(r.ANN[k]), r.className(r.SNNOut[k])), plots.Binning{Start: 0, End: c.Duration, Bin: bin}, spk...)
	if err := add("snn_raster", f, err); err != nil {
		return nil, err
	}
	return out, nil
}
