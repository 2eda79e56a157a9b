//go:build unix

package importer

import (
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
)

// Everything an import writes holds record-level data and is readable by
// its owner only: the store after a first import and after a re-import
// (which used to widen 0600 to 0644), and the new store and its
// write-ahead log while the import runs, under the usual umask 022.
func TestImportFilesAreOwnerOnly(t *testing.T) {
	old := syscall.Umask(0o022)
	defer syscall.Umask(old)
	dir := t.TempDir()
	db := filepath.Join(dir, "store.db")
	importOK(t, db, writeCSV(t, dir, "a.csv", baseRec("M1"), baseRec("M2")))
	mustMode(t, db, 0o600)

	// While the re-import runs (Progress is called at the end of each
	// file, before the swap), the new store and its log exist beside the
	// old one.
	seen := map[string]os.FileMode{}
	opts := Options{Key: testKey, Progress: func(string, int64) {
		entries, err := os.ReadDir(dir)
		if err != nil {
			t.Error(err)
			return
		}
		for _, e := range entries {
			if strings.Contains(e.Name(), importingTag) {
				if fi, err := e.Info(); err == nil {
					seen[e.Name()] = fi.Mode().Perm()
				}
			}
		}
	}}
	if _, err := ImportToStore(t.Context(), db, []string{writeCSV(t, dir, "b.csv", baseRec("M3"))}, opts); err != nil {
		t.Fatal(err)
	}
	var wal bool
	for name, perm := range seen {
		wal = wal || strings.HasSuffix(name, ".wal")
		if perm != 0o600 {
			t.Errorf("%s was made with mode %#o, want 0600", name, perm)
		}
	}
	if len(seen) < 2 || !wal {
		t.Errorf("saw %v while importing, want the new store and its .wal", seen)
	}
	mustMode(t, db, 0o600)
	if got := countRows(t, db); got != 3 {
		t.Errorf("%d cases, want 3", got)
	}
	if mask := syscall.Umask(0o022); mask != 0o022 {
		t.Errorf("the import left the umask at %#o", mask)
	}
}

func mustMode(t *testing.T, path string, want os.FileMode) {
	t.Helper()
	fi, err := os.Stat(path)
	if err != nil {
		t.Fatal(err)
	}
	if got := fi.Mode().Perm(); got != want {
		t.Errorf("%s has mode %#o, want %#o", filepath.Base(path), got, want)
	}
}
