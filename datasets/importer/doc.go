// Package importer reads anonymised counselling case exports (CSV or
// Parquet) into a lagebild store and enforces the anonymisation contract of
// design.md on the way in:
//
//   - Allowlist: only the canonical columns of package schema are stored
//     (headers matched after schema.NormaliseHeader against names and
//     aliases). A column that looks like a direct identifier (name,
//     address, phone, e-mail, birth date, ID numbers, IBAN, IP, free-text
//     notes …, see LooksLikeIdentifier) fails the import even with
//     DropUnknown; any other unknown column fails unless DropUnknown is
//     set, in which case it is dropped and reported. A duplicate column
//     (also two spellings of one column) fails.
//   - Validation: every value is checked against its column's kind and code
//     list, plus the cross-field rules. All errors of all files are
//     collected and returned together as a *ValidationError; nothing is
//     written if there is one.
//   - Generalisation before storage: exact age → age band, dates → month.
//   - Pseudonymisation: case ids are replaced by a keyed hash
//     (HMAC-SHA-256 over provider and case id); the key is never stored.
//     Duplicate case ids, within the import or against the store, fail.
//   - Record keys of the disclosure control: keyed by the store's own
//     random secret over provider and case id as exported, never by the
//     pseudonymisation key; every import into a store keeps its secret
//     (docs/privacy.md#record-keys).
//   - Atomicity: ImportToStore builds the new store beside the old one and
//     renames it over the old one only when everything succeeded.
//   - Risk: every import reports how many records fall into equivalence
//     classes smaller than k on the quasi-identifiers (RiskReport).
//
// # Input
//
// CSV separated by ',' or ';' (whichever occurs more often outside quotes
// in the header line), UTF-8 with or without byte-order mark, or Parquet
// (recognised by its magic bytes, read through a private in-memory
// DuckDB with every column as text, so both go through the same checks).
// A CSV that is not valid UTF-8 (typically Latin-1/Windows-1252 from a
// spreadsheet) is rejected with the file and line of the first invalid
// record rather than converted: guessing an encoding could silently change
// values, and re-saving as "CSV UTF-8" is a one-step fix for the provider.
// Lines that hold only separators are skipped; a column without header is
// tolerated as long as it is empty (spreadsheets add both freely).
//
// # Rules decided here
//
//   - Values are trimmed; codes match case-insensitively and are stored in
//     their canonical spelling ("de-bw" → DE-BW). Booleans and months
//     accept what schema.ParseBool and schema.ParseMonth accept.
//   - age or age_band must be present as a column and given in every row.
//     When both are given, the band must be the band of the age (a
//     mismatch is an error, not something to guess about); the age wins
//     only in the sense that it is what the band is derived from.
//   - closed is required if and only if the status is closed_regular or
//     closed_aborted (so it is an error for ongoing and transferred cases)
//     and must not be before intake; outcome is only allowed for those two
//     statuses; relapse is allowed for any case.
//   - provider must be a code (letters, digits, '.', '-', '_', at most 32
//     characters) so that no organisation or person name is stored.
//   - contacts is a whole number ≥ 0 that fits 32 bits.
//   - A missing gender is stored as NULL (not as "unknown") and is a class
//     of its own in the risk report.
//
// # Errors
//
// Every problem is a FieldError rendered as
// file:line:column: value "x": reason (allowed: a, b, c), with the column
// named as its header appears in the file. Header problems have line 1 and
// no value. At most Options.MaxErrors (default 100) are kept, all are
// counted. Problems of the input are validation errors; I/O failures,
// cancellation and a missing key (ErrNoKey) are plain errors.
//
// # Performance
//
// ImportToStore streams: a splitter reads records into chunks, one
// worker per core validates them, the reading goroutine takes them back
// in file order for the checks that depend on order, and DuckDB takes
// the cases on its own threads through a table function (pipeline.go)
// in one INSERT statement; a fixed pool of chunks bounds the
// memory in between. Only the duplicate check holds per-case state, about
// 25 bytes per case (idSet), outside the Go heap (idMemory).
package importer
