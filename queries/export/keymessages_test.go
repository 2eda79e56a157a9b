package export

import (
	"context"
	"strings"
	"testing"

	"lagebild/datasets/sample"
	"lagebild/internal/i18n"
	"lagebild/queries"
	"lagebild/queries/report"
)

// briefOfSample is a briefing of the sample's key figures for the filter
// at their latest years, with the AfD component as a context figure.
func briefOfSample(t *testing.T, f queries.Filter) (*Brief, []queries.KeyFigure) {
	t.Helper()
	ctx := context.Background()
	s, err := queries.Open(ctx, queries.OpenOptions{Fill: sample.Fill(nil)})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { s.Close() })
	kfs, err := s.KeyFigures(ctx, f)
	if err != nil {
		t.Fatal(err)
	}
	afd, err := s.PublicKeyFigure(ctx, "person_potential_afd_component", "right_wing")
	if err != nil {
		t.Fatal(err)
	}
	b := &Brief{Filter: f, K: s.K()}
	for _, kf := range kfs {
		b.KeyFigures = append(b.KeyFigures, KeyFigureAt(kf, 0))
	}
	b.Context = append(b.Context, KeyFigureAt(afd, 0))
	return b, kfs
}

// TestKeyMessagesSayTheNumbers: each message carries its figure's current
// and previous value as the key figures table writes them, the year, and
// the AfD members for the right-wing person potential.
func TestKeyMessagesSayTheNumbers(t *testing.T) {
	b, _ := briefOfSample(t, queries.Filter{})
	for _, lang := range []i18n.Lang{i18n.EN, i18n.DE} {
		msgs := b.KeyMessages(lang)
		if len(msgs) < 3 || len(msgs) > 5 {
			t.Fatalf("%s: %d key messages, want 3–5: %q", lang, len(msgs), msgs)
		}
		for i, id := range messageFigures {
			kf := b.keyFigure(id)
			if kf == nil || kf.Current.State != report.Shown {
				continue
			}
			m := msgs[i]
			want := []string{formatKeyValue(kf.Current, kf, lang)}
			if id == "case:relapse_rate" {
				want = []string{i18n.Percent(kf.Current.V, lang), i18n.Percent(kf.Current.Lo, lang), i18n.Percent(kf.Current.Hi, lang)}
			}
			if kf.Previous.State == report.Shown {
				want = append(want, formatKeyValue(kf.Previous, kf, lang))
			}
			for _, w := range want {
				// a rate's value without its interval
				w, _, _ = strings.Cut(w, " (")
				if !strings.Contains(m, w) {
					t.Errorf("%s %s: %q lacks %q", lang, id, m, w)
				}
			}
		}
		afd := b.keyFigure(AfDComponentID)
		if !strings.Contains(msgs[0], i18n.Number(afd.Current.V, lang)) {
			t.Errorf("%s: the right-wing message does not name the AfD members: %q", lang, msgs[0])
		}
	}
}

// TestKeyMessageLeftOutWhenWithheld: a withheld case figure has no
// message, and none of its numbers appears.
func TestKeyMessageLeftOutWhenWithheld(t *testing.T) {
	b, _ := briefOfSample(t, queries.Filter{})
	before := len(b.KeyMessages(i18n.EN))
	kf := b.keyFigure("case:intakes")
	shown := FormatCell(kf.Current, queries.KindCount, i18n.EN)
	kf.Current = report.Cell{State: report.Withheld}
	msgs := b.KeyMessages(i18n.EN)
	if len(msgs) != before-1 {
		t.Fatalf("%d messages after withholding the intakes, want %d", len(msgs), before-1)
	}
	for _, m := range msgs {
		if strings.Contains(m, bt(i18n.EN, "m.case:intakes")) || strings.Contains(m, " "+shown+" ") {
			t.Errorf("a message speaks of the withheld intakes: %q", m)
		}
	}
}

// TestKeyMessagesRounded: --round says "about" and two significant
// digits.
func TestKeyMessagesRounded(t *testing.T) {
	b, _ := briefOfSample(t, queries.Filter{})
	b.Round = true
	kf := b.keyFigure("figure:person_potential:right_wing")
	want := "about " + i18n.Number(roundSignificant(kf.Current.V, 2), i18n.EN)
	if m := b.KeyMessages(i18n.EN)[0]; !strings.Contains(m, want) || strings.Contains(m, i18n.Number(kf.Current.V, i18n.EN)+" ") {
		t.Errorf("rounded message %q, want %q", m, want)
	}
	for v, want := range map[float64]float64{50250: 50000, 28280: 28000, 1281: 1300, 614: 610, 95: 95} {
		if got := roundSignificant(v, 2); got != want {
			t.Errorf("roundSignificant(%v) = %v, want %v", v, got, want)
		}
	}
}
