package tabular

import (
	"bytes"
	"strings"
	"testing"

	"github.com/charmbracelet/x/ansi"

	"lagebild/datasets/schema"
	"lagebild/queries"
	"lagebild/queries/export"
	"lagebild/tui/styles"
)

func sample() Tab {
	return Tab{ID: "t", Title: "Intakes", RowHeader: "Year", RowCodes: []string{"2023", "2024"}, Rows: []string{"2023", "2024"},
		ColCodes: []string{"a", "b"}, Cols: []string{"Alpha", "Beta"},
		Cells: [][]Cell{{Value(1281, queries.KindCount), WithheldCell(queries.KindCount)},
			{Value(12, queries.KindCount), {Kind: queries.KindCount}}},
		RowTotals: []Cell{Value(1290, queries.KindCount), Value(15, queries.KindCount)},
		ColTotals: []Cell{Value(1293, queries.KindCount), WithheldCell(queries.KindCount)},
		Kind:      queries.KindCount, Protected: true, K: 5, Source: "cases", Notes: []string{queries.NoteMarginsProtected}, Total: &total}
}

var total = Value(1300, queries.KindCount)

func TestFormat(t *testing.T) {
	for _, tc := range []struct {
		c      Cell
		de, en string
	}{
		{Value(1281, queries.KindCount), "1.281", "1,281"},
		{Value(0.125, queries.KindShare), "12,5 %", "12.5 %"},
		{Cell{V: 0.118, Lo: 0.091, Hi: 0.151, HasCI: true, State: Shown, Kind: queries.KindRate}, "11,8 % (9,1–15,1)", "11.8 % (9.1–15.1)"},
		{WithheldCell(queries.KindCount), styles.MarkWithheld, styles.MarkWithheld},
		{Cell{Kind: queries.KindCount}, styles.MarkMissing, styles.MarkMissing},
		{Value(2024, KindYear), "2024", "2024"},
		{Value(-0.049, KindPP), "−4,9 Pp.", "−4.9 pp"},
		{Value(0.238, KindChange), "+23,8 %", "+23.8 %"},
	} {
		if got := Format(tc.c, schema.DE); got != tc.de {
			t.Errorf("DE %v = %q, want %q", tc.c, got, tc.de)
		}
		if got := Format(tc.c, schema.EN); got != tc.en {
			t.Errorf("EN %v = %q, want %q", tc.c, got, tc.en)
		}
	}
}

func TestRenderSaysProtectionAndLegend(t *testing.T) {
	tab := sample()
	st := styles.New(styles.Theme{Mono: true})
	for _, w := range []int{80, 34} {
		out := ansi.Strip(Render(&tab, RenderOptions{Lang: schema.EN, Styles: st, Width: w}))
		for _, want := range []string{"protected (cell key method, k", "× withheld (fewer than k = 5)", "– no data", "1,281", "Total"} {
			if !strings.Contains(out, want) {
				t.Errorf("width %d: lacks %q:\n%s", w, want, out)
			}
		}
		for _, l := range strings.Split(out, "\n") {
			if ansi.StringWidth(l) > w {
				t.Errorf("width %d: line too wide: %q", w, l)
			}
		}
	}
}

// TestExport: a Tab converts to the model of queries/export with its
// cells, margins, labels and kinds, and is written by its writers.
func TestExport(t *testing.T) {
	tab := sample()
	tab.Unit = "cases"
	e := tab.Export(schema.DE)
	if e.Name != "t" || e.Title != "Intakes (cases)" || e.RowHeader != "Year" || !e.Protected || e.K != 5 ||
		e.ColKinds != nil || e.RowKinds != nil || e.Kind != queries.KindCount {
		t.Errorf("export table %+v", e)
	}
	if e.Cells[0][0] != (export.Cell{Value: 1281, State: export.Shown}) || e.Cells[0][1].State != export.Withheld ||
		e.Cells[1][1].State != export.Missing || e.ColTotals[1].State != export.Withheld || e.Total.Value != 1300 {
		t.Errorf("cells %+v totals %+v", e.Cells, e.ColTotals)
	}
	var buf bytes.Buffer
	if err := export.WriteTablesMarkdown(&buf, []export.Table{e}, schema.DE, 2); err != nil {
		t.Fatal(err)
	}
	md := buf.String()
	for _, want := range []string{"## Intakes (cases)", "| Year | Alpha | Beta | Summe |", "| 2023 | 1.281 | • | 1.290 |",
		"| 2024 | 12 | – | 15 |", "Geschützt (Cell-Key-Verfahren, k = 5)", "• unterdrückt", "Summen sind unabhängig"} {
		if !strings.Contains(md, want) {
			t.Errorf("Markdown lacks %q:\n%s", want, md)
		}
	}
	buf.Reset()
	if err := export.WriteTablesCSV(&buf, []export.Table{e}); err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{"t,2023,a,1281,false,", "t,2023,b,,true,", "t,2024,b,,false,", "t,total,total,1300,false,"} {
		if !strings.Contains(buf.String(), want) {
			t.Errorf("CSV lacks %q:\n%s", want, buf.String())
		}
	}
	// kinds: per column, or per row when the rows are different measures
	mixed := Tab{ID: "m", RowCodes: []string{"n", "rate"}, ColCodes: []string{"value"}, Kind: queries.KindRate,
		Cells: [][]Cell{{Value(10, queries.KindCount)}, {Value(0.5, queries.KindRate)}}}
	if e := mixed.Export(schema.EN); e.RowKinds == nil || e.RowKinds[0] != queries.KindCount || e.ColKinds != nil {
		t.Errorf("row kinds %v, col kinds %v", e.RowKinds, e.ColKinds)
	}
	cols := Tab{ID: "c", RowCodes: []string{"2024"}, ColCodes: []string{"year", "value"}, Kind: queries.KindFigure,
		Cells: [][]Cell{{Value(2024, KindYear), Value(12, queries.KindFigure)}}}
	if e := cols.Export(schema.EN); e.RowKinds != nil || len(e.ColKinds) != 2 || e.ColKinds[0] != export.KindYear {
		t.Errorf("col kinds %v, row kinds %v", e.ColKinds, e.RowKinds)
	}
}
