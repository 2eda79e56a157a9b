package sdc

import (
	"math"
	"math/rand/v2"
	"testing"

	"pgregory.net/rapid"
)

// genParams draws valid parameters: D in 1..5, V either a real fraction of
// D² (down to 1e-6·D², up to just below D²) or an integer in [1, D²-1]
// (which hits the caps n·D of the rows n < D exactly), K in 3..20.
func genParams(t *rapid.T) Params {
	d := rapid.IntRange(1, 5).Draw(t, "D")
	dd := float64(d * d)
	var v float64
	if d > 1 && rapid.Bool().Draw(t, "integer V") {
		v = float64(rapid.IntRange(1, d*d-1).Draw(t, "V"))
	} else {
		v = rapid.Float64Range(1e-6, 1-1e-9).Draw(t, "V/D²") * dd
	}
	return Params{D: d, V: v, K: rapid.IntRange(3, 20).Draw(t, "K")}
}

// testingT is the part of testing.TB that *rapid.T also implements.
type testingT interface {
	Helper()
	Fatalf(format string, args ...any)
}

func mustTable(t testingT, p Params) *Table {
	t.Helper()
	tb, err := NewTable(p)
	if err != nil {
		t.Fatalf("NewTable(D=%d, V=%v, K=%d): %v", p.D, p.V, p.K, err)
	}
	return tb
}

// expectedVariance is the variance row n must have: V, except for the rows
// n < D with V >= n·D, where n·D (the largest variance of a zero-mean
// distribution on {-n .. D}) is the closest attainable value.
func expectedVariance(p Params, n int64) float64 {
	if n == 0 {
		return 0
	}
	m := min(n, int64(p.D))
	return math.Min(p.V, float64(m)*float64(p.D))
}

// checkRow verifies the properties every row must have.
func checkRow(t testingT, tb *Table, n int64) {
	t.Helper()
	p := tb.Params()
	row := tb.Row(n)
	var sum, mean, sq float64
	prevHi := 0.0
	for i, o := range row {
		if i > 0 && o.Noise != row[i-1].Noise+1 {
			t.Fatalf("n=%d: noise values not consecutive ascending: %v", n, row)
		}
		if o.Noise < -p.D || o.Noise > p.D {
			t.Fatalf("n=%d: |d| = |%d| > D = %d", n, o.Noise, p.D)
		}
		if n+int64(o.Noise) < 0 {
			t.Fatalf("n=%d: d=%d gives a negative published count", n, o.Noise)
		}
		if !(o.P >= 0 && o.P <= 1) {
			t.Fatalf("n=%d: P(d=%d) = %v", n, o.Noise, o.P)
		}
		if o.Lo != prevHi || o.Hi < o.Lo {
			t.Fatalf("n=%d: intervals not contiguous at d=%d: %v", n, o.Noise, row)
		}
		if math.Abs((o.Hi-o.Lo)-o.P) > 1e-12 {
			t.Fatalf("n=%d: interval of d=%d has width %v, P = %v", n, o.Noise, o.Hi-o.Lo, o.P)
		}
		prevHi = o.Hi
		x := float64(o.Noise)
		sum += o.P
		mean += o.P * x
		sq += o.P * x * x
	}
	if prevHi != 1 {
		t.Fatalf("n=%d: intervals end at %v, not 1", n, prevHi)
	}
	if row[0].Noise != -int(min(n, int64(p.D))) || (n > 0 && row[len(row)-1].Noise != p.D) {
		t.Fatalf("n=%d: support %d..%d, want %d..%d", n, row[0].Noise, row[len(row)-1].Noise, -min(n, int64(p.D)), p.D)
	}
	if n == 0 && (len(row) != 1 || row[0].Noise != 0 || row[0].P != 1) {
		t.Fatalf("n=0: row %v, want d=0 with probability 1", row)
	}
	if math.Abs(sum-1) > 1e-12 {
		t.Fatalf("n=%d: probabilities sum to %v", n, sum)
	}
	if math.Abs(mean) > 1e-12 {
		t.Fatalf("n=%d: mean %v", n, mean)
	}
	want := expectedVariance(p, n)
	if got := sq - mean*mean; math.Abs(got-want) > 1e-9*math.Max(1, want) {
		t.Fatalf("n=%d (D=%d, V=%v): variance %v, want %v", n, p.D, p.V, got, want)
	}
	if n > 0 && n < int64(p.D) && p.V >= float64(n)*float64(p.D) {
		// Unattainable V: the two-point distribution on {-n, D}.
		for _, o := range row[1 : len(row)-1] {
			if o.P != 0 {
				t.Fatalf("n=%d: V=%v >= n·D but P(d=%d) = %v", n, p.V, o.Noise, o.P)
			}
		}
	}
}

func TestRowsProperties(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		p := genParams(t)
		tb := mustTable(t, p)
		for n := int64(0); n <= int64(p.D)+1; n++ {
			checkRow(t, tb, n)
		}
		n := rapid.Int64Range(0, 1_000_000).Draw(t, "n")
		checkRow(t, tb, n)
		// Rows n >= D are identical.
		if n >= int64(p.D) {
			a, b := tb.Row(n), tb.Row(int64(p.D))
			for i := range a {
				if a[i] != b[i] {
					t.Fatalf("row %d differs from row D=%d", n, p.D)
				}
			}
		}
	})
}

func TestNoiseProperties(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		p := genParams(t)
		tb := mustTable(t, p)
		n := rapid.Int64Range(0, 1_000_000).Draw(t, "n")
		u := rapid.Uint32().Draw(t, "key")
		key := CellKey(u)
		d := tb.Noise(n, key)

		if n == 0 && d != 0 {
			t.Fatalf("n=0 perturbed by %d", d)
		}
		if d < -p.D || d > p.D || n+int64(d) < 0 {
			t.Fatalf("n=%d: noise %d out of range", n, d)
		}
		// The cell key lies in the interval of exactly the returned d.
		hits := 0
		for _, o := range tb.Row(n) {
			if o.Lo <= key && key < o.Hi {
				hits++
				if o.Noise != d {
					t.Fatalf("n=%d key=%v: Noise = %d, interval says %d", n, key, d, o.Noise)
				}
			}
		}
		if hits != 1 {
			t.Fatalf("n=%d key=%v lies in %d intervals", n, key, hits)
		}
		// Deterministic, also across independently built tables, and the
		// float64 and uint32 forms agree.
		tb2 := mustTable(t, p)
		if tb.Noise(n, key) != d || tb2.Noise(n, key) != d || tb.NoiseU32(n, u) != d {
			t.Fatalf("Noise not deterministic")
		}
		if pub := tb.Published(n, key); pub != n+int64(d) || tb2.Published(n, key) != pub || tb.PublishedU32(n, u) != pub {
			t.Fatalf("Published not deterministic or not n+d")
		}
		// A float key not on the 2^-32 grid works too.
		fk := rapid.Float64Range(0, 1).Draw(t, "float key")
		if fk < 1 && tb.Noise(n, fk) != tb2.Noise(n, fk) {
			t.Fatalf("Noise(%d, %v) not deterministic", n, fk)
		}
	})
}

func TestProtectNeverShowsSmallCounts(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		p := genParams(t)
		tb := mustTable(t, p)
		n := rapid.Int64Range(0, 1_000_000).Draw(t, "n")
		if rapid.Bool().Draw(t, "small n") {
			n = rapid.Int64Range(0, int64(p.K+p.D)).Draw(t, "n small")
		}
		u := rapid.Uint32().Draw(t, "key")
		v, w := tb.Protect(n, CellKey(u))
		if v2, w2 := tb.ProtectU32(n, u); v2 != v || w2 != w {
			t.Fatalf("ProtectU32 disagrees with Protect")
		}
		if pc := tb.ProtectCount(n, CellKey(u)); pc != (Protected{v, w}) {
			t.Fatalf("ProtectCount = %+v, want %v %v", pc, v, w)
		}
		pub := tb.Published(n, CellKey(u))
		switch {
		case w:
			if v != 0 {
				t.Fatalf("withheld result carries value %d", v)
			}
			if !(pub > 0 && pub < int64(p.K)) {
				t.Fatalf("published %d withheld with k=%d", pub, p.K)
			}
		case v > 0 && v < int64(p.K):
			t.Fatalf("shown value %d in (0, k=%d)", v, p.K)
		case v != pub:
			t.Fatalf("shown %d, published %d", v, pub)
		}
		if n == 0 && (v != 0 || w) {
			t.Fatalf("true 0 not shown as 0: %d %v", v, w)
		}
	})
}

func TestProtectFailsClosed(t *testing.T) {
	tb := mustTable(t, DefaultParams())
	for _, tc := range []struct {
		n   int64
		key float64
	}{
		{-1, 0.5}, {10, -0.1}, {10, 1}, {10, 1.5}, {10, math.NaN()}, {10, math.Inf(1)},
		{math.MaxInt64, 0.5},
	} {
		if v, w := tb.Protect(tc.n, tc.key); !w || v != 0 {
			t.Errorf("Protect(%d, %v) = %d, %v; want withheld", tc.n, tc.key, v, w)
		}
		func() {
			defer func() {
				if recover() == nil {
					t.Errorf("Noise(%d, %v) did not panic", tc.n, tc.key)
				}
			}()
			tb.Noise(tc.n, tc.key)
		}()
	}
	// Largest accepted count and the edges of the key range.
	if _, w := tb.Protect(maxCount, 0); w {
		t.Errorf("Protect(maxCount, 0) withheld")
	}
	if d := tb.Noise(10, math.Nextafter(1, 0)); d != 2 {
		t.Errorf("Noise(10, 1-ε) = %d, want +2", d)
	}
	if d := tb.Noise(10, 0); d != -2 {
		t.Errorf("Noise(10, 0) = %d, want -2", d)
	}
}

// TestUnbiasedDefault draws 10^5 pseudo-random (n, cell key) pairs with
// n >= D for the default table: the noise has mean ≈ 0 and variance ≈ V.
func TestUnbiasedDefault(t *testing.T) {
	p := DefaultParams()
	tb := mustTable(t, p)
	rng := rand.New(rand.NewPCG(2022, 5))
	const N = 100_000
	var sum, sq float64
	for range N {
		n := int64(p.D) + rng.Int64N(1_000_000)
		d := float64(tb.Published(n, CellKey(rng.Uint32())) - n)
		sum += d
		sq += d * d
	}
	mean := sum / N
	variance := sq/N - mean*mean
	if math.Abs(mean) >= 0.02 {
		t.Errorf("mean deviation %v, want |mean| < 0.02", mean)
	}
	if math.Abs(variance-p.V) > 0.03 {
		t.Errorf("variance %v, want %v ± 0.03", variance, p.V)
	}
	t.Logf("mean %.5f, variance %.5f over %d draws", mean, variance, N)
}

// TestUnbiasedProperty is TestUnbiasedDefault for arbitrary parameters
// (10^4 draws each), with tolerances of 5 standard errors.
func TestUnbiasedProperty(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		p := genParams(t)
		tb := mustTable(t, p)
		seed := rapid.Uint64().Draw(t, "seed")
		rng := rand.New(rand.NewPCG(seed, 1))
		const N = 10_000
		var sum, sq float64
		for range N {
			n := int64(p.D) + rng.Int64N(1_000_000)
			d := float64(tb.Published(n, CellKey(rng.Uint32())) - n)
			sum += d
			sq += d * d
		}
		var m4 float64
		for _, o := range tb.Row(int64(p.D)) {
			m4 += o.P * math.Pow(float64(o.Noise), 4)
		}
		mean := sum / N
		variance := sq / N // E d² about the true mean 0
		seMean := math.Sqrt(p.V / N)
		seVar := math.Sqrt(math.Max(m4-p.V*p.V, 0) / N)
		// A tiny floor for V so small that no draw hits a nonzero d.
		if math.Abs(mean) > 5*seMean+1e-3 || math.Abs(variance-p.V) > 5*seVar+1e-3 {
			t.Fatalf("D=%d V=%v: mean %v (se %v), variance %v (se %v)", p.D, p.V, mean, seMean, variance, seVar)
		}
	})
}

// TestExactOverAllKeys checks the mapping the 32-bit cell keys actually
// realise: counting, for each d, the keys u with u/2^32 in [Lo, Hi), the
// mean over all 2^32 keys is 0 up to the 2^-32 granularity of the keys.
func TestExactOverAllKeys(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		p := genParams(t)
		tb := mustTable(t, p)
		n := rapid.Int64Range(1, int64(p.D)).Draw(t, "n")
		var total uint64
		var mean float64
		for _, o := range tb.Row(n) {
			lo := uint64(math.Ceil(o.Lo * (1 << 32)))
			hi := uint64(math.Ceil(o.Hi * (1 << 32)))
			total += hi - lo
			mean += float64(o.Noise) * float64(hi-lo) / (1 << 32)
			if hi > lo {
				// The first and last key of the interval map to this d.
				if tb.NoiseU32(n, uint32(lo)) != o.Noise || tb.NoiseU32(n, uint32(hi-1)) != o.Noise {
					t.Fatalf("n=%d: keys %d..%d do not all map to d=%d", n, lo, hi-1, o.Noise)
				}
			}
		}
		if total != 1<<32 {
			t.Fatalf("n=%d: intervals cover %d keys", n, total)
		}
		if math.Abs(mean) > float64(2*p.D+1)*float64(p.D)/(1<<32) {
			t.Fatalf("n=%d: mean over all keys %v", n, mean)
		}
	})
}

// TestDefaultTable pins the default table against values computed
// independently at 40-digit precision (mpmath).
func TestDefaultTable(t *testing.T) {
	tb := mustTable(t, DefaultParams())
	want := map[int64][]float64{
		0: {1},
		1: {0.39806471113836395, 0.30580586658490814, 0.19419413341509186, 0.10193528886163605},
		2: {0.063827136706447166, 0.24469145317421134, 0.382962820238683, 0.24469145317421134, 0.063827136706447166},
	}
	for _, n := range []int64{0, 1, 2, 3, 1000} {
		w := want[min(n, 2)]
		row := tb.Row(n)
		if len(row) != len(w) {
			t.Fatalf("n=%d: %d outcomes, want %d", n, len(row), len(w))
		}
		for i, o := range row {
			if math.Abs(o.P-w[i]) > 1e-15 {
				t.Errorf("n=%d d=%d: P = %.17g, want %.17g", n, o.Noise, o.P, w[i])
			}
		}
	}
}

func TestCellKey(t *testing.T) {
	if CellKey(0) != 0 || CellKey(1<<31) != 0.5 || CellKey(math.MaxUint32) >= 1 {
		t.Fatal("CellKey wrong at the edges")
	}
}

func TestRowPanicsOnNegative(t *testing.T) {
	defer func() {
		if recover() == nil {
			t.Fatal("Row(-1) did not panic")
		}
	}()
	mustTable(t, DefaultParams()).Row(-1)
}
