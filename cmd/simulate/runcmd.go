package main

import (
	"context"
	"flag"
	"fmt"
	"io"
	"os"
	"os/signal"
	"path/filepath"
	"runtime/pprof"
	"strings"
	"syscall"
	"time"

	"gospike/network"
	"gospike/scenarios"
)

func runCmd(args []string, stdout, stderr io.Writer) int {
	fs := flag.NewFlagSet("simulate run", flag.ContinueOnError)
	fs.SetOutput(stderr)
	out := fs.String("out", "", "output folder (default out/<file name without .toml>)")
	threads := fs.Int("threads", -1, "worker threads; 0 = all cores (default: the scenario's simulation.threads)")
	svg := fs.Bool("svg", false, "write SVG plots beside the PNGs")
	noPlots := fs.Bool("no-plots", false, "write no plots (CSV and JSON only)")
	quiet := fs.Bool("q", false, "no progress bar")
	cpuprofile := fs.String("cpuprofile", "", "write a CPU profile of building the network, the run and the outputs to `FILE`")
	var sets multiFlag
	fs.Var(&sets, "set", "override a scenario value, `KEY=VALUE` (repeatable), e.g. -set simulation.dt=\"0.05 ms\"")
	fs.Usage = func() {
		fmt.Fprintln(stderr, "usage: simulate run [flags] FILE.toml\n\nRuns a scenario and writes spikes.csv, traces.csv, summary.json and plots into the output folder.\nExit status: 0 done, 1 the run failed (outputs so far written, marked partial), 2 bad command line or scenario, 130 interrupted.\n\nflags:")
		fs.PrintDefaults()
	}
	file, code, ok := oneFile(fs, args, stderr)
	if !ok {
		return code
	}
	if *threads < -1 {
		fmt.Fprintf(stderr, "simulate run: -threads %d: must be >= 0 (0 = all cores)\n", *threads)
		return exitBadInput
	}
	sc, err := scenarios.Load(file, sets)
	if err != nil {
		fmt.Fprintln(stderr, err)
		return exitBadInput
	}
	if *out == "" {
		*out = filepath.Join("out", strings.TrimSuffix(filepath.Base(file), filepath.Ext(file)))
	}
	if *threads >= 0 {
		sc.Simulation.Threads = *threads
	}
	if sc.Comparison != nil { // compare.go
		ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
		defer stop()
		return runComparison(ctx, sc, file, *out, *svg, !*noPlots, stdout, stderr)
	}
	// The profile covers building the network, the run and the outputs;
	// a run refused while it is built leaves no profile behind.
	stopProfile := func(keep bool) {}
	if *cpuprofile != "" {
		f, err := os.Create(*cpuprofile)
		if err != nil {
			fmt.Fprintf(stderr, "simulate run: %v\n", err)
			return exitBadInput
		}
		if err := pprof.StartCPUProfile(f); err != nil {
			f.Close()
			os.Remove(*cpuprofile)
			fmt.Fprintf(stderr, "simulate run: %v\n", err)
			return exitBadInput
		}
		stopProfile = func(keep bool) {
			pprof.StopCPUProfile()
			f.Close()
			if !keep {
				os.Remove(*cpuprofile)
			}
		}
	}
	spec, err := scenarios.Build(sc)
	if err != nil {
		stopProfile(false)
		fmt.Fprintf(stderr, "%s: %v\n", file, err)
		return exitBadInput
	}
	nw, err := network.New(spec)
	if err != nil {
		stopProfile(false)
		fmt.Fprintf(stderr, "%s: %v\n", file, err)
		return exitBadInput
	}
	defer stopProfile(true)

	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	bar := newProgress(stderr, spec.Duration, *quiet)
	start := time.Now()
	res, runErr := nw.Run(ctx, bar.update)
	wall := time.Since(start).Seconds()
	bar.finish()
	interrupted := ctx.Err() != nil
	stop()

	if res == nil { // nothing recorded at all
		fmt.Fprintf(stderr, "%s: %v\n", file, runErr)
		return exitRunFailed
	}
	o := outputs{sc: sc, spec: &spec, res: res, wall: wall, svg: *svg, plots: !*noPlots, file: file}
	if err := o.write(*out); err != nil {
		fmt.Fprintf(stderr, "simulate run: writing %s: %v\n", *out, err)
		return exitRunFailed
	}
	switch {
	case interrupted:
		fmt.Fprintf(stderr, "interrupted at %g ms; wrote what was recorded into %s (summary.json: \"partial\": true)\n", res.Duration, *out)
		return exitInterrupted
	case runErr != nil:
		fmt.Fprintf(stderr, "%s: %v\nwrote what was recorded up to %g ms into %s (summary.json: \"partial\": true)\n", file, runErr, res.Duration, *out)
		return exitRunFailed
	}
	o.report(stdout, *out)
	return exitOK
}

func checkCmd(args []string, stdout, stderr io.Writer) int {
	fs := flag.NewFlagSet("simulate check", flag.ContinueOnError)
	fs.SetOutput(stderr)
	var sets multiFlag
	fs.Var(&sets, "set", "override a scenario value, `KEY=VALUE` (repeatable)")
	fs.Usage = func() {
		fmt.Fprintln(stderr, "usage: simulate check [-set KEY=VALUE]... FILE.toml\n\nValidates a scenario without running it: every error of the file at once, as FILE:LINE:COL: message.\nAlso builds the network's plan (memory estimate) without connecting it.\nExit status 0 when valid, 2 otherwise.\n\nflags:")
		fs.PrintDefaults()
	}
	file, code, ok := oneFile(fs, args, stderr)
	if !ok {
		return code
	}
	sc, err := scenarios.Load(file, sets)
	if err != nil {
		fmt.Fprintln(stderr, err)
		return exitBadInput
	}
	if sc.Comparison != nil { // compare.go
		if _, err := comparisonConfig(sc); err != nil {
			fmt.Fprintf(stderr, "%s: %v\n", file, err)
			return exitBadInput
		}
		fmt.Fprintf(stdout, "%s: ok: comparison on data set %s, %g ms per test sample at dt %g ms\n", file, sc.Comparison.Dataset, sc.Simulation.Duration, sc.Simulation.Dt)
		return exitOK
	}
	spec, err := scenarios.Build(sc)
	if err != nil {
		fmt.Fprintf(stderr, "%s: %v\n", file, err)
		return exitBadInput
	}
	mem, err := network.Estimate(&spec)
	if err != nil {
		fmt.Fprintf(stderr, "%s: %v\n", file, err)
		return exitBadInput
	}
	n := 0
	for _, p := range sc.Populations {
		n += p.Size
	}
	fmt.Fprintf(stdout, "%s: ok: %d populations, %d neurons, %d projections, %d stimuli, %g ms at dt %g ms; about %.3g synapses, %s of memory\n",
		file, len(sc.Populations), n, len(sc.Projections), len(sc.Stimuli), sc.Simulation.Duration, sc.Simulation.Dt, mem.Synapses, network.FormatBytes(mem.Total))
	if err := mem.Fits(); err != nil {
		// Valid, but not runnable here: say so before anyone waits for it.
		fmt.Fprintf(stderr, "%s: warning: simulate run refuses this scenario on this machine: %v\n", file, err)
	}
	return exitOK
}
