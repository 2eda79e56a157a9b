package importer

import (
	"context"
	"crypto/rand"
	"database/sql"
	"encoding/hex"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"time"

	"lagebild/datasets/figures"
	"lagebild/datasets/store"
)

// ImportToStore imports files into the store file dbPath, creating it if
// it does not exist, and swaps the result in atomically:
//
//  0. it takes the store's import lock (lockStore; waiting while another
//     import holds it), removes what killed imports left beside the store
//     (removeLeftovers) and makes every file it creates private to its
//     owner (privateUmask);
//  1. a new store is built beside the old one, at
//     dbPath + ".importing-<random>": schema, then a copy of every table
//     of the old store (if any; attached read-only), including its
//     record-key secret; a new store gets a random secret, or that of
//     Options.RecordKeyFrom;
//  2. the files are read in a single streaming pass that validates every
//     record and stores the valid cases in the new store (in one
//     transaction, on a second goroutine); after the first validation
//     error storing stops but validation goes on, so that all errors of
//     all files are reported together;
//  3. import_log rows are written, store_meta synthetic=false is set
//     unless the old store already says otherwise, the risk report is
//     computed, the store is checkpointed, closed and fsynced;
//  4. it is made mode 0600, renamed over dbPath and the directory is
//     fsynced.
//
// On any failure or cancellation the new file (and its WAL) is removed and
// dbPath is left as it was. The cases of the store must have been
// pseudonymised with Options.Key, if they were pseudonymised with a key
// the store records (ErrKeyMismatch).
func ImportToStore(ctx context.Context, dbPath string, files []string, opts Options) (rep *Report, err error) {
	r, err := newRun(files, opts)
	if err != nil {
		return nil, err
	}
	unlock, err := lockStore(ctx, dbPath, r.opts.Notice)
	if err != nil {
		return nil, err
	}
	defer unlock()
	removed, err := removeLeftovers(dbPath)
	if len(removed) > 0 {
		r.opts.Notice("removed what an interrupted import left behind: " + strings.Join(removed, ", "))
	}
	if err != nil {
		return nil, err
	}
	defer privateUmask()()
	suffix, err := randomHex(importingHexLen / 2)
	if err != nil {
		return nil, err
	}
	tmp := dbPath + importingTag + suffix
	db, err := sql.Open("duckdb", tmp)
	if err != nil {
		return nil, fmt.Errorf("creating %s: %w", tmp, err)
	}
	// One connection: the write phase below is one transaction on it, in
	// which the pipeline runs its INSERT (database/sql hands the same
	// connection back, with the transaction still open).
	db.SetMaxOpenConns(1)
	closed := false
	defer func() {
		if !closed {
			db.Close()
		}
		if err != nil {
			os.Remove(tmp)
			os.Remove(tmp + ".wal")
		}
	}()

	// Write each full row group out at once instead of buffering five,
	// and let DuckDB keep at most 96 MB of blocks in memory: without a
	// limit it keeps every block it wrote (80 % of the machine's memory
	// is its default), 1.1 GB at 10M cases. Let it store the cases in
	// any order, so that it compresses and writes row groups on all its
	// threads (pipeline.go); nothing reads the cases in the order they
	// were stored (docs/performance.md, "Import").
	if _, err := db.ExecContext(ctx, `SET GLOBAL write_buffer_row_group_count = 1; SET memory_limit = '96MB'; SET preserve_insertion_order = false`); err != nil {
		return nil, fmt.Errorf("configuring %s: %w", tmp, err)
	}
	if err := store.CreateSchema(ctx, db); err != nil {
		return nil, err
	}
	if _, statErr := os.Stat(dbPath); statErr == nil {
		if err := copyStore(ctx, db, dbPath); err != nil {
			return nil, err
		}
	} else if errors.Is(statErr, os.ErrNotExist) {
		// A new store starts with the embedded public figures, so that
		// every view and briefing on it has them.
		if err := store.ReplaceFigures(ctx, db, figures.Embedded()); err != nil {
			return nil, err
		}
		if err := store.SetMeta(ctx, db, store.MetaDataLabel, "imported case exports"); err != nil {
			return nil, err
		}
	} else {
		return nil, statErr
	}
	if err := r.loadStoredIDs(ctx, db); err != nil {
		return nil, err
	}
	// The old store's secret came over with its tables; a new store
	// gets one here.
	if err := r.useStoreKeys(ctx, db); err != nil {
		return nil, err
	}

	if _, err := db.ExecContext(ctx, `BEGIN TRANSACTION`); err != nil {
		return nil, fmt.Errorf("writing %s: %w", tmp, err)
	}
	frs, err := r.writeAll(ctx, db)
	if err != nil {
		return nil, err
	}
	if err := r.errs.err(); err != nil {
		return nil, err
	}
	if err := writeLog(ctx, db, frs, time.Now().UTC()); err != nil {
		return nil, err
	}
	if err := recordKeyFingerprint(ctx, db, r.pseudonymKey()); err != nil {
		return nil, err
	}
	var present int
	if err := db.QueryRowContext(ctx, `SELECT count(*) FROM store_meta WHERE key = ?`, store.MetaSynthetic).Scan(&present); err != nil {
		return nil, fmt.Errorf("reading store_meta: %w", err)
	}
	// Synthetic while every import into the store was synthetic.
	if present == 0 || !r.opts.Synthetic {
		if err := store.SetMeta(ctx, db, store.MetaSynthetic, strconv.FormatBool(present == 0 && r.opts.Synthetic)); err != nil {
			return nil, err
		}
	}
	// Fails (and so fails the import) if the transaction was lost.
	if _, err := db.ExecContext(ctx, `COMMIT`); err != nil {
		return nil, fmt.Errorf("writing %s: %w", tmp, err)
	}
	rep, err = r.finishReport(ctx, db, frs)
	if err != nil {
		return nil, err
	}
	if _, err := db.ExecContext(ctx, `CHECKPOINT`); err != nil {
		return nil, fmt.Errorf("checkpointing %s: %w", tmp, err)
	}
	closed = true
	if err := db.Close(); err != nil {
		return nil, fmt.Errorf("closing %s: %w", tmp, err)
	}
	if _, err := os.Stat(tmp + ".wal"); err == nil {
		return nil, fmt.Errorf("closing %s: write-ahead log left behind", tmp)
	}
	// Record-level data: owner only, whatever mode the file was made with.
	if err := os.Chmod(tmp, 0o600); err != nil {
		return nil, fmt.Errorf("protecting %s: %w", tmp, err)
	}
	if err := syncFile(tmp); err != nil {
		return nil, err
	}
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	if err := os.Rename(tmp, dbPath); err != nil {
		return nil, fmt.Errorf("replacing %s: %w", dbPath, err)
	}
	if err := syncFile(filepath.Dir(dbPath)); err != nil {
		// The new store is in place; only its durability is in doubt.
		return rep, fmt.Errorf("store replaced, but syncing its directory failed: %w", err)
	}
	return rep, nil
}

// copyStore copies every table of the store at path into db: tables of
// the current schema row by row by column name, any other table as it is
// (so nothing of the old store is lost). A store of another schema
// version is refused. A write-ahead log left by a crashed writer is
// checkpointed into the old file first (this changes no data), so that no
// stale log can ever be replayed against the new file after the swap.
func copyStore(ctx context.Context, db *sql.DB, path string) error {
	conn, err := db.Conn(ctx)
	if err != nil {
		return err
	}
	defer conn.Close()
	lit := "'" + strings.ReplaceAll(path, "'", "''") + "'"
	if _, err := os.Stat(path + ".wal"); err == nil {
		if _, err := conn.ExecContext(ctx, `ATTACH `+lit+` AS old_store`); err != nil {
			return fmt.Errorf("opening store %s: %w", path, err)
		}
		_, err := conn.ExecContext(ctx, `CHECKPOINT old_store`)
		if _, derr := conn.ExecContext(ctx, `DETACH old_store`); err == nil {
			err = derr
		}
		if err != nil {
			return fmt.Errorf("checkpointing store %s: %w", path, err)
		}
	}
	if _, err := conn.ExecContext(ctx, `ATTACH `+lit+` AS old_store (READ_ONLY)`); err != nil {
		return fmt.Errorf("opening store %s: %w", path, err)
	}
	err = copyTables(ctx, conn, path)
	if _, derr := conn.ExecContext(context.WithoutCancel(ctx), `DETACH old_store`); err == nil && derr != nil {
		err = fmt.Errorf("closing store %s: %w", path, derr)
	}
	return err
}

func copyTables(ctx context.Context, conn *sql.Conn, path string) error {
	if err := checkVersion(ctx, conn, "old_store.store_meta", path); err != nil {
		return err
	}
	names, err := tableNames(ctx, conn, "old_store")
	if err != nil {
		return err
	}
	current, err := tableNames(ctx, conn, currentDatabase)
	if err != nil {
		return err
	}
	known := map[string]bool{}
	for _, n := range current {
		known[n] = true
	}
	for _, n := range names {
		id := quoteIdent(n)
		var q string
		switch {
		case n == "store_meta":
			q = `INSERT OR REPLACE INTO store_meta(key, value) SELECT key, value FROM old_store.store_meta`
		case known[n]:
			q = `INSERT INTO ` + id + ` BY NAME SELECT * FROM old_store.` + id
		default:
			q = `CREATE TABLE ` + id + ` AS SELECT * FROM old_store.` + id
		}
		if _, err := conn.ExecContext(ctx, q); err != nil {
			return fmt.Errorf("copying table %s of %s: %w", n, path, err)
		}
	}
	// A store of store.MigratableVersion is migrated by the copy: its
	// cases have NULL in the columns of case-export schema 2.
	return store.SetMeta(ctx, conn, "schema_version", store.SchemaVersion)
}

// currentDatabase selects the tables of the connection's own database in
// tableNames.
const currentDatabase = ""

// tableNames lists the base tables of an attached database (or of the
// current one for currentDatabase) in the main schema.
func tableNames(ctx context.Context, conn *sql.Conn, database string) ([]string, error) {
	q := `SELECT table_name FROM duckdb_tables() WHERE schema_name = 'main' AND NOT temporary AND database_name = `
	var args []any
	if database == currentDatabase {
		q += `current_database()`
	} else {
		q += `?`
		args = append(args, database)
	}
	rows, err := conn.QueryContext(ctx, q+` ORDER BY table_name`, args...)
	if err != nil {
		return nil, fmt.Errorf("listing tables: %w", err)
	}
	defer rows.Close()
	var names []string
	for rows.Next() {
		var n string
		if err := rows.Scan(&n); err != nil {
			return nil, err
		}
		names = append(names, n)
	}
	return names, rows.Err()
}

func quoteIdent(s string) string { return `"` + strings.ReplaceAll(s, `"`, `""`) + `"` }

func randomHex(n int) (string, error) {
	b := make([]byte, n)
	if _, err := rand.Read(b); err != nil {
		return "", err
	}
	return hex.EncodeToString(b), nil
}

// syncFile fsyncs a file or directory.
func syncFile(path string) error {
	f, err := os.Open(path)
	if err != nil {
		return err
	}
	err = f.Sync()
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		return fmt.Errorf("syncing %s: %w", path, err)
	}
	return nil
}
