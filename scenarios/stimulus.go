package scenarios

import (
	"fmt"
	"math"
	"slices"
	"strings"

	"gospike/random"
	"gospike/scenarios/quantity"
)

// stimulusKeys lists the keys of each kind of stimulus.
var stimulusKeys = map[string][]string{
	"dc":              {"target", "kind", "amplitude", "start", "stop"},
	"step":            {"target", "kind", "times", "amplitudes"},
	"noise":           {"target", "kind", "mean", "std", "tau", "start", "stop"},
	"poisson":         {"target", "kind", "rate", "count", "weight", "synapse", "start", "stop"},
	"spike-generator": {"target", "kind", "times", "weight", "synapse"},
}

func allStimulusKeys() []string {
	var all []string
	for _, k := range StimulusKinds {
		for _, key := range stimulusKeys[k] {
			if !slices.Contains(all, key) {
				all = append(all, key)
			}
		}
	}
	return all
}

// currentExample is a current in unit u, as TOML.
func currentExample(u string) string { return fmt.Sprintf("%q", "10 "+u) }

func (l *loader) stimulus(k int, m map[string]any) Stimulus {
	path := index("stimulus", k)
	var s Stimulus
	var info *popInfo
	okTarget := false
	if v, has := m["target"]; !has {
		l.missing(path, "target", `target = "exc"`)
	} else {
		s.Target, info, okTarget = l.popRef(path+".target", v, "target")
	}
	if v, has := m["kind"]; !has {
		l.missing(path, "kind", `kind = "dc"`)
	} else {
		s.Kind, _ = l.enum(path+".kind", v, StimulusKinds, "stimulus kind", `kind = "dc"`)
	}
	allowed, known := stimulusKeys[s.Kind]
	all := allStimulusKeys()
	for _, key := range sortedKeys(m) {
		switch {
		case known && slices.Contains(allowed, key):
		case slices.Contains(all, key):
			if known {
				l.keyErrorf(join(path, key), "", "does not apply to kind %q, which takes %s", s.Kind, strings.Join(allowed, ", "))
			}
		default:
			l.keyErrorf(join(path, key), "", "unknown key%s; [[stimulus]] takes %s (which depend on kind)", didYouMean(key, all), strings.Join(all, ", "))
		}
	}
	if !known {
		return s
	}
	// Values are converted for the target population; without a valid
	// one only their presence is checked.
	ready := okTarget && info.ok
	need := func(key, example string) (any, bool) {
		v, has := m[key]
		if !has {
			l.missing(path, key, example)
		}
		return v, has
	}
	var cur *target
	if ready {
		cur = info.target(quantity.MustUnit(info.units.Current), "amplitude", currentExample(info.units.Current))
	}
	key := func(name string) randKey { return randKey{random.Param, s.Target, path + "." + name} }
	if s.Kind == "dc" || s.Kind == "noise" || s.Kind == "poisson" {
		s.Start, s.Stop = l.window(path, m)
	}
	switch s.Kind {
	case "dc":
		if v, ok := need("amplitude", `amplitude = "10 uA/cm^2"`); ok && ready {
			s.Amplitude, _ = l.perNeuron(path+".amplitude", v, cur, key("amplitude"))
		}
	case "step":
		vt, okT := need("times", `times = ["0 ms", "100 ms"]`)
		va, okA := need("amplitudes", `amplitudes = ["0 uA/cm^2", "10 uA/cm^2"]`)
		if okT {
			s.Times = l.times(path+".times", vt, true)
		}
		arr, isArr := va.([]any)
		if okA && !isArr {
			l.errorf(path+".amplitudes", show(va), `expected a list, one amplitude per time, e.g. amplitudes = ["0 uA/cm^2", "10 uA/cm^2"]`)
		}
		if isArr && s.Times != nil && len(arr) != len(s.Times) {
			l.errorf(path+".amplitudes", show(va), "%d amplitudes for %d times: give one amplitude per time", len(arr), len(s.Times))
		}
		if isArr && ready {
			cur.name = "amplitudes[0]"
			for j, e := range arr {
				a, _ := l.perNeuron(index(path+".amplitudes", j), e, cur, key(fmt.Sprintf("amplitudes[%d]", j)))
				s.Amplitudes = append(s.Amplitudes, a)
			}
		}
	case "noise":
		if v, has := m["mean"]; has && ready {
			cur.name = "mean"
			s.Mean, _ = l.perNeuron(path+".mean", v, cur, key("mean"))
		}
		if v, ok := need("std", `std = "1 uA/cm^2"`); ok && ready {
			std := *cur
			std.name, std.min, std.minText = "std", new(float64), ">= 0"
			s.Std, _ = l.perNeuron(path+".std", v, &std, key("std"))
		}
		if v, ok := need("tau", `tau = "5 ms"`); ok {
			if s.Tau, ok = l.time(path+".tau", v, "tau", `"5 ms"`); ok && s.Tau <= 0 {
				l.errorf(path+".tau", show(v), `must be positive, e.g. tau = "5 ms"`)
			}
		}
	case "poisson":
		if v, ok := need("rate", `rate = "5 Hz"`); ok && ready {
			t := &target{unit: unitHz, name: "rate", exVal: `"5 Hz"`, n: info.pop.Size, min: new(float64), minText: ">= 0"}
			s.Rate, _ = l.perNeuron(path+".rate", v, t, key("rate"))
		}
		s.Count = 1
		if v, has := m["count"]; has {
			n, _ := l.integer(path+".count", v, 1, math.MaxInt32, "count = 1000")
			s.Count = int(n)
		}
	case "spike-generator":
		if v, ok := need("times", `times = ["10 ms", "20 ms"]`); ok {
			s.Times = l.times(path+".times", v, false)
		}
	}
	if s.Kind == "poisson" || s.Kind == "spike-generator" {
		var okSyn bool
		s.Synapse, okSyn = l.synapse(path+".synapse", m["synapse"])
		if okTarget {
			l.useSynapse(path+".synapse", s.Target, info, s.Synapse, okSyn)
		} else {
			l.useSynapse(path+".synapse", -1, nil, s.Synapse, okSyn)
		}
		if v, ok := need("weight", `weight = "0.1 mV"`); ok && okSyn && ready {
			l.checkExact(path+".synapse", m["synapse"], s.Synapse, info)
			s.Weight, _ = l.perNeuron(path+".weight", v, l.weightTarget(info, s.Synapse), key("weight"))
		}
	}
	return s
}

// window reads start and stop, defaults 0 and the duration.
func (l *loader) window(path string, m map[string]any) (start, stop float64) {
	stop = l.sim.Duration
	okStart, okStop := true, true
	if v, has := m["start"]; has {
		if start, okStart = l.time(path+".start", v, "start", `"0 ms"`); okStart && start < 0 {
			l.errorf(path+".start", show(v), `must be >= 0, e.g. start = "0 ms"`)
		}
	}
	if v, has := m["stop"]; has {
		if stop, okStop = l.time(path+".stop", v, "stop", `"1000 ms"`); okStop && okStart && stop <= start {
			l.errorf(path+".stop", show(v), "must be after start (%g ms)", start)
		}
	}
	return start, stop
}

// times reads a list of times (ms), >= 0 and non-decreasing (increasing
// when strict).
func (l *loader) times(path string, v any, strict bool) []float64 {
	arr, ok := v.([]any)
	if !ok || len(arr) == 0 {
		l.errorf(path, show(v), `expected a list of times, e.g. times = ["10 ms", "20 ms"]`)
		return nil
	}
	out := make([]float64, len(arr))
	good := true
	for i, e := range arr {
		x, ok := l.time(index(path, i), e, "times[0]", `"10 ms"`)
		switch {
		case !ok:
			good = false
		case x < 0:
			l.errorf(index(path, i), show(e), "a time must be >= 0")
			good = false
		case i > 0 && good && (x < out[i-1] || strict && x == out[i-1]):
			order := "non-decreasing"
			if strict {
				order = "increasing"
			}
			l.errorf(index(path, i), show(e), "times must be %s: this one is not after %g ms", order, out[i-1])
			good = false
		}
		out[i] = x
	}
	if !good {
		return nil
	}
	return out
}
