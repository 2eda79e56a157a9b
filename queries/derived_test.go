package queries

import (
	"context"
	"math"
	"slices"
	"strconv"
	"testing"

	"lagebild/datasets/figures"
	"lagebild/datasets/store"
)

// derivedCases are random cases over 2015–2024 plus a year (2030) of
// seven minors, too few for any share of that year.
func derivedCases() []store.Case {
	cases := randomCases(23, 1500)
	for i := range 7 {
		cases = append(cases, mkCase("SMALL-"+strconv.Itoa(i), "DE-BE", "islamist", 2030, "14_17"))
	}
	return cases
}

// wantShare checks a derived share against the protected counts it is
// made of: num/den (clamped to 1) when den is shown and at least the
// minimum base, missing when den is a shown 0, withheld otherwise.
func wantShare(t *testing.T, what string, share, num, den Value, minBase int64) {
	t.Helper()
	n, okN := num.Float()
	d, okD := den.Float()
	switch {
	case okD && d == 0:
		if !share.Missing() {
			t.Errorf("%s: share %+v of a base of 0", what, share)
		}
	case okN && okD && d >= float64(minBase):
		got, ok := share.Float()
		if !ok || math.Abs(got-min(n/d, 1)) > 1e-12 {
			t.Errorf("%s: share %+v, want %v/%v", what, share, n, d)
		}
	default:
		if !share.Withheld() {
			t.Errorf("%s: share %+v of %+v/%+v not withheld", what, share, num, den)
		}
	}
}

// TestMinorsByYear: the minors are the protected count a filter on the
// minor age bands publishes, the intakes the protected row totals of the
// intakes by age band, and the share their ratio, withheld below the
// minimum base (the year of seven minors).
func TestMinorsByYear(t *testing.T) {
	s := openCases(t, derivedCases(), nil)
	ctx := context.Background()
	tab, err := s.MinorsByYear(ctx, Filter{})
	if err != nil {
		t.Fatal(err)
	}
	byBand, err := s.Run(ctx, QIntakesByYearAgeBand, Filter{})
	if err != nil {
		t.Fatal(err)
	}
	minors, err := s.Counts(ctx, DimIntakeYear, DimAll, Filter{AgeBands: AgeGroups["minors"]})
	if err != nil {
		t.Fatal(err)
	}
	if !slices.Equal(tab.Rows(), byBand.Rows()) || !slices.Equal(tab.Cols(), []string{ColMinors, ColIntakes, ColShare}) {
		t.Fatalf("rows %v cols %v", tab.Rows(), tab.Cols())
	}
	minBase := s.params.MinDerivedBase()
	withheldSeen := false
	for i, y := range tab.Rows() {
		total, _ := byBand.RowTotal(i)
		if tab.Cell(i, 1) != total {
			t.Errorf("%s: intakes %+v, row total %+v", y, tab.Cell(i, 1), total)
		}
		if r := slices.Index(minors.Rows(), y); r < 0 || tab.Cell(i, 0) != minors.Cell(r, 0) {
			t.Errorf("%s: minors %+v are not the protected count of minors", y, tab.Cell(i, 0))
		}
		wantShare(t, y, tab.Cell(i, 2), tab.Cell(i, 0), tab.Cell(i, 1), minBase)
		withheldSeen = withheldSeen || tab.Cell(i, 2).Withheld()
	}
	if !withheldSeen {
		t.Error("no share withheld: the year of seven minors has a share")
	}

	// An age filter without minors: no minors, no shares, and a note.
	adults, err := s.MinorsByYear(ctx, Filter{AgeBands: AgeGroups["adults"]})
	if err != nil {
		t.Fatal(err)
	}
	for i := range adults.Rows() {
		if !adults.Cell(i, 0).Missing() || !adults.Cell(i, 2).Missing() || !adults.Cell(i, 1).Shown() {
			t.Errorf("adults %s: %+v", adults.Rows()[i], adults.Cell(i, 0))
		}
	}
	if !slices.Contains(adults.Notes(), NoteMinorsExcluded) {
		t.Errorf("adults: notes %v", adults.Notes())
	}
}

// TestOutcomeDocumentationByYear: the documented count of a closing year
// is one protected count of its own: the cell key method applied to the
// documented closures' exact count and key (not a sum of the published
// outcome cells), the count a store of just those closures publishes; the
// share is its ratio to the protected closures.
func TestOutcomeDocumentationByYear(t *testing.T) {
	cases := derivedCases()
	s := openCases(t, cases, nil)
	ctx := context.Background()
	tab, err := s.OutcomeDocumentationByYear(ctx, Filter{})
	if err != nil {
		t.Fatal(err)
	}
	closures, err := s.Run(ctx, QClosuresByYearOutcome, Filter{})
	if err != nil {
		t.Fatal(err)
	}
	// the documented closures by closing year, exactly, in Go
	type exact struct {
		n  int64
		ck uint64
	}
	documented := map[string]exact{}
	var docCases []store.Case
	for _, c := range cases {
		if c.Closed == nil || (c.Status != "closed_regular" && c.Status != "closed_aborted") ||
			c.Outcome == nil || *c.Outcome == "unknown" {
			continue
		}
		y := strconv.Itoa(c.Closed.Year())
		e := documented[y]
		documented[y] = exact{e.n + 1, (e.ck + fixtureKey(c.CaseID)%(1<<32)) % (1 << 32)}
		docCases = append(docCases, c)
	}
	tb := defaultTable(t)
	onlyDocumented, err := openCases(t, docCases, nil).Run(ctx, QClosuresByYearOutcome, Filter{})
	if err != nil {
		t.Fatal(err)
	}
	minBase := s.params.MinDerivedBase()
	perturbed, notASum := false, false
	for i, y := range tab.Rows() {
		total, _ := closures.RowTotal(i)
		if tab.Cell(i, 0) != total {
			t.Errorf("%s: closures %+v, row total %+v", y, tab.Cell(i, 0), total)
		}
		e := documented[y]
		v, held := tb.ProtectU32(e.n, uint32(e.ck))
		want := shown(float64(v))
		if held {
			want = withheld()
		}
		if got := tab.Cell(i, 1); got != want {
			t.Errorf("%s: documented %+v, want the protected count %+v of %d", y, got, want, e.n)
		}
		if r := slices.Index(onlyDocumented.Rows(), y); r >= 0 {
			if other, _ := onlyDocumented.RowTotal(r); other != tab.Cell(i, 1) {
				t.Errorf("%s: documented %+v, the store of the documented closures publishes %+v", y, tab.Cell(i, 1), other)
			}
		}
		perturbed = perturbed || (!held && v != e.n)
		sum := 0.0
		for j, o := range closures.Cols() {
			if f, ok := closures.Cell(i, j).Float(); ok && documentedOutcome(o) {
				sum += f
			}
		}
		notASum = notASum || (!held && float64(v) != sum)
		wantShare(t, y, tab.Cell(i, 2), tab.Cell(i, 1), tab.Cell(i, 0), minBase)
	}
	if !perturbed {
		t.Error("every documented count is exact: not protected")
	}
	if !notASum {
		t.Error("every documented count is the sum of the published outcome cells")
	}
}

// TestPartShares: each part's share of a year's bar is its protected
// count over the sum of the year's shown parts; every share of a year
// whose protected total is below the minimum base is withheld, and a year
// without any shown part has none.
func TestPartShares(t *testing.T) {
	s := openCases(t, derivedCases(), nil)
	counts, err := s.Run(context.Background(), QIntakesByYearAgeBand, Filter{})
	if err != nil {
		t.Fatal(err)
	}
	shares := PartShares(counts)
	if shares.Kind() != KindShare || !slices.Equal(shares.Rows(), counts.Rows()) || !slices.Equal(shares.Cols(), counts.Cols()) {
		t.Fatalf("shares %s %v × %v", shares.Kind(), shares.Rows(), shares.Cols())
	}
	minBase := s.params.MinDerivedBase()
	smallSeen := false
	for i, y := range counts.Rows() {
		sum := 0.0
		for j := range counts.Cols() {
			if f, ok := counts.Cell(i, j).Float(); ok {
				sum += f
			}
		}
		total, _ := counts.RowTotal(i)
		n, ok := total.Int()
		small := !ok || n < minBase
		smallSeen = smallSeen || (small && sum > 0)
		for j, b := range counts.Cols() {
			c, sh := counts.Cell(i, j), shares.Cell(i, j)
			switch {
			case c.Missing() || sum == 0:
				if !sh.Missing() {
					t.Errorf("%s %s: share %+v of no data", y, b, sh)
				}
			case small || c.Withheld():
				if !sh.Withheld() {
					t.Errorf("%s %s: share %+v of %+v (total %+v) not withheld", y, b, sh, c, total)
				}
			default:
				v, _ := c.Float()
				if got, ok := sh.Float(); !ok || math.Abs(got-v/sum) > 1e-12 {
					t.Errorf("%s %s: share %+v, want %v/%v", y, b, sh, v, sum)
				}
			}
		}
	}
	if !smallSeen {
		t.Error("no year below the minimum base")
	}
}

// TestViolenceOrientedShare: the share is the published violence-oriented
// persons over the published person potential of the same year and
// phenomenon, missing where either is not published; the sources of both
// are carried.
func TestViolenceOrientedShare(t *testing.T) {
	fig := func(ind string, year int, ph string, v float64, src string) figures.Figure {
		return figures.Figure{Year: year, Indicator: ind, Phenomenon: ph, Value: v, Unit: "persons",
			Source: src, SourceRef: "https://example.org/" + src}
	}
	s := openFigures(t, []figures.Figure{
		fig("person_potential", 2021, "right_wing", 1000, "vsb21"),
		fig("person_potential", 2022, "right_wing", 1200, "vsb22"),
		fig("person_potential", 2022, "islamist", 500, "vsb22"),
		fig("violence_oriented", 2021, "right_wing", 400, "vsb21"),
		fig("violence_oriented", 2022, "right_wing", 300, "vsb22"),
		fig("violence_oriented", 2023, "right_wing", 350, "vsb23"),
		fig("violence_oriented", 2022, "left_wing", 90, "vsb22"),
	})
	ctx := context.Background()
	pot, err := s.FigureSeries(ctx, "person_potential")
	if err != nil {
		t.Fatal(err)
	}
	viol, err := s.FigureSeries(ctx, "violence_oriented")
	if err != nil {
		t.Fatal(err)
	}
	tab := ViolenceOrientedShare(pot, viol)
	if !slices.Equal(tab.Rows(), []string{"2021", "2022"}) || !slices.Equal(tab.Cols(), []string{"right_wing"}) {
		t.Fatalf("rows %v cols %v", tab.Rows(), tab.Cols())
	}
	for i, want := range []float64{400.0 / 1000, 300.0 / 1200} {
		if got, ok := tab.Cell(i, 0).Float(); !ok || got != want {
			t.Errorf("%s: %+v, want %v", tab.Rows()[i], tab.Cell(i, 0), want)
		}
	}
	if tab.Kind() != KindShare || tab.Protected() || len(tab.Sources()) != 3 || !slices.Contains(tab.Notes(), NoteViolenceOrientedShare) {
		t.Errorf("kind %s protected %v sources %v notes %v", tab.Kind(), tab.Protected(), tab.Sources(), tab.Notes())
	}
}
