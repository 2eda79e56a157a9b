// Package sdc implements the disclosure control of lagebild: the cell key
// method of German official statistics (as used for the Census 2022
// flexible tables) plus a threshold. Every figure a user sees that comes
// from case data goes through it; see "The disclosure-control contract" in
// the design document.
//
// # Record keys and cell keys
//
// Every record carries a fixed pseudo-random record key rkey in [0, 2^32).
// The cell key of a table cell is (SUM(rkey) mod 2^32) / 2^32, computed
// exactly in integer arithmetic by the store; this package receives it as
// a float64 in [0, 1) or as the uint32 numerator (CellKey, the ...U32
// methods; both give identical results). The same set of records therefore
// has the same cell key in every view, filter, export and session.
//
// # Perturbation
//
// A Table maps (true count n, cell key) to noise d and publishes n + d.
// Row n of the table is a probability distribution of d on
// {max(-D, -n) .. D}, so |d| <= D and no published count is negative;
// rows are equal for all n >= D, and n = 0 always gives d = 0 ("zeros stay
// zero"). The cumulative distribution, outcomes ordered by d ascending,
// splits [0, 1) into one interval per d, and the cell key picks the
// interval it falls into.
//
// Each row has mean exactly 0 (|mean| < 1e-12 in float64; symmetric rows
// are symmetrised, so their mean is 0 up to rounding of the sum) and
// variance V. A zero-mean distribution on {-n .. D} has variance at most
// n*D (all mass on the two endpoints); for the rows n < D with V >= n*D the
// row is that two-point distribution on {-n, D}, whose variance n*D is the
// closest attainable (V within a relative 1e-12 of n*D counts as n*D).
// With the defaults (D = 2, V = 1) every row attains V.
//
// Among all distributions on the support with sum 1, mean 0 and variance
// V the table takes the one with maximum entropy, the least informative
// choice and the approach of the ptable tool for the cell key method
// (Giessing 2016). It has the form p(d) ∝ exp(a·d + b·d²). (a, b) are
// found by nested bisection — the mean is increasing in a for fixed b, and
// the variance at zero mean is increasing in b — to 1e-14 relative
// precision, then polished with Newton steps on (mean, variance). Nested
// bisection always converges, where plain Newton can stall when V is close
// to 0 or to n*D; the Newton polish brings the moments to rounding level.
// A row whose sum, mean or variance misses by more than 1e-13, 1e-12 or
// 1e-10·max(1, V) makes NewTable fail rather than build a wrong table.
// Symmetric rows have a = 0.
//
// The default table (D = 2, V = 1), probability and cell-key interval per
// noise value d (see ExampleTable_Row):
//
//	n = 0:   d =  0: 1
//	n = 1:   a = -0.358878, b = -0.095214
//	         d = -1: 0.398065  [0.000000, 0.398065)
//	         d =  0: 0.305806  [0.398065, 0.703871)
//	         d = +1: 0.194194  [0.703871, 0.898065)
//	         d = +2: 0.101935  [0.898065, 1)
//	n >= 2:  a = 0, b = -0.447940
//	         d = -2: 0.063827  [0.000000, 0.063827)
//	         d = -1: 0.244691  [0.063827, 0.308519)
//	         d =  0: 0.382963  [0.308519, 0.691481)
//	         d = +1: 0.244691  [0.691481, 0.936173)
//	         d = +2: 0.063827  [0.936173, 1)
//
// # Positive counts may be published as 0
//
// The contract requires zeros to stay zero and forbids negative results;
// it permits a positive count to become 0, and this package allows it (the
// support of row n reaches down to -n). Forbidding it would shrink the
// support of row n to {-(n-1) .. D}: row 1 would be {0 .. D}, where mean 0
// forces d = 0, so counts of 1 would never be perturbed, and the rows for
// small n could not reach V. It would also make a shown 0 certify that a
// group is empty. The price: a shown 0 means "at most D cases" (with the
// defaults a true 1 shows as 0 with probability 0.398, a true 2 with
// 0.064). Tables say they are protected, so a 0 is never read as exact.
//
// # Threshold
//
// Protect applies the perturbation and then the threshold K: a perturbed
// count in (0, K) is withheld, 0 is shown as 0. K defaults to 5 and is
// never below 3. Protect fails closed: invalid input gives "withheld".
//
// # Derived figures
//
// Shares and Wilson score intervals (Params.Share, Params.WilsonProtected)
// are computed from protected counts, never from true ones, and are
// withheld when an input is withheld or the protected base group is below
// Params.MinDerivedBase (max(10, 2·K)). Sensitive numerators (relapse
// counts) go through Params.Sensitive first: shown only from K upwards,
// withheld below, true zeros included.
// Because numerator and denominator are perturbed independently a share is
// clamped to [0, 1].
//
// # Confidentiality of the parameters
//
// D and V must not be shown to users. Params and Table print only K
// (String, GoString); Table.Row reveals the table and is meant for audits
// and tests.
//
// # Configuration
//
// LoadConfig reads max_deviation (D), variance (V) and k from an operator
// file; Params.Validate lists what is accepted.
package sdc
