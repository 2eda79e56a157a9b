// Package store defines the on-disk and in-memory layout of a lagebild
// DuckDB store and the few writers that fill it: the schema (schema.sql),
// the generalised case record, record keys for the disclosure control, and
// the public figures table.
//
// Readers never use this package: they go through package queries, which
// opens a store hardened and read-only. Writers (the importer and the
// embedded default data) use it on a private connection before the store is
// handed over.
package store

import (
	"context"
	"database/sql"
	_ "embed"
	"fmt"
)

//go:embed schema.sql
var schemaSQL string

//go:embed schema2.sql
var schema2SQL string

// SchemaVersion is written into store_meta; queries refuses a store of
// another version. Version 2 stored codes as ENUM types and the record key
// as UINTEGER; version 3 adds the quality flags of each case; version 4
// adds the store's record-key secret and keys the record keys by it over
// provider and export case id (an older store's record keys cannot be
// recomputed that way: its raw case ids are not stored); version 5 adds
// the columns of case-export schema 2 (schema2.sql), and a version-4 store
// is migrated to it (Migrate).
const SchemaVersion = "5"

// CreateSchema creates the store's tables and views if they do not exist
// and records the schema version.
func CreateSchema(ctx context.Context, db execer) error {
	if _, err := db.ExecContext(ctx, schemaSQL); err != nil {
		return fmt.Errorf("creating store schema: %w", err)
	}
	if _, err := db.ExecContext(ctx, schema2SQL); err != nil {
		return fmt.Errorf("creating store schema: %w", err)
	}
	return SetMeta(ctx, db, "schema_version", SchemaVersion)
}

// SetMeta records a fact about the store (key → value), replacing an
// earlier value.
func SetMeta(ctx context.Context, db execer, key, value string) error {
	_, err := db.ExecContext(ctx,
		`INSERT OR REPLACE INTO store_meta(key, value) VALUES (?, ?)`, key, value)
	if err != nil {
		return fmt.Errorf("writing store_meta %s: %w", key, err)
	}
	return nil
}

// Meta keys in store_meta.
const (
	// MetaSynthetic is "true" when the store holds synthetic data only;
	// every view labels such data as synthetic.
	MetaSynthetic = "synthetic"
	// MetaDataLabel describes the data for headers and footers.
	MetaDataLabel = "data_label"
	// MetaKeyFingerprint identifies the pseudonymisation key the store's
	// cases were pseudonymised with (an HMAC under the key of a fixed
	// label, never the key): an import with another key is refused.
	MetaKeyFingerprint = "pseudonym_key_fingerprint"
)

// execer is what CreateSchema and SetMeta need: *sql.DB, *sql.Conn and
// *sql.Tx all qualify.
type execer interface {
	ExecContext(ctx context.Context, query string, args ...any) (sql.Result, error)
}
