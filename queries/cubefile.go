package queries

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"

	"github.com/duckdb/duckdb-go/v2"
)

// The cubes of a file store are kept in a cache file beside it,
// <store>.cube (docs/performance.md): the store is opened read-only and
// stays as `lagebild import` wrote it, and a cache file can be rebuilt at
// any time. An interactive session (OpenOptions.Cube CubeBuild) builds it
// when it is missing or was built from other data or by other cube code
// (its fingerprint differs), under a temporary name renamed when
// complete, so that a process that opens the store at the same time sees
// the old file or the new one, never a part; a one-shot command
// (CubeIfFresh) reads it only when it is fresh. When it cannot be written
// (a read-only directory) or is not there, the store answers from the
// case records as before: the same numbers, more slowly.

// cubeCatalog is the name the cube file is attached under, cubeBuildCatalog
// the name a new one is built under.
const (
	cubeCatalog      = "lagebild_cube"
	cubeBuildCatalog = "lagebild_cube_build"
)

// CubeFile is the path of the cube cache file of the store file path.
func CubeFile(path string) string { return path + ".cube" }

// openCubeFile attaches the cube file of the store file path when it is
// fresh; when it is missing or stale it calls announce and builds it first
// if build is set, telling progress (if not nil) after each step, and else
// returns nil (no cube). It runs before the store is hardened (attaching a
// file needs external access).
func (s *Store) openCubeFile(ctx context.Context, path string, build bool, announce func(), progress func(done, total int)) (*cubes, error) {
	params, err := s.queryCubeParams(ctx)
	if err != nil {
		return nil, err
	}
	want, err := s.cubeFingerprint(ctx, params)
	if err != nil {
		return nil, err
	}
	file := CubeFile(path)
	if _, err := os.Stat(file); err == nil {
		if err := s.attach(ctx, file, cubeCatalog, "READ_ONLY"); err == nil {
			var have string
			err := s.db.QueryRowContext(ctx, sqlText("cube_meta_read", map[string]string{"catalog": cubeCatalog})).Scan(&have)
			if err == nil && have == want {
				return &cubes{prefix: cubeCatalog + ".", params: params}, nil
			}
			if _, err := s.db.ExecContext(ctx, "DETACH "+cubeCatalog); err != nil {
				return nil, err
			}
		}
	}
	if !build {
		return nil, nil
	}
	announce()
	err = s.buildCubeFile(ctx, path, file, want, cubeBuildMemoryLimit, progress)
	if oom := (*duckdb.Error)(nil); errors.As(err, &oom) && oom.Type == duckdb.ErrorTypeOutOfMemory {
		// Some of the build cannot spill to disk: once more under the
		// store's own limit rather than a store without a cube.
		err = s.buildCubeFile(ctx, path, file, want, s.memoryLimit, progress)
	}
	if err != nil {
		return nil, err
	}
	if err := s.attach(ctx, file, cubeCatalog, "READ_ONLY"); err != nil {
		return nil, err
	}
	return &cubes{prefix: cubeCatalog + ".", params: params}, nil
}

// buildCubeFile writes every cube and the fingerprint fp into a new file
// beside the store and renames it to file, telling progress (if not nil)
// after each step (a table or a type).
func (s *Store) buildCubeFile(ctx context.Context, path, file, fp, limit string, progress func(done, total int)) (err error) {
	tmp, err := os.CreateTemp(filepath.Dir(file), filepath.Base(file)+".building-*")
	if err != nil {
		return err
	}
	name := tmp.Name()
	tmp.Close()
	os.Remove(name) // DuckDB makes the file; the name is ours
	defer func() {
		if err != nil {
			os.Remove(name)
			os.Remove(name + ".wal")
		}
	}()
	if err := s.attach(ctx, name, cubeBuildCatalog, fmt.Sprintf("READ_WRITE, ROW_GROUP_SIZE %d", cubeRowGroupSize)); err != nil {
		return err
	}
	attached := true
	defer func() {
		if attached {
			s.db.ExecContext(ctx, "DETACH "+cubeBuildCatalog)
		}
	}()
	restore, err := s.limitMemory(ctx, limit)
	if err != nil {
		return err
	}
	defer restore()
	stmts, err := s.cubeStatements(ctx, cubeBuildCatalog+".")
	if err != nil {
		return err
	}
	stmts = slices.Insert(stmts, 0, caseQuery{text: sqlText("cube_meta_create", map[string]string{"catalog": cubeBuildCatalog})})
	// One transaction: the file is written once, not after every table.
	tx, err := s.db.BeginTx(ctx, nil)
	if err != nil {
		return err
	}
	defer tx.Rollback()
	for i, st := range stmts {
		if _, err := tx.ExecContext(ctx, st.text, st.args...); err != nil {
			return fmt.Errorf("building the cube file: %w", err)
		}
		if progress != nil {
			progress(i+1, len(stmts))
		}
	}
	insert := sqlText("cube_meta_write", map[string]string{"catalog": cubeBuildCatalog})
	if _, err := tx.ExecContext(ctx, insert, sqlNamed("fingerprint", fp)); err != nil {
		return fmt.Errorf("building the cube file: %w", err)
	}
	if err := tx.Commit(); err != nil {
		return fmt.Errorf("building the cube file: %w", err)
	}
	if _, err := s.db.ExecContext(ctx, "DETACH "+cubeBuildCatalog); err != nil {
		return err
	}
	attached = false
	// The cube holds exact counts: readable by whom the store is.
	if info, err := os.Stat(path); err == nil {
		if err := os.Chmod(name, info.Mode().Perm()&0o666); err != nil {
			return err
		}
	}
	return os.Rename(name, file)
}

// attach attaches the DuckDB file path as catalog in mode (READ_ONLY or
// READ_WRITE).
func (s *Store) attach(ctx context.Context, path, catalog, mode string) error {
	st := sqlText("cube_attach", map[string]string{"path": sqlString(path), "catalog": catalog, "mode": mode})
	if _, err := s.db.ExecContext(ctx, st); err != nil {
		return fmt.Errorf("attaching the cube file %s: %w", path, err)
	}
	return nil
}

// cubeBuildMemoryLimit is DuckDB's memory_limit while a cube file is
// built. The store's own limit (1GB) let the build of a 1M store peak at
// 716 MB and of a 10M store at 1.43 GB; with 256MB the builds took as
// long (1M 15.9 s against 16.4 s, 10M 87 s against 83 s) and peaked at
// 391 MB and 599 MB (docs/performance.md, "Round five"). 160MB, with the
// levels of round six, kept 1M at 300 MB but failed at 10M with an
// out-of-memory error in one of three builds ("Round six"). A build that
// runs out of memory under it is made again under the store's own limit.
// A variable for the test of that.
var cubeBuildMemoryLimit = "256MB"

// cubeRowGroupSize is the number of rows DuckDB keeps together in a cube
// file's tables, and so the unit a read skips by the minimum and maximum
// of its columns. DuckDB's default, 122,880, lets a read skip only by the
// first sort column of a large level; with 16,384 the second one (the
// state within a phenomenon) skips too: at 10M cases the evaluator view's
// filter changes took p50 9.9 instead of 12.1 ms, and under filters of
// custody and risk level 21.6 instead of 30.3 ms (docs/performance.md,
// "Round seven"). A variable for the test that needs several row groups
// in a small cube.
var cubeRowGroupSize = 16384

// limitMemory sets DuckDB's memory_limit to limit and returns a function
// that sets it back to the store's own (Store.memoryLimit).
func (s *Store) limitMemory(ctx context.Context, limit string) (restore func(), err error) {
	if _, err := s.db.ExecContext(ctx, "SET GLOBAL memory_limit = "+sqlString(limit)); err != nil {
		return nil, fmt.Errorf("setting DuckDB's memory limit: %w", err)
	}
	return func() { s.db.ExecContext(ctx, "SET GLOBAL memory_limit = "+sqlString(s.memoryLimit)) }, nil
}

// sqlString quotes s as an SQL string literal.
func sqlString(s string) string { return "'" + strings.ReplaceAll(s, "'", "''") + "'" }

// cubeFingerprint identifies the data, the relapse follow-up cutoff (the
// relapse covering's base binds it), the values the query cubes bind
// (params) and the cube code and row group size a cube is built with.
func (s *Store) cubeFingerprint(ctx context.Context, params []map[string]any) (string, error) {
	var data string
	if err := s.db.QueryRowContext(ctx, sqlText("cube_fingerprint", nil)).Scan(&data); err != nil {
		return "", fmt.Errorf("fingerprinting the case data: %w", err)
	}
	cutoff := s.followUp.Cutoff().Format("2006-01-02")
	h := sha256.Sum256(fmt.Appendf(nil, "%s\x00%s\x00%v\x00%s\x00%d", data, cutoff, params, cubeDefinition(), cubeRowGroupSize))
	return hex.EncodeToString(h[:]), nil
}
