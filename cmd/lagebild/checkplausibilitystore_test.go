package main

import (
	"context"
	"encoding/json"
	"path/filepath"
	"slices"
	"testing"

	"lagebild/datasets/importer"
	"lagebild/queries"
	"lagebild/queries/sdc"
)

// TestCheckStorePlausibility: the planted records give the store's
// per-provider decision (protected counts) from the export file's exact
// counts: a rule without records is a shown 0; with records it is withheld
// or within ±D of the exact count (a shown 0 only for at most D records);
// a provider fails on the store only where it fails on the file.
func TestCheckStorePlausibility(t *testing.T) {
	rows := cleanCheckExport() // provider T01 for even i, T02 for odd
	set := func(i int, kv ...string) {
		for j := 0; j+1 < len(kv); j += 2 {
			rows[i][exportCol(kv[j])] = kv[j+1]
		}
	}
	// D+1 records per planted rule: a count above D is never shown as 0,
	// so the store must fail the providers under every record-key secret
	// (a new store draws its own; one record would pass in about half of
	// all imports).
	for n := range sdc.DefaultParams().D + 1 {
		set(2+2*n, "age", "13", "custody", "true") // T01: under 14 in custody
		set(9+6*n, "intake", "2016-04")            // T02: closed in 2023, over 80 months
	}
	set(11, "risk_level", "high_risk", "multi_agency", "false") // T02: flag
	path := writeCheckExport(t, "planted.csv", rows)
	_, stdout, _ := runLagebild(t, "", "check", "--format", "json", "--max-risk", "100", path)
	exact := decodeCheckOutput(t, stdout).Plausibility

	db := filepath.Join(t.TempDir(), "store.duckdb")
	if _, err := importer.ImportToStore(context.Background(), db, []string{path}, importer.Options{Key: []byte("0123456789abcdef0123")}); err != nil {
		t.Fatal(err)
	}
	code, stdout, stderr := runLagebild(t, "", "check", "--db", db, "--format", "json", "--max-risk", "100")
	if code != exitOK {
		t.Fatalf("exit %d (the store's plausibility must not change it): %s", code, stderr)
	}
	var out checkOutput
	if err := json.Unmarshal([]byte(stdout), &out); err != nil {
		t.Fatal(err)
	}
	sp := out.StorePlausibility
	if sp == nil || sp.Pass {
		t.Fatalf("store plausibility %+v, want failing providers", sp)
	}
	var table *struct {
		rows, cols []string
		cells      [][]*float64
	}
	for _, tj := range out.Evaluator {
		if tj.Name == queries.QPlausibilityByProvider {
			table = &struct {
				rows, cols []string
				cells      [][]*float64
			}{tj.Rows, tj.Cols, tj.Cells}
		}
	}
	if table == nil {
		t.Fatal("no plausibility table in the evaluator section")
	}
	d := float64(sdc.DefaultParams().D)
	for _, prov := range exact.Providers {
		i := slices.Index(table.rows, prov.Provider)
		if i < 0 {
			t.Fatalf("provider %s missing from %v", prov.Provider, table.rows)
		}
		for code, n := range prov.Counts {
			v := table.cells[i][slices.Index(table.cols, code)]
			switch {
			case n == 0 && (v == nil || *v != 0):
				t.Errorf("%s %s: exact 0, store %v", prov.Provider, code, v)
			case n > 0 && v != nil && (*v < float64(n)-d || *v > float64(n)+d):
				t.Errorf("%s %s: exact %d, store %v", prov.Provider, code, n, *v)
			}
		}
		j := slices.IndexFunc(sp.Providers, func(p storePlausibilityProviderJSON) bool { return p.Provider == prov.Provider })
		if j < 0 || !sp.Providers[j].Pass && prov.Pass {
			t.Errorf("%s: store pass %+v, export pass %v", prov.Provider, sp.Providers, prov.Pass)
		}
	}
}

// TestStoreRulesAreTheImporters: the store's rule codes and limits are
// the importer's (package queries cannot import the importer).
func TestStoreRulesAreTheImporters(t *testing.T) {
	var codes []string
	for _, c := range importer.PlausibilityCodes {
		codes = append(codes, string(c))
	}
	if !slices.Equal(codes, queries.PlausibilityRules) {
		t.Errorf("store rules %v, importer %v", queries.PlausibilityRules, codes)
	}
	if queries.PlausibilityMaxContactsPerMonth != importer.MaxContactsPerMonth || queries.PlausibilityMaxDurationMonths != importer.MaxDurationMonths {
		t.Error("the store's limits differ from the importer's")
	}
}
