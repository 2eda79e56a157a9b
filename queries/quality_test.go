package queries

import (
	"context"
	"fmt"
	"math"
	"slices"
	"testing"

	"lagebild/datasets/importer"
	"lagebild/datasets/store"
	"lagebild/queries/sdc"
)

// within checks that a protected count is within ±D of the exact one, 0
// for 0, and withheld only when it may be.
func within(t *testing.T, what string, v Value, exact int64, k int) {
	t.Helper()
	if exact == 0 {
		if n, ok := v.Int(); !ok || n != 0 {
			t.Errorf("%s: zero published as %v", what, v)
		}
		return
	}
	if v.Withheld() {
		if exact >= int64(k)+2 {
			t.Errorf("%s: withheld although the exact count is %d", what, exact)
		}
		return
	}
	n, ok := v.Int()
	if !ok || n < exact-2 || n > exact+2 {
		t.Errorf("%s: published %v, exact %d", what, v, exact)
	}
}

// problemCases are valid random cases plus records with each kind of
// problem, written straight into the store (bypassing the importer's
// validation, as an older or foreign store might hold them).
func problemCases() []store.Case {
	cases := randomCases(11, 400)
	bad := func(i int, mod func(c *store.Case)) {
		c := mkCase(fmt.Sprintf("BAD-%d", i), "DE-NW", "islamist", 2021, "21_24")
		mod(&c)
		cases = append(cases, c)
	}
	for i := range 7 {
		bad(i, func(c *store.Case) {
			c.Status = "closed_regular"
			closed := c.Intake.AddDate(0, -2, 0)
			c.Closed = &closed
		})
	}
	for i := 10; i < 13; i++ {
		bad(i, func(c *store.Case) { c.Outcome = ptr("distanced") })
	}
	bad(20, func(c *store.Case) { c.Status = "closed_aborted" })
	for i := 30; i < 36; i++ {
		bad(i, func(c *store.Case) { c.Contacts = ptr(int32(501 + i)) })
	}
	bad(40, func(c *store.Case) { c.Contacts = ptr(int32(500)) }) // the limit itself is plausible
	// duplicates: the same key three times and another one twice
	for i := range 3 {
		c := mkCase("DUP-1", "DE-BY", "right_wing", 2020, "14_17")
		c.Gender = ptr([]string{"male", "female", "male"}[i])
		cases = append(cases, c)
	}
	cases = append(cases, mkCase("DUP-2", "DE-BY", "right_wing", 2020, "14_17"), mkCase("DUP-2", "DE-BY", "right_wing", 2020, "14_17"))
	// the same key at another provider is no duplicate
	other := mkCase("DUP-1", "DE-BY", "right_wing", 2020, "14_17")
	other.Provider = "T02"
	cases = append(cases, other)
	return cases
}

func TestQualityFindingsAndCompleteness(t *testing.T) {
	cases := problemCases()
	s := openCases(t, cases, nil)
	ctx := context.Background()
	q, err := s.Quality(ctx, Filter{})
	if err != nil {
		t.Fatal(err)
	}
	k := s.K()
	wantFindings := map[string]int64{
		FindingClosedBeforeIntake: 7, FindingOutcomeOnOpenCase: 3, FindingClosedWithoutMonth: 1,
		FindingContactsImplausible: 6, FindingDuplicateCaseKeys: 3, FindingClosedMonthOnOpen: 0,
	}
	var codes []string
	for _, f := range q.Findings {
		codes = append(codes, f.Code)
		within(t, f.Code, f.Count, wantFindings[f.Code], k)
		// the whole store: decided on the exact count
		if q.findingPresent[f.Code] != (wantFindings[f.Code] > 0) {
			t.Errorf("%s: present %v, exact count %d", f.Code, q.findingPresent[f.Code], wantFindings[f.Code])
		}
	}
	if !slices.Equal(codes, FindingCodes) {
		t.Errorf("finding order %v, want %v", codes, FindingCodes)
	}
	within(t, "records", q.Records, int64(len(cases)), k)

	// completeness, counted in Go
	filled := map[string]int64{}
	var closed, documented int64
	for _, c := range cases {
		isClosed := c.Status == "closed_regular" || c.Status == "closed_aborted"
		if c.Gender != nil {
			filled["gender"]++
		}
		if c.MultiAgency != nil {
			filled["multi_agency"]++
		}
		if c.Contacts != nil {
			filled["contacts"]++
		}
		if c.Relapse != nil {
			filled["relapse"]++
		}
		if isClosed {
			closed++
			if c.Outcome != nil {
				filled["outcome"]++
				if *c.Outcome != "unknown" {
					documented++
				}
			}
			if c.Closed != nil {
				filled["closed"]++
			}
		}
	}
	for _, c := range q.Completeness {
		switch c.Column {
		case "gender", "multi_agency", "contacts", "relapse":
			within(t, c.Column, c.Filled, filled[c.Column], k)
			within(t, c.Column+" base", c.Cases, int64(len(cases)), k)
		case "closed", "outcome":
			within(t, c.Column, c.Filled, filled[c.Column], k)
			within(t, c.Column+" base", c.Cases, closed, k)
			if c.Base != "closed" {
				t.Errorf("%s base %q", c.Column, c.Base)
			}
		case "case_id", "state", "age_band", "status":
			if !c.Required {
				t.Errorf("%s not required", c.Column)
			}
			if sh, ok := c.Share.Float(); ok && (sh < 0.98 || sh > 1) {
				t.Errorf("%s share %v", c.Column, sh)
			}
		case "age":
			t.Error("age is not stored")
		}
		// shares are derived from the protected counts shown
		fv, ok1 := c.Filled.Int()
		bv, ok2 := c.Cases.Int()
		if sh, ok := c.Share.Float(); ok {
			if !ok1 || !ok2 || bv < int64(k) || math.Abs(sh-math.Min(1, float64(fv)/float64(bv))) > 1e-12 {
				t.Errorf("%s share %v from %v/%v", c.Column, sh, c.Filled, c.Cases)
			}
		}
	}
	if len(q.Completeness) != 18 {
		t.Errorf("%d columns", len(q.Completeness))
	}
	within(t, "closed", q.Closed, closed, k)
	within(t, "documented", q.OutcomeDocumented, documented, k)
	if r, ok := q.OutcomeDocumentedRate.Float(); ok {
		d, _ := q.OutcomeDocumented.Int()
		n, _ := q.Closed.Int()
		lo, hi, _ := q.OutcomeDocumentedRate.CI()
		wlo, whi := wilsonByHand(d, n)
		if math.Abs(r-float64(d)/float64(n)) > 1e-12 || math.Abs(lo-wlo) > 1e-12 || math.Abs(hi-whi) > 1e-12 {
			t.Errorf("documentation rate %v [%v, %v] from %d/%d", r, lo, hi, d, n)
		}
	} else {
		t.Errorf("documentation rate withheld: %v", q.OutcomeDocumentedRate)
	}

	checks := q.Checks(QualityThresholds{MaxRiskShare: 1})
	for _, c := range checks {
		wantPass := true
		if c.Code.Kind == CheckFinding {
			wantPass = wantFindings[c.Code.Finding] == 0
		}
		if c.Pass != wantPass {
			t.Errorf("check %s pass=%v, want %v", c.Code, c.Pass, wantPass)
		}
	}
	if q.Pass(QualityThresholds{MaxRiskShare: 1}) {
		t.Error("report with findings passes")
	}
}

// wilsonByHand is the Wilson score interval written out independently of
// package sdc.
func wilsonByHand(k, n int64) (lo, hi float64) {
	z := 1.959963984540054
	p := float64(k) / float64(n)
	nn := float64(n)
	c := (p + z*z/(2*nn)) / (1 + z*z/nn)
	h := z / (1 + z*z/nn) * math.Sqrt(p*(1-p)/nn+z*z/(4*nn*nn))
	lo, hi = math.Max(0, c-h), math.Min(1, c+h)
	if k == 0 {
		lo = 0
	}
	if k == n {
		hi = 1
	}
	return lo, hi
}

func TestQualityCleanStorePasses(t *testing.T) {
	// 40 cases in 4 equivalence classes of 10: no risk, no findings.
	var cases []store.Case
	for i := range 40 {
		c := mkCase(fmt.Sprintf("C%03d", i), []string{"DE-BE", "DE-BY"}[i%2], "right_wing", 2020, "18_20")
		c.Gender = ptr([]string{"male", "female"}[(i/2)%2])
		if i%3 == 0 {
			c.Status = "closed_regular"
			closed := c.Intake.AddDate(0, 5, 0)
			c.Closed = &closed
			c.Outcome = ptr("distanced")
		}
		cases = append(cases, c)
	}
	s := openCases(t, cases, nil)
	q, err := s.Quality(context.Background(), Filter{})
	if err != nil {
		t.Fatal(err)
	}
	for _, c := range q.Checks(QualityThresholds{}) {
		if !c.Pass {
			t.Errorf("check %s fails on a clean store", c.Code)
		}
	}
	if n, ok := q.Risk.RecordsBelowK.Int(); !ok || n != 0 {
		t.Errorf("records below k %v", q.Risk.RecordsBelowK)
	}
	for _, f := range q.Findings {
		if n, ok := f.Count.Int(); !ok || n != 0 {
			t.Errorf("finding %s = %v on a clean store", f.Code, f.Count)
		}
	}
}

func TestQualityRiskMatchesImporter(t *testing.T) {
	cases := randomCases(21, 1500)
	for _, k := range []int{3, 5, 10} {
		p := sdc.DefaultParams()
		p.K = k
		s := openCases(t, cases, &p)
		q, err := s.Quality(context.Background(), Filter{})
		if err != nil {
			t.Fatal(err)
		}
		r, err := importer.RiskReport(context.Background(), s.db, k)
		if err != nil {
			t.Fatal(err)
		}
		if sh, ok := q.Risk.Share.Float(); !ok || math.Abs(sh-r.Share) > 0.01 {
			t.Errorf("k=%d: published share %v, importer %v", k, q.Risk.Share, r.Share)
		}
		within(t, "records", q.Risk.Records, r.Records, k)
		within(t, "records below k", q.Risk.RecordsBelowK, r.RecordsBelowK, k)
		within(t, "classes", q.Risk.Classes, r.Classes, k)
		within(t, "classes below k", q.Risk.ClassesBelowK, r.ClassesBelowK, k)
		if q.Risk.K != k {
			t.Errorf("risk k %d", q.Risk.K)
		}
		// the check's limit is met exactly at the published share
		sh, _ := q.Risk.Share.Float()
		pass := q.Checks(QualityThresholds{MaxRiskShare: sh})[len(FindingCodes)+1]
		fail := q.Checks(QualityThresholds{MaxRiskShare: sh - 1e-9})[len(FindingCodes)+1]
		if pass.Code.Kind != CheckReidentificationRisk || !pass.Pass || fail.Pass {
			t.Errorf("risk check at the limit: %+v %+v", pass, fail)
		}
	}
}

func TestQualityProvidersAndFilter(t *testing.T) {
	cases := randomCases(31, 2400)
	for i := range cases {
		cases[i].Provider = fmt.Sprintf("T%02d", 1+i%3)
	}
	s := openCases(t, cases, nil)
	f := Filter{FromYear: 2017, ToYear: 2019, Risks: []string{"standard"}}
	q, err := s.Quality(context.Background(), f)
	if err != nil {
		t.Fatal(err)
	}
	type counts struct{ all, closed, doc int64 }
	want := map[string]*counts{}
	var total int64
	for _, c := range cases {
		y := c.Intake.Year()
		if y < 2017 || y > 2019 || c.RiskLevel != "standard" {
			continue
		}
		total++
		w := want[c.Provider]
		if w == nil {
			w = &counts{}
			want[c.Provider] = w
		}
		w.all++
		if c.Status == "closed_regular" || c.Status == "closed_aborted" {
			w.closed++
			if c.Outcome != nil && *c.Outcome != "unknown" {
				w.doc++
			}
		}
	}
	within(t, "records", q.Records, total, s.K())
	if len(q.Providers) != 3 || q.Providers[0].Provider != "T01" || q.Providers[2].Provider != "T03" {
		t.Fatalf("providers %+v", q.Providers)
	}
	for _, p := range q.Providers {
		w := want[p.Provider]
		within(t, p.Provider+" intakes", p.Intakes, w.all, s.K())
		within(t, p.Provider+" closed", p.Closed, w.closed, s.K())
		within(t, p.Provider+" documented", p.Documented, w.doc, s.K())
		if sh, ok := p.ClosedShare.Float(); !ok || math.Abs(sh-float64(w.closed)/float64(w.all)) > 0.05 {
			t.Errorf("%s closed share %v, exact %d/%d", p.Provider, p.ClosedShare, w.closed, w.all)
		}
	}
	// the same records give the same published number as the tables
	tab, err := s.Run(context.Background(), QIntakesByYearRisk, f)
	if err != nil {
		t.Fatal(err)
	}
	tot, _ := tab.Total()
	if tot != q.Records {
		t.Errorf("records %v, table total %v", q.Records, tot)
	}
	if _, err := s.Quality(context.Background(), Filter{States: []string{"XX"}}); err == nil {
		t.Error("invalid filter accepted")
	}
}

func TestQualityEmptyStore(t *testing.T) {
	s := openCases(t, nil, nil)
	q, err := s.Quality(context.Background(), Filter{})
	if err != nil {
		t.Fatal(err)
	}
	if n, ok := q.Records.Int(); !ok || n != 0 || q.OutcomeDocumentedRate.Shown() || len(q.Providers) != 0 {
		t.Errorf("empty store: %+v", q)
	}
	if !q.Pass(QualityThresholds{}) {
		t.Error("an empty store fails")
	}
}
