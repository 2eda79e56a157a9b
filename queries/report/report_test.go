package report_test

import (
	"bytes"
	"context"
	"strings"
	"testing"

	"lagebild/internal/i18n"

	"lagebild/datasets/sample"
	"lagebild/queries"
	"lagebild/queries/export"
	"lagebild/queries/report"
)

// TestFromTableKeepsEveryCell: the model of a protected table of the
// sample store holds its cells, margins, total, kinds and protection as
// package queries published them, with the labels its maker gives.
func TestFromTableKeepsEveryCell(t *testing.T) {
	ctx := context.Background()
	s, err := queries.Open(ctx, queries.OpenOptions{Fill: sample.Fill(nil)})
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	f := queries.Filter{States: []string{"DE-HB"}}
	for _, name := range []string{queries.QIntakesByYearPhenomenon, queries.QRelapseBySubgroup} {
		q, err := s.Run(ctx, name, f)
		if err != nil {
			t.Fatal(err)
		}
		tab := report.FromTable(q, "T", "Rows", strings.ToUpper, strings.ToUpper, nil)
		if tab.ID != name || tab.K != q.K() || !tab.Protected || len(tab.Rows) != len(q.Rows()) || len(tab.Cols) != len(q.Cols()) {
			t.Fatalf("%s: %+v", name, tab)
		}
		if len(tab.Rows) > 0 && tab.Rows[0] != strings.ToUpper(q.Rows()[0]) {
			t.Errorf("%s: row label %q", name, tab.Rows[0])
		}
		for i := range q.Rows() {
			for j := range q.Cols() {
				want, got := q.Cell(i, j), tab.Cells[i][j]
				v, _ := want.Float()
				if (got.State == report.Withheld) != want.Withheld() || got.Shown() != want.Shown() || (got.Shown() && got.V != v) ||
					got.Kind != q.ColKind(j) {
					t.Errorf("%s [%d,%d]: %+v, queries %+v", name, i, j, got, want)
				}
			}
		}
		if q.HasMargins() != (tab.RowTotals != nil && tab.ColTotals != nil && tab.Total != nil) {
			t.Errorf("%s: margins %v", name, tab.HasMargins())
		}
		cols, rows := tab.Kinds()
		mixed := false
		for j := range q.Cols() {
			mixed = mixed || q.ColKind(j) != q.Kind()
		}
		if rows != nil || (cols != nil) != mixed {
			t.Errorf("%s: kinds %v %v (mixed columns %v)", name, cols, rows, mixed)
		}
	}
}

// handMade is a hand-made table for the kinds and writers below.
func handMade() report.Table {
	total := report.Value(1300, queries.KindCount)
	return report.Table{ID: "t", Title: "Intakes", Unit: "cases", RowHeader: "Year", RowCodes: []string{"2023", "2024"},
		Rows: []string{"2023", "2024"}, ColCodes: []string{"a", "b"}, Cols: []string{"Alpha", "Beta"},
		Cells: [][]report.Cell{{report.Value(1281, queries.KindCount), report.WithheldCell(queries.KindCount)},
			{report.Value(12, queries.KindCount), {Kind: queries.KindCount}}},
		RowTotals: []report.Cell{report.Value(1290, queries.KindCount), report.Value(15, queries.KindCount)},
		ColTotals: []report.Cell{report.Value(1293, queries.KindCount), report.WithheldCell(queries.KindCount)},
		Kind:      queries.KindCount, Protected: true, K: 5, Source: "cases", Notes: []string{queries.NoteMarginsProtected}, Total: &total}
}

// TestWritersReadTheModel: the writers of queries/export write a table
// its maker labelled (the TUI's) with its labels, title and unit, cells,
// margins, protection and notes.
func TestWritersReadTheModel(t *testing.T) {
	tab := handMade()
	var buf bytes.Buffer
	if err := export.WriteTablesMarkdown(&buf, []report.Table{tab}, i18n.DE, 2); err != nil {
		t.Fatal(err)
	}
	md := buf.String()
	for _, want := range []string{"## Intakes (cases)", "| Year | Alpha | Beta | Summe |", "| 2023 | 1.281 | • | 1.290 |",
		"| 2024 | 12 | – | 15 |", "Geschützt (Cell-Key-Methode, k = 5)", "• geheim gehalten", "Summen sind unabhängig"} {
		if !strings.Contains(md, want) {
			t.Errorf("Markdown lacks %q:\n%s", want, md)
		}
	}
	buf.Reset()
	if err := export.WriteTablesCSV(&buf, []report.Table{tab}); err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{"t,2023,a,1281,false,", "t,2023,b,,true,", "t,2024,b,,false,", "t,total,total,1300,false,"} {
		if !strings.Contains(buf.String(), want) {
			t.Errorf("CSV lacks %q:\n%s", want, buf.String())
		}
	}
}

// TestKinds: the kinds of a table come per column, or per row when the
// rows are different measures, from its cells.
func TestKinds(t *testing.T) {
	tab := handMade()
	if cols, rows := tab.Kinds(); cols != nil || rows != nil {
		t.Errorf("uniform table: %v %v", cols, rows)
	}
	mixed := report.Table{ID: "m", RowCodes: []string{"n", "rate"}, ColCodes: []string{"value"}, Kind: queries.KindRate,
		Cells: [][]report.Cell{{report.Value(10, queries.KindCount)}, {report.Value(0.5, queries.KindRate)}}}
	if cols, rows := mixed.Kinds(); rows == nil || rows[0] != queries.KindCount || cols != nil ||
		mixed.KindOf(cols, rows, 1, 0) != queries.KindRate || mixed.KindOf(cols, rows, -1, 0) != queries.KindRate {
		t.Errorf("row kinds %v, col kinds %v", rows, cols)
	}
	byCol := report.Table{ID: "c", RowCodes: []string{"2024"}, ColCodes: []string{"year", "value"}, Kind: queries.KindFigure,
		Cells: [][]report.Cell{{report.Value(2024, report.KindYear), report.Value(12, queries.KindFigure)}}}
	if cols, rows := byCol.Kinds(); rows != nil || len(cols) != 2 || cols[0] != report.KindYear ||
		byCol.KindOf(cols, rows, 0, 0) != report.KindYear || byCol.KindOf(cols, rows, 0, -1) != queries.KindFigure {
		t.Errorf("col kinds %v, row kinds %v", cols, rows)
	}
}

// TestAlignedLine: columns padded to display width, numbers right, the
// last left-aligned cell unpadded, a too-long text cut with ….
func TestAlignedLine(t *testing.T) {
	rows := [][]string{{"Spalte", "n", "Notiz"}, {"Größe", "1.281", "ä"}}
	ws := report.ColumnWidths(rows)
	if ws[0] != 6 || ws[1] != 5 || ws[2] != 5 {
		t.Fatalf("widths %v", ws)
	}
	right := func(j int) bool { return j == 1 }
	if got := report.AlignedLine(rows[1], ws, "  ", right); got != "Größe   1.281  ä" {
		t.Errorf("line %q", got)
	}
	if got := report.Pad("abcdef", 4, false); got != "abc…" {
		t.Errorf("cut %q", got)
	}
	if got := report.Pad("中", 4, true); got != "  中" {
		t.Errorf("wide %q", got)
	}
}
