package queries

import (
	"context"
	"fmt"
	"slices"
	"strconv"
)

// Columns of the duration table.
const ColMedianMonths = "median_months"

// durationGroup is the exact base and the median of one outcome.
type durationGroup struct {
	c      exactCell
	median float64
}

// medianDurationByOutcome: per outcome of closed cases the protected number
// of cases and the median duration in months. The median is withheld when
// the protected base is withheld or below k.
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
	groups := map[string]durationGroup{}
	for o, h := range hist {
		var g durationGroup
		for _, c := range h {
			g.c = sumCells(g.c, c)
		}
		g.median = histogramMedian(h)
		groups[o] = g
	}
	outcomes := DimOutcome.codes
	t := s.newCaseTable(QMedianDurationByOutcome, DimOutcome.Name, "measure", outcomes,
		[]string{ColCases, ColMedianMonths}, KindMedian)
	t.rowTotals, t.colTotals = nil, nil
	t.colKinds = []Kind{KindCount, KindMedian}
	for i, o := range outcomes {
		g := groups[o]
		base := s.protected(g.c)
		t.cells[i][0] = fromProtected(base)
		if base.Withheld || base.Value < int64(s.params.K) {
			t.cells[i][1] = withheld()
			if base.Value == 0 && !base.Withheld {
				t.cells[i][1] = Missing
			}
			continue
		}
		t.cells[i][1] = shown(g.median)
	}
	return t, nil
}

// dimDurationMonths splits closed cases by their duration in whole months
// (intake month to closing month), stored with each case.
var dimDurationMonths = Dimension{Name: "duration_months", expr: "duration_months"}

// histogramMedian is the median of the values of a histogram (value →
// exact count), interpolated between the two middle values when the count
// is even: DuckDB's median (quantile_cont 0.5) of the same values.
func histogramMedian(h map[int]exactCell) float64 {
	vals := make([]int, 0, len(h))
	var n int64
	for v, c := range h {
		if c.n > 0 {
			vals = append(vals, v)
			n += c.n
		}
	}
	if n == 0 {
		return 0
	}
	slices.Sort(vals)
	at := func(pos int64) float64 { // the value at 0-based position pos
		for _, v := range vals {
			if pos < h[v].n {
				return float64(v)
			}
			pos -= h[v].n
		}
		return float64(vals[len(vals)-1])
	}
	lo, hi := at((n-1)/2), at(n/2)
	return (lo + hi) / 2
}
