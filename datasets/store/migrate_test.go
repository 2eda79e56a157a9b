package store

import (
	"context"
	"database/sql"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"lagebild/datasets/schema"
)

// version4Store writes a store file as version 4 left it: the tables of
// schema.sql without the schema-2 columns, the view cases over the
// schema-1 columns, one case.
func version4Store(t *testing.T) string {
	t.Helper()
	path := filepath.Join(t.TempDir(), "v4.db")
	db, err := sql.Open("duckdb", path)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	ctx := context.Background()
	for _, q := range []string{schemaSQL,
		`CREATE VIEW cases AS SELECT case_id, provider, state, phenomenon, intake, age_band, gender,
			access_route, intrinsic_motivation, risk_level, returnee, custody, multi_agency, status,
			closed, outcome, relapse, contacts FROM case_records`,
		`INSERT INTO case_records (case_id, provider, state, phenomenon, intake, age_band, access_route,
			risk_level, status, rkey, qflags) VALUES ('old', 'T01', 'DE-BE', 'islamist', DATE '2020-01-01',
			'18_20', 'self', 'standard', 'ongoing', 7, 0)`,
	} {
		if _, err := db.ExecContext(ctx, q); err != nil {
			t.Fatal(err)
		}
	}
	if err := SetMeta(ctx, db, "schema_version", MigratableVersion); err != nil {
		t.Fatal(err)
	}
	return path
}

// columnsOf lists name and type of every column of a table or view.
func columnsOf(t *testing.T, db *sql.DB, table string) []string {
	t.Helper()
	return queryStrings(t, db, `SELECT column_name || ' ' || data_type FROM duckdb_columns() WHERE table_name = ? ORDER BY column_index`, table)
}

// queryStrings runs a query of one text column on db (a *sql.DB or a
// *sql.Conn) and returns its values.
func queryStrings(t *testing.T, db interface {
	QueryContext(context.Context, string, ...any) (*sql.Rows, error)
}, query string, args ...any) []string {
	t.Helper()
	rows, err := db.QueryContext(t.Context(), query, args...)
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	var out []string
	for rows.Next() {
		var s string
		if err := rows.Scan(&s); err != nil {
			t.Fatal(err)
		}
		out = append(out, s)
	}
	if err := rows.Err(); err != nil {
		t.Fatal(err)
	}
	return out
}

// TestMigrateVersion4: a version-4 store gets the schema-2 columns in the
// order and types of a new store, its case keeps its values with NULL in
// the new columns, the version becomes SchemaVersion, a second Migrate
// does nothing, and a case with schema-2 values can be appended.
func TestMigrateVersion4(t *testing.T) {
	path := version4Store(t)
	ctx := context.Background()
	migrated, err := MigrateFile(ctx, path)
	if err != nil || !migrated {
		t.Fatalf("MigrateFile: %v, %v", migrated, err)
	}
	if again, err := MigrateFile(ctx, path); err != nil || again {
		t.Errorf("second MigrateFile: %v, %v", again, err)
	}
	db, err := sql.Open("duckdb", path)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	fresh, _ := schemaDB(t)
	for _, table := range []string{"case_records", "cases"} {
		if got, want := columnsOf(t, db, table), columnsOf(t, fresh, table); !slices.Equal(got, want) {
			t.Errorf("%s migrated:\n%v\nnew:\n%v", table, got, want)
		}
	}
	var version string
	db.QueryRow(`SELECT value FROM store_meta WHERE key = 'schema_version'`).Scan(&version)
	if version != SchemaVersion {
		t.Errorf("version %s, want %s", version, SchemaVersion)
	}
	var schema2 []string
	for _, c := range schema.Columns {
		if c.Since == 2 {
			schema2 = append(schema2, "count("+c.Name+")")
		}
	}
	var n, filled int
	if err := db.QueryRow(`SELECT count(*), `+strings.Join(schema2, " + ")+` FROM cases WHERE case_id = 'old'`).Scan(&n, &filled); err != nil || n != 1 || filled != 0 {
		t.Errorf("old case: %d rows, %d schema-2 values, %v", n, filled, err)
	}

	c := Case{CaseID: "new", Provider: "T02", State: "DE-BE", Phenomenon: "islamist", AgeBand: "18_20",
		AccessRoute: "self", RiskLevel: "high_risk", Status: "ongoing", Intake: Month(2021, 5)}
	c.Agencies = sql.Null[uint8]{V: 1<<0 | 1<<7, Valid: true}
	c.DimIntake[4] = sql.Null[uint8]{V: 3, Valid: true}
	c.GoalsSet = sql.Null[int32]{V: 2, Valid: true}
	w, err := NewCaseWriter(ctx, db)
	if err != nil {
		t.Fatal(err)
	}
	if err := w.Append(&c); err != nil {
		t.Fatal(err)
	}
	if err := w.Close(); err != nil {
		t.Fatal(err)
	}
	var agencies string
	var dim, goals int
	if err := db.QueryRow(`SELECT agencies::VARCHAR, dim_psychosocial_intake, goals_set FROM cases WHERE case_id = 'new'`).Scan(&agencies, &dim, &goals); err != nil {
		t.Fatal(err)
	}
	if agencies != "[police, school]" || dim != 3 || goals != 2 {
		t.Errorf("appended after migration: %s %d %d", agencies, dim, goals)
	}
}

// TestMigrateRefusesOtherVersions: a store of a version older than
// MigratableVersion is not touched.
func TestMigrateRefusesOtherVersions(t *testing.T) {
	path := version4Store(t)
	db, err := sql.Open("duckdb", path)
	if err != nil {
		t.Fatal(err)
	}
	ctx := context.Background()
	if err := SetMeta(ctx, db, "schema_version", "3"); err != nil {
		t.Fatal(err)
	}
	migrated, err := Migrate(ctx, db)
	if err == nil || migrated {
		t.Errorf("version 3: migrated %v, err %v", migrated, err)
	}
	if cols := columnsOf(t, db, "case_records"); slices.ContainsFunc(cols, func(c string) bool { return strings.HasPrefix(c, "case_type ") }) {
		t.Errorf("version 3 store got schema-2 columns: %v", cols)
	}
	db.Close()
}

// TestNumDimensions keeps the array size of Details equal to the schema's
// dimensions.
func TestNumDimensions(t *testing.T) {
	if NumDimensions != len(schema.Dimensions) {
		t.Errorf("NumDimensions %d, schema has %d dimensions", NumDimensions, len(schema.Dimensions))
	}
}
