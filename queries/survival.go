package queries

import (
	"context"
	"fmt"
	"strconv"
	"time"
)

// Time in counselling as a distribution that includes open cases: a
// Kaplan–Meier estimate of the months from intake to closure, open cases
// censored at the reference month (ReferenceMonth). A median over closed
// cases alone (median_duration_by_outcome) leaves the long cases that are
// still open out and so understates how long counselling takes.
//
// Protection (docs/privacy.md, "Time in counselling"): time is coarsened to
// quarters; per stratum every quarter's closures (events) and censored cases
// are protected cells of their own, a withheld cell counting as k/2 as in
// the protected median. The number at risk at the start of a quarter is
// the sum of the published events and censored cases of that quarter and
// every later one, so the curve is a function of published counts only. A
// stratum is estimated only when its protected number of cases reaches
// sdc.Params.MinDerivedBase, and its curve is cut where the number at risk
// falls below it: the tail of a few long cases is withheld.

// Names of the duration tables.
const (
	QDurationSurvival  = "duration_survival"
	QDurationQuartiles = "duration_quartiles"
)

// Columns of the duration quartiles table.
const (
	ColOpen       = "open"
	ColQ1Months   = "q1_months"
	ColQ3Months   = "q3_months"
	ColOver24     = "over_24_months"
	StratumAll    = All
	monthsPerStep = 3 // the curve's time grain: quarters
	// over24Quarter is the last quarter before 24 months: the estimate
	// after it is the share of cases still in counselling at 24 months.
	over24Quarter = 24/monthsPerStep - 1
)

// NoteMonitoringNotEffect is carried by every table that compares groups
// (providers, risk levels, phenomena): the differences describe the cases
// each group had, not what the counselling did.
const NoteMonitoringNotEffect = "monitoring, not an effect: groups differ in the cases they take on"

// NoteSurvivalCensored says how the duration estimate treats open cases.
const NoteSurvivalCensored = "Kaplan-Meier estimate by quarter: open cases count until the reference month; a curve ends where fewer than the minimum base remain"

// survivalStrata are the dimensions the duration quartiles and the
// curves are split by, beside all cases (survival.sql selects their
// columns in this order).
var survivalStrata = []Dimension{DimRiskLevel, DimMultiAgency, DimPhenomenon, DimCaseType}

func init() {
	addQuery(QDurationSurvival, "Cases still in counselling by months since intake (Kaplan-Meier, open cases censored)", durationSurvival)
	addQuery(QDurationQuartiles, "Time in counselling: quartiles and share over 24 months (Kaplan-Meier)", durationQuartiles)
}

// ReferenceMonth is the latest intake or closing month in the store: open
// cases are censored there, and cohorts are aged relative to it. It does
// not depend on the filter and the store does not change while open, so
// it is found once (a failed try is retried by the next call) and kept
// outside the result cache.
func (s *Store) ReferenceMonth(ctx context.Context) (time.Time, error) {
	s.refMu.Lock()
	defer s.refMu.Unlock()
	if s.ref != nil {
		return *s.ref, nil
	}
	var t *time.Time
	if err := s.queryRow(ctx, sqlText("reference_month", nil)).Scan(&t); err != nil {
		return time.Time{}, fmt.Errorf("reference month: %w", err)
	}
	if t == nil {
		t = &time.Time{}
	}
	s.ref = t
	return *t, nil
}

// survivalParams are the values survival.sql binds besides the filter's.
func survivalParams(ctx context.Context, s *Store) (map[string]any, error) {
	ref, err := s.ReferenceMonth(ctx)
	if err != nil {
		return nil, err
	}
	return map[string]any{"ref_month": ref}, nil
}

// kmBins are the exact counts of one stratum by quarter.
type kmBins struct {
	events, censored map[int]exactCell
	cases, open      exactCell
	last             int // the last quarter with a case
}

func newKMBins() *kmBins {
	return &kmBins{events: map[int]exactCell{}, censored: map[int]exactCell{}}
}

// survivalBins counts the filtered cases by stratum ("all", "dim:code"),
// event or censored, and quarter.
func (s *Store) survivalBins(ctx context.Context, f Filter) (map[string]*kmBins, error) {
	if err := f.Validate(); err != nil {
		return nil, err
	}
	params, err := survivalParams(ctx, s)
	if err != nil {
		return nil, err
	}
	q, _ := s.caseQueryOf("survival", f, yearIntake, baseAll, params)
	type row struct {
		keys    [4]string
		event   bool
		quarter int
		c       exactCell
	}
	rows, err := cached(s, ctx, q, func() ([]row, error) {
		rs, err := s.query(ctx, q.text, q.args...)
		if err != nil {
			return nil, fmt.Errorf("time in counselling: %w", err)
		}
		defer rs.Close()
		var out []row
		for rs.Next() {
			var r row
			var keys [4]any
			if err := rs.Scan(&keys[0], &keys[1], &keys[2], &keys[3], &r.event, &r.quarter, &r.c.n, &r.c.ck); err != nil {
				return nil, err
			}
			for i, d := range survivalStrata {
				r.keys[i] = d.code(keys[i])
			}
			out = append(out, r)
		}
		if err := rs.Err(); err != nil {
			return nil, fmt.Errorf("time in counselling: %w", err)
		}
		return out, nil
	})
	if err != nil {
		return nil, err
	}
	out := map[string]*kmBins{}
	add := func(stratum string, r row) {
		b := out[stratum]
		if b == nil {
			b = newKMBins()
			out[stratum] = b
		}
		b.cases = sumCells(b.cases, r.c)
		if r.event {
			b.events[r.quarter] = sumCells(b.events[r.quarter], r.c)
		} else {
			b.censored[r.quarter] = sumCells(b.censored[r.quarter], r.c)
			b.open = sumCells(b.open, r.c)
		}
		b.last = max(b.last, r.quarter)
	}
	for _, r := range rows {
		add(StratumAll, r)
		for i, d := range survivalStrata {
			if r.keys[i] != NotStated {
				add(d.Name+":"+r.keys[i], r)
			}
		}
	}
	return out, nil
}

// survivalStrataRows are the strata in table order: all cases, then each
// stratum dimension's codes.
func survivalStrataRows() []string {
	out := []string{StratumAll}
	for _, d := range survivalStrata {
		for _, c := range d.codes {
			if c != NotStated {
				out = append(out, d.Name+":"+c)
			}
		}
	}
	return out
}

// kmCurve is a protected Kaplan–Meier estimate: surv[j] is the estimated
// share of cases still in counselling after quarter j (at 3(j+1) months);
// only the first published quarters may be shown.
type kmCurve struct {
	surv, atRisk []float64
	published    int
}

// kaplanMeier is the Kaplan–Meier estimate over discrete times 0, 1, …:
// events[j] cases end at time j, censored[j] are last seen at time j. A
// case censored at j is at risk at j (events come first at a tie). The
// number at risk at j is the sum of events and censored from j on, and
// S(j) = Π_{i ≤ j} (1 − events[i] / atRisk[i]). Weights may be fractional
// (a withheld cell weighs k/2).
func kaplanMeier(events, censored []float64) (surv, atRisk []float64) {
	n := len(events)
	surv, atRisk = make([]float64, n), make([]float64, n)
	var remaining float64
	for j := n - 1; j >= 0; j-- {
		remaining += events[j] + censored[j]
		atRisk[j] = remaining
	}
	s := 1.0
	for j := range n {
		if atRisk[j] > 0 {
			s *= 1 - events[j]/atRisk[j]
		}
		surv[j] = s
	}
	return surv, atRisk
}

// binWeight is the weight of a protected quarter cell: its published
// value, k/2 when withheld.
func (s *Store) binWeight(c exactCell) float64 {
	p := s.protected(c)
	if p.Withheld {
		return float64(s.params.K) / 2
	}
	return float64(p.Value)
}

// protectedKM estimates a stratum's curve from its protected quarter
// cells; ok is false when the stratum's protected number of cases is
// withheld or below the minimum base.
func (s *Store) protectedKM(b *kmBins) (kmCurve, bool) {
	if b == nil {
		return kmCurve{}, false
	}
	base := s.protected(b.cases)
	if base.Withheld || base.Value < s.params.MinDerivedBase() {
		return kmCurve{}, false
	}
	n := max(b.last+1, over24Quarter+1)
	ev, ce := make([]float64, n), make([]float64, n)
	for j := range n {
		if c, ok := b.events[j]; ok {
			ev[j] = s.binWeight(c)
		}
		if c, ok := b.censored[j]; ok {
			ce[j] = s.binWeight(c)
		}
	}
	surv, atRisk := kaplanMeier(ev, ce)
	k := kmCurve{surv: surv, atRisk: atRisk}
	for k.published < n && atRisk[k.published] >= float64(s.params.MinDerivedBase()) {
		k.published++
	}
	return k, true
}

// quantileMonths is the time in months by which the share 1−p of the
// cases has closed: the end of the first published quarter whose estimate
// is at most p; withheld when the published curve does not get there.
func (k kmCurve) quantileMonths(p float64) Value {
	for j := range k.published {
		if k.surv[j] <= p+1e-12 {
			return shown(float64(monthsPerStep * (j + 1)))
		}
	}
	return withheld()
}

// over24 is the estimated share still in counselling at 24 months:
// withheld when the published curve ends before, unless it reached 0.
func (k kmCurve) over24() Value {
	if k.published > over24Quarter {
		return shown(k.surv[over24Quarter])
	}
	if k.published > 0 && k.surv[k.published-1] == 0 {
		return shown(0)
	}
	return withheld()
}

// durationQuartiles: per stratum the protected number of cases and of open
// ones, the quartiles of the time in counselling in months (the times by
// which a quarter, half, three quarters of the cases have closed), and the
// share still in counselling at 24 months.
func durationQuartiles(ctx context.Context, s *Store, f Filter) (*Table, error) {
	bins, err := s.survivalBins(ctx, f)
	if err != nil {
		return nil, err
	}
	rows := survivalStrataRows()
	cols := []string{ColCases, ColOpen, ColQ1Months, ColMedianMonths, ColQ3Months, ColOver24}
	t := s.newCaseTable(QDurationQuartiles, "subgroup", "measure", rows, cols, KindMedian)
	t.rowTotals, t.colTotals = nil, nil
	t.colKinds = []Kind{KindCount, KindCount, KindMedian, KindMedian, KindMedian, KindShare}
	for i, r := range rows {
		b := bins[r]
		if b == nil {
			b = newKMBins()
		}
		t.cells[i][0], t.cells[i][1] = s.protectCell(b.cases), s.protectCell(b.open)
		k, ok := s.protectedKM(b)
		if !ok {
			for j := 2; j < len(cols); j++ {
				t.cells[i][j] = withheld()
			}
			continue
		}
		t.cells[i][2], t.cells[i][3], t.cells[i][4] = k.quantileMonths(0.75), k.quantileMonths(0.5), k.quantileMonths(0.25)
		t.cells[i][5] = k.over24()
	}
	t.notes = append(t.notes, NoteSurvivalCensored, NoteMonitoringNotEffect)
	return t, nil
}

// durationSurvival: the estimated share of cases still in counselling by
// months since intake (0, 3, 6, …), for all cases and each stratum of
// survivalStrata (columns "all", "risk_level:high_risk", …); a value past
// the end of its curve is withheld.
func durationSurvival(ctx context.Context, s *Store, f Filter) (*Table, error) {
	bins, err := s.survivalBins(ctx, f)
	if err != nil {
		return nil, err
	}
	cols := survivalStrataRows()
	curves := make([]kmCurve, len(cols))
	steps := 0
	for j, c := range cols {
		if k, ok := s.protectedKM(bins[c]); ok {
			curves[j] = k
			steps = max(steps, k.published)
		}
	}
	var rows []string
	for j := 0; j <= steps; j++ {
		rows = append(rows, strconv.Itoa(monthsPerStep*j))
	}
	t := s.newCaseTable(QDurationSurvival, "months", "subgroup", rows, cols, KindShare)
	t.rowTotals, t.colTotals = nil, nil
	for i := range rows {
		for j := range cols {
			k := curves[j]
			switch {
			case i == 0 && k.surv != nil:
				t.cells[i][j] = shown(1)
			case i >= 1 && i <= k.published:
				t.cells[i][j] = shown(k.surv[i-1])
			default:
				t.cells[i][j] = withheld()
			}
		}
	}
	t.notes = append(t.notes, NoteSurvivalCensored, NoteMonitoringNotEffect)
	return t, nil
}
