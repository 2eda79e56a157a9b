package sample

import (
	"context"
	"database/sql"
	"path/filepath"
	"strconv"
	"testing"

	_ "github.com/duckdb/duckdb-go/v2"

	"lagebild/datasets/importer"
	"lagebild/datasets/store"
	"lagebild/datasets/synth"
)

// The sample's cases, imported record by record from the generator, are
// exactly those of importing the generator's CSV file: every column of
// every case, the record keys and the import log.
func TestCasesAsFromTheCSVFile(t *testing.T) {
	ctx := context.Background()
	direct := memoryDB(t)
	if err := fillCases(ctx, direct); err != nil {
		t.Fatal(err)
	}

	path := filepath.Join(t.TempDir(), "synthetic-sample.csv")
	cfg := synth.Config{Cases: Cases, Seed: Seed, FromYear: FromYear, ToYear: ToYear}
	if err := synth.WriteFile(ctx, path, cfg); err != nil {
		t.Fatal(err)
	}
	viaFile := memoryDB(t)
	if err := store.WriteRecordKeySecret(ctx, viaFile, recordKeySecret); err != nil {
		t.Fatal(err)
	}
	if _, err := importer.ImportInto(ctx, viaFile, []string{path}, importer.Options{Key: key}); err != nil {
		t.Fatal(err)
	}

	for _, q := range []string{
		`SELECT count(*)::VARCHAR FROM case_records`,
		`SELECT string_agg(c::VARCHAR, '|' ORDER BY c.case_id) FROM case_records c`,
		`SELECT string_agg(file || ':' || rows || ':' || providers, '|' ORDER BY file) FROM import_log`,
	} {
		a, b := scanString(t, direct, q), scanString(t, viaFile, q)
		if a != b {
			t.Errorf("%s:\n from the generator %.200s…\n from the CSV file  %.200s…", q, a, b)
		}
	}
	if n := scanString(t, direct, `SELECT count(*)::VARCHAR FROM case_records`); n != strconv.Itoa(Cases) {
		t.Errorf("%s cases, want %d", n, Cases)
	}
}

func memoryDB(t *testing.T) *sql.DB {
	t.Helper()
	db, err := sql.Open("duckdb", "")
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	if err := store.CreateSchema(context.Background(), db); err != nil {
		t.Fatal(err)
	}
	return db
}

func scanString(t *testing.T, db *sql.DB, q string) string {
	t.Helper()
	var s sql.NullString
	if err := db.QueryRowContext(context.Background(), q).Scan(&s); err != nil {
		t.Fatalf("%s: %v", q, err)
	}
	return s.String
}
