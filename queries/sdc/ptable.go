package sdc

import (
	"errors"
	"fmt"
	"math"
)

// Table is a perturbation table of the cell key method: for every true
// count n it holds a probability distribution of the noise d, and a cell key
// in [0, 1) selects one d through the cumulative distribution. It is
// immutable after NewTable and safe for concurrent use.
//
// Row n (1 <= n < D) has support {-n .. D}, row D (used for every n >= D)
// has {-D .. D}, and row 0 is d = 0. Each row has mean 0 and variance V,
// or, where V >= n*D (the largest variance a zero-mean distribution on
// {-n .. D} can have), variance n*D via the two-point distribution on
// {-n, D}. See the package documentation for the construction.
type Table struct {
	p    Params
	rows []row // rows[n] for n = 0 .. D
}

// row is the noise distribution for one true count.
type row struct {
	lo   int       // smallest noise value of the support
	prob []float64 // prob[i] = P(d = lo+i)
	cum  []float64 // cum[i] = P(d <= lo+i); the last entry is exactly 1
}

// Outcome is one entry of a row of the perturbation table.
type Outcome struct {
	// Noise is the value d added to the true count.
	Noise int
	// P is the probability of Noise.
	P float64
	// Lo and Hi delimit the cell keys selecting Noise: Lo <= key < Hi.
	Lo, Hi float64
}

// NewTable validates p and builds its perturbation table.
func NewTable(p Params) (*Table, error) {
	if err := p.Validate(); err != nil {
		return nil, err
	}
	t := &Table{p: p, rows: make([]row, p.D+1)}
	t.rows[0] = row{lo: 0, prob: []float64{1}, cum: []float64{1}}
	for n := 1; n <= p.D; n++ {
		prob, err := solveRow(-n, p.D, p.V)
		if err != nil {
			return nil, fmt.Errorf("perturbation table row %d: %w", n, err)
		}
		r := row{lo: -n, prob: prob, cum: make([]float64, len(prob))}
		// Rounding can push a partial sum a hair above 1; clamping keeps
		// the boundaries non-decreasing with the last one exactly 1.
		s := 0.0
		for i, q := range prob {
			s += q
			r.cum[i] = math.Min(s, 1)
		}
		r.cum[len(r.cum)-1] = 1
		if err := r.check(p.D, rowVariance(n, p)); err != nil {
			return nil, fmt.Errorf("perturbation table row %d: %w", n, err)
		}
		t.rows[n] = r
	}
	return t, nil
}

// rowVariance is the variance of row n: V where attainable, else n*D.
func rowVariance(n int, p Params) float64 {
	if n <= 0 {
		return 0
	}
	m := min(n, p.D)
	return math.Min(p.V, float64(m)*float64(p.D))
}

// check verifies a solved row; a failure means the solver did not converge
// and the table must not be used.
func (r *row) check(d int, variance float64) error {
	var sum, mean, sq float64
	for i, q := range r.prob {
		if !(q >= 0) {
			return fmt.Errorf("negative or NaN probability %v", q)
		}
		x := float64(r.lo + i)
		sum += q
		mean += q * x
		sq += q * x * x
	}
	if r.lo+len(r.prob)-1 != d {
		return errors.New("support does not end at the maximum deviation")
	}
	if math.Abs(sum-1) > 1e-13 || math.Abs(mean) > 1e-12 ||
		math.Abs(sq-mean*mean-variance) > 1e-10*math.Max(1, variance) {
		return fmt.Errorf("solver did not converge (sum %v, mean %v, variance %v, want %v)",
			sum, mean, sq-mean*mean, variance)
	}
	return nil
}

// Params returns the parameters the table was built with.
func (t *Table) Params() Params { return t.p }

// String describes the table without revealing D or V.
func (t *Table) String() string { return "perturbation table (" + t.p.String() + ")" }

// GoString is like String so that %#v does not reveal D or V either.
func (t *Table) GoString() string { return "&sdc.Table{" + t.p.GoString() + "}" }

// row returns the distribution used for true count n >= 0.
func (t *Table) row(n int64) *row {
	if n > int64(t.p.D) {
		n = int64(t.p.D)
	}
	return &t.rows[n]
}

// Row returns the noise distribution used for true count n (rows n >= D
// are all equal), outcomes ordered by Noise ascending, with the cell-key
// interval that selects each one. Outcomes with probability 0 have an empty
// interval. It is meant for documentation, audits and tests; it reveals D,
// so it must not be shown to users. It panics if n < 0.
func (t *Table) Row(n int64) []Outcome {
	if n < 0 {
		panic("sdc: negative count")
	}
	r := t.row(n)
	out := make([]Outcome, len(r.prob))
	lo := 0.0
	for i, q := range r.prob {
		out[i] = Outcome{Noise: r.lo + i, P: q, Lo: lo, Hi: r.cum[i]}
		lo = r.cum[i]
	}
	return out
}

// maxCount is the largest true count the table accepts, so that n + d
// cannot overflow.
const maxCount = math.MaxInt64 - MaxDeviationLimit

// validKey reports whether k is a cell key: a number in [0, 1).
func validKey(k float64) bool { return k >= 0 && k < 1 }

// CellKey converts the numerator of a cell key, (SUM(rkey) mod 2^32), to
// the cell key numerator / 2^32 in [0, 1). The conversion is exact, so
// the float64 and uint32 methods of Table agree.
func CellKey(numerator uint32) float64 { return float64(numerator) / (1 << 32) }

// Noise returns the noise d for true count n and cell key cellKey: the d
// whose interval [P(noise < d), P(noise <= d)) of the cumulative
// distribution of row n contains cellKey, intervals ordered by d ascending. The result is
// a fixed function of (n, cellKey). n = 0 always gives 0, and n + d >= 0.
//
// Noise panics if n < 0, n is within MaxDeviationLimit of MaxInt64, or
// cellKey is not in [0, 1) (including NaN); Protect fails closed instead.
func (t *Table) Noise(n int64, cellKey float64) int {
	if n < 0 || n > maxCount {
		panic(fmt.Sprintf("sdc: count %d out of range", n))
	}
	if !validKey(cellKey) {
		panic(fmt.Sprintf("sdc: cell key %v not in [0, 1)", cellKey))
	}
	r := t.row(n)
	for i, c := range r.cum {
		if cellKey < c {
			return r.lo + i
		}
	}
	return r.lo + len(r.cum) - 1 // unreachable: the last cum is 1 > cellKey
}

// NoiseU32 is Noise with the cell key given by its numerator; see CellKey.
func (t *Table) NoiseU32(n int64, key uint32) int { return t.Noise(n, CellKey(key)) }

// Published returns the perturbed count n + Noise(n, cellKey), before the
// threshold. It panics like Noise. Use Protect for anything a user sees.
func (t *Table) Published(n int64, cellKey float64) int64 {
	return n + int64(t.Noise(n, cellKey))
}

// PublishedU32 is Published with the cell key given by its numerator.
func (t *Table) PublishedU32(n int64, key uint32) int64 { return t.Published(n, CellKey(key)) }

// Protect returns the figure a user may see for true count n with cell key
// cellKey: the perturbed count, withheld if it lies in (0, K). A perturbed
// 0 is shown as 0. A withheld result has value 0, which must not be
// displayed or drawn as a number; callers check withheld.
//
// Protect fails closed: for n < 0, n out of range or a cell key outside
// [0, 1) it reports withheld instead of panicking.
func (t *Table) Protect(n int64, cellKey float64) (value int64, withheld bool) {
	if n < 0 || n > maxCount || !validKey(cellKey) {
		return 0, true
	}
	pub := t.Published(n, cellKey)
	if pub > 0 && pub < int64(t.p.K) {
		return 0, true
	}
	return pub, false
}

// ProtectU32 is Protect with the cell key given by its numerator.
func (t *Table) ProtectU32(n int64, key uint32) (value int64, withheld bool) {
	return t.Protect(n, CellKey(key))
}

// ProtectCount is Protect returning a Protected, the input of the derived
// figures (Params.Share, Params.WilsonProtected).
func (t *Table) ProtectCount(n int64, cellKey float64) Protected {
	v, w := t.Protect(n, cellKey)
	return Protected{Value: v, Withheld: w}
}

// solveRow returns the maximum-entropy distribution on {lo .. hi} (lo < 0 <
// hi) with mean 0 and variance v, or, if v is not below the largest
// attainable variance -lo*hi, the two-point distribution on {lo, hi} that
// attains it.
func solveRow(lo, hi int, v float64) ([]float64, error) {
	size := hi - lo + 1
	p := make([]float64, size)
	maxVar := float64(-lo) * float64(hi)
	if v >= maxVar*(1-1e-12) {
		// Mean 0 and variance -lo*hi force all mass onto the endpoints:
		// p(lo) = hi/(hi-lo), p(hi) = -lo/(hi-lo).
		p[0] = float64(hi) / float64(hi-lo)
		p[size-1] = float64(-lo) / float64(hi-lo)
		return p, nil
	}
	s := solver{lo: lo, hi: hi, v: v, w: p}
	var a, b float64
	var ok bool
	if -lo == hi {
		// Symmetric support: the solution is symmetric, so a = 0.
		b, ok = bisect(func(b float64) float64 { return s.moments(0, b).m2 - v })
		if ok {
			b = s.polishSymmetric(b)
		}
	} else {
		b, ok = bisect(func(b float64) float64 {
			a, ok := s.zeroMean(b)
			if !ok {
				return math.NaN()
			}
			return s.moments(a, b).m2 - v
		})
		if ok {
			a, ok = s.zeroMean(b)
		}
		if ok {
			a, b = s.polish(a, b)
		}
	}
	if !ok {
		return nil, errors.New("no solution for the maximum-entropy parameters")
	}
	s.weights(a, b)
	if -lo == hi {
		// Make the symmetry, and with it the zero mean, exact.
		for i := 0; i < size/2; i++ {
			m := (p[i] + p[size-1-i]) / 2
			p[i], p[size-1-i] = m, m
		}
	}
	sum := 0.0
	for _, q := range p {
		sum += q
	}
	for i := range p {
		p[i] /= sum
	}
	return p, nil
}

// solver evaluates the exponential family p(d) ∝ exp(a·d + b·d²) on
// {lo .. hi}; w is scratch space for the probabilities.
type solver struct {
	lo, hi int
	v      float64
	w      []float64
}

// moments of d under the family: m1 = E d, ..., m4 = E d⁴.
type moments struct{ m1, m2, m3, m4 float64 }

// weights fills s.w with the normalised probabilities for (a, b), using
// the log-sum-exp shift so that large |a|, |b| do not overflow.
func (s *solver) weights(a, b float64) {
	m := math.Inf(-1)
	for i := range s.w {
		d := float64(s.lo + i)
		e := a*d + b*d*d
		s.w[i] = e
		m = math.Max(m, e)
	}
	sum := 0.0
	for i, e := range s.w {
		s.w[i] = math.Exp(e - m)
		sum += s.w[i]
	}
	for i := range s.w {
		s.w[i] /= sum
	}
}

func (s *solver) moments(a, b float64) moments {
	s.weights(a, b)
	var r moments
	for i, q := range s.w {
		d := float64(s.lo + i)
		r.m1 += q * d
		r.m2 += q * d * d
		r.m3 += q * d * d * d
		r.m4 += q * d * d * d * d
	}
	return r
}

// zeroMean returns the a for which the mean is 0 at the given b; the mean
// is strictly increasing in a (its derivative is the variance).
func (s *solver) zeroMean(b float64) (float64, bool) {
	return bisect(func(a float64) float64 { return s.moments(a, b).m1 })
}

// polish refines (a, b) with Newton steps on (mean, variance - v); the
// Jacobian is the covariance matrix of (d, d²). A step is kept only if it
// reduces the residual, so polishing never makes the bisection result
// worse.
func (s *solver) polish(a, b float64) (float64, float64) {
	// Residual in units of the noise scale, so that the mean (order √V)
	// and the variance (order V) weigh alike.
	sd := math.Sqrt(s.v)
	res := func(m moments) float64 { return math.Abs(m.m1)/sd + math.Abs(m.m2-s.v)/s.v }
	m := s.moments(a, b)
	for range 8 {
		c11 := m.m2 - m.m1*m.m1
		c12 := m.m3 - m.m1*m.m2
		c22 := m.m4 - m.m2*m.m2
		det := c11*c22 - c12*c12
		if !(det > 0) {
			break
		}
		r1, r2 := m.m1, m.m2-s.v
		na := a - (c22*r1-c12*r2)/det
		nb := b - (c11*r2-c12*r1)/det
		nm := s.moments(na, nb)
		if !(res(nm) < res(m)) {
			break
		}
		a, b, m = na, nb, nm
	}
	return a, b
}

// polishSymmetric is polish for a symmetric support, where a = 0 and the
// derivative of the variance in b is Var(d²).
func (s *solver) polishSymmetric(b float64) float64 {
	m := s.moments(0, b)
	for range 8 {
		deriv := m.m4 - m.m2*m.m2
		if !(deriv > 0) {
			break
		}
		nb := b - (m.m2-s.v)/deriv
		nm := s.moments(0, nb)
		if !(math.Abs(nm.m2-s.v) < math.Abs(m.m2-s.v)) {
			break
		}
		b, m = nb, nm
	}
	return b
}

// bisect finds a root of the increasing function f: it brackets the root
// by doubling from [-1, 1] and bisects until the bracket is 1e-14 wide
// relative to the root (or cannot be split further in float64). It
// reports false if no bracket is found or f returns NaN.
func bisect(f func(float64) float64) (float64, bool) {
	lo, hi := -1.0, 1.0
	flo, fhi := f(lo), f(hi)
	for i := 0; flo > 0; i++ {
		if i == 200 {
			return 0, false
		}
		hi, fhi = lo, flo
		lo *= 2
		flo = f(lo)
	}
	for i := 0; fhi < 0; i++ {
		if i == 200 {
			return 0, false
		}
		lo, flo = hi, fhi
		hi *= 2
		fhi = f(hi)
	}
	if math.IsNaN(flo) || math.IsNaN(fhi) {
		return 0, false
	}
	if flo == 0 {
		return lo, true
	}
	if fhi == 0 {
		return hi, true
	}
	for range 400 {
		mid := lo + (hi-lo)/2
		if mid <= lo || mid >= hi || hi-lo <= 1e-14*math.Max(1, math.Abs(mid)) {
			break
		}
		fm := f(mid)
		switch {
		case math.IsNaN(fm):
			return 0, false
		case fm == 0:
			return mid, true
		case fm < 0:
			lo = mid
		default:
			hi = mid
		}
	}
	return lo + (hi-lo)/2, true
}
