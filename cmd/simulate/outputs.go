package main

import (
	"bufio"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"math"
	"os"
	"runtime"
	"slices"
	"strconv"
	"sync"
	"sync/atomic"

	"gospike/network"
	"gospike/scenarios"
)

// outputs writes what a run recorded, as docs/scenario-format.md fixes it.
type outputs struct {
	sc    *scenarios.Scenario
	spec  *network.Spec
	res   *network.Result
	wall  float64
	svg   bool
	plots bool
	file  string
	extra []string // files written beside these, listed in summary.json (a comparison's)
}

// write stages every file, then moves them into dir: files appear whole
// or not at all.
func (o *outputs) write(dir string) error {
	st, err := newStaging(dir)
	if err != nil {
		return err
	}
	if err := o.writeAll(st); err != nil {
		st.discard()
		return err
	}
	return st.commit()
}

func (o *outputs) writeAll(st *staging) error {
	// Every file is a job: the figures first (the traces figure, the
	// longest, leading), then the CSV files; when the run may use more
	// than one thread, as many workers take them in that order, so the
	// long ones start first and the short ones fill in behind them.
	var drawn []string
	var jobs []func() error
	if o.plots {
		drawn, jobs = o.plotJobs(st)
	}
	data, csvJobs := o.csvJobs(st)
	jobs = append(jobs, csvJobs...)
	if err := runJobs(jobs, o.workers()); err != nil {
		return err
	}
	files := append(data, o.extra...)
	files = append(files, drawn...)
	return writeFile(st.path("summary.json"), func(w io.Writer) error { return o.writeSummary(w, files) })
}

// workers is how many goroutines write the outputs: the threads the run
// may use (all cores for 0, as network.Spec.Threads), at most
// GOMAXPROCS.
func (o *outputs) workers() int {
	n := o.sc.Simulation.Threads
	if n <= 0 {
		n = runtime.NumCPU()
	}
	return min(n, runtime.GOMAXPROCS(0))
}

// runJobs runs jobs on the given number of goroutines (at least one),
// each taking the next job in order, and returns their errors joined.
func runJobs(jobs []func() error, workers int) error {
	errs := make([]error, len(jobs))
	var next atomic.Int64
	var wg sync.WaitGroup
	for range max(1, min(workers, len(jobs))) {
		wg.Go(func() {
			for i := int(next.Add(1) - 1); i < len(jobs); i = int(next.Add(1) - 1) {
				errs[i] = jobs[i]()
			}
		})
	}
	wg.Wait()
	return errors.Join(errs...)
}

// csvJobs returns the jobs that write spikes.csv, traces.csv (when
// variables were recorded) and the f-I tables, and the names of the f-I
// tables.
func (o *outputs) csvJobs(st *staging) ([]string, []func() error) {
	jobs := []func() error{func() error { return writeFile(st.path("spikes.csv"), o.writeSpikes) }}
	if len(o.res.Traces.Columns) > 0 {
		jobs = append(jobs, func() error { return writeFile(st.path("traces.csv"), o.writeTraces) })
	}
	var data []string
	for p := range o.sc.Populations {
		if c, ok := o.fiCurve(p); ok {
			name := "fI_" + o.sc.Populations[p].Name + ".csv"
			jobs = append(jobs, func() error { return writeFile(st.path(name), func(w io.Writer) error { return writeFI(w, c) }) })
			data = append(data, name)
		}
	}
	return data, jobs
}

// writeFile creates path and fills it through a buffered writer.
func writeFile(path string, fill func(io.Writer) error) error {
	f, err := os.Create(path)
	if err != nil {
		return err
	}
	bw := bufio.NewWriterSize(f, 1<<16)
	if err := fill(bw); err != nil {
		f.Close()
		return err
	}
	if err := bw.Flush(); err != nil {
		f.Close()
		return err
	}
	return f.Close()
}

// spikeRow is one row of spikes.csv.
type spikeRow struct {
	pop, neuron int
	t           float64
}

// allSpikes returns every spike ordered by time, then population order in
// the file, then neuron index: a merge of the populations' lists, each
// already ordered by time, then neuron (network.PopulationResult).
func (o *outputs) allSpikes() []spikeRow {
	pops := o.res.Populations
	total := 0
	for _, pr := range pops {
		total += len(pr.Spikes)
	}
	rows := make([]spikeRow, 0, total)
	next := make([]int, len(pops)) // next unmerged spike of each population
	for len(rows) < total {
		best := -1
		for p, pr := range pops {
			if next[p] < len(pr.Spikes) && (best < 0 || pr.Spikes[next[p]].Time < pops[best].Spikes[next[best]].Time) {
				best = p // strict <: on equal times the earlier population wins
			}
		}
		s := pops[best].Spikes[next[best]]
		rows = append(rows, spikeRow{best, s.Neuron, s.Time})
		next[best]++
	}
	return rows
}

func (o *outputs) writeSpikes(w io.Writer) error {
	buf := []byte("population,neuron,time_ms\n")
	for _, r := range o.allSpikes() {
		buf = append(buf, o.res.Populations[r.pop].Name...)
		buf = append(buf, ',')
		buf = strconv.AppendInt(buf, int64(r.neuron), 10)
		buf = append(buf, ',')
		buf = strconv.AppendFloat(buf, r.t, 'f', -1, 64)
		buf = append(buf, '\n')
		if len(buf) > 1<<15 {
			if _, err := w.Write(buf); err != nil {
				return err
			}
			buf = buf[:0]
		}
	}
	_, err := w.Write(buf)
	return err
}

// writeFI writes an f-I curve: one row per neuron, its DC current (in the
// model's current unit) and its rate (1000 / mean ISI in the window, Hz).
func writeFI(w io.Writer, c fi) error {
	buf := []byte("neuron,current,current_unit,rate_hz\n")
	for i, x := range c.measured.X {
		buf = strconv.AppendInt(buf, int64(i), 10)
		buf = append(buf, ',')
		buf = strconv.AppendFloat(buf, x, 'g', -1, 64)
		buf = append(buf, ',')
		buf = append(buf, c.unit...)
		buf = append(buf, ',')
		buf = strconv.AppendFloat(buf, c.measured.Y[i], 'g', -1, 64)
		buf = append(buf, '\n')
	}
	_, err := w.Write(buf)
	return err
}

func (o *outputs) writeTraces(w io.Writer) error {
	tr := o.res.Traces
	buf := []byte("time_ms")
	for _, c := range tr.Columns {
		buf = append(buf, ',')
		buf = append(buf, c.Name...)
	}
	buf = append(buf, '\n')
	clock := newStepTimes(o.res.Dt)
	for i, t := range tr.Time {
		buf = clock.append(buf, i, t)
		for _, c := range tr.Columns {
			buf = append(buf, ',')
			buf = strconv.AppendFloat(buf, c.Values[i], 'g', -1, 64)
		}
		buf = append(buf, '\n')
		if len(buf) > 1<<15 {
			if _, err := w.Write(buf); err != nil {
				return err
			}
			buf = buf[:0]
		}
	}
	_, err := w.Write(buf)
	return err
}

type popSummary struct {
	Name       string   `json:"name"`
	Model      string   `json:"model"`
	Size       int      `json:"size"`
	Spikes     int      `json:"spikes"`
	MeanRateHz float64  `json:"mean_rate_hz"`
	CVISI      *float64 `json:"cv_isi"` // null when no neuron has two intervals
	Method     string   `json:"method"`
}

type projSummary struct {
	From            string  `json:"from"`
	To              string  `json:"to"`
	Synapses        int64   `json:"synapses"`
	Bytes           int64   `json:"bytes"`
	BytesPerSynapse float64 `json:"bytes_per_synapse"`
}

type summary struct {
	Title       string        `json:"title,omitempty"`
	Scenario    string        `json:"scenario"`
	Populations []popSummary  `json:"populations"`
	Projections []projSummary `json:"projections,omitempty"`
	Synapses    int64         `json:"synapses"`
	// BytesPerSynapse is the connectivity's memory over all projections,
	// index structures included, per synapse.
	BytesPerSynapse float64  `json:"bytes_per_synapse,omitempty"`
	DurationMs      float64  `json:"duration_ms"`
	SimulatedMs     float64  `json:"simulated_ms"`
	DtMs            float64  `json:"dt_ms"`
	Method          string   `json:"method"`
	Seed            uint64   `json:"seed"`
	Threads         int      `json:"threads"`
	WallSeconds     float64  `json:"wall_seconds"`
	Partial         bool     `json:"partial"`
	Files           []string `json:"files"`
}

// summary assembles summary.json; extra are the files written besides
// spikes.csv, traces.csv and summary.json (f-I tables, figures, a
// comparison's files).
func (o *outputs) summary(extra []string) summary {
	s := summary{
		Title:       o.sc.Title,
		Scenario:    o.file,
		DurationMs:  o.sc.Simulation.Duration,
		SimulatedMs: o.res.Duration,
		DtMs:        o.sc.Simulation.Dt,
		Method:      o.sc.Simulation.Method,
		Seed:        o.sc.Simulation.Seed,
		Threads:     o.res.Threads,
		WallSeconds: math.Round(o.wall*1e4) / 1e4,
		Partial:     o.res.Partial,
	}
	for p, pr := range o.res.Populations {
		ps := popSummary{Name: pr.Name, Model: o.sc.Populations[p].Model.Name(), Size: pr.Size, Spikes: pr.Count,
			MeanRateHz: pr.MeanRate, Method: o.sc.Populations[p].Method}
		if !math.IsNaN(pr.MeanCV) {
			cv := pr.MeanCV
			ps.CVISI = &cv
		}
		s.Populations = append(s.Populations, ps)
	}
	var bytes int64
	for _, pr := range o.res.Projections {
		s.Projections = append(s.Projections, projSummary(pr))
		s.Synapses += pr.Synapses
		bytes += pr.Bytes
	}
	if s.Synapses > 0 {
		s.BytesPerSynapse = float64(bytes) / float64(s.Synapses)
	}
	s.Files = []string{"spikes.csv"}
	if len(o.res.Traces.Columns) > 0 {
		s.Files = append(s.Files, "traces.csv")
	}
	s.Files = append(s.Files, extra...)
	s.Files = append(s.Files, "summary.json")
	slices.Sort(s.Files)
	return s
}

func (o *outputs) writeSummary(w io.Writer, extra []string) error {
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	return enc.Encode(o.summary(extra))
}

// report prints a short account of the run on stdout.
func (o *outputs) report(w io.Writer, dir string) {
	threads := "threads"
	if o.res.Threads == 1 {
		threads = "thread"
	}
	fmt.Fprintf(w, "%s: %g ms at dt %g ms in %.2f s (%d %s)\n", o.file, o.res.Duration, o.sc.Simulation.Dt, o.wall, o.res.Threads, threads)
	for _, pr := range o.res.Populations {
		cv := ""
		if !math.IsNaN(pr.MeanCV) {
			cv = fmt.Sprintf(", CV of ISI %.2f", pr.MeanCV)
		}
		fmt.Fprintf(w, "  %-12s %7d neurons %9d spikes  %8.2f Hz%s\n", pr.Name, pr.Size, pr.Count, pr.MeanRate, cv)
	}
	fmt.Fprintf(w, "wrote %s\n", dir)
}
