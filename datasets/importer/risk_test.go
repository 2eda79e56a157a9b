package importer

import (
	"context"
	"database/sql"
	"fmt"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	"lagebild/datasets/store"
)

// riskFixture is a hand-made store population with known equivalence
// classes on (state, age band, gender, phenomenon, intake year):
//
//	A  DE-BW 14_17 male    right_wing 2021   3 records (three months of 2021)
//	B  DE-BW 14_17 (none)  right_wing 2021   1 record  (missing gender is its own value)
//	C  DE-BW 14_17 unknown right_wing 2021   2 records
//	D  DE-BY 18_20 female  islamist   2022   5 records
//	E  DE-BY 18_20 female  islamist   2023   1 record  (other year)
//	F  DE-BE 40_plus male  left_wing  2020   6 records
//
// 18 records in 6 classes.
func riskFixture() []rec {
	var recs []rec
	add := func(n int, kv ...string) {
		for i := 0; i < n; i++ {
			recs = append(recs, baseRec(fmt.Sprint("R", len(recs))).with(kv...))
		}
	}
	add(1, "state", "DE-BW", "age", "14", "gender", "male", "intake", "2021-01")
	add(1, "state", "DE-BW", "age", "15", "gender", "male", "intake", "2021-06")
	add(1, "state", "DE-BW", "age", "", "age_band", "14_17", "gender", "male", "intake", "2021-12")
	add(1, "state", "DE-BW", "age", "17", "gender", "", "intake", "2021-02")
	add(2, "state", "DE-BW", "age", "16", "gender", "unknown", "intake", "2021-03")
	add(5, "state", "DE-BY", "age", "19", "gender", "female", "phenomenon", "islamist", "intake", "2022-05")
	add(1, "state", "DE-BY", "age", "20", "gender", "female", "phenomenon", "islamist", "intake", "2023-01")
	add(6, "state", "DE-BE", "age", "55", "gender", "male", "phenomenon", "left_wing", "intake", "2020-10")
	return recs
}

func TestRiskReportHandComputed(t *testing.T) {
	ctx := context.Background()
	db, err := sql.Open("duckdb", "")
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	if err := store.CreateSchema(ctx, db); err != nil {
		t.Fatal(err)
	}
	// Empty store: no records, no risk.
	empty, err := RiskReport(ctx, db, 5)
	if err != nil {
		t.Fatal(err)
	}
	if empty.Records != 0 || empty.Classes != 0 || empty.Share != 0 || len(empty.Sizes) != 4 {
		t.Errorf("empty store: %+v", empty)
	}

	f := writeCSV(t, t.TempDir(), "r.csv", riskFixture()...)
	if _, err := ImportInto(ctx, db, []string{f}, Options{Key: testKey}); err != nil {
		t.Fatal(err)
	}
	cases := []struct {
		k    int
		want Risk
	}{
		{5, Risk{K: 5, Records: 18, Classes: 6, RecordsBelowK: 7, ClassesBelowK: 4, Share: 7.0 / 18,
			Sizes: []ClassSize{{1, 2, 2}, {2, 1, 2}, {3, 1, 3}, {4, 0, 0}}}},
		{3, Risk{K: 3, Records: 18, Classes: 6, RecordsBelowK: 4, ClassesBelowK: 3, Share: 4.0 / 18,
			Sizes: []ClassSize{{1, 2, 2}, {2, 1, 2}}}},
		{7, Risk{K: 7, Records: 18, Classes: 6, RecordsBelowK: 18, ClassesBelowK: 6, Share: 1,
			Sizes: []ClassSize{{1, 2, 2}, {2, 1, 2}, {3, 1, 3}, {4, 0, 0}, {5, 1, 5}, {6, 1, 6}}}},
	}
	for _, tc := range cases {
		got, err := RiskReport(ctx, db, tc.k)
		if err != nil {
			t.Fatal(err)
		}
		if !reflect.DeepEqual(*got, tc.want) {
			t.Errorf("k=%d:\n got  %+v\n want %+v", tc.k, *got, tc.want)
		}
	}
}

func TestReportStringHasRisk(t *testing.T) {
	dir := t.TempDir()
	f := writeCSV(t, dir, "r.csv", riskFixture()...)
	rep, err := ImportToStore(context.Background(), filepath.Join(dir, "s.db"), []string{f}, Options{Key: testKey, K: 5})
	if err != nil {
		t.Fatal(err)
	}
	s := rep.String()
	for _, want := range []string{
		f + ": 18 rows, providers T01",
		"imported 18 rows from 1 file(s); the store now holds 18 cases",
		"k=5",
		"7 of 18 records (38.9 %) are in 4 of 6 classes smaller than 5",
		"classes by size: size 1: 2, size 2: 1, size 3: 1, size 4: 0",
	} {
		if !strings.Contains(s, want) {
			t.Errorf("report lacks %q:\n%s", want, s)
		}
	}
}
