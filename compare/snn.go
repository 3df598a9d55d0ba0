package compare

import (
	"context"
	"fmt"
	"math"
	"runtime"
	"strings"
	"sync"
	"time"

	"gonum.org/v1/gonum/mat"

	"gospike/models/lif"
	"gospike/network"
	"gospike/neuron"
	"gospike/random"
	"gospike/synapse"
)

// NoLeakTauM is the membrane time constant (ms) that makes the LIF model
// an integrate-and-fire neuron: over 1 s it lets V decay by 1e-6 of its
// distance from e_l, far below the resolution of a rate code read out
// over that time. (The model needs a finite tau_m.)
const NoLeakTauM = 1e9

// The spiking neurons' potentials and capacitance: NEST's iaf_psc_exp
// defaults (models/lif), e_l = v_reset, so the threshold is
// theta = v_th - v_reset = 15 mV above the reset.
const (
	cM     = 250.0 // pF
	eL     = -70.0 // mV
	vTh    = -55.0 // mV
	vReset = -70.0 // mV
	theta  = vTh - vReset
)

// keyInput is the key of the input spike trains' streams:
// random.New(seed, random.PoissonInput, keyInput, sample, feature).
const keyInput uint64 = 0xc0de

// SNN is a normalised network converted to LIF neurons.
type SNN struct {
	Net      *Normalised
	Input    string  // Current or Poisson
	MaxRate  float64 // Hz
	TauM     float64 // ms (NoLeakTauM for integrate-and-fire)
	TRef     float64 // ms
	Dt       float64 // ms
	Duration float64 // ms per sample
	Seed     uint64
	// Synapse is "delta" (a spike makes V jump by theta w) or
	// "exp-current" (a current theta w c_m/TauSyn e^{-t/TauSyn}, which
	// moves V by the same theta w in all, without jumps).
	Synapse string
	TauSyn  float64 // ms
	// Shown is the test sample whose network result Simulate keeps whole
	// (SNNRun.Shown), for the raster.
	Shown int
	// Times are the read-out times (ms) at which Simulate counts spikes
	// and synaptic events.
	Times []float64
}

// Convert returns the spiking network of n for the settings of c.
func Convert(n *Normalised, c Config) *SNN {
	tau := c.TauM
	if tau == 0 {
		tau = NoLeakTauM
	}
	return &SNN{Net: n, Input: c.Input, MaxRate: c.MaxRate, TauM: tau, TRef: c.TRef, Dt: c.Dt, Duration: c.Duration, Seed: c.Seed,
		Synapse: c.Synapse, TauSyn: c.TauSyn, Shown: c.RasterSample, Times: c.times()}
}

// WeightMV returns the jump of V (mV) of a spike through normalised
// weight w: theta w, so that a presynaptic rate r adds theta w r to dV/dt
// and the postsynaptic rate, (dV/dt)/theta, gains w r.
func WeightMV(w float64) float64 { return theta * w }

// BiasPA returns the constant current (pA) standing for normalised bias b
// at maximum rate maxRate (Hz): c_m theta (maxRate/1000) b, which alone
// drives an integrate-and-fire neuron at b maxRate.
func BiasPA(b, maxRate float64) float64 { return cM * theta * maxRate / 1000 * b }

// params returns the LIF parameters of the hidden and output neurons
// (tRef) or the input relays (tRef = 0).
func (s *SNN) params(tRef float64) map[string]neuron.Value {
	return map[string]neuron.Value{
		"tau_m": neuron.Shared(s.TauM), "c_m": neuron.Shared(cM), "e_l": neuron.Shared(eL),
		"v_th": neuron.Shared(vTh), "v_reset": neuron.Shared(vReset), "t_ref": neuron.Shared(tRef),
	}
}

// steps returns the number of steps of a sample's run.
func (s *SNN) steps() int { return int(math.Round(s.Duration / s.Dt)) }

// InputTrain returns the input spike times (ms) of feature value x
// (clipped to [0, 1]) of test sample k, feature i: a Bernoulli process on
// the step grid, spike at step j with probability p = MaxRate x dt,
// independently (Brian2's PoissonGroup), drawn as geometric gaps
// floor(ln(1-U)/ln(1-p)) between spikes, which is the same process.
func (s *SNN) InputTrain(k, i int, x float64) []float64 {
	p := s.MaxRate * math.Min(math.Max(x, 0), 1) * s.Dt / 1000
	n := s.steps()
	if p <= 0 {
		return nil
	}
	rng := random.New(s.Seed, random.PoissonInput, keyInput, uint64(k), uint64(i))
	var times []float64
	lq := math.Log1p(-p)
	for j := 0; j < n; j++ {
		if p < 1 { // skip the steps without a spike
			gap := math.Floor(math.Log1p(-rng.Float64()) / lq)
			if gap >= float64(n-j) {
				break
			}
			j += int(gap)
		}
		times = append(times, float64(j)*s.Dt)
	}
	return times
}

// fanOut returns the number of targets of a spike of each layer of
// layerNames: the size of the next layer, 0 for the output.
func (s *SNN) fanOut() []int {
	sizes := s.Net.Layers()
	if s.Input == Current {
		sizes = sizes[1:]
	}
	out := make([]int, len(sizes))
	for l := range len(sizes) - 1 {
		out[l] = sizes[l+1]
	}
	return out
}

// layerNames returns the population names of one sample's network:
// "input" (Poisson input only), "hidden1", ..., "output".
func (s *SNN) layerNames() []string {
	var names []string
	if s.Input == Poisson {
		names = append(names, "input")
	}
	for l := 1; l < len(s.Net.W); l++ {
		names = append(names, fmt.Sprintf("hidden%d", l))
	}
	return append(names, "output")
}

// AddSample adds the populations, projections and stimuli of one test
// sample (features x, test index k) to spec. Its populations are named
// prefix + layerNames().
func (s *SNN) AddSample(spec *network.Spec, prefix string, k int, x []float64) error {
	sizes := s.Net.Layers()
	names := s.layerNames()
	first := len(spec.Populations)
	add := func(name string, n int, tRef float64) error {
		pop, err := lif.NewPopulation(n, s.params(tRef))
		if err != nil {
			return fmt.Errorf("compare: %w", err)
		}
		spec.Populations = append(spec.Populations, network.Population{Name: prefix + name, Model: lif.Model{}, Pop: pop, Method: "exact", Size: n})
		return nil
	}
	for li, name := range names {
		var n int
		tRef := s.TRef
		if s.Input == Poisson {
			n = sizes[li]
			if li == 0 {
				tRef = 0
			}
		} else {
			n = sizes[li+1]
		}
		if err := add(name, n, tRef); err != nil {
			return err
		}
	}
	delta := synapse.Receptor{Kind: synapse.Delta}
	layer0 := first // population of layer 1 (first hidden)
	if s.Input == Poisson {
		layer0 = first + 1
		for i, xi := range x {
			w := make([]float64, sizes[0])
			w[i] = 2 * theta // a relay: any event takes V past threshold
			spec.Stimuli = append(spec.Stimuli, network.Stimulus{
				Target: first, Kind: network.SpikeGenerator, Times: s.InputTrain(k, i, xi),
				Weight: neuron.Value{PerNeuron: w}, Receptor: delta,
			})
		}
		spec.Projections = append(spec.Projections, s.projection(0, first, layer0))
	}
	for l := 1; l < len(s.Net.W); l++ {
		spec.Projections = append(spec.Projections, s.projection(l, layer0+l-1, layer0+l))
	}
	// Biases (and, for current input, the input) as constant currents.
	for l, b := range s.Net.B {
		amp := make([]float64, b.Len())
		for j := range amp {
			v := b.AtVec(j)
			if l == 0 && s.Input == Current {
				for i, xi := range x {
					v += s.Net.W[0].At(j, i) * xi
				}
			}
			amp[j] = BiasPA(v, s.MaxRate)
		}
		spec.Stimuli = append(spec.Stimuli, network.Stimulus{Target: layer0 + l, Kind: network.DC, Amplitude: neuron.Value{PerNeuron: amp}})
	}
	return nil
}

// projection returns the all-to-all projection (Synapse kind) carrying W'_{l+1}
// (index l) from population from to population to, with the shortest
// delay, one step.
func (s *SNN) projection(l, from, to int) network.Projection {
	w := s.Net.W[l]
	r, c := w.Dims()
	m := make([]float64, r*c)
	rec := synapse.Receptor{Kind: synapse.Delta}
	scale := 1.0
	if s.Synapse == Exp {
		rec = synapse.Receptor{Kind: synapse.ExpCurrent, Tau: s.TauSyn}
		scale = cM / s.TauSyn // pA per mV of total displacement
	}
	for j := range r {
		for i := range c {
			m[j*c+i] = scale * WeightMV(w.At(j, i))
		}
	}
	return network.Projection{From: from, To: to, Rule: synapse.Rule{Kind: synapse.AllToAll},
		Receptor: rec, Weight: synapse.WeightMatrix(m), Delay: synapse.Fixed(s.Dt)}
}

// SNNRun is the spiking network's response to a set of samples.
type SNNRun struct {
	// Output[k] holds the output spikes of sample k, in time order.
	Output [][]neuron.Spike
	// Counts[k][l][j] counts the spikes of neuron j of layer l of sample
	// k over the whole run (layers: input, when spiking, then hidden and
	// output layers, as Layers names them).
	Counts [][][]int
	Layers []string
	// Shown is the network result of test sample Shown alone (the
	// sample of the raster), its populations named by Layers.
	Shown      *network.Result
	ShownIndex int
	// Times are the read-out times (ms); SpikesAt[k][i] and EventsAt[k][i]
	// count the spikes of every layer of sample k, and the synaptic
	// events they cause (spikes times fan-out), up to Times[i].
	Times              []float64
	SpikesAt, EventsAt [][]int
	Wall               time.Duration
}

// Simulate runs the network on every row of X (one copy of the network
// per sample, each on its own: the copies are independent populations of
// one network.Spec). The samples are cut into contiguous chunks, one per
// thread (threads = 0: one per CPU), each run as one network on one
// worker, concurrently; since nothing is shared between samples and every
// random number comes from a stream keyed by the sample, the result does
// not depend on threads.
func (s *SNN) Simulate(ctx context.Context, X mat.Matrix, threads int) (*SNNRun, error) {
	start := time.Now()
	nSamples, _ := X.Dims()
	if threads <= 0 {
		threads = runtime.NumCPU()
	}
	chunks := min(threads, nSamples)
	run := &SNNRun{Output: make([][]neuron.Spike, nSamples), Counts: make([][][]int, nSamples), Layers: s.layerNames(),
		Times: s.Times, SpikesAt: make([][]int, nSamples), EventsAt: make([][]int, nSamples)}
	errs := make([]error, chunks)
	var wg sync.WaitGroup
	for c := range chunks {
		lo, hi := c*nSamples/chunks, (c+1)*nSamples/chunks
		wg.Add(1)
		go func() {
			defer wg.Done()
			errs[c] = s.simulateChunk(ctx, X, lo, hi, run)
		}()
	}
	wg.Wait()
	for _, err := range errs {
		if err != nil {
			return nil, err
		}
	}
	run.Wall = time.Since(start)
	return run, nil
}

// simulateChunk runs samples [lo, hi) as one network and stores their
// results in run (each chunk writes only its own samples).
func (s *SNN) simulateChunk(ctx context.Context, X mat.Matrix, lo, hi int, run *SNNRun) error {
	spec := network.Spec{Dt: s.Dt, Duration: s.Duration, Seed: s.Seed, Threads: 1}
	_, nIn := X.Dims()
	x := make([]float64, nIn)
	for k := lo; k < hi; k++ {
		for i := range x {
			x[i] = X.At(k, i)
		}
		if err := s.AddSample(&spec, fmt.Sprintf("s%d_", k), k, x); err != nil {
			return err
		}
	}
	nw, err := network.New(spec)
	if err != nil {
		return fmt.Errorf("compare: %w", err)
	}
	res, err := nw.Run(ctx, nil)
	if err != nil {
		return fmt.Errorf("compare: samples %d to %d: %w", lo, hi-1, err)
	}
	per := len(run.Layers)
	fanOut := s.fanOut()
	for k := lo; k < hi; k++ {
		pops := res.Populations[(k-lo)*per : (k-lo+1)*per]
		run.Output[k] = pops[per-1].Spikes
		run.Counts[k] = make([][]int, per)
		run.SpikesAt[k], run.EventsAt[k] = make([]int, len(s.Times)), make([]int, len(s.Times))
		for l, p := range pops {
			counts := make([]int, p.Size)
			for _, sp := range p.Spikes {
				counts[sp.Neuron]++
			}
			run.Counts[k][l] = counts
			i := 0 // spikes are in time order
			for ti, t := range s.Times {
				for i < len(p.Spikes) && p.Spikes[i].Time <= t {
					i++
				}
				run.SpikesAt[k][ti] += i
				run.EventsAt[k][ti] += i * fanOut[l]
			}
		}
		if k == s.Shown {
			run.Shown, run.ShownIndex = oneSample(res, (k-lo)*per, per, fmt.Sprintf("s%d_", k), run.Layers), k
		}
	}
	return nil
}

// oneSample returns the part of res that is one sample (its per
// populations from first on, named with prefix), with the prefix dropped
// from the names.
func oneSample(res *network.Result, first, per int, prefix string, names []string) *network.Result {
	out := *res
	out.Populations = append([]network.PopulationResult(nil), res.Populations[first:first+per]...)
	for l := range out.Populations {
		out.Populations[l].Name = names[l]
	}
	out.Projections = nil
	for _, pr := range res.Projections {
		if strings.HasPrefix(pr.From, prefix) && strings.HasPrefix(pr.To, prefix) {
			pr.From, pr.To = strings.TrimPrefix(pr.From, prefix), strings.TrimPrefix(pr.To, prefix)
			out.Projections = append(out.Projections, pr)
		}
	}
	out.Traces = network.Traces{}
	return &out
}

// Decide returns the class an SNN's output spikes (in time order, as a
// network result holds them) give at time t (ms): the output neuron with
// the most spikes at times <= t; among neurons with equally many, the one
// that fired first (for an integrate-and-fire neuron from rest, the one
// with the strongest drive), then the lowest index; -1 when no output
// neuron has fired yet (undecided, counted as an error).
func Decide(spikes []neuron.Spike, classes int, t float64) int {
	counts := make([]int, classes)
	first := make([]float64, classes)
	for _, sp := range spikes {
		if sp.Time > t {
			break
		}
		if counts[sp.Neuron] == 0 {
			first[sp.Neuron] = sp.Time
		}
		counts[sp.Neuron]++
	}
	best := -1
	for j, n := range counts {
		if n == 0 {
			continue
		}
		if best < 0 || n > counts[best] || (n == counts[best] && first[j] < first[best]) {
			best = j
		}
	}
	return best
}
