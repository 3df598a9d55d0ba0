package scenarios

import (
	"fmt"
	"hash/fnv"
	"math"
	"math/rand/v2"

	"gospike/neuron"
	"gospike/random"
	"gospike/scenarios/quantity"
)

var (
	unitVolt   = quantity.MustUnit("V")
	unitAmpere = quantity.MustUnit("A")
	unitArea   = quantity.MustUnit("m^2")
	unitMs     = quantity.MustUnit("ms")
	unitMV     = quantity.MustUnit("mV")
	unitHz     = quantity.MustUnit("Hz")
	unitCm2    = quantity.MustUnit("cm^2")
	unitNone   = quantity.Unit{}
)

// target is what a value must become: a unit, and the ways a quantity of
// another dimension may still be converted to it for a population.
type target struct {
	unit    quantity.Unit
	name    string  // the key, for examples: "amplitude"
	exVal   string  // a correct value as TOML: `"10 uA/cm^2"`, `0.5`
	n       int     // neurons, for per-neuron forms
	model   string  // the model's name, "" outside a population
	density bool    // the model works per unit membrane area
	area    float64 // membrane area in cm^2; 0 when not set
	// areaBroken: an area was given but is wrong (and reported)
	areaBroken bool
	// gm is c_m/tau_m in gmUnit (per neuron when those differ), so that a
	// voltage may stand for R_m*I where a current is expected; nil when
	// the model has no c_m and tau_m.
	gm       *neuron.Value
	gmUnit   quantity.Unit
	gmBroken bool // c_m or tau_m could not be read: gm is unknown
	// min, if not nil, is a lower bound every value must meet, with the
	// phrase saying so.
	min     *float64
	minText string
	// rectify: draws of a normal form below min are set to min rather
	// than refused (its mean must still meet min); see receptorInit.
	rectify bool
}

func (t *target) example() string { return t.name + " = " + t.exVal }

// reported is the message of a conversion that fails because of a
// problem reported elsewhere (a wrong area, c_m or tau_m): it fails
// without a message of its own.
const reported = "\x00reported"

// convert returns q in t.unit, or a message saying why it cannot be.
func (t *target) convert(q quantity.Quantity) (neuron.Value, string) {
	v, msg := t.convert1(q)
	if msg != "" {
		return v, msg
	}
	for i := range max(1, len(v.PerNeuron)) {
		if x := v.At(i); math.IsNaN(x) || math.IsInf(x, 0) {
			return v, fmt.Sprintf("%s is out of range in %s", q, t.unit)
		}
	}
	return v, ""
}

func (t *target) convert1(q quantity.Quantity) (neuron.Value, string) {
	if q.Unit.Compatible(t.unit) {
		x, _ := q.In(t.unit)
		return neuron.Shared(x), ""
	}
	affine := q.Unit.Affine() || t.unit.Affine()
	if t.density && !affine && q.Unit.Compatible(t.unit.Mul(unitArea)) {
		if t.area == 0 && t.areaBroken {
			return neuron.Value{}, reported
		}
		if t.area == 0 {
			return neuron.Value{}, fmt.Sprintf("%s is %s, but model %s works per unit membrane area (%s): set the population's area (e.g. area = \"20000 um^2\") to convert it, or give %s, e.g. %s",
				q, q.Unit.Kind(), t.model, t.unit, t.unit.Kind(), t.example())
		}
		// in t.unit*cm^2 first: a change of prefix is exact
		x, _ := q.In(t.unit.Mul(unitCm2))
		return neuron.Shared(x / t.area), ""
	}
	if !affine && q.Unit.Compatible(unitVolt) && t.unit.Compatible(unitAmpere) {
		if t.gmBroken {
			return neuron.Value{}, reported
		}
		if t.gm == nil {
			return neuron.Value{}, fmt.Sprintf("%s is a voltage; expected %s (%s), e.g. %s (a voltage stands for R_m*I only for models with c_m and tau_m, such as lif)",
				q, t.unit.Kind(), t.unit, t.example())
		}
		// I = V / R_m = V c_m / tau_m (Brette et al. 2007, CUBA), computed
		// in mV*gmUnit (mV*pF/ms = pA) so that a change of prefix is exact
		v, _ := q.In(unitMV)
		toCurrent, err := quantity.Converter(unitMV.Mul(t.gmUnit), t.unit)
		if err != nil {
			panic(fmt.Sprintf("scenarios: model %s: c_m/tau_m times a voltage is not a current: %v", t.model, err))
		}
		current := func(g float64) float64 { return toCurrent(v * g) }
		if t.gm.IsShared() {
			return neuron.Shared(current(t.gm.Scalar)), ""
		}
		out := make([]float64, len(t.gm.PerNeuron))
		for i, g := range t.gm.PerNeuron {
			out[i] = current(g)
		}
		return neuron.Value{PerNeuron: out}, ""
	}
	if t.unit.Dimensionless() {
		return neuron.Value{}, fmt.Sprintf("%s has a unit, but %s is dimensionless: write a bare number, e.g. %s", q, t.name, t.example())
	}
	return neuron.Value{}, fmt.Sprintf("%s is %s; expected %s (%s), e.g. %s", q, q.Unit.Kind(), t.unit.Kind(), t.unit, t.example())
}

// quantityOf reads a scalar: a string with a unit where t has dimensions,
// a bare number where it has none.
func (l *loader) quantityOf(path string, v any, t *target) (quantity.Quantity, bool) {
	dimless := t.unit.Dimensionless()
	switch v := v.(type) {
	case string:
		q, err := quantity.Parse(v)
		if err != nil {
			reason := err.Error()
			if qe, ok := err.(*quantity.Error); ok {
				reason = qe.Reason
			}
			l.errorf(path, show(v), "%s; expected %s, e.g. %s", reason, t.kind(), t.example())
			return q, false
		}
		switch {
		case dimless && q.Unit.Dimensionless():
			l.errorf(path, show(v), "expected a bare number, not a string, e.g. %s", t.example())
			return q, false
		case !dimless && q.Unit.Dimensionless():
			l.errorf(path, show(v), "a number needs a unit: expected %s (%s), e.g. %s", t.kind(), t.unit, t.example())
			return q, false
		}
		return q, true
	case int64:
		if dimless {
			return quantity.Quantity{Value: float64(v)}, true
		}
	case float64:
		if dimless {
			if math.IsNaN(v) || math.IsInf(v, 0) {
				l.errorf(path, show(v), "expected a finite number, e.g. %s", t.example())
				return quantity.Quantity{}, false
			}
			return quantity.Quantity{Value: v}, true
		}
	default:
		l.errorf(path, show(v), "expected %s, not %s, e.g. %s", t.kind(), typeName(v), t.example())
		return quantity.Quantity{}, false
	}
	l.errorf(path, show(v), "a bare number needs a unit: expected %s (%s), e.g. %s", t.kind(), t.unit, t.example())
	return quantity.Quantity{}, false
}

// kind names what t expects.
func (t *target) kind() string {
	if t.unit.Dimensionless() {
		return "a bare number"
	}
	return t.unit.Kind()
}

// scalar reads one value (not a per-neuron form) in t's unit.
func (l *loader) scalar(path string, v any, t *target) (neuron.Value, bool) {
	q, ok := l.quantityOf(path, v, t)
	if !ok {
		return neuron.Value{}, false
	}
	x, msg := t.convert(q)
	if msg != "" {
		if msg != reported {
			l.errorf(path, show(v), "%s", msg)
		}
		return x, false
	}
	return x, l.checkMin(path, v, x, t)
}

// checkMin reports values below t's lower bound.
func (l *loader) checkMin(path string, given any, x neuron.Value, t *target) bool {
	if t.min == nil {
		return true
	}
	for i := range max(1, len(x.PerNeuron)) {
		if x.At(i) < *t.min {
			what := ""
			if !x.IsShared() {
				what = fmt.Sprintf(" (neuron %d: %g %s)", i, x.At(i), t.unit.Name())
			}
			l.errorf(path, show(given), "must be %s%s, e.g. %s", t.minText, what, t.example())
			return false
		}
	}
	return true
}

// single reads a value that is the same for every neuron, as a float64.
func (l *loader) single(path string, v any, t *target) (float64, bool) {
	x, ok := l.scalar(path, v, t)
	if ok && !x.IsShared() {
		l.errorf(path, show(v), "must be the same for every neuron, e.g. %s", t.example())
		return 0, false
	}
	return x.Scalar, ok
}

// randKey names the streams the per-neuron draws of one value come from:
// random.New(seed, purpose, pop, neuron, hash(name)).
type randKey struct {
	purpose uint64 // random.Param or random.Init
	pop     int
	name    string // e.g. "c_m", "stimulus[0].amplitude"
}

// perNeuron reads any per-neuron value form (a scalar, a list of t.n, or a
// table { linspace | uniform | normal = [a, b] }) into t's unit.
func (l *loader) perNeuron(path string, v any, t *target, key randKey) (neuron.Value, bool) {
	switch v := v.(type) {
	case []any:
		if len(v) != t.n {
			l.errorf(path, show(v), "a list of %d values for %d neurons: give one value per neuron, or one for all, e.g. %s", len(v), t.n, t.example())
			return neuron.Value{}, false
		}
		out, ok := make([]float64, t.n), true
		for i, e := range v {
			x, good := l.scalar(index(path, i), e, t)
			out[i] = x.At(i)
			ok = ok && good
		}
		return compact(out), ok
	case map[string]any:
		return l.distribution(path, v, t, key)
	}
	return l.scalar(path, v, t)
}

var forms = []string{"linspace", "uniform", "normal"}

func (l *loader) distribution(path string, m map[string]any, t *target, key randKey) (neuron.Value, bool) {
	ex := fmt.Sprintf("%s = { linspace = [from, to] } with from and to like %s", t.name, t.exVal)
	if len(m) != 1 {
		l.errorf(path, show(m), "a per-neuron table has exactly one key, linspace, uniform or normal, e.g. %s", ex)
		return neuron.Value{}, false
	}
	var form string
	var arg any
	for form, arg = range m {
	}
	p := join(path, form)
	switch form {
	case "linspace", "uniform", "normal":
	default:
		l.keyErrorf(p, "", "unknown per-neuron form%s; use linspace, uniform or normal, e.g. %s", didYouMean(form, forms), ex)
		return neuron.Value{}, false
	}
	arr, a, b, ok := l.formValues(p, form, arg, t)
	if !ok {
		return neuron.Value{}, false
	}
	n := t.n
	out := make([]float64, n)
	switch form {
	case "linspace":
		for i := range out {
			if n == 1 {
				out[i] = a.At(i)
				break
			}
			out[i] = a.At(i) + float64(i)*(b.At(i)-a.At(i))/float64(n-1)
		}
	case "uniform":
		for i := range max(1, len(a.PerNeuron), len(b.PerNeuron)) {
			if a.At(i) > b.At(i) {
				l.errorf(p, show(arg), "the lower bound is above the upper bound, e.g. %s = { uniform = [lo, hi] }", t.name)
				return neuron.Value{}, false
			}
		}
		l.draw(out, key, func(r *rand.Rand, i int) float64 { return a.At(i) + (b.At(i)-a.At(i))*r.Float64() })
	case "normal":
		for i := range max(1, len(b.PerNeuron)) {
			if b.At(i) < 0 {
				l.errorf(index(p, 1), show(arr[1]), "the standard deviation must be >= 0, e.g. %s = { normal = [mean, sd] }", t.name)
				return neuron.Value{}, false
			}
		}
		if t.rectify && t.min != nil {
			for i := range max(1, len(a.PerNeuron)) {
				if a.At(i) < *t.min {
					u := t.unit.Name()
					l.errorf(index(p, 0), show(arr[0]), "the mean must be %s; then the draws below %g %s are set to %g %s; e.g. %s = { normal = [\"1 %s\", \"0.5 %s\"] }",
						t.minText, *t.min, u, *t.min, u, t.name, u, u)
					return neuron.Value{}, false
				}
			}
			lo := *t.min
			l.draw(out, key, func(r *rand.Rand, i int) float64 { return max(lo, a.At(i)+b.At(i)*r.NormFloat64()) })
			break
		}
		l.draw(out, key, func(r *rand.Rand, i int) float64 { return a.At(i) + b.At(i)*r.NormFloat64() })
	}
	x := compact(out)
	return x, l.checkMin(path, m, x, t)
}

// formValues reads the two values of { form = [a, b] } (arg is what the
// file gives for form, p its path) in t's unit. For "normal", b is a
// standard deviation: a difference, converted without the unit's zero.
func (l *loader) formValues(p, form string, arg any, t *target) (arr []any, a, b neuron.Value, ok bool) {
	arr, ok = arg.([]any)
	if !ok || len(arr) != 2 {
		l.errorf(p, show(arg), "expected two values, e.g. %s = { %s = [a, b] } with a and b like %s", t.name, form, t.exVal)
		return nil, a, b, false
	}
	qa, okA := l.quantityOf(index(p, 0), arr[0], t)
	qb, okB := l.quantityOf(index(p, 1), arr[1], t)
	if !okA || !okB {
		return nil, a, b, false
	}
	a, msgA := t.convert(qa)
	b, msgB := t.convert(qb)
	if form == "normal" && msgB == "" {
		// the standard deviation is a difference: take away the unit's zero
		var z neuron.Value
		if z, msgB = t.convert(quantity.Quantity{Unit: qb.Unit}); msgB == "" {
			b = sub(b, z, t.n)
		}
	}
	if msgA != "" && msgA != reported {
		l.errorf(index(p, 0), show(arr[0]), "%s", msgA)
	}
	if msgB != "" && msgB != reported {
		l.errorf(index(p, 1), show(arr[1]), "%s", msgB)
	}
	return arr, a, b, msgA == "" && msgB == ""
}

// draw fills out[i] with f(r, i), r being neuron i's stream for key, so
// that a value never depends on how neurons are split into shards.
func (l *loader) draw(out []float64, key randKey, f func(r *rand.Rand, i int) float64) {
	h := fnv.New64a()
	h.Write([]byte(key.name))
	name := h.Sum64()
	src := rand.NewPCG(0, 0)
	r := rand.New(src)
	for i := range out {
		random.Reset(src, l.seed, key.purpose, uint64(key.pop), uint64(i), name)
		out[i] = f(r, i)
	}
}

// sub returns a - b for n neurons.
func sub(a, b neuron.Value, n int) neuron.Value {
	if a.IsShared() && b.IsShared() {
		return neuron.Shared(a.Scalar - b.Scalar)
	}
	out := make([]float64, n)
	for i := range out {
		out[i] = a.At(i) - b.At(i)
	}
	return neuron.Value{PerNeuron: out}
}

// compact returns xs as a Value, shared when every element is the same.
func compact(xs []float64) neuron.Value {
	if len(xs) == 0 {
		return neuron.Value{}
	}
	for _, x := range xs[1:] {
		if x != xs[0] {
			return neuron.Value{PerNeuron: xs}
		}
	}
	return neuron.Shared(xs[0])
}
