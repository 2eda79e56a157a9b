package importer

import (
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
)

// What a killed import left beside the store (its new store, log and
// spill directory) is removed by the next import into that store, which
// says so; files of other stores and look-alikes stay.
func TestNextImportRemovesLeftovers(t *testing.T) {
	dir := t.TempDir()
	db := filepath.Join(dir, "store.db")
	importOK(t, db, writeCSV(t, dir, "a.csv", baseRec("L1")))

	leftovers := []string{
		"store.db.importing-0123456789abcdef",
		"store.db.importing-0123456789abcdef.wal",
		"store.db.importing-fedcba9876543210",
	}
	for _, name := range leftovers {
		if err := os.WriteFile(filepath.Join(dir, name), []byte("record-level data"), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	spill := filepath.Join(dir, "store.db.importing-0123456789abcdef.tmp")
	if err := os.MkdirAll(spill, 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(spill, "spill.block"), []byte("x"), 0o644); err != nil {
		t.Fatal(err)
	}
	leftovers = append(leftovers, filepath.Base(spill))
	others := []string{
		"other.db.importing-0123456789abcdef",  // another store's
		"store.db.importing-0123456789abcdeX",  // not ours: no hex
		"store.db.importing-0123456789abcdef~", // not ours: other suffix
		"store.db.importing-notes.txt",
	}
	for _, name := range others {
		if err := os.WriteFile(filepath.Join(dir, name), nil, 0o600); err != nil {
			t.Fatal(err)
		}
	}

	var notices []string
	opts := Options{Key: testKey, Notice: func(msg string) { notices = append(notices, msg) }}
	if _, err := ImportToStore(t.Context(), db, []string{writeCSV(t, dir, "b.csv", baseRec("L2"))}, opts); err != nil {
		t.Fatal(err)
	}
	for _, name := range leftovers {
		if _, err := os.Lstat(filepath.Join(dir, name)); !os.IsNotExist(err) {
			t.Errorf("leftover %s is still there (%v)", name, err)
		}
	}
	for _, name := range others {
		if _, err := os.Lstat(filepath.Join(dir, name)); err != nil {
			t.Errorf("%s was removed: %v", name, err)
		}
	}
	if len(notices) != 1 {
		t.Fatalf("notices %q, want one naming the leftovers", notices)
	}
	for _, name := range leftovers {
		if !strings.Contains(notices[0], name) {
			t.Errorf("notice %q does not name %s", notices[0], name)
		}
	}
	if got := countRows(t, db); got != 2 {
		t.Errorf("%d cases, want 2", got)
	}
	entries, _ := os.ReadDir(dir)
	var names []string
	for _, e := range entries {
		names = append(names, e.Name())
	}
	if slices.ContainsFunc(names, func(n string) bool { return isLeftover("store.db", n) }) {
		t.Errorf("the import left files of its own: %v", names)
	}
}
