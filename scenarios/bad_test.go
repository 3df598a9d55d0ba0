package scenarios

import (
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// want is one problem a bad file must report: where, and a distinctive
// part of the message (after "FILE:LINE:COL: ").
type want struct {
	at  string // "LINE:COL"
	msg string
}

// badFiles lists every file of testdata/bad with every problem it must
// report, in order, and no others.
var badFiles = map[string][]want{
	// the three bad files of /work/shared/checks/contract.sh, verbatim
	"unknown-top-key.toml": {
		{"1:1", "population: no [[population]]"},
		{"5:1", `simulation.durration: unknown key (did you mean "duration"?); [simulation] takes duration, dt, method, seed, threads`},
	},
	"time-in-volts.toml": {
		{"1:1", "population: no [[population]]"},
		{"3:6", `simulation.dt = "0.1 mV": 0.1 mV is a voltage; expected a time (ms), e.g. dt = "0.01 ms"`},
	},
	"unknown-model.toml": {{"8:9", `population[0].model = "hogkin-huxley": unknown model (did you mean "hodgkin-huxley"?); known: `}},

	"toml-syntax.toml":                   {{"3:14", "TOML syntax: strings cannot contain newlines"}},
	"bare-number.toml":                   {{"3:6", `simulation.dt = 0.01: a bare number needs a unit: expected a time (ms), e.g. dt = "0.01 ms"`}},
	"missing-duration.toml":              {{"1:1", `simulation.duration: missing; e.g. duration = "1000 ms"`}},
	"dt-longer-than-duration.toml":       {{"3:6", `simulation.dt = "2 ms": is longer than duration (1 ms)`}},
	"dt-negative.toml":                   {{"3:6", `simulation.dt = "-0.1 ms": must be positive, e.g. dt = "0.01 ms"`}},
	"not-whole-steps.toml":               {{"2:12", `simulation.duration = "10 ms": is not a whole number of steps of dt = 0.3 ms (33.3333 steps), e.g. duration = "9.9 ms"`}},
	"unknown-method.toml":                {{"4:10", `simulation.method = "rk45": unknown method (did you mean "rk4"?)`}},
	"exact-for-hh.toml":                  {{"4:10", `simulation.method = "exact": population "hh" (model hodgkin-huxley) cannot use it: exact integration needs linear subthreshold dynamics`}},
	"no-population.toml":                 {{"1:1", "population: no [[population]]: a scenario needs at least one"}},
	"size-zero.toml":                     {{"8:8", "population[0].size = 0: must be from 1 to 100000000, e.g. size = 100"}},
	"size-float.toml":                    {{"8:8", "population[0].size = 10.5: expected an integer, not a float, e.g. size = 100"}},
	"duplicate-name.toml":                {{"11:8", `population[1].name = "p": population[0] has this name already`}},
	"second-population.toml":             {{"17:9", `population[1].params.tau_m = "10 mV": 10 mV is a voltage; expected a time (ms), e.g. tau_m = "10 ms"`}},
	"unknown-param.toml":                 {{"10:1", `population[0].params.g_naa: model hodgkin-huxley has no parameter "g_naa" (did you mean "g_na"?); its parameters: c_m, g_na,`}},
	"quoted-key.toml":                    {{"10:1", `population[0].params."tau m": model lif has no parameter "tau m" (did you mean "tau_m"?)`}},
	"param-wrong-dimension.toml":         {{"10:7", `population[0].params.c_m = "1 mS/cm^2": 1 mS/cm^2 is a conductance density; expected a capacitance density (uF/cm^2), e.g. c_m = "1 uF/cm^2"`}},
	"dimensionless-with-unit.toml":       {{"9:18", `population[0].params.q10 = "3 ms": 3 ms has a unit, but q10 is dimensionless: write a bare number, e.g. q10 = 3`}},
	"model-rejects.toml":                 {{"11:11", "population[0].params.v_reset: model lif rejects the parameters: "}},
	"unknown-preset.toml":                {{"9:10", `population[0].preset = "snl": model morris-lecar has no preset "snl" (did you mean "snlc"?); presets: "hopf", "snlc"`}},
	"area-on-lif.toml":                   {{"9:8", `population[0].area = "20000 um^2": model lif works in absolute units (pA, nS, pF)`}},
	"init-unknown-variable.toml":         {{"10:1", `population[0].init.w: model lif has no state variable "w"`}},
	"uniform-reversed.toml":              {{"9:26", `population[0].init.v.uniform = ["-50 mV", "-60 mV"]: the lower bound is above the upper bound`}},
	"unknown-form.toml":                  {{"9:12", `population[0].init.v.linspac: unknown per-neuron form (did you mean "linspace"?)`}},
	"absolute-without-area.toml":         {{"13:13", `stimulus[0].amplitude = "0.5 nA": 0.5 nA is a current, but model hodgkin-huxley works per unit membrane area (uA/cm^2): set the population's area (e.g. area = "20000 um^2")`}},
	"voltage-for-density-current.toml":   {{"13:13", `stimulus[0].amplitude = "5 mV": 5 mV is a voltage; expected a current density (uA/cm^2), e.g. amplitude = "10 uA/cm^2"`}},
	"list-length.toml":                   {{"13:13", "a list of 3 values for 5 neurons: give one value per neuron, or one for all"}},
	"stimulus-target.toml":               {{"11:10", `stimulus[0].target = "hhh": no population is named "hhh" (did you mean "hh"?)`}},
	"unknown-stimulus-kind.toml":         {{"12:8", `stimulus[0].kind = "pulse": unknown stimulus kind; known: "dc", "step", "noise", "poisson", "spike-generator"`}},
	"key-not-for-kind.toml":              {{"14:1", `stimulus[0].rate: does not apply to kind "dc", which takes target, kind, amplitude, start, stop`}},
	"probability-range.toml":             {{"13:45", "projection[0].connect.p = 1.5: a probability is from 0 to 1, e.g. p = 0.02"}},
	"indegree-too-large.toml":            {{"13:42", `projection[0].connect.k = 10: each neuron needs 10 distinct sources in "p" other than itself (autapses = false), which has 9`}},
	"one-to-one-sizes.toml":              {{"18:20", `projection[0].connect.rule = "one-to-one": connects populations of the same size; "a" has 3 neurons and "b" 4`}},
	"delay-shorter-than-dt.toml":         {{"15:9", `projection[0].delay = "0.05 ms": is shorter than one step (dt = 0.1 ms)`}},
	"synapse-missing-erev.toml":          {{"14:1", `projection[0].synapse.e_rev: missing; e.g. e_rev = "0 mV"`}},
	"conductance-weight-as-current.toml": {{"15:10", `projection[0].weight = "1 nA": 1 nA is a current; expected a conductance (nS), e.g. weight = "1 nS"`}},
	"exact-with-conductance.toml":        {{"15:20", `projection[0].synapse.kind = "alpha-conductance": population "p" is integrated with method exact, which takes delta and exp-current synapses only`}},
	"record-variable.toml":               {{"12:19", `record[0].variables[1] = "V": model hodgkin-huxley has no state variable "V" (did you mean "v"?); its variables: v, m, h, n`}},
	"record-neuron-range.toml":           {{"12:15", `record[0].neurons[1] = 5: no such neuron: population "hh" has neurons 0 to 4`}},
	// receptors named by synapse = { ..., name = "ge" }
	"receptor-unknown-init.toml":     {{"11:1", `population[0].init.gee: model traub-miles has no state variable "gee" and no receptor onto population "exc" has that name (did you mean "ge"?); its variables: v, m, h, n; its named receptors' variables: ge`}},
	"receptor-name-clash.toml":       {{"15:76", `projection[0].synapse.name = "h": the receptor's variable "h" is a state variable of model hodgkin-huxley (population "hh") already; its variables: v, m, h, n; name the receptor otherwise, e.g. name = "gs"`}},
	"receptor-same-name.toml":        {{"28:79", `projection[1].synapse.name = "g": projection[0].synapse names receptor "g" onto population "exc" already, with other kinetics (exp-conductance, tau 5 ms, e_rev 0 mV; here exp-conductance, tau 10 ms, e_rev -80 mV)`}},
	"receptor-negative-init.toml":    {{"11:6", `population[0].init.gi = "-20 nS": must be >= 0 (a conductance), e.g. gi = "1 mS/cm^2"`}},
	"receptor-negative-mean.toml":    {{"11:18", `population[0].init.gi.normal[0] = "-200 nS": the mean must be >= 0 (a conductance); then the draws below 0 mS/cm^2 are set to 0 mS/cm^2`}},
	"receptor-other-population.toml": {{"12:1", `population[0].init.gi: model traub-miles has no state variable "gi"; its variables: v, m, h, n; a receptor with the variable "gi" acts on population "inh" (projection[0].synapse), not on "exc"`}},
	"receptor-record-unknown.toml":   {{"19:27", `record[0].variables[2] = "i_inh": model lif has no state variable "i_inh" and no receptor onto population "p" has that name (did you mean "i_in"?); its variables: v; its named receptors' variables: i_in, i_in_h`}},
	"receptor-name-syntax.toml": {
		{"14:56", `projection[0].synapse.name = "i-exc": a receptor's name is a letter or "_", then letters, digits or "_" (it names a state variable)`},
		{"21:29", `projection[1].synapse.name: a delta synapse has no state to name`},
	},
	// weights and delays drawn per synapse
	"weight-dist-reversed.toml":       {{"15:22", `projection[0].weight.uniform = ["2 nS", "1 nS"]: the lower bound is above the upper bound, e.g. weight = { uniform = ["1 nS", "2 nS"] }`}},
	"weight-dist-negative-sd.toml":    {{"15:31", `projection[0].weight.normal[1] = "-2 pA": the standard deviation must be >= 0, e.g. weight = { normal = ["1 pA", "0.1 pA"] }`}},
	"weight-dist-per-neuron-rmi.toml": {{"17:21", `projection[0].weight.normal = ["1.62 mV", "0.2 mV"]: a voltage stands for R_m*I = V c_m/tau_m, and c_m/tau_m differs between the neurons of population "lif": a weight drawn per synapse has one distribution for all of them; give mean and sd as currents (pA)`}},
	"weight-dist-negative-conductance.toml": {
		{"16:23", `projection[0].weight.uniform[0] = "-1 nS": the lower bound must be >= 0 (a conductance; inhibition comes from e_rev): every synapse draws its weight from [lo, hi)`},
		{"23:22", `projection[1].weight.normal[0] = "-67 nS": the mean must be >= 0 (a conductance; inhibition comes from e_rev); then each synapse draws its own weight, and draws below 0 mS/cm^2 are set to 0 mS/cm^2`},
	},
	"delay-normal.toml": {{"15:11", `projection[0].delay.normal: a delay drawn from a normal distribution falls below one step (dt = 0.1 ms) with some probability, which no synapse can have, and cutting the draws off would change the distribution; use a uniform range, e.g. delay = { uniform = ["1 ms", "3 ms"] }`}},
	// 7 s / 0.1 ms = 70000 steps; a synapse holds synapse.MaxDelaySteps = 65535
	"delay-dist.toml": {
		{"15:22", `projection[0].delay.uniform[0] = "0.05 ms": the lower bound is shorter than one step (dt = 0.1 ms): spikes take at least one step, e.g. delay = { uniform = ["0.1 ms", "3 ms"] }`},
		{"22:21", `projection[1].delay.uniform = ["3 ms", "1 ms"]: the lower bound is above the upper bound`},
		{"29:30", `projection[2].delay.uniform[1] = "7 s": the upper bound is 70000 steps of dt = 0.1 ms, more than the 65535 a synapse can hold`},
		{"36:11", `projection[3].delay.linspace: a delay is one time for every synapse, or drawn per synapse from a uniform range`},
	},
	"many-errors.toml": {
		{"4:6", `simulation.dt = "0.2 s": is longer than duration (100 ms)`},
		{"5:11", "simulation.threads = -1: must be from 0 to 1048576"},
		{"12:1", `population[0].params.tau: model lif has no parameter "tau" (did you mean "tau_m"?)`},
		{"17:13", `stimulus[0].amplitude = "1 mS": 1 mS is a conductance; expected a current (pA)`},
		{"20:14", `record[0].population = "inh": no population is named "inh"; populations: "exc"`},
	},
}

func TestBadFiles(t *testing.T) {
	files, _ := filepath.Glob("testdata/bad/*.toml")
	if len(files) < 25 {
		t.Fatalf("%d bad files, want at least 25", len(files))
	}
	for _, f := range files {
		name := filepath.Base(f)
		wants, ok := badFiles[name]
		if !ok {
			t.Errorf("%s: no expectations in badFiles", name)
			continue
		}
		_, err := Load(f, nil)
		if err == nil {
			t.Errorf("%s: no error", name)
			continue
		}
		lines := strings.Split(err.Error(), "\n")
		if len(lines) != len(wants) {
			t.Errorf("%s: %d problems, want %d:\n%v", name, len(lines), len(wants), err)
			continue
		}
		for i, w := range wants {
			prefix := f + ":" + w.at + ": "
			if !strings.HasPrefix(lines[i], prefix) || !strings.Contains(lines[i], w.msg) {
				t.Errorf("%s: problem %d is\n\t%s\nwant prefix %q and %q", name, i, lines[i], prefix, w.msg)
			}
		}
		// every line is an *Error
		if n := len(unjoin(err)); n != len(lines) {
			t.Errorf("%s: %d *Error values for %d lines", name, n, len(lines))
		}
	}
	for name := range badFiles {
		if _, err := os.Stat(filepath.Join("testdata", "bad", name)); err != nil {
			t.Errorf("badFiles lists %s: %v", name, err)
		}
	}
}

func TestErrorFields(t *testing.T) {
	_, err := Load("testdata/bad/second-population.toml", nil)
	var e *Error
	if !errors.As(err, &e) {
		t.Fatalf("%v is not an *Error", err)
	}
	want := Error{File: "testdata/bad/second-population.toml", Line: 17, Col: 9, Key: "population[1].params.tau_m", Given: `"10 mV"`}
	if e.File != want.File || e.Line != want.Line || e.Col != want.Col || e.Key != want.Key || e.Given != want.Given || e.Override != "" {
		t.Errorf("error %+v, want %+v", *e, want)
	}
}
