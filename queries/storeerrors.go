package queries

import (
	"fmt"

	"lagebild/datasets/store"
)

// NotStoreError is returned by Open for a store file that cannot be read
// as a lagebild store: it is missing or unreadable, a directory, a case
// export not yet imported, DuckDB cannot open it, or it has no schema
// version. Callers treat it as invalid input. Err is
// the cause (errors.Is(err, fs.ErrNotExist) still holds for a missing
// file).
type NotStoreError struct {
	Path string // as given; "" for the in-memory store
	Err  error
	// Stage is what failed: StageStat, StageOpen or StageSchema.
	Stage OpenStage
}

// OpenStage is the step of Open at which a NotStoreError happened.
type OpenStage int

const (
	// StageStat: the file could not be stat'ed (missing, no permission).
	StageStat OpenStage = iota
	// StageOpen: DuckDB could not open the file (not a DuckDB database,
	// locked by a writer, …).
	StageOpen
	// StageSchema: the database has no schema version (no store_meta).
	StageSchema
	// StageDirectory: the path is a directory, not a file.
	StageDirectory
	// StageExport: the file is a case export (CSV or Parquet, told by its
	// content) that has not been imported into a store yet.
	StageExport
)

func (e *NotStoreError) Error() string {
	switch e.Stage {
	case StageStat:
		return fmt.Sprintf("opening store: %v", e.Err)
	case StageOpen:
		return fmt.Sprintf("opening store %s: %v", displayPath(e.Path), e.Err)
	case StageDirectory:
		return fmt.Sprintf("%s is a directory; --db takes a store file written by `lagebild import`", e.Path)
	case StageExport:
		return fmt.Sprintf("%s: this is an export, not a store: run `lagebild import --db cases.db %s`, then open cases.db", e.Path, e.Path)
	default:
		return fmt.Sprintf("%s is not a lagebild store (no schema version): %v", displayPath(e.Path), e.Err)
	}
}

func (e *NotStoreError) Unwrap() error { return e.Err }

// SchemaVersionError is returned by Open for a store of another schema
// version than this lagebild reads (store.SchemaVersion): it has to be
// re-imported.
type SchemaVersionError struct {
	Path string // as given; "" for the in-memory store
	Have string // the store's version
	Want string // the version this lagebild reads
}

func (e *SchemaVersionError) Error() string {
	if e.Have == store.MigratableVersion {
		return fmt.Sprintf("%s has store schema version %s, this lagebild reads version %s: opening it once with write access upgrades it (it could not be written now)",
			displayPath(e.Path), e.Have, e.Want)
	}
	return fmt.Sprintf("%s has store schema version %s, this lagebild reads version %s: re-import it",
		displayPath(e.Path), e.Have, e.Want)
}
