package sdc

import (
	"math"
	"testing"

	"pgregory.net/rapid"
)

// TestWilsonHandValues compares with values computed independently at
// 30-digit precision (mpmath) from the textbook formula.
func TestWilsonHandValues(t *testing.T) {
	tests := []struct {
		x, n   int64
		lo, hi float64
	}{
		{2, 408, 0.00134532538192299, 0.0176946684136218},
		{0, 10, 0, 0.277532799862889},
		{10, 10, 0.722467200137111, 1},
		{5, 10, 0.236593090512564, 0.763406909487436},
		{1, 1, 0.206549314377237, 1},
	}
	for _, tc := range tests {
		lo, hi := Wilson(tc.x, tc.n, Z95)
		if math.Abs(lo-tc.lo) > 1e-12 || math.Abs(hi-tc.hi) > 1e-12 {
			t.Errorf("Wilson(%d, %d) = [%.15g, %.15g], want [%.15g, %.15g]", tc.x, tc.n, lo, hi, tc.lo, tc.hi)
		}
	}
	// Exact ends.
	if lo, _ := Wilson(0, 10, Z95); lo != 0 {
		t.Errorf("Wilson(0, 10) lower bound %v, want exactly 0", lo)
	}
	if _, hi := Wilson(10, 10, Z95); hi != 1 {
		t.Errorf("Wilson(10, 10) upper bound %v, want exactly 1", hi)
	}
}

func TestWilsonEdges(t *testing.T) {
	if lo, hi := Wilson(0, 0, Z95); lo != 0 || hi != 1 {
		t.Errorf("Wilson(0, 0) = [%v, %v], want [0, 1]", lo, hi)
	}
	if lo, hi := Wilson(3, -1, Z95); lo != 0 || hi != 1 {
		t.Errorf("Wilson(3, -1) = [%v, %v], want [0, 1]", lo, hi)
	}
	// successes above trials (perturbed subgroup) is clamped to trials.
	lo1, hi1 := Wilson(12, 10, Z95)
	lo2, hi2 := Wilson(10, 10, Z95)
	if lo1 != lo2 || hi1 != hi2 {
		t.Errorf("Wilson(12, 10) = [%v, %v], want Wilson(10, 10) = [%v, %v]", lo1, hi1, lo2, hi2)
	}
	lo1, hi1 = Wilson(-2, 10, Z95)
	lo2, hi2 = Wilson(0, 10, Z95)
	if lo1 != lo2 || hi1 != hi2 {
		t.Errorf("Wilson(-2, 10) differs from Wilson(0, 10)")
	}
}

func TestWilsonProperties(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		n := rapid.Int64Range(1, 1_000_000).Draw(t, "trials")
		x := rapid.Int64Range(0, n).Draw(t, "successes")
		lo, hi := Wilson(x, n, Z95)
		ph := float64(x) / float64(n)
		if !(0 <= lo && lo <= ph && ph <= hi && hi <= 1) {
			t.Fatalf("Wilson(%d, %d) = [%v, %v] does not contain %v within [0, 1]", x, n, lo, hi, ph)
		}
		// Symmetry: the interval for n-x is the mirror image.
		lo2, hi2 := Wilson(n-x, n, Z95)
		if math.Abs(lo-(1-hi2)) > 1e-12 || math.Abs(hi-(1-lo2)) > 1e-12 {
			t.Fatalf("Wilson(%d, %d) not the mirror of Wilson(%d, %d)", x, n, n-x, n)
		}
	})
}

func TestShare(t *testing.T) {
	p := DefaultParams() // K = 5
	shown := func(v int64) Protected { return Protected{Value: v} }
	withheld := Protected{Withheld: true}
	tests := []struct {
		name     string
		num, den Protected
		want     float64
		ok       bool
	}{
		{"plain", shown(3), shown(12), 0.25, true},
		{"zero numerator", shown(0), shown(10), 0, true},
		{"base at the minimum", shown(10), shown(10), 1, true},
		{"numerator above base is clamped", shown(12), shown(11), 1, true},
		{"base below the minimum, above k", shown(5), shown(9), 0, false},
		{"base below k", shown(0), shown(4), 0, false},
		{"base zero", shown(0), shown(0), 0, false},
		{"numerator withheld", withheld, shown(100), 0, false},
		{"base withheld", shown(5), withheld, 0, false},
	}
	for _, tc := range tests {
		got, ok := p.Share(tc.num, tc.den)
		if ok != tc.ok || got != tc.want {
			t.Errorf("%s: Share = %v, %v; want %v, %v", tc.name, got, ok, tc.want, tc.ok)
		}
	}
}

func TestWilsonProtected(t *testing.T) {
	p := Params{D: 2, V: 1, K: 5} // MinDerivedBase 10
	shown := func(v int64) Protected { return Protected{Value: v} }
	withheld := Protected{Withheld: true}
	if lo, hi, ok := p.WilsonProtected(shown(2), shown(408), Z95); !ok ||
		math.Abs(lo-0.00134532538192299) > 1e-12 || math.Abs(hi-0.0176946684136218) > 1e-12 {
		t.Errorf("WilsonProtected(2, 408) = %v, %v, %v", lo, hi, ok)
	}
	if lo, hi, ok := p.WilsonProtected(shown(12), shown(10), Z95); !ok || hi != 1 || math.Abs(lo-0.722467200137111) > 1e-12 {
		t.Errorf("WilsonProtected(12, 10) = %v, %v, %v; want clamped to 10 of 10", lo, hi, ok)
	}
	for _, tc := range []struct{ x, n Protected }{
		{shown(0), shown(9)},  // base below the minimum 10
		{shown(0), shown(0)},  // base zero
		{withheld, shown(50)}, // successes withheld
		{shown(5), withheld},  // base withheld
	} {
		if _, _, ok := p.WilsonProtected(tc.x, tc.n, Z95); ok {
			t.Errorf("WilsonProtected(%+v, %+v) not withheld", tc.x, tc.n)
		}
	}
}

// TestDerivedFromProtect runs shares and intervals on counts protected by a
// table: results are in [0, 1] and withheld whenever an input is.
func TestDerivedFromProtect(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		p := genParams(t)
		tb := mustTable(t, p)
		den := rapid.Int64Range(0, 200).Draw(t, "den")
		num := rapid.Int64Range(0, den).Draw(t, "num")
		pn := tb.ProtectCount(num, CellKey(rapid.Uint32().Draw(t, "num key")))
		pd := tb.ProtectCount(den, CellKey(rapid.Uint32().Draw(t, "den key")))
		s, ok := p.Share(pn, pd)
		lo, hi, wok := p.WilsonProtected(pn, pd, Z95)
		shouldShow := !pn.Withheld && !pd.Withheld && pd.Value >= max(10, 2*int64(p.K))
		if ok != shouldShow || wok != shouldShow {
			t.Fatalf("Share ok=%v, Wilson ok=%v, want %v (num %+v, den %+v, k=%d)", ok, wok, shouldShow, pn, pd, p.K)
		}
		if ok && !(0 <= s && s <= 1 && 0 <= lo && lo <= s && s <= hi && hi <= 1) {
			t.Fatalf("share %v, interval [%v, %v] out of order", s, lo, hi)
		}
	})
}

func TestMinDerivedBase(t *testing.T) {
	for _, tc := range []struct{ k, want int }{{3, 10}, {5, 10}, {6, 12}, {10, 20}} {
		if got := (Params{D: 2, V: 1, K: tc.k}).MinDerivedBase(); got != int64(tc.want) {
			t.Errorf("k=%d: MinDerivedBase %d, want %d", tc.k, got, tc.want)
		}
	}
}

// TestSensitive: a sensitive numerator is shown only from k upwards; a
// true zero (published 0) and a small positive count (withheld) give the
// same result.
func TestSensitive(t *testing.T) {
	p := DefaultParams()
	tb := mustTable(t, p)
	for n := int64(0); n <= 12; n++ {
		for key := uint32(0); key < 1<<32-1<<26; key += 1 << 26 {
			got := p.Sensitive(tb.ProtectCount(n, CellKey(key)))
			pub := tb.Published(n, CellKey(key))
			if pub < int64(p.K) {
				if !got.Withheld || got.Value != 0 {
					t.Fatalf("n=%d published %d: sensitive %+v, want withheld", n, pub, got)
				}
			} else if got.Withheld || got.Value != pub {
				t.Fatalf("n=%d published %d: sensitive %+v", n, pub, got)
			}
		}
	}
}
