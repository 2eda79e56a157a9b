package benchdata

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// cached makes sure path exists. If it does not, build writes it under a
// temporary path (same base name, in a fresh directory beside path) that
// is then renamed to path, so path appears only when complete. Builders
// in other processes wait on path's lock file and then find it built.
// It logs when it builds and how long that took. Once path is built, the
// other files of its folder named stale followed by '-' or '.' (older
// versions of the same data) are removed; their lock files stay.
func cached(tb testing.TB, path, stale string, build func(tmp string) error) {
	tb.Helper()
	if exists(tb, path) {
		return
	}
	unlock, err := lock(path + ".lock")
	if err != nil {
		tb.Fatalf("benchdata: %v", err)
	}
	defer unlock()
	if exists(tb, path) {
		return // built by another process while we waited
	}
	// Leftovers of a builder that was killed: only the holder of the lock
	// builds in these directories.
	prefix := "building-" + filepath.Base(path) + "-"
	leftovers, _ := filepath.Glob(filepath.Join(filepath.Dir(path), prefix+"*"))
	for _, d := range leftovers {
		os.RemoveAll(d)
	}
	tmpDir, err := os.MkdirTemp(filepath.Dir(path), prefix)
	if err != nil {
		tb.Fatalf("benchdata: %v", err)
	}
	defer os.RemoveAll(tmpDir)
	tmp := filepath.Join(tmpDir, filepath.Base(path))
	tb.Logf("benchdata: building %s …", filepath.Base(path))
	start := time.Now()
	if err := build(tmp); err != nil {
		tb.Fatalf("benchdata: building %s: %v", path, err)
	}
	if err := os.Rename(tmp, path); err != nil {
		tb.Fatalf("benchdata: %v", err)
	}
	tb.Logf("benchdata: built %s (%s) in %s", filepath.Base(path), sizeOf(path), time.Since(start).Round(time.Millisecond))
	removeOutdated(tb, path, stale)
}

// removeOutdated removes the files beside path whose names start with
// stale and then '-' or '.', but path itself and lock files.
func removeOutdated(tb testing.TB, path, stale string) {
	tb.Helper()
	entries, _ := os.ReadDir(filepath.Dir(path))
	for _, e := range entries {
		name := e.Name()
		rest, ok := strings.CutPrefix(name, stale)
		if !ok || rest == "" || (rest[0] != '-' && rest[0] != '.') ||
			name == filepath.Base(path) || strings.HasSuffix(name, ".lock") || e.IsDir() {
			continue
		}
		if err := os.Remove(filepath.Join(filepath.Dir(path), name)); err == nil {
			tb.Logf("benchdata: removed the outdated %s", name)
		}
	}
}

func exists(tb testing.TB, path string) bool {
	tb.Helper()
	_, err := os.Stat(path)
	if errors.Is(err, fs.ErrNotExist) {
		return false
	}
	if err != nil {
		tb.Fatalf("benchdata: %v", err)
	}
	return true
}

// sizeOf is the file's size in MB, for the log.
func sizeOf(path string) string {
	fi, err := os.Stat(path)
	if err != nil {
		return "?"
	}
	return fmt.Sprintf("%.1f MB", float64(fi.Size())/1e6)
}
