// Package export writes protected tables and key figures for documents and
// programs: Markdown (translated labels, numbers formatted for the language,
// a withheld mark with its legend, the protection statement), tidy CSV
// (one row per number) and stable JSON (documented in docs/json-formats.md).
// `lagebild brief` and the TUI's export both write through it, so a table
// exported from the TUI and the one printed by the command line agree cell
// for cell.
//
// The writers take the package's own plain model (Table, KeyFigure), made
// from the protected results of package queries with FromTable and
// KeyFigureAt; they never see an exact count.
package export

import (
	"math"

	"lagebild/queries"
)

// State says whether a value may be shown.
type State uint8

// Value states.
const (
	Missing  State = iota // no data (e.g. no figure published for a year)
	Shown                 // a number that may be shown
	Withheld              // withheld by disclosure control: never shown as 0
)

// Cell is one published number.
type Cell struct {
	Value  float64
	State  State
	Lo, Hi float64 // 95 % Wilson interval of a rate, when HasCI
	HasCI  bool
}

// CellOf converts a published value of package queries.
func CellOf(v queries.Value) Cell {
	switch {
	case v.Withheld():
		return Cell{State: Withheld}
	case v.Shown():
		f, _ := v.Float()
		c := Cell{Value: f, State: Shown}
		if lo, hi, ok := v.CI(); ok {
			c.Lo, c.Hi, c.HasCI = lo, hi, true
		}
		return c
	}
	return Cell{}
}

// Number returns the value and whether it may be shown.
func (c Cell) Number() (float64, bool) {
	if c.State != Shown {
		return math.NaN(), false
	}
	return c.Value, true
}

// Table is a table of published numbers with its protection and
// provenance. Rows and Cols are codes; writers translate them.
type Table struct {
	// Name is the catalogue name (queries.Q…) or another machine name.
	Name string
	// Title overrides the built-in title of Name (optional).
	Title          string
	RowDim, ColDim string
	Rows, Cols     []string
	// Kind is what the numbers are; ColKinds (optional) per column.
	Kind     queries.Kind
	ColKinds []queries.Kind
	Cells    [][]Cell
	// RowTotals and ColTotals are nil when the table has no margins; Total
	// is nil when it has no grand total.
	RowTotals, ColTotals []Cell
	Total                *Cell
	K                    int
	Protected            bool
	Synthetic            bool
	// Source names the data ("cases" or "figures"); Sources the
	// publications of public figures.
	Source  string
	Sources []queries.Source
	Notes   []string
}

// FromTable converts a protected table of package queries.
func FromTable(t *queries.Table) Table {
	out := Table{
		Name: t.Name(), RowDim: t.RowDim(), ColDim: t.ColDim(),
		Rows: append([]string(nil), t.Rows()...), Cols: append([]string(nil), t.Cols()...),
		Kind: t.Kind(), K: t.K(), Protected: t.Protected(), Synthetic: t.Synthetic(),
		Source: t.Source(), Sources: append([]queries.Source(nil), t.Sources()...),
		Notes: append([]string(nil), t.Notes()...),
	}
	mixed := false
	for j := range out.Cols {
		if t.ColKind(j) != t.Kind() {
			mixed = true
		}
	}
	if mixed {
		for j := range out.Cols {
			out.ColKinds = append(out.ColKinds, t.ColKind(j))
		}
	}
	out.Cells = make([][]Cell, len(out.Rows))
	for i := range out.Rows {
		out.Cells[i] = make([]Cell, len(out.Cols))
		for j := range out.Cols {
			out.Cells[i][j] = CellOf(t.Cell(i, j))
		}
	}
	if t.HasMargins() {
		out.RowTotals = make([]Cell, len(out.Rows))
		for i := range out.Rows {
			v, _ := t.RowTotal(i)
			out.RowTotals[i] = CellOf(v)
		}
		out.ColTotals = make([]Cell, len(out.Cols))
		for j := range out.Cols {
			v, _ := t.ColTotal(j)
			out.ColTotals[j] = CellOf(v)
		}
	}
	if v, ok := t.Total(); ok {
		c := CellOf(v)
		out.Total = &c
	}
	return out
}

// ColKind is the kind of column j.
func (t *Table) ColKind(j int) queries.Kind {
	if t.ColKinds != nil {
		return t.ColKinds[j]
	}
	return t.Kind
}

// AnyWithheld reports whether any value of the table is withheld.
func (t *Table) AnyWithheld() bool {
	withheldIn := func(cs []Cell) bool {
		for _, c := range cs {
			if c.State == Withheld {
				return true
			}
		}
		return false
	}
	for _, r := range t.Cells {
		if withheldIn(r) {
			return true
		}
	}
	return withheldIn(t.RowTotals) || withheldIn(t.ColTotals) || (t.Total != nil && t.Total.State == Withheld)
}

// KeyFigure is one line of a briefing: a figure in a year, the year
// before and the relative change.
type KeyFigure struct {
	// ID is "figure:INDICATOR:PHENOMENON" or "case:NAME" (queries.KeyFigure).
	ID                          string
	Name, Indicator, Phenomenon string
	Kind                        queries.Kind
	// Unit is persons, cases, offences, percent or share (a share or rate
	// in [0,1]).
	Unit string
	// Year of Current (0: no data); PreviousYear is Year-1 (0: no data).
	Year, PreviousYear int
	// Current has the 95 % interval of a rate.
	Current, Previous Cell
	// Change is (Current − Previous) / Previous: missing when either has
	// no data or Previous is 0, withheld when either is withheld.
	Change    Cell
	Source    string
	SourceRef string
	Flags     []string
	Protected bool
	K         int
	Synthetic bool
}

// KeyFigureAt takes a key figure of package queries at a year: the latest
// year up to year (0: any) that has a value (shown or withheld), the year
// before it and the change between them. The change is computed from the
// published values, like queries does. Source, SourceRef and Flags are
// those of kf, which queries gives for kf.Year: a caller that picks an
// earlier year of a public figure replaces them with that year's (brief
// reads them from the store's figures table).
func KeyFigureAt(kf queries.KeyFigure, year int) KeyFigure {
	out := KeyFigure{
		ID: kf.ID, Name: kf.Name, Indicator: kf.Indicator, Phenomenon: kf.Phenomenon,
		Kind: kf.Kind, Unit: kf.Unit, Source: kf.Source, SourceRef: kf.SourceRef,
		Flags: append([]string(nil), kf.Flags...), Protected: kf.Protected, K: kf.K, Synthetic: kf.Synthetic,
	}
	idx := -1
	for i, y := range kf.Years {
		if (year == 0 || y <= year) && !kf.Series[i].Missing() {
			idx = i
		}
	}
	if idx < 0 {
		return out
	}
	out.Year = kf.Years[idx]
	out.Current = CellOf(kf.Series[idx])
	for i, y := range kf.Years {
		if y == out.Year-1 && !kf.Series[i].Missing() {
			out.PreviousYear = y
			out.Previous = CellOf(kf.Series[i])
		}
	}
	out.Change = change(out.Current, out.Previous)
	return out
}

// change is the relative change between two published values.
func change(cur, prev Cell) Cell {
	c, ok1 := cur.Number()
	p, ok2 := prev.Number()
	if !ok1 || !ok2 {
		if cur.State == Withheld || prev.State == Withheld {
			return Cell{State: Withheld}
		}
		return Cell{}
	}
	if p == 0 {
		return Cell{}
	}
	return Cell{Value: (c - p) / p, State: Shown}
}
