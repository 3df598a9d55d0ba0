package synapse

import (
	"fmt"
	"math"

	"gospike/neuron"
)

// RuleKind is a connection rule.
type RuleKind uint8

// Connection rules, as scenario files spell them (see RuleKind.String).
const (
	AllToAll         RuleKind = iota // every pre to every post neuron
	OneToOne                         // pre i to post i (equal sizes)
	FixedProbability                 // each pair independently with probability P
	FixedIndegree                    // exactly K distinct pre neurons per post neuron
	FixedOutdegree                   // exactly K distinct post neurons per pre neuron
)

var ruleNames = [...]string{"all-to-all", "one-to-one", "fixed-probability", "fixed-indegree", "fixed-outdegree"}

// Rules lists every rule's name, as scenario files spell them.
func Rules() []string { return append([]string(nil), ruleNames[:]...) }

// String returns the rule's name as scenario files spell it.
func (k RuleKind) String() string {
	if int(k) < len(ruleNames) {
		return ruleNames[k]
	}
	return fmt.Sprintf("RuleKind(%d)", int(k))
}

// ParseRule returns the rule kind called name.
func ParseRule(name string) (RuleKind, error) {
	for i, s := range ruleNames {
		if s == name {
			return RuleKind(i), nil
		}
	}
	return 0, fmt.Errorf("synapse: unknown connection rule %q (known: %v)", name, ruleNames)
}

// Rule is a connection rule with its parameters.
//
// Autapses (a neuron's synapse onto itself) are possible only when a
// projection connects a population to itself; they are made only when
// Autapses is true. One-to-one onto the same population connects every
// neuron to itself whatever Autapses says. No rule makes multapses (two
// synapses between the same pair).
type Rule struct {
	Kind     RuleKind
	P        float64 // FixedProbability: connection probability, 0..1
	K        int     // FixedIndegree, FixedOutdegree: synapses per post (pre) neuron
	Autapses bool
}

// DistKind is how a synaptic parameter is drawn per synapse.
type DistKind uint8

// Distributions of per-synapse values.
const (
	NoDist  DistKind = iota // not drawn: the Value of the Param
	Uniform                 // uniform on [A, B)
	Normal                  // normal with mean A and standard deviation B
)

// Dist is a distribution from which every synapse draws its own value.
type Dist struct {
	Kind DistKind
	A, B float64
}

// Param is a weight or a delay of the synapses of a projection: one value
// for all (Value.Scalar), one value per post-synaptic neuron
// (Value.PerNeuron, of the post population's length), or, when Dist.Kind
// is not NoDist, a value drawn for every synapse from Dist (Value is then
// ignored), or, for weights of an all-to-all projection, one given value
// per synapse in Matrix: Matrix[j*NPre+i] is the weight from pre neuron i
// to post neuron j (a trained network's weight matrix, post x pre).
type Param struct {
	Value  neuron.Value
	Dist   Dist
	Matrix []float64
}

// WeightMatrix returns a Param with the given weight for every synapse of
// an all-to-all projection: w[j*nPre+i] from pre i to post j.
func WeightMatrix(w []float64) Param { return Param{Matrix: w} }

// perSyn reports whether the Param has a value of its own per synapse.
func (p Param) perSyn() bool { return p.drawn() || p.Matrix != nil }

// Fixed returns a Param with the value x for every synapse.
func Fixed(x float64) Param { return Param{Value: neuron.Shared(x)} }

// PerPost returns a Param with the value v[j] for the synapses onto post
// neuron j.
func PerPost(v []float64) Param { return Param{Value: neuron.Value{PerNeuron: v}} }

// UniformDist returns a Param drawn per synapse uniformly from [a, b).
func UniformDist(a, b float64) Param { return Param{Dist: Dist{Kind: Uniform, A: a, B: b}} }

// NormalDist returns a Param drawn per synapse from a normal distribution.
func NormalDist(mean, sd float64) Param { return Param{Dist: Dist{Kind: Normal, A: mean, B: sd}} }

// drawn reports whether the Param is drawn per synapse.
func (p Param) drawn() bool { return p.Dist.Kind != NoDist }

// perPost reports whether the Param has one value per post neuron.
func (p Param) perPost() bool { return !p.perSyn() && p.Value.PerNeuron != nil }

// Conn describes the synapses of one projection.
//
// Weights are in the post-synaptic model's units for the receptor they go
// to (see Receptor); delays in ms.
type Conn struct {
	NPre, NPost int
	// Self is true when pre- and post-synaptic populations are the same,
	// so that pre i and post i are one neuron.
	Self   bool
	Rule   Rule
	Weight Param
	Delay  Param // ms; Normal is not accepted for delays
	// NonNegative is true when the weights are conductances: a negative
	// shared or per-neuron weight, or a uniform range below zero, is an
	// error; a normal draw below zero is set to zero (rectified).
	NonNegative bool
}

func finite(x float64) bool { return !math.IsNaN(x) && !math.IsInf(x, 0) }

// Validate checks c's rule against its sizes and its weights and delays
// against dt (ms): every delay must be at least one step and at most
// MaxDelaySteps steps.
func (c Conn) Validate(dt float64) error {
	if c.NPre < 0 || c.NPost < 0 {
		return fmt.Errorf("synapse: population sizes %d, %d: must be >= 0", c.NPre, c.NPost)
	}
	if c.Self && c.NPre != c.NPost {
		return fmt.Errorf("synapse: a projection onto its own population with sizes %d != %d", c.NPre, c.NPost)
	}
	r := c.Rule
	avail := c.NPre // candidate pre neurons per post neuron
	if c.Self && !r.Autapses {
		avail--
	}
	switch r.Kind {
	case AllToAll:
	case OneToOne:
		if c.NPre != c.NPost {
			return fmt.Errorf("synapse: one-to-one needs populations of equal size, not %d and %d", c.NPre, c.NPost)
		}
	case FixedProbability:
		if !(r.P >= 0 && r.P <= 1) {
			return fmt.Errorf("synapse: fixed-probability p = %g: must be in [0, 1]", r.P)
		}
	case FixedIndegree:
		if r.K < 0 || r.K > max(avail, 0) {
			return fmt.Errorf("synapse: fixed-indegree k = %d: must be in [0, %d], the number of distinct pre-synaptic neurons available%s", r.K, max(avail, 0), autapseHint(c))
		}
	case FixedOutdegree:
		availPost := c.NPost
		if c.Self && !r.Autapses {
			availPost--
		}
		if r.K < 0 || r.K > max(availPost, 0) {
			return fmt.Errorf("synapse: fixed-outdegree k = %d: must be in [0, %d], the number of distinct post-synaptic neurons available%s", r.K, max(availPost, 0), autapseHint(c))
		}
	default:
		return fmt.Errorf("synapse: invalid rule %d", int(r.Kind))
	}
	if err := c.validateWeight(); err != nil {
		return err
	}
	return c.validateDelay(dt)
}

func autapseHint(c Conn) string {
	if c.Self && !c.Rule.Autapses {
		return " (no autapses)"
	}
	return ""
}

func (c Conn) validateWeight() error {
	w := c.Weight
	want, ok := "finite", finite
	if c.NonNegative {
		want, ok = "a finite conductance >= 0", func(x float64) bool { return finite(x) && x >= 0 }
	}
	if w.Matrix != nil {
		if c.Rule.Kind != AllToAll || w.Dist.Kind != NoDist {
			return fmt.Errorf("synapse: a weight matrix needs the all-to-all rule and no distribution")
		}
		if len(w.Matrix) != c.NPre*c.NPost {
			return fmt.Errorf("synapse: weight matrix: %d values for %d x %d synapses", len(w.Matrix), c.NPost, c.NPre)
		}
		for k, x := range w.Matrix {
			if !ok(x) {
				return fmt.Errorf("synapse: weight matrix: the weight from pre %d to post %d = %g: must be %s", k%c.NPre, k/c.NPre, x, want)
			}
		}
		return nil
	}
	switch w.Dist.Kind {
	case NoDist:
		if w.Value.PerNeuron != nil && len(w.Value.PerNeuron) != c.NPost {
			return fmt.Errorf("synapse: weight: %d values for %d post-synaptic neurons", len(w.Value.PerNeuron), c.NPost)
		}
		if err := w.Value.Check("weight", ok, want); err != nil {
			return fmt.Errorf("synapse: %w", err)
		}
	case Uniform:
		if !finite(w.Dist.A) || !finite(w.Dist.B) || w.Dist.B < w.Dist.A {
			return fmt.Errorf("synapse: weight uniform in [%g, %g): the bounds must be finite and ordered", w.Dist.A, w.Dist.B)
		}
		if c.NonNegative && w.Dist.A < 0 {
			return fmt.Errorf("synapse: weight uniform in [%g, %g): a conductance must be >= 0", w.Dist.A, w.Dist.B)
		}
	case Normal:
		if !finite(w.Dist.A) || !finite(w.Dist.B) || w.Dist.B < 0 {
			return fmt.Errorf("synapse: weight normal(mean %g, sd %g): must be finite with sd >= 0", w.Dist.A, w.Dist.B)
		}
	default:
		return fmt.Errorf("synapse: weight: invalid distribution %d", int(w.Dist.Kind))
	}
	return nil
}

// MaxDelaySteps is the longest delay, in steps, a synapse can have.
const MaxDelaySteps = math.MaxUint16

// DelaySteps returns delay d (ms) as a whole number of steps of dt,
// rounded to the nearest, or an error if it is under one step or over
// MaxDelaySteps.
func DelaySteps(d, dt float64) (int, error) {
	if !finite(d) {
		return 0, fmt.Errorf("synapse: delay %g ms: must be finite", d)
	}
	x := math.Round(d / dt)
	if x < 1 {
		return 0, fmt.Errorf("synapse: delay %g ms is shorter than one step (dt = %g ms): delays are whole steps, at least one", d, dt)
	}
	if x > MaxDelaySteps {
		return 0, fmt.Errorf("synapse: delay %g ms is %g steps of %g ms, more than the %d steps a synapse can hold", d, x, dt, MaxDelaySteps)
	}
	return int(x), nil
}

func (c Conn) validateDelay(dt float64) error {
	if !(dt > 0) || !finite(dt) {
		return fmt.Errorf("synapse: dt = %g ms: must be > 0", dt)
	}
	d := c.Delay
	switch d.Dist.Kind {
	case NoDist:
		if d.Value.PerNeuron != nil && len(d.Value.PerNeuron) != c.NPost {
			return fmt.Errorf("synapse: delay: %d values for %d post-synaptic neurons", len(d.Value.PerNeuron), c.NPost)
		}
		if d.Value.PerNeuron == nil {
			_, err := DelaySteps(d.Value.Scalar, dt)
			return err
		}
		for j, x := range d.Value.PerNeuron {
			if _, err := DelaySteps(x, dt); err != nil {
				return fmt.Errorf("delay of post-synaptic neuron %d: %w", j, err)
			}
		}
	case Uniform:
		if !(d.Dist.B >= d.Dist.A) {
			return fmt.Errorf("synapse: delay uniform in [%g, %g) ms: the bounds must be ordered", d.Dist.A, d.Dist.B)
		}
		if _, err := DelaySteps(d.Dist.A, dt); err != nil {
			return fmt.Errorf("lower bound of the delay range: %w", err)
		}
		if _, err := DelaySteps(d.Dist.B, dt); err != nil {
			return fmt.Errorf("upper bound of the delay range: %w", err)
		}
	case Normal:
		return fmt.Errorf("synapse: a normally distributed delay can fall below one step: use a uniform range")
	default:
		return fmt.Errorf("synapse: delay: invalid distribution %d", int(d.Dist.Kind))
	}
	return nil
}

// DelayRange returns the shortest and longest delay of c's synapses, in
// steps of dt (c must be valid).
func (c Conn) DelayRange(dt float64) (lo, hi int) {
	d := c.Delay
	switch {
	case d.Dist.Kind == Uniform:
		lo, _ = DelaySteps(d.Dist.A, dt)
		hi, _ = DelaySteps(d.Dist.B, dt)
		return lo, hi
	case d.Value.PerNeuron != nil:
		lo, hi = math.MaxInt, 0
		for _, x := range d.Value.PerNeuron {
			s, _ := DelaySteps(x, dt)
			lo, hi = min(lo, s), max(hi, s)
		}
		if hi == 0 {
			return 1, 1
		}
		return lo, hi
	}
	s, _ := DelaySteps(d.Value.Scalar, dt)
	return s, s
}

// ExpectedSynapses returns the expected number of synapses c makes (exact
// for every rule but fixed-probability, whose count is binomial).
func (c Conn) ExpectedSynapses() float64 {
	pairs := float64(c.NPre) * float64(c.NPost)
	if c.Self && !c.Rule.Autapses && c.Rule.Kind != OneToOne {
		pairs -= float64(c.NPre)
	}
	switch c.Rule.Kind {
	case AllToAll:
		return pairs
	case OneToOne:
		return float64(c.NPost)
	case FixedProbability:
		return c.Rule.P * pairs
	case FixedIndegree:
		return float64(c.Rule.K) * float64(c.NPost)
	case FixedOutdegree:
		return float64(c.Rule.K) * float64(c.NPre)
	}
	return 0
}

// EstimateBytes returns an upper estimate of the memory (bytes) Connect
// takes for c split into the given number of post-synaptic shards: the
// synapse count (the binomial mean plus 5 standard deviations for
// fixed-probability) times the bytes per synapse, plus the row offsets.
func (c Conn) EstimateBytes(shards int) float64 {
	n := c.ExpectedSynapses()
	if c.Rule.Kind == FixedProbability {
		pairs := n / math.Max(c.Rule.P, 1e-300)
		n += 5 * math.Sqrt(pairs*c.Rule.P*(1-c.Rule.P))
	}
	per := 0.0
	if c.Rule.Kind != AllToAll && c.Rule.Kind != OneToOne {
		per += 4 // target index
		if s := max(shards, 1); narrow((c.NPost + s - 1) / s) {
			per = 2 // uint16 on shards of at most maxNarrow neurons
		}
	}
	if c.Weight.perSyn() {
		per += 8
	}
	if c.Delay.drawn() {
		per += 2
	}
	b := n * per
	if c.Weight.perPost() {
		b += 8 * float64(c.NPost)
	}
	if c.Delay.perPost() {
		b += 2 * float64(c.NPost)
	}
	switch c.Rule.Kind {
	case AllToAll:
		if c.Weight.perSyn() || c.Delay.drawn() {
			b += float64(c.NPre) * (8 + 2) // the unused diagonal slots without autapses
		}
	case OneToOne:
	default:
		b += 4 * float64(c.NPre+1) * float64(max(shards, 1))
	}
	return b + 256*float64(max(shards, 1))
}
