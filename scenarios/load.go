package scenarios

import (
	"errors"
	"fmt"
	"math"
	"os"
	"regexp"
	"slices"
	"sort"
	"strings"

	"github.com/BurntSushi/toml"

	"gospike/neuron"
	"gospike/random"
	"gospike/scenarios/quantity"
)

// Load reads and validates the scenario file at path, after applying
// overrides ("KEY=VALUE", see Parse).
func Load(path string, overrides []string) (*Scenario, error) {
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, fmt.Errorf("scenarios: %w", err)
	}
	return Parse(path, data, overrides)
}

// Parse validates the scenario data read from the file name (used in
// messages only), after applying overrides, each "KEY=VALUE": KEY is a
// dotted path such as simulation.dt, population.NAME.size,
// population[0].params.g_na or stimulus[1].amplitude, and VALUE a TOML
// value (a string needs no quotes: simulation.dt=0.05 ms).
//
// The error, if any, lists every problem found, one per line, each an
// *Error starting "FILE:LINE:COL:".
func Parse(name string, data []byte, overrides []string) (*Scenario, error) {
	l := &loader{file: name, overrides: map[string]string{}, byName: map[string]int{}, brokenNames: map[string]bool{}}
	src := strings.TrimPrefix(string(data), "\ufeff")
	var m map[string]any
	if err := decode(src, &m); err != nil {
		return nil, l.syntaxError(src, err)
	}
	l.pos = indexPositions(src)
	for _, o := range overrides {
		l.override(m, o)
	}
	sc := l.scenario(m)
	if len(l.errs) > 0 {
		sortErrors(l.errs)
		errs := make([]error, len(l.errs))
		for i, e := range l.errs {
			errs[i] = e
		}
		return nil, errors.Join(errs...)
	}
	return sc, nil
}

// decode parses TOML; a panic of the parser (there should be none) is
// turned into an error, since user input must never crash the program.
func decode(src string, m *map[string]any) (err error) {
	defer func() {
		if r := recover(); r != nil {
			err = fmt.Errorf("cannot read the file as TOML: %v", r)
		}
	}()
	_, err = toml.Decode(src, m)
	return err
}

func (l *loader) syntaxError(src string, err error) error {
	e := &Error{File: l.file, Msg: err.Error()}
	var pe toml.ParseError
	if errors.As(err, &pe) {
		lines := []int{0}
		for i := 0; i < len(src); i++ {
			if src[i] == '\n' {
				lines = append(lines, i+1)
			}
		}
		p := offsetPosition(src, lines, pe.Position.Start)
		e.Line, e.Col = p.line, p.col
		e.Msg = "TOML syntax: " + pe.Message
	}
	return e
}

// loader holds the state of one Parse: the problems found so far, where
// keys are, and what is known of the populations.
type loader struct {
	file      string
	errs      []*Error
	pos       positions
	overrides map[string]string // path -> the -set argument that set it

	seed   uint64
	sim    Simulation
	simOK  bool // Duration and Dt are valid
	pops   []*popInfo
	byName map[string]int

	// receptors (receptors.go): the synapse tables read, names of
	// receptors onto no known population, and what waits for them
	uses           []receptorUse
	brokenNames    map[string]bool
	pendingInits   []pendingInit
	pendingRecords []pendingRecord
}

// popInfo is what validation knows of a population.
type popInfo struct {
	ok       bool // model, size and area valid: values can be converted for it
	pop      Population
	units    neuron.Units
	gm       *neuron.Value // c_m/tau_m in gmUnit, see target.gm
	gmUnit   quantity.Unit
	gmBroken bool
	// areaBroken: the area given could not be read; absolute values are
	// then not reported as lacking one
	areaBroken bool
	// receptors are the distinct receptors onto the population, in the
	// network's order (resolveReceptors); brokenNames the names of
	// synapses onto it whose kinetics could not be read
	receptors   []*popReceptor
	brokenNames []string
}

// report records a problem at path: at its key when atKey, else at its
// value; a path from an override is reported as that override.
func (l *loader) report(path string, atKey bool, key, given, msg string) {
	e := &Error{File: l.file, Key: key, Given: given, Msg: msg}
	for p := path; ; p = parentPath(p) {
		if o, ok := l.overrides[p]; ok {
			e.Override = o
			break
		}
		if p == "" {
			break
		}
	}
	if e.Override == "" {
		e.Line, e.Col = 1, 1
		for p := path; p != ""; p = parentPath(p) {
			first, second := l.pos.val, l.pos.key
			if atKey || p != path {
				first, second = second, first
			}
			pos, ok := first[p]
			if !ok {
				pos, ok = second[p]
			}
			if ok {
				e.Line, e.Col = pos.line, pos.col
				break
			}
		}
	}
	l.errs = append(l.errs, e)
}

// errorf reports a problem with the value at path.
func (l *loader) errorf(path, given, format string, args ...any) {
	l.report(path, false, path, given, fmt.Sprintf(format, args...))
}

// keyErrorf reports a problem with the key path itself.
func (l *loader) keyErrorf(path, given, format string, args ...any) {
	l.report(path, true, path, given, fmt.Sprintf(format, args...))
}

// missing reports a required key missing from the table at table.
func (l *loader) missing(table, key, example string) {
	l.report(table, true, join(table, key), "", "missing; e.g. "+example)
}

// keys reports the keys of m not in allowed.
func (l *loader) keys(path string, m map[string]any, allowed []string, where string) {
	for _, k := range sortedKeys(m) {
		if !slices.Contains(allowed, k) {
			l.keyErrorf(join(path, k), "", "unknown key%s; %s takes %s", didYouMean(k, allowed), where, strings.Join(allowed, ", "))
		}
	}
}

func (l *loader) str(path string, v any, example string) (string, bool) {
	s, ok := v.(string)
	if !ok {
		l.errorf(path, show(v), "expected a string, not %s, e.g. %s", typeName(v), example)
	}
	return s, ok
}

func (l *loader) integer(path string, v any, lo, hi int64, example string) (int64, bool) {
	n, ok := v.(int64)
	if !ok {
		l.errorf(path, show(v), "expected an integer, not %s, e.g. %s", typeName(v), example)
		return 0, false
	}
	if n < lo || n > hi {
		l.errorf(path, show(v), "must be %s, e.g. %s", rangeText(lo, hi), example)
		return 0, false
	}
	return n, true
}

func rangeText(lo, hi int64) string {
	if hi == math.MaxInt64 {
		return fmt.Sprintf("at least %d", lo)
	}
	return fmt.Sprintf("from %d to %d", lo, hi)
}

func (l *loader) number(path string, v any, example string) (float64, bool) {
	switch x := v.(type) {
	case int64:
		return float64(x), true
	case float64:
		if !math.IsNaN(x) && !math.IsInf(x, 0) {
			return x, true
		}
	}
	l.errorf(path, show(v), "expected a bare number, e.g. %s", example)
	return 0, false
}

func (l *loader) boolean(path string, v any, example string) (bool, bool) {
	b, ok := v.(bool)
	if !ok {
		l.errorf(path, show(v), "expected true or false, not %s, e.g. %s", typeName(v), example)
	}
	return b, ok
}

// enum reads a string that must be one of choices.
func (l *loader) enum(path string, v any, choices []string, what, example string) (string, bool) {
	s, ok := l.str(path, v, example)
	if !ok {
		return "", false
	}
	if !slices.Contains(choices, s) {
		l.errorf(path, show(v), "unknown %s%s; known: %s", what, didYouMean(s, choices), quoteAll(choices))
		return "", false
	}
	return s, true
}

// table reads a table.
func (l *loader) table(path string, v any, example string) (map[string]any, bool) {
	m, ok := v.(map[string]any)
	if !ok {
		l.errorf(path, show(v), "expected a table, not %s, e.g. %s", typeName(v), example)
	}
	return m, ok
}

// tables reads an array of tables ([[population]] or population = [{...}]).
func (l *loader) tables(path string, v any, example string) []map[string]any {
	switch v := v.(type) {
	case nil:
		return nil
	case []map[string]any:
		return v
	case []any:
		out := make([]map[string]any, 0, len(v))
		for i, e := range v {
			if m, ok := l.table(index(path, i), e, example); ok {
				out = append(out, m)
			} else {
				return nil
			}
		}
		return out
	}
	if _, ok := v.(map[string]any); ok {
		l.errorf(path, show(v), "expected an array of tables, not one table: write %s, with two brackets, for each", example)
		return nil
	}
	l.errorf(path, show(v), "expected an array of tables, not %s, e.g. %s", typeName(v), example)
	return nil
}

// timeIn reads one time in ms.
func (l *loader) time(path string, v any, name, exVal string) (float64, bool) {
	return l.single(path, v, &target{unit: unitMs, name: name, exVal: exVal})
}

func (l *loader) scenario(m map[string]any) *Scenario {
	sc := &Scenario{File: l.file}
	l.keys("", m, []string{"title", "simulation", "population", "stimulus", "projection", "record", "comparison"}, "a scenario")
	if v, ok := m["title"]; ok {
		sc.Title, _ = l.str("title", v, `title = "Hodgkin-Huxley f-I curve"`)
	}
	sc.Simulation = l.simulation(m["simulation"])
	if v, ok := m["comparison"]; ok { // comparison.go
		sc.Comparison = l.comparison(v, m)
	}

	popTables := l.tables("population", m["population"], "[[population]]")
	if arr, ok := m["population"].([]any); m["comparison"] == nil && (m["population"] == nil || ok && len(arr) == 0) {
		l.report("", false, "population", "", `no [[population]]: a scenario needs at least one, e.g. [[population]] name = "hh" model = "hodgkin-huxley" size = 1`)
	}
	for i, t := range popTables {
		l.pops = append(l.pops, l.population(i, t))
	}
	for _, p := range l.pops {
		sc.Populations = append(sc.Populations, p.pop)
	}
	for k, t := range l.tables("stimulus", m["stimulus"], "[[stimulus]]") {
		sc.Stimuli = append(sc.Stimuli, l.stimulus(k, t))
	}
	for k, t := range l.tables("projection", m["projection"], "[[projection]]") {
		sc.Projections = append(sc.Projections, l.projection(k, t))
	}
	for k, t := range l.tables("record", m["record"], "[[record]]") {
		sc.Records = append(sc.Records, l.record(k, t))
	}
	l.resolveReceptors(sc)
	return sc
}

func (l *loader) simulation(v any) Simulation {
	s := Simulation{Method: "rk4"}
	const p = "simulation"
	if v == nil {
		l.report("", false, p, "", `missing table [simulation]; e.g. [simulation] duration = "1000 ms" dt = "0.01 ms" method = "rk4"`)
		return s
	}
	m, ok := l.table(p, v, `[simulation] duration = "1000 ms"`)
	if !ok {
		return s
	}
	l.keys(p, m, []string{"duration", "dt", "method", "seed", "threads"}, "[simulation]")
	okDur, okDt := false, false
	if v, ok := m["duration"]; !ok {
		l.missing(p, "duration", `duration = "1000 ms"`)
	} else if s.Duration, okDur = l.time(p+".duration", v, "duration", `"1000 ms"`); okDur && s.Duration <= 0 {
		l.errorf(p+".duration", show(v), `must be positive, e.g. duration = "1000 ms"`)
		okDur = false
	}
	if v, ok := m["dt"]; !ok {
		l.missing(p, "dt", `dt = "0.01 ms"`)
	} else if s.Dt, okDt = l.time(p+".dt", v, "dt", `"0.01 ms"`); okDt && s.Dt <= 0 {
		l.errorf(p+".dt", show(v), `must be positive, e.g. dt = "0.01 ms"`)
		okDt = false
	}
	if okDur && okDt {
		steps := s.Duration / s.Dt
		n := math.Round(steps)
		switch {
		case s.Dt > s.Duration:
			l.errorf(p+".dt", show(m["dt"]), "is longer than duration (%g ms), e.g. dt = \"0.01 ms\"", s.Duration)
		case n > 1e15:
			l.errorf(p+".duration", show(m["duration"]), "is %.3g steps of dt: too many", steps)
		case math.Abs(steps-n) > 1e-9*n:
			l.errorf(p+".duration", show(m["duration"]), "is not a whole number of steps of dt = %g ms (%.6g steps), e.g. duration = \"%.12g ms\"", s.Dt, steps, n*s.Dt)
		default:
			s.Steps = int(n)
			l.simOK = true
		}
	}
	if v, ok := m["method"]; ok {
		s.Method, _ = l.enum(p+".method", v, Methods, "method", `method = "rk4"`)
	}
	if v, ok := m["seed"]; ok {
		n, _ := l.integer(p+".seed", v, 0, math.MaxInt64, "seed = 1")
		s.Seed = uint64(n)
	}
	if v, ok := m["threads"]; ok {
		n, _ := l.integer(p+".threads", v, 0, 1<<20, "threads = 0")
		s.Threads = int(n)
	}
	l.seed, l.sim = s.Seed, s
	return s
}

var namePattern = regexp.MustCompile(`^[A-Za-z_][A-Za-z0-9_-]*$`)

var populationKeys = []string{"name", "model", "size", "area", "method", "preset", "params", "init"}

func modelNames() []string {
	var names []string
	for _, m := range neuron.Models() {
		names = append(names, m.Name())
	}
	return names
}

func (l *loader) population(i int, m map[string]any) *popInfo {
	path := index("population", i)
	info := &popInfo{}
	pop := &info.pop
	pop.Params, pop.Init = map[string]neuron.Value{}, map[string]neuron.Value{}
	l.keys(path, m, populationKeys, "[[population]]")
	ok := true
	if v, has := m["name"]; !has {
		l.missing(path, "name", `name = "exc"`)
		ok = false
	} else if s, good := l.str(path+".name", v, `name = "exc"`); good {
		pop.Name = s
		if !namePattern.MatchString(s) {
			l.errorf(path+".name", show(v), `a name is a letter or "_", then letters, digits, "_" or "-" (it names columns of traces.csv), e.g. name = "exc"`)
		} else if j, dup := l.byName[s]; dup {
			l.errorf(path+".name", show(v), "population[%d] has this name already; names must be unique", j)
		} else {
			l.byName[s] = i
		}
	}
	if v, has := m["model"]; !has {
		l.missing(path, "model", `model = "hodgkin-huxley"`)
		ok = false
	} else if s, good := l.enum(path+".model", v, modelNames(), "model", `model = "hodgkin-huxley"`); good {
		pop.Model, _ = neuron.Lookup(s)
		info.units = pop.Model.Units()
	} else {
		ok = false
	}
	if v, has := m["size"]; !has {
		l.missing(path, "size", "size = 100")
		ok = false
	} else if n, good := l.integer(path+".size", v, 1, MaxSize, "size = 100"); good {
		pop.Size = int(n)
	} else {
		ok = false
	}
	pop.Method = l.sim.Method
	ownMethod := false
	if v, has := m["method"]; has {
		if s, good := l.enum(path+".method", v, Methods, "method", `method = "rk4"`); good {
			pop.Method, ownMethod = s, true
		}
	}
	if v, has := m["area"]; has {
		a, good := l.single(path+".area", v, &target{unit: unitCm2, name: "area", exVal: `"20000 um^2"`})
		switch {
		case !good:
			info.areaBroken = true
		case a <= 0:
			l.errorf(path+".area", show(v), `must be positive, e.g. area = "20000 um^2"`)
			info.areaBroken = true
		case pop.Model != nil && !info.units.Density:
			var density []string
			for _, m := range neuron.Models() {
				if m.Units().Density {
					density = append(density, m.Name())
				}
			}
			l.errorf(path+".area", show(v), "model %s works in absolute units (%s, %s, %s): area applies to models that work per unit area (%s); remove it",
				pop.Model.Name(), info.units.Current, info.units.Conductance, info.units.Capacitance, strings.Join(density, ", "))
		default:
			pop.Area = a
		}
	}
	var params, init map[string]any
	if v, has := m["params"]; has {
		params, _ = l.table(path+".params", v, `[population.params] g_na = "120 mS/cm^2"`)
	}
	if v, has := m["init"]; has {
		init, _ = l.table(path+".init", v, `[population.init] v = "-65 mV"`)
	}
	l.preset(path, m, params, pop)
	if pop.Model == nil || pop.Size == 0 {
		return info
	}
	// From here on values can be converted for this population, even if
	// some of its own are wrong: stimuli and projections into it are
	// checked too.
	info.ok = ok
	paramsOK := l.params(path, i, params, info)
	l.init(path, i, init, info)
	if !paramsOK {
		return info
	}
	resolved, err := neuron.Resolve(pop.Model, pop.Preset, pop.Params, pop.Size)
	if err != nil { // names, preset and lengths are checked above
		l.errorf(path+".params", "", "%v", err)
		return info
	}
	built, err := pop.Model.New(pop.Size, resolved)
	if err != nil {
		l.modelError(path, params, pop, err)
		return info
	}
	pop.Resolved = resolved

	methodPath, methodGiven := "simulation.method", show(l.sim.Method)
	if ownMethod {
		methodPath, methodGiven = path+".method", show(pop.Method)
	}
	var why string
	switch pop.Method {
	case "exact":
		if _, ok := built.(neuron.Exact); !ok {
			why = "exact integration needs linear subthreshold dynamics (such as lif)"
		}
	case "exponential-euler":
		if !neuron.CanLinearize(built) {
			why = "exponential Euler needs every state variable to be conditionally linear"
		}
	}
	if why != "" {
		hint := `use method = "rk4"`
		if !ownMethod {
			hint = fmt.Sprintf(`use method = "rk4", or give population %q its own method = "rk4"`, pop.Name)
		}
		l.errorf(methodPath, methodGiven, "population %q (model %s) cannot use it: %s; %s", pop.Name, pop.Model.Name(), why, hint)
	}
	return info
}

// preset reads the population's preset, which may also stand in its params
// table (as the format's first description put it).
func (l *loader) preset(path string, m, params map[string]any, pop *Population) {
	p, v := path+".preset", m["preset"]
	if pv, ok := params["preset"]; ok {
		if v != nil {
			l.keyErrorf(path+".params.preset", "", "preset is given twice, here and as %s.preset; keep one", path)
			return
		}
		p, v = path+".params.preset", pv
	}
	if v == nil {
		return
	}
	s, ok := l.str(p, v, `preset = "snlc"`)
	if !ok || pop.Model == nil {
		return
	}
	ps, has := pop.Model.(neuron.Presetter)
	if !has {
		l.errorf(p, show(v), "model %s has no presets; remove it", pop.Model.Name())
		return
	}
	var names []string
	for _, x := range ps.Presets() {
		names = append(names, x.Name)
	}
	if !slices.Contains(names, s) {
		l.errorf(p, show(v), "model %s has no preset %q%s; presets: %s", pop.Model.Name(), s, didYouMean(s, names), quoteAll(names))
		return
	}
	pop.Preset = s
}

// params converts the parameters the file sets into the model's units. The
// currents come last: a current given as a voltage needs c_m and tau_m.
func (l *loader) params(path string, popIndex int, params map[string]any, info *popInfo) bool {
	pop := &info.pop
	byName := map[string]neuron.Param{}
	var names []string
	for _, p := range pop.Model.Params() {
		byName[p.Name] = p
		names = append(names, p.Name)
	}
	ok := true
	for _, k := range sortedKeys(params) {
		if _, known := byName[k]; !known && k != "preset" {
			l.keyErrorf(join(path+".params", k), "", "model %s has no parameter %q%s; its parameters: %s", pop.Model.Name(), k, didYouMean(k, names), strings.Join(names, ", "))
			ok = false
		}
	}
	convert := func(currents bool) {
		for _, k := range sortedKeys(params) {
			p, known := byName[k]
			if !known {
				continue
			}
			u, err := quantity.ParseUnit(p.Unit)
			if err != nil {
				panic(fmt.Sprintf("scenarios: model %s: parameter %s has unit %q: %v", pop.Model.Name(), p.Name, p.Unit, err))
			}
			if u.Compatible(unitAmpere) != currents {
				continue
			}
			t := info.target(u, k, exampleValue(p.Default, u))
			v, good := l.perNeuron(join(path+".params", k), params[k], t, randKey{random.Param, popIndex, k})
			if good {
				pop.Params[k] = v
			}
			ok = ok && good
		}
	}
	convert(false)
	if ok {
		info.gm, info.gmUnit = membraneConductance(pop)
	} else {
		info.gmBroken = true
	}
	convert(true)
	return ok
}

// membraneConductance returns c_m/tau_m and its unit (pF/ms for lif) for
// models with both parameters, else nil.
func membraneConductance(pop *Population) (*neuron.Value, quantity.Unit) {
	var cm, tau *neuron.Param
	for _, p := range pop.Model.Params() {
		switch p.Name {
		case "c_m":
			cm = &p
		case "tau_m":
			tau = &p
		}
	}
	if cm == nil || tau == nil {
		return nil, quantity.Unit{}
	}
	cu, err1 := quantity.ParseUnit(cm.Unit)
	tu, err2 := quantity.ParseUnit(tau.Unit)
	if err1 != nil || err2 != nil || !cu.Compatible(quantity.MustUnit("F")) || !tu.Compatible(unitMs) {
		return nil, quantity.Unit{}
	}
	vals, err := neuron.Resolve(pop.Model, pop.Preset, pop.Params, pop.Size)
	if err != nil {
		return nil, quantity.Unit{}
	}
	c, t := vals["c_m"], vals["tau_m"]
	var v neuron.Value
	if c.IsShared() && t.IsShared() {
		v = neuron.Shared(c.Scalar / t.Scalar)
	} else {
		v.PerNeuron = make([]float64, pop.Size)
		for i := range v.PerNeuron {
			v.PerNeuron[i] = c.At(i) / t.At(i)
		}
	}
	return &v, cu.Div(tu)
}

// target returns what a value in unit u must become for this population.
func (info *popInfo) target(u quantity.Unit, name, exVal string) *target {
	t := &target{unit: u, name: name, exVal: exVal, n: info.pop.Size, density: info.units.Density, area: info.pop.Area,
		areaBroken: info.areaBroken, gm: info.gm, gmUnit: info.gmUnit, gmBroken: info.gmBroken}
	if info.pop.Model != nil {
		t.model = info.pop.Model.Name()
	}
	return t
}

// exampleValue formats x in u as a TOML value.
func exampleValue(x float64, u quantity.Unit) string {
	if u.Name() == "" {
		return fmt.Sprintf("%g", x)
	}
	return fmt.Sprintf("%q", fmt.Sprintf("%g %s", x, u.Name()))
}

// modelError reports the model's refusal of the parameters at the
// parameter it names, if the file sets it, else at the params table.
func (l *loader) modelError(path string, params map[string]any, pop *Population, err error) {
	msg := err.Error()
	names := sortedKeys(params)
	sort.SliceStable(names, func(i, j int) bool { return len(names[i]) > len(names[j]) })
	at := path + ".params"
	if params == nil {
		at = path
	}
	for _, k := range names {
		if regexp.MustCompile(`(^|[^A-Za-z0-9_])` + regexp.QuoteMeta(k) + `($|[^A-Za-z0-9_])`).MatchString(msg) {
			at = join(path+".params", k)
			break
		}
	}
	if pop.Preset != "" {
		msg += fmt.Sprintf(" (with preset %q)", pop.Preset)
	}
	l.report(at, false, at, "", "model "+pop.Model.Name()+" rejects the parameters: "+msg)
}

func (l *loader) init(path string, popIndex int, init map[string]any, info *popInfo) {
	pop := &info.pop
	vars := pop.Model.Vars()
	var names []string
	for _, v := range vars {
		names = append(names, v.Name)
	}
	for _, k := range sortedKeys(init) {
		j := slices.Index(names, k)
		p := join(path+".init", k)
		if j < 0 { // perhaps a receptor's: see once projections are read
			l.pendingInits = append(l.pendingInits, pendingInit{pop: popIndex, path: p, key: k, val: init[k]})
			continue
		}
		u, err := quantity.ParseUnit(vars[j].Unit)
		if err != nil {
			panic(fmt.Sprintf("scenarios: model %s: variable %s has unit %q: %v", pop.Model.Name(), k, vars[j].Unit, err))
		}
		ex := `"-65 mV"`
		if u.Name() != "mV" {
			ex = exampleValue(0.5, u)
		}
		t := &target{unit: u, name: k, exVal: ex, n: pop.Size, model: pop.Model.Name()}
		if v, good := l.perNeuron(p, init[k], t, randKey{random.Init, popIndex, k}); good {
			pop.Init[k] = v
		}
	}
}

// population reads a key naming a population: its index and info.
func (l *loader) popRef(path string, v any, what string) (int, *popInfo, bool) {
	s, ok := l.str(path, v, what+` = "exc"`)
	if !ok {
		return 0, nil, false
	}
	i, ok := l.byName[s]
	if !ok {
		names := make([]string, 0, len(l.byName))
		for n := range l.byName {
			names = append(names, n)
		}
		sort.Strings(names)
		l.errorf(path, show(v), "no population is named %q%s; populations: %s", s, didYouMean(s, names), quoteAll(names))
		return 0, nil, false
	}
	return i, l.pops[i], true
}
