package network

import (
	"errors"
	"fmt"

	"gospike/synapse"
)

// ErrTooBig is wrapped by the error New returns when the network would
// not fit in the available memory.
var ErrTooBig = errors.New("network too big for the available memory")

// Memory is an estimate, made before anything is built, of the memory a
// network takes, in bytes. It leaves out the spikes a run records
// (16 bytes per spike), which depend on the rates, and what is held only
// while the network is built (the pairs synapse.Connect keeps, at most
// 64 MB), which memoryMargin leaves room for.
type Memory struct {
	Synapses      float64 // expected number of synapses
	SynapseBytes  float64 // connectivity (CSR rows, weights, delays)
	StateBytes    float64 // ODE state, method workspace, inputs
	RingBytes     float64 // delay rings
	StimulusBytes float64 // per-neuron random streams and stimulus values
	TraceBytes    float64 // recorded traces
	Total         float64
}

// memoryMargin is the fraction of the available memory a network may
// take: the rest is left for the Go runtime (garbage collection needs
// headroom), the spikes recorded and the rest of the system.
const memoryMargin = 0.7

// availableMemory is synapse.AvailableMemory, replaceable in tests.
var availableMemory = synapse.AvailableMemory

// methodCopies is how many state-sized slices a method keeps besides the
// state: its workspace, as package integrate allocates it.
var methodCopies = map[string]float64{"euler": 1, "rk4": 5, "exponential-euler": 2, "exact": 0}

// Estimate returns the memory the network of spec would take. It
// validates spec first.
func Estimate(spec *Spec) (Memory, error) {
	if err := spec.validate(); err != nil {
		return Memory{}, err
	}
	l := newLayout(spec)
	return l.memory(spec), nil
}

func (l *layout) memory(spec *Spec) Memory {
	var m Memory
	for k := range spec.Projections {
		c := spec.conn(k)
		m.Synapses += c.ExpectedSynapses()
		m.SynapseBytes += c.EstimateBytes(l.shards[spec.Projections[k].To])
	}
	for p, pop := range spec.Populations {
		n := float64(pop.Pop.Len())
		vars, _ := spec.StateVars(p)
		m.StateBytes += n * 8 * (float64(len(vars))*(1+methodCopies[pop.Method]) + 4)
		recs, delta := spec.receptors(p)
		rings := len(recs)
		if delta {
			rings++
		}
		m.RingBytes += float64(rings) * synapse.RingBytes(pop.Pop.Len(), l.maxDelay[p])
	}
	for _, st := range spec.Stimuli {
		n := float64(spec.Populations[st.Target].Pop.Len())
		switch st.Kind {
		case Poisson, Noise:
			m.StimulusBytes += n * 64 // a random stream per neuron, OU state
		}
		m.StimulusBytes += n * 8 * 2 // per-neuron values
	}
	steps := float64(spec.Steps())
	cols := 0.0
	for _, r := range spec.Records {
		neurons := len(r.Neurons)
		if r.Neurons == nil {
			neurons = spec.Populations[r.Pop].Pop.Len()
		}
		cols += float64(len(r.Vars) * neurons)
	}
	if cols > 0 {
		m.TraceBytes = 8 * steps * (cols + 1) // the columns and the time column
	}
	m.Total = m.SynapseBytes + m.StateBytes + m.RingBytes + m.StimulusBytes + m.TraceBytes
	return m
}

// Fits returns nil when a network of estimate m fits in the memory
// available now, and otherwise the error New would refuse it with
// (ErrTooBig), so that a scenario can be checked before it is run.
func (m Memory) Fits() error { return checkMemory(m) }

// checkMemory refuses a network whose estimate exceeds memoryMargin of
// the available memory. Where the available memory cannot be read, it
// lets the network be built.
func checkMemory(m Memory) error {
	avail, err := availableMemory()
	if err != nil {
		return nil
	}
	if m.Total <= memoryMargin*float64(avail) {
		return nil
	}
	return fmt.Errorf("network: the network needs about %s (%.4g synapses: %s; state %s; delay rings %s; traces %s), more than %.0f%% of the %s of memory available: %w",
		FormatBytes(m.Total), m.Synapses, FormatBytes(m.SynapseBytes), FormatBytes(m.StateBytes),
		FormatBytes(m.RingBytes), FormatBytes(m.TraceBytes), 100*memoryMargin, FormatBytes(float64(avail)), ErrTooBig)
}

// FormatBytes writes a byte count for people: "1.5 GiB", "320.0 KiB".
func FormatBytes(b float64) string {
	switch {
	case b >= 1<<30:
		return fmt.Sprintf("%.1f GiB", b/(1<<30))
	case b >= 1<<20:
		return fmt.Sprintf("%.1f MiB", b/(1<<20))
	case b >= 1<<10:
		return fmt.Sprintf("%.1f KiB", b/(1<<10))
	}
	return fmt.Sprintf("%.0f B", b)
}
