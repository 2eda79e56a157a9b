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

// In the table view the sources are listed, each address on a line of
// its own and never broken inside (cut with … when wider), and no line
// points to the table view it is in. A chart's note cut to one line says
// where the whole note is.
func TestCaptionAddressesAndCutNotes(t *testing.T) {
	st := styles.New(styles.Theme{Mono: true})
	long := "https://www.example.org/verfassungsschutz/berichte/2024/rechtsextremismus-personenpotenzial-und-gewaltbereite"
	tab := report.Table{ID: "f", Title: "Figures", Source: "figures", Sources: []queries.Source{
		{Title: "Bericht 2024", Ref: long}, {Title: "Kurz", Ref: "https://example.org/a"}},
		Notes: []string{"a note that is far longer than the narrow width of a chart, so it is cut"}}
	out := Caption(&tab, RenderOptions{Lang: i18n.EN, Styles: st, Width: 60, AllSources: true})
	text := ansi.Strip(strings.Join(out, "\n"))
	if strings.Contains(text, "(table: t)") || !strings.Contains(text, "Sources (2 publications):") {
		t.Errorf("table view caption:\n%s", text)
	}
	var urls []string
	for _, l := range strings.Split(text, "\n") {
		if i := strings.Index(l, "http"); i >= 0 {
			urls = append(urls, strings.TrimSpace(l))
		}
		if ansi.StringWidth(l) > 60 {
			t.Errorf("line wider than 60: %q", l)
		}
	}
	if len(urls) != 2 || !strings.HasPrefix(long, strings.TrimSuffix(urls[0], "…")) || urls[1] != "https://example.org/a" {
		t.Errorf("addresses %q: want each on its own line, the long one cut with …", urls)
	}
	chart := ansi.Strip(strings.Join(Caption(&tab, RenderOptions{Lang: i18n.EN, Styles: st, Width: 40, Compact: true}), "\n"))
	if !strings.Contains(chart, "… (full text: t)") || !strings.Contains(chart, "Sources: 2 publications (table: t)") {
		t.Errorf("chart caption:\n%s", chart)
	}
}
