package synth_test

import (
	"context"
	"database/sql"
	"path/filepath"
	"testing"

	"lagebild/datasets/importer"
	"lagebild/datasets/synth"
)

// TestImport: generated exports, CSV and Parquet, pass the real importer
// unchanged, and the programme figures survive generalisation and
// pseudonymisation.
func TestImport(t *testing.T) {
	ctx := context.Background()
	dir := t.TempDir()
	for i, name := range []string{"cases.csv", "cases.parquet"} {
		// Different seeds and ranges: case ids must not collide in the
		// store, so the Parquet file covers other years.
		cfg := synth.Config{Cases: 5000, Seed: uint64(i + 1)}
		if i == 1 {
			cfg.FromYear, cfg.ToYear = 2026, 2030
		}
		path := filepath.Join(dir, name)
		if err := synth.WriteFile(ctx, path, cfg); err != nil {
			t.Fatal(err)
		}
		dbPath := filepath.Join(dir, name+".db")
		rep, err := importer.ImportToStore(ctx, dbPath, []string{path},
			importer.Options{Key: []byte("0123456789abcdef0123")})
		if err != nil {
			t.Fatalf("importing %s: %v", name, err)
		}
		if rep.Rows != 5000 || rep.StoreRows != 5000 || len(rep.Providers) != 12 {
			t.Errorf("%s: imported %d rows, store %d, providers %v", name, rep.Rows, rep.StoreRows, rep.Providers)
		}

		db, err := sql.Open("duckdb", dbPath)
		if err != nil {
			t.Fatal(err)
		}
		var f synth.ProgrammeFigures
		err = db.QueryRow(`SELECT count(*), count(*) FILTER (risk_level = 'high_risk'),
			count(*) FILTER (returnee), count(*) FILTER (relapse IN ('extremist_offence', 'violent_offence'))
			FROM cases WHERE provider = 'T07' AND phenomenon = 'islamist'
			AND risk_level IN ('danger_context', 'high_risk') AND year(intake) BETWEEN 2014 AND 2024`).
			Scan(&f.Cases, &f.HighRisk, &f.Returnees, &f.Relapses)
		if err != nil {
			t.Fatal(err)
		}
		if want := synth.T07Figures(cfg); f != want {
			t.Errorf("%s: store has programme figures %+v, want %+v", name, f, want)
		}
		var bands, ids int
		if err := db.QueryRow(`SELECT count(DISTINCT age_band), count(DISTINCT case_id) FROM cases`).Scan(&bands, &ids); err != nil {
			t.Fatal(err)
		}
		if bands != 7 || ids != 5000 {
			t.Errorf("%s: %d age bands, %d distinct case ids", name, bands, ids)
		}
		db.Close()
	}
}
