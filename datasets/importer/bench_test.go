package importer

import (
	"bufio"
	"context"
	"fmt"
	"os"
	"path/filepath"
	"testing"

	"lagebild/datasets/schema"
)

// writeBenchCSV writes n valid, varied cases with the canonical header.
// A simple local writer: the benchmark must not depend on package synth.
func writeBenchCSV(tb testing.TB, path string, n int) {
	tb.Helper()
	f, err := os.Create(path)
	if err != nil {
		tb.Fatal(err)
	}
	w := bufio.NewWriterSize(f, 1<<20)
	fmt.Fprintln(w, "case_id,provider,state,phenomenon,intake,age,gender,access_route,intrinsic_motivation,risk_level,returnee,custody,multi_agency,status,closed,outcome,relapse,contacts")
	bools := []string{"true", "false", ""}
	for i := 0; i < n; i++ {
		h := uint32(i) * 2654435761
		year := 2014 + int(h%11)
		month := 1 + int(h>>4%12)
		status := schema.Statuses[h>>8%4]
		closed, outcome := "", ""
		if schema.IsClosed(status) {
			closed = fmt.Sprintf("%d-%02d", year+1, month)
			outcome = schema.Outcomes[h>>12%5]
		}
		fmt.Fprintf(w, "C%08d,T%02d,%s,%s,%d-%02d-%02d,%d,%s,%s,%s,%s,%s,%s,%s,%s,%s,%s,%s,%d\n",
			i, 1+h>>3%12, schema.States[h>>5%16], schema.Phenomena[h>>9%6], year, month, 1+h>>2%28,
			10+h>>6%70, schema.Genders[h>>11%4], schema.AccessRoutes[h>>13%7], bools[h>>15%3],
			schema.RiskLevels[h>>17%3], bools[h>>19%3], bools[h>>20%3], bools[h>>21%3],
			status, closed, outcome, schema.Relapses[h>>22%5], h>>24%40)
	}
	if err := w.Flush(); err != nil {
		tb.Fatal(err)
	}
	if err := f.Close(); err != nil {
		tb.Fatal(err)
	}
}

func BenchmarkImport100k(b *testing.B) {
	dir := b.TempDir()
	src := filepath.Join(dir, "cases.csv")
	writeBenchCSV(b, src, 100_000)
	st, _ := os.Stat(src)
	b.SetBytes(st.Size())
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		db := filepath.Join(dir, fmt.Sprintf("s%d.db", i))
		if _, err := ImportToStore(context.Background(), db, []string{src}, Options{Key: testKey}); err != nil {
			b.Fatal(err)
		}
		b.StopTimer()
		os.Remove(db)
		b.StartTimer()
	}
	b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N)/100_000, "ns/row")
}

func BenchmarkValidate100k(b *testing.B) {
	dir := b.TempDir()
	src := filepath.Join(dir, "cases.csv")
	writeBenchCSV(b, src, 100_000)
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		if _, err := Validate(context.Background(), []string{src}, Options{Key: testKey}); err != nil {
			b.Fatal(err)
		}
	}
}

// TestBenchWriterValid keeps the benchmark's data valid.
func TestBenchWriterValid(t *testing.T) {
	src := filepath.Join(t.TempDir(), "cases.csv")
	writeBenchCSV(t, src, 2000)
	if _, err := Validate(context.Background(), []string{src}, Options{Key: testKey}); err != nil {
		t.Fatal(err)
	}
}

// BenchmarkImportExport imports the export named by
// LAGEBILD_BENCH_EXPORT (e.g. `lagebild gen --cases 1000000 --out F`)
// into a new store per iteration: the profile of a real, schema-2
// import (docs/performance.md, "Import").
func BenchmarkImportExport(b *testing.B) {
	src := os.Getenv("LAGEBILD_BENCH_EXPORT")
	if src == "" {
		b.Skip("LAGEBILD_BENCH_EXPORT names no export")
	}
	st, err := os.Stat(src)
	if err != nil {
		b.Fatal(err)
	}
	b.SetBytes(st.Size())
	dir := b.TempDir()
	var rows int64
	i := 0
	for b.Loop() {
		db := filepath.Join(dir, fmt.Sprintf("s%d.db", i))
		i++
		rep, err := ImportToStore(context.Background(), db, []string{src}, Options{Key: testKey})
		if err != nil {
			b.Fatal(err)
		}
		rows = rep.StoreRows
		b.StopTimer()
		os.Remove(db)
		b.StartTimer()
	}
	b.ReportMetric(float64(rows)*float64(b.N)/b.Elapsed().Seconds(), "rows/s")
}
