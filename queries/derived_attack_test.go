package queries

import (
	"context"
	"fmt"
	"math"
	"math/rand/v2"
	"reflect"
	"slices"
	"testing"

	"lagebild/datasets/schema"
	"lagebild/datasets/store"
	"lagebild/queries/sdc"
)

// Attacks on the derived figures and decisions of docs/privacy.md, derived figures,
// with nothing but what a viewer sees: two stores that differ in one
// record publish the same counts, and must then publish the same decisions,
// medians and rates too.

// fixtureKey is the record key openCases gives a case of provider T01
// (mkCase) with this id.
func fixtureKey(id string) uint64 {
	return fixtureKeyOf("T01", id)
}

// fixtureKeyOf is the record key openCases gives a case.
func fixtureKeyOf(provider, id string) uint64 {
	return store.NewRecordKeyer([]byte("fixture secret for tests")).Key(provider, id)
}

// pickID returns the first id prefix-0, prefix-1, … whose record key
// satisfies ok: the attacker plants a record whose noise suits the attack.
func pickID(t *testing.T, prefix string, ok func(key uint64) bool) string {
	t.Helper()
	return pickIDOf(t, "T01", prefix, ok)
}

// pickIDOf is pickID for a case of another provider.
func pickIDOf(t *testing.T, provider, prefix string, ok func(key uint64) bool) string {
	t.Helper()
	for i := range 10000 {
		id := fmt.Sprintf("%s-%d", prefix, i)
		if ok(fixtureKeyOf(provider, id)) {
			return id
		}
	}
	t.Fatalf("no id %s-… with a suitable record key", prefix)
	return ""
}

func defaultTable(t *testing.T) *sdc.Table {
	t.Helper()
	tb, err := sdc.NewTable(sdc.DefaultParams())
	if err != nil {
		t.Fatal(err)
	}
	return tb
}

func quality(t *testing.T, s *Store, f Filter) *Quality {
	t.Helper()
	q, err := s.Quality(context.Background(), f)
	if err != nil {
		t.Fatal(err)
	}
	return q
}

// publishedQuality lists every figure of a quality report a viewer sees.
func publishedQuality(q *Quality) []Value {
	out := []Value{q.Records, q.Closed, q.OutcomeDocumented, q.OutcomeDocumentedRate,
		q.Risk.Records, q.Risk.Classes, q.Risk.RecordsBelowK, q.Risk.ClassesBelowK, q.Risk.Share}
	for _, c := range q.Completeness {
		out = append(out, c.Filled, c.Cases, c.Share)
	}
	for _, f := range q.Findings {
		out = append(out, f.Count)
	}
	for _, p := range q.Providers {
		out = append(out, p.Intakes, p.Closed, p.Documented, p.ClosedShare, p.DocumentedShare)
	}
	return out
}

// Leak 1 (the stores hold enough cases that the filter reaches the minimum
// population): the checks of a filtered quality report were decided on exact
// counts. The attacker plants one record with implausibly many contacts
// whose finding count (a true 1) is published as 0: every figure of the
// filtered report is the same as without it, but the check failed.
func TestAttackQualityCheckUnderFilter(t *testing.T) {
	tb := defaultTable(t)
	id := pickID(t, "PLANT", func(k uint64) bool {
		v, held := tb.ProtectU32(1, uint32(k))
		return !held && v == 0
	})
	build := func(contacts int32) *Store {
		c := mkCase(id, "DE-HB", "islamist", 2021, "21_24")
		c.Contacts = ptr(contacts)
		return openCases(t, append(randomCases(41, 1600), c), nil)
	}
	plain, planted := build(60), build(ContactsImplausibleAbove+100)
	f := Filter{States: []string{"DE-HB"}}
	qa, qb := quality(t, plain, f), quality(t, planted, f)
	if !slices.Equal(publishedQuality(qa), publishedQuality(qb)) {
		t.Fatal("precondition: the two stores publish different figures")
	}
	ca, cb := qa.Checks(QualityThresholds{}), qb.Checks(QualityThresholds{})
	if !reflect.DeepEqual(ca, cb) {
		t.Errorf("same published figures, different checks:\n plain   %+v\n planted %+v", ca, cb)
	}
	// The whole store keeps its exact decision (one bit for the store).
	for _, c := range quality(t, planted, Filter{}).Checks(QualityThresholds{}) {
		if c.Code == FindingCheck(FindingContactsImplausible) && c.Pass {
			t.Error("whole store: the planted finding passes")
		}
	}
}

// Leak 1, providers: the filtered quality report listed the providers with
// records in the selection, exactly. A provider's single record published
// as 0 must not make its row appear.
func TestAttackQualityProviderRow(t *testing.T) {
	tb := defaultTable(t)
	id := pickIDOf(t, "T09", "PROV", func(k uint64) bool {
		v, held := tb.ProtectU32(1, uint32(k))
		return !held && v == 0
	})
	planted := mkCase(id, "DE-HB", "islamist", 2021, "21_24")
	planted.Provider = "T09"
	base := randomCases(43, 1600)
	f := Filter{States: []string{"DE-HB"}}
	providers := func(cases []store.Case) []string {
		var out []string
		for _, p := range quality(t, openCases(t, cases, nil), f).Providers {
			out = append(out, p.Provider)
		}
		return out
	}
	without, with := providers(base), providers(append(slices.Clone(base), planted))
	if !slices.Equal(without, with) {
		t.Errorf("providers without the record %v, with it %v", without, with)
	}
}

// exactRiskShare is the share of records in equivalence classes smaller
// than k, counted in Go.
func exactRiskShare(cases []store.Case, keep func(c store.Case) bool, k int) float64 {
	classes := map[string]int{}
	var keys []string
	for _, c := range cases {
		if !keep(c) {
			continue
		}
		g := "-"
		if c.Gender != nil {
			g = *c.Gender
		}
		key := fmt.Sprint(c.State, c.AgeBand, g, c.Phenomenon, c.Intake.Year())
		classes[key]++
		keys = append(keys, key)
	}
	below := 0
	for _, key := range keys {
		if classes[key] < k {
			below++
		}
	}
	return float64(below) / float64(len(keys))
}

// Leak 1, risk check: bisecting the limit of the re-identification check
// found the exact share of records in classes below k (to 1e-15). It must
// find the published share.
func TestAttackRiskCheckBisection(t *testing.T) {
	// few values per quasi-identifier, so that some classes reach k
	cases := randomCases(21, 600)
	r := rand.New(rand.NewPCG(21, 7))
	for i := range cases {
		c := &cases[i]
		c.State = []string{"DE-BE", "DE-BY", "DE-HB"}[r.IntN(3)]
		c.AgeBand = []string{"18_20", "21_24"}[r.IntN(2)]
		c.Gender = ptr([]string{"male", "female"}[r.IntN(2)])
		c.Phenomenon = []string{"islamist", "right_wing", "left_wing"}[r.IntN(3)]
		c.Intake = c.Intake.AddDate(2019-c.Intake.Year()+r.IntN(3), 0, 0)
		if c.Closed != nil {
			closed := c.Intake.AddDate(0, 1+r.IntN(30), 0)
			c.Closed = &closed
		}
	}
	s := openCases(t, cases, nil)
	for _, tc := range []struct {
		f    Filter
		keep func(c store.Case) bool
	}{
		{Filter{}, func(store.Case) bool { return true }},
		{Filter{Phenomena: []string{"islamist"}}, func(c store.Case) bool { return c.Phenomenon == "islamist" }},
	} {
		q := quality(t, s, tc.f)
		pub, ok := q.Risk.Share.Float()
		exact := exactRiskShare(cases, tc.keep, s.K())
		if !ok || math.Abs(pub-exact) < 1e-9 {
			t.Fatalf("precondition: published share %v, exact %v must differ", q.Risk.Share, exact)
		}
		t.Logf("filter %q: published share %.6f, exact %.6f", tc.f.Key(), pub, exact)
		lo, hi := 0.0, 1.0
		for range 60 {
			mid := (lo + hi) / 2
			if q.Checks(QualityThresholds{MaxRiskShare: mid})[len(FindingCodes)+1].Pass {
				hi = mid
			} else {
				lo = mid
			}
		}
		if math.Abs(hi-pub) > 1e-12 {
			t.Errorf("filter %q: bisection finds %.15f; published %.15f, exact %.15f", tc.f.Key(), hi, pub, exact)
		}
	}
}

// Leak 2: the number of equivalence classes reused the records' cell key,
// so records and classes got the same noise and records − classes was
// published exactly. Over many filters the published difference must
// miss the exact one about as often as two independent noises do.
func TestAttackRecordsMinusClasses(t *testing.T) {
	cases := randomCases(51, 3000)
	s := openCases(t, cases, nil)
	k := s.K()
	type sel struct {
		f    Filter
		keep func(c store.Case) bool
	}
	sels := []sel{{Filter{}, func(store.Case) bool { return true }}}
	for _, st := range schema.States {
		sels = append(sels, sel{Filter{States: []string{st}}, func(c store.Case) bool { return c.State == st }})
	}
	for _, p := range schema.Phenomena {
		sels = append(sels, sel{Filter{Phenomena: []string{p}}, func(c store.Case) bool { return c.Phenomenon == p }})
	}
	for _, b := range schema.AgeBands {
		sels = append(sels, sel{Filter{AgeBands: []string{b}}, func(c store.Case) bool { return c.AgeBand == b }})
	}
	tries, exactHits := 0, 0
	for _, sl := range sels {
		classes := map[string]int64{}
		for _, c := range cases {
			if !sl.keep(c) {
				continue
			}
			g := "-"
			if c.Gender != nil {
				g = *c.Gender
			}
			classes[fmt.Sprint(c.State, c.AgeBand, g, c.Phenomenon, c.Intake.Year())]++
		}
		var recs, cls, recsBelow, clsBelow int64
		for _, n := range classes {
			recs += n
			cls++
			if n < int64(k) {
				recsBelow += n
				clsBelow++
			}
		}
		q := quality(t, s, sl.f)
		for _, pair := range []struct {
			r, c           Value
			exactR, exactC int64
		}{{q.Risk.Records, q.Risk.Classes, recs, cls}, {q.Risk.RecordsBelowK, q.Risk.ClassesBelowK, recsBelow, clsBelow}} {
			r, ok1 := pair.r.Int()
			c, ok2 := pair.c.Int()
			if !ok1 || !ok2 || pair.exactC < 2 {
				continue
			}
			tries++
			if r-c == pair.exactR-pair.exactC {
				exactHits++
			}
		}
	}
	if tries < 40 {
		t.Fatalf("only %d pairs of shown counts", tries)
	}
	rate := float64(exactHits) / float64(tries)
	t.Logf("records − classes published exactly in %d of %d selections (%.0f %%)", exactHits, tries, 100*rate)
	// Two independent noises of the default table agree with probability
	// Σ p(d)² ≈ 0.27.
	if rate > 0.5 {
		t.Errorf("records − classes is exact in %.0f %% of the selections", 100*rate)
	}
}

// Leak 3: the median of a group of true size 3–4 whose protected base
// reached k was its exact median. Two stores whose group of 4 differs in
// one duration (the same case, so every count is the same) must publish
// the same table.
func TestAttackMedianSmallGroup(t *testing.T) {
	tb := defaultTable(t)
	ids := []string{"EX-a", "EX-b", "EX-c"}
	var sum uint64
	for _, id := range ids {
		sum += fixtureKey(id)
	}
	// the fourth case makes the group's base published as k or more
	last := pickID(t, "EX-d", func(k uint64) bool {
		v, held := tb.ProtectU32(4, uint32((sum+k)%(1<<32)))
		return !held && v >= 5
	})
	ids = append(ids, last)
	build := func(third int) *Store {
		var cases []store.Case
		for i := range 40 {
			cases = append(cases, closedCase(fmt.Sprintf("D-%d", i), 2019, 3+i%20, "distanced", "none", true))
		}
		for i, months := range []int{3, 6, third, 24} {
			cases = append(cases, closedCase(ids[i], 2019, months, "exited", "none", true))
		}
		return openCases(t, cases, nil)
	}
	ta, err := build(9).Run(context.Background(), QMedianDurationByOutcome, Filter{})
	if err != nil {
		t.Fatal(err)
	}
	tb2, err := build(20).Run(context.Background(), QMedianDurationByOutcome, Filter{})
	if err != nil {
		t.Fatal(err)
	}
	for i, o := range ta.Rows() {
		for j := range ta.Cols() {
			if ta.Cell(i, j) != tb2.Cell(i, j) {
				t.Errorf("%s %s: %v vs %v (a group of 4 differing in one duration)", o, ta.Cols()[j], ta.Cell(i, j), tb2.Cell(i, j))
			}
		}
	}
}

// Leak 4: a withheld relapse count always meant at least one relapse
// (zeros stay zero). Two stores that differ in the relapse of one case,
// 0 or 1 relapse in the subgroup and year, must publish the same relapse
// table and relapse key figure.
func TestAttackRelapseWithheldMeansRelapse(t *testing.T) {
	tb := defaultTable(t)
	// the planted relapse would be withheld, not published as 0
	id := pickID(t, "REL", func(k uint64) bool {
		_, held := tb.ProtectU32(1, uint32(k))
		return held
	})
	build := func(relapse string) *Store {
		var cases []store.Case
		for i := range 30 {
			cases = append(cases, closedCase(fmt.Sprintf("C-%d", i), 2020, 6, "distanced", "none", i%2 == 0))
		}
		cases = append(cases, closedCase(id, 2020, 6, "distanced", relapse, true))
		return openCases(t, cases, nil)
	}
	a, b := build("none"), build("violent_offence")
	ctx := context.Background()
	ra, err := a.Run(ctx, QRelapseBySubgroup, Filter{})
	if err != nil {
		t.Fatal(err)
	}
	rb, err := b.Run(ctx, QRelapseBySubgroup, Filter{})
	if err != nil {
		t.Fatal(err)
	}
	if !slices.Equal(ra.Rows(), rb.Rows()) {
		t.Fatalf("rows %v vs %v", ra.Rows(), rb.Rows())
	}
	for i, r := range ra.Rows() {
		for j, c := range ra.Cols() {
			if ra.Cell(i, j) != rb.Cell(i, j) {
				t.Errorf("relapse table %s %s: no relapse %v, one relapse %v", r, c, ra.Cell(i, j), rb.Cell(i, j))
			}
		}
	}
	rate := func(s *Store) KeyFigure {
		kfs, err := s.KeyFigures(ctx, Filter{})
		if err != nil {
			t.Fatal(err)
		}
		for _, kf := range kfs {
			if kf.ID == "case:relapse_rate" {
				return kf
			}
		}
		t.Fatal("no relapse rate key figure")
		return KeyFigure{}
	}
	ka, kb := rate(a), rate(b)
	if !slices.Equal(ka.Series, kb.Series) {
		t.Errorf("relapse rate key figure: no relapse %v, one relapse %v", ka.Series, kb.Series)
	}
}

// Leak, derived tables of the views: whether the share of minors of a
// year is shown must follow the published counts, not the exact ones. Two
// stores whose year 2030 holds 9 or 10 minors (the minimum base is 10)
// and publish the same counts for it must publish the same minors table
// and the same shares of the age bands.
func TestAttackMinorsShareAtTheBase(t *testing.T) {
	tb := defaultTable(t)
	var ck uint64
	var nine []store.Case
	for i := range 9 {
		c := mkCase("BASE-"+fmt.Sprint(i), "DE-BE", "islamist", 2030, "14_17")
		ck = (ck + fixtureKey(c.CaseID)%(1<<32)) % (1 << 32)
		nine = append(nine, c)
	}
	v9, held9 := tb.ProtectU32(9, uint32(ck))
	id := pickID(t, "PLANT", func(k uint64) bool {
		v, held := tb.ProtectU32(10, uint32((ck+k%(1<<32))%(1<<32)))
		return v == v9 && held == held9
	})
	base := randomCases(43, 1200)
	plain := openCases(t, append(slices.Clone(base), nine...), nil)
	planted := openCases(t, append(append(slices.Clone(base), nine...), mkCase(id, "DE-BE", "islamist", 2030, "14_17")), nil)
	ctx := context.Background()
	// the year 2030 as published: its counts and row total, its row of
	// the minors table and its shares of the age bands
	published := func(s *Store) (counts, minors, shares []Value) {
		c, err := s.Run(ctx, QIntakesByYearAgeBand, Filter{})
		if err != nil {
			t.Fatal(err)
		}
		m, err := s.MinorsByYear(ctx, Filter{})
		if err != nil {
			t.Fatal(err)
		}
		row := func(tab *Table) []Value {
			i := slices.Index(tab.Rows(), "2030")
			if i < 0 {
				t.Fatal("no year 2030")
			}
			var out []Value
			for j := range tab.Cols() {
				out = append(out, tab.Cell(i, j))
			}
			if v, ok := tab.RowTotal(i); ok {
				out = append(out, v)
			}
			return out
		}
		return row(c), row(m), row(PartShares(c))
	}
	ca, ma, sa := published(plain)
	cb, mb, sb := published(planted)
	if !slices.Equal(ca, cb) {
		t.Fatal("precondition: the two stores publish different counts for 2030")
	}
	if !slices.Equal(ma, mb) {
		t.Errorf("same published counts, different minors of 2030: %v, %v", ma, mb)
	}
	if !slices.Equal(sa, sb) {
		t.Errorf("same published counts, different shares of 2030: %v, %v", sa, sb)
	}
}
