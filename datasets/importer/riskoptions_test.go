package importer

import (
	"context"
	"database/sql"
	"fmt"
	"math"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"lagebild/datasets/schema"
	"lagebild/datasets/store"
)

// coarseningFixture has six classes of 2–4 records, each of which one
// coarsening merges with another (k = 5):
//
//	G  DE-BW 18_20 male   right_wing 2021  3   G+H merge in the period 2020–2022
//	H  DE-BW 18_20 male   right_wing 2022  3
//	I  DE-HH 25_29 female left_wing  2020  2   I+J merge in the region north
//	J  DE-NI 25_29 female left_wing  2020  3
//	K  DE-BE 25_29 male   islamist   2019  2   K+L merge in the wide band 25–39
//	L  DE-BE 30_39 male   islamist   2019  4
//
// 17 records, all in classes below 5. By hand, records still below 5:
//
//	periods 2+3+2+4 = 11, regions 3+3+2+4 = 12, wide age bands 3+3+2+3 = 11,
//	periods+regions 2+4 = 6, periods+wide 2+3 = 5, regions+wide 3+3 = 6,
//	all three 0;
//	without state (I+J) 12, without age band (K+L) 11, without gender 17,
//	without phenomenon 17, without intake year (G+H) 11.
func coarseningFixture() []rec {
	var recs []rec
	add := func(n int, kv ...string) {
		for range n {
			recs = append(recs, baseRec(fmt.Sprint("C", len(recs))).with(kv...))
		}
	}
	add(3, "state", "DE-BW", "age", "19", "gender", "male", "intake", "2021-04")
	add(3, "state", "DE-BW", "age", "19", "gender", "male", "intake", "2022-04")
	add(2, "state", "DE-HH", "age", "27", "gender", "female", "phenomenon", "left_wing", "intake", "2020-04")
	add(3, "state", "DE-NI", "age", "27", "gender", "female", "phenomenon", "left_wing", "intake", "2020-04")
	add(2, "state", "DE-BE", "age", "27", "gender", "male", "phenomenon", "islamist", "intake", "2019-04")
	add(4, "state", "DE-BE", "age", "35", "gender", "male", "phenomenon", "islamist", "intake", "2019-04")
	return recs
}

func TestRiskOptionsHandComputed(t *testing.T) {
	ctx := context.Background()
	db, err := sql.Open("duckdb", "")
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	if err := store.CreateSchema(ctx, db); err != nil {
		t.Fatal(err)
	}
	f := writeCSV(t, t.TempDir(), "c.csv", coarseningFixture()...)
	if _, err := ImportInto(ctx, db, []string{f}, Options{Key: testKey}); err != nil {
		t.Fatal(err)
	}
	a, err := RiskOptions(ctx, db, 5)
	if err != nil {
		t.Fatal(err)
	}
	wantCoarse := map[string]int64{
		"periods": 11, "regions": 12, "wide_age_bands": 11, "periods+regions": 6,
		"periods+wide_age_bands": 5, "regions+wide_age_bands": 6, "periods+regions+wide_age_bands": 0,
	}
	for _, o := range a.Coarsenings {
		if w, ok := wantCoarse[o.Name]; !ok || o.RecordsBelowK != w || o.Records != 17 ||
			math.Abs(o.Share-float64(w)/17) > 1e-12 {
			t.Errorf("%s: %d of %d below k, want %d of 17", o.Name, o.RecordsBelowK, o.Records, w)
		}
	}
	if len(a.Coarsenings) != len(wantCoarse) {
		t.Errorf("%d coarsenings, want %d", len(a.Coarsenings), len(wantCoarse))
	}
	// Drivers, least share without them first; at a tie age band comes
	// before intake year (the order of the quasi-identifiers).
	var drivers []string
	for _, d := range a.Drivers {
		drivers = append(drivers, fmt.Sprintf("%s=%d", d.Name, d.RecordsBelowK))
	}
	want := "age_band=11 intake_year=11 state=12 gender=17 phenomenon=17"
	if got := strings.Join(drivers, " "); got != want {
		t.Errorf("drivers %s, want %s", got, want)
	}
	if a.Driver() != "age_band" {
		t.Errorf("driver %q, want age_band", a.Driver())
	}
	var names []string
	for _, o := range a.Sufficient(0.35) {
		names = append(names, o.Name)
	}
	if got := strings.Join(names, " "); got != "periods+wide_age_bands periods+regions+wide_age_bands" {
		t.Errorf("sufficient at 35 %%: %s", got)
	}
}

// The regions of the SQL are the documented ones: every state in exactly
// one region (risk_options.sql spells them out).
func TestRegionStatesCoverEveryState(t *testing.T) {
	var all []string
	for _, states := range RegionStates {
		all = append(all, states...)
	}
	slices.Sort(all)
	want := slices.Sorted(slices.Values(schema.States))
	if !slices.Equal(all, want) {
		t.Errorf("regions cover %v, want every state once: %v", all, want)
	}
	sqlText := riskOptionsSQL
	for region, states := range RegionStates {
		if len(states) == 0 || !strings.Contains(sqlText, "'"+states[0]+"'") || !strings.Contains(sqlText, "'"+region+"'") {
			t.Errorf("region %s not in risk_options.sql", region)
		}
	}
}

func TestReportStringNamesTheDriver(t *testing.T) {
	dir := t.TempDir()
	f := writeCSV(t, dir, "c.csv", coarseningFixture()...)
	rep, err := ImportToStore(context.Background(), filepath.Join(dir, "s.db"), []string{f}, Options{Key: testKey, K: 5})
	if err != nil {
		t.Fatal(err)
	}
	s := rep.String()
	for _, want := range []string{"driven most by age_band: 64.7 % without it", "periods+regions+wide_age_bands 0.0 %"} {
		if !strings.Contains(s, want) {
			t.Errorf("report lacks %q:\n%s", want, s)
		}
	}
}
