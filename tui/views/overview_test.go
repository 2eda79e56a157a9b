package views

import (
	"context"
	"strings"
	"testing"

	"github.com/charmbracelet/x/ansi"

	"lagebild/internal/i18n"
	"lagebild/queries"
	"lagebild/tui/common"
	"lagebild/tui/styles"
)

// The overview says the years its sparklines cover at every width that
// shows them, and explains their blanks (issue #16, 7).
func TestOverviewSparklinesSayTheirYears(t *testing.T) {
	s := sampleStore(t)
	kfs, err := s.KeyFigures(context.Background(), queries.Filter{})
	if err != nil {
		t.Fatal(err)
	}
	first, last := trendWindow(kfs, 12)
	if first == 0 || last < first {
		t.Fatalf("no years in the sample's key figures: %d–%d", first, last)
	}
	d := NewOverviewData(kfs, i18n.EN, s.K(), true)
	c := &common.Context{Lang: i18n.EN, Styles: styles.New(styles.Theme{Mono: true}), K: s.K()}
	for w := 60; w <= 170; w += 10 {
		for _, h := range []int{24, 40} {
			out := ansi.Strip(renderOverview(c, d, State{}, w, h))
			if !strings.ContainsAny(out, "▁▂▃▄▅▆▇█") {
				continue
			}
			if !strings.Contains(out, "–2025") && !strings.Contains(out, "–25") {
				t.Errorf("%dx%d: sparklines without their year range:\n%s", w, h, out)
			}
			if !strings.Contains(strings.Join(strings.Fields(out), " "), "blank: no figure for that year") {
				t.Errorf("%dx%d: blanks not explained:\n%s", w, h, out)
			}
		}
	}
}
