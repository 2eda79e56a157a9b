package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// Issue #17 item 9: a directory, or a .parquet that is not Parquet, is
// invalid input (exit 2, as the help says), reported as such and with
// the store untouched.
func TestImportCommandNotAnExportExit2(t *testing.T) {
	dir, keyFile := importFixture(t)
	sub := filepath.Join(dir, "exports")
	if err := os.Mkdir(sub, 0o755); err != nil {
		t.Fatal(err)
	}
	notParquet := writeExport(t, dir, "export.parquet", importHeader, importRow)
	for _, tc := range []struct{ file, want string }{
		{sub, sub + ": a directory, not an export file"},
		{notParquet, notParquet + `: not a Parquet file (it does not start with "PAR1")`},
	} {
		db := filepath.Join(dir, "cases.db")
		code, out, errOut := runImportCmd(t, "--db", db, "--key-file", keyFile, tc.file)
		if code != exitUsage {
			t.Errorf("%s: exit %d, want %d; stderr:\n%s", tc.file, code, exitUsage, errOut)
		}
		if !strings.Contains(errOut, tc.want) || !strings.Contains(errOut, "nothing was imported") || out != "" {
			t.Errorf("%s: stdout %q, stderr:\n%s", tc.file, out, errOut)
		}
		if _, err := os.Stat(db); err == nil {
			t.Errorf("%s: store created", tc.file)
		}
	}
}
