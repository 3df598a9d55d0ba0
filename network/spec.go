package network

import (
	"fmt"
	"math"
	"slices"

	"gospike/neuron"
	"gospike/synapse"
)

// Spec is a network to build: plain typed data, filled by a scenario
// builder. Every quantity is in the units named beside it; "model units"
// are those of the target population's neuron.Model.Units() (for example
// pA and nS for "lif", uA/cm^2 and mS/cm^2 for "hodgkin-huxley").
type Spec struct {
	Dt       float64 // ms, > 0
	Duration float64 // ms; the run is round(Duration/Dt) steps
	Seed     uint64  // every random stream derives from it
	// Threads is the most worker goroutines to use; 0 = runtime.NumCPU().
	// Populations are not cut into shards of less work than 256 exact
	// LIF neurons (fewer neurons of a costlier method), so small
	// networks use fewer (Network.Threads). Results never depend on it.
	Threads int

	Populations []Population
	Projections []Projection
	Stimuli     []Stimulus
	Records     []Record
}

// Population is a group of neurons of one model.
type Population struct {
	Name  string
	Model neuron.Model
	Pop   neuron.Population // Model.New(Size, params), made by the caller
	// Method is "euler", "rk4", "exponential-euler" or "exact".
	Method string
	// Init sets initial values by state variable name, in the variable's
	// unit (model variables, or receptor variables as StateVars lists
	// them); the others start at the model's resting state (Pop.Rest)
	// and receptor variables at 0. nil means all at rest.
	Init map[string]neuron.Value
	Size int // must equal Pop.Len(); 0 means Pop.Len()
}

// Projection is the synapses from one population to another (or itself).
type Projection struct {
	From, To int // indices into Spec.Populations
	Rule     synapse.Rule
	Receptor synapse.Receptor
	// Weight is in model units of the To population for the receptor
	// kind: mV for delta, the current unit for exp-current and
	// alpha-current, the conductance unit for exp-conductance and
	// alpha-conductance (the peak of the alpha kinds). Shared, per
	// post-synaptic neuron, or drawn per synapse (synapse.Param).
	Weight synapse.Param
	// Delay is in ms, rounded to whole steps, at least one step. A spike
	// of a neuron in the step (t, t+dt] reaches its targets at
	// t + dt + Delay.
	Delay synapse.Param
}

// Stimulus kinds.
const (
	DC             = "dc"              // constant current Amplitude from Start to Stop
	Poisson        = "poisson"         // Count independent Poisson sources of Rate per neuron, each event adding Weight
	SpikeGenerator = "spike-generator" // events at Times, each adding Weight to every neuron
	Step           = "step"            // piecewise-constant current: Amplitudes[i] from Times[i] on
	Noise          = "noise"           // Gaussian current, white (held per step) or Ornstein-Uhlenbeck
)

// StimulusKinds lists the stimulus kinds.
var StimulusKinds = []string{DC, Poisson, SpikeGenerator, Step, Noise}

// Stimulus is an input to every neuron of one population. Currents are in
// the target model's current unit; weights as for Projection.Weight.
//
// Times are put on the step grid: a time t acts from step round(t/Dt).
// Start and Stop bound dc, poisson and noise: they act during the steps
// whose start time lies in [Start, Stop); Stop <= 0 means the end of the
// run.
type Stimulus struct {
	Target int    // index into Spec.Populations
	Kind   string // DC, Poisson, SpikeGenerator, Step or Noise

	Start, Stop float64 // ms

	// DC: the current, per neuron or shared.
	Amplitude neuron.Value

	// Poisson (as Brian2's PoissonInput): every neuron gets Count
	// independent sources firing at Rate; each step, each neuron draws
	// its number of events k ~ Binomial(Count, Rate*Dt) and k*Weight
	// arrives at Receptor at the start of the step.
	Rate  float64 // Hz
	Count int     // sources per neuron; 0 means 1

	// Poisson and SpikeGenerator: the weight of one event (per neuron or
	// shared) and the receptor it arrives at.
	Weight   neuron.Value
	Receptor synapse.Receptor

	// SpikeGenerator: the times (ms) at which events arrive at every
	// neuron of the target. Step: the times at which the current
	// switches to the matching Amplitudes value (0 before Times[0]);
	// increasing.
	Times      []float64
	Amplitudes []neuron.Value

	// Noise: a Gaussian current of mean Mean and standard deviation Std
	// (per neuron or shared). With Tau = 0 it is white noise held over
	// each step: every step draws Mean + Std*N(0,1) anew, as NEST's
	// noise_generator with its dt equal to the step; the membrane's
	// response then scales with the step (the variance of V grows as
	// Std^2 * Dt), so results change with Dt. With Tau > 0 (ms) it is an
	// Ornstein-Uhlenbeck current, updated exactly each step (Gillespie
	// 1996): its mean, standard deviation Std and correlation time Tau do
	// not depend on Dt.
	Mean, Std neuron.Value
	Tau       float64
}

// Record asks for traces of state variables of some neurons.
type Record struct {
	Pop     int      // index into Spec.Populations
	Vars    []string // model or receptor variable names (StateVars)
	Neurons []int    // neuron indices; nil means every neuron
}

// Methods lists the integration methods a population may use.
var Methods = []string{"euler", "rk4", "exponential-euler", "exact"}

// receptorKey identifies a shared receptor state.
func receptorKey(r synapse.Receptor) synapse.Receptor { return r.Canonical() }

// receptors returns the distinct receptors, delta excluded, onto
// population p in order of first use by the projections, then the
// stimuli; and whether any delta input reaches it.
func (s *Spec) receptors(p int) (recs []synapse.Receptor, delta bool) {
	add := func(r synapse.Receptor) {
		r = receptorKey(r)
		if r.Kind == synapse.Delta {
			delta = true
			return
		}
		if !slices.Contains(recs, r) {
			recs = append(recs, r)
		}
	}
	for _, pr := range s.Projections {
		if pr.To == p {
			add(pr.Receptor)
		}
	}
	for _, st := range s.Stimuli {
		if st.Target == p && (st.Kind == Poisson || st.Kind == SpikeGenerator) {
			add(st.Receptor)
		}
	}
	return recs, delta
}

// receptorVarNames returns the state variable names of population p's
// receptors: r.Name, or "syn<k>" for the k-th unnamed receptor.
func receptorVarNames(recs []synapse.Receptor) [][]string {
	out := make([][]string, len(recs))
	for k, r := range recs {
		out[k] = r.VarNames(fmt.Sprintf("syn%d", k))
	}
	return out
}

// StateVars returns the state variables of population p as the network
// integrates them: the model's variables, then one or two per distinct
// receptor (in order of first use by the projections, then the stimuli,
// onto p), named by Receptor.Name or "syn0", "syn1", ... (alpha kinds add
// "<name>_h"), in the model's current or conductance unit. These are the
// names Init and Record take.
func (s *Spec) StateVars(p int) ([]neuron.Var, error) {
	if p < 0 || p >= len(s.Populations) {
		return nil, fmt.Errorf("network: population index %d out of range", p)
	}
	pop := s.Populations[p]
	if pop.Model == nil {
		return nil, fmt.Errorf("network: population %q has no model", pop.Name)
	}
	vars := slices.Clone(pop.Model.Vars())
	recs, _ := s.receptors(p)
	u := pop.Model.Units()
	for k, names := range receptorVarNames(recs) {
		unit, what := u.Current, "current"
		if recs[k].Kind.Conductance() {
			unit, what = u.Conductance, "conductance"
		}
		for v, name := range names {
			doc := fmt.Sprintf("synaptic %s of the %s receptor", what, recs[k])
			if v == 1 {
				doc = fmt.Sprintf("auxiliary variable of the %s receptor (dg/dt = (h - g)/tau)", recs[k])
			}
			if slices.ContainsFunc(vars, func(x neuron.Var) bool { return x.Name == name }) {
				return nil, fmt.Errorf("network: population %q: receptor variable %q has the name of another state variable: name the receptor", pop.Name, name)
			}
			vars = append(vars, neuron.Var{Name: name, Unit: unit, Doc: doc})
		}
	}
	return vars, nil
}

// Steps returns the number of steps of the run.
func (s *Spec) Steps() int { return int(math.Round(s.Duration / s.Dt)) }

func (s *Spec) stepOf(t float64) int { return int(math.Round(t / s.Dt)) }

// window returns the steps [lo, hi) of a Start/Stop pair.
func (s *Spec) window(start, stop float64, steps int) (int, int) {
	lo := int(math.Ceil(start/s.Dt - 1e-9))
	hi := steps
	if stop > 0 {
		hi = int(math.Ceil(stop/s.Dt - 1e-9))
	}
	return max(lo, 0), min(hi, steps)
}

// validate checks the spec as a whole, before anything is built.
func (s *Spec) validate() error {
	if !(s.Dt > 0) || math.IsInf(s.Dt, 0) {
		return fmt.Errorf("network: dt = %g ms: must be > 0", s.Dt)
	}
	if !(s.Duration >= 0) || math.IsInf(s.Duration, 0) {
		return fmt.Errorf("network: duration = %g ms: must be >= 0", s.Duration)
	}
	if s.Threads < 0 {
		return fmt.Errorf("network: threads = %d: must be >= 0", s.Threads)
	}
	names := map[string]bool{}
	for p, pop := range s.Populations {
		if pop.Model == nil || pop.Pop == nil {
			return fmt.Errorf("network: population %d (%q): no model or population", p, pop.Name)
		}
		if names[pop.Name] {
			return fmt.Errorf("network: two populations are called %q", pop.Name)
		}
		names[pop.Name] = true
		if pop.Size != 0 && pop.Size != pop.Pop.Len() {
			return fmt.Errorf("network: population %q: size %d but its neuron.Population has %d neurons", pop.Name, pop.Size, pop.Pop.Len())
		}
		if !slices.Contains(Methods, pop.Method) {
			return fmt.Errorf("network: population %q: unknown method %q (known: %v)", pop.Name, pop.Method, Methods)
		}
		switch pop.Method {
		case "exact":
			if _, ok := pop.Pop.(neuron.Exact); !ok {
				return fmt.Errorf("network: population %q: model %s cannot be integrated by method exact (its subthreshold dynamics are not linear): use rk4 or exponential-euler", pop.Name, pop.Model.Name())
			}
		case "exponential-euler":
			if !neuron.CanLinearize(pop.Pop) {
				return fmt.Errorf("network: population %q: model %s is not conditionally linear, as method exponential-euler needs: use rk4", pop.Name, pop.Model.Name())
			}
		}
	}
	popRef := func(what string, i int) error {
		if i < 0 || i >= len(s.Populations) {
			return fmt.Errorf("network: %s: population index %d out of range (%d populations)", what, i, len(s.Populations))
		}
		return nil
	}
	for k, pr := range s.Projections {
		what := fmt.Sprintf("projection %d", k)
		if err := popRef(what, pr.From); err != nil {
			return err
		}
		if err := popRef(what, pr.To); err != nil {
			return err
		}
		what = fmt.Sprintf("projection %d (%s -> %s)", k, s.Populations[pr.From].Name, s.Populations[pr.To].Name)
		if err := pr.Receptor.Validate(); err != nil {
			return fmt.Errorf("network: %s: %w", what, err)
		}
		if err := s.conn(k).Validate(s.Dt); err != nil {
			return fmt.Errorf("network: %s: %w", what, err)
		}
	}
	steps := s.Steps()
	for k, st := range s.Stimuli {
		if err := popRef(fmt.Sprintf("stimulus %d", k), st.Target); err != nil {
			return err
		}
		if err := s.validateStimulus(st, steps); err != nil {
			return fmt.Errorf("network: stimulus %d (%s onto %s): %w", k, st.Kind, s.Populations[st.Target].Name, err)
		}
	}
	for p, pop := range s.Populations {
		vars, err := s.StateVars(p)
		if err != nil {
			return err
		}
		recs, _ := s.receptors(p)
		if pop.Method == "exact" {
			for _, r := range recs {
				if _, _, err := r.Exact(nil); err != nil {
					return fmt.Errorf("network: population %q: %w", pop.Name, err)
				}
			}
		}
		n := pop.Pop.Len()
		for name, v := range pop.Init {
			if !slices.ContainsFunc(vars, func(x neuron.Var) bool { return x.Name == name }) {
				return fmt.Errorf("network: population %q: initial value of unknown variable %q (variables: %s)", pop.Name, name, varNames(vars))
			}
			if v.PerNeuron != nil && len(v.PerNeuron) != n {
				return fmt.Errorf("network: population %q: initial %s: %d values for %d neurons", pop.Name, name, len(v.PerNeuron), n)
			}
			if err := v.Check(name, finite, "finite"); err != nil {
				return fmt.Errorf("network: population %q: initial %w", pop.Name, err)
			}
		}
	}
	for k, r := range s.Records {
		if err := popRef(fmt.Sprintf("record %d", k), r.Pop); err != nil {
			return err
		}
		vars, _ := s.StateVars(r.Pop)
		pop := s.Populations[r.Pop]
		for _, name := range r.Vars {
			if !slices.ContainsFunc(vars, func(x neuron.Var) bool { return x.Name == name }) {
				return fmt.Errorf("network: record %d: population %q has no variable %q (variables: %s)", k, pop.Name, name, varNames(vars))
			}
		}
		for _, i := range r.Neurons {
			if i < 0 || i >= pop.Pop.Len() {
				return fmt.Errorf("network: record %d: population %q has no neuron %d (it has %d)", k, pop.Name, i, pop.Pop.Len())
			}
		}
	}
	return nil
}

func varNames(vars []neuron.Var) string {
	out := ""
	for i, v := range vars {
		if i > 0 {
			out += ", "
		}
		out += v.Name
	}
	return out
}

func finite(x float64) bool { return !math.IsNaN(x) && !math.IsInf(x, 0) }

// conn returns projection k's synapse description.
func (s *Spec) conn(k int) synapse.Conn {
	pr := s.Projections[k]
	return synapse.Conn{
		NPre:        s.Populations[pr.From].Pop.Len(),
		NPost:       s.Populations[pr.To].Pop.Len(),
		Self:        pr.From == pr.To,
		Rule:        pr.Rule,
		Weight:      pr.Weight,
		Delay:       pr.Delay,
		NonNegative: pr.Receptor.Kind.Conductance(),
	}
}

func (s *Spec) validateStimulus(st Stimulus, steps int) error {
	n := s.Populations[st.Target].Pop.Len()
	perNeuron := func(name string, v neuron.Value, ok func(float64) bool, want string) error {
		if v.PerNeuron != nil && len(v.PerNeuron) != n {
			return fmt.Errorf("%s: %d values for %d neurons", name, len(v.PerNeuron), n)
		}
		return v.Check(name, ok, want)
	}
	if !finite(st.Start) || !finite(st.Stop) {
		return fmt.Errorf("start %g ms, stop %g ms: must be finite", st.Start, st.Stop)
	}
	if st.Stop > 0 && st.Stop < st.Start {
		return fmt.Errorf("stop %g ms is before start %g ms", st.Stop, st.Start)
	}
	nonNeg := func(x float64) bool { return finite(x) && x >= 0 }
	weight := func() error {
		if err := st.Receptor.Validate(); err != nil {
			return err
		}
		if st.Receptor.Kind.Conductance() {
			return perNeuron("weight", st.Weight, nonNeg, "a finite conductance >= 0")
		}
		return perNeuron("weight", st.Weight, finite, "finite")
	}
	switch st.Kind {
	case DC:
		return perNeuron("amplitude", st.Amplitude, finite, "finite")
	case Poisson:
		if !nonNeg(st.Rate) {
			return fmt.Errorf("rate %g Hz: must be >= 0", st.Rate)
		}
		if st.Count < 0 {
			return fmt.Errorf("count %d: must be >= 0", st.Count)
		}
		if p := st.Rate * s.Dt / 1000; p > 1 {
			return fmt.Errorf("rate %g Hz is more than one event per step of %g ms: lower the rate or dt", st.Rate, s.Dt)
		}
		return weight()
	case SpikeGenerator:
		for i, t := range st.Times {
			if !nonNeg(t) {
				return fmt.Errorf("time %d = %g ms: must be >= 0", i, t)
			}
		}
		return weight()
	case Step:
		if len(st.Times) != len(st.Amplitudes) {
			return fmt.Errorf("%d times but %d amplitudes", len(st.Times), len(st.Amplitudes))
		}
		for i, t := range st.Times {
			if !nonNeg(t) {
				return fmt.Errorf("time %d = %g ms: must be >= 0", i, t)
			}
			if i > 0 && !(s.stepOf(t) > s.stepOf(st.Times[i-1])) {
				return fmt.Errorf("times %g and %g ms: must increase by at least one step", st.Times[i-1], t)
			}
			if err := perNeuron(fmt.Sprintf("amplitude %d", i), st.Amplitudes[i], finite, "finite"); err != nil {
				return err
			}
		}
	case Noise:
		if err := perNeuron("mean", st.Mean, finite, "finite"); err != nil {
			return err
		}
		if err := perNeuron("std", st.Std, nonNeg, ">= 0"); err != nil {
			return err
		}
		if !nonNeg(st.Tau) {
			return fmt.Errorf("tau %g ms: must be >= 0", st.Tau)
		}
	default:
		return fmt.Errorf("unknown stimulus kind %q (known: %v)", st.Kind, StimulusKinds)
	}
	return nil
}
