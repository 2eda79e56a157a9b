package main

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"lagebild/queries"
)

// The last example of `gen --help` runs as written (in a temporary
// directory) and gives a store that still says its data is synthetic;
// the import's counts carry thousands separators.
func TestGenHelpExampleWorksAsWritten(t *testing.T) {
	_, help, _ := runLagebild(t, "", "gen", "--help")
	var example string
	for _, l := range strings.Split(help, "\n") {
		if strings.Contains(l, "&& lagebild import") {
			example = strings.TrimSpace(l)
		}
	}
	if example == "" {
		t.Fatalf("no gen-then-import example in:\n%s", help)
	}
	dir := t.TempDir()
	var store string
	for _, cmd := range strings.Split(example, " && ") {
		args := strings.Fields(cmd)
		if args[0] != "lagebild" {
			t.Fatalf("example %q", example)
		}
		args = args[1:]
		for i, a := range args {
			if strings.HasSuffix(a, ".csv") || strings.HasSuffix(a, ".db") {
				args[i] = filepath.Join(dir, a)
				if strings.HasSuffix(a, ".db") {
					store = args[i]
				}
			}
		}
		code, stdout, stderr := runLagebild(t, "", args...)
		if code != exitOK {
			t.Fatalf("%s: exit %d\n%s", cmd, code, stderr)
		}
		if args[0] == "import" && !strings.Contains(stdout, "imported 20,000 rows from 1 file(s); the store now holds 20,000 cases") {
			t.Errorf("import report without thousands separators:\n%s", stdout)
		}
	}
	st, err := queries.Open(context.Background(), queries.OpenOptions{Path: store})
	if err != nil {
		t.Fatal(err)
	}
	synthetic := st.Synthetic()
	st.Close() // one open store per file and process
	if !synthetic {
		t.Error("the store made from a generated export is not labelled synthetic")
	}
	code, stdout, stderr := runLagebild(t, "", "brief", "--db", store, "--lang", "en")
	if code != exitOK || !strings.Contains(stdout, "**Synthetic data.**") {
		t.Errorf("brief on the store: exit %d, no synthetic note:\n%.400s\n%s", code, stdout, stderr)
	}
	// An import without --synthetic into it ends the label (the same
	// export, pseudonymised with a key, so its case keys are new).
	keyFile := filepath.Join(dir, "pseudonym.key")
	if err := os.WriteFile(keyFile, []byte("a test key of more than 8 distinct bytes"), 0o600); err != nil {
		t.Fatal(err)
	}
	code, _, stderr = runLagebild(t, "", "import", "--db", store, "--key-file", keyFile, filepath.Join(dir, "recent.csv"))
	if code != exitOK {
		t.Fatalf("second import: exit %d, %s", code, stderr)
	}
	reopened, err := queries.Open(context.Background(), queries.OpenOptions{Path: store})
	if err != nil {
		t.Fatal(err)
	}
	defer reopened.Close()
	if reopened.Synthetic() {
		t.Error("still synthetic after an import without --synthetic")
	}
}
