package main

import (
	"errors"
	"flag"
	"fmt"
	"io"
	"strings"
)

// Exit statuses, as docs/scenario-format.md fixes them.
const (
	exitOK          = 0
	exitRunFailed   = 1   // the run failed while running (diverged)
	exitBadInput    = 2   // bad command line or bad scenario
	exitInterrupted = 130 // Ctrl-C
)

const usage = `simulate runs spiking neuron network scenarios written as TOML files.

usage:
  simulate run [flags] FILE.toml     run a scenario, write spikes.csv, traces.csv, summary.json and plots
  simulate check FILE.toml           validate a scenario without running it
  simulate models                    list the neuron models, their parameters, units, defaults and sources

Run 'simulate COMMAND -h' for the flags of a command.
`

// run is the whole command; main only calls it.
func run(args []string, stdout, stderr io.Writer) int {
	if len(args) == 0 {
		fmt.Fprint(stderr, usage)
		return exitBadInput
	}
	switch args[0] {
	case "run":
		return runCmd(args[1:], stdout, stderr)
	case "check":
		return checkCmd(args[1:], stdout, stderr)
	case "models":
		return modelsCmd(args[1:], stdout, stderr)
	case "-h", "-help", "--help", "help":
		fmt.Fprint(stdout, usage)
		return exitOK
	}
	fmt.Fprintf(stderr, "simulate: unknown command %q\n\n%s", args[0], usage)
	return exitBadInput
}

// parseInterspersed parses flags that may stand before and after the
// positional arguments, as users type them ("run file.toml -out x").
func parseInterspersed(fs *flag.FlagSet, args []string) ([]string, error) {
	var pos []string
	for {
		if err := fs.Parse(args); err != nil {
			return nil, err
		}
		rest := fs.Args()
		if len(rest) == 0 {
			return pos, nil
		}
		pos = append(pos, rest[0])
		args = rest[1:]
	}
}

// oneFile parses fs's flags, which may stand before and after the one
// scenario file the command takes, and returns that file; when ok is
// false the command ends with code (help asked for, or a bad command line).
func oneFile(fs *flag.FlagSet, args []string, stderr io.Writer) (file string, code int, ok bool) {
	pos, err := parseInterspersed(fs, args)
	if err != nil {
		if errors.Is(err, flag.ErrHelp) {
			return "", exitOK, false
		}
		return "", exitBadInput, false
	}
	if len(pos) != 1 {
		fmt.Fprintf(stderr, "%s: want exactly one scenario file, got %d arguments\n", fs.Name(), len(pos))
		fs.Usage()
		return "", exitBadInput, false
	}
	return pos[0], exitOK, true
}

// multiFlag collects a repeatable string flag (-set KEY=VALUE).
type multiFlag []string

func (m *multiFlag) String() string     { return strings.Join(*m, " ") }
func (m *multiFlag) Set(v string) error { *m = append(*m, v); return nil }
