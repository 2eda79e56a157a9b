package queries

import (
	"context"
	"database/sql"
	"fmt"
	"slices"
	"testing"
	"time"
)

// TestRelapseFollowUp: the relapse base on the sample against exact SQL
// through the console. The reference month is the latest intake or
// closing month; a closed case counts only when closed at least the
// follow-up before it (a case closed 6 months before is out at 12 months
// and in at 6); the headline relapse is an extremist or violent offence,
// the second figure any offence.
func TestRelapseFollowUp(t *testing.T) {
	ctx := context.Background()
	ref := consoleInts(t, openSample(t, ptr(0)), `SELECT year(m) * 12 + month(m) - 1
		FROM (SELECT greatest(max(intake), max(closed)) AS m FROM cases)`)[0]
	month := func(back int64) string {
		m := ref - back
		return fmt.Sprintf("DATE '%04d-%02d-01'", m/12, m%12+1)
	}
	for _, months := range []int{0, 6, 12, 24} {
		s := openSample(t, ptr(months))
		fu := s.FollowUp()
		if got := int64(fu.Reference.Year()*12 + int(fu.Reference.Month()) - 1); got != ref || fu.Months != months {
			t.Fatalf("follow-up %+v, want %d months before month %d", fu, months, ref)
		}
		if back, ok := ParseFollowUpNote(fu.Note()); !ok || back.Months != months || !back.Reference.Equal(fu.Reference) {
			t.Errorf("note %q read back as %+v", fu.Note(), back)
		}
		// the cases closed exactly 6 months before the reference month
		// count only when the follow-up is at most 6 months
		base := `FROM cases WHERE status IN ('closed_regular', 'closed_aborted') AND closed IS NOT NULL
			AND relapse IS NOT NULL AND relapse <> 'unknown'`
		six := consoleInts(t, s, `SELECT count(*) `+base+` AND closed = `+month(6))[0]
		if six == 0 {
			t.Fatal("the sample has no case closed 6 months before the reference month")
		}
		sixIn := consoleInts(t, s, `SELECT count(*) `+base+` AND closed = `+month(6)+` AND closed <= `+month(int64(months)))[0]
		if (months <= 6) != (sixIn == six) || (months > 6) != (sixIn == 0) {
			t.Errorf("follow-up %d: %d of %d cases closed 6 months before count", months, sixIn, six)
		}
		x, err := s.crossExact(ctx, crossSpec{row: DimRiskLevel, col: DimRelapse, year: yearClosed, base: baseRelapse}, Filter{})
		if err != nil {
			t.Fatal(err)
		}
		for _, risk := range DimRiskLevel.codes {
			want := consoleInts(t, s, `SELECT count(*),
				count(*) FILTER (relapse IN ('extremist_offence', 'violent_offence')),
				count(*) FILTER (relapse <> 'none') `+base+` AND closed <= `+month(int64(months))+
				` AND risk_level = '`+risk+`'`)
			rc := relapseOf(x, risk)
			if got := []int64{rc.base.n, rc.headline.n, rc.any.n}; !slices.Equal(got, want) {
				t.Errorf("follow-up %d, %s: base, extremist/violent, any = %v, console %v", months, risk, got, want)
			}
		}
		// the key figures: the latest closing year with a rate is the one
		// of the last closing month that counts
		kfs, err := s.KeyFigures(ctx, Filter{})
		if err != nil {
			t.Fatal(err)
		}
		cutoff := time.Date(int(ref/12), time.Month(ref%12+1), 1, 0, 0, 0, 0, time.UTC).AddDate(0, -months, 0)
		for _, id := range []string{"case:relapse_rate", "case:relapse_rate_any"} {
			i := slices.IndexFunc(kfs, func(kf KeyFigure) bool { return kf.ID == id })
			if i < 0 {
				t.Fatalf("no key figure %s", id)
			}
			kf := kfs[i]
			if kf.Year != cutoff.Year() {
				t.Errorf("follow-up %d: %s is of %d, want %d (last counted closure %s)", months, id, kf.Year, cutoff.Year(), cutoff.Format("2006-01"))
			}
			if !slices.Equal(kf.Notes, []string{NoteRelapseDefinition, fu.Note()}) {
				t.Errorf("%s notes %v", id, kf.Notes)
			}
		}
	}
	if _, err := Open(ctx, OpenOptions{Fill: func(context.Context, *sql.DB) error { return nil }, FollowUpMonths: ptr(-1)}); err == nil {
		t.Error("a negative follow-up was accepted")
	}
}

// TestRelapseTableDefinition: the relapse table by subgroup publishes the
// headline and any-offence counts within the protection's bound of exact
// SQL through the console, its rates from the published counts, and
// carries the definition and the follow-up rule.
func TestRelapseTableDefinition(t *testing.T) {
	s := openSample(t, nil)
	tab, err := s.Run(context.Background(), QRelapseBySubgroup, Filter{})
	if err != nil {
		t.Fatal(err)
	}
	if !slices.Equal(tab.Cols(), []string{ColCases, ColRelapsed, ColRate, ColRelapsedAny, ColRateAny}) {
		t.Fatalf("columns %v", tab.Cols())
	}
	if !slices.Equal(tab.Notes(), []string{NoteRelapseDefinition, s.FollowUp().Note()}) {
		t.Errorf("notes %v", tab.Notes())
	}
	cutoff := s.FollowUp().Cutoff().Format("2006-01-02")
	for i, r := range tab.Rows() {
		if r != "risk_level:high_risk" && r != "multi_agency:yes" {
			continue
		}
		col := map[string]string{"risk_level:high_risk": "risk_level = 'high_risk'", "multi_agency:yes": "multi_agency"}[r]
		exact := consoleInts(t, s, `SELECT count(*),
			count(*) FILTER (relapse IN ('extremist_offence', 'violent_offence')),
			count(*) FILTER (relapse <> 'none')
			FROM cases WHERE status IN ('closed_regular', 'closed_aborted') AND closed <= DATE '`+cutoff+`'
			AND relapse IS NOT NULL AND relapse <> 'unknown' AND `+col)
		within(t, r+" cases", tab.Cell(i, 0), exact[0], s.K())
		withinSensitive(t, r+" extremist/violent", tab.Cell(i, 1), exact[1], s)
		withinSensitive(t, r+" any offence", tab.Cell(i, 3), exact[2], s)
		for _, j := range []int{1, 3} {
			n, okN := tab.Cell(i, 0).Int()
			k, okK := tab.Cell(i, j).Int()
			rate := tab.Cell(i, j+1)
			if okN && okK && n >= s.params.MinDerivedBase() {
				if got, _ := rate.Float(); got != float64(k)/float64(n) {
					t.Errorf("%s: rate %v, published %d/%d", r, rate, k, n)
				}
			} else if rate.Shown() {
				t.Errorf("%s: rate shown from %v/%v", r, tab.Cell(i, j), tab.Cell(i, 0))
			}
		}
	}
}
