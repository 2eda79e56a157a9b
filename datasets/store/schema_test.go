package store

import (
	"context"
	"database/sql"
	"fmt"
	"slices"
	"testing"
	"time"

	_ "github.com/duckdb/duckdb-go/v2"

	"lagebild/datasets/schema"
)

// TestEnumTypesMatchSchema keeps the ENUM types of schema.sql equal to the
// code lists of package schema, in order: the filter's bit masks rely on a
// code's position in its list being its enum_code.
func TestEnumTypesMatchSchema(t *testing.T) {
	db, ctx := schemaDB(t)
	for typ, want := range map[string][]string{
		"state_code":        schema.States,
		"phenomenon_code":   schema.Phenomena,
		"age_band_code":     schema.AgeBands,
		"gender_code":       schema.Genders,
		"access_route_code": schema.AccessRoutes,
		"risk_level_code":   schema.RiskLevels,
		"status_code":       schema.Statuses,
		"outcome_code":      schema.Outcomes,
		"relapse_code":      schema.Relapses,
		// schema 2
		"case_type_code":      schema.CaseTypes,
		"closure_reason_code": schema.ClosureReasons,
		"agency_code":         schema.Agencies,
		"relapse_type_code":   schema.RelapseTypes,
	} {
		var got []string
		rows, err := db.QueryContext(ctx, `SELECT unnest(enum_range(NULL::`+typ+`))::VARCHAR`)
		if err != nil {
			t.Fatalf("%s: %v", typ, err)
		}
		for rows.Next() {
			var v string
			if err := rows.Scan(&v); err != nil {
				t.Fatal(err)
			}
			got = append(got, v)
		}
		rows.Close()
		if !slices.Equal(got, want) {
			t.Errorf("ENUM %s = %v, schema has %v", typ, got, want)
		}
	}
}

// TestEmptyTextRefused: the store refuses an empty case_id or provider,
// so the quality report may count those NOT NULL columns as complete.
func TestEmptyTextRefused(t *testing.T) {
	for _, c := range []Case{
		{CaseID: "", Provider: "p"},
		{CaseID: "c", Provider: ""},
	} {
		db, ctx := schemaDB(t)
		c.State, c.Phenomenon, c.AgeBand = "DE-BE", "islamist", "18_20"
		c.AccessRoute, c.RiskLevel, c.Status = "self", "standard", "ongoing"
		c.Intake = Month(2020, 1)
		w, err := NewCaseWriter(ctx, db)
		if err != nil {
			t.Fatal(err)
		}
		err = w.Append(&c)
		if cerr := w.Close(); err == nil {
			err = cerr
		}
		var n int
		db.QueryRow(`SELECT count(*) FROM case_records`).Scan(&n)
		if err == nil || n != 0 {
			t.Errorf("case %q at provider %q: err %v, %d rows stored", c.CaseID, c.Provider, err, n)
		}
	}
}

// TestFilledFlagsCoverNullableColumns: every column of case_records that
// may be NULL has a filled flag, and no other: the quality report counts
// the others as complete. duration_months is derived from closed, not a
// column of the export. The columns of case-export schema 2 have no
// filled flags (the quality report's completeness covers schema 1; the
// flags word is full): the report leaves them out.
func TestFilledFlagsCoverNullableColumns(t *testing.T) {
	db, ctx := schemaDB(t)
	rows, err := db.QueryContext(ctx, `SELECT column_name FROM duckdb_columns()
		WHERE table_name = 'case_records' AND is_nullable
		AND column_name <> 'duration_months' ORDER BY column_name`)
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	var nullable []string
	for rows.Next() {
		var c string
		if err := rows.Scan(&c); err != nil {
			t.Fatal(err)
		}
		if col, ok := schema.ByName(c); ok && col.Since == 2 {
			continue
		}
		nullable = append(nullable, c)
	}
	var flagged []string
	for c := range FilledFlags {
		flagged = append(flagged, c)
	}
	slices.Sort(flagged)
	if !slices.Equal(nullable, flagged) {
		t.Errorf("nullable columns %v, filled flags for %v", nullable, flagged)
	}
}

// TestDurationMonthsIsDateDiff: the stored duration is DuckDB's
// date_diff('month', intake, closed) for every record, also across years
// and for a closing month before the intake month.
func TestDurationMonthsIsDateDiff(t *testing.T) {
	db, ctx := schemaDB(t)
	w, err := NewCaseWriter(ctx, db)
	if err != nil {
		t.Fatal(err)
	}
	n := 0
	for iy := 2014; iy <= 2016; iy++ {
		for im := time.January; im <= time.December; im += 5 {
			for cy := 2013; cy <= 2017; cy++ {
				for cm := time.January; cm <= time.December; cm += 4 {
					closed := Month(cy, cm)
					c := Case{CaseID: fmt.Sprint("c", n), Provider: "p", State: "DE-BE", Phenomenon: "islamist",
						AgeBand: "18_20", AccessRoute: "self", RiskLevel: "standard", Status: "closed_regular",
						Intake: Month(iy, im), Closed: &closed}
					if err := w.Append(&c); err != nil {
						t.Fatal(err)
					}
					n++
				}
			}
		}
	}
	open := Case{CaseID: "open", Provider: "p", State: "DE-BE", Phenomenon: "islamist",
		AgeBand: "18_20", AccessRoute: "self", RiskLevel: "standard", Status: "ongoing", Intake: Month(2020, 3)}
	if err := w.Append(&open); err != nil {
		t.Fatal(err)
	}
	if err := w.Close(); err != nil {
		t.Fatal(err)
	}
	var bad, nulls int
	err = db.QueryRow(`SELECT count(*) FILTER (WHERE closed IS NOT NULL AND duration_months IS DISTINCT FROM date_diff('month', intake, closed)),
		count(*) FILTER (WHERE closed IS NULL AND duration_months IS NULL) FROM case_records`).Scan(&bad, &nulls)
	if err != nil {
		t.Fatal(err)
	}
	if bad != 0 || nulls != 1 {
		t.Errorf("%d of %d durations differ from date_diff; %d open cases without one (want 1)", bad, n, nulls)
	}
}

// schemaDB returns a new in-memory database with the store schema.
func schemaDB(t *testing.T) (*sql.DB, context.Context) {
	t.Helper()
	db, err := sql.Open("duckdb", "")
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	ctx := context.Background()
	if err := CreateSchema(ctx, db); err != nil {
		t.Fatal(err)
	}
	return db, ctx
}
