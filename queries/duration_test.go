package queries

import (
	"database/sql"
	"testing"

	"pgregory.net/rapid"
)

// TestHistogramMedianIsDuckDBMedian checks the median the duration table
// computes from its histogram against DuckDB's own median of the same
// values, for odd and even counts, repeats and negative durations.
func TestHistogramMedianIsDuckDBMedian(t *testing.T) {
	db, err := sql.Open("duckdb", "")
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	rapid.Check(t, func(t *rapid.T) {
		vals := rapid.SliceOfN(rapid.IntRange(-5, 120), 1, 40).Draw(t, "months")
		h := map[int]int64{}
		list := make([]int64, len(vals))
		for i, v := range vals {
			h[v]++
			list[i] = int64(v)
		}
		// every weight scaled by the same factor gives the same median
		scale := rapid.Int64Range(1, 5).Draw(t, "scale")
		for v := range h {
			h[v] *= scale
		}
		var want float64
		if err := db.QueryRow(`SELECT median(v::INTEGER)::DOUBLE FROM unnest(?::BIGINT[]) t(v)`, list).Scan(&want); err != nil {
			t.Fatal(err)
		}
		if got, ok := histogramMedian(h); !ok || got != want {
			t.Fatalf("median of %v: got %v, DuckDB %v", vals, got, want)
		}
	})
}
