package queries

import (
	"context"
	"fmt"
	"testing"

	"lagebild/datasets/store"
	"lagebild/queries/sdc"
)

type storeCase = store.Case

func TestCatalogueCountsExact(t *testing.T) {
	cases := []storeCase{
		mkCase("a1", "DE-BE", "right_wing", 2020, "14_17"),
		mkCase("a2", "DE-BE", "right_wing", 2020, "14_17"),
		mkCase("a3", "DE-BY", "right_wing", 2020, "18_20"),
		mkCase("a4", "DE-BY", "islamist", 2020, "21_24"),
		mkCase("a5", "DE-BE", "right_wing", 2021, "14_17"),
		mkCase("a6", "DE-HH", "right_wing", 2021, "30_39"),
		mkCase("a7", "DE-BE", "left_wing", 2021, "40_plus"),
		closedCase("c1", 2019, 6, "distanced", "none", true),
		closedCase("c2", 2019, 10, "distanced", "none", true),
		closedCase("c3", 2019, 14, "exited", "extremist_offence", false),
		closedCase("c4", 2020, 4, "no_change", "unknown", false),
		closedCase("c5", 2020, 8, "distanced", "violent_offence", true),
		closedCase("c6", 2020, 12, "distanced", "none", false),
	}
	// no follow-up, so that every closed case counts in the relapse base
	// (the follow-up rule: TestRelapseFollowUp)
	s := openCasesWith(t, cases, OpenOptions{FollowUpMonths: ptr(0)})
	ctx := context.Background()

	x, err := s.crossExact(ctx, crossSpec{row: DimIntakeYear, col: DimPhenomenon, year: yearIntake, base: baseAll}, Filter{})
	if err != nil {
		t.Fatal(err)
	}
	wantRows := []string{"2019", "2020", "2021"}
	if !equal(x.rows, wantRows) {
		t.Fatalf("rows %v, want %v", x.rows, wantRows)
	}
	// closed cases are right_wing with intake 2019 (3) and 2020 (3)
	checks := map[[2]string]int64{
		{"2019", "right_wing"}: 3, {"2020", "right_wing"}: 6, {"2020", "islamist"}: 1,
		{"2021", "right_wing"}: 2, {"2021", "left_wing"}: 1, {"2021", "islamist"}: 0,
	}
	for k, want := range checks {
		if got := x.cells[k].n; got != want {
			t.Errorf("cell %v = %d, want %d", k, got, want)
		}
	}
	if x.rowTotals["2020"].n != 7 || x.colTotals["right_wing"].n != 11 || x.total.n != 13 {
		t.Errorf("margins: 2020=%d right_wing=%d total=%d, want 7, 11, 13",
			x.rowTotals["2020"].n, x.colTotals["right_wing"].n, x.total.n)
	}

	// filter: BE only, the period 2020–2022 (no case in 2022)
	x, err = s.crossExact(ctx, crossSpec{row: DimIntakeYear, col: DimAgeBand, year: yearIntake, base: baseAll},
		Filter{FromYear: 2020, ToYear: 2022, States: []string{"DE-BE"}})
	if err != nil {
		t.Fatal(err)
	}
	// BE 2020: a1, a2 (14_17), c4, c5, c6 (18_20); BE 2021: a5 (14_17), a7 (40_plus)
	if x.cells[[2]string{"2020", "14_17"}].n != 2 || x.cells[[2]string{"2020", "18_20"}].n != 3 ||
		x.cells[[2]string{"2021", "14_17"}].n != 1 || x.cells[[2]string{"2021", "40_plus"}].n != 1 || x.total.n != 7 {
		t.Errorf("filtered age table wrong: %+v total %d", x.cells, x.total.n)
	}

	// closures by closing year × outcome: c1 closes 2019-09, c2 2020-01,
	// c3 2020-05, c4 2020-07, c5 2020-11, c6 2021-03
	x, err = s.crossExact(ctx, crossSpec{row: DimClosedYear, col: DimOutcome, year: yearClosed, base: baseClosed}, Filter{})
	if err != nil {
		t.Fatal(err)
	}
	if x.cells[[2]string{"2019", "distanced"}].n != 1 || x.cells[[2]string{"2020", "distanced"}].n != 2 ||
		x.cells[[2]string{"2020", "exited"}].n != 1 || x.cells[[2]string{"2020", "no_change"}].n != 1 ||
		x.cells[[2]string{"2021", "distanced"}].n != 1 || x.total.n != 6 {
		t.Errorf("closures wrong: %+v", x.cells)
	}

	// relapse base: closed with known relapse = c1,c2,c3,c5,c6 (c4 unknown);
	// relapsed: c3, c5. multi_agency yes: c1,c2,c5 (1 relapse); no: c3,c6 (1).
	x, err = s.crossExact(ctx, crossSpec{row: DimMultiAgency, col: DimRelapse, year: yearClosed, base: baseRelapse}, Filter{})
	if err != nil {
		t.Fatal(err)
	}
	if x.rowTotals["yes"].n != 3 || relapseOf(x, "yes").headline.n != 1 ||
		x.rowTotals["no"].n != 2 || relapseOf(x, "no").headline.n != 1 {
		t.Errorf("relapse wrong: %+v %+v", x.cells, x.rowTotals)
	}
}

// TestMedianDuration: a well-filled group shows the median of its
// durations (every bin is large, so the protected bins keep the middle
// where it is); groups whose protected base is below the minimum base of
// derived figures (sdc.Params.MinDerivedBase, 10) show none.
func TestMedianDuration(t *testing.T) {
	var cases []storeCase
	add := func(prefix string, n, months int, outcome string) {
		for i := range n {
			cases = append(cases, closedCase(fmt.Sprintf("%s-%d", prefix, i), 2019, months, outcome, "none", true))
		}
	}
	add("d6", 10, 6, "distanced")
	add("d12", 12, 12, "distanced")
	add("d24", 10, 24, "distanced")
	add("s", 7, 9, "stabilised") // shown base at most 9 < 10
	add("e", 1, 2, "exited")
	p := sdc.DefaultParams()
	s := openCases(t, cases, &p)
	tab, err := s.Run(context.Background(), QMedianDurationByOutcome, Filter{})
	if err != nil {
		t.Fatal(err)
	}
	for i, o := range tab.Rows() {
		base := tab.Cell(i, 0)
		med := tab.Cell(i, 1)
		switch o {
		case "distanced":
			if n, ok := base.Int(); !ok || n < 30 {
				t.Fatalf("base of 32 published as %v", base)
			}
			if m, ok := med.Float(); !ok || m != 12 {
				t.Errorf("median distanced = %v, want 12", med)
			}
		case "stabilised", "exited":
			if med.Shown() {
				t.Errorf("%s: median of a group of at most 7 shown: %v (base %v)", o, med, base)
			}
		}
	}
}

func equal(a, b []string) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if a[i] != b[i] {
			return false
		}
	}
	return true
}
