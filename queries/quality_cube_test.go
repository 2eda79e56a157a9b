package queries

import (
	"context"
	"fmt"
	"math/rand/v2"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	"lagebild/datasets/store"
)

// repeatedKeyCases are cubeCases at four providers with some genders not
// stated and with repeated case keys: copies of some cases under the same
// provider and case_id, each copy with the state, phenomenon, intake,
// age band and risk of another case, so that a filter holds all, some or
// one of a key's records.
func repeatedKeyCases(n int) []store.Case {
	cases := cubeCases(n)
	r := rand.New(rand.NewPCG(18, 3))
	for i := range cases {
		cases[i].Provider = fmt.Sprintf("T%02d", 1+i%4)
		if r.IntN(10) == 0 {
			cases[i].Gender = nil
		}
	}
	for range n / 50 {
		orig := cases[r.IntN(n)]
		for range 1 + r.IntN(2) {
			other := cases[r.IntN(n)]
			c := orig
			c.State, c.Phenomenon, c.Intake = other.State, other.Phenomenon, other.Intake
			c.AgeBand, c.RiskLevel = other.AgeBand, other.RiskLevel
			cases = append(cases, c)
		}
	}
	return cases
}

// exactDuplicates is the exact cell of the records that repeat an
// earlier record's case key among cases, counted in Go: every record of
// a case key after its first, with its record key.
func exactDuplicates(cases []store.Case) exactCell {
	keyer := store.NewRecordKeyer([]byte("fixture secret for tests"))
	seen := map[[2]string]bool{}
	var c exactCell
	for _, rec := range cases {
		k := [2]string{rec.Provider, rec.CaseID}
		if seen[k] {
			c = sumCells(c, exactCell{n: 1, ck: keyer.Key(rec.Provider, rec.CaseID)})
		}
		seen[k] = true
	}
	return c
}

// referenceRisk runs testdata/quality_risk_reference.sql, the risk query
// the quality report ran on the case table before its classes were read
// from an aggregate, on the case records of s under f.
func referenceRisk(t *testing.T, s *Store, f Filter) riskCounts {
	t.Helper()
	b, err := os.ReadFile(filepath.Join("testdata", "quality_risk_reference.sql"))
	if err != nil {
		t.Fatal(err)
	}
	preds, vals := f.predicates(yearIntake)
	var p strings.Builder
	for _, cond := range preds {
		p.WriteString("\n      AND " + cond)
	}
	filtered := sqlText("filter", map[string]string{"base": baseAll, "predicates": p.String(), "filter_columns": ""})
	text := strings.ReplaceAll(string(b), "{{filtered}}", filtered)
	vals["k"] = s.params.K
	var r riskCounts
	err = s.db.QueryRowContext(context.Background(), text, bindUsed(text, vals)...).Scan(
		&r.classes.n, &r.classes.ck, &r.all.n, &r.all.ck,
		&r.classesBelow.n, &r.classesBelow.ck, &r.below.n, &r.below.ck)
	if err != nil {
		t.Fatal(err)
	}
	return r
}

// TestQualityCubeEqualsCaseTable: on a store with repeated case keys and
// genders not stated, the quality view's three inputs (the flag counts,
// the risk classes, the repeated case keys) are the same exact cells on
// the cube file and on the case table under every filter of cubeFilters,
// the risk classes are those of the SQL risk query the report ran before
// on the case records (bit for bit, class keys included), and so the
// published reports are equal.
func TestQualityCubeEqualsCaseTable(t *testing.T) {
	ctx := context.Background()
	cases := repeatedKeyCases(4000)
	path := filepath.Join(t.TempDir(), "store.duckdb")
	writeStoreFile(t, path, cases)
	withCube, err := Open(ctx, OpenOptions{Path: path, Threads: 1, Cube: CubeBuild})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { withCube.Close() })
	if withCube.cube == nil {
		t.Fatalf("no cube: %v", withCube.cubeErr)
	}
	scan := openCases(t, cases, nil)

	// The cube file's candidate table holds every record of a repeated
	// record key, and nothing else.
	keyer := store.NewRecordKeyer([]byte("fixture secret for tests"))
	perKey := map[uint64]int64{}
	for _, c := range cases {
		perKey[keyer.Key(c.Provider, c.CaseID)]++
	}
	var wantCandidates int64
	for _, n := range perKey {
		if n > 1 {
			wantCandidates += n
		}
	}
	var candidates int64
	if err := withCube.db.QueryRowContext(ctx, "SELECT count(*) FROM "+withCube.repeatedRecordsSource()).Scan(&candidates); err != nil {
		t.Fatal(err)
	}
	if candidates != wantCandidates || candidates == 0 {
		t.Errorf("the cube file holds %d candidate records, want %d", candidates, wantCandidates)
	}
	cands, err := withCube.repeatedRecordKeys(ctx)
	if err != nil {
		t.Fatal(err)
	}
	scanCands, err := scan.repeatedRecordKeys(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(cands, scanCands) || !withCube.storeHasDuplicates || !scan.storeHasDuplicates {
		t.Fatalf("repeated record keys: cube %d (duplicates %v), case table %d (duplicates %v)",
			len(cands), withCube.storeHasDuplicates, len(scanCands), scan.storeHasDuplicates)
	}
	if got, want := mustDuplicates(t, withCube, Filter{}, cands), exactDuplicates(cases); got != want {
		t.Errorf("duplicates of the whole store on the cube %+v, counted in Go %+v", got, want)
	}

	withDuplicates, withoutDuplicates := 0, 0
	for _, f := range cubeFilters(withCube) {
		if err := withCube.admit(ctx, f); err != nil {
			continue // the report is refused on both (TestCubeEqualsCaseTable)
		}
		// repeated case keys
		got, want := mustDuplicates(t, withCube, f, cands), mustDuplicates(t, scan, f, cands)
		if got != want {
			t.Errorf("duplicates under %s: cube %+v, case table %+v", f.Key(), got, want)
		}
		if want.n > 0 {
			withDuplicates++
		} else {
			withoutDuplicates++
		}
		// flag counts
		gotFlags, err := withCube.qualityFlagCounts(ctx, f)
		if err != nil {
			t.Fatal(err)
		}
		wantFlags, err := scan.qualityFlagCounts(ctx, f)
		if err != nil {
			t.Fatal(err)
		}
		if !reflect.DeepEqual(gotFlags, wantFlags) {
			t.Errorf("flag counts under %s: cube %d groups, case table %d, not the same", f.Key(), len(gotFlags), len(wantFlags))
		}
		// risk classes, against the former SQL query
		ref := referenceRisk(t, scan, f)
		for _, st := range []*Store{withCube, scan} {
			rc, err := st.riskCounts(ctx, f)
			if err != nil {
				t.Fatal(err)
			}
			if rc != ref {
				t.Errorf("risk under %s (cube %v): %+v, the former SQL %+v", f.Key(), st.cube != nil, rc, ref)
			}
		}
		// the published report
		gotQ, err := withCube.Quality(ctx, f)
		if err != nil {
			t.Fatal(err)
		}
		wantQ, err := scan.Quality(ctx, f)
		if err != nil {
			t.Fatal(err)
		}
		if !reflect.DeepEqual(gotQ, wantQ) {
			t.Errorf("quality under %s: the cube gives\n%+v\nthe case table\n%+v", f.Key(), gotQ, wantQ)
		}
	}
	if withDuplicates == 0 || withoutDuplicates == 0 {
		t.Errorf("%d filters hold repeated case keys, %d none: the filters do not split them", withDuplicates, withoutDuplicates)
	}
	t.Logf("%d filters with repeated case keys, %d without", withDuplicates, withoutDuplicates)
}

// mustDuplicates is duplicateCaseKeys or the test's end.
func mustDuplicates(t *testing.T, s *Store, f Filter, cands []uint32) exactCell {
	t.Helper()
	c, err := s.duplicateCaseKeys(context.Background(), f, cands)
	if err != nil {
		t.Fatal(err)
	}
	return c
}
