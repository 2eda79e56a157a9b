package importer

import (
	"bytes"
	"database/sql"
	"errors"
	"os"
	"path/filepath"
	"testing"

	"lagebild/datasets/store"
)

// Re-importing an export with another pseudonymisation key would store
// every case a second time under other pseudonyms (the duplicate check
// cannot see them). The store records a fingerprint of its key, not the
// key, and refuses another one, leaving the store unchanged; the same
// key, and ids given as pseudonyms, are still accepted.
func TestImportWithAnotherKeyRefused(t *testing.T) {
	dir := t.TempDir()
	export := writeCSV(t, dir, "e.csv", baseRec("F1"), baseRec("F2"))
	db := filepath.Join(dir, "store.db")
	importOK(t, db, export)
	fp := queryStrings(t, db, `SELECT value FROM store_meta WHERE key = ?`, store.MetaKeyFingerprint)
	if len(fp) != 1 || fp[0] != keyFingerprint(testKey) {
		t.Fatalf("store fingerprint %q, want %q", fp, keyFingerprint(testKey))
	}
	raw, err := os.ReadFile(db)
	if err != nil {
		t.Fatal(err)
	}
	if bytes.Contains(raw, testKey) {
		t.Error("the store file contains the key")
	}
	before, err := os.ReadFile(db)
	if err != nil {
		t.Fatal(err)
	}

	other := Options{Key: []byte("a second pseudonymisation key")}
	if _, err := ImportToStore(t.Context(), db, []string{export}, other); !errors.Is(err, ErrKeyMismatch) {
		t.Errorf("ImportToStore with another key: %v, want ErrKeyMismatch", err)
	}
	after, err := os.ReadFile(db)
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(before, after) {
		t.Error("the refused import changed the store")
	}
	w, err := sql.Open("duckdb", db)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := ImportInto(t.Context(), w, []string{export}, other); !errors.Is(err, ErrKeyMismatch) {
		t.Errorf("ImportInto with another key: %v, want ErrKeyMismatch", err)
	}
	if err := w.Close(); err != nil {
		t.Fatal(err)
	}
	if got := countRows(t, db); got != 2 {
		t.Errorf("%d cases, want 2", got)
	}

	// The same key: the same pseudonyms, so the duplicates are found.
	if _, err := ImportToStore(t.Context(), db, []string{export}, Options{Key: testKey}); !isValidation(err) {
		t.Errorf("the same export with the same key: %v, want duplicate case ids", err)
	}
	// Ids given as pseudonyms: no key, nothing to compare.
	more := writeCSV(t, dir, "p.csv", baseRec("0123456789abcdef0123456789abcdef"))
	if _, err := ImportToStore(t.Context(), db, []string{more}, Options{IDsPseudonymous: true}); err != nil {
		t.Errorf("ids pseudonymous: %v", err)
	}
	if got := countRows(t, db); got != 3 {
		t.Errorf("%d cases, want 3", got)
	}
}

// A store that has only ids given as pseudonyms takes the fingerprint of
// the first key it is imported with.
func TestFirstKeyIsRecorded(t *testing.T) {
	dir := t.TempDir()
	db := filepath.Join(dir, "store.db")
	if _, err := ImportToStore(t.Context(), db, []string{writeCSV(t, dir, "p.csv", baseRec("P1"))}, Options{IDsPseudonymous: true}); err != nil {
		t.Fatal(err)
	}
	if fp := queryStrings(t, db, `SELECT count(*) FROM store_meta WHERE key = ?`, store.MetaKeyFingerprint); fp[0] != "0" {
		t.Fatalf("a store without a key has %s fingerprints", fp[0])
	}
	importOK(t, db, writeCSV(t, dir, "k.csv", baseRec("K1")))
	_, err := ImportToStore(t.Context(), db, []string{writeCSV(t, dir, "k2.csv", baseRec("K2"))}, Options{Key: []byte("a second pseudonymisation key")})
	if !errors.Is(err, ErrKeyMismatch) {
		t.Errorf("another key after the first: %v, want ErrKeyMismatch", err)
	}
}

func isValidation(err error) bool {
	var ve *ValidationError
	return errors.As(err, &ve)
}
