package queries

import (
	"context"
	"fmt"
	"slices"
	"strconv"
)

// Columns of the duration table.
const ColMedianMonths = "median_months"

// medianDurationByOutcome: per outcome of closed cases the protected number
// of cases and the median duration in months (docs/privacy.md, derived figures).
//
// The median is shown only when the protected base is at least
// sdc.Params.MinDerivedBase (10 with k = 5): the median of 3 or 4
// durations is one of them. The test is on the protected base, so whether
// a median is shown is a function of a published count, never of the
// exact one.
//
// The median is that of the protected duration histogram: every bin
// (outcome × duration in whole months) is protected as a cell of its own,
// as a table of outcome by duration would publish it, and the median is
// taken over those published bins, a withheld bin counting as k/2 cases
// (the middle of the values 1 … k−1 a withheld count stands for). The
// exact histogram never enters it, so one case more or less in a group
// moves the median only through a protected count.
func medianDurationByOutcome(ctx context.Context, s *Store, f Filter) (*Table, error) {
	if err := f.Validate(); err != nil {
		return nil, err
	}
	rows, dims, err := s.aggregateFor(ctx, yearClosed, baseClosed, f, DimOutcome, dimDurationMonths)
	if err != nil {
		return nil, fmt.Errorf("median duration: %w", err)
	}
	// The duration histogram of each outcome, from the same pass as the
	// closures table: months → exact cell.
	hist := map[string]map[int]exactCell{}
	for _, r := range rows {
		o := keyOf(r, dims, DimOutcome)
		m, err := strconv.Atoi(keyOf(r, dims, dimDurationMonths))
		if err != nil {
			continue // no duration (cannot happen for closed cases with a month)
		}
		if hist[o] == nil {
			hist[o] = map[int]exactCell{}
		}
		hist[o][m] = sumCells(hist[o][m], r.c)
	}
	outcomes := DimOutcome.codes
	t := s.newCaseTable(QMedianDurationByOutcome, DimOutcome.Name, "measure", outcomes,
		[]string{ColCases, ColMedianMonths}, KindMedian)
	t.rowTotals, t.colTotals = nil, nil
	t.colKinds = []Kind{KindCount, KindMedian}
	for i, o := range outcomes {
		var c exactCell
		for _, bin := range hist[o] {
			c = sumCells(c, bin)
		}
		base := s.protected(c)
		t.cells[i][0] = fromProtected(base)
		switch {
		case !base.Withheld && base.Value == 0:
			t.cells[i][1] = Missing
		case base.Withheld || base.Value < s.params.MinDerivedBase():
			t.cells[i][1] = withheld()
		default:
			t.cells[i][1] = s.protectedMedian(hist[o])
		}
	}
	return t, nil
}

// protectedMedian is the median of a duration histogram from its protected
// bins. Weights are counted in half cases so that a withheld bin's k/2
// stays an integer: a shown bin of v weighs 2v, a withheld one k.
func (s *Store) protectedMedian(h map[int]exactCell) Value {
	w := make(map[int]int64, len(h))
	for m, c := range h {
		p := s.protected(c)
		switch {
		case p.Withheld:
			w[m] = int64(s.params.K)
		case p.Value > 0:
			w[m] = 2 * p.Value
		}
	}
	med, ok := histogramMedian(w)
	if !ok {
		return withheld() // every bin published as 0
	}
	return shown(med)
}

// dimDurationMonths splits closed cases by their duration in whole months
// (intake month to closing month), stored with each case.
var dimDurationMonths = Dimension{Name: "duration_months", expr: "duration_months"}

// histogramMedian is the median of the values of a histogram (value →
// weight), ok = false when the weights sum to 0. With W the sum of the
// weights and C(v) the weight of the values up to v, it is the mean of the
// smallest v with C(v) ≥ W/2 and the smallest v with C(v) > W/2. For
// integer counts that is the middle value, or the mean of the two middle
// values when the count is even: DuckDB's median (quantile_cont 0.5) of
// the same values; multiplying every weight by the same factor does not
// change it.
func histogramMedian(h map[int]int64) (median float64, ok bool) {
	vals := make([]int, 0, len(h))
	var total int64
	for v, w := range h {
		if w > 0 {
			vals = append(vals, v)
			total += w
		}
	}
	if total == 0 {
		return 0, false
	}
	slices.Sort(vals)
	lo, hi, found := 0, 0, false
	var cum int64
	for _, v := range vals {
		cum += h[v]
		if !found && 2*cum >= total {
			lo, found = v, true
		}
		if 2*cum > total {
			hi = v
			break
		}
	}
	return float64(lo+hi) / 2, true
}
