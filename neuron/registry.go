package neuron

import (
	"fmt"
	"sort"
	"sync"
)

var (
	regMu    sync.RWMutex
	registry = map[string]Model{}
)

// Register makes a model available by its name. It panics if the name is
// taken; model packages call it from init.
func Register(m Model) {
	regMu.Lock()
	defer regMu.Unlock()
	if _, dup := registry[m.Name()]; dup {
		panic(fmt.Sprintf("neuron: model %q registered twice", m.Name()))
	}
	registry[m.Name()] = m
}

// Lookup returns the model registered under name.
func Lookup(name string) (Model, bool) {
	regMu.RLock()
	defer regMu.RUnlock()
	m, ok := registry[name]
	return m, ok
}

// Models returns every registered model, sorted by name.
func Models() []Model {
	regMu.RLock()
	defer regMu.RUnlock()
	out := make([]Model, 0, len(registry))
	for _, m := range registry {
		out = append(out, m)
	}
	sort.Slice(out, func(i, j int) bool { return out[i].Name() < out[j].Name() })
	return out
}
