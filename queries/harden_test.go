package queries

import (
	"context"
	"database/sql"
	"os"
	"path/filepath"
	"strings"
	"testing"

	_ "github.com/duckdb/duckdb-go/v2"

	"lagebild/datasets/store"
)

// Statements that a hardened store must refuse, whoever sends them.
var forbidden = []string{
	`SET GLOBAL enable_external_access = true`,
	`SET GLOBAL lock_configuration = false`,
	`SET memory_limit = '10GB'`,
	`SELECT * FROM read_csv('/etc/passwd')`,
	`SELECT * FROM read_text('/etc/hostname')`,
	`ATTACH '/tmp/lagebild-attack.duckdb' AS x`,
	`INSTALL httpfs`,
	`LOAD httpfs`,
	`COPY (SELECT 1) TO '/tmp/lagebild-attack.csv'`,
}

func TestInMemoryStoreIsHardened(t *testing.T) {
	s := openCases(t, randomCases(8, 10), nil)
	ctx := context.Background()
	for _, q := range forbidden {
		if _, err := s.db.ExecContext(ctx, q); err == nil {
			t.Errorf("hardened store accepted %q", q)
		}
	}
	if _, err := os.Stat("/tmp/lagebild-attack.csv"); err == nil {
		t.Error("COPY wrote a file")
	}
}

func TestFileStoreOpensReadOnly(t *testing.T) {
	path := filepath.Join(t.TempDir(), "store.duckdb")
	db, err := sql.Open("duckdb", path)
	if err != nil {
		t.Fatal(err)
	}
	ctx := context.Background()
	if err := store.CreateSchema(ctx, db); err != nil {
		t.Fatal(err)
	}
	db.Close()

	s, err := Open(ctx, OpenOptions{Path: path})
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	for _, q := range append(forbidden, `DELETE FROM case_records`, `CREATE TABLE x(i INTEGER)`) {
		if _, err := s.db.ExecContext(ctx, q); err == nil {
			t.Errorf("read-only store accepted %q", q)
		}
	}
	var mode string
	if err := s.db.QueryRowContext(ctx, `SELECT current_setting('access_mode')`).Scan(&mode); err != nil || !strings.EqualFold(mode, "read_only") {
		t.Errorf("access_mode = %q, %v", mode, err)
	}
}

func TestOpenRefusesNonStore(t *testing.T) {
	path := filepath.Join(t.TempDir(), "empty.duckdb")
	db, _ := sql.Open("duckdb", path)
	db.Exec(`CREATE TABLE t(i INTEGER)`)
	db.Close()
	if _, err := Open(context.Background(), OpenOptions{Path: path}); err == nil || !strings.Contains(err.Error(), "not a lagebild store") {
		t.Errorf("opening a non-store: %v", err)
	}
	if _, err := Open(context.Background(), OpenOptions{Path: filepath.Join(t.TempDir(), "missing.duckdb")}); err == nil {
		t.Error("opening a missing file succeeded")
	}
}
