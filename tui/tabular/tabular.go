// Package tabular is the TUI's one model of a table of numbers: what a
// chart shows and what the table view (t) prints; export (e) and copy (y)
// convert it with Tab.Export and write it with the writers of package
// queries/export, the same as `lagebild brief`. A Tab is made from a
// protected *queries.Table (FromTable) or, for a derived figure, from
// protected cells; it carries its protection (k), sources and notes so
// that every rendering can say them.
package tabular

import (
	"math"

	"lagebild/queries"
)

// State says whether a cell holds a number that may be shown.
type State uint8

// Cell states.
const (
	Missing  State = iota // no data
	Shown                 // a number that may be shown
	Withheld              // withheld by disclosure control: never draw as 0
)

// Cell is one number of a Tab.
type Cell struct {
	V      float64
	Lo, Hi float64 // 95 % interval when HasCI
	HasCI  bool
	State  State
	Kind   queries.Kind
}

// FromValue converts a published value of a queries.Table.
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

// Tab is a table of numbers with its protection and provenance.
type Tab struct {
	// ID is a machine name (the catalogue name or a derived name).
	ID    string
	Title string
	// RowHeader labels the row dimension (e.g. "Year").
	RowHeader string
	// RowDim and ColDim are the dimension codes of a table of package
	// queries (empty for a derived table).
	RowDim, ColDim string
	RowCodes       []string
	ColCodes       []string
	Rows           []string // row labels
	Cols           []string // column labels
	ShortCols      []string // short column labels for narrow screens (optional)
	Cells          [][]Cell
	// RowTotals, ColTotals and Total are the margins (nil: none). They are
	// protected cells of their own.
	RowTotals []Cell
	ColTotals []Cell
	Total     *Cell
	Kind      queries.Kind
	Protected bool
	K         int
	Synthetic bool
	// Source names the data ("cases (synthetic sample)" or the publisher).
	Source string
	// Sources are the publications of public figures.
	Sources []queries.Source
	// Notes must be carried by every rendering.
	Notes []string
	// Unit is said after the title, e.g. "persons" (optional).
	Unit string
}

// Labeler translates the codes of a table's rows and columns.
type Labeler func(code string) string

// FromTable converts a protected queries table. rowLabel and colLabel
// translate codes; short gives short column labels (may be nil).
func FromTable(t *queries.Table, title, rowHeader string, rowLabel, colLabel, short Labeler) Tab {
	tab := Tab{
		ID: t.Name(), Title: title, RowHeader: rowHeader, RowDim: t.RowDim(), ColDim: t.ColDim(),
		RowCodes: t.Rows(), ColCodes: t.Cols(),
		Kind: t.Kind(), Protected: t.Protected(), K: t.K(), Synthetic: t.Synthetic(),
		Source: t.Source(), Sources: t.Sources(), Notes: t.Notes(),
	}
	for _, r := range tab.RowCodes {
		tab.Rows = append(tab.Rows, rowLabel(r))
	}
	for _, c := range tab.ColCodes {
		tab.Cols = append(tab.Cols, colLabel(c))
		if short != nil {
			tab.ShortCols = append(tab.ShortCols, short(c))
		}
	}
	tab.Cells = make([][]Cell, len(tab.RowCodes))
	for i := range tab.RowCodes {
		tab.Cells[i] = make([]Cell, len(tab.ColCodes))
		for j := range tab.ColCodes {
			tab.Cells[i][j] = FromValue(t.Cell(i, j), t.ColKind(j))
		}
	}
	if t.HasMargins() {
		for i := range tab.RowCodes {
			v, _ := t.RowTotal(i)
			tab.RowTotals = append(tab.RowTotals, FromValue(v, queries.KindCount))
		}
		for j := range tab.ColCodes {
			v, _ := t.ColTotal(j)
			tab.ColTotals = append(tab.ColTotals, FromValue(v, queries.KindCount))
		}
		if v, ok := t.Total(); ok {
			c := FromValue(v, queries.KindCount)
			tab.Total = &c
		}
	}
	return tab
}

// AnyState reports whether any cell or margin of the table is in state s.
func (t *Tab) AnyState(s State) bool {
	for _, row := range t.Cells {
		for _, c := range row {
			if c.State == s {
				return true
			}
		}
	}
	for _, c := range t.RowTotals {
		if c.State == s {
			return true
		}
	}
	for _, c := range t.ColTotals {
		if c.State == s {
			return true
		}
	}
	return t.Total != nil && t.Total.State == s
}

// RowIndex returns the index of a row code (-1: none).
func (t *Tab) RowIndex(code string) int {
	for i, c := range t.RowCodes {
		if c == code {
			return i
		}
	}
	return -1
}

// ColIndex returns the index of a column code (-1: none).
func (t *Tab) ColIndex(code string) int {
	for i, c := range t.ColCodes {
		if c == code {
			return i
		}
	}
	return -1
}

// Col returns column j as a series, oldest row first.
func (t *Tab) Col(j int) []Cell {
	out := make([]Cell, len(t.Cells))
	for i := range t.Cells {
		out[i] = t.Cells[i][j]
	}
	return out
}

// HasMargins reports whether the table has row or column totals.
func (t *Tab) HasMargins() bool { return t.RowTotals != nil || t.ColTotals != nil }
