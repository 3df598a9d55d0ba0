package scenarios

import (
	"context"
	"math"
	"reflect"
	"strings"
	"testing"

	"gospike/network"
	"gospike/synapse"
)

// normalCDF is the standard normal distribution function.
func normalCDF(x float64) float64 { return 0.5 * math.Erfc(-x/math.Sqrt2) }

// normalPDF is the standard normal density.
func normalPDF(x float64) float64 { return math.Exp(-x*x/2) / math.Sqrt(2*math.Pi) }

func TestNamedReceptors(t *testing.T) {
	sc := load(t, "named_receptors.toml")
	exc, inh, lif := sc.Populations[0], sc.Populations[1], sc.Populations[2]

	// The synapse tables carry their names; delta and unnamed ones none.
	if s := sc.Projections[2].Synapse; s != (Synapse{Kind: "exp-conductance", Tau: 10, ERev: -80, Name: "gi"}) {
		t.Errorf("projection 2 synapse %+v", s)
	}
	if s := sc.Stimuli[0].Synapse; s.Name != "" {
		t.Errorf("unnamed stimulus synapse %+v", s)
	}
	if s := sc.Stimuli[1].Synapse; s != (Synapse{Kind: "alpha-conductance", Tau: 1, Name: "ga"}) {
		t.Errorf("stimulus 1 synapse %+v", s)
	}

	// Values by hand, area A = 20000 um^2 = 2e-4 cm^2 (1 um^2 = 1e-8 cm^2),
	// 1 nS = 1e-6 mS: 6 nS / A = 0.03 mS/cm^2; 67 nS / A = 0.335;
	// linspace 0..2 nS over 3 neurons is 0, 1, 2 nS = 0, 0.005, 0.01.
	checkValues(t, "inh ge", inh.Init["ge"], []float64{0.03, 0.03, 0.03})
	checkValues(t, "inh gi", inh.Init["gi"], []float64{0, 0.335, 0.335})
	checkValues(t, "inh ga", inh.Init["ga"], []float64{0, 0.005, 0.01})
	if !shared(inh.Init["ga_h"], 0.5) {
		t.Errorf("inh ga_h = %v, want 0.5 mS/cm^2 for every neuron", inh.Init["ga_h"])
	}
	// A current receptor of a lif neuron takes pA, or mV as R_m*I:
	// 2 mV * c_m/tau_m = 2 * 250 pF / 10 ms = 50 pA.
	checkValues(t, "lif ie", lif.Init["ie"], []float64{50, -30})

	// exc: Brian2's COBAHH draws, ge ~ normal(40 nS, 15 nS) = normal(0.2,
	// 0.075) mS/cm^2 and gi ~ normal(200 nS, 120 nS) = normal(1, 0.6)
	// mS/cm^2, with draws below 0 set to 0. For X = max(0, N(mu, s^2)):
	// P(X = 0) = Phi(-mu/s), E[X] = mu Phi(mu/s) + s phi(mu/s). The
	// checks allow 5 standard errors of 2000 draws (the standard deviation
	// of X is at most s; that of the zero count is sqrt(n p (1-p))).
	for _, c := range []struct {
		name  string
		mu, s float64
	}{{"ge", 0.2, 0.075}, {"gi", 1, 0.6}} {
		x := exc.Init[c.name].PerNeuron
		n := float64(len(x))
		if len(x) != exc.Size {
			t.Fatalf("exc %s: %d values for %d neurons", c.name, len(x), exc.Size)
		}
		zeros, sum := 0.0, 0.0
		for _, v := range x {
			if v < 0 {
				t.Fatalf("exc %s has a negative initial conductance %v", c.name, v)
			}
			if v == 0 {
				zeros++
			}
			sum += v
		}
		p := normalCDF(-c.mu / c.s)
		if se := math.Sqrt(n * p * (1 - p)); math.Abs(zeros-n*p) > 5*se+1 {
			t.Errorf("exc %s: %v draws set to 0, want %.1f +- %.1f", c.name, zeros, n*p, 5*se+1)
		}
		mean := c.mu*normalCDF(c.mu/c.s) + c.s*normalPDF(c.mu/c.s)
		if se := c.s / math.Sqrt(n); math.Abs(sum/n-mean) > 5*se {
			t.Errorf("exc %s: mean %v mS/cm^2, want %v +- %v", c.name, sum/n, mean, 5*se)
		}
	}
	// gi: P(N(200, 120) < 0) = Phi(-5/3) = 4.8 %: about 96 of 2000 neurons
	// (the fraction Brian2 leaves negative)
	if p := normalCDF(-1 / 0.6); math.Abs(p-0.0478) > 0.0001 {
		t.Errorf("Phi(-5/3) = %v", p)
	}

	// Records: indices into the model's variables (v m h n), then the
	// receptors' in the network's order, projections first: exc has ge
	// (projection 0), gi (projection 2), then the unnamed exp-conductance
	// of stimulus 0 (syn2); stimulus 2 shares ge. inh has ge, gi, then ga
	// and ga_h (stimulus 1). lif has v, then ie.
	wantVars := [][]int{{0, 4, 5}, {7, 4, 6}, {1, 0}}
	for k, want := range wantVars {
		if got := sc.Records[k].Vars; !reflect.DeepEqual(got, want) {
			t.Errorf("record %d: Vars %v, want %v", k, got, want)
		}
	}

	spec, err := Build(sc)
	if err != nil {
		t.Fatal(err)
	}
	if r := spec.Projections[2].Receptor; r != (synapse.Receptor{Kind: synapse.ExpConductance, Tau: 10, ERev: -80, Name: "gi"}) {
		t.Errorf("projection 2 receptor %+v", r)
	}
	if r := spec.Stimuli[1].Receptor; r.Name != "ga" {
		t.Errorf("stimulus 1 receptor %+v", r)
	}
	// the network lists the same variables at the same indices
	wantNames := [][]string{{"v", "m", "h", "n", "ge", "gi", "syn2"}, {"v", "m", "h", "n", "ge", "gi", "ga", "ga_h"}, {"v", "ie"}}
	for p, want := range wantNames {
		vars, err := spec.StateVars(p)
		if err != nil {
			t.Fatal(err)
		}
		var got []string
		for _, v := range vars {
			got = append(got, v.Name)
		}
		if !reflect.DeepEqual(got, want) {
			t.Errorf("population %d: state variables %v, want %v", p, got, want)
		}
	}
	for k, r := range sc.Records {
		vars, _ := spec.StateVars(r.Population)
		for i, j := range r.Vars {
			if vars[j].Name != r.Variables[i] {
				t.Errorf("record %d: Vars[%d] = %d is %q in the network, not %q", k, i, j, vars[j].Name, r.Variables[i])
			}
		}
	}

	// The network starts the receptors at these values: the first row of
	// the traces (t = 0, before any spike has arrived: delays are at least
	// one step and the spike generator fires at 1 ms) is the initial state.
	nw, err := network.New(spec)
	if err != nil {
		t.Fatal(err)
	}
	res, err := nw.Run(context.Background(), nil)
	if err != nil {
		t.Fatal(err)
	}
	want := map[string]float64{
		"exc.ge[0]": exc.Init["ge"].At(0), "exc.gi[1]": exc.Init["gi"].At(1),
		"inh.ge[2]": 0.03, "lif.ie[1]": -30,
	}
	for _, c := range res.Traces.Columns {
		if w, ok := want[c.Name]; ok {
			if !near(c.Values[0], w) {
				t.Errorf("%s at t = 0: %v %s, want %v", c.Name, c.Values[0], c.Unit, w)
			}
			delete(want, c.Name)
		}
	}
	for name := range want {
		t.Errorf("no trace %s", name)
	}
}

func TestReceptorProblems(t *testing.T) {
	// base has "hh" (hodgkin-huxley, 3 neurons, area 20000 um^2) and "lif"
	// (4 neurons). Each case adds text and must give exactly one problem.
	const toHH = "[[projection]]\nfrom = \"lif\"\nto = \"hh\"\nconnect = \"all-to-all\"\nweight = \"1 nS\"\n"
	const toH2 = "[[projection]]\nfrom = \"lif\"\nto = \"h2\"\nconnect = \"all-to-all\"\nweight = \"1 nS\"\n"
	const h2 = "\n[[population]]\nname = \"h2\"\nmodel = \"hodgkin-huxley\"\nsize = 3\narea = \"20000 um^2\"\n[population.init]\n"
	const toLIF = "[[projection]]\nfrom = \"hh\"\nto = \"lif\"\nconnect = \"all-to-all\"\nweight = \"1 pA\"\n"
	for _, c := range []struct{ add, want string }{
		{toHH + `synapse = { kind = "exp-conductance", tau = "5 ms", e_rev = "0 mV", name = 3 }`,
			`projection[0].synapse.name = 3: expected a string, not an integer, e.g. name = "ge"`},
		{toHH + `synapse = { kind = "exp-conductance", tau = "5 ms", e_rev = "0 mV", name = "g-e" }`,
			`projection[0].synapse.name = "g-e": a receptor's name is a letter or "_", then letters, digits or "_"`},
		{toHH + `synapse = { kind = "exp-conductance", tau = "5 ms", e_rev = "0 mV", name = "syn1" }`,
			`projection[0].synapse.name = "syn1": syn0, syn1, ... are the names the network gives unnamed receptors`},
		{"[[projection]]\nfrom = \"lif\"\nto = \"lif\"\nconnect = \"all-to-all\"\nweight = \"1 mV\"\nsynapse = { kind = \"delta\", name = \"d\" }",
			`projection[0].synapse.name: a delta synapse has no state to name`},
		// alpha kinds have a second variable, name_h: it may clash too
		{toHH + `synapse = { kind = "alpha-conductance", tau = "5 ms", e_rev = "0 mV", name = "n" }`,
			`projection[0].synapse.name = "n": the receptor's variable "n" is a state variable of model hodgkin-huxley`},
		{toLIF + "synapse = { kind = \"exp-current\", tau = \"5 ms\", name = \"g_h\" }\n" +
			toLIF + "synapse = { kind = \"alpha-current\", tau = \"5 ms\", name = \"g\" }",
			`projection[1].synapse.name = "g": the second variable of an alpha-current receptor, "g_h", is a variable of receptor "g_h" (projection[0].synapse)`},
		// ... and is reported there only, not again where "g" is set
		{toLIF + "synapse = { kind = \"exp-current\", tau = \"5 ms\", name = \"g_h\" }\n" +
			toLIF + "synapse = { kind = \"alpha-current\", tau = \"5 ms\", name = \"g\" }\n[population.init]\ng = \"1 pA\"",
			`projection[1].synapse.name = "g": the second variable of an alpha-current receptor, "g_h", is a variable of receptor "g_h"`},
		// a stimulus and a projection share a name: the projection comes
		// first, whatever the order in the file
		{"[[stimulus]]\ntarget = \"lif\"\nkind = \"poisson\"\nrate = \"1 Hz\"\nweight = \"1 pA\"\nsynapse = { kind = \"exp-current\", tau = \"1 ms\", name = \"ie\" }\n" +
			toLIF + "synapse = { kind = \"exp-current\", tau = \"2 ms\", name = \"ie\" }",
			`stimulus[0].synapse.name = "ie": projection[0].synapse names receptor "ie" onto population "lif" already, with other kinetics (exp-current, tau 2 ms; here exp-current, tau 1 ms)`},
		// an exp-current and an alpha-current of one name differ in kind
		{toLIF + "synapse = { kind = \"exp-current\", tau = \"2 ms\", name = \"ie\" }\n" +
			toLIF + "synapse = { kind = \"alpha-current\", tau = \"2 ms\", name = \"ie\" }",
			`projection[1].synapse.name = "ie": projection[0].synapse names receptor "ie"`},
		// init: an explicit negative conductance is refused, per neuron too
		{toH2 + "synapse = { kind = \"exp-conductance\", tau = \"5 ms\", e_rev = \"0 mV\", name = \"ge\" }" + h2 + "ge = [\"1 nS\", \"-1 nS\", \"0 nS\"]",
			`population[2].init.ge[1] = "-1 nS": must be >= 0 (a conductance)`},
		{toH2 + "synapse = { kind = \"exp-conductance\", tau = \"5 ms\", e_rev = \"0 mV\", name = \"ge\" }" + h2 + "ge = { uniform = [\"-1 nS\", \"1 nS\"] }",
			`population[2].init.ge = { uniform = ["-1 nS", "1 nS"] }: must be >= 0 (a conductance) (neuron`},
		{toH2 + "synapse = { kind = \"exp-conductance\", tau = \"5 ms\", e_rev = \"0 mV\", name = \"ge\" }" + h2 + "ge = { normal = [\"-1 nS\", \"1 nS\"] }",
			`population[2].init.ge.normal[0] = "-1 nS": the mean must be >= 0 (a conductance); then the draws below 0 mS/cm^2 are set to 0 mS/cm^2; e.g. ge = { normal = ["1 mS/cm^2", "0.5 mS/cm^2"] }`},
		// the unit is the receptor's
		{toH2 + "synapse = { kind = \"exp-conductance\", tau = \"5 ms\", e_rev = \"0 mV\", name = \"ge\" }" + h2 + "ge = \"1 nA\"",
			`population[2].init.ge = "1 nA": 1 nA is a current; expected a conductance density (mS/cm^2), e.g. ge = "1 mS/cm^2"`},
		{toLIF + "synapse = { kind = \"exp-current\", tau = \"2 ms\", name = \"ie\" }\n[population.init]\nie = \"1 nS\"",
			`population[1].init.ie = "1 nS": 1 nS is a conductance; expected a current (pA), e.g. ie = "10 pA"`},
		{toH2 + "synapse = { kind = \"exp-conductance\", tau = \"5 ms\", e_rev = \"0 mV\" }" + h2 + "syn0 = \"1 nS\"",
			`population[2].init.syn0: model hodgkin-huxley has no state variable "syn0"; its variables: v, m, h, n; unnamed receptors cannot be set or recorded: name the synapse`},
		// record
		{toHH + "synapse = { kind = \"alpha-conductance\", tau = \"5 ms\", e_rev = \"0 mV\", name = \"ga\" }\n[[record]]\npopulation = \"hh\"\nvariables = [\"ga_h\", \"ga_h\"]\nneurons = [0]",
			`record[0].variables[1] = "ga_h": is listed twice`},
		{toHH + "synapse = { kind = \"alpha-conductance\", tau = \"5 ms\", e_rev = \"0 mV\", name = \"ga\" }\n[[record]]\npopulation = \"hh\"\nvariables = [\"ga_H\"]\nneurons = [0]",
			`record[0].variables[0] = "ga_H": model hodgkin-huxley has no state variable "ga_H" and no receptor onto population "hh" has that name (did you mean "ga_h"?); its variables: v, m, h, n; its named receptors' variables: ga, ga_h`},
		// no cascade: a synapse that cannot be read is reported once, not
		// again where its name is used
		{toH2 + "synapse = { kind = \"exp-conductance\", tau = \"5 mV\", e_rev = \"0 mV\", name = \"ge\" }" + h2 + "ge = \"1 nS\"\n[[record]]\npopulation = \"h2\"\nvariables = [\"ge\"]\nneurons = [0]",
			`projection[0].synapse.tau = "5 mV": 5 mV is a voltage; expected a time`},
		{"[[projection]]\nfrom = \"lif\"\nto = \"hhh\"\nconnect = \"all-to-all\"\nweight = \"1 nS\"\nsynapse = { kind = \"exp-conductance\", tau = \"5 ms\", e_rev = \"0 mV\", name = \"ge\" }\n[[record]]\npopulation = \"hh\"\nvariables = [\"ge\"]\nneurons = [0]",
			`projection[0].to = "hhh": no population is named "hhh"`},
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

func TestReceptorInitAccepted(t *testing.T) {
	// Values a receptor's initial value may take: a current may be
	// negative; a conductance of 0 is fine; a normal draw of sd 0 is its
	// mean; the stream of a receptor's draws is its own.
	sc, err := Parse("ok.toml", []byte(`[simulation]
duration = "1 ms"
dt = "0.1 ms"
[[population]]
name = "lif"
model = "lif"
size = 2
init = { ia = "-20 pA", ia_h = ["1 mV", "0 pA"] }
[[population]]
name = "hh"
model = "hodgkin-huxley"
size = 2
init = { v_e = { normal = ["0 mS/cm^2", "0 mS/cm^2"] } }
[[projection]]
from = "hh"
to = "lif"
connect = "all-to-all"
synapse = { kind = "alpha-current", tau = "2 ms", name = "ia" }
weight = "1 pA"
[[projection]]
from = "lif"
to = "hh"
connect = "all-to-all"
synapse = { kind = "exp-conductance", tau = "5 ms", e_rev = "0 mV", name = "v_e" }
weight = "1 mS/cm^2"
`), nil)
	if err != nil {
		t.Fatal(err)
	}
	// lif defaults c_m 250 pF, tau_m 10 ms: 1 mV is R_m*I = 25 pA
	checkValues(t, "ia", sc.Populations[0].Init["ia"], []float64{-20, -20})
	checkValues(t, "ia_h", sc.Populations[0].Init["ia_h"], []float64{25, 0})
	if !shared(sc.Populations[1].Init["v_e"], 0) {
		t.Errorf("v_e = %v, want 0 for every neuron", sc.Populations[1].Init["v_e"])
	}
}
