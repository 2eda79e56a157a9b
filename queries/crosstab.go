package queries

import (
	"context"
	"fmt"
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

func (s crossSpec) sql() string {
	return sqlText("crosstab", map[string]string{
		"row": s.row.expr, "col": s.col.expr, "year": s.year, "base": s.base,
	})
}

// crossExact runs a cross-tabulation and returns the exact counts.
func (s *Store) crossExact(ctx context.Context, spec crossSpec, f Filter) (*exactCross, error) {
	if err := f.Validate(); err != nil {
		return nil, err
	}
	rows, err := s.db.QueryContext(ctx, spec.sql(), f.args()...)
	if err != nil {
		return nil, fmt.Errorf("counting %s × %s: %w", spec.row.Name, spec.col.Name, err)
	}
	defer rows.Close()
	x := &exactCross{
		cells:     map[[2]string]exactCell{},
		rowTotals: map[string]exactCell{},
		colTotals: map[string]exactCell{},
	}
	seenRows, seenCols := map[string]bool{}, map[string]bool{}
	for rows.Next() {
		var r, c *string
		var gr, gc int
		var cell exactCell
		if err := rows.Scan(&r, &c, &gr, &gc, &cell.n, &cell.ck); err != nil {
			return nil, err
		}
		switch {
		case gr == 0 && gc == 0:
			x.cells[[2]string{*r, *c}] = cell
			seenRows[*r], seenCols[*c] = true, true
		case gr == 0:
			x.rowTotals[*r] = cell
			seenRows[*r] = true
		case gc == 0:
			x.colTotals[*c] = cell
			seenCols[*c] = true
		default:
			x.total = cell
		}
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("counting %s × %s: %w", spec.row.Name, spec.col.Name, err)
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
