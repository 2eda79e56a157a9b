package queries

import (
	"context"
	"slices"
	"sort"
)

// exactCell is a count before protection: the number of records and the
// numerator of the cell key (sum of record keys mod 2^32). It never leaves
// the package.
type exactCell struct {
	n  int64
	ck uint64
}

// crossSpec describes one cross-tabulation of the filtered cases.
type crossSpec struct {
	row, col Dimension
	year     string // expression the filter's year range applies to
	base     string // extra condition on the records
}

// exactCross holds the exact counts of a cross-tabulation: cells keyed by
// row and column code, margins and total.
type exactCross struct {
	rows, cols []string
	cells      map[[2]string]exactCell
	rowTotals  map[string]exactCell
	colTotals  map[string]exactCell
	total      exactCell
}

// crossExact returns the exact counts of a cross-tabulation, summed from
// the aggregate that covers its dimensions.
func (s *Store) crossExact(ctx context.Context, spec crossSpec, f Filter) (*exactCross, error) {
	if err := f.Validate(); err != nil {
		return nil, err
	}
	rows, dims, err := s.aggregateFor(ctx, spec.year, spec.base, f, spec.row, spec.col)
	if err != nil {
		return nil, err
	}
	x := &exactCross{
		cells:     map[[2]string]exactCell{},
		rowTotals: map[string]exactCell{},
		colTotals: map[string]exactCell{},
	}
	seenRows, seenCols := map[string]bool{}, map[string]bool{}
	for _, a := range rows {
		r, c := keyOf(a, dims, spec.row), keyOf(a, dims, spec.col)
		x.cells[[2]string{r, c}] = sumCells(x.cells[[2]string{r, c}], a.c)
		x.rowTotals[r] = sumCells(x.rowTotals[r], a.c)
		x.colTotals[c] = sumCells(x.colTotals[c], a.c)
		x.total = sumCells(x.total, a.c)
		seenRows[r], seenCols[c] = true, true
	}
	x.rows = s.labels(spec.row, f, seenRows)
	x.cols = s.labels(spec.col, f, seenCols)
	return x, nil
}

// labels returns a dimension's codes in display order: its code list, plus
// any unexpected value found in the data at the end; for years every year
// of the filter's range that the store has data for, so that tables of
// the same filter share their rows; for other open dimensions (providers)
// the sorted values found.
func (s *Store) labels(d Dimension, f Filter, seen map[string]bool) []string {
	var out []string
	switch {
	case d.codes != nil:
		out = slices.Clone(d.codes)
	case d.Name == DimIntakeYear.Name || d.Name == DimClosedYear.Name:
		from, to := s.minYear, s.maxYear
		if f.FromYear > from {
			from = f.FromYear
		}
		if f.ToYear != 0 && f.ToYear < to {
			to = f.ToYear
		}
		out = yearLabels(from, to)
	}
	var extra []string
	for v := range seen {
		if !slices.Contains(out, v) {
			extra = append(extra, v)
		}
	}
	sort.Strings(extra)
	return append(out, extra...)
}
