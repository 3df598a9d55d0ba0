package main

import (
	"context"
	"fmt"
	"io"
	"time"

	"gospike/ann"
	"gospike/compare"
	"gospike/network"
	"gospike/neuron"
	"gospike/scenarios"
)

// comparisonConfig turns the scenario's [comparison] (validated by the
// loader) and [simulation] into compare's settings.
func comparisonConfig(sc *scenarios.Scenario) (compare.Config, error) {
	c := sc.Comparison
	cfg := compare.Config{
		Dataset: c.Dataset, TestFraction: c.TestFraction, Samples: c.Samples, Noise: c.Noise, Factor: c.Factor,
		Scaling: c.Scaling, Seed: sc.Simulation.Seed,
		Hidden: c.Hidden, Epochs: c.Epochs, BatchSize: c.BatchSize, LearningRate: c.LearningRate,
		Momentum: c.Momentum, HasMomentum: c.HasMomentum,
		Input: c.Input, MaxRate: c.MaxRate, Percentile: c.Percentile, Synapse: c.Synapse, TauSyn: c.TauSyn,
		Duration: sc.Simulation.Duration, Dt: sc.Simulation.Dt, ReportTimes: c.ReportTimes,
		TauM: c.TauM, TRef: c.TRef, Threads: sc.Simulation.Threads, RasterSample: c.RasterSample,
	}
	if c.Output != "" {
		a, err := ann.ParseActivation(c.Output)
		if err != nil {
			return cfg, err
		}
		cfg.Output = a
	}
	if c.Loss != "" {
		l, err := ann.ParseLoss(c.Loss)
		if err != nil {
			return cfg, err
		}
		cfg.Loss = l
	}
	cfg = cfg.Defaults()
	return cfg, cfg.Validate()
}

// runComparison runs a scenario's [comparison] and writes, through the
// same staging as a network run (files appear whole or not at all),
// comparison.json, comparison.csv, transfer_functions.csv, their figures,
// and the usual spikes.csv and summary.json of the SNN on the raster's
// test sample.
func runComparison(ctx context.Context, sc *scenarios.Scenario, file, out string, svg, plots bool, stdout, stderr io.Writer) int {
	cfg, err := comparisonConfig(sc)
	if err != nil {
		fmt.Fprintf(stderr, "%s: %v\n", file, err)
		return exitBadInput
	}
	start := time.Now()
	res, err := compare.Run(ctx, cfg)
	if err != nil {
		fmt.Fprintf(stderr, "%s: %v\n", file, err)
		if ctx.Err() != nil {
			return exitInterrupted
		}
		return exitRunFailed
	}
	transfer, err := compare.TransferFunctions()
	if err != nil {
		fmt.Fprintf(stderr, "%s: %v\n", file, err)
		return exitRunFailed
	}
	wall := time.Since(start).Seconds()

	st, err := newStaging(out)
	if err != nil {
		fmt.Fprintf(stderr, "simulate run: writing %s: %v\n", out, err)
		return exitRunFailed
	}
	files, err := writeComparison(st, sc, res, transfer, svg, plots)
	if err == nil {
		o := sampleOutputs(sc, res, file, wall)
		o.extra = files
		err = o.writeAll(st)
	}
	if err == nil {
		err = st.commit()
	} else {
		st.discard()
	}
	if err != nil {
		fmt.Fprintf(stderr, "simulate run: writing %s: %v\n", out, err)
		return exitRunFailed
	}
	s := res.Summary()
	fmt.Fprintf(stdout, "%s: %s, %d training and %d test samples, network %v, %s input\n", file, s.Dataset, s.TrainSamples, s.TestSamples, s.Layers, s.Input)
	fmt.Fprintf(stdout, "  ANN  test accuracy %.4f (training %.4f), trained in %.3f s; %d multiply-accumulates per sample\n", s.ANNAccuracy, s.ANNTrainAccuracy, s.ANNTrainSeconds, s.ANNMACsPerSample)
	fmt.Fprintf(stdout, "  SNN  test accuracy %.4f after %g ms per sample, agreement with the ANN %.4f, simulated in %.3f s\n", s.SNNAccuracy, s.DurationMs, s.Agreement, s.SNNSimSeconds)
	for _, p := range s.ByTime {
		fmt.Fprintf(stdout, "       at %6g ms: accuracy %.4f, agreement %.4f, undecided %d; %.0f synaptic events per sample\n", p.TimeMs, p.Accuracy, p.Agreement, p.Undecided, p.SynapticEventsPerSample)
	}
	fmt.Fprintf(stdout, "wrote %s\n", out)
	return exitOK
}

// writeComparison stages the comparison's own files and returns their
// names.
func writeComparison(st *staging, sc *scenarios.Scenario, res *compare.Result, transfer []compare.Transfer, svg, plots bool) ([]string, error) {
	files := []string{"comparison.json", "comparison.csv", "transfer_functions.csv"}
	if err := writeFile(st.path("comparison.json"), res.WriteJSON); err != nil {
		return nil, err
	}
	if err := writeFile(st.path("comparison.csv"), res.WriteCSV); err != nil {
		return nil, err
	}
	if err := writeFile(st.path("transfer_functions.csv"), func(w io.Writer) error { return compare.WriteTransferCSV(w, transfer) }); err != nil {
		return nil, err
	}
	if !plots {
		return files, nil
	}
	title := sc.Title
	if title == "" {
		title = sc.Comparison.Dataset
	}
	figs, err := res.Figures(title)
	if err != nil {
		return nil, err
	}
	tf, err := compare.TransferFigure(transfer)
	if err != nil {
		return nil, err
	}
	figs = append(figs, compare.Figure{Name: "transfer_functions", Figure: tf})
	exts := []string{".png"}
	if svg {
		exts = append(exts, ".svg")
	}
	for _, f := range figs {
		for _, ext := range exts {
			if err := f.Save(st.path(f.Name + ext)); err != nil {
				return nil, err
			}
			files = append(files, f.Name+ext)
		}
	}
	return files, nil
}

// sampleOutputs describes the SNN on the raster's test sample as a network run, so
// that spikes.csv and summary.json are written as for any scenario.
func sampleOutputs(sc *scenarios.Scenario, res *compare.Result, file string, wall float64) *outputs {
	first := res.Shown()
	lif, _ := neuron.Lookup("lif")
	one := &scenarios.Scenario{File: sc.File, Title: sc.Title, Simulation: sc.Simulation}
	one.Simulation.Method = "exact"
	for _, p := range first.Populations {
		one.Populations = append(one.Populations, scenarios.Population{Name: p.Name, Model: lif, Size: p.Size, Method: "exact"})
	}
	return &outputs{sc: one, spec: &network.Spec{Dt: first.Dt, Duration: first.Duration}, res: first, wall: wall, file: file}
}
