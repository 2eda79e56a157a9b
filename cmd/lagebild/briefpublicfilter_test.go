package main

import (
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"
)

// TestBriefSaysPublicFiguresIgnoreTheFilter: with a filter set, every
// format with words says that the public figures ignore it (Markdown,
// HTML, the xlsx case-data sheet) and the JSON says so in its coverage.
func TestBriefSaysPublicFiguresIgnoreTheFilter(t *testing.T) {
	for _, c := range []struct {
		args []string
		says string
	}{
		{[]string{"--lang", "en", "--phenomenon", "islamist"}, "The public figures in block 2 ignore this filter."},
		{[]string{"--lang", "de", "--phenomenon", "islamist"}, "Die veröffentlichten Zahlen in Block 2 gelten unabhängig von diesem Filter."},
	} {
		doc := decodeBrief(t, briefIn(t, "json", c.args))
		if !doc.Coverage.FilterIgnoredByPublic || !strings.Contains(doc.Coverage.FilterText, "slam") {
			t.Errorf("%v: json coverage %+v", c.args, doc.Coverage)
		}
		if md := briefIn(t, "md", c.args); !strings.Contains(md, c.says) {
			t.Errorf("%v: the Markdown does not say %q", c.args, c.says)
		}
		if page := briefIn(t, "html", c.args); !strings.Contains(page, htmlText(c.says)) {
			t.Errorf("%v: the HTML does not say %q", c.args, c.says)
		}
		f, err := excelize.OpenReader(strings.NewReader(briefIn(t, "xlsx", c.args)))
		if err != nil {
			t.Fatal(err)
		}
		rows, _ := f.GetRows(f.GetSheetList()[3])
		found := false
		for _, r := range rows {
			found = found || strings.Contains(strings.Join(r, " "), c.says)
		}
		if !found {
			t.Errorf("%v: the xlsx case-data sheet does not say %q", c.args, c.says)
		}
	}
}
