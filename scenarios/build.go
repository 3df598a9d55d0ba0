package scenarios

import (
	"fmt"

	"gospike/network"
	"gospike/neuron"
	"gospike/synapse"
)

// Build turns a validated scenario into the network to make: one neuron
// population per [[population]] (Model.New with the resolved parameters),
// and the projections, stimuli and records in the network's terms. A
// projection's WeightDist and DelayDist become synapse.UniformDist or
// synapse.NormalDist (drawn per synapse by the synapse layer), its
// Weight and Delay otherwise the value per target neuron. A
// synapse's Name becomes its synapse.Receptor.Name, so that the initial
// values and records of receptor variables reach the state the network
// makes for it.
func Build(sc *Scenario) (network.Spec, error) {
	spec := network.Spec{
		Dt:       sc.Simulation.Dt,
		Duration: sc.Simulation.Duration,
		Seed:     sc.Simulation.Seed,
		Threads:  sc.Simulation.Threads,
	}
	for _, p := range sc.Populations {
		pop, err := p.Model.New(p.Size, p.Resolved)
		if err != nil {
			return network.Spec{}, fmt.Errorf("population %q: %w", p.Name, err)
		}
		var init map[string]neuron.Value
		if len(p.Init) > 0 {
			init = p.Init
		}
		spec.Populations = append(spec.Populations, network.Population{
			Name: p.Name, Model: p.Model, Pop: pop, Method: p.Method, Init: init, Size: p.Size,
		})
	}
	for k, pr := range sc.Projections {
		what := fmt.Sprintf("projection %d (%s -> %s)", k, sc.Populations[pr.From].Name, sc.Populations[pr.To].Name)
		rule, err := synapse.ParseRule(pr.Connect.Rule)
		if err != nil {
			return network.Spec{}, fmt.Errorf("%s: %w", what, err)
		}
		if pr.Connect.Multapses {
			return network.Spec{}, fmt.Errorf("%s: multapses = true is not supported yet: every rule makes at most one synapse per pair", what)
		}
		rec, err := receptor(pr.Synapse)
		if err != nil {
			return network.Spec{}, fmt.Errorf("%s: %w", what, err)
		}
		weight, err := param(pr.Weight, pr.WeightDist)
		if err != nil {
			return network.Spec{}, fmt.Errorf("%s: weight: %w", what, err)
		}
		delay, err := param(neuron.Shared(pr.Delay), pr.DelayDist)
		if err != nil {
			return network.Spec{}, fmt.Errorf("%s: delay: %w", what, err)
		}
		spec.Projections = append(spec.Projections, network.Projection{
			From: pr.From, To: pr.To,
			Rule:     synapse.Rule{Kind: rule, P: pr.Connect.P, K: pr.Connect.K, Autapses: pr.Connect.Autapses},
			Receptor: rec,
			Weight:   weight,
			Delay:    delay,
		})
	}
	for k, s := range sc.Stimuli {
		what := fmt.Sprintf("stimulus %d (%s onto %s)", k, s.Kind, sc.Populations[s.Target].Name)
		ns := network.Stimulus{
			Target: s.Target, Kind: s.Kind, Start: s.Start, Stop: s.Stop,
			Amplitude: s.Amplitude, Times: s.Times, Amplitudes: s.Amplitudes,
			Mean: s.Mean, Std: s.Std, Tau: s.Tau, Count: s.Count, Weight: s.Weight,
		}
		if s.Kind == "poisson" || s.Kind == "spike-generator" {
			rec, err := receptor(s.Synapse)
			if err != nil {
				return network.Spec{}, fmt.Errorf("%s: %w", what, err)
			}
			ns.Receptor = rec
		}
		if s.Kind == "poisson" {
			if !s.Rate.IsShared() {
				return network.Spec{}, fmt.Errorf("%s: a rate per neuron is not supported yet: give one rate", what)
			}
			ns.Rate = s.Rate.Scalar
		}
		spec.Stimuli = append(spec.Stimuli, ns)
	}
	for _, r := range sc.Records {
		spec.Records = append(spec.Records, network.Record{Pop: r.Population, Vars: r.Variables, Neurons: r.Neurons})
	}
	return spec, nil
}

// param is a projection's weight or delay for the synapse layer: v per
// target neuron, or, when d has a Kind, drawn per synapse from d.
func param(v neuron.Value, d Dist) (synapse.Param, error) {
	switch d.Kind {
	case "":
		return synapse.Param{Value: v}, nil
	case "uniform":
		return synapse.UniformDist(d.A, d.B), nil
	case "normal":
		return synapse.NormalDist(d.A, d.B), nil
	}
	return synapse.Param{}, fmt.Errorf("unknown distribution %q (known: uniform, normal)", d.Kind)
}

func receptor(s Synapse) (synapse.Receptor, error) {
	kind, err := synapse.ParseKind(s.Kind)
	if err != nil {
		return synapse.Receptor{}, err
	}
	return synapse.Receptor{Kind: kind, Tau: s.Tau, ERev: s.ERev, Name: s.Name}, nil
}
