package main

import (
	"flag"
	"fmt"
	"io"
	"strconv"
	"text/tabwriter"

	_ "gospike/models/hodgkinhuxley" // registers hodgkin-huxley, traub-miles
	_ "gospike/models/lif"           // registers lif
	_ "gospike/models/morrislecar"   // registers morris-lecar
	"gospike/neuron"
)

func modelsCmd(args []string, stdout, stderr io.Writer) int {
	fs := flag.NewFlagSet("simulate models", flag.ContinueOnError)
	fs.SetOutput(stderr)
	fs.Usage = func() {
		fmt.Fprintln(stderr, "usage: simulate models\n\nLists every neuron model with its state variables, parameters, units, defaults and the publication the defaults come from.")
	}
	if err := fs.Parse(args); err != nil {
		if err == flag.ErrHelp {
			return exitOK
		}
		return exitBadInput
	}
	if fs.NArg() > 0 {
		fmt.Fprintf(stderr, "simulate models: unexpected argument %q\n", fs.Arg(0))
		return exitBadInput
	}
	writeModels(stdout, neuron.Models())
	return exitOK
}

// writeModels prints the models' own tables: the defaults shown are the
// values the code uses (neuron.Model.Params is the one table).
func writeModels(w io.Writer, models []neuron.Model) {
	for i, m := range models {
		if i > 0 {
			fmt.Fprintln(w)
		}
		u := m.Units()
		fmt.Fprintf(w, "%s: %s\n", m.Name(), m.Summary())
		units := fmt.Sprintf("current %s, conductance %s, capacitance %s", u.Current, u.Conductance, u.Capacitance)
		if u.Density {
			units += " (per membrane area; set the population's area to use absolute units)"
		}
		fmt.Fprintf(w, "  units: %s\n", units)
		fmt.Fprintln(w, "  state variables:")
		tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', 0)
		for _, v := range m.Vars() {
			fmt.Fprintf(tw, "    %s\t%s\t%s\n", v.Name, unitOrDash(v.Unit), v.Doc)
		}
		tw.Flush()
		fmt.Fprintln(w, "  parameters (name, default, unit, meaning, source):")
		tw = tabwriter.NewWriter(w, 0, 0, 2, ' ', 0)
		for _, p := range m.Params() {
			fmt.Fprintf(tw, "    %s\t%s\t%s\t%s\t%s\n", p.Name, strconv.FormatFloat(p.Default, 'g', -1, 64), unitOrDash(p.Unit), p.Doc, p.Source)
		}
		tw.Flush()
		if ps, ok := m.(neuron.Presetter); ok {
			fmt.Fprintln(w, "  presets (params.preset):")
			for _, p := range ps.Presets() {
				fmt.Fprintf(w, "    %s: %s (%s)\n", p.Name, formatPreset(m, p), p.Source)
			}
		}
		methods := []string{"euler", "rk4"}
		if _, ok := probe(m).(neuron.Linear); ok {
			methods = append(methods, "exponential-euler")
		}
		if _, ok := probe(m).(neuron.Exact); ok {
			methods = append(methods, "exact")
		}
		fmt.Fprintf(w, "  methods: %v\n", methods)
	}
}

// probe makes a one-neuron population with the defaults to ask which
// optional interfaces the model's populations implement.
func probe(m neuron.Model) neuron.Population {
	p, err := m.New(1, nil)
	if err != nil {
		return nil
	}
	return p
}

func formatPreset(m neuron.Model, p neuron.Preset) string {
	s := ""
	for _, par := range m.Params() {
		if x, ok := p.Values[par.Name]; ok {
			if s != "" {
				s += ", "
			}
			s += fmt.Sprintf("%s %s", par.Name, strconv.FormatFloat(x, 'g', -1, 64))
			if par.Unit != "" {
				s += " " + par.Unit
			}
		}
	}
	return s
}

func unitOrDash(u string) string {
	if u == "" {
		return "1"
	}
	return u
}
