package queries

import (
	"context"
	"os"
	"sync"
	"testing"
)

// benchStore is a store for the protection benchmarks: the file named by
// LAGEBILD_BENCH_STORE (e.g. .cache/store-1m.duckdb from `task
// sample-store N=1000000`), else 100,000 random in-memory cases.
var (
	benchOnce  sync.Once
	benchS     *Store
	benchLabel string
)

func benchStore(b *testing.B) *Store {
	benchOnce.Do(func() {
		if p := os.Getenv("LAGEBILD_BENCH_STORE"); p != "" {
			s, err := Open(context.Background(), OpenOptions{Path: p})
			if err != nil {
				b.Fatal(err)
			}
			benchS, benchLabel = s, p
			return
		}
		benchS, benchLabel = openCases(b, randomCases(42, 100_000), nil), "100k random cases"
	})
	return benchS
}

// The cost of disclosure control: the same cross-tabulation as DuckDB's
// plain count, with cell keys (exact, unprotected), and protected.
func BenchmarkProtection(b *testing.B) {
	s := benchStore(b)
	ctx := context.Background()
	spec := crossSpec{row: DimIntakeYear, col: DimPhenomenon, year: yearIntake, base: baseAll}
	f := Filter{}
	b.Run("duckdb_count_only", func(b *testing.B) {
		q := `SELECT year(intake), phenomenon, count(*) FROM case_records
		      GROUP BY GROUPING SETS ((1, 2), (1), (2), ())`
		for b.Loop() {
			rows, err := s.db.QueryContext(ctx, q)
			if err != nil {
				b.Fatal(err)
			}
			for rows.Next() {
			}
			rows.Close()
		}
	})
	b.Run("exact_with_cell_keys", func(b *testing.B) {
		for b.Loop() {
			if _, err := s.crossExact(ctx, spec, f); err != nil {
				b.Fatal(err)
			}
		}
	})
	b.Run("protected_table", func(b *testing.B) {
		for b.Loop() {
			x, err := s.crossExact(ctx, spec, f)
			if err != nil {
				b.Fatal(err)
			}
			s.countTable("bench", spec, x)
		}
	})
	b.Logf("store: %s", benchLabel)
}
