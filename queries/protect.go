package queries

import "lagebild/queries/sdc"

// protectCell perturbs an exact count with the cell key method and applies
// the threshold. It is the only way an exact count of case data becomes a
// Value.
func (s *Store) protectCell(c exactCell) Value {
	v, held := s.sdc.ProtectU32(c.n, uint32(c.ck))
	if held {
		return withheld()
	}
	return shown(float64(v))
}

// protected returns the protected count as sdc.Protected, for derived
// figures.
func (s *Store) protected(c exactCell) sdc.Protected {
	v, held := s.sdc.ProtectU32(c.n, uint32(c.ck))
	return sdc.Protected{Value: v, Withheld: held}
}

// countTable protects every cell, margin and the total of a
// cross-tabulation as cells of their own.
func (s *Store) countTable(name string, spec crossSpec, x *exactCross) *Table {
	t := s.newCaseTable(name, spec.row.Name, spec.col.Name, x.rows, x.cols, KindCount)
	for i, r := range x.rows {
		for j, c := range x.cols {
			t.cells[i][j] = s.protectCell(x.cells[[2]string{r, c}])
		}
		t.rowTotals[i] = s.protectCell(x.rowTotals[r])
	}
	for j, c := range x.cols {
		t.colTotals[j] = s.protectCell(x.colTotals[c])
	}
	t.total, t.hasTotal = s.protectCell(x.total), true
	t.notes = append(t.notes, NoteMarginsProtected)
	return t
}

// newCaseTable makes an empty protected table of case data with margins.
func (s *Store) newCaseTable(name, rowDim, colDim string, rows, cols []string, kind Kind) *Table {
	cells := make([][]Value, len(rows))
	for i := range cells {
		cells[i] = make([]Value, len(cols))
	}
	return &Table{
		name: name, rowDim: rowDim, colDim: colDim, rows: rows, cols: cols,
		cells: cells, rowTotals: make([]Value, len(rows)), colTotals: make([]Value, len(cols)),
		kind: kind, k: s.params.K, protected: true, synthetic: s.synthetic, source: "cases",
	}
}
