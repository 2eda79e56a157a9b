package tabular

import (
	"slices"

	"lagebild/datasets/schema"
	"lagebild/queries"
	"lagebild/queries/export"
)

// Export converts the table for the writers of package queries/export
// (Markdown, tidy CSV, TSV), which `lagebild brief` writes with too: the
// same cells and margins (a withheld value stays withheld, no data stays
// no data, nothing is recomputed), the kind of each column (or of each row
// when the rows are different measures), the title with its unit, the
// labels the TUI shows, the protection, the sources and the notes (the
// public figures' notes translated in lang).
func (t *Tab) Export(lang schema.Lang) export.Table {
	title := t.Title
	if t.Unit != "" {
		title += " (" + t.Unit + ")"
	}
	out := export.Table{
		Name: t.ID, Title: title, RowDim: t.RowDim, ColDim: t.ColDim,
		Rows: slices.Clone(t.RowCodes), Cols: slices.Clone(t.ColCodes),
		RowHeader: t.RowHeader, RowLabels: slices.Clone(t.Rows), ColLabels: slices.Clone(t.Cols),
		Kind: t.Kind, K: t.K, Protected: t.Protected, Synthetic: t.Synthetic,
		Source: t.Source, Sources: slices.Clone(t.Sources),
	}
	for _, n := range t.Notes {
		if n != queries.NoteMarginsProtected {
			n = translateNote(n, lang)
		}
		out.Notes = append(out.Notes, n)
	}
	out.ColKinds, out.RowKinds = t.kinds()
	out.Cells = make([][]export.Cell, len(t.Cells))
	for i, row := range t.Cells {
		out.Cells[i] = exportCells(row)
	}
	out.RowTotals, out.ColTotals = exportCells(t.RowTotals), exportCells(t.ColTotals)
	if t.Total != nil {
		c := exportCell(*t.Total)
		out.Total = &c
	}
	return out
}

// kinds returns the kind of each column, or of each row when the kinds
// vary within a column (a table whose rows are different measures); nil
// where every cell has the table's kind.
func (t *Tab) kinds() (cols, rows []queries.Kind) {
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

func exportCell(c Cell) export.Cell {
	switch c.State {
	case Shown:
		return export.Cell{Value: c.V, State: export.Shown, Lo: c.Lo, Hi: c.Hi, HasCI: c.HasCI}
	case Withheld:
		return export.Cell{State: export.Withheld}
	}
	return export.Cell{State: export.Missing}
}

func exportCells(cs []Cell) []export.Cell {
	if cs == nil {
		return nil
	}
	out := make([]export.Cell, len(cs))
	for i, c := range cs {
		out[i] = exportCell(c)
	}
	return out
}
