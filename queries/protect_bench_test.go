package queries

import (
	"context"
	"testing"

	"lagebild/internal/benchdata"
)

// BenchmarkProtection measures the cost of disclosure control: the same
// cross-tabulation (intake year × phenomenon with all margins) as DuckDB's
// plain count, with cell keys (exact, unprotected), and protected. It runs
// on 100,000 random in-memory cases spread thinly over many small cells
// (random-100k) and on the cached benchdata store of every size of
// benchdata.Sizes (BenchmarkProtection/1M/protected_table). The store's
// result cache is emptied before every iteration, so each one queries.
func BenchmarkProtection(b *testing.B) {
	b.Run("random-100k", func(b *testing.B) {
		benchProtection(b, openCases(b, randomCases(42, 100_000), nil))
	})
	for _, n := range benchdata.Sizes(b) {
		b.Run(benchdata.Label(n), func(b *testing.B) {
			s, err := Open(context.Background(), OpenOptions{Path: benchdata.Store(b, n)})
			if err != nil {
				b.Fatal(err)
			}
			defer s.Close()
			benchProtection(b, s)
		})
	}
}

func benchProtection(b *testing.B, s *Store) {
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
			s.ResetCache()
			if _, err := s.crossExact(ctx, spec, f); err != nil {
				b.Fatal(err)
			}
		}
	})
	b.Run("protected_table", func(b *testing.B) {
		for b.Loop() {
			s.ResetCache()
			x, err := s.crossExact(ctx, spec, f)
			if err != nil {
				b.Fatal(err)
			}
			s.countTable("bench", spec, x)
		}
	})
}
