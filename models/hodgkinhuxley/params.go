package hodgkinhuxley

import (
	"fmt"
	"math"
	"strings"

	"gospike/neuron"
)

// perNeuron holds a population's derived constants (conductances, 1/c_m,
// the temperature factor, ...): a single element shared by every neuron
// when no parameter differs between neurons, one element per neuron
// otherwise. Hot loops take a block's view with block and index it with
// j*stride, so the shared case costs neither memory nor a branch.
type perNeuron[T any] struct {
	vals   []T
	stride int // 0: vals has one shared element; 1: one element per neuron
}

// block returns the constants of the neurons [off, off+n) and the stride to
// index them with.
func (p perNeuron[T]) block(off, n int) ([]T, int) {
	if p.stride == 0 {
		return p.vals[:1], 0
	}
	return p.vals[off : off+n], 1
}

// buildPerNeuron derives the constants of n neurons from the resolved
// parameter values with derive, which reads a parameter of neuron i through
// its argument.
func buildPerNeuron[T any](n int, vals map[string]neuron.Value, derive func(at func(name string) float64) T) perNeuron[T] {
	shared := true
	for _, v := range vals {
		if !v.IsShared() {
			shared = false
			break
		}
	}
	if shared {
		return perNeuron[T]{vals: []T{derive(func(name string) float64 { return vals[name].Scalar })}}
	}
	out := make([]T, n)
	for i := range out {
		out[i] = derive(func(name string) float64 { return vals[name].At(i) })
	}
	return perNeuron[T]{vals: out, stride: 1}
}

// resolve merges params with m's defaults (neuron.Resolve) and checks every
// value with the rules in checks, joining every problem found into one
// error so a user sees them all at once.
func resolve(pkg string, m neuron.Model, n int, params map[string]neuron.Value, checks []check) (map[string]neuron.Value, error) {
	if n < 0 {
		panic(fmt.Sprintf("%s: %s: negative population size %d", pkg, m.Name(), n))
	}
	vals, err := neuron.Resolve(m, "", params, n)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", pkg, err)
	}
	var errs []error
	for _, c := range checks {
		if err := vals[c.name].Check(c.name, c.ok, c.want); err != nil {
			errs = append(errs, err)
		}
	}
	if len(errs) > 0 {
		return nil, fmt.Errorf("%s: model %s: %w", pkg, m.Name(), errorList(errs))
	}
	return vals, nil
}

// errorList is several errors reported at once, on one line.
type errorList []error

func (e errorList) Error() string {
	msgs := make([]string, len(e))
	for i, err := range e {
		msgs[i] = err.Error()
	}
	return strings.Join(msgs, "; ")
}

func (e errorList) Unwrap() []error { return e }

// check is one validation rule of a parameter.
type check struct {
	name string
	ok   func(float64) bool
	want string
}

func finite(x float64) bool      { return !math.IsNaN(x) && !math.IsInf(x, 0) }
func positive(x float64) bool    { return finite(x) && x > 0 }
func nonNegative(x float64) bool { return finite(x) && x >= 0 }

// Check rules shared by both models.
func finiteCheck(name string) check {
	return check{name, finite, "a finite number"}
}
func positiveCheck(name string) check {
	return check{name, positive, "positive and finite"}
}
func nonNegativeCheck(name string) check {
	return check{name, nonNegative, ">= 0 and finite"}
}

// crossing returns the time at which V, linear between prev at t and v at
// t+dt, crosses vSpike upward, and whether it does (prev < vSpike <= v, as
// the reference scripts' crossings() count it).
func crossing(prev, v, vSpike, t, dt float64) (float64, bool) {
	if !(prev < vSpike && v >= vSpike) {
		return 0, false
	}
	return t + dt*(vSpike-prev)/(v-prev), true
}
