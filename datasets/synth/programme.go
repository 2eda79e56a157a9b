package synth

import "math"

// The programme figures of the background paper (policy paper on
// distancing work, section on multi-agency cooperation): from 2014 to 2024
// Violence Prevention Network counselled 408 cases with a danger context,
// 69 of them high-risk persons and 61 returnees from war zones; two
// relapses are documented, both extremist or violent offences, none among
// the returnees. Provider T07 mirrors them; the yearly split below is
// synthetic (the paper gives totals only).
const (
	programmeFirstYear = 2014
	programmeLastYear  = 2024
	// ProgrammeFullScaleCases is the number of cases from which on the
	// programme figures are reproduced exactly; below it they are scaled
	// by Cases/ProgrammeFullScaleCases.
	ProgrammeFullScaleCases = 5000
)

// The yearly split of 2014–2024. The justice strand (see justice.go)
// overlaps the programme: programmeJustice of the programme's cases (of
// them programmeJusticeHigh high-risk) are young people in the justice
// context, counted in both.
var (
	programmeCases     = [...]int{10, 30, 50, 55, 50, 45, 35, 35, 33, 33, 32} // Σ 408
	programmeHighRisk  = [...]int{2, 5, 8, 9, 8, 7, 6, 6, 6, 6, 6}            // Σ 69
	programmeReturnees = [...]int{1, 3, 6, 8, 8, 8, 7, 8, 7, 4, 1}            // Σ 61
	programmeRelapses  = [...]int{0, 0, 1, 0, 0, 1, 0, 0, 0, 0, 0}            // Σ 2

	programmeJustice     = [...]int{1, 3, 5, 6, 5, 4, 3, 3, 3, 4, 3} // Σ 40
	programmeJusticeHigh = [...]int{1, 1, 3, 3, 2, 2, 1, 2, 1, 2, 2} // Σ 20
)

// ProgrammeFigures are the counts of the programme provider's (T07)
// Islamist cases with risk_level danger_context or high_risk and intake in
// 2014–2024 that a Config's output holds.
type ProgrammeFigures struct {
	// Cases is the number of such cases (408 at full scale).
	Cases int
	// HighRisk of them have risk_level high_risk (69).
	HighRisk int
	// Returnees of them have returnee=true (61).
	Returnees int
	// Relapses of them have relapse extremist_offence or violent_offence
	// (2), none of them a returnee.
	Relapses int
}

// quota is the programme provider's exact share of one intake year: the
// programme's cases outside the justice strand (po, of them poHigh
// high-risk, returnees and relapses), its cases inside it (pj, pjHigh) and
// the justice strand's cases outside the programme (jo, joHigh).
type quota struct {
	po, poHigh, returnees, relapses int
	pj, pjHigh                      int
	jo, joHigh                      int
}

// total is the number of the year's cases the quota fixes.
func (q quota) total() int { return q.po + q.pj + q.jo }

// T07Figures returns the programme figures that Write produces for cfg:
// the paper's 408/69/61/2 when cfg.Cases ≥ ProgrammeFullScaleCases and the
// year range covers 2014–2024. Fewer cases scale all four by
// Cases/ProgrammeFullScaleCases (rounded); a narrower year range keeps only
// the in-range years of the yearly split.
func T07Figures(cfg Config) ProgrammeFigures {
	var f ProgrammeFigures
	for _, q := range paperQuotas(cfg) {
		f.Cases += q.po + q.pj
		f.HighRisk += q.poHigh + q.pjHigh
		f.Returnees += q.returnees
		f.Relapses += q.relapses
	}
	return f
}

// paperQuotas returns the quotas of cfg's years within 2014–2024, the
// period of the paper's figures (none for an invalid cfg).
func paperQuotas(cfg Config) []quota {
	cfg = cfg.withDefaults()
	if cfg.Validate() != nil {
		return nil
	}
	var out []quota
	for i, q := range programmeQuotas(cfg, yearCounts(cfg)) {
		if y := cfg.FromYear + i; y >= programmeFirstYear && y <= programmeLastYear {
			out = append(out, q)
		}
	}
	return out
}

// programmeQuotas returns the programme provider's quota of each year of
// cfg's range (index year-FromYear), given the year's case counts. Years
// after 2024 continue the programme and the justice strand at the level of
// 2024 (without relapses), so that neither ends in the last year of the
// data and leaves a cliff; years before 2014 have none.
func programmeQuotas(cfg Config, years []int) []quota {
	n := len(programmeCases)
	scale := min(1, float64(cfg.Cases)/ProgrammeFullScaleCases)
	sub := func(a, b []int) []int {
		out := make([]int, len(a))
		for i := range a {
			out[i] = a[i] - b[i]
		}
		return out
	}
	cases := scaled(programmeCases[:], scale, nil)
	pj := scaled(programmeJustice[:], scale, cases)
	pjHigh := scaled(programmeJusticeHigh[:], scale, pj)
	po := sub(cases, pj)
	poHigh := scaled(sub(programmeHighRisk[:], programmeJusticeHigh[:]), scale, po)
	ret := scaled(programmeReturnees[:], scale, po)
	rel := scaled(programmeRelapses[:], scale, sub(po, ret))
	jo := scaled(sub(justiceCases[:], programmeJustice[:]), scale, nil)
	joHigh := scaled(sub(justiceHighRisk[:], programmeJusticeHigh[:]), scale, jo)

	out := make([]quota, len(years))
	for yi, total := range years {
		y := cfg.FromYear + yi
		if y < programmeFirstYear {
			continue
		}
		i := min(y-programmeFirstYear, n-1)
		q := quota{po[i], poHigh[i], ret[i], rel[i], pj[i], pjHigh[i], jo[i], joHigh[i]}
		if y > programmeLastYear {
			q.relapses = 0
		}
		out[yi] = q.fit(total)
	}
	return out
}

// fit returns q cut to a year of total cases (only in degenerate
// configurations does a year have fewer cases than its quota): the
// programme first, then the justice strand.
func (q quota) fit(total int) quota {
	q.po = min(q.po, total)
	q.poHigh = min(q.poHigh, q.po)
	q.returnees = min(q.returnees, q.po)
	q.relapses = min(q.relapses, q.po-q.returnees)
	q.pj = min(q.pj, total-q.po)
	q.pjHigh = min(q.pjHigh, q.pj)
	q.jo = min(q.jo, total-q.po-q.pj)
	q.joHigh = min(q.joHigh, q.jo)
	return q
}

// scaled scales the yearly counts by s: the total is round(s·Σcounts),
// split over the years in proportion to counts by largest remainder,
// no year above its cap (nil: no cap). s = 1 returns counts unchanged.
func scaled(counts []int, s float64, caps []int) []int {
	out := make([]int, len(counts))
	sum := 0
	for _, c := range counts {
		sum += c
	}
	total := int(math.Round(s * float64(sum)))
	if caps != nil {
		room := 0
		for _, c := range caps {
			room += c
		}
		total = min(total, room)
	}
	ideal := make([]float64, len(counts))
	for i, c := range counts {
		ideal[i] = float64(total) * float64(c) / float64(sum)
	}
	for given := 0; given < total; given++ {
		best := -1
		for i := range out {
			if caps != nil && out[i] >= caps[i] {
				continue
			}
			if best < 0 || ideal[i]-float64(out[i]) > ideal[best]-float64(out[best]) {
				best = i
			}
		}
		out[best]++
	}
	return out
}

// yearCounts splits cfg.Cases over the years of its range in proportion to
// yearWeight, by largest remainder.
func yearCounts(cfg Config) []int {
	w := make([]float64, cfg.ToYear-cfg.FromYear+1)
	for i := range w {
		w[i] = yearWeight(cfg.FromYear + i)
	}
	return apportion(cfg.Cases, w)
}

// apportion splits total in proportion to weights by largest remainder
// (ties to the lower index). Zero weights get nothing unless all are zero.
func apportion(total int, weights []float64) []int {
	out := make([]int, len(weights))
	sum := 0.0
	for _, w := range weights {
		sum += w
	}
	if sum <= 0 || total <= 0 {
		return out
	}
	type rem struct {
		i int
		r float64
	}
	rems := make([]rem, len(weights))
	given := 0
	for i, w := range weights {
		x := float64(total) * w / sum
		out[i] = int(x)
		given += out[i]
		rems[i] = rem{i, x - float64(out[i])}
	}
	// Stable selection of the largest remainders; few weights, so a
	// simple repeated scan is enough.
	for ; given < total; given++ {
		best := -1
		for j, r := range rems {
			if weights[r.i] > 0 && (best < 0 || r.r > rems[best].r) {
				best = j
			}
		}
		out[rems[best].i]++
		rems[best].r = -1
	}
	return out
}
