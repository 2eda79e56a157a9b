// Package importer reads anonymised counselling case exports (CSV or
// Parquet) into a lagebild store and enforces the anonymisation contract of
// design.md on the way in:
//
//   - Allowlist: only the canonical columns of package schema are stored. A
//     column that looks like a direct identifier (name, address, phone,
//     e-mail, birth date, ID numbers, IBAN, IP, free-text notes …) fails the
//     import even with DropUnknown; any other unknown column fails unless
//     DropUnknown is set, in which case it is dropped and reported.
//   - Validation: every value is checked against its column's kind and code
//     list, plus the cross-field rules (closed iff status closed_*, closed
//     not before intake, outcome only for closed cases, unique case ids).
//     All errors of all files are collected and returned together as a
//     *ValidationError; nothing is written if there is any.
//   - Generalisation before storage: exact age → age band, dates → month.
//   - Pseudonymisation: case ids are replaced by a keyed hash
//     (HMAC-SHA-256 over provider and case id); the key is never stored.
//   - Atomicity: ImportToStore builds the new store beside the old one and
//     renames it over the old one only when everything succeeded.
//   - Risk: every import reports how many records fall into equivalence
//     classes smaller than k on the quasi-identifiers (RiskReport).
//
// Input format: CSV separated by ',' or ';' (sniffed from the header line),
// UTF-8 with or without byte-order mark, or Parquet (detected by its magic
// bytes, read through a private in-memory DuckDB). A CSV that is not valid
// UTF-8 (typically Latin-1/Windows-1252 from a spreadsheet) is rejected
// with the file and line of the first invalid byte rather than converted:
// guessing an encoding could silently change values, and re-saving as
// "CSV UTF-8" is a one-step fix for the provider.
package importer
