package benchdata

import (
	"os"
	"path/filepath"
	"testing"
)

// The fingerprint changes with the source of the data packages, not with
// their tests or testdata.
func TestFingerprint(t *testing.T) {
	root := t.TempDir()
	write := func(rel, content string) {
		t.Helper()
		path := filepath.Join(root, rel)
		if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(path, []byte(content), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	for _, dir := range dataSources {
		write(filepath.Join(dir, "a.go"), "package a\n")
	}
	fp := func() string {
		t.Helper()
		s, err := fingerprint(root)
		if err != nil {
			t.Fatal(err)
		}
		return s
	}
	first := fp()
	write("datasets/importer/a_test.go", "package a // a test\n")
	write("datasets/synth/testdata/x.csv", "a,b\n")
	write("cmd/lagebild/main.go", "package main\n")
	if got := fp(); got != first {
		t.Errorf("tests, testdata or other packages changed the fingerprint: %s → %s", first, got)
	}
	write("datasets/store/schema.sql", "CREATE TABLE cases (qflags INT);\n")
	second := fp()
	if second == first {
		t.Error("a new schema.sql kept the fingerprint")
	}
	write("datasets/store/schema.sql", "CREATE TABLE cases (qflags BIGINT);\n")
	if fp() == second {
		t.Error("a changed schema.sql kept the fingerprint")
	}
	if real := Fingerprint(t); len(real) != 10 {
		t.Errorf("Fingerprint of this module = %q", real)
	}
}
