package synapse

import (
	"math"
	"reflect"
	"slices"
	"testing"

	"gospike/neuron"
)

type syn struct {
	pre, post int
	w         float64
	d         int
}

// collect returns every synapse of the shards, sorted by (pre, post).
func collect(csrs []*CSR) []syn {
	var out []syn
	for _, c := range csrs {
		for i := range c.NPre {
			c.Row(i, func(t int, w float64, d int) {
				out = append(out, syn{i, c.Lo + t, w, d})
			})
		}
	}
	slices.SortFunc(out, func(a, b syn) int {
		if a.pre != b.pre {
			return a.pre - b.pre
		}
		return a.post - b.post
	})
	return out
}

func mustConnect(t *testing.T, c Conn, seed uint64, bounds []int) []*CSR {
	t.Helper()
	csrs, err := Connect(c, 0.1, seed, 3, bounds, 0)
	if err != nil {
		t.Fatal(err)
	}
	var sum int64
	for _, x := range csrs {
		sum += x.Synapses()
	}
	if got := int64(len(collect(csrs))); got != sum {
		t.Fatalf("Synapses() totals %d, rows hold %d", sum, got)
	}
	return csrs
}

func TestFixedIndegreeExactlyK(t *testing.T) {
	for _, autapses := range []bool{false, true} {
		const n, k = 300, 40
		c := Conn{NPre: n, NPost: n, Self: true, Rule: Rule{Kind: FixedIndegree, K: k, Autapses: autapses}, Weight: Fixed(1), Delay: Fixed(0.1)}
		in := make([]int, n)
		self := 0
		prev := syn{pre: -1}
		for _, s := range collect(mustConnect(t, c, 1, []int{0, 77, 200, n})) {
			if s.pre == prev.pre && s.post == prev.post {
				t.Fatalf("multapse %d -> %d", s.pre, s.post)
			}
			prev = s
			in[s.post]++
			if s.pre == s.post {
				self++
			}
		}
		for j, x := range in {
			if x != k {
				t.Fatalf("autapses %v: neuron %d has in-degree %d, want exactly %d", autapses, j, x, k)
			}
		}
		if !autapses && self != 0 {
			t.Errorf("%d autapses made with Autapses false", self)
		}
	}
}

func TestFixedOutdegreeExactlyK(t *testing.T) {
	for _, autapses := range []bool{false, true} {
		const n, k = 250, 30
		c := Conn{NPre: n, NPost: n, Self: true, Rule: Rule{Kind: FixedOutdegree, K: k, Autapses: autapses}, Weight: UniformDist(1, 2), Delay: Fixed(0.1)}
		out := make([]int, n)
		self := 0
		prev := syn{pre: -1}
		for _, s := range collect(mustConnect(t, c, 1, []int{0, 13, 100, 101, n})) {
			if s.pre == prev.pre && s.post == prev.post {
				t.Fatalf("multapse %d -> %d", s.pre, s.post)
			}
			prev = s
			out[s.pre]++
			if s.pre == s.post {
				self++
			}
			if !(s.w >= 1 && s.w < 2) {
				t.Fatalf("weight %g outside its uniform range [1, 2)", s.w)
			}
		}
		for i, x := range out {
			if x != k {
				t.Fatalf("autapses %v: neuron %d has out-degree %d, want exactly %d", autapses, i, x, k)
			}
		}
		if !autapses && self != 0 {
			t.Errorf("%d autapses made with Autapses false", self)
		}
	}
}

// TestFixedProbabilityBinomial checks a 1000 x 1000 fixed-probability
// projection: the synapse count is Binomial(pairs, p), so it must lie
// within 4 standard deviations sqrt(pairs p (1-p)) of pairs*p; each
// neuron's in-degree is Binomial(n, p) with variance n p (1-p), and the
// sample variance of 1000 of them has a standard error of about
// var*sqrt(2/999) (normal approximation), so it must lie within 4 of
// those of the binomial variance; no autapse is made.
func TestFixedProbabilityBinomial(t *testing.T) {
	const n, p = 1000, 0.1
	c := Conn{NPre: n, NPost: n, Self: true, Rule: Rule{Kind: FixedProbability, P: p}, Weight: Fixed(1), Delay: Fixed(0.1)}
	syns := collect(mustConnect(t, c, 7, []int{0, 500, n}))
	pairs := float64(n*n - n) // no autapses
	mean, sd := pairs*p, math.Sqrt(pairs*p*(1-p))
	if got := float64(len(syns)); math.Abs(got-mean) > 4*sd {
		t.Errorf("%v synapses, want %v +- 4 x %.1f", got, mean, sd)
	}
	in := make([]float64, n)
	outdeg := make([]float64, n)
	for _, s := range syns {
		if s.pre == s.post {
			t.Fatalf("autapse %d -> %d with Autapses false", s.pre, s.post)
		}
		in[s.post]++
		outdeg[s.pre]++
	}
	for name, deg := range map[string][]float64{"in-degree": in, "out-degree": outdeg} {
		m, v := meanVar(deg)
		wantVar := (n - 1) * p * (1 - p)
		if se := wantVar * math.Sqrt(2.0/(n-1)); math.Abs(v-wantVar) > 4*se {
			t.Errorf("%s variance %.2f, want %.2f +- 4 x %.2f", name, v, wantVar, se)
		}
		if se := math.Sqrt(wantVar / n); math.Abs(m-(n-1)*p) > 4*se {
			t.Errorf("%s mean %.2f, want %.2f +- 4 x %.2f", name, m, (n-1)*p, se)
		}
	}
}

func meanVar(x []float64) (m, v float64) {
	for _, a := range x {
		m += a
	}
	m /= float64(len(x))
	for _, a := range x {
		v += (a - m) * (a - m)
	}
	return m, v / float64(len(x)-1)
}

func TestFixedProbabilityAutapses(t *testing.T) {
	// p = 1 with autapses is all-to-all including the diagonal: n*n pairs.
	const n = 50
	c := Conn{NPre: n, NPost: n, Self: true, Rule: Rule{Kind: FixedProbability, P: 1, Autapses: true}, Weight: Fixed(1), Delay: Fixed(0.1)}
	if got := len(collect(mustConnect(t, c, 1, []int{0, n}))); got != n*n {
		t.Errorf("p = 1 with autapses: %d synapses, want %d", got, n*n)
	}
	c.Rule.Autapses = false
	if got := len(collect(mustConnect(t, c, 1, []int{0, n}))); got != n*n-n {
		t.Errorf("p = 1 without autapses: %d synapses, want %d", got, n*n-n)
	}
}

func TestAllToAllAndOneToOne(t *testing.T) {
	c := Conn{NPre: 20, NPost: 30, Rule: Rule{Kind: AllToAll}, Weight: Fixed(2), Delay: Fixed(0.3)}
	syns := collect(mustConnect(t, c, 1, []int{0, 10, 30}))
	if len(syns) != 600 {
		t.Fatalf("all-to-all 20 x 30: %d synapses", len(syns))
	}
	for k, s := range syns {
		if s.pre != k/30 || s.post != k%30 || s.w != 2 || s.d != 3 {
			t.Fatalf("synapse %d = %+v", k, s)
		}
	}
	c = Conn{NPre: 20, NPost: 20, Self: true, Rule: Rule{Kind: AllToAll}, Weight: NormalDist(1, 0.1), Delay: UniformDist(0.1, 1)}
	if got := len(collect(mustConnect(t, c, 1, []int{0, 7, 20}))); got != 380 {
		t.Errorf("all-to-all 20 x 20 without autapses: %d synapses, want 380", got)
	}
	c = Conn{NPre: 20, NPost: 20, Self: true, Rule: Rule{Kind: OneToOne}, Weight: PerPost(linspace(0, 19, 20)), Delay: Fixed(0.1)}
	syns = collect(mustConnect(t, c, 1, []int{0, 7, 20}))
	if len(syns) != 20 {
		t.Fatalf("one-to-one: %d synapses", len(syns))
	}
	for i, s := range syns {
		if s.pre != i || s.post != i || s.w != float64(i) {
			t.Fatalf("one-to-one synapse %d = %+v", i, s)
		}
	}
}

func linspace(a, b float64, n int) []float64 {
	out := make([]float64, n)
	for i := range out {
		out[i] = a + (b-a)*float64(i)/float64(n-1)
	}
	return out
}

// TestShardIndependent checks that the synapses (pairs, weights, delays)
// do not depend on how the post population is cut into shards, and that
// another seed gives other synapses.
func TestShardIndependent(t *testing.T) {
	rules := []Rule{
		{Kind: FixedProbability, P: 0.05},
		{Kind: FixedIndegree, K: 17},
		{Kind: FixedOutdegree, K: 23, Autapses: true},
		{Kind: AllToAll},
		{Kind: OneToOne},
	}
	for _, r := range rules {
		c := Conn{NPre: 400, NPost: 400, Self: true, Rule: r, Weight: NormalDist(2, 0.5), Delay: UniformDist(0.1, 2), NonNegative: true}
		one := collect(mustConnect(t, c, 11, []int{0, 400}))
		three := collect(mustConnect(t, c, 11, []int{0, 1, 250, 400}))
		if !slices.Equal(one, three) {
			t.Errorf("%s: synapses differ between 1 and 3 shards", r.Kind)
		}
		other := collect(mustConnect(t, c, 12, []int{0, 400}))
		if slices.Equal(one, other) {
			t.Errorf("%s: seeds 11 and 12 give the same synapses", r.Kind)
		}
	}
}

// TestBytesPerSynapse checks the memory budget of at most 16 bytes per
// synapse, index structures included, on the benchmark shapes (CUBA:
// 4000 neurons, p = 0.02, Brette et al. 2007; fixed-indegree and
// fixed-outdegree 80 at 8000 neurons) split into 8 shards, with per-synapse weights and delays,
// and that EstimateBytes does not under-estimate.
func TestBytesPerSynapse(t *testing.T) {
	cases := []Conn{
		{NPre: 4000, NPost: 4000, Self: true, Rule: Rule{Kind: FixedProbability, P: 0.02}, Weight: UniformDist(0, 1), Delay: UniformDist(0.1, 2)},
		{NPre: 8000, NPost: 8000, Self: true, Rule: Rule{Kind: FixedIndegree, K: 80}, Weight: Fixed(1), Delay: Fixed(0.1)},
		{NPre: 8000, NPost: 8000, Self: true, Rule: Rule{Kind: FixedOutdegree, K: 80}, Weight: NormalDist(1, 0.1), Delay: Fixed(0.1)},
		{NPre: 1000, NPost: 1000, Rule: Rule{Kind: AllToAll}, Weight: UniformDist(0, 1), Delay: UniformDist(0.1, 2)},
	}
	bounds := make([]int, 9)
	for _, c := range cases {
		for s := range bounds {
			bounds[s] = c.NPost * s / 8
		}
		csrs := mustConnect(t, c, 1, bounds)
		var bytes, n int64
		for _, x := range csrs {
			bytes += x.Bytes()
			n += x.Synapses()
		}
		per := float64(bytes) / float64(n)
		if per > 16 {
			t.Errorf("%s: %.2f bytes per synapse, want <= 16", c.Rule.Kind, per)
		}
		if est := c.EstimateBytes(8); est < float64(bytes) {
			t.Errorf("%s: EstimateBytes %.0f < %d actual", c.Rule.Kind, est, bytes)
		}
	}
}

func TestValidate(t *testing.T) {
	good := Conn{NPre: 10, NPost: 10, Self: true, Rule: Rule{Kind: FixedIndegree, K: 9}, Weight: Fixed(1), Delay: Fixed(0.1)}
	if err := good.Validate(0.1); err != nil {
		t.Fatal(err)
	}
	bad := []Conn{
		{NPre: 10, NPost: 10, Self: true, Rule: Rule{Kind: FixedIndegree, K: 10}, Weight: Fixed(1), Delay: Fixed(0.1)},
		{NPre: 10, NPost: 10, Rule: Rule{Kind: FixedProbability, P: 1.5}, Weight: Fixed(1), Delay: Fixed(0.1)},
		{NPre: 10, NPost: 9, Rule: Rule{Kind: OneToOne}, Weight: Fixed(1), Delay: Fixed(0.1)},
		{NPre: 10, NPost: 10, Rule: Rule{Kind: AllToAll}, Weight: Fixed(1), Delay: Fixed(0.04)},
		{NPre: 10, NPost: 10, Rule: Rule{Kind: AllToAll}, Weight: Fixed(-1), Delay: Fixed(0.1), NonNegative: true},
		{NPre: 10, NPost: 10, Rule: Rule{Kind: AllToAll}, Weight: Fixed(1), Delay: NormalDist(1, 0.1)},
		{NPre: 10, NPost: 10, Rule: Rule{Kind: AllToAll}, Weight: Param{Value: neuron.Value{PerNeuron: []float64{1}}}, Delay: Fixed(0.1)},
		{NPre: 10, NPost: 10, Rule: Rule{Kind: AllToAll}, Weight: Fixed(math.NaN()), Delay: Fixed(0.1)},
		{NPre: 10, NPost: 10, Rule: Rule{Kind: AllToAll}, Weight: Fixed(1), Delay: Fixed(1e6)},
	}
	for i, c := range bad {
		if err := c.Validate(0.1); err == nil {
			t.Errorf("case %d (%s): no error", i, c.Rule.Kind)
		}
	}
}

// TestDelayRounding: delays are rounded to the nearest whole step
// (1.5 ms / 0.1 ms is 15.000000000000002 in floating point).
func TestDelayRounding(t *testing.T) {
	for _, c := range []struct {
		d, dt float64
		want  int
	}{{1.5, 0.1, 15}, {0.1, 0.1, 1}, {0.06, 0.1, 1}, {0.3, 0.1, 3}, {2, 0.01, 200}} {
		got, err := DelaySteps(c.d, c.dt)
		if err != nil || got != c.want {
			t.Errorf("DelaySteps(%g, %g) = %d, %v; want %d", c.d, c.dt, got, err, c.want)
		}
	}
}

func BenchmarkConnectFixedProbability(b *testing.B) {
	// Brunel 2000's excitatory projection: 10000 -> 12500, p = 0.1.
	c := Conn{NPre: 10000, NPost: 12500, Rule: Rule{Kind: FixedProbability, P: 0.1}, Weight: Fixed(0.1), Delay: Fixed(1.5)}
	b.ReportAllocs()
	for b.Loop() {
		if _, err := Connect(c, 0.1, 1, 0, []int{0, 6250, 12500}, 2); err != nil {
			b.Fatal(err)
		}
	}
	b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N)/c.ExpectedSynapses(), "ns/synapse")
}

// TestWeightMatrix: an all-to-all projection with a weight matrix gives
// every synapse (pre i, post j) the weight w[j*nPre+i], whatever the shards;
// a matrix of the wrong size or with another rule is refused.
func TestWeightMatrix(t *testing.T) {
	const nPre, nPost = 3, 4
	w := make([]float64, nPre*nPost)
	for k := range w {
		w[k] = float64(k) - 5.5 // distinct values, both signs
	}
	c := Conn{NPre: nPre, NPost: nPost, Rule: Rule{Kind: AllToAll}, Weight: WeightMatrix(w), Delay: Fixed(0.1)}
	for _, bounds := range [][]int{{0, nPost}, {0, 1, 3, nPost}} {
		got := collect(mustConnect(t, c, 1, bounds))
		if len(got) != nPre*nPost {
			t.Fatalf("shards %v: %d synapses, want %d", bounds, len(got), nPre*nPost)
		}
		for _, s := range got {
			if want := w[s.post*nPre+s.pre]; s.w != want {
				t.Errorf("shards %v: synapse %d -> %d has weight %g, want %g", bounds, s.pre, s.post, s.w, want)
			}
		}
	}
	bad := c
	bad.Weight = WeightMatrix(w[:5])
	if err := bad.Validate(0.1); err == nil {
		t.Error("a matrix of 5 values for 4 x 3 synapses was accepted")
	}
	bad = c
	bad.Rule = Rule{Kind: FixedIndegree, K: 1}
	if err := bad.Validate(0.1); err == nil {
		t.Error("a weight matrix with fixed-indegree was accepted")
	}
	bad = c
	bad.NonNegative = true
	if err := bad.Validate(0.1); err == nil {
		t.Error("negative conductances in a matrix were accepted")
	}
}

// TestOnePassSameRows: a shard built in one pass from the kept pairs
// gives the rows, weights and delays that two passes over the same
// streams give (onePassBytes 0), also when the pairs outgrow the bound
// halfway and the shard falls back to two passes, for both by-target
// rules, shared and drawn weights and delays, one shard and three.
func TestOnePassSameRows(t *testing.T) {
	defer func(b int) { onePassBytes = b }(onePassBytes)
	for _, c := range []Conn{
		{NPre: 300, NPost: 200, Rule: Rule{Kind: FixedProbability, P: 0.1}, Weight: Fixed(1), Delay: Fixed(0.1)},
		{NPre: 300, NPost: 200, Rule: Rule{Kind: FixedProbability, P: 0.3}, Weight: NormalDist(1, 0.5), Delay: UniformDist(0.1, 2)},
		{NPre: 200, NPost: 200, Self: true, Rule: Rule{Kind: FixedIndegree, K: 20}, Weight: UniformDist(0, 2), Delay: Fixed(0.5)},
	} {
		for _, bounds := range [][]int{{0, c.NPost}, {0, 50, 120, c.NPost}} {
			onePassBytes = 0
			two, err := Connect(c, 0.1, 7, 1, bounds, 0)
			if err != nil {
				t.Fatal(err)
			}
			// The whole shard, and a bound a third of the way through the
			// first shard's pairs (4 to 14 bytes a pair: two passes after
			// some kept).
			for _, limit := range []int{64 << 20, (len(bounds) - 1) * int(two[0].Synapses()) * 4 / 3} { // (shared by the shards)
				onePassBytes = limit
				one, err := Connect(c, 0.1, 7, 1, bounds, 0)
				if err != nil {
					t.Fatal(err)
				}
				if !reflect.DeepEqual(one, two) {
					t.Errorf("%v, shards %v, bound %d bytes: one pass and two give different rows", c.Rule, bounds, limit)
				}
			}
		}
	}
}
