package queries

import (
	"context"
	"fmt"
	"math"
	"testing"
	"time"

	"lagebild/datasets/store"
)

// evaluatorFixture: provider P1 (old) and P2 (young), reference month
// 2024-06 (P2's last intake).
//
//	P1: 40 right-wing cases of 2019, closed after 12 months, returnee blank
//	    (does not apply), every other optional column filled;
//	    20 Islamist cases of 2019, open, returnee filled, contacts blank.
//	P2: 30 right-wing cases of 2024-06, open, complete.
//
// By hand: P1 complete where applicable 40 of 60 (the 20 Islamist cases
// lack contacts); returnee completeness 20/20 = 100 % (not 20/60); the
// cohort (intakes up to 2022-06) is all 60 P1 cases, 40 of them closed
// within 24 months: 2/3. P2 has no cohort: its share is withheld, not 0.
func evaluatorFixture() []store.Case {
	var cases []store.Case
	n := 0
	add := func(count int, provider, phen string, intake time.Time, closedAfter int, returnee *bool, contacts *int32) {
		for range count {
			n++
			c := mkCase(fmt.Sprintf("E%03d", n), "DE-BE", phen, 2019, "18_20")
			c.Provider, c.Intake = provider, intake
			c.Gender, c.IntrinsicMotivation, c.Custody, c.MultiAgency = ptr("male"), ptr(true), ptr(false), ptr(true)
			c.Returnee, c.Contacts = returnee, contacts
			if closedAfter >= 0 {
				c.Status = "closed_regular"
				cl := intake.AddDate(0, closedAfter, 0)
				c.Closed, c.Outcome, c.Relapse = &cl, ptr("distanced"), ptr("none")
			}
			cases = append(cases, c)
		}
	}
	add(40, "P1", "right_wing", store.Month(2019, time.March), 12, nil, ptr[int32](10))
	add(20, "P1", "islamist", store.Month(2019, time.May), -1, ptr(false), nil)
	add(30, "P2", "right_wing", store.Month(2024, time.June), -1, nil, ptr[int32](3))
	return cases
}

func TestEvaluatorProvidersOnFixture(t *testing.T) {
	s := openCases(t, evaluatorFixture(), nil)
	ctx := context.Background()
	tab, err := s.Run(ctx, QEvaluatorProviders, Filter{})
	if err != nil {
		t.Fatal(err)
	}
	if got := fmt.Sprint(tab.Rows()); got != "[P1 P2 all]" {
		t.Fatalf("rows %s", got)
	}
	cell := func(row, col string) Value { return tab.Cell(indexOf(tab.Rows(), row), indexOf(tab.Cols(), col)) }
	near := func(name string, v Value, want, tol float64) {
		t.Helper()
		got, ok := v.Float()
		if !ok || math.Abs(got-want) > tol {
			t.Errorf("%s = %v (shown %v), want %v ± %v", name, got, ok, want, tol)
		}
	}
	// Counts move by at most D = 2; shares of counts of 20–60 by a few points.
	near("P1 complete", cell("P1", ColCompleteShare), 40.0/60, 0.06)
	near("P2 complete", cell("P2", ColCompleteShare), 1, 0.001)
	near("P1 cohort", cell("P1", ColCohortIntakes), 60, 2)
	near("P1 closed within 24 months", cell("P1", ColClosed24Share), 2.0/3, 0.06)
	if v := cell("P2", ColCohortIntakes); !v.Shown() || v.v != 0 {
		t.Errorf("P2 cohort %v, want a shown 0", v)
	}
	if v := cell("P2", ColClosed24Share); !v.Withheld() {
		t.Errorf("P2 closed within 24 months %v, want withheld (no cohort)", v)
	}
	comp, err := s.Run(ctx, QCompletenessByProvider, Filter{})
	if err != nil {
		t.Fatal(err)
	}
	ret := comp.Cell(indexOf(comp.Rows(), "P1"), indexOf(comp.Cols(), "returnee"))
	near("P1 returnee completeness where it applies", ret, 1, 0.001)
	if v := comp.Cell(indexOf(comp.Rows(), "P2"), indexOf(comp.Cols(), "returnee")); !v.Withheld() {
		t.Errorf("P2 returnee completeness %v: no case it applies to, want withheld", v)
	}
	for _, tb := range []*Table{tab, comp} {
		if !hasNote(tb, NoteMonitoringNotEffect) {
			t.Errorf("%s compares providers and must carry the monitoring note", tb.Name())
		}
	}
}
