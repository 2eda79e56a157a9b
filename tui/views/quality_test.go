package views

import (
	"context"
	"testing"

	"lagebild/internal/i18n"
	"lagebild/queries"
	"lagebild/queries/report"
)

// The table "Documentation of outcomes" labels its third row as what it
// is, the share of closures with a documented outcome (issue #16, 2), and
// that share lies between the two counts' ratio bounds of its interval.
func TestQualityOutcomeShareLabel(t *testing.T) {
	ctx := context.Background()
	s := sampleStore(t)
	q, err := s.Quality(ctx, queries.Filter{})
	if err != nil {
		t.Fatal(err)
	}
	byYear, err := s.OutcomeDocumentationByYear(ctx, queries.Filter{})
	if err != nil {
		t.Fatal(err)
	}
	for _, lang := range []i18n.Lang{i18n.EN, i18n.DE} {
		d := NewQualityData(q, byYear, lang)
		o := d.Outcomes
		i := -1
		for j, code := range o.RowCodes {
			if code == "rate" {
				i = j
			}
		}
		if i < 0 {
			t.Fatalf("%s: no share row in %v", lang, o.RowCodes)
		}
		if got, want := o.Rows[i], i18n.T(lang, "q.outcomes.docshare95"); got != want {
			t.Errorf("%s: share row labelled %q, want %q", lang, got, want)
		}
		if o.Rows[i] == i18n.T(lang, "col.rate95") {
			t.Errorf("%s: share of documented outcomes labelled as the relapse rate", lang)
		}
		closed, ok1 := o.Cells[0][0].Float()
		documented, ok2 := o.Cells[1][0].Float()
		share := o.Cells[i][0]
		if !ok1 || !ok2 || share.State != report.Shown || !share.HasCI {
			t.Fatalf("%s: sample counts or share not shown: %+v", lang, o.Cells)
		}
		if r := documented / closed; r < share.Lo || r > share.Hi {
			t.Errorf("%s: documented/closed = %.3f outside the share's interval %.3f–%.3f", lang, r, share.Lo, share.Hi)
		}
	}
}
