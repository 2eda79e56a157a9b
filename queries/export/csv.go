package export

import (
	"encoding/csv"
	"io"
	"strconv"

	"lagebild/queries"
	"lagebild/queries/report"
)

// CSVHeader is the header of the tidy CSV: one row per published number.
//
//	table      catalogue name of the table, or "key_figures"
//	row        row code ("total" for the column totals); the key figure's id
//	column     column code ("total" for the row totals); for key figures
//	           year, current, previous_year, previous or change
//	value      plain number ('.' decimal point, no thousands separator;
//	           shares and rates as fractions in [0,1]); empty when withheld
//	           or when there is no data
//	suppressed true when disclosure control withheld the value, else false
//	kind       count, share, rate, median, figure; year and change for the
//	           key figures' year and change columns
//	unit       the key figure's unit (persons, cases, offences, percent,
//	           share), and for its change "relative" (0.05 = +5 %) or
//	           "points" (a share's change in share units, 0.004 = +0.4
//	           percentage points); cases, share or months for tables of
//	           case data
//	ci_low, ci_high  95 % Wilson interval of a rate, else empty
//	k          the threshold the number was protected with; empty for
//	           published public figures
//	source     "cases" or the publication of this one public figure
//	           ("Title <address>")
//	note       the caveat of this one public figure (series break, weak
//	           source, approx. …), as written in the figures file; empty
//	           for case data
var CSVHeader = []string{"table", "row", "column", "value", "suppressed", "kind", "unit", "ci_low", "ci_high", "k", "source", "note"}

// KeyFiguresTable is the table name of key figures in the CSV.
const KeyFiguresTable = "key_figures"

// WriteCSV writes key figures and tables as one tidy CSV table.
func WriteCSV(w io.Writer, kfs []KeyFigure, tabs []report.Table) error {
	cw := csv.NewWriter(w)
	if err := cw.Write(CSVHeader); err != nil {
		return err
	}
	for i := range kfs {
		if err := writeKeyFigureCSV(cw, &kfs[i]); err != nil {
			return err
		}
	}
	for i := range tabs {
		if err := writeTableCSV(cw, &tabs[i]); err != nil {
			return err
		}
	}
	cw.Flush()
	return cw.Error()
}

// WriteTablesCSV writes tables as one tidy CSV table.
func WriteTablesCSV(w io.Writer, tabs []report.Table) error { return WriteCSV(w, nil, tabs) }

func plainNumber(f float64) string { return strconv.FormatFloat(f, 'f', -1, 64) }

// csvValue returns value, suppressed, ci_low, ci_high of a cell.
func csvValue(c report.Cell) (v, sup, lo, hi string) {
	switch c.State {
	case report.Withheld:
		return "", "true", "", ""
	case report.Missing:
		return "", "false", "", ""
	}
	v = plainNumber(c.V)
	if c.HasCI {
		lo, hi = plainNumber(c.Lo), plainNumber(c.Hi)
	}
	return v, "false", lo, hi
}

func writeKeyFigureCSV(cw *csv.Writer, kf *KeyFigure) error {
	k := ""
	if kf.Protected {
		k = strconv.Itoa(kf.K)
	}
	src := csvSource(queries.Source{Title: kf.Source, Ref: kf.SourceRef})
	year := func(y int) report.Cell {
		if y == 0 {
			return report.Cell{}
		}
		return report.Value(float64(y), report.KindYear)
	}
	for _, e := range []struct {
		col, kind string
		c         report.Cell
	}{
		{"year", "year", year(kf.Year)},
		{"current", string(kf.Kind), kf.Current},
		{"previous_year", "year", year(kf.PreviousYear)},
		{"previous", string(kf.Kind), kf.Previous},
		{"change", "change", kf.Change},
	} {
		v, sup, lo, hi := csvValue(e.c)
		unit := kf.Unit
		switch e.kind {
		case "year":
			unit = ""
		case "change":
			unit = kf.ChangeUnit()
		}
		if err := cw.Write([]string{KeyFiguresTable, kf.ID, e.col, v, sup, e.kind, unit, lo, hi, k, src, kf.Note}); err != nil {
			return err
		}
	}
	return nil
}

func tableUnit(kind queries.Kind) string {
	switch kind {
	case queries.KindCount:
		return "cases"
	case queries.KindShare, queries.KindRate:
		return "share"
	case queries.KindMedian:
		return "months"
	}
	return ""
}

func writeTableCSV(cw *csv.Writer, t *report.Table) error {
	k := ""
	if t.Protected {
		k = strconv.Itoa(t.K)
	}
	// A table of case data names its source once; a public figure names
	// its own publication and note (no other figure's).
	write := func(r, c string, kind queries.Kind, cell report.Cell, src, note string) error {
		v, sup, lo, hi := csvValue(cell)
		unit := ""
		if t.Protected {
			unit = tableUnit(kind)
		}
		return cw.Write([]string{t.ID, r, c, v, sup, string(kind), unit, lo, hi, k, src, note})
	}
	cols, rows := t.Kinds()
	for i, r := range t.RowCodes {
		for j, c := range t.ColCodes {
			src, note := t.Source, ""
			if t.Provenance != nil {
				p := t.Provenance[i][j]
				src, note = csvSource(p.Source), p.Note
			}
			if err := write(r, c, t.KindOf(cols, rows, i, j), t.Cells[i][j], src, note); err != nil {
				return err
			}
		}
		if t.RowTotals != nil {
			if err := write(r, "total", t.Kind, t.RowTotals[i], t.Source, ""); err != nil {
				return err
			}
		}
	}
	for j, c := range t.ColCodes {
		if t.ColTotals != nil {
			if err := write("total", c, t.KindOf(cols, rows, -1, j), t.ColTotals[j], t.Source, ""); err != nil {
				return err
			}
		}
	}
	if t.Total != nil {
		return write("total", "total", t.Kind, *t.Total, t.Source, "")
	}
	return nil
}

// csvSource is a publication in one CSV cell, "Title <address>"; empty
// for no publication.
func csvSource(s queries.Source) string {
	if s.Ref == "" {
		return s.Title
	}
	return s.Title + " <" + s.Ref + ">"
}
