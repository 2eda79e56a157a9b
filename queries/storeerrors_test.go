package queries

import (
	"context"
	"database/sql"
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"testing"

	"lagebild/datasets/store"
)

// Open says why a file is not a store it can read by the type of its
// error, which callers decide on (never by its text).
func TestOpenErrorsAreTyped(t *testing.T) {
	ctx := context.Background()
	dir := t.TempDir()

	duckFile := func(name string, stmts ...string) string {
		path := filepath.Join(dir, name)
		db, err := sql.Open("duckdb", path)
		if err != nil {
			t.Fatal(err)
		}
		defer db.Close()
		for _, s := range stmts {
			if _, err := db.ExecContext(ctx, s); err != nil {
				t.Fatal(err)
			}
		}
		return path
	}
	noMeta := duckFile("no-meta.duckdb", `CREATE TABLE t(i INTEGER)`)
	oldVersion := filepath.Join(dir, "old.duckdb")
	{
		db, err := sql.Open("duckdb", oldVersion)
		if err != nil {
			t.Fatal(err)
		}
		if err := store.CreateSchema(ctx, db); err != nil {
			t.Fatal(err)
		}
		if err := store.SetMeta(ctx, db, "schema_version", "1"); err != nil {
			t.Fatal(err)
		}
		db.Close()
	}
	// A case export given as --db, under a name that does not say so:
	// told by its content.
	export := filepath.Join(dir, "cases.db")
	if err := os.WriteFile(export, []byte("\xef\xbb\xbfcase_id;provider\r\n1;T01\r\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	parquetExport := filepath.Join(dir, "cases.parquet")
	{
		db, err := sql.Open("duckdb", "")
		if err != nil {
			t.Fatal(err)
		}
		_, err = db.ExecContext(ctx, `COPY (SELECT 'C1' AS case_id, 'T01' AS provider) TO '`+parquetExport+`' (FORMAT parquet)`)
		db.Close()
		if err != nil {
			t.Fatal(err)
		}
	}
	text := filepath.Join(dir, "notes.txt")
	if err := os.WriteFile(text, []byte("a note without separators\n"), 0o644); err != nil {
		t.Fatal(err)
	}

	for _, c := range []struct {
		name, path string
		stage      OpenStage // for a *NotStoreError
		version    bool      // a *SchemaVersionError instead
		notExist   bool
	}{
		{name: "missing", path: filepath.Join(dir, "missing.duckdb"), stage: StageStat, notExist: true},
		{name: "not DuckDB", path: text, stage: StageOpen},
		{name: "directory", path: dir, stage: StageDirectory},
		{name: "CSV export", path: export, stage: StageExport},
		{name: "Parquet export", path: parquetExport, stage: StageExport},
		{name: "no store_meta", path: noMeta, stage: StageSchema},
		{name: "old schema", path: oldVersion, version: true},
	} {
		t.Run(c.name, func(t *testing.T) {
			s, err := Open(ctx, OpenOptions{Path: c.path})
			if err == nil {
				s.Close()
				t.Fatal("opened")
			}
			var ns *NotStoreError
			var ve *SchemaVersionError
			switch {
			case c.version:
				if !errors.As(err, &ve) || ve.Have != "1" || ve.Want != store.SchemaVersion || ve.Path != c.path {
					t.Errorf("%v (%T), want a *SchemaVersionError 1 → %s", err, err, store.SchemaVersion)
				}
				if errors.As(err, &ns) {
					t.Errorf("%v is also a *NotStoreError", err)
				}
			default:
				if !errors.As(err, &ns) || ns.Stage != c.stage || ns.Path != c.path {
					t.Errorf("%v (%T), want a *NotStoreError at stage %d", err, err, c.stage)
				}
			}
			if got := errors.Is(err, fs.ErrNotExist); got != c.notExist {
				t.Errorf("errors.Is(%v, fs.ErrNotExist) = %v", err, got)
			}
		})
	}
}
