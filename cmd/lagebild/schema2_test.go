package main

import (
	"context"
	"fmt"
	"path/filepath"
	"strings"
	"testing"

	"lagebild/datasets/importer"
)

// TestSchemaVersionsRoundTrip: an export of case-export schema 1 and one
// of schema 2 (`gen --schema`) both import with `lagebild import`, and the store
// and the export go through brief and check; the store holds the
// schema-2 values of the schema-2 export only.
func TestSchemaVersionsRoundTrip(t *testing.T) {
	for _, version := range []int{1, 2} {
		dir := t.TempDir()
		export := filepath.Join(dir, "export.csv")
		if code, _, stderr := runLagebild(t, "", "gen", "--cases", "1500", "--seed", "5", "--schema", fmt.Sprint(version), "--out", export); code != exitOK {
			t.Fatalf("gen --schema %d: exit %d: %s", version, code, stderr)
		}
		db := filepath.Join(dir, "store.duckdb")
		rep, err := importer.ImportToStore(context.Background(), db, []string{export}, importer.Options{Key: []byte("0123456789abcdef0123")})
		if err != nil {
			t.Fatalf("schema %d: import: %v", version, err)
		}
		if got := len(rep.Files[0].Schema2) > 0; got != (version == 2) {
			t.Errorf("schema %d: import report sees schema-2 columns %v", version, rep.Files[0].Schema2)
		}
		if code, _, stderr := runLagebild(t, "", "brief", "--db", db, "--format", "json"); code != exitOK {
			t.Errorf("schema %d: brief exit %d: %s", version, code, stderr)
		}
		for _, args := range [][]string{{"check", "--db", db, "--format", "json"}, {"check", "--format", "json", export}} {
			code, stdout, stderr := runLagebild(t, "", args...)
			if code != exitOK && code != exitQuality {
				t.Fatalf("schema %d: %v: exit %d: %s", version, args, code, stderr)
			}
			out := decodeCheckOutput(t, stdout)
			if (out.Plausibility != nil) != (args[1] == "--format") {
				t.Errorf("schema %d: %v: plausibility %v", version, args, out.Plausibility)
			}
		}
		code, stdout, stderr := runLagebild(t, "", "query", "--db", db, "--format", "csv",
			"SELECT count(case_type) > 0 AS has, count(*) FILTER (goals_reached > goals_set) AS bad FROM cases")
		if code != exitOK {
			t.Fatalf("schema %d: query exit %d: %s", version, code, stderr)
		}
		want := map[int]string{1: "false,0", 2: "true,0"}[version]
		if lines := strings.Split(strings.TrimSpace(stdout), "\n"); lines[len(lines)-1] != want {
			t.Errorf("schema %d: query\n%s\nwant last line %s", version, stdout, want)
		}
	}
}
