package scenarios

import (
	"strings"
	"testing"
)

// base is a valid scenario the cases of TestProblems add to.
const base = `[simulation]
duration = "100 ms"
dt = "0.1 ms"

[[population]]
name = "hh"
model = "hodgkin-huxley"
size = 3
area = "20000 um^2"

[[population]]
name = "lif"
model = "lif"
size = 4
`

func TestProblems(t *testing.T) {
	if _, err := Parse("base.toml", []byte(base), nil); err != nil {
		t.Fatalf("base: %v", err)
	}
	// Each case adds text to base and must give exactly one problem,
	// containing want.
	for _, c := range []struct{ add, want string }{
		{"[[stimulus]]\ntarget = \"lif\"\nkind = \"step\"\ntimes = [\"10 ms\", \"10 ms\"]\namplitudes = [\"1 pA\", \"2 pA\"]",
			`stimulus[0].times[1] = "10 ms": times must be increasing: this one is not after 10 ms`},
		{"[[stimulus]]\ntarget = \"lif\"\nkind = \"step\"\ntimes = [\"10 ms\", \"20 ms\"]\namplitudes = [\"1 pA\"]",
			`stimulus[0].amplitudes = ["1 pA"]: 1 amplitudes for 2 times`},
		{"[[stimulus]]\ntarget = \"lif\"\nkind = \"spike-generator\"\ntimes = [\"10 ms\", \"5 ms\"]\nweight = \"1 mV\"",
			"times must be non-decreasing"},
		{"[[stimulus]]\ntarget = \"lif\"\nkind = \"spike-generator\"\ntimes = \"10 ms\"\nweight = \"1 mV\"",
			`stimulus[0].times = "10 ms": expected a list of times`},
		{"[[stimulus]]\ntarget = \"lif\"\nkind = \"spike-generator\"\ntimes = [\"-1 ms\"]\nweight = \"1 mV\"",
			"a time must be >= 0"},
		{"[[stimulus]]\ntarget = \"lif\"\nkind = \"dc\"\namplitude = \"1 pA\"\nstart = \"50 ms\"\nstop = \"50 ms\"",
			`stimulus[0].stop = "50 ms": must be after start (50 ms)`},
		{"[[stimulus]]\ntarget = \"lif\"\nkind = \"dc\"\namplitude = \"1 pA\"\nstart = \"-5 ms\"",
			`stimulus[0].start = "-5 ms": must be >= 0`},
		{"[[stimulus]]\ntarget = \"lif\"\nkind = \"noise\"\nstd = { normal = [\"1 pA\", \"-1 pA\"] }\ntau = \"1 ms\"",
			"the standard deviation must be >= 0"},
		{"[[stimulus]]\ntarget = \"lif\"\nkind = \"noise\"\nstd = [\"1 pA\", \"1 pA\", \"-1 pA\", \"1 pA\"]\ntau = \"1 ms\"",
			"stimulus[0].std[2]"},
		{"[[stimulus]]\ntarget = \"lif\"\nkind = \"noise\"\nstd = \"1 pA\"\ntau = \"0 ms\"",
			`stimulus[0].tau = "0 ms": must be positive`},
		{"[[stimulus]]\ntarget = \"lif\"\nkind = \"noise\"\nstd = \"1 pA\"",
			`stimulus[0].tau: missing; e.g. tau = "5 ms"`},
		{"[[stimulus]]\ntarget = \"lif\"\nkind = \"poisson\"\nrate = \"-1 Hz\"\nweight = \"1 mV\"",
			`stimulus[0].rate = "-1 Hz": must be >= 0`},
		{"[[stimulus]]\ntarget = \"lif\"\nkind = \"poisson\"\nrate = \"1 Hz\"\ncount = 0\nweight = \"1 mV\"",
			"stimulus[0].count = 0: must be from 1"},
		{"[[stimulus]]\ntarget = \"lif\"\nkind = \"poisson\"\nrate = \"1 Hz\"\nweight = \"1 mV\"\nsynapse = { kind = \"delta\", tau = \"1 ms\" }",
			"stimulus[0].synapse.tau: a delta synapse has no tau"},
		{"[[stimulus]]\ntarget = \"lif\"\nkind = \"poisson\"\nrate = \"1 Hz\"\nweight = \"1 pA\"\nsynapse = { kind = \"exp-current\", tau = \"1 ms\", e_rev = \"0 mV\" }",
			"a exp-current synapse has no reversal potential: it injects a current; use exp-conductance"},
		{"[[stimulus]]\ntarget = \"lif\"\nkind = \"poisson\"\nrate = \"1 Hz\"\nweight = \"1 pA\"\nsynapse = { kind = \"exp-current\" }",
			`stimulus[0].synapse.tau: missing`},
		{"[[stimulus]]\ntarget = \"lif\"\nkind = \"poisson\"\nrate = \"1 Hz\"\nweight = \"1 pA\"\nsynapse = { kind = \"exp-curent\", tau = \"1 ms\" }",
			`unknown synapse kind (did you mean "exp-current"?)`},
		{"[[stimulus]]\ntarget = \"lif\"\nkind = \"poisson\"\nrate = \"1 Hz\"\nweight = \"1 mV\"\nsynapse = { kind = \"delta\", knd = 1 }",
			`stimulus[0].synapse.knd: unknown key (did you mean "kind"?)`},
		{"[[stimulus]]\ntarget = \"lif\"\nkind = \"poisson\"\nrate = \"1 Hz\"\nweight = \"-1 nS\"\nsynapse = { kind = \"exp-conductance\", tau = \"1 ms\", e_rev = \"0 mV\" }",
			`stimulus[0].weight = "-1 nS": must be >= 0 (a conductance; inhibition comes from e_rev)`},
		{"[[stimulus]]\ntarget = \"hh\"\nkind = \"dc\"\namplitude = { linspace = [\"1 nA\"] }",
			"stimulus[0].amplitude.linspace = [\"1 nA\"]: expected two values"},
		{"[[stimulus]]\ntarget = \"hh\"\nkind = \"dc\"\namplitude = { linspace = [\"1 nA\", \"2 nA\"], uniform = [\"1 nA\", \"2 nA\"] }",
			"a per-neuron table has exactly one key"},
		{"[[stimulus]]\ntarget = \"hh\"\nkind = \"dc\"\namplitude = true",
			"stimulus[0].amplitude = true: expected a current density, not a boolean"},
		{"[[stimulus]]\ntarget = \"hh\"\nkind = \"dc\"\namplitude = \"1 nA\"\nfoo = 1",
			`stimulus[0].foo: unknown key; [[stimulus]] takes`},
		{"[[stimulus]]\ntarget = \"hh\"\namplitude = \"1 nA\"", `stimulus[0].kind: missing; e.g. kind = "dc"`},
		{"[[projection]]\nfrom = \"lif\"\nto = \"lif\"\nconnect = { rule = \"all-to-all\", p = 0.1 }\nweight = \"1 mV\"",
			`projection[0].connect.p: does not apply to rule "all-to-all", which takes rule, autapses`},
		{"[[projection]]\nfrom = \"lif\"\nto = \"lif\"\nconnect = { rule = \"fixed-probability\", p = \"0.1\" }\nweight = \"1 mV\"",
			`projection[0].connect.p = "0.1": expected a bare number, e.g. p = 0.02`},
		{"[[projection]]\nfrom = \"lif\"\nto = \"lif\"\nconnect = { rule = \"fixed-probability\" }\nweight = \"1 mV\"",
			`projection[0].connect.p: missing; e.g. connect = { rule = "fixed-probability", p = 0.02 }`},
		{"[[projection]]\nfrom = \"lif\"\nto = \"lif\"\nconnect = \"fixed-indegree\"\nweight = \"1 mV\"",
			`projection[0].connect.k: missing`},
		{"[[projection]]\nfrom = \"lif\"\nto = \"lif\"\nconnect = { rule = \"one-to-one\", autapses = \"no\" }\nweight = \"1 mV\"",
			`projection[0].connect.autapses = "no": expected true or false`},
		{"[[projection]]\nfrom = \"lif\"\nto = \"lif\"\nconnect = { rule = \"one-to-one\", autapses = false }\nweight = \"1 mV\"",
			"autapses = false removes every synapse"},
		{"[[projection]]\nfrom = \"lif\"\nto = \"hh\"\nconnect = { rule = \"fixed-outdegree\", k = 4 }\nweight = \"1 mV\"",
			`projection[0].connect.k = 4: each neuron needs 4 distinct targets in "hh", which has 3`},
		{"[[projection]]\nfrom = \"lif\"\nto = \"hh\"\nconnect = { rule = \"fixed-outdegree\", k = 4, multapses = true }\nweight = [\"1 mV\", \"2 mV\"]",
			"a list of 2 values for 3 neurons"},
		{"[[projection]]\nfrom = \"lif\"\nto = \"hh\"\nconnect = { rules = \"all-to-all\" }\nweight = \"1 mV\"",
			"projection[0].connect.rule: missing"},
		{"[[projection]]\nfrom = \"lif\"\nconnect = \"all-to-all\"\nweight = \"1 mV\"",
			"projection[0].to: missing"},
		{"[[projection]]\nfrom = \"lif\"\nto = \"lif\"\nconnect = \"all-to-all\"\nweight = \"1 mV\"\nweigth = 2",
			`projection[0].weigth: unknown key (did you mean "weight"?)`},
		{"[[projection]]\nfrom = \"lif\"\nto = \"lif\"\nconnect = \"all-to-all\"", `projection[0].weight: missing`},
		{"[[record]]\npopulation = \"lif\"\nneurons = \"some\"", `record[0].neurons = "some": expected "all" or a list`},
		{"[[record]]\npopulation = \"lif\"\nneurons = [0, 0]", "record[0].neurons[1] = 0: neuron 0 is listed twice"},
		{"[[record]]\npopulation = \"lif\"\nneurons = [-1]", "record[0].neurons[0] = -1: a neuron index is >= 0"},
		{"[[record]]\npopulation = \"lif\"\nneurons = [1.5]", "expected a neuron index (an integer), not a float"},
		{"[[record]]\npopulation = \"lif\"\nvariables = [\"v\", \"v\"]\nneurons = [0]", `record[0].variables[1] = "v": is listed twice`},
		{"[[record]]\npopulation = \"lif\"\nvariables = \"v\"\nneurons = [0]", `record[0].variables = "v": expected a list of state variable names`},
		{"[[record]]\npopulation = \"lif\"", `record[0].neurons: missing`},
		{"[[population]]\nname = \"x\"\nmodel = \"lif\"\nsize = 1\narea = [\"1 um^2\"]", `population[2].area = ["1 um^2"]: expected an area, not an array`},
		{"[[population]]\nname = \"x\"\nmodel = \"hodgkin-huxley\"\nsize = 1\narea = \"-1 um^2\"", `population[2].area = "-1 um^2": must be positive`},
		{"[[population]]\nname = \"x\"\nmodel = \"lif\"\nsize = 1\npreset = \"hopf\"", `population[2].preset = "hopf": model lif has no presets`},
		{"[[population]]\nname = \"x\"\nmodel = \"morris-lecar\"\nsize = 1\npreset = \"hopf\"\nparams = { preset = \"snlc\" }", "preset is given twice"},
		{"[[population]]\nname = \"x y\"\nmodel = \"lif\"\nsize = 1", `population[2].name = "x y": a name is a letter or "_"`},
		{"[[population]]\nname = \"x\"\nmodel = \"lif\"\nsize = 1\nparams = 3", "population[2].params = 3: expected a table, not an integer"},
		{"[[population]]\nname = \"x\"\nmodel = \"lif\"\nsize = 1\nparams.c_m = { normal = [\"-250 pF\", \"0 pF\"] }", "population[2].params.c_m: model lif rejects the parameters"},
		{"[[population]]\nname = \"x\"\nmodel = \"hodgkin-huxley\"\nsize = 2\nparams.q10 = \"3\"", `population[2].params.q10 = "3": expected a bare number, not a string, e.g. q10 = 3`},
		{"[[population]]\nname = \"x\"\nmodel = \"hodgkin-huxley\"\nsize = 2\nparams.q10 = nan", "population[2].params.q10 = NaN: expected a finite number"},
		{"[[population]]\nname = \"x\"\nmodel = \"hodgkin-huxley\"\nsize = 2\nparams.e_na = \"50 mv\"", `population[2].params.e_na = "50 mv": unknown unit "mv" (did you mean "mV"?); expected a voltage`},
		{"[[population]]\nname = \"x\"\nmodel = \"hodgkin-huxley\"\nsize = 2\nmethod = \"exact\"", `population[2].method = "exact": population "x" (model hodgkin-huxley) cannot use it`},
		{"[[population]]\nname = \"x\"\nmodel = \"lif\"\nsize = 2\nparams.c_m = \"1 pF\"\nparams.t_ref = \"1 pF\"\n[[stimulus]]\ntarget = \"x\"\nkind = \"dc\"\namplitude = \"1 mV\"",
			`population[2].params.t_ref = "1 pF": 1 pF is a capacitance; expected a time`},
		{"[simulation.x]\ny = 1", "simulation.x: unknown key"},
		{"[[stimulus]]\ntarget = \"lif\"\nkind = \"dc\"\namplitude = \"3\"", `stimulus[0].amplitude = "3": a number needs a unit: expected a current (pA), e.g. amplitude = "10 pA"`},
		{"[[stimulus]]\ntarget = \"lif\"\nkind = \"dc\"\namplitude = \"5 mV\"\n[[stimulus]]\ntarget = \"hh\"\nkind = \"dc\"\namplitude = \"5 mV\"",
			`stimulus[1].amplitude = "5 mV": 5 mV is a voltage; expected a current density`},
	} {
		_, err := Parse("p.toml", []byte(base+"\n"+c.add+"\n"), nil)
		if err == nil {
			t.Errorf("%q: no error, want %q", c.add, c.want)
			continue
		}
		if lines := strings.Split(err.Error(), "\n"); len(lines) != 1 || !strings.Contains(lines[0], c.want) {
			t.Errorf("%q:\n got %v\nwant one problem with %q", c.add, err, c.want)
		}
	}
}

func TestTitleType(t *testing.T) {
	_, err := Parse("t.toml", []byte("title = 3\n"+base), nil)
	if err == nil || err.Error() != `t.toml:1:9: title = 3: expected a string, not an integer, e.g. title = "Hodgkin-Huxley f-I curve"` {
		t.Errorf("got %v", err)
	}
}

func TestInlineArrayOfTables(t *testing.T) {
	// population = [{...}] is the same as [[population]]
	sc, err := Parse("inline.toml", []byte(`simulation = { duration = "10 ms", dt = "0.1 ms" }
population = [{ name = "a", model = "lif", size = 2 }, { name = "b", model = "lif", size = 3, init = { v = "-60 mV" } }]
`), nil)
	if err != nil {
		t.Fatal(err)
	}
	if len(sc.Populations) != 2 || sc.Populations[1].Size != 3 || !shared(sc.Populations[1].Init["v"], -60) {
		t.Errorf("populations %+v", sc.Populations)
	}
	_, err = Parse("inline.toml", []byte(`simulation = { duration = "10 ms", dt = "0.1 ms" }
population = [{ name = "a", model = "lif", size = 2 }, { name = "b", model = "lif", size = 0 }]
`), nil)
	if err == nil || err.Error() != "inline.toml:2:92: population[1].size = 0: must be from 1 to 100000000, e.g. size = 100" {
		t.Errorf("got %v", err)
	}
}

func TestNoCascade(t *testing.T) {
	// One mistake gives one problem, not one per value that depends on it.
	for _, c := range []struct{ src, want string }{
		{base + "[[population]]\nname = \"x\"\nmodel = \"hodgkin-huxley\"\nsize = 2\narea = \"20000 um\"\nparams.c_m = \"200 pF\"\n[[stimulus]]\ntarget = \"x\"\nkind = \"dc\"\namplitude = \"1 nA\"",
			`population[2].area = "20000 um": 20000 um is a length; expected an area`},
		{base + "[[population]]\nname = \"x\"\nmodel = \"lif\"\nsize = 2\nparams.c_m = \"200 nS\"\n[[stimulus]]\ntarget = \"x\"\nkind = \"dc\"\namplitude = \"1 mV\"",
			`population[2].params.c_m = "200 nS": 200 nS is a conductance; expected a capacitance`},
		{base + "[[population]]\nname = \"x\"\nmodel = \"lif\"\nsize = 2\nparams.c_m = \"-200 pF\"\n[[stimulus]]\ntarget = \"x\"\nkind = \"dc\"\namplitude = \"1 mV\"\n[[record]]\npopulation = \"x\"\nneurons = [1]",
			`population[2].params.c_m: model lif rejects the parameters`},
	} {
		_, err := Parse("c.toml", []byte(c.src), nil)
		if err == nil {
			t.Errorf("no error, want %q", c.want)
			continue
		}
		if lines := strings.Split(err.Error(), "\n"); len(lines) != 1 || !strings.Contains(lines[0], c.want) {
			t.Errorf("got %v\nwant one problem with %q", err, c.want)
		}
	}
}
