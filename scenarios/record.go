package scenarios

import (
	"math"
)

var recordKeys = []string{"population", "variables", "neurons"}

func (l *loader) record(k int, m map[string]any) Record {
	path := index("record", k)
	r := Record{Variables: []string{"v"}}
	l.keys(path, m, recordKeys, "[[record]]")
	var info *popInfo
	ok := false
	if v, has := m["population"]; !has {
		l.missing(path, "population", `population = "exc"`)
	} else {
		r.Population, info, ok = l.popRef(path+".population", v, "population")
	}
	ok = ok && info.pop.Model != nil && info.pop.Size > 0
	if v, has := m["variables"]; has {
		arr, isArr := v.([]any)
		if !isArr || len(arr) == 0 {
			l.errorf(path+".variables", show(v), `expected a list of state variable names, e.g. variables = ["v"]`)
			arr = nil
		}
		r.Variables = nil
		for i, e := range arr {
			name, good := l.str(index(path+".variables", i), e, `variables = ["v"]`)
			if good {
				r.Variables = append(r.Variables, name)
			}
		}
	}
	if ok { // resolved once every synapse is read (receptors.go)
		_, hasVars := m["variables"]
		l.pendingRecords = append(l.pendingRecords, pendingRecord{k: k, path: path, hasVars: hasVars, pop: r.Population})
	}
	v, has := m["neurons"]
	if !has {
		l.missing(path, "neurons", `neurons = [0, 10, 20] or neurons = "all"`)
		return r
	}
	if s, isStr := v.(string); isStr {
		if s != "all" {
			l.errorf(path+".neurons", show(v), `expected "all" or a list of neuron indices, e.g. neurons = [0, 10, 20]`)
		} else if ok {
			r.Neurons = make([]int, info.pop.Size)
			for i := range r.Neurons {
				r.Neurons[i] = i
			}
		}
		return r
	}
	arr, isArr := v.([]any)
	if !isArr || len(arr) == 0 {
		l.errorf(path+".neurons", show(v), `expected "all" or a list of neuron indices, e.g. neurons = [0, 10, 20]`)
		return r
	}
	hi := int64(math.MaxInt64)
	if ok {
		hi = int64(info.pop.Size) - 1
	}
	seen := map[int64]bool{}
	for i, e := range arr {
		at := index(path+".neurons", i)
		n, isInt := e.(int64)
		switch {
		case !isInt:
			l.errorf(at, show(e), "expected a neuron index (an integer), not %s, e.g. neurons = [0, 10, 20]", typeName(e))
		case n < 0:
			l.errorf(at, show(e), "a neuron index is >= 0, e.g. neurons = [0, 10, 20]")
		case n > hi:
			l.errorf(at, show(e), "no such neuron: population %q has neurons 0 to %d", info.pop.Name, hi)
		case seen[n]:
			l.errorf(at, show(e), "neuron %d is listed twice", n)
		default:
			seen[n] = true
			r.Neurons = append(r.Neurons, int(n))
		}
	}
	return r
}
