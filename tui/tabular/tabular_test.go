package tabular

import (
	"strings"
	"testing"

	"lagebild/internal/i18n"

	"github.com/charmbracelet/x/ansi"

	"lagebild/queries"
	"lagebild/queries/report"
	"lagebild/tui/styles"
)

func sample() report.Table {
	return report.Table{ID: "t", Title: "Intakes", RowHeader: "Year", RowCodes: []string{"2023", "2024"}, Rows: []string{"2023", "2024"},
		ColCodes: []string{"a", "b"}, Cols: []string{"Alpha", "Beta"},
		Cells: [][]report.Cell{{report.Value(1281, queries.KindCount), report.WithheldCell(queries.KindCount)},
			{report.Value(12, queries.KindCount), {Kind: queries.KindCount}}},
		RowTotals: []report.Cell{report.Value(1290, queries.KindCount), report.Value(15, queries.KindCount)},
		ColTotals: []report.Cell{report.Value(1293, queries.KindCount), report.WithheldCell(queries.KindCount)},
		Kind:      queries.KindCount, Protected: true, K: 5, Source: "cases", Notes: []string{queries.NoteMarginsProtected}, Total: &total}
}

var total = report.Value(1300, queries.KindCount)

func TestFormat(t *testing.T) {
	for _, tc := range []struct {
		c      report.Cell
		de, en string
	}{
		{report.Value(1281, queries.KindCount), "1.281", "1,281"},
		{report.Value(0.125, queries.KindShare), "12,5 %", "12.5 %"},
		{report.Cell{V: 0.118, Lo: 0.091, Hi: 0.151, HasCI: true, State: report.Shown, Kind: queries.KindRate}, "11,8 % (9,1–15,1)", "11.8 % (9.1–15.1)"},
		{report.WithheldCell(queries.KindCount), styles.MarkWithheld, styles.MarkWithheld},
		{report.Cell{Kind: queries.KindCount}, styles.MarkMissing, styles.MarkMissing},
		{report.Value(2024, report.KindYear), "2024", "2024"},
		{report.Value(-0.049, report.KindPP), "−4,9 Pp.", "−4.9 pp"},
		{report.Value(0.238, report.KindChange), "+23,8 %", "+23.8 %"},
	} {
		if got := Format(tc.c, i18n.DE); got != tc.de {
			t.Errorf("DE %v = %q, want %q", tc.c, got, tc.de)
		}
		if got := Format(tc.c, i18n.EN); got != tc.en {
			t.Errorf("EN %v = %q, want %q", tc.c, got, tc.en)
		}
	}
}

func TestRenderSaysProtectionAndLegend(t *testing.T) {
	tab := sample()
	st := styles.New(styles.Theme{Mono: true})
	for _, w := range []int{80, 34} {
		out := ansi.Strip(Render(&tab, RenderOptions{Lang: i18n.EN, Styles: st, Width: w}))
		for _, want := range []string{"protected (cell key method, k", styles.MarkWithheld + " withheld (fewer than k = 5)", "– no data", "1,281", "Total"} {
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
