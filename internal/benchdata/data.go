package benchdata

import (
	"context"
	"fmt"
	"path/filepath"
	"testing"

	"lagebild/datasets/importer"
	"lagebild/datasets/store"
	"lagebild/datasets/synth"
)

// Seed is the generator seed of every benchmark export.
const Seed = 1

// Key is the pseudonymisation key the benchmark stores are imported with
// (also what `task sample-store` uses).
const Key = "benchmark-key-0123456789"

// CSV returns the path of the cached synthetic export of cases cases
// (synth.Config{Cases: cases, Seed: Seed}, default years), generating it
// on first use.
func CSV(tb testing.TB, cases int) string {
	tb.Helper()
	name := fmt.Sprintf("export-%d-seed%d-%s.csv", cases, Seed, Fingerprint(tb))
	path := filepath.Join(Dir(tb), name)
	stale := fmt.Sprintf("export-%d-seed%d", cases, Seed)
	cached(tb, path, stale, func(tmp string) error {
		return synth.WriteFile(context.Background(), tmp, synth.Config{Cases: cases, Seed: Seed})
	})
	return path
}

// Store returns the path of the cached store holding the export CSV of
// cases cases, imported with importer.ImportToStore under Key; it builds
// the export and the store on first use. The store is a plain file store
// as `lagebild import` writes it: open it with queries.Open or pass it to
// `lagebild --db`. Benchmarks must not write to it.
func Store(tb testing.TB, cases int) string {
	tb.Helper()
	name := fmt.Sprintf("store-%d-seed%d-schema%s-%s.duckdb", cases, Seed, store.SchemaVersion, Fingerprint(tb))
	path := filepath.Join(Dir(tb), name)
	stale := fmt.Sprintf("store-%d-seed%d", cases, Seed)
	cached(tb, path, stale, func(tmp string) error {
		tb.Helper()
		csv := CSV(tb, cases)
		_, err := importer.ImportToStore(context.Background(), tmp, []string{csv}, importer.Options{Key: []byte(Key)})
		return err
	})
	return path
}
