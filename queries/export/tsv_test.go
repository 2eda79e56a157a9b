package export

import (
	"bytes"
	"strings"
	"testing"

	"lagebild/internal/i18n"
	"lagebild/queries"
	"lagebild/queries/report"
)

// TestTSVPlainNumbersAndIntervalCells: the TSV a spreadsheet reads is the
// same in German and English (no decimal comma, no thousands separator, no
// percent sign), and a rate's interval stands in two cells of its own,
// while Markdown keeps the UI's formats.
func TestTSVPlainNumbersAndIntervalCells(t *testing.T) {
	rate := report.Cell{V: 0.125, Lo: 0.1, Hi: 0.15, HasCI: true, State: report.Shown}
	tab := report.Table{ID: "relapse", Title: "Relapse", RowHeader: "Subgroup", RowDim: "subgroup",
		RowCodes: []string{"a", "b"}, ColCodes: []string{"cases", "rate"}, Rows: []string{"A", "B"},
		Cols: []string{"Cases", "Rate"}, Kind: queries.KindRate,
		ColKinds: []queries.Kind{queries.KindCount, queries.KindRate},
		Cells:    [][]report.Cell{{shownCell(12345), rate}, {shownCell(40), {State: report.Withheld}}},
		K:        5, Protected: true, Source: "cases"}
	var tsv [2]string
	for n, lang := range []i18n.Lang{i18n.DE, i18n.EN} {
		var b bytes.Buffer
		if err := WriteTablesTSV(&b, []report.Table{tab}, lang); err != nil {
			t.Fatal(err)
		}
		lines := strings.Split(b.String(), "\n")
		if got := strings.Split(lines[1], "\t"); len(got) != 5 || got[2] != "Rate" ||
			!strings.HasPrefix(got[3], "Rate · ") || !strings.HasPrefix(got[4], "Rate · ") || got[3] == got[4] {
			t.Errorf("%s header %q: want the rate and its two bounds", lang, got)
		}
		if lines[2] != "A\t12345\t12.5\t10.0\t15.0" || lines[3] != "B\t40\t•\t\t" {
			t.Errorf("%s rows:\n%s\n%s", lang, lines[2], lines[3])
		}
		tsv[n] = strings.Join(lines[2:4], "\n")
	}
	if tsv[0] != tsv[1] {
		t.Errorf("the numbers differ by language:\n%s\n%s", tsv[0], tsv[1])
	}
	var md bytes.Buffer
	if err := WriteTablesMarkdown(&md, []report.Table{tab}, i18n.DE, 2); err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(md.String(), "| A | 12.345 | 12,5 % (10,0–15,0) |") {
		t.Errorf("Markdown should keep the UI's formats:\n%s", md.String())
	}
}
