package sdc

import (
	"errors"
	"fmt"
	"math"
)

// MaxDeviationLimit is the largest maximum deviation D that Validate
// accepts. The perturbation table is built in memory (D+1 rows of up to
// 2D+1 outcomes) and a deviation this large already makes small counts
// meaningless; the limit only guards against typos such as 2000 for 2.
const MaxDeviationLimit = 100

// Params are the disclosure-control parameters of the cell key method.
//
// D and V describe the noise and are confidential: the user interface may
// say that figures are protected and with which K, but must never print D
// (or V). String and GoString therefore show only K.
type Params struct {
	// D is the maximum deviation: the noise d added to a count satisfies
	// |d| <= D.
	D int
	// V is the target variance of the noise. It is reached exactly for
	// every true count n whose noise support {max(-D,-n) .. D} allows it;
	// see Table.
	V float64
	// K is the threshold: a perturbed count in (0, K) is withheld, and
	// derived figures whose protected base group is below MinDerivedBase
	// (max(10, 2·K)) are withheld.
	K int
}

// DefaultParams returns the defaults of the disclosure-control contract:
// D = 2, V = 1, K = 5.
func DefaultParams() Params {
	return Params{D: 2, V: 1, K: 5}
}

// Validate reports whether p is usable. It refuses
//
//   - K < 3: the contract never allows a threshold below 3;
//   - D < 1 (no noise at all) or D > MaxDeviationLimit;
//   - V <= 0 or V not finite: without variance there is no noise;
//   - V >= D*D: zero-mean noise bounded by |d| <= D has variance at most
//     D*D, and only the two-point distribution on {-D, +D} (never 0, never
//     anything in between) reaches it. That is not a sensible noise
//     distribution and the maximum-entropy construction has no solution
//     there, so V must be strictly below D*D.
func (p Params) Validate() error {
	var errs []error
	if p.K < 3 {
		errs = append(errs, fmt.Errorf("k must be at least 3 (got %d)", p.K))
	}
	dOK := true
	switch {
	case p.D < 1:
		errs = append(errs, fmt.Errorf("max_deviation must be at least 1 (got %d)", p.D))
		dOK = false
	case p.D > MaxDeviationLimit:
		errs = append(errs, fmt.Errorf("max_deviation must be at most %d (got %d)", MaxDeviationLimit, p.D))
		dOK = false
	}
	switch {
	case math.IsNaN(p.V) || math.IsInf(p.V, 0):
		errs = append(errs, fmt.Errorf("variance must be a finite number (got %v)", p.V))
	case p.V <= 0:
		errs = append(errs, fmt.Errorf("variance must be positive (got %v)", p.V))
	case dOK && p.V >= float64(p.D)*float64(p.D):
		errs = append(errs, fmt.Errorf(
			"variance %v is not attainable with max_deviation %d: zero-mean noise within ±%d has variance at most %d (max_deviation²), reached only by the two-point distribution on ±%d; choose a variance below %d",
			p.V, p.D, p.D, p.D*p.D, p.D, p.D*p.D))
	}
	return errors.Join(errs...)
}

// String describes the protection for display, e.g. "cell key method, k=5".
// It deliberately omits D and V.
func (p Params) String() string {
	return fmt.Sprintf("cell key method, k=%d", p.K)
}

// GoString is like String so that %#v does not reveal D or V either.
func (p Params) GoString() string {
	return fmt.Sprintf("sdc.Params{K:%d}", p.K)
}
