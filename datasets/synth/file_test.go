package synth

import (
	"bytes"
	"context"
	"database/sql"
	"errors"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
)

func TestWriteFileCSV(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "cases.csv")
	cfg := Config{Cases: 5000, Seed: 1}
	if err := WriteFile(context.Background(), path, cfg); err != nil {
		t.Fatal(err)
	}
	got, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(got, gen(t, cfg)) {
		t.Error("WriteFile CSV differs from Write")
	}
	assertOnly(t, dir, "cases.csv")
}

func TestWriteFileParquet(t *testing.T) {
	// A directory name with a quote and glob characters must not break
	// the SQL literals or read_csv's globbing.
	dir := filepath.Join(t.TempDir(), "it's [a] *dir*")
	if err := os.Mkdir(dir, 0o755); err != nil {
		t.Fatal(err)
	}
	path := filepath.Join(dir, "cases.PARQUET")
	cfg := Config{Cases: 5000, Seed: 1}
	if err := WriteFile(context.Background(), path, cfg); err != nil {
		t.Fatal(err)
	}
	assertOnly(t, dir, "cases.PARQUET")

	csvPath := filepath.Join(t.TempDir(), "cases.csv")
	if err := os.WriteFile(csvPath, gen(t, cfg), 0o644); err != nil {
		t.Fatal(err)
	}
	db, err := sql.Open("duckdb", "")
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	// read_parquet globs too; copy the file to a plain name for reading.
	plain := filepath.Join(t.TempDir(), "cases.parquet")
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(plain, data, 0o644); err != nil {
		t.Fatal(err)
	}
	pq := "read_parquet(" + sqlString(plain) + ")"
	var n int
	if err := db.QueryRow("SELECT count(*) FROM " + pq).Scan(&n); err != nil {
		t.Fatal(err)
	}
	if n != cfg.Cases {
		t.Errorf("Parquet has %d rows, want %d", n, cfg.Cases)
	}
	rows, err := db.Query("SELECT * FROM " + pq + " LIMIT 0")
	if err != nil {
		t.Fatal(err)
	}
	cols, _ := rows.Columns()
	rows.Close()
	if !slices.Equal(cols, Header()) {
		t.Errorf("Parquet columns %v, want %v", cols, Header())
	}
	// Same content as the CSV, empty fields as NULL.
	var diff int
	q := "SELECT count(*) FROM (SELECT * FROM " + pq + " EXCEPT ALL SELECT * FROM read_csv(" +
		sqlString(csvPath) + ", header=true, all_varchar=true))"
	if err := db.QueryRow(q).Scan(&diff); err != nil {
		t.Fatal(err)
	}
	if diff != 0 {
		t.Errorf("%d Parquet rows differ from the CSV", diff)
	}
	var nulls, empties int
	if err := db.QueryRow("SELECT count(*) FILTER (gender IS NULL), count(*) FILTER (gender = '') FROM "+pq).Scan(&nulls, &empties); err != nil {
		t.Fatal(err)
	}
	if nulls == 0 || empties != 0 {
		t.Errorf("gender: %d NULL, %d empty strings; want NULLs only", nulls, empties)
	}
	// The programme figures survive the conversion.
	var f ProgrammeFigures
	q = `SELECT count(*), count(*) FILTER (risk_level = 'high_risk'), count(*) FILTER (returnee = 'true'),
		count(*) FILTER (relapse IN ('extremist_offence', 'violent_offence'))
		FROM ` + pq + ` WHERE provider = 'T07' AND phenomenon = 'islamist'
		AND risk_level IN ('danger_context', 'high_risk') AND left(intake, 4) BETWEEN '2014' AND '2024'`
	if err := db.QueryRow(q).Scan(&f.Cases, &f.HighRisk, &f.Returnees, &f.Relapses); err != nil {
		t.Fatal(err)
	}
	if f != (ProgrammeFigures{408, 69, 61, 2}) {
		t.Errorf("Parquet programme figures %+v", f)
	}
}

func TestWriteFileErrors(t *testing.T) {
	dir := t.TempDir()
	ctx := context.Background()
	if err := WriteFile(ctx, filepath.Join(dir, "x.txt"), Config{Cases: 10}); !errors.Is(err, ErrInvalidConfig) {
		t.Errorf("unknown extension: %v, want ErrInvalidConfig", err)
	}
	if err := WriteFile(ctx, filepath.Join(dir, "x.csv"), Config{Cases: 0}); !errors.Is(err, ErrInvalidConfig) {
		t.Errorf("zero cases: %v, want ErrInvalidConfig", err)
	}
	if err := WriteFile(ctx, filepath.Join(dir, "missing", "x.csv"), Config{Cases: 10}); err == nil || errors.Is(err, ErrInvalidConfig) {
		t.Errorf("missing directory: %v, want a write error", err)
	}
	assertOnly(t, dir)

	// A cancelled run leaves neither the file nor temporary files, and an
	// existing file at the path untouched.
	for _, name := range []string{"x.csv", "x.parquet"} {
		path := filepath.Join(dir, name)
		if err := os.WriteFile(path, []byte("old"), 0o644); err != nil {
			t.Fatal(err)
		}
		cctx, cancel := context.WithCancel(ctx)
		cfg := Config{Cases: 100000, ProgressEvery: 5000, Progress: func(int) { cancel() }}
		if err := WriteFile(cctx, path, cfg); !errors.Is(err, context.Canceled) {
			t.Errorf("%s: cancelled WriteFile = %v", name, err)
		}
		if b, _ := os.ReadFile(path); string(b) != "old" {
			t.Errorf("%s: cancelled WriteFile replaced the old file", name)
		}
		os.Remove(path)
		assertOnly(t, dir)
	}
}

// assertOnly checks that dir holds exactly the named files.
func assertOnly(t *testing.T, dir string, names ...string) {
	t.Helper()
	entries, err := os.ReadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, e := range entries {
		got = append(got, e.Name())
	}
	if !slices.Equal(got, names) {
		t.Errorf("%s holds %s, want %s", dir, strings.Join(got, ", "), strings.Join(names, ", "))
	}
}
