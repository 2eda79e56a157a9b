package sdc

import "math"

// Protected is a count after disclosure control, as returned by
// Table.ProtectCount. If Withheld is true, Value is 0 and must not be shown
// or drawn as a number (charts leave a gap, tables show the withheld mark).
type Protected struct {
	Value    int64
	Withheld bool
}

// Z95 is the standard normal quantile for a two-sided 95% interval.
const Z95 = 1.959963984540054

// MinDerivedBaseFloor is the smallest protected base of a derived figure
// (share, rate, interval, median) with the default k: a figure derived
// from fewer cases says more about the few than about the group (a median
// of 5 durations is the third one), and one case more or less moves it by
// a large step. See Params.MinDerivedBase.
const MinDerivedBaseFloor = 10

// MinDerivedBase is the smallest protected base a derived figure is shown
// for: twice the threshold, and never below MinDerivedBaseFloor (10 with
// the default K = 5). Twice K keeps the base of a derived figure well
// above the counts that are withheld when an operator raises K. The test is
// on the protected base, never the exact one, so whether a derived figure
// is shown is itself a function of a protected count.
func (p Params) MinDerivedBase() int64 {
	return int64(max(MinDerivedBaseFloor, 2*p.K))
}

// Sensitive protects the numerator of a sensitive figure (a relapse
// count): it is shown only when its protected value is at least K and is
// withheld otherwise, true zeros included. The cell key method keeps zeros
// at zero, so with the plain threshold "withheld" would certify at least
// one case (and a shown 0 at most D); withholding every protected value
// below K makes a true 0 look like a small positive count.
func (p Params) Sensitive(c Protected) Protected {
	if c.Withheld || c.Value < int64(p.K) {
		return Protected{Withheld: true}
	}
	return c
}

// Share returns num/den for protected counts, withheld (ok = false) if num
// or den is withheld or the base group den is below MinDerivedBase (which
// includes a perturbed den of 0).
//
// num and den are perturbed independently, so a subgroup can come out
// larger than its base group (say 7 of 6); the share is then clamped to
// [0, 1] rather than showing more than 100%.
func (p Params) Share(num, den Protected) (share float64, ok bool) {
	if num.Withheld || den.Withheld || den.Value < p.MinDerivedBase() {
		return 0, false
	}
	return clamp01(float64(num.Value) / float64(den.Value)), true
}

// Wilson returns the Wilson score interval for successes out of trials at
// normal quantile z (Z95 for 95%):
//
//	centre = (p̂ + z²/2n) / (1 + z²/n)
//	half   = z / (1 + z²/n) · √(p̂(1-p̂)/n + z²/4n²)
//
// with p̂ = successes/trials, n = trials. successes is clamped to
// [0, trials] (perturbed counts can exceed their base), the bounds are
// clamped to [0, 1] and are exactly 0 (1) when successes is 0 (trials).
// For trials <= 0 the interval is [0, 1]: no information.
func Wilson(successes, trials int64, z float64) (lo, hi float64) {
	if trials <= 0 {
		return 0, 1
	}
	successes = max(0, min(successes, trials))
	n := float64(trials)
	ph := float64(successes) / n
	z2 := z * z
	denom := 1 + z2/n
	centre := (ph + z2/(2*n)) / denom
	half := math.Abs(z) / denom * math.Sqrt(ph*(1-ph)/n+z2/(4*n*n))
	lo, hi = clamp01(centre-half), clamp01(centre+half)
	if successes == 0 {
		lo = 0
	}
	if successes == trials {
		hi = 1
	}
	return lo, hi
}

// WilsonProtected is Wilson on protected counts: withheld (ok = false) if
// either count is withheld or the base group trials is below
// MinDerivedBase. A protected successes above trials is clamped to trials.
func (p Params) WilsonProtected(successes, trials Protected, z float64) (lo, hi float64, ok bool) {
	if successes.Withheld || trials.Withheld || trials.Value < p.MinDerivedBase() {
		return 0, 0, false
	}
	lo, hi = Wilson(successes.Value, trials.Value, z)
	return lo, hi, true
}

func clamp01(x float64) float64 {
	return math.Max(0, math.Min(1, x))
}
