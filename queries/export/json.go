package export

import (
	"encoding/json"
	"io"

	"lagebild/internal/i18n"

	"lagebild/queries"
	"lagebild/queries/report"
)

// The JSON shapes below are stable: fields are only ever added, never
// renamed or removed, and docs/json-formats.md documents them. A value a
// user may not see (withheld by disclosure control) is null, never 0.

// TableJSON is a table in JSON.
type TableJSON struct {
	Name  string `json:"name"`
	Title string `json:"title"`
	// Kind is count, share, rate, median or figure; ColKinds gives the
	// kind per column when they differ (else null), RowKinds the kind per
	// row when the rows are different measures (else null; it goes before
	// ColKinds).
	Kind     queries.Kind   `json:"kind"`
	ColKinds []queries.Kind `json:"col_kinds"`
	RowKinds []queries.Kind `json:"row_kinds"`
	// K is the threshold the table was protected with (0 for public
	// figures), Protected whether disclosure control applied.
	K         int    `json:"k"`
	Protected bool   `json:"protected"`
	Synthetic bool   `json:"synthetic"`
	Source    string `json:"source"`
	RowDim    string `json:"row_dim"`
	ColDim    string `json:"col_dim"`
	// Rows and Cols are codes (schema codes, years, measures).
	Rows []string `json:"rows"`
	Cols []string `json:"cols"`
	// Cells[i][j] is the value at row i, column j; null when withheld (or
	// when a derived figure has no base).
	Cells [][]*float64 `json:"cells"`
	// CILow and CIHigh hold the 95 % Wilson interval of rate cells (null
	// elsewhere); both are null when the table has no rates.
	CILow  [][]*float64 `json:"ci_low"`
	CIHigh [][]*float64 `json:"ci_high"`
	// RowTotals, ColTotals and Total are margins, protected as cells of
	// their own; null when the table has none.
	RowTotals []*float64   `json:"row_totals"`
	ColTotals []*float64   `json:"col_totals"`
	Total     *float64     `json:"total"`
	Sources   []SourceJSON `json:"sources"`
	Notes     []string     `json:"notes"`
	// CellSources (public-figure tables; null for case data) gives each
	// cell its own publication and note, aligned with Cells; null for a
	// cell without a figure.
	CellSources [][]*CellSourceJSON `json:"cell_sources"`
}

// CellSourceJSON is the publication and note of one public figure.
type CellSourceJSON struct {
	Title string `json:"title"`
	Ref   string `json:"ref"`
	Note  string `json:"note"`
}

// SourceJSON names a publication.
type SourceJSON struct {
	// Publisher is the part of the title before its first ": ", "" if
	// none; Date the publication date, YYYY-MM-DD or YYYY-MM when only
	// the month is known, "" when the title and address state none
	// (figures.PublicationOf).
	Publisher string `json:"publisher"`
	Title     string `json:"title"`
	Date      string `json:"date"`
	Ref       string `json:"ref"`
}

// KeyFigureJSON is a key figure in JSON.
type KeyFigureJSON struct {
	ID         string       `json:"id"`
	Label      string       `json:"label"`
	Name       string       `json:"name"`
	Indicator  string       `json:"indicator"`
	Phenomenon string       `json:"phenomenon"`
	Kind       queries.Kind `json:"kind"`
	Unit       string       `json:"unit"`
	// Year of current and of previous; null when there is no value.
	Year         *int `json:"year"`
	PreviousYear *int `json:"previous_year"`
	// Current, Previous and Change; null when withheld or without data.
	// Change is relative (0.05 = +5 %) for counts and public figures, and
	// for shares and rates the difference in share units (0.004 = +0.4
	// percentage points); ChangeUnit says which: "relative" or "points".
	// Withheld names those of them withheld by disclosure control.
	Current    *float64 `json:"current"`
	Previous   *float64 `json:"previous"`
	Change     *float64 `json:"change"`
	ChangeUnit string   `json:"change_unit"`
	Withheld   []string `json:"withheld"`
	// CILow and CIHigh are the 95 % Wilson interval of a current rate.
	CILow     *float64 `json:"ci_low"`
	CIHigh    *float64 `json:"ci_high"`
	Source    string   `json:"source"`
	SourceRef string   `json:"source_ref"`
	// SourceDate is the source's publication date as in SourceJSON.Date.
	SourceDate string   `json:"source_date"`
	Flags      []string `json:"flags"`
	Note       string   `json:"note"`
	Protected  bool     `json:"protected"`
	K          int      `json:"k"`
}

func num(c report.Cell) *float64 {
	if c.State != report.Shown {
		return nil
	}
	v := c.V
	return &v
}

func nums(cs []report.Cell) []*float64 {
	if cs == nil {
		return nil
	}
	out := make([]*float64, len(cs))
	for i, c := range cs {
		out[i] = num(c)
	}
	return out
}

func nonNil(s []string) []string {
	if s == nil {
		return []string{}
	}
	return s
}

// TableToJSON converts a table, with its title in the language.
func TableToJSON(t *report.Table, lang i18n.Lang) TableJSON {
	cols, rows := t.Kinds()
	out := TableJSON{
		Name: t.ID, Title: TableTitle(t, lang), Kind: t.Kind, ColKinds: cols, RowKinds: rows,
		K: t.K, Protected: t.Protected, Synthetic: t.Synthetic, Source: t.Source,
		RowDim: t.RowDim, ColDim: t.ColDim, Rows: nonNil(t.RowCodes), Cols: nonNil(t.ColCodes),
		Cells: make([][]*float64, len(t.RowCodes)), RowTotals: nums(t.RowTotals), ColTotals: nums(t.ColTotals),
		Sources: []SourceJSON{}, Notes: nonNil(t.Notes),
	}
	if t.Total != nil {
		out.Total = num(*t.Total)
	}
	hasCI := false
	for i := range t.RowCodes {
		out.Cells[i] = nums(t.Cells[i])
		for _, c := range t.Cells[i] {
			hasCI = hasCI || c.HasCI
		}
	}
	if hasCI {
		out.CILow = make([][]*float64, len(t.RowCodes))
		out.CIHigh = make([][]*float64, len(t.RowCodes))
		for i := range t.RowCodes {
			out.CILow[i] = make([]*float64, len(t.ColCodes))
			out.CIHigh[i] = make([]*float64, len(t.ColCodes))
			for j, c := range t.Cells[i] {
				if c.State == report.Shown && c.HasCI {
					lo, hi := c.Lo, c.Hi
					out.CILow[i][j], out.CIHigh[i][j] = &lo, &hi
				}
			}
		}
	}
	for i, row := range t.Provenance {
		if out.CellSources == nil {
			out.CellSources = make([][]*CellSourceJSON, len(t.Provenance))
		}
		out.CellSources[i] = make([]*CellSourceJSON, len(row))
		for j, p := range row {
			if p.Source != (queries.Source{}) {
				out.CellSources[i][j] = &CellSourceJSON{Title: p.Source.Title, Ref: p.Source.Ref, Note: p.Note}
			}
		}
	}
	for _, s := range t.Sources {
		out.Sources = append(out.Sources, sourceOf(s.Title, s.Ref))
	}
	return out
}

// KeyFigureToJSON converts a key figure, with its label in the language.
func KeyFigureToJSON(kf *KeyFigure, lang i18n.Lang) KeyFigureJSON {
	out := KeyFigureJSON{
		ID: kf.ID, Label: KeyFigureLabel(kf, lang), Name: kf.Name, Indicator: kf.Indicator, Phenomenon: kf.Phenomenon,
		Kind: kf.Kind, Unit: kf.Unit, Current: num(kf.Current), Previous: num(kf.Previous), Change: num(kf.Change),
		ChangeUnit: kf.ChangeUnit(), Withheld: []string{}, Source: kf.Source, SourceRef: kf.SourceRef, SourceDate: kf.SourceDate.ISO(), Flags: nonNil(kf.Flags), Note: kf.Note,
		Protected: kf.Protected, K: kf.K,
	}
	if kf.Year != 0 {
		y := kf.Year
		out.Year = &y
	}
	if kf.PreviousYear != 0 {
		y := kf.PreviousYear
		out.PreviousYear = &y
	}
	for _, e := range []struct {
		name string
		c    report.Cell
	}{{"current", kf.Current}, {"previous", kf.Previous}, {"change", kf.Change}} {
		if e.c.State == report.Withheld {
			out.Withheld = append(out.Withheld, e.name)
		}
	}
	if kf.Current.State == report.Shown && kf.Current.HasCI {
		lo, hi := kf.Current.Lo, kf.Current.Hi
		out.CILow, out.CIHigh = &lo, &hi
	}
	return out
}

// TablesJSON is the document WriteTablesJSON writes.
type TablesJSON struct {
	Tables []TableJSON `json:"tables"`
}

// WriteJSON writes v as indented JSON with a final newline.
func WriteJSON(w io.Writer, v any) error {
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	enc.SetEscapeHTML(false)
	return enc.Encode(v)
}
