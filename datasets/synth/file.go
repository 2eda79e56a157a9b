package synth

import (
	"context"
	"database/sql"
	"fmt"
	"os"
	"path/filepath"
	"strings"

	_ "github.com/duckdb/duckdb-go/v2" // registers the "duckdb" driver
)

// WriteFile writes cfg's cases to path, as CSV or Parquet by its extension
// (see FormatOf). The file appears atomically: the data goes to a hidden
// temporary file beside path that is renamed over path only when complete,
// so a failed or cancelled run leaves no file at path and a killed one at
// most a hidden *.tmp file beside it. Parquet is converted by DuckDB from a
// temporary CSV (all columns text, empty fields as NULL).
func WriteFile(ctx context.Context, path string, cfg Config) (err error) {
	format, err := FormatOf(path)
	if err != nil {
		return err
	}
	if err := cfg.Validate(); err != nil {
		return err
	}
	defer func() {
		if err != nil {
			err = fmt.Errorf("writing %s: %w", path, err)
		}
	}()
	abs, err := filepath.Abs(path)
	if err != nil {
		return err
	}
	if fi, err := os.Stat(abs); err == nil && fi.IsDir() {
		return fmt.Errorf("is a directory")
	}
	dir, base := filepath.Split(abs)

	out, err := os.CreateTemp(dir, "."+base+".*.tmp")
	if err != nil {
		return err
	}
	tmp := out.Name()
	defer func() {
		if err != nil {
			os.Remove(tmp)
		}
	}()

	if format == CSV {
		if err := Write(ctx, out, cfg); err != nil {
			out.Close()
			return err
		}
		if err := out.Close(); err != nil {
			return err
		}
	} else {
		out.Close()
		if err := writeParquet(ctx, dir, tmp, cfg); err != nil {
			return err
		}
	}
	if err := os.Chmod(tmp, 0o644); err != nil {
		return err
	}
	return os.Rename(tmp, abs)
}

// writeParquet writes cfg's cases to a temporary CSV and converts it to
// Parquet at parquetPath with an in-memory DuckDB.
func writeParquet(ctx context.Context, dir, parquetPath string, cfg Config) (err error) {
	// read_csv expands glob patterns, so the temporary CSV goes where its
	// path has no glob characters: beside the output, else the system
	// temporary directory.
	csvDir := dir
	if strings.ContainsAny(csvDir, globChars) {
		csvDir = os.TempDir()
		if strings.ContainsAny(csvDir, globChars) {
			return fmt.Errorf("no directory without glob characters (%s) for the temporary CSV", globChars)
		}
	}
	f, err := os.CreateTemp(csvDir, ".lagebild-gen-*.csv")
	if err != nil {
		return err
	}
	csvPath := f.Name()
	defer os.Remove(csvPath)
	if err := Write(ctx, f, cfg); err != nil {
		f.Close()
		return err
	}
	if err := f.Close(); err != nil {
		return err
	}

	// One thread: on a small machine it is as fast as two for this
	// single-file COPY, and peak memory stays near 250 MB also at 10M rows
	// (twice that with more threads).
	db, err := sql.Open("duckdb", "?threads=1")
	if err != nil {
		return fmt.Errorf("opening DuckDB: %w", err)
	}
	defer db.Close()
	// COPY … TO takes no bound parameters, so both paths are SQL string
	// literals with single quotes doubled.
	q := "COPY (SELECT * FROM read_csv(" + sqlString(csvPath) +
		", header=true, delim=',', quote='\"', all_varchar=true)) TO " +
		sqlString(parquetPath) + " (FORMAT parquet, COMPRESSION zstd)"
	if _, err := db.ExecContext(ctx, q); err != nil {
		return fmt.Errorf("converting to Parquet: %w", err)
	}
	return nil
}

// globChars are the characters DuckDB's file globbing interprets.
const globChars = "*?[]{}"

// sqlString quotes s as a SQL string literal.
func sqlString(s string) string {
	return "'" + strings.ReplaceAll(s, "'", "''") + "'"
}
