package neuron

// ISIRates returns, for each of the n neurons, 1000 / mean inter-spike
// interval (Hz) of its spikes in [t0, t1) ms, and 0 for a neuron with
// fewer than two spikes there: the rate the reference f-I curves use
// (common.window_rate of the shared reference scripts).
func ISIRates(spikes []Spike, n int, t0, t1 float64) []float64 {
	first := make([]float64, n)
	last := make([]float64, n)
	count := make([]int, n)
	for _, s := range spikes {
		if s.Time < t0 || s.Time >= t1 {
			continue
		}
		if count[s.Neuron] == 0 {
			first[s.Neuron] = s.Time
		}
		last[s.Neuron] = s.Time
		count[s.Neuron]++
	}
	rates := make([]float64, n)
	for i := range rates {
		if count[i] >= 2 {
			rates[i] = 1000 * float64(count[i]-1) / (last[i] - first[i])
		}
	}
	return rates
}
