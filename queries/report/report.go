// Package report is the one labelled model of a table of published
// numbers: what a chart of the TUI draws, what the table view (t) prints,
// and what every writer (Markdown, TSV, tidy CSV, JSON, the briefing, the
// TUI's export and copy) writes. A Table is built once, from a protected
// *queries.Table (FromTable) or, for a figure derived in package queries,
// from its protected cells; it carries its protection (k), sources and
// notes so that every rendering can say them, and a screen and a file made
// from the same Table agree cell for cell because nothing converts it
// again.
//
// Codes (RowCodes, ColCodes) are what the machine outputs carry; labels
// (Rows, Cols, ShortCols) are what people read. A Table made without
// labels leaves Rows and Cols nil and the writers translate the codes.
package report

import (
	"math"

	"lagebild/queries"
)

// State says whether a cell holds a number that may be shown.
type State uint8

// Cell states.
const (
	Missing  State = iota // no data (e.g. no figure published for a year)
	Shown                 // a number that may be shown
	Withheld              // withheld by disclosure control: never shown as 0
)

// Cell is one published number.
type Cell struct {
	V      float64
	Lo, Hi float64 // 95 % Wilson interval of a rate, when HasCI
	HasCI  bool
	State  State
	Kind   queries.Kind
}

// FromValue converts a published value of package queries.
func FromValue(v queries.Value, kind queries.Kind) Cell {
	c := Cell{Kind: kind}
	switch {
	case v.Withheld():
		c.State = Withheld
	case v.Shown():
		c.State = Shown
		c.V, _ = v.Float()
		if lo, hi, ok := v.CI(); ok {
			c.Lo, c.Hi, c.HasCI = lo, hi, true
		}
	}
	return c
}

// Value makes a shown cell.
func Value(v float64, kind queries.Kind) Cell { return Cell{V: v, State: Shown, Kind: kind} }

// WithheldCell makes a withheld cell.
func WithheldCell(kind queries.Kind) Cell { return Cell{State: Withheld, Kind: kind} }

// Float returns the number and whether it may be shown (NaN otherwise).
func (c Cell) Float() (float64, bool) {
	if c.State != Shown {
		return math.NaN(), false
	}
	return c.V, true
}

// Shown reports whether the cell holds a number that may be shown.
func (c Cell) Shown() bool { return c.State == Shown }

// Table is a table of published numbers with its labels, protection and
// provenance.
type Table struct {
	// ID is a machine name (the catalogue name or a derived name).
	ID string
	// Title is the title people read; empty: the writers name the table
	// by its ID.
	Title string
	// RowHeader labels the row dimension (e.g. "Year"); empty: the
	// writers translate RowDim.
	RowHeader string
	// RowDim and ColDim are the dimension codes of a table of package
	// queries (empty for a derived table).
	RowDim, ColDim string
	RowCodes       []string
	ColCodes       []string
	Rows           []string // row labels (nil: translate RowCodes)
	Cols           []string // column labels (nil: translate ColCodes)
	ShortCols      []string // short column labels for narrow screens (optional)
	Cells          [][]Cell
	// ColKinds (optional) is the kind of each column of a table whose
	// columns are different measures, RowKinds (optional) of each row of
	// a table whose rows are; nil: Kinds finds them from the cells.
	ColKinds []queries.Kind
	RowKinds []queries.Kind
	// RowTotals, ColTotals and Total are the margins (nil: none). They are
	// protected cells of their own.
	RowTotals []Cell
	ColTotals []Cell
	Total     *Cell
	Kind      queries.Kind
	Protected bool
	K         int
	Synthetic bool
	// Source names the data ("cases", "figures" or a text for people).
	Source string
	// Sources are the publications of public figures.
	Sources []queries.Source
	// Notes must be carried by every rendering.
	Notes []string
	// Provenance (public figures only; nil for case data) is each cell's
	// own publication and note, aligned with Cells: every rendering says
	// which source and caveat belongs to which number.
	Provenance [][]queries.Provenance
	// Unit is said after the title, e.g. "persons" (optional).
	Unit string
}

// Labeler translates the codes of a table's rows and columns.
type Labeler func(code string) string

// FromTable builds the model of a protected queries table. rowLabel and
// colLabel translate codes (nil: no labels, the writers translate the
// codes); short gives short column labels (may be nil).
func FromTable(t *queries.Table, title, rowHeader string, rowLabel, colLabel, short Labeler) Table {
	tab := Table{
		ID: t.Name(), Title: title, RowHeader: rowHeader, RowDim: t.RowDim(), ColDim: t.ColDim(),
		RowCodes: t.Rows(), ColCodes: t.Cols(),
		Kind: t.Kind(), Protected: t.Protected(), K: t.K(), Synthetic: t.Synthetic(),
		Source: t.Source(), Sources: t.Sources(), Notes: t.Notes(),
	}
	for _, r := range tab.RowCodes {
		if rowLabel != nil {
			tab.Rows = append(tab.Rows, rowLabel(r))
		}
	}
	for j, c := range tab.ColCodes {
		if colLabel != nil {
			tab.Cols = append(tab.Cols, colLabel(c))
		}
		if short != nil {
			tab.ShortCols = append(tab.ShortCols, short(c))
		}
		if t.ColKind(j) != t.Kind() && tab.ColKinds == nil {
			for j := range tab.ColCodes {
				tab.ColKinds = append(tab.ColKinds, t.ColKind(j))
			}
		}
	}
	tab.Cells = make([][]Cell, len(tab.RowCodes))
	for i := range tab.RowCodes {
		tab.Cells[i] = make([]Cell, len(tab.ColCodes))
		for j := range tab.ColCodes {
			tab.Cells[i][j] = FromValue(t.Cell(i, j), t.ColKind(j))
			if p, ok := t.Provenance(i, j); ok {
				if tab.Provenance == nil {
					tab.Provenance = make([][]queries.Provenance, len(tab.RowCodes))
					for r := range tab.Provenance {
						tab.Provenance[r] = make([]queries.Provenance, len(tab.ColCodes))
					}
				}
				tab.Provenance[i][j] = p
			}
		}
	}
	if t.HasMargins() {
		// made, not appended: a table with margins keeps them (and its
		// Total column) when the filter leaves it without rows
		tab.RowTotals = make([]Cell, len(tab.RowCodes))
		for i := range tab.RowCodes {
			v, _ := t.RowTotal(i)
			tab.RowTotals[i] = FromValue(v, queries.KindCount)
		}
		tab.ColTotals = make([]Cell, len(tab.ColCodes))
		for j := range tab.ColCodes {
			v, _ := t.ColTotal(j)
			tab.ColTotals[j] = FromValue(v, queries.KindCount)
		}
	}
	if v, ok := t.Total(); ok {
		c := FromValue(v, queries.KindCount)
		tab.Total = &c
	}
	return tab
}

// AnyState reports whether any cell or margin of the table is in state s.
func (t *Table) AnyState(s State) bool {
	in := func(cs []Cell) bool {
		for _, c := range cs {
			if c.State == s {
				return true
			}
		}
		return false
	}
	for _, row := range t.Cells {
		if in(row) {
			return true
		}
	}
	return in(t.RowTotals) || in(t.ColTotals) || (t.Total != nil && t.Total.State == s)
}

// RowIndex returns the index of a row code (-1: none).
func (t *Table) RowIndex(code string) int { return index(t.RowCodes, code) }

// ColIndex returns the index of a column code (-1: none).
func (t *Table) ColIndex(code string) int { return index(t.ColCodes, code) }

func index(codes []string, code string) int {
	for i, c := range codes {
		if c == code {
			return i
		}
	}
	return -1
}

// Col returns column j as a series, oldest row first.
func (t *Table) Col(j int) []Cell {
	out := make([]Cell, len(t.Cells))
	for i := range t.Cells {
		out[i] = t.Cells[i][j]
	}
	return out
}

// HasMargins reports whether the table has row or column totals.
func (t *Table) HasMargins() bool { return t.RowTotals != nil || t.ColTotals != nil }

// FullTitle is the title with its unit, e.g. "Person potential
// (persons)"; empty when the table has no title of its own.
func (t *Table) FullTitle() string {
	title := t.Title
	if t.Unit != "" {
		title += " (" + t.Unit + ")"
	}
	return title
}
