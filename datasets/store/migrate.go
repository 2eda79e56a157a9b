package store

import (
	"context"
	"database/sql"
	"fmt"
	"net/url"

	_ "github.com/duckdb/duckdb-go/v2" // registers the "duckdb" driver
)

// MigratableVersion is the one older store version Migrate brings to
// SchemaVersion: version 4 lacks only the columns of case-export schema 2,
// which a migrated store holds as NULL (as if every export had been of
// schema 1). Older versions cannot be migrated (see SchemaVersion) and
// must be re-imported.
const MigratableVersion = "4"

// Migrate brings the store db reaches from MigratableVersion to
// SchemaVersion in one transaction: ALTER TABLE … ADD COLUMN for the
// schema-2 columns, the view cases with them, the new version. It reports
// whether it migrated; a store of SchemaVersion is left alone, a store of
// any other version is an error.
func Migrate(ctx context.Context, db *sql.DB) (migrated bool, err error) {
	tx, err := db.BeginTx(ctx, nil)
	if err != nil {
		return false, err
	}
	defer tx.Rollback()
	var version string
	if err := tx.QueryRowContext(ctx, `SELECT value FROM store_meta WHERE key = 'schema_version'`).Scan(&version); err != nil {
		return false, fmt.Errorf("reading the store version: %w", err)
	}
	switch version {
	case SchemaVersion:
		return false, nil
	case MigratableVersion:
	default:
		return false, fmt.Errorf("store version %s cannot be migrated to %s", version, SchemaVersion)
	}
	if _, err := tx.ExecContext(ctx, schema2SQL); err != nil {
		return false, fmt.Errorf("migrating the store to version %s: %w", SchemaVersion, err)
	}
	if err := SetMeta(ctx, tx, "schema_version", SchemaVersion); err != nil {
		return false, err
	}
	return true, tx.Commit()
}

// MigrateFile migrates the store file path (Migrate), opening it for
// writing on a DuckDB of its own without extensions or external access.
// It fails when the file cannot be written (read-only, or open in another
// process).
func MigrateFile(ctx context.Context, path string) (migrated bool, err error) {
	q := url.Values{}
	q.Set("enable_external_access", "false")
	q.Set("autoload_known_extensions", "false")
	db, err := sql.Open("duckdb", path+"?"+q.Encode())
	if err != nil {
		return false, err
	}
	defer db.Close()
	return Migrate(ctx, db)
}
