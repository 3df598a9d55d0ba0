package scenarios

import (
	"fmt"
	"math"
	"regexp"
	"slices"
	"strings"

	"gospike/neuron"
	"gospike/random"
	"gospike/scenarios/quantity"
	"gospike/synapse"
)

var synapseKeys = []string{"kind", "tau", "e_rev", "name"}

// receptorNamePattern is what a receptor's name must match: an
// identifier, as a state variable is named.
var receptorNamePattern = regexp.MustCompile(`^[A-Za-z_][A-Za-z0-9_]*$`)

// fallbackNamePattern matches the names the network gives unnamed
// receptors ("syn0", "syn1", ...), which a file may not take.
var fallbackNamePattern = regexp.MustCompile(`^syn[0-9]+$`)

// receptorName reads a synapse's name.
func (l *loader) receptorName(path string, v any) (string, bool) {
	const ex = `name = "ge"`
	s, ok := l.str(path, v, ex)
	switch {
	case !ok:
	case !receptorNamePattern.MatchString(s):
		l.errorf(path, show(v), `a receptor's name is a letter or "_", then letters, digits or "_" (it names a state variable), e.g. %s`, ex)
	case fallbackNamePattern.MatchString(s):
		l.errorf(path, show(v), `syn0, syn1, ... are the names the network gives unnamed receptors; choose another, e.g. %s`, ex)
	default:
		return s, true
	}
	if ok { // reported here; init and record do not report it again
		l.brokenNames[s] = true
	}
	return "", false
}

// synapse reads a synapse: absent (delta), a kind name, or a table.
func (l *loader) synapse(path string, v any) (Synapse, bool) {
	switch x := v.(type) {
	case nil:
		return Synapse{Kind: "delta"}, true
	case string:
		v = map[string]any{"kind": x}
	}
	m, ok := l.table(path, v, `synapse = { kind = "exp-conductance", tau = "5 ms", e_rev = "0 mV" }`)
	if !ok {
		return Synapse{}, false
	}
	l.keys(path, m, synapseKeys, "a synapse")
	var s Synapse
	if nv, has := m["name"]; has {
		// a wrong name is reported, and the synapse read as unnamed
		s.Name, _ = l.receptorName(join(path, "name"), nv)
	}
	kv, has := m["kind"]
	if !has {
		l.missing(path, "kind", `kind = "exp-current"`)
		return s, false
	}
	if s.Kind, ok = l.enum(path+".kind", kv, SynapseKinds, "synapse kind", `kind = "exp-conductance"`); !ok {
		return s, false
	}
	if s.Kind == "delta" {
		for _, k := range []string{"tau", "e_rev", "name"} {
			if _, has := m[k]; has {
				what := "a delta synapse has no " + k
				if k == "name" {
					what = "a delta synapse has no state to name"
				}
				l.keyErrorf(join(path, k), "", "%s: it moves v by the weight at once", what)
				ok = false
			}
		}
		s.Name = ""
		return s, ok
	}
	if tv, has := m["tau"]; !has {
		l.missing(path, "tau", `tau = "5 ms"`)
		ok = false
	} else if s.Tau, ok = l.time(join(path, "tau"), tv, "tau", `"5 ms"`); ok && s.Tau <= 0 {
		l.errorf(join(path, "tau"), show(tv), `must be positive, e.g. tau = "5 ms"`)
		ok = false
	}
	ev, hasE := m["e_rev"]
	switch {
	case s.Conductance() && !hasE:
		l.missing(path, "e_rev", `e_rev = "0 mV"`)
		ok = false
	case s.Conductance():
		var good bool
		s.ERev, good = l.single(join(path, "e_rev"), ev, &target{unit: unitMV, name: "e_rev", exVal: `"0 mV"`})
		ok = ok && good
	case hasE:
		l.keyErrorf(join(path, "e_rev"), "", "a %s synapse has no reversal potential: it injects a current; use %s for a conductance",
			s.Kind, strings.Replace(s.Kind, "current", "conductance", 1))
		ok = false
	}
	return s, ok
}

// weightTarget is what a weight through s becomes for the population.
func (l *loader) weightTarget(info *popInfo, s Synapse) *target {
	switch {
	case s.Kind == "delta":
		return &target{unit: unitMV, name: "weight", exVal: `"0.5 mV"`, n: info.pop.Size, model: info.pop.Model.Name()}
	case s.Conductance():
		t := info.target(quantity.MustUnit(info.units.Conductance), "weight", fmt.Sprintf("%q", "1 "+info.units.Conductance))
		t.min, t.minText = new(float64), ">= 0 (a conductance; inhibition comes from e_rev)"
		return t
	}
	return info.target(quantity.MustUnit(info.units.Current), "weight", currentExample(info.units.Current))
}

// checkExact reports synapses that method exact cannot integrate.
func (l *loader) checkExact(path string, given any, s Synapse, info *popInfo) {
	if info.pop.Method != "exact" || s.Kind == "delta" || s.Kind == "exp-current" {
		return
	}
	at := path
	if _, ok := given.(map[string]any); ok {
		at = path + ".kind"
	}
	l.errorf(at, show(s.Kind), "population %q is integrated with method exact, which takes delta and exp-current synapses only; use method = \"rk4\" for that population", info.pop.Name)
}

var ruleKeys = map[string][]string{
	"all-to-all":        {"rule", "autapses"},
	"one-to-one":        {"rule", "autapses"},
	"fixed-probability": {"rule", "p", "autapses"},
	"fixed-indegree":    {"rule", "k", "autapses", "multapses"},
	"fixed-outdegree":   {"rule", "k", "autapses", "multapses"},
}

var projectionKeys = []string{"from", "to", "connect", "synapse", "weight", "delay"}

func (l *loader) projection(k int, m map[string]any) Projection {
	path := index("projection", k)
	var p Projection
	l.keys(path, m, projectionKeys, "[[projection]]")
	var from, to *popInfo
	okFrom, okTo := false, false
	if v, has := m["from"]; !has {
		l.missing(path, "from", `from = "exc"`)
	} else {
		p.From, from, okFrom = l.popRef(path+".from", v, "from")
	}
	if v, has := m["to"]; !has {
		l.missing(path, "to", `to = "inh"`)
	} else {
		p.To, to, okTo = l.popRef(path+".to", v, "to")
	}
	if v, has := m["connect"]; !has {
		l.missing(path, "connect", `connect = { rule = "fixed-probability", p = 0.02 }`)
	} else {
		var ok bool
		if p.Connect, ok = l.connect(path+".connect", v); ok && okFrom && okTo && from.ok && to.ok {
			l.checkConnect(path+".connect", v, p, from.pop, to.pop)
		}
	}
	syn, okSyn := l.synapse(path+".synapse", m["synapse"])
	p.Synapse = syn
	if okTo {
		l.useSynapse(path+".synapse", p.To, to, syn, okSyn)
	} else {
		l.useSynapse(path+".synapse", -1, nil, syn, okSyn)
	}
	if v, has := m["weight"]; !has {
		l.missing(path, "weight", `weight = "6 nS"`)
	} else if okTo && to.ok && okSyn {
		l.checkExact(path+".synapse", m["synapse"], syn, to)
		t := l.weightTarget(to, syn)
		if form, arg, ok := perSynapseForm(v); ok {
			p.WeightDist, _ = l.weightDist(path+".weight", form, arg, t, to.pop.Name)
		} else {
			p.Weight, _ = l.perNeuron(path+".weight", v, t, randKey{random.Param, p.To, path + ".weight"})
		}
	}
	p.Delay = l.sim.Dt
	if v, has := m["delay"]; has {
		p.Delay, p.DelayDist = l.delay(path+".delay", v)
	}
	return p
}

// perSynapseForm reports whether a weight v is a table { uniform = arg }
// or { normal = arg }: drawn per synapse.
func perSynapseForm(v any) (form string, arg any, ok bool) {
	m, isTable := v.(map[string]any)
	if !isTable || len(m) != 1 {
		return "", nil, false
	}
	for form, arg = range m {
	}
	return form, arg, form == "uniform" || form == "normal"
}

// distExample is an example of a weight drawn per synapse in t's unit.
func distExample(t *target, form string) string {
	u := t.unit.Name()
	if form == "uniform" {
		return fmt.Sprintf("%s = { uniform = [\"1 %s\", \"2 %s\"] }", t.name, u, u)
	}
	return fmt.Sprintf("%s = { normal = [\"1 %s\", \"0.1 %s\"] }", t.name, u, u)
}

// weightDist reads a projection's weight drawn per synapse, { uniform =
// [lo, hi] } or { normal = [mean, sd] } (arg is the array), in t's unit
// for the target population pop. The synapse layer draws one value per
// synapse from a single distribution, so the bounds must convert to the
// same values for every target neuron.
func (l *loader) weightDist(path, form string, arg any, t *target, pop string) (Dist, bool) {
	p := join(path, form)
	arr, a, b, ok := l.formValues(p, form, arg, t)
	if !ok {
		return Dist{}, false
	}
	// only a voltage standing for R_m*I converts per neuron: one value
	// for all of them is still one distribution
	a, b = compact(values1(a)), compact(values1(b))
	if !a.IsShared() || !b.IsShared() {
		what := "lo and hi"
		if form == "normal" {
			what = "mean and sd"
		}
		l.errorf(p, show(arg), "a voltage stands for R_m*I = V c_m/tau_m, and c_m/tau_m differs between the neurons of population %q: a weight drawn per synapse has one distribution for all of them; give %s as currents (%s), e.g. %s",
			pop, what, t.unit, distExample(t, form))
		return Dist{}, false
	}
	d := Dist{Kind: form, A: a.Scalar, B: b.Scalar}
	u := t.unit.Name()
	switch form {
	case "uniform":
		if d.A > d.B {
			l.errorf(p, show(arg), "the lower bound is above the upper bound, e.g. %s", distExample(t, form))
			return Dist{}, false
		}
		if t.min != nil && d.A < *t.min {
			l.errorf(index(p, 0), show(arr[0]), "the lower bound must be %s: every synapse draws its weight from [lo, hi), e.g. %s", t.minText, distExample(t, form))
			return Dist{}, false
		}
	case "normal":
		if d.B < 0 {
			l.errorf(index(p, 1), show(arr[1]), "the standard deviation must be >= 0, e.g. %s", distExample(t, form))
			return Dist{}, false
		}
		if t.min != nil && d.A < *t.min {
			l.errorf(index(p, 0), show(arr[0]), "the mean must be %s; then each synapse draws its own weight, and draws below %g %s are set to %g %s, e.g. %s",
				t.minText, *t.min, u, *t.min, u, distExample(t, form))
			return Dist{}, false
		}
	}
	return d, true
}

// values1 returns v's values: one, or one per neuron.
func values1(v neuron.Value) []float64 {
	if v.IsShared() {
		return []float64{v.Scalar}
	}
	return v.PerNeuron
}

// delay reads a projection's delay: one time for every synapse, or {
// uniform = [lo, hi] } drawn per synapse. It returns the delay (0 when
// drawn) and the distribution.
func (l *loader) delay(path string, v any) (float64, Dist) {
	const ex = `delay = { uniform = ["1 ms", "3 ms"] }`
	t := &target{unit: unitMs, name: "delay", exVal: `"1.5 ms"`, n: 1}
	m, isTable := v.(map[string]any)
	if !isTable {
		d, ok := l.time(path, v, "delay", t.exVal)
		if ok {
			l.checkDelay(path, v, d, "", `delay = "%g ms"`)
		}
		return d, Dist{}
	}
	if len(m) != 1 {
		l.errorf(path, show(m), "a delay table has exactly one key, uniform (a delay drawn per synapse), e.g. %s", ex)
		return 0, Dist{}
	}
	var form string
	var arg any
	for form, arg = range m {
	}
	p := join(path, form)
	switch form {
	case "uniform":
	case "normal":
		step := "one step"
		if l.simOK {
			step = fmt.Sprintf("one step (dt = %g ms)", l.sim.Dt)
		}
		l.keyErrorf(p, "", "a delay drawn from a normal distribution falls below %s with some probability, which no synapse can have, and cutting the draws off would change the distribution; use a uniform range, e.g. %s", step, ex)
		return 0, Dist{}
	case "linspace":
		l.keyErrorf(p, "", "a delay is one time for every synapse, or drawn per synapse from a uniform range, e.g. %s", ex)
		return 0, Dist{}
	default:
		l.keyErrorf(p, "", "unknown form%s; a delay is one time, or { uniform = [lo, hi] } drawn per synapse, e.g. %s", didYouMean(form, []string{"uniform"}), ex)
		return 0, Dist{}
	}
	arr, a, b, ok := l.formValues(p, form, arg, t)
	if !ok {
		return 0, Dist{}
	}
	d := Dist{Kind: form, A: a.Scalar, B: b.Scalar}
	if d.A > d.B {
		l.errorf(p, show(arg), "the lower bound is above the upper bound, e.g. %s", ex)
		return 0, Dist{}
	}
	if !l.checkDelay(index(p, 0), arr[0], d.A, "the lower bound ", `delay = { uniform = ["%g ms", "3 ms"] }`) ||
		!l.checkDelay(index(p, 1), arr[1], d.B, "the upper bound ", `delay = { uniform = ["%g ms", "3 ms"] }`) {
		return 0, Dist{}
	}
	return 0, d
}

// checkDelay reports a delay d (ms; what names it, "" for the delay
// itself) of under one step or of more steps than a synapse can hold.
// example is a format taking the shortest delay.
func (l *loader) checkDelay(path string, given any, d float64, what, example string) bool {
	if !l.simOK {
		return true
	}
	dt := l.sim.Dt
	if d < dt*(1-1e-9) {
		l.errorf(path, show(given), "%sis shorter than one step (dt = %g ms): spikes take at least one step, e.g. "+example, what, dt, dt)
		return false
	}
	if steps := math.Round(d / dt); steps > synapse.MaxDelaySteps {
		l.errorf(path, show(given), "%sis %g steps of dt = %g ms, more than the %d a synapse can hold; shorten it", what, steps, dt, synapse.MaxDelaySteps)
		return false
	}
	return true
}

// connect reads a connection rule: a rule name, or a table.
func (l *loader) connect(path string, v any) (Connect, bool) {
	c := Connect{Autapses: true}
	if s, ok := v.(string); ok {
		v = map[string]any{"rule": s}
	}
	m, ok := l.table(path, v, `connect = { rule = "fixed-probability", p = 0.02 }`)
	if !ok {
		return c, false
	}
	rv, has := m["rule"]
	if !has {
		l.missing(path, "rule", `rule = "fixed-probability"`)
		return c, false
	}
	if c.Rule, ok = l.enum(path+".rule", rv, Rules, "connection rule", `rule = "fixed-probability"`); !ok {
		return c, false
	}
	allowed := ruleKeys[c.Rule]
	all := []string{"rule", "p", "k", "autapses", "multapses"}
	for _, key := range sortedKeys(m) {
		switch {
		case slices.Contains(allowed, key):
		case slices.Contains(all, key):
			l.keyErrorf(join(path, key), "", "does not apply to rule %q, which takes %s", c.Rule, strings.Join(allowed, ", "))
			ok = false
		default:
			l.keyErrorf(join(path, key), "", "unknown key%s; rule %q takes %s", didYouMean(key, all), c.Rule, strings.Join(allowed, ", "))
			ok = false
		}
	}
	switch c.Rule {
	case "fixed-probability":
		if pv, has := m["p"]; !has {
			l.missing(path, "p", fmt.Sprintf(`connect = { rule = %q, p = 0.02 }`, c.Rule))
			ok = false
		} else if x, good := l.number(path+".p", pv, "p = 0.02"); !good {
			ok = false
		} else if x < 0 || x > 1 {
			l.errorf(path+".p", show(pv), "a probability is from 0 to 1, e.g. p = 0.02")
			ok = false
		} else {
			c.P = x
		}
	case "fixed-indegree", "fixed-outdegree":
		if kv, has := m["k"]; !has {
			l.missing(path, "k", fmt.Sprintf(`connect = { rule = %q, k = 100 }`, c.Rule))
			ok = false
		} else if n, good := l.integer(path+".k", kv, 0, MaxSize, "k = 100"); good {
			c.K = int(n)
		} else {
			ok = false
		}
	}
	if bv, has := m["autapses"]; has {
		var good bool
		c.Autapses, good = l.boolean(path+".autapses", bv, "autapses = false")
		ok = ok && good
	}
	if bv, has := m["multapses"]; has {
		var good bool
		c.Multapses, good = l.boolean(path+".multapses", bv, "multapses = true")
		ok = ok && good
	}
	return c, ok
}

// checkConnect checks a rule against the sizes of the populations.
func (l *loader) checkConnect(path string, given any, p Projection, from, to Population) {
	c := p.Connect
	self := p.From == p.To
	at := path
	if _, ok := given.(map[string]any); ok {
		at = path + ".rule"
	}
	switch c.Rule {
	case "one-to-one":
		if from.Size != to.Size {
			l.errorf(at, show(c.Rule), "connects populations of the same size; %q has %d neurons and %q %d", from.Name, from.Size, to.Name, to.Size)
		} else if self && !c.Autapses {
			l.errorf(at, show(c.Rule), "from a population to itself connects each neuron to itself only, and autapses = false removes every synapse")
		}
	case "fixed-indegree", "fixed-outdegree":
		pool, partner := from, "sources in"
		if c.Rule == "fixed-outdegree" {
			pool, partner = to, "targets in"
		}
		most := pool.Size
		if self && !c.Autapses {
			most--
		}
		if !c.Multapses && c.K > most {
			why := ""
			if self && !c.Autapses {
				why = " other than itself (autapses = false)"
			}
			l.errorf(path+".k", fmt.Sprint(c.K), "each neuron needs %d distinct %s %q%s, which has %d; lower k, or set multapses = true", c.K, partner, pool.Name, why, most)
		}
	}
}
