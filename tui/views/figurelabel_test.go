package views

import (
	"context"
	"strings"
	"testing"

	"lagebild/datasets/figures"

	"github.com/charmbracelet/x/ansi"

	"lagebild/internal/i18n"
	"lagebild/queries"
	"lagebild/tui/common"
	"lagebild/tui/styles"
)

// At 60x20 the overview's public figures are cut to a few cells; no two
// rows may read alike ("Person potentia… 2024" twice, issue #16, 12), and
// a cut label keeps its phenomenon area.
func TestOverviewCutLabelsStayDistinct(t *testing.T) {
	s := sampleStore(t)
	kfs, err := s.KeyFigures(context.Background(), queries.Filter{})
	if err != nil {
		t.Fatal(err)
	}
	for _, lang := range []i18n.Lang{i18n.EN, i18n.DE} {
		d := NewOverviewData(kfs, lang, s.K(), true)
		c := &common.Context{Lang: lang, Styles: styles.New(styles.Theme{Mono: true}), K: s.K()}
		out := ansi.Strip(renderOverview(c, d, State{}, 60, 20))
		var public []queries.KeyFigure
		for _, kf := range OrderedFigures(d) {
			if kf.Kind == queries.KindFigure {
				public = append(public, kf)
			}
		}
		if len(public) < 2 {
			t.Fatalf("%s: the sample has %d public figures", lang, len(public))
		}
		lines := strings.Split(out, "\n")
		seen := map[string]bool{}
		for i, kf := range public {
			line := lines[1+i] // below the section's head
			label := strings.TrimSpace(strings.SplitN(line, "  ", 2)[0])
			if label == "" || seen[label] {
				t.Errorf("%s: row %d reads like another: %q\n%s", lang, i, line, out)
			}
			seen[label] = true
			if full := KeyFigureLabel(kf, lang); label != full && !strings.HasSuffix(label, "…"+phenomenonOf(kf, lang)) &&
				!strings.HasSuffix(label, "…"+figures.PhenomenonLabel(kf.Phenomenon, lang)) {
				t.Errorf("%s: cut label %q lost the phenomenon of %q", lang, label, full)
			}
		}
	}
}

func phenomenonOf(kf queries.KeyFigure, lang i18n.Lang) string {
	full := KeyFigureLabel(kf, lang)
	return full[strings.LastIndex(full, ", ")+2:]
}

// A label cut to w cells is at most w wide, whole when it fits.
func TestKeyFigureLabelInWidth(t *testing.T) {
	s := sampleStore(t)
	kfs, err := s.KeyFigures(context.Background(), queries.Filter{})
	if err != nil {
		t.Fatal(err)
	}
	for _, kf := range kfs {
		full := KeyFigureLabel(kf, i18n.EN)
		for w := 4; w <= 60; w++ {
			got := keyFigureLabelIn(kf, i18n.EN, w)
			if ansi.StringWidth(got) > w {
				t.Errorf("%q in %d: %q is wider", full, w, got)
			}
			if ansi.StringWidth(full) <= w && got != full {
				t.Errorf("%q in %d: cut although it fits: %q", full, w, got)
			}
		}
	}
}
