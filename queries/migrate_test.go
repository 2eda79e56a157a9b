package queries

import (
	"context"
	"database/sql"
	"errors"
	"path/filepath"
	"strings"
	"testing"

	"lagebild/datasets/schema"
	"lagebild/datasets/store"
)

// storeOfVersion writes a store file of the given version as the store
// of that version looked: without the columns of case-export schema 2.
func storeOfVersion(t *testing.T, version string) string {
	t.Helper()
	path := filepath.Join(t.TempDir(), "old.db")
	db, err := sql.Open("duckdb", path)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	ctx := context.Background()
	if err := store.CreateSchema(ctx, db); err != nil {
		t.Fatal(err)
	}
	stmts := []string{`DROP VIEW cases`}
	for _, c := range schema.Columns {
		if c.Since == 2 {
			stmts = append(stmts, `ALTER TABLE case_records DROP COLUMN `+c.Name)
		}
	}
	stmts = append(stmts, `CREATE VIEW cases AS SELECT case_id, provider FROM case_records`)
	for _, q := range stmts {
		if _, err := db.ExecContext(ctx, q); err != nil {
			t.Fatal(err)
		}
	}
	if err := store.SetMeta(ctx, db, "schema_version", version); err != nil {
		t.Fatal(err)
	}
	return path
}

// TestOpenMigratesVersion4: Open upgrades a store of
// store.MigratableVersion and reads it; its cases view has the schema-2
// columns afterwards.
func TestOpenMigratesVersion4(t *testing.T) {
	path := storeOfVersion(t, store.MigratableVersion)
	st, err := Open(context.Background(), OpenOptions{Path: path})
	if err != nil {
		t.Fatalf("Open: %v", err)
	}
	defer st.Close()
	var n int
	if err := st.db.QueryRow(`SELECT count(*) FROM duckdb_columns() WHERE table_name = 'cases' AND column_name = 'relapse_checked'`).Scan(&n); err != nil || n != 1 {
		t.Errorf("relapse_checked in cases: %d, %v", n, err)
	}
}

// TestOpenRefusesOlderVersion: a store older than the migratable version
// is refused with a *SchemaVersionError on one line.
func TestOpenRefusesOlderVersion(t *testing.T) {
	path := storeOfVersion(t, "3")
	_, err := Open(context.Background(), OpenOptions{Path: path})
	var sv *SchemaVersionError
	if !errors.As(err, &sv) || sv.Have != "3" || sv.Want != store.SchemaVersion {
		t.Fatalf("got %T %v, want *SchemaVersionError for version 3", err, err)
	}
	if msg := err.Error(); strings.Contains(msg, "\n") || !strings.Contains(msg, "re-import") {
		t.Errorf("message %q: want one line with the hint to re-import", msg)
	}
}
