package attack

import (
	"math"
	"strconv"

	"lagebild/datasets/schema"
	"lagebild/queries"
	"lagebild/queries/sdc"
)

// est is an estimate of a record set's true count from published numbers:
// its value, the number of published counts above 0 it sums (each off by
// the table's noise), and how many of the totals it adds and of the parts
// it subtracts were published as 0 (a true 0, or a true 1 or 2 perturbed
// to 0). A route has one total; a partition's sum has one per part.
type est struct {
	v          int64
	terms      int
	zeroTotals int
	zeroParts  int
}

// Zero terms: what a published 0 hides, as the attacker models it: a true
// 0, 1 or 2 with these probabilities (most zeros in these tables are
// true zeros).
var zeroPrior = [3]float64{0.85, 0.12, 0.03}

const (
	zeroMean     = 0.12 + 2*0.03
	zeroVariance = 0.12 + 4*0.03 - zeroMean*zeroMean
)

// mean is the expected true count given the estimate: a zero total hides
// zeroMean more, a zero part zeroMean less.
func (e est) mean() float64 {
	return float64(e.v) + zeroMean*float64(e.zeroTotals-e.zeroParts)
}

func (e est) variance() float64 {
	return max(float64(e.terms)+zeroVariance*float64(e.zeroTotals+e.zeroParts), 0.2)
}

// add sums two estimates (parts of a partition).
func (e est) add(o est) est {
	e.v += o.v
	e.terms += o.terms
	e.zeroTotals += o.zeroTotals
	e.zeroParts += o.zeroParts
	return e
}

// diff is the route total − parts, when every number is published.
func (a *attacker) diff(total sig, parts []sig) (est, bool) {
	t, ok := a.known[total]
	if !ok || !t.shown {
		return est{}, false
	}
	e := est{v: t.v}
	if t.v > 0 {
		e.terms++
	} else {
		e.zeroTotals++
	}
	for _, p := range parts {
		o, ok := a.known[p]
		if !ok || !o.shown {
			return est{}, false
		}
		e.v -= o.v
		if o.v > 0 {
			e.terms++
		} else {
			e.zeroParts++
		}
	}
	return e, true
}

// targetFields are the fields a target cell fixes besides state and year,
// with their codes.
var targetFields = map[string][]string{
	"phen":   schema.Phenomena,
	"risk":   schema.RiskLevels,
	"access": schema.AccessRoutes,
	"age":    schema.AgeBands,
}

// fieldOf points to a field of s by name.
func fieldOf(s *sig, name string) *string {
	switch name {
	case "phen":
		return &s.phen
	case "risk":
		return &s.risk
	case "access":
		return &s.access
	case "age":
		return &s.age
	case "state":
		return &s.state
	}
	panic("attack: no field " + name)
}

// relaxField is the record set s with field relaxed to all, minus its
// other parts.
func (a *attacker) relaxField(s sig, field string, codes []string) (est, bool) {
	t := s
	*fieldOf(&t, field) = ""
	own := *fieldOf(&s, field)
	var parts []sig
	for _, c := range codes {
		if c != own {
			p := s
			*fieldOf(&p, field) = c
			parts = append(parts, p)
		}
	}
	return a.diff(t, parts)
}

// relaxations are the differencing routes to one record set s (a target
// cell of field, possibly within a context): the set with one condition
// relaxed (the state, the target's field, the year to its period or to all
// years), minus its other parts.
var relaxations = []struct {
	name string
	est  func(a *attacker, s sig, field string) (est, bool)
}{
	{"state", func(a *attacker, s sig, _ string) (est, bool) {
		return a.relaxField(s, "state", schema.States)
	}},
	{"field", func(a *attacker, s sig, field string) (est, bool) {
		return a.relaxField(s, field, targetFields[field])
	}},
	{"period", func(a *attacker, s sig, _ string) (est, bool) {
		y, _ := strconv.Atoi(s.years[1:])
		from, to := queries.PeriodOf(y)
		t := s
		t.years = "p" + strconv.Itoa(from)
		return a.diff(t, a.otherYears(s, y, from, to))
	}},
	{"all years", func(a *attacker, s sig, _ string) (est, bool) {
		y, _ := strconv.Atoi(s.years[1:])
		t := s
		t.years = ""
		return a.diff(t, a.otherYears(s, y, a.years[0], a.years[len(a.years)-1]))
	}},
}

// otherYears are s in the store's other years within from..to (years
// without data hold no records and need no part).
func (a *attacker) otherYears(s sig, y, from, to int) []sig {
	var out []sig
	for _, o := range a.years {
		if o != y && o >= from && o <= to {
			p := s
			p.years = "y" + strconv.Itoa(o)
			out = append(out, p)
		}
	}
	return out
}

// partEstimates are the estimates of one part of a target: its own
// published number (for a part within a context) and every relaxation.
func (a *attacker) partEstimates(s sig, field string, withDirect bool) []est {
	var out []est
	if o, ok := a.known[s]; withDirect && ok && o.shown {
		e := est{v: o.v, terms: 1}
		if o.v == 0 {
			e = est{zeroTotals: 1}
		}
		out = append(out, e)
	}
	for _, r := range relaxations {
		if e, ok := r.est(a, s, field); ok {
			out = append(out, e)
		}
	}
	return out
}

// routeSet is what the attacker knows about one target: the published
// number of the target itself, and per partition the estimates of every
// part (nil when a part has none, which breaks the partition).
type routeSet struct {
	direct     obs
	haveDirect bool
	partitions [][][]est
}

func (a *attacker) routes(target sig, field string) routeSet {
	rs := routeSet{}
	rs.direct, rs.haveDirect = a.known[target]
	for _, p := range partitions {
		if p[0].field == field {
			continue // a partition by the target's own field
		}
		var parts [][]est
		for _, c := range p {
			es := a.partEstimates(c.apply(target), field, c.field != "")
			if len(es) == 0 {
				parts = nil
				break
			}
			parts = append(parts, es)
		}
		if parts != nil {
			rs.partitions = append(rs.partitions, parts)
		}
	}
	return rs
}

// count is the number of distinct routes: per partition, every choice of
// one estimate per part.
func (rs routeSet) count() int {
	n := 0
	for _, parts := range rs.partitions {
		c := 1
		for _, es := range parts {
			c *= len(es)
			if c > 1_000_000 {
				break
			}
		}
		n += c
	}
	return n
}

// meanEstimate combines every estimate by inverse variance: per part the
// weighted mean of its estimates, per partition the sum of its parts, over
// partitions the weighted mean. Without routes it guesses fallback; a
// withheld target is at least 1.
func (rs routeSet) meanEstimate(fallback int64) int64 {
	var wsum, vsum float64
	for _, parts := range rs.partitions {
		var total, variance float64
		for _, es := range parts {
			var w, m float64
			for _, e := range es {
				w += 1 / e.variance()
				m += e.mean() / e.variance()
			}
			total += m / w
			variance += 1 / w
		}
		wsum += 1 / variance
		vsum += total / variance
	}
	if wsum == 0 {
		return fallback
	}
	g := int64(math.Round(vsum / wsum))
	if rs.haveDirect && !rs.direct.shown {
		g = max(g, 1)
	}
	return max(g, 0)
}

// mlEstimate is the maximum-likelihood count over 0..maxCount: the
// likelihood of the target's own published number (or of its being
// withheld) from the perturbation table, times that of every pure route
// (one relaxation for every part of a partition) from the exact
// distribution of a sum of noises, routes taken as independent. It returns
// the estimate and its posterior probability under a flat prior.
func (rs routeSet) mlEstimate(pt *sdc.Table, k int, fallback int64) (int64, float64) {
	const maxCount = 20
	logl := make([]float64, maxCount+1)
	for n := range logl {
		if rs.haveDirect {
			logl[n] = math.Log(max(directLikelihood(pt, int64(n), rs.direct, k), 1e-300))
		}
	}
	routes := 0
	for _, parts := range rs.partitions {
		for r := range len(relaxations) + 1 {
			// r indexes the estimates of each part in order; pure routes
			// take the same position in every part when the parts have it.
			var sum est
			ok := true
			for _, es := range parts {
				if r >= len(es) {
					ok = false
					break
				}
				sum = sum.add(es[r])
			}
			if !ok {
				continue
			}
			routes++
			dist, lo := routeError(pt, sum)
			for n := range logl {
				// n = sum.v + error
				i := n - int(sum.v) - lo
				p := 1e-300
				if i >= 0 && i < len(dist) {
					p = max(dist[i], 1e-300)
				}
				logl[n] += math.Log(p)
			}
		}
	}
	if routes == 0 && !rs.haveDirect {
		return fallback, 0
	}
	best := 0
	for n := range logl {
		if logl[n] > logl[best] {
			best = n
		}
	}
	var z float64
	for n := range logl {
		z += math.Exp(logl[n] - logl[best])
	}
	return int64(best), 1 / z
}

// directLikelihood is the probability of what the target itself
// published, given its true count n.
func directLikelihood(pt *sdc.Table, n int64, o obs, k int) float64 {
	var p float64
	for _, out := range pt.Row(n) {
		pub := n + int64(out.Noise)
		switch {
		case o.shown && pub == o.v:
			p += out.P
		case !o.shown && pub > 0 && pub < int64(k):
			p += out.P
		}
	}
	if n == 0 {
		// zeros stay zero
		if o.shown && o.v == 0 {
			return 1
		}
		return 0
	}
	return p
}

// routeError is the distribution of the true count minus a route's
// value: the symmetric noises of its published counts, plus what a zero
// total hides, minus what its zero parts hide. It returns the
// probabilities and the error of index 0.
func routeError(pt *sdc.Table, e est) ([]float64, int) {
	dist := sumNoise(pt, e.terms)
	lo := -(len(dist) / 2)
	conv := func(sign int) {
		next := make([]float64, len(dist)+2)
		base := 0
		if sign < 0 {
			base = 2
			lo -= 2
		}
		for i, p := range dist {
			for z, q := range zeroPrior {
				next[i+base+sign*z] += p * q
			}
		}
		dist = next
	}
	for range e.zeroTotals {
		conv(1)
	}
	for range e.zeroParts {
		conv(-1)
	}
	return dist, lo
}

var noiseCache = map[int][]float64{}

// sumNoise is the distribution of the sum of m noises of the table's row
// for large counts, as a centred slice: index i is the sum i − m·D.
func sumNoise(pt *sdc.Table, m int) []float64 {
	if d, ok := noiseCache[m]; ok {
		return d
	}
	row := pt.Row(1000)
	lo := row[0].Noise
	single := make([]float64, 2*(-lo)+1)
	for _, o := range row {
		single[o.Noise-lo] = o.P
	}
	dist := []float64{1}
	for range m {
		next := make([]float64, len(dist)+len(single)-1)
		for i, p := range dist {
			for j, q := range single {
				next[i+j] += p * q
			}
		}
		dist = next
	}
	noiseCache[m] = dist
	return dist
}
