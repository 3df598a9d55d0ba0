package scenarios

import (
	"reflect"
	"strings"
	"testing"
)

func TestOverrides(t *testing.T) {
	sc := load(t, "hh_fi.toml",
		`simulation.dt=0.05 ms`,
		`simulation.seed=3`,
		`simulation.method="euler"`,
		`population.hh.size=11`,
		`population[0].params.g_na=100 mS/cm^2`,
		`population.hh.params.g_k = "30 mS/cm^2"`, // spaces around = are fine
		`population.hh.init.v={ linspace = ["-70 mV", "-60 mV"] }`,
		`stimulus[0].stop=600 ms`,
		`record[0].neurons=[0, 10]`,
		`title=a "quoted" title`,
	)
	want := Simulation{Duration: 1200, Dt: 0.05, Steps: 24000, Method: "euler", Seed: 3}
	if sc.Simulation != want {
		t.Errorf("simulation %+v, want %+v", sc.Simulation, want)
	}
	p := sc.Populations[0]
	if p.Size != 11 || p.Method != "euler" || !shared(p.Params["g_na"], 100) || !shared(p.Params["g_k"], 30) {
		t.Errorf("population %+v", p)
	}
	checkValues(t, "init v", p.Init["v"], []float64{-70, -69, -68, -67, -66, -65, -64, -63, -62, -61, -60})
	// the stimulus linspace follows the new size: 0..30 over 11 neurons
	checkValues(t, "amplitude", sc.Stimuli[0].Amplitude, []float64{0, 3, 6, 9, 12, 15, 18, 21, 24, 27, 30})
	if sc.Stimuli[0].Stop != 600 {
		t.Errorf("stop %v", sc.Stimuli[0].Stop)
	}
	if !reflect.DeepEqual(sc.Records[0].Neurons, []int{0, 10}) {
		t.Errorf("record neurons %v", sc.Records[0].Neurons)
	}
	if sc.Title != `a "quoted" title` {
		t.Errorf("title %q", sc.Title)
	}
	// an override may create a key the file lacks, and a table on the way
	sc = load(t, "ml_snlc.toml", "simulation.seed=9", "population.ml.params.phi=0.1")
	if sc.Simulation.Seed != 9 || !near(sc.Populations[0].Params["phi"].Scalar, 0.1) {
		t.Errorf("seed %d, phi %v", sc.Simulation.Seed, sc.Populations[0].Params["phi"])
	}
}

func TestBadOverrides(t *testing.T) {
	const f = "testdata/good/hh_fi.toml"
	for _, c := range []struct {
		set  string
		want string // the message, or its start
	}{
		{"simulation.dt=0.05 mV", f + `: -set simulation.dt=0.05 mV: simulation.dt = "0.05 mV": 0.05 mV is a voltage; expected a time (ms), e.g. dt = "0.01 ms"`},
		{"population.hx.size=3", f + `: -set population.hx.size=3: no population is named "hx" (did you mean "hh"?); names: "hh"`},
		{"population[0].size=0", f + `: -set population[0].size=0: population[0].size = 0: must be from 1 to 100000000, e.g. size = 100`},
		{"population[3].size=1", f + `: -set population[3].size=1: there is no population[3]: the file has 1`},
		{"simulation.dt.x=1", f + `: -set simulation.dt.x=1: simulation.dt is not a table, so it has no key "x"`},
		{"simulation.durration=5 ms", f + `: -set simulation.durration=5 ms: simulation.durration: unknown key (did you mean "duration"?); [simulation] takes duration, dt, method, seed, threads`},
		{"population.hh.params.g_na=120", f + `: -set population.hh.params.g_na=120: population[0].params.g_na = 120: a bare number needs a unit: expected a conductance density (mS/cm^2), e.g. g_na = "120 mS/cm^2"`},
		{"stimulus[0].amplitude={ linspace = [\"0 nA\", \"1 nA\"] }", f + `: -set stimulus[0].amplitude={ linspace = ["0 nA", "1 nA"] }: stimulus[0].amplitude.linspace[0] = "0 nA": 0 nA is a current, but model hodgkin-huxley works per unit membrane area`},
		{"seed", f + `: -set seed: expected KEY=VALUE, e.g. -set simulation.dt="0.05 ms"`},
		{"simulation..dt=1", f + `: -set simulation..dt=1: key "simulation..dt": unexpected "." at 12`},
		{"population[x].size=1", f + `: -set population[x].size=1: key "population[x].size": "x" is not an index`},
		{"population[0]=1", f + `: -set population[0]=1: population[0] is a table: set its keys, e.g. population[0].size=10`},
	} {
		_, err := Load(f, []string{c.set})
		if err == nil {
			t.Errorf("-set %s: no error", c.set)
			continue
		}
		lines := strings.Split(err.Error(), "\n")
		if !strings.HasPrefix(lines[0], c.want) || len(lines) > 2 {
			t.Errorf("-set %s:\n got %v\nwant %s", c.set, err, c.want)
		}
	}
	// a problem in the file is still reported at its line when an override
	// is also wrong, and both are reported
	_, err := Load("testdata/bad/dt-negative.toml", []string{"simulation.seed=-1"})
	if got := err.Error(); !strings.Contains(got, "-set simulation.seed=-1: simulation.seed = -1: must be at least 0") ||
		!strings.Contains(got, "dt-negative.toml:3:6: simulation.dt") {
		t.Errorf("got %v", err)
	}
}
