package benchdata

import (
	"errors"
	"os"
	"path/filepath"
	"testing"
)

// Dir returns <module root>/.cache/bench, the folder of the cached
// benchmark data (git-ignored via /.cache/), creating it if needed.
func Dir(tb testing.TB) string {
	tb.Helper()
	root, err := moduleRoot()
	if err != nil {
		tb.Fatalf("benchdata: %v", err)
	}
	dir := filepath.Join(root, ".cache", "bench")
	if err := os.MkdirAll(dir, 0o755); err != nil {
		tb.Fatalf("benchdata: %v", err)
	}
	return dir
}

// moduleRoot walks up from the working directory (a test's package
// directory) to the directory holding go.mod.
func moduleRoot() (string, error) {
	dir, err := os.Getwd()
	if err != nil {
		return "", err
	}
	for {
		if _, err := os.Stat(filepath.Join(dir, "go.mod")); err == nil {
			return dir, nil
		}
		parent := filepath.Dir(dir)
		if parent == dir {
			return "", errors.New("no go.mod above the working directory")
		}
		dir = parent
	}
}
