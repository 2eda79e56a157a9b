package tabular

import (
	"bytes"
	"strings"
	"testing"

	"github.com/charmbracelet/x/ansi"

	"lagebild/datasets/schema"
	"lagebild/queries"
	"lagebild/tui/styles"
)

func sample() Tab {
	return Tab{ID: "t", Title: "Intakes", RowHeader: "Year", RowCodes: []string{"2023", "2024"}, Rows: []string{"2023", "2024"},
		ColCodes: []string{"a", "b"}, Cols: []string{"Alpha", "Beta"},
		Cells: [][]Cell{{Value(1281, queries.KindCount), WithheldCell(queries.KindCount)},
			{Value(12, queries.KindCount), {Kind: queries.KindCount}}},
		RowTotals: []Cell{Value(1290, queries.KindCount), Value(15, queries.KindCount)},
		ColTotals: []Cell{Value(1293, queries.KindCount), WithheldCell(queries.KindCount)},
		Protected: true, K: 5, Source: "cases", Notes: []string{queries.NoteMarginsProtected}, Total: &total}
}

var total = Value(1300, queries.KindCount)

func TestFormat(t *testing.T) {
	for _, tc := range []struct {
		c      Cell
		de, en string
	}{
		{Value(1281, queries.KindCount), "1.281", "1,281"},
		{Value(0.125, queries.KindShare), "12,5 %", "12.5 %"},
		{Cell{V: 0.118, Lo: 0.091, Hi: 0.151, HasCI: true, State: Shown, Kind: queries.KindRate}, "11,8 % [9,1–15,1]", "11.8 % [9.1–15.1]"},
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

func TestExports(t *testing.T) {
	tab := sample()
	md := Markdown(&tab, schema.DE)
	for _, want := range []string{"### Intakes", "| Year | Alpha | Beta | Gesamt |", "| 2023 | 1.281 | × | 1.290 |",
		"geschützt (Cell-Key-Verfahren, k = 5)", "× unterdrückt"} {
		if !strings.Contains(md, want) {
			t.Errorf("Markdown lacks %q:\n%s", want, md)
		}
	}
	var buf bytes.Buffer
	if err := WriteCSV(&buf, []Tab{tab}, schema.EN); err != nil {
		t.Fatal(err)
	}
	csv := buf.String()
	for _, want := range []string{"t,2023,2023,a,Alpha,1281,shown,count,true,5,cases", "t,2023,2023,b,Beta,,withheld,count,true,5,cases",
		"t,2024,2024,b,Beta,,missing,", "t,total,Total,total,Total,"} {
		if !strings.Contains(csv, want) {
			t.Errorf("CSV lacks %q:\n%s", want, csv)
		}
	}
	tsv := TSV(&tab, schema.EN)
	if !strings.Contains(tsv, "2023\t1,281\t×\t1,290") {
		t.Errorf("TSV:\n%s", tsv)
	}
}
