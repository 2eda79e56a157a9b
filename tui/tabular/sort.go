package tabular

// Sorting the table view: the rows of a table ordered by one of its
// columns, withheld and missing cells always last (a withheld number is
// unknown, never 0), the margins row (Total) where it is, under the rows.

import (
	"cmp"
	"slices"

	"lagebild/queries/report"
)

// SortKey says how the table view orders a table's rows. On is false for
// the data's own order; Col is a column's index in Cols, or len(Cols) for
// the row totals; Desc puts the largest number first.
type SortKey struct {
	On   bool
	Col  int
	Desc bool
}

// Columns is how many columns a key can sort t by: its columns and, if it
// has them, its row totals.
func Columns(t *report.Table) int {
	n := len(t.Cols)
	if len(t.RowTotals) == len(t.Rows) && len(t.RowTotals) > 0 {
		n++
	}
	return n
}

// Applies reports whether k sorts t (t has the column).
func (k SortKey) Applies(t *report.Table) bool { return k.On && k.Col >= 0 && k.Col < Columns(t) }

// Arrow is the header's mark of the direction: ▼ largest first, ▲
// smallest first.
func (k SortKey) Arrow() string {
	if k.Desc {
		return "▼"
	}
	return "▲"
}

// Sorted returns t with its rows in the order of k (a copy: the view's
// data stay as loaded). Rows whose cell in the column is withheld or
// missing come last in both directions, in the data's order; equal
// numbers keep the data's order. A key that does not apply returns t as
// it is.
func Sorted(t *report.Table, k SortKey) report.Table {
	out := *t
	if !k.Applies(t) {
		return out
	}
	cell := func(i int) report.Cell {
		if k.Col == len(t.Cols) {
			return t.RowTotals[i]
		}
		return t.Cells[i][k.Col]
	}
	order := make([]int, len(t.Cells))
	for i := range order {
		order[i] = i
	}
	slices.SortStableFunc(order, func(a, b int) int {
		va, okA := cell(a).Float()
		vb, okB := cell(b).Float()
		switch {
		case okA != okB:
			if okA {
				return -1
			}
			return 1
		case !okA:
			return 0
		case k.Desc:
			return cmp.Compare(vb, va)
		}
		return cmp.Compare(va, vb)
	})
	out.Cells = permute(t.Cells, order)
	out.Rows = permute(t.Rows, order)
	out.RowCodes = permute(t.RowCodes, order)
	out.RowTotals = permute(t.RowTotals, order)
	out.RowKinds = permute(t.RowKinds, order)
	out.Provenance = permute(t.Provenance, order)
	return out
}

// permute returns s in the order of the indices (s as it is when it does
// not have one element per row: an optional slice left nil).
func permute[T any](s []T, order []int) []T {
	if len(s) != len(order) {
		return s
	}
	out := make([]T, len(s))
	for i, j := range order {
		out[i] = s[j]
	}
	return out
}
