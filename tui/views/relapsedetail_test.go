package views

import (
	"context"
	"strings"
	"testing"

	"lagebild/internal/i18n"
	"lagebild/queries"
)

// The relapse rate's sentence (the overview's detail line and the
// accessible overview) gives its interval once, labelled, not also as the
// bare "(lo–hi)" of the table cell (issue #16, 12).
func TestRelapseSentenceGivesItsIntervalOnce(t *testing.T) {
	s := sampleStore(t)
	// Intakes 2014–2016: the closures of the sample's last years have had too
	// little time to relapse for a rate to be shown.
	kfs, err := s.KeyFigures(context.Background(), queries.Filter{FromYear: 2014, ToYear: 2016})
	if err != nil {
		t.Fatal(err)
	}
	found := false
	for _, kf := range kfs {
		lo, hi, ok := kf.Current.CI()
		if kf.Kind != queries.KindRate || !ok {
			continue
		}
		found = true
		for _, lang := range []i18n.Lang{i18n.EN, i18n.DE} {
			sentence := figureSentence(kf, lang)
			// The bounds as the sentence writes them, without the unit.
			loText := i18n.Float(lo*100, 1, lang)
			hiText := i18n.Float(hi*100, 1, lang)
			if n := strings.Count(sentence, loText); n != 1 {
				t.Errorf("%s: lower bound %s appears %d times: %s", lang, loText, n, sentence)
			}
			if n := strings.Count(sentence, hiText); n != 1 {
				t.Errorf("%s: upper bound %s appears %d times: %s", lang, hiText, n, sentence)
			}
			if !strings.Contains(sentence, i18n.T(lang, "ci95")) {
				t.Errorf("%s: interval not labelled: %s", lang, sentence)
			}
		}
	}
	if !found {
		t.Fatal("the sample has no rate with an interval")
	}
}
