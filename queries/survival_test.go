package queries

import (
	"context"
	"fmt"
	"math"
	"slices"
	"testing"
	"time"

	"lagebild/datasets/store"
)

// TestKaplanMeierByHand checks the estimate against one computed by hand.
//
// Times 0…3; events d = (1, 0, 2, 1), censored c = (0, 1, 1, 0).
// At risk n_j = Σ_{i≥j} (d_i + c_i):
//
//	n_3 = 1, n_2 = 1 + 3 = 4, n_1 = 4 + 1 = 5, n_0 = 5 + 1 = 6.
//
// S(0) = 1 − 1/6 = 5/6; S(1) = 5/6 (no event; the case censored at 1
// leaves afterwards); S(2) = 5/6 · (1 − 2/4) = 5/12; S(3) = 5/12 · (1 − 1/1) = 0.
func TestKaplanMeierByHand(t *testing.T) {
	surv, atRisk := kaplanMeier([]float64{1, 0, 2, 1}, []float64{0, 1, 1, 0})
	wantSurv := []float64{5.0 / 6, 5.0 / 6, 5.0 / 12, 0}
	wantRisk := []float64{6, 5, 4, 1}
	for j := range wantSurv {
		if math.Abs(surv[j]-wantSurv[j]) > 1e-12 || atRisk[j] != wantRisk[j] {
			t.Errorf("time %d: S = %v, n = %v; want %v, %v", j, surv[j], atRisk[j], wantSurv[j], wantRisk[j])
		}
	}
}

// survivalFixture holds 200 cases with known times, the reference month
// 2024-03 (the latest closing month):
//
//	quarter 0:  60 closed after 1 month (intake 2024-02)
//	quarter 1:  30 open since 2023-11 (4 months at the reference month)
//	quarter 2:  40 closed after 7 months
//	quarter 9:  50 closed after 28 months
//	quarter 13: 20 open since 2020-11 (40 months)
//
// By hand: at risk 200 (q0), 140 (q1), 110 (q2), 70 (q3–q9), 20 (q10–q13);
// S(q0) = 140/200 = 0.7, S(q2) = 0.7 · 70/110 = 0.44545…, S(q9) =
// 0.44545 · 20/70 = 0.12727…. The first quartile of the time is the end of
// quarter 0 (3 months), the median the end of quarter 2 (9 months), the
// third quartile the end of quarter 9 (30 months); the share still in
// counselling at 24 months is S(q7) = S(q2) = 0.44545….
func survivalFixture() []store.Case {
	var cases []store.Case
	n := 0
	add := func(count int, intake time.Time, closedAfter int) {
		for range count {
			n++
			c := mkCase(fmt.Sprintf("S%03d", n), "DE-BE", "right_wing", 2020, "18_20")
			c.Intake = intake
			if closedAfter >= 0 {
				c.Status = "closed_regular"
				cl := intake.AddDate(0, closedAfter, 0)
				c.Closed = &cl
				c.Outcome = ptr("distanced")
			}
			cases = append(cases, c)
		}
	}
	add(60, store.Month(2024, time.February), 1)
	add(30, store.Month(2023, time.November), -1)
	add(40, store.Month(2020, time.March), 7)
	add(50, store.Month(2020, time.March), 28)
	add(20, store.Month(2020, time.November), -1)
	return cases
}

func TestDurationQuartilesOnFixture(t *testing.T) {
	s := openCases(t, survivalFixture(), nil)
	ctx := context.Background()
	ref, err := s.ReferenceMonth(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if ref.Year() != 2024 || ref.Month() != time.March {
		t.Fatalf("reference month %v, want 2024-03", ref)
	}
	tab, err := s.Run(ctx, QDurationQuartiles, Filter{})
	if err != nil {
		t.Fatal(err)
	}
	all := indexOf(tab.Rows(), StratumAll)
	want := map[string]float64{ColQ1Months: 3, ColMedianMonths: 9, ColQ3Months: 30}
	for col, w := range want {
		got, ok := tab.Cell(all, indexOf(tab.Cols(), col)).Float()
		if !ok || got != w {
			t.Errorf("%s = %v (shown %v), want %v", col, got, ok, w)
		}
	}
	// Each quarter cell moves by at most D = 2: the share at 24 months
	// stays within a few points of the exact 0.44545.
	over, ok := tab.Cell(all, indexOf(tab.Cols(), ColOver24)).Float()
	if !ok || math.Abs(over-0.7*70/110) > 0.03 {
		t.Errorf("over 24 months = %v (shown %v), want about %.4f", over, ok, 0.7*70/110)
	}
	// No case has a high risk: its stratum has no estimate.
	high := indexOf(tab.Rows(), "risk_level:high_risk")
	if v := tab.Cell(high, indexOf(tab.Cols(), ColMedianMonths)); !v.Withheld() {
		t.Errorf("median of an empty stratum: %v, want withheld", v)
	}
	if !hasNote(tab, NoteMonitoringNotEffect) {
		t.Error("the quartiles compare groups and must carry the monitoring note")
	}

	curve, err := s.Run(ctx, QDurationSurvival, Filter{})
	if err != nil {
		t.Fatal(err)
	}
	// Rows are months 0, 3, …, 42 (14 published quarters: 20 remain at
	// risk to the last one).
	if got := len(curve.Rows()); got != 15 {
		t.Fatalf("curve rows %v, want 0 … 42", curve.Rows())
	}
	col := indexOf(curve.Cols(), StratumAll)
	exact := []float64{1, 0.7, 0.7, 0.7 * 70 / 110}
	for i, w := range exact {
		got, ok := curve.Cell(i, col).Float()
		if !ok || math.Abs(got-w) > 0.03 {
			t.Errorf("S at %s months = %v, want about %.4f", curve.Rows()[i], got, w)
		}
	}
}

func hasNote(t *Table, note string) bool { return slices.Contains(t.Notes(), note) }
