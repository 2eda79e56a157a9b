package importer

import (
	"bytes"
	"context"
	"database/sql"
	"errors"
	"fmt"
	"net/url"
	"os"

	"lagebild/datasets/store"
)

// ErrRecordKeyConflict is returned when Options.RecordKeyFrom names a
// store whose record-key secret differs from the one the target store
// already has: a store's secret is never replaced, since the record keys
// of its cases could then no longer be reproduced by a re-import.
var ErrRecordKeyConflict = errors.New("the store already has another record-key secret")

// ErrStoreVersion is returned for a store of another schema version; for
// an older store, its exports have to be imported into a new one.
var ErrStoreVersion = errors.New("store of another schema version")

// storeSecret returns the record-key secret of the store db is building,
// making it if db has none yet: from Options.RecordKeyFrom (from) when
// given, else random. A store that already holds cases but no secret is
// refused (store.ErrNoRecordKeySecret): a new secret would give its cases
// and the new ones keys of two different origins. The secret is written
// to db in the caller's transaction, if any, so it is committed (or
// rolled back) with the cases.
func storeSecret(ctx context.Context, db *sql.DB, from string) ([]byte, error) {
	own, err := store.ReadRecordKeySecret(ctx, db)
	if err == nil {
		if from != "" {
			src, err := readSecretFrom(ctx, from)
			if err != nil {
				return nil, err
			}
			if !bytes.Equal(src, own) {
				return nil, fmt.Errorf("record key from %s: %w (record keys come from the store's own secret; give --record-key-from only for a new store)", from, ErrRecordKeyConflict)
			}
		}
		return own, nil
	}
	if !errors.Is(err, store.ErrNoRecordKeySecret) {
		return nil, err
	}
	var n int64
	if err := db.QueryRowContext(ctx, `SELECT count(*) FROM case_records`).Scan(&n); err != nil {
		return nil, fmt.Errorf("reading store: %w", err)
	}
	if n > 0 {
		return nil, fmt.Errorf("%w, but %d cases: re-import their exports into a new store", store.ErrNoRecordKeySecret, n)
	}
	var secret []byte
	if from != "" {
		secret, err = readSecretFrom(ctx, from)
	} else {
		secret, err = store.RandomSecret()
	}
	if err != nil {
		return nil, err
	}
	if err := store.WriteRecordKeySecret(ctx, db, secret); err != nil {
		return nil, err
	}
	return secret, nil
}

// readSecretFrom reads the record-key secret of the store file path,
// opened read-only in a DuckDB of its own (no extensions, no external
// access: it is only a file to read one row from).
func readSecretFrom(ctx context.Context, path string) ([]byte, error) {
	if _, err := os.Stat(path); err != nil {
		return nil, fmt.Errorf("record key from: %w", err)
	}
	q := url.Values{}
	q.Set("access_mode", "read_only")
	q.Set("enable_external_access", "false")
	q.Set("autoload_known_extensions", "false")
	db, err := sql.Open("duckdb", path+"?"+q.Encode())
	if err != nil {
		return nil, fmt.Errorf("opening store %s: %w", path, err)
	}
	defer db.Close()
	if err := checkVersion(ctx, db, "store_meta", path); err != nil {
		return nil, err
	}
	secret, err := store.ReadRecordKeySecret(ctx, db)
	if err != nil {
		return nil, fmt.Errorf("record key from %s: %w", path, err)
	}
	return secret, nil
}

// checkVersion fails unless the store file path, whose store_meta table
// db reaches as meta (a fixed name of this package: "store_meta" or
// "old_store.store_meta"), has the schema version this lagebild writes
// or store.MigratableVersion (whose record-key secret is the same and
// whose tables copyTables copies into the new columns), with a one-line
// error otherwise: a store older than version 4 has no record-key
// secret and its record keys cannot be recomputed (raw case ids are not
// stored), so it can be neither added to nor used with --record-key-from.
func checkVersion(ctx context.Context, db interface {
	QueryRowContext(ctx context.Context, query string, args ...any) *sql.Row
}, meta, path string) error {
	var version sql.NullString
	err := db.QueryRowContext(ctx, `SELECT max(value) FROM `+meta+` WHERE key = 'schema_version'`).Scan(&version)
	if err != nil {
		return fmt.Errorf("%s is not a lagebild store: %w", path, err)
	}
	if version.String != store.SchemaVersion && version.String != store.MigratableVersion {
		return fmt.Errorf("%s has store schema version %q, this lagebild writes %q: %w; import its exports into a new store",
			path, version.String, store.SchemaVersion, ErrStoreVersion)
	}
	return nil
}
