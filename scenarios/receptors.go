package scenarios

import (
	"fmt"
	"slices"
	"strings"

	"gospike/random"
	"gospike/scenarios/quantity"
)

// Receptor variables. A synapse table may name its receptor
// (synapse = { ..., name = "ge" }); [population.init] and [[record]] may
// then use the name (and name_h for alpha kinds) as a state variable of
// the target population. Projections are read after populations and
// records, so init keys and record variables that are not model
// variables are set aside (pendingInit, pendingRecord) and resolved by
// resolveReceptors once every table is read, against the receptors the
// network will make: the distinct synapses onto each population, in
// order of first use by the projections, then the stimuli, as
// network.Spec.StateVars lists them.

// receptorUse is one synapse table acting on a population.
type receptorUse struct {
	path   string // "projection[0].synapse"
	target int    // index into l.pops
	syn    Synapse
}

// popReceptor is one receptor state of a population, shared by the
// synapse tables with its kinetics and name.
type popReceptor struct {
	syn   Synapse  // canonical: ERev 0 for current kinds
	vars  []string // its state variables: [name] or [name, name_h]
	first string   // the path of the first synapse table using it
}

// pendingInit is a [population.init] key that is not a model variable.
type pendingInit struct {
	pop  int
	path string // population[i].init.KEY
	key  string
	val  any
}

// pendingRecord is a [[record]] whose variables are resolved at the end.
type pendingRecord struct {
	k       int // index into Scenario.Records
	path    string
	hasVars bool // the table has a variables key (else the default ["v"])
	pop     int
}

// canonical returns s as the network compares receptors: the reversal
// potential counts for conductance kinds only.
func (s Synapse) canonical() Synapse {
	if !s.Conductance() {
		s.ERev = 0
	}
	return s
}

// varNames returns the receptor's state variables, using fallback when
// it has no name.
func (s Synapse) varNames(fallback string) []string {
	name := s.Name
	if name == "" {
		name = fallback
	}
	switch s.Kind {
	case "delta":
		return nil
	case "alpha-current", "alpha-conductance":
		return []string{name, name + "_h"}
	}
	return []string{name}
}

// kinetics describes s as a scenario writes it.
func (s Synapse) kinetics() string {
	if s.Conductance() {
		return fmt.Sprintf("%s, tau %g ms, e_rev %g mV", s.Kind, s.Tau, s.ERev)
	}
	return fmt.Sprintf("%s, tau %g ms", s.Kind, s.Tau)
}

// readable reports whether values can be read for the population: its
// model and size are known.
func (info *popInfo) readable() bool { return info.pop.Model != nil && info.pop.Size > 0 }

// useSynapse notes a synapse table onto population target (info); ok
// tells whether its kinetics were read without error. A name whose
// synapse could not be read is remembered, so that init and record do
// not report it as unknown as well.
func (l *loader) useSynapse(path string, target int, info *popInfo, s Synapse, ok bool) {
	switch {
	case info == nil || !info.readable():
		if s.Name != "" {
			l.brokenNames[s.Name] = true
		}
	case !ok:
		if s.Name != "" {
			info.brokenNames = append(info.brokenNames, s.Name)
		}
	default:
		l.uses = append(l.uses, receptorUse{path: path, target: target, syn: s})
	}
}

// resolveReceptors finds the receptors of every population, checks their
// names, and resolves the init keys and record variables set aside.
func (l *loader) resolveReceptors(sc *Scenario) {
	// the network's order: projections, then stimuli
	for _, stimuli := range []bool{false, true} {
		for _, u := range l.uses {
			if strings.HasPrefix(u.path, "stimulus") == stimuli {
				l.addReceptor(u)
			}
		}
	}
	for _, p := range l.pendingInits {
		l.receptorInit(p)
	}
	for _, p := range l.pendingRecords {
		l.recordVars(&sc.Records[p.k], p)
	}
}

// addReceptor adds the receptor of u to its target population, unless it
// shares one already there; a name that clashes is reported at u.
func (l *loader) addReceptor(u receptorUse) {
	info := l.pops[u.target]
	s := u.syn.canonical()
	if s.Kind == "delta" {
		return
	}
	for _, r := range info.receptors {
		if r.syn == s {
			return // the same receptor: one shared state
		}
	}
	at, given, pop := u.path+".name", show(s.Name), info.pop.Name
	if s.Name != "" {
		for _, r := range info.receptors {
			if r.syn.Name == s.Name {
				l.errorf(at, given, "%s names receptor %q onto population %q already, with other kinetics (%s; here %s): synapses with one name share one state, so they need the same kind, tau and e_rev; give this one another name",
					r.first, s.Name, pop, r.syn.kinetics(), s.kinetics())
				return
			}
		}
		model := modelVarNames(info)
		for j, v := range s.varNames("") {
			what := fmt.Sprintf("the receptor's variable %q", v)
			if j == 1 {
				what = fmt.Sprintf("the second variable of an %s receptor, %q,", s.Kind, v)
			}
			if slices.Contains(model, v) {
				info.brokenNames = append(info.brokenNames, s.Name)
				l.errorf(at, given, "%s is a state variable of model %s (population %q) already; its variables: %s; name the receptor otherwise, e.g. name = %q",
					what, info.pop.Model.Name(), pop, strings.Join(model, ", "), suggestName(s, model, info))
				return
			}
			for _, r := range info.receptors {
				if slices.Contains(r.vars, v) {
					info.brokenNames = append(info.brokenNames, s.Name)
					l.errorf(at, given, "%s is a variable of receptor %q (%s) onto population %q already; name the receptor otherwise",
						what, r.syn.Name, r.first, pop)
					return
				}
			}
		}
	}
	vars := s.varNames(fmt.Sprintf("syn%d", len(info.receptors)))
	info.receptors = append(info.receptors, &popReceptor{syn: s, vars: vars, first: u.path})
}

// suggestName returns a name for s that clashes with nothing.
func suggestName(s Synapse, model []string, info *popInfo) string {
	base := "gs"
	if !s.Conductance() {
		base = "is"
	}
	for i := 0; ; i++ {
		name := base
		if i > 0 {
			name = fmt.Sprintf("%s%d", base, i)
		}
		free := true
		for _, v := range (Synapse{Kind: s.Kind, Name: name}).varNames("") {
			free = free && !slices.Contains(model, v) && !slices.ContainsFunc(info.receptors, func(r *popReceptor) bool { return slices.Contains(r.vars, v) })
		}
		if free {
			return name
		}
	}
}

func modelVarNames(info *popInfo) []string {
	var names []string
	for _, v := range info.pop.Model.Vars() {
		names = append(names, v.Name)
	}
	return names
}

// receptorVar returns the receptor of info whose named variable is name,
// and the index of that variable among the population's state variables
// (the model's, then every receptor's).
func (info *popInfo) receptorVar(name string) (*popReceptor, int) {
	i := len(info.pop.Model.Vars())
	for _, r := range info.receptors {
		for j, v := range r.vars {
			if v == name && r.syn.Name != "" {
				return r, i + j
			}
		}
		i += len(r.vars)
	}
	return nil, -1
}

// namedVars lists the variables of the named receptors of info.
func (info *popInfo) namedVars() []string {
	var out []string
	for _, r := range info.receptors {
		if r.syn.Name != "" {
			out = append(out, r.vars...)
		}
	}
	return out
}

// unknownVar explains that population info has no state variable name:
// the model's variables and the named receptors', and where a receptor of
// that name acts if not on this population.
func (l *loader) unknownVar(info *popInfo, name string) string {
	model, named := modelVarNames(info), info.namedVars()
	var b strings.Builder
	fmt.Fprintf(&b, "model %s has no state variable %q", info.pop.Model.Name(), name)
	if len(named) > 0 {
		fmt.Fprintf(&b, " and no receptor onto population %q has that name", info.pop.Name)
	}
	b.WriteString(didYouMean(name, append(slices.Clone(model), named...)))
	fmt.Fprintf(&b, "; its variables: %s", strings.Join(model, ", "))
	if len(named) > 0 {
		fmt.Fprintf(&b, "; its named receptors' variables: %s", strings.Join(named, ", "))
	}
	var elsewhere []string
	for _, other := range l.pops {
		if other == info {
			continue
		}
		for _, r := range other.receptors {
			if r.syn.Name != "" && slices.Contains(r.vars, name) {
				elsewhere = append(elsewhere, fmt.Sprintf("%q (%s)", other.pop.Name, r.first))
			}
		}
	}
	switch {
	case len(elsewhere) > 0:
		fmt.Fprintf(&b, "; a receptor with the variable %q acts on population %s, not on %q", name, strings.Join(elsewhere, " and "), info.pop.Name)
	case fallbackNamePattern.MatchString(name):
		b.WriteString(`; unnamed receptors cannot be set or recorded: name the synapse, e.g. synapse = { kind = "exp-conductance", tau = "5 ms", e_rev = "0 mV", name = "ge" }`)
	}
	return b.String()
}

// broken reports whether name may be the name of a receptor onto info
// whose synapse table could not be read (and is reported already).
func (l *loader) broken(info *popInfo, name string) bool {
	for _, n := range append([]string{name}, strings.TrimSuffix(name, "_h")) {
		if l.brokenNames[n] || slices.Contains(info.brokenNames, n) {
			return true
		}
	}
	return false
}

// receptorInit reads an initial value of a receptor variable: in the
// target model's conductance unit (>= 0; a normal draw below 0 is set to
// 0) or current unit.
func (l *loader) receptorInit(p pendingInit) {
	info := l.pops[p.pop]
	r, _ := info.receptorVar(p.key)
	if r == nil {
		if !l.broken(info, p.key) {
			l.keyErrorf(p.path, "", "%s", l.unknownVar(info, p.key))
		}
		return
	}
	var t *target
	if r.syn.Conductance() {
		u := info.units.Conductance
		t = info.target(quantity.MustUnit(u), p.key, fmt.Sprintf("%q", "1 "+u))
		t.min, t.minText, t.rectify = new(float64), ">= 0 (a conductance)", true
	} else {
		t = info.target(quantity.MustUnit(info.units.Current), p.key, currentExample(info.units.Current))
	}
	if v, ok := l.perNeuron(p.path, p.val, t, randKey{random.Init, p.pop, p.key}); ok {
		info.pop.Init[p.key] = v
	}
}

// recordVars resolves the variables of a record of population p.pop.
func (l *loader) recordVars(r *Record, p pendingRecord) {
	info := l.pops[p.pop]
	model := modelVarNames(info)
	for i, name := range r.Variables {
		at := index(p.path+".variables", i)
		if !p.hasVars {
			at = p.path
		}
		j := slices.Index(model, name)
		if j < 0 {
			_, j = info.receptorVar(name)
		}
		switch {
		case j < 0:
			if !l.broken(info, name) {
				l.errorf(at, show(name), "%s", l.unknownVar(info, name))
			}
		case slices.Contains(r.Vars, j):
			l.errorf(at, show(name), "is listed twice")
		default:
			r.Vars = append(r.Vars, j)
		}
	}
}
