// Package scenarios reads scenario files: TOML descriptions of a
// simulation that users write by hand and keep, and turns them into a
// validated, typed Scenario with every quantity in the unit the model it
// feeds works in. docs/scenario-format.md is the full reference; in brief:
//
//	title = "Hodgkin-Huxley f-I curve"
//
//	[simulation]
//	duration = "1200 ms"          # quantities are strings with units
//	dt = "0.01 ms"
//	method = "rk4"                # euler, rk4, exponential-euler, exact
//	seed = 1
//
//	[[population]]
//	name = "hh"
//	model = "hodgkin-huxley"      # see `simulate models`
//	size = 61
//	[population.params]
//	g_na = "120 mS/cm^2"
//
//	[[stimulus]]
//	target = "hh"
//	kind = "dc"                   # dc, step, noise, poisson, spike-generator
//	amplitude = { linspace = ["0 uA/cm^2", "30 uA/cm^2"] }
//
//	[[projection]]
//	from = "hh"
//	to = "hh"
//	connect = { rule = "fixed-probability", p = 0.1 }
//	synapse = { kind = "exp-conductance", tau = "5 ms", e_rev = "0 mV" }
//	weight = "0.01 mS/cm^2"
//	delay = "1 ms"
//
//	[[record]]
//	population = "hh"
//	variables = ["v"]
//	neurons = [0, 30, 60]
//
// # Quantities
//
// Package quantity reads "10 ms", "1 uF/cm^2", "20000 um^2" and checks
// dimensions with gonum's unit package. A value is converted to the unit
// the model declares for it (neuron.Param.Unit, neuron.Var.Unit,
// neuron.Units): "0.5 nA" becomes 500 for a model whose current unit is pA.
// Two conversions cross dimensions, as the literature does:
//
//   - a density model (neuron.Units.Density: Hodgkin-Huxley, Morris-Lecar)
//     accepts absolute values (nA, nS, pF) when the population sets its
//     membrane area A: the density is the value divided by A;
//   - a model with parameters c_m and tau_m (LIF) accepts a voltage V where
//     a current is expected (stimulus amplitudes, current-synapse
//     weights): it stands for R_m I, so I = V c_m / tau_m, per neuron
//     (Brette et al. 2007, J Comput Neurosci 23:349, benchmark 2, and
//     Brian2's examples/CUBA.py write the CUBA weights this way).
//
// # Per-neuron values
//
// Wherever a parameter, an initial value, a stimulus amplitude or a weight
// is expected, a value may be a scalar, a list of one value per neuron, or
// a table { linspace = [a, b] } (neuron i of n gets a + i (b - a)/(n - 1)),
// { uniform = [lo, hi] } or { normal = [mean, sd] }. Random draws for
// neuron i come from random.New(seed, purpose, population, i, hash(key)),
// purpose random.Init for initial values and random.Param otherwise, so
// they depend on the seed alone, never on threads or shards. A value that
// is the same for every neuron is stored as neuron.Value.Scalar.
//
// # Per-synapse values
//
// A [[projection]]'s weight = { uniform = [lo, hi] } or { normal = [mean,
// sd] }, and its delay = { uniform = [lo, hi] }, draw one value per
// synapse, as NEST's and Brian2's users expect: the loader converts the
// bounds to the target model's unit (Projection.WeightDist, DelayDist)
// and the synapse layer draws them (synapse.UniformDist, NormalDist),
// from streams keyed by the seed, the projection's index and the target
// neuron. The bounds must convert to one distribution for every target
// neuron: a voltage standing for R_m*I with c_m/tau_m differing between
// the target neurons is refused (give currents). For conductance kinds
// lo (uniform) or mean (normal) must be >= 0, and normal draws below 0
// are set to 0 by the synapse layer. A normal delay is refused: it falls
// below one step with some probability. Scalars, lists and linspace stay
// per target neuron, and so do stimulus weights (one input per target).
//
// # Receptor variables
//
// A synapse table may name its receptor (synapse = { kind =
// "exp-conductance", tau = "5 ms", e_rev = "0 mV", name = "ge" }); the
// name (and name_h for alpha kinds) is then a state variable of each
// population the synapse acts on, which [population.init] may set and
// [[record]] may record, as Brian2's COBAHH sets ge and gi. Projections
// are read after populations, so these names are resolved once every
// table is read (receptors.go), against the receptors the network makes:
// the distinct (kind, tau, e_rev, name) onto each population, projections
// first, then stimuli. Their values are in the model's conductance unit
// (conductance kinds, >= 0; normal draws below 0 are set to 0) or current
// unit (current kinds).
//
// # Errors
//
// Parse reports every problem of a file at once, each "FILE:LINE:COL: KEY =
// GIVEN: what is wrong, what is expected, e.g. EXAMPLE", where KEY is the
// full path (population[1].params.c_m). BurntSushi/toml v1.6.0 keeps key
// positions only per flattened key (every [[population]] shares one), so
// this package indexes positions itself (pos.go).
package scenarios
