// Package export writes protected tables and key figures for documents and
// programs: Markdown (translated labels, numbers formatted for the language,
// a withheld mark with its legend, the protection statement), TSV for
// pasting into a spreadsheet (the same texts), tidy CSV (one row per
// number) and stable JSON (documented in docs/json-formats.md). `lagebild
// brief` and the TUI's export (e) and copy (y, Y) all write through it, so
// a table exported from the TUI and the one printed by the command line
// agree cell for cell.
//
// The writers take the package's own plain model (Table, KeyFigure), made
// from the protected results of package queries with FromTable and
// KeyFigureAt, or built by a caller for a table derived from shown
// protected values (the TUI's shares); they never see an exact count.
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
	// RowHeader, RowLabels and ColLabels (optional) label the row
	// dimension, the rows and the columns of a table its maker labels
	// itself (the TUI's views, derived tables); when empty or nil the
	// writers translate RowDim and the codes. JSON and CSV carry codes
	// only.
	RowHeader            string
	RowLabels, ColLabels []string
	// Kind is what the numbers are; ColKinds (optional) per column, or
	// RowKinds (optional) per row for a table whose rows are different
	// measures (a derived table of the TUI's quality view). RowKinds goes
	// before ColKinds; see KindAt.
	Kind     queries.Kind
	ColKinds []queries.Kind
	RowKinds []queries.Kind
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

// ColKind is the kind of column j (its column total's kind).
func (t *Table) ColKind(j int) queries.Kind {
	if t.ColKinds != nil {
		return t.ColKinds[j]
	}
	return t.Kind
}

// KindAt is the kind of the cell at row i, column j: the row's kind when
// the table has RowKinds, else the column's.
func (t *Table) KindAt(i, j int) queries.Kind {
	if t.RowKinds != nil {
		return t.RowKinds[i]
	}
	return t.ColKind(j)
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

// KindYear is the kind of a cell that holds a year (a derived table's
// year column, the year columns of key figures in the CSV): written
// without thousands separators.
const KindYear queries.Kind = "year"

// KeyFigure is one line of a briefing: a figure in a year, the year
// before and the change.
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
	// Change is queries.KeyFigure.Change: in share units (percentage
	// points when multiplied by 100) when ChangeIsPoints, for shares and
	// rates; else relative, (Current − Previous) / Previous. Missing when
	// either value has no data (or a relative change has Previous 0),
	// withheld when either is withheld.
	Change         Cell
	ChangeIsPoints bool
	Source         string
	SourceRef      string
	Flags          []string
	Protected      bool
	K              int
	Synthetic      bool
}

// ChangeUnit names the unit of the key figure's change in the JSON and
// CSV: "points" (share units, 0.004 = +0.4 percentage points) or
// "relative" (0.05 = +5 %).
func (kf *KeyFigure) ChangeUnit() string {
	if kf.ChangeIsPoints {
		return "points"
	}
	return "relative"
}

// KeyFigureAt takes a key figure of package queries at a year (0: its
// latest), with queries.KeyFigure.At: the latest year up to year that has
// a value (shown or withheld), the year before it, the change between
// them and, for a public figure, the source and caveats of that year's
// publication. Nothing is recomputed here.
func KeyFigureAt(kf queries.KeyFigure, year int) KeyFigure {
	at := kf.At(year)
	out := KeyFigure{
		ID: at.ID, Name: at.Name, Indicator: at.Indicator, Phenomenon: at.Phenomenon,
		Kind: at.Kind, Unit: at.Unit, Year: at.Year, Current: CellOf(at.Current), Change: CellOf(at.Change),
		ChangeIsPoints: at.ChangeIsPoints(), Source: at.Source, SourceRef: at.SourceRef,
		Flags: append([]string(nil), at.Flags...), Protected: at.Protected, K: at.K, Synthetic: at.Synthetic,
	}
	if at.Year != 0 && !at.Previous.Missing() {
		out.PreviousYear = at.Year - 1
		out.Previous = CellOf(at.Previous)
	}
	return out
}
