package queries

// Kind says what the numbers of a table (or of one of its columns) are.
type Kind string

// Kinds of published numbers.
const (
	KindCount  Kind = "count"  // protected counts of cases
	KindShare  Kind = "share"  // a share in [0,1] of protected counts
	KindRate   Kind = "rate"   // a rate in [0,1] with a 95 % Wilson interval
	KindMedian Kind = "median" // a median (e.g. case duration in months)
	KindFigure Kind = "figure" // published public figures, exact
)

// Table is the one typed result every consumer renders: row and column
// labels (codes; consumers translate them), cells, margins and a total,
// and the protection it went through. Its fields are unexported: only
// package queries can make a Table, so every table from case data that a
// consumer holds has been protected.
type Table struct {
	name      string
	rowDim    string
	colDim    string
	rows      []string
	cols      []string
	cells     [][]Value
	rowTotals []Value // nil when the table has no row totals
	colTotals []Value
	total     Value
	hasTotal  bool
	kind      Kind
	colKinds  []Kind // per column when they differ, else nil
	k         int
	protected bool
	synthetic bool
	source    string
	sources   []Source
	notes     []string
	// provenance holds, for a table of public figures, each cell's
	// publication and note (nil for tables of case data).
	provenance [][]Provenance
}

// Source names where public figures were published.
type Source struct {
	Title, Ref string
}

// Name is the catalogue name of the query that made the table.
func (t *Table) Name() string { return t.name }

// RowDim and ColDim name the dimensions of rows and columns.
func (t *Table) RowDim() string { return t.rowDim }

// ColDim names the dimension of the columns.
func (t *Table) ColDim() string { return t.colDim }

// Rows returns the row labels (codes).
func (t *Table) Rows() []string { return t.rows }

// Cols returns the column labels (codes).
func (t *Table) Cols() []string { return t.cols }

// Cell returns the value at row i, column j.
func (t *Table) Cell(i, j int) Value { return t.cells[i][j] }

// RowTotal returns the margin of row i (a protected cell of its own).
func (t *Table) RowTotal(i int) (Value, bool) {
	if t.rowTotals == nil {
		return Missing, false
	}
	return t.rowTotals[i], true
}

// ColTotal returns the margin of column j (a protected cell of its own).
func (t *Table) ColTotal(j int) (Value, bool) {
	if t.colTotals == nil {
		return Missing, false
	}
	return t.colTotals[j], true
}

// Total returns the grand total (a protected cell of its own).
func (t *Table) Total() (Value, bool) { return t.total, t.hasTotal }

// HasMargins reports whether the table has row and column totals.
func (t *Table) HasMargins() bool { return t.rowTotals != nil && t.colTotals != nil }

// Kind says what the numbers are (for mixed tables see ColKind).
func (t *Table) Kind() Kind { return t.kind }

// ColKind says what the numbers of column j are.
func (t *Table) ColKind(j int) Kind {
	if t.colKinds != nil {
		return t.colKinds[j]
	}
	return t.kind
}

// K is the threshold the table was protected with (0 for public figures).
func (t *Table) K() int { return t.k }

// Protected reports whether disclosure control was applied.
func (t *Table) Protected() bool { return t.protected }

// Synthetic reports whether the numbers come from synthetic data.
func (t *Table) Synthetic() bool { return t.synthetic }

// Source names the data the table comes from, e.g. "cases".
func (t *Table) Source() string { return t.source }

// Sources lists the publications of public figures in the table.
func (t *Table) Sources() []Source { return t.sources }

// Notes are sentences every rendering of the table must carry (series
// breaks, weak sources, "totals are protected independently").
func (t *Table) Notes() []string { return t.notes }

// AnyWithheld reports whether any value of the table is withheld, so that
// renderers show the suppression legend.
func (t *Table) AnyWithheld() bool {
	check := func(vs []Value) bool {
		for _, v := range vs {
			if v.Withheld() {
				return true
			}
		}
		return false
	}
	for _, r := range t.cells {
		if check(r) {
			return true
		}
	}
	return check(t.rowTotals) || check(t.colTotals) || (t.hasTotal && t.total.Withheld())
}

// NoteMarginsProtected is carried by every protected table with margins.
const NoteMarginsProtected = "totals are protected independently of the cells and may not add up exactly"
