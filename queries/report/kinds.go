package report

import "lagebild/queries"

// Kinds of cells a presentation adds to those of package queries.
const (
	// KindYear is a year (a derived table's year column, the year columns
	// of key figures in the CSV): written without thousands separators.
	KindYear queries.Kind = "year"
	// KindChange is a relative change, written with its sign.
	KindChange queries.Kind = "change"
	// KindPP is a change of a share in percentage points.
	KindPP queries.Kind = "pp"
)

// Kinds returns the kind of each column, or of each row when the kinds
// vary within a column (a table whose rows are different measures); both
// nil where every cell has the table's kind. RowKinds or ColKinds, when
// set, answer; else the kinds of the cells do. The writers say these kinds
// (JSON col_kinds and row_kinds, CSV kind) and format by them.
func (t *Table) Kinds() (cols, rows []queries.Kind) {
	if t.RowKinds != nil {
		return nil, t.RowKinds
	}
	if t.ColKinds != nil {
		return t.ColKinds, nil
	}
	uniform := func(n int, at func(k int) queries.Kind) (queries.Kind, bool) {
		var kind queries.Kind
		for k := range n {
			switch c := at(k); {
			case c == "":
			case kind == "":
				kind = c
			case c != kind:
				return "", false
			}
		}
		if kind == "" {
			kind = t.Kind
		}
		return kind, true
	}
	byCol, byRow := true, true
	for j := range t.ColCodes {
		kind, ok := uniform(len(t.Cells), func(i int) queries.Kind { return t.Cells[i][j].Kind })
		byCol = byCol && ok
		cols = append(cols, kind)
	}
	for i := range t.Cells {
		kind, ok := uniform(len(t.Cells[i]), func(j int) queries.Kind { return t.Cells[i][j].Kind })
		byRow = byRow && ok
		rows = append(rows, kind)
	}
	same := func(ks []queries.Kind) bool {
		for _, k := range ks {
			if k != t.Kind {
				return false
			}
		}
		return true
	}
	switch {
	case byCol && same(cols):
		return nil, nil
	case byCol:
		return cols, nil
	case byRow:
		return nil, rows
	}
	return cols, nil
}

// KindOf answers, for the kinds Kinds returned, the kind of the cell at
// row i, column j (the row's kind when the rows are different measures,
// else the column's), of column j's total (i < 0), or of row i's total
// and the grand total (j < 0): the table's kind.
func (t *Table) KindOf(cols, rows []queries.Kind, i, j int) queries.Kind {
	switch {
	case j < 0:
		return t.Kind
	case rows != nil && i >= 0:
		return rows[i]
	case cols != nil:
		return cols[j]
	}
	return t.Kind
}
