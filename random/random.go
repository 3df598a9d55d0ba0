// Package random derives independent, reproducible random streams from a
// run's seed and a key (population, neuron, purpose), so that a result
// depends on the seed alone and never on how neurons are split into shards
// or on the order in which streams are drawn.
//
// A stream is math/rand/v2's PCG seeded with two 64-bit words obtained by
// mixing the seed and the key words with SplitMix64 (Steele, Lea & Flood,
// "Fast splittable pseudorandom number generators", OOPSLA 2014), whose
// finaliser is a bijection with good avalanche.
package random

import "math/rand/v2"

// Purposes, the first key word of a stream, so that streams for different
// uses of the same neuron never coincide.
const (
	Init         uint64 = iota + 1 // initial values of state variables
	Param                          // per-neuron parameter distributions
	Connect                        // connectivity (keyed by projection, target)
	PoissonInput                   // Poisson input (keyed by stimulus, target)
	Noise                          // noise currents
	Data                           // datasets, weight initialisation (ann)
)

func mix(z uint64) uint64 {
	z += 0x9e3779b97f4a7c15
	z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9
	z = (z ^ (z >> 27)) * 0x94d049bb133111eb
	return z ^ (z >> 31)
}

// Seeds returns the two PCG seed words for seed and key.
func Seeds(seed uint64, key ...uint64) (uint64, uint64) {
	h := mix(seed)
	for _, k := range key {
		h = mix(h ^ k)
	}
	return h, mix(h ^ 0x5851f42d4c957f2d)
}

// New returns the stream for seed and key, e.g.
// New(seed, random.Connect, projection, target).
func New(seed uint64, key ...uint64) *rand.Rand {
	a, b := Seeds(seed, key...)
	return rand.New(rand.NewPCG(a, b))
}

// Reset re-seeds an existing PCG source in place for seed and key, so hot
// loops can move from one neuron's stream to the next without allocating.
func Reset(src *rand.PCG, seed uint64, key ...uint64) {
	a, b := Seeds(seed, key...)
	src.Seed(a, b)
}
