package main

import (
	"bytes"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"testing"
	"time"

	"lagebild/datasets/importer"
	"lagebild/internal/benchdata"
)

// End-to-end benchmarks of the real binary (issue #7): every iteration
// starts a new lagebild process, so the times include process start,
// DuckDB's initialisation and opening the data, as a user sees them. Each
// reports the wall time (ns/op, and p50/p95 in ms) and the process's peak
// resident set size (peak-MB, the largest of the iterations, from
// getrusage's ru_maxrss of the child).

// processRuns collects the wall times and peak RSS of the runs of one
// benchmark and reports them.
type processRuns struct {
	durs    []time.Duration
	maxRSS  int64 // KiB
	outSize int
}

// run executes the binary with args (and env added to this process's
// environment), fails the benchmark on a non-zero exit, and records the
// wall time from start to exit and the peak RSS.
func (r *processRuns) run(b *testing.B, env []string, args ...string) {
	b.Helper()
	cmd := exec.Command(lagebildBinary(b), args...)
	cmd.Env = append(os.Environ(), env...)
	var stdout, stderr bytes.Buffer
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	start := time.Now()
	err := cmd.Run()
	d := time.Since(start)
	if err != nil {
		b.Fatalf("lagebild %v: %v\n%s", args, err, stderr.String())
	}
	r.durs = append(r.durs, d)
	r.maxRSS = max(r.maxRSS, maxRSS(cmd.ProcessState))
	r.outSize = stdout.Len()
}

func (r *processRuns) report(b *testing.B) {
	if len(r.durs) == 0 {
		return
	}
	reportPercentiles(b, r.durs, "ms")
	b.ReportMetric(float64(r.maxRSS)/1024, "peak-MB")
}

// reportPercentiles adds p50 and p95 of durs in ms ("ms") or s ("s").
func reportPercentiles(b *testing.B, durs []time.Duration, unit string) {
	slices.Sort(durs)
	q := func(p float64) float64 {
		d := durs[min(int(p*float64(len(durs))), len(durs)-1)]
		if unit == "s" {
			return d.Seconds()
		}
		return float64(d.Microseconds()) / 1000
	}
	b.ReportMetric(q(0.5), "p50-"+unit)
	b.ReportMetric(q(0.95), "p95-"+unit)
}

// BenchmarkProcessStart measures the fixed cost of starting the binary:
// exec to exit of `lagebild --help` (flag parsing only; Go runtime and
// DuckDB's static initialisation) and of `lagebild figures --format csv`
// (also parses the embedded public figures, no DuckDB database). Added to
// the in-process tui BenchmarkColdStart it approximates the cold start that
// BenchmarkColdStartFirstFrame measures directly.
func BenchmarkProcessStart(b *testing.B) {
	for _, bc := range []struct {
		name string
		args []string
	}{
		{"help", []string{"--help"}},
		{"figures-csv", []string{"figures", "--format", "csv"}},
	} {
		b.Run(bc.name, func(b *testing.B) {
			lagebildBinary(b) // not inside the timed loop
			var r processRuns
			for b.Loop() {
				r.run(b, nil, bc.args...)
			}
			r.report(b)
		})
	}
}

// BenchmarkBrief measures `lagebild brief --format md` from exec to exit:
// on the embedded default data (sample: generating and importing the
// synthetic sample in memory, then every query of the briefing) and with
// --db on the cached store of every size of benchdata.Sizes (opening the
// file store read-only, then the queries). The Markdown goes to a buffer.
func BenchmarkBrief(b *testing.B) {
	b.Run("sample", func(b *testing.B) {
		benchBrief(b, "--format", "md")
	})
	for _, n := range benchdata.Sizes(b) {
		b.Run(benchdata.Label(n), func(b *testing.B) {
			benchBrief(b, "--db", benchdata.Store(b, n), "--format", "md")
		})
	}
}

func benchBrief(b *testing.B, args ...string) {
	lagebildBinary(b) // not inside the timed loop
	var r processRuns
	for b.Loop() {
		r.run(b, nil, append([]string{"brief"}, args...)...)
	}
	if r.outSize == 0 {
		b.Fatal("brief wrote nothing")
	}
	r.report(b)
}

// BenchmarkImport measures `lagebild import --db NEW EXPORT` from exec to
// exit, for the cached export CSV of every size of benchdata.Sizes
// (validation, generalisation, pseudonymisation, the store written and
// swapped in, the risk report), with the key in LAGEBILD_PSEUDONYM_KEY.
// Every iteration imports into a new store file, deleted untimed. It
// reports s/op (the mean), p50/p95 in s and the peak RSS.
func BenchmarkImport(b *testing.B) {
	for _, n := range benchdata.Sizes(b) {
		b.Run(benchdata.Label(n), func(b *testing.B) {
			csv := benchdata.CSV(b, n)
			lagebildBinary(b)
			env := []string{importer.KeyEnv + "=" + benchdata.Key}
			dir := b.TempDir()
			var r processRuns
			i := 0
			for b.Loop() {
				i++
				db := filepath.Join(dir, fmt.Sprintf("import-%d.duckdb", i))
				r.run(b, env, "import", "--db", db, csv)
				b.StopTimer()
				os.Remove(db)
				b.StartTimer()
			}
			var total time.Duration
			for _, d := range r.durs {
				total += d
			}
			b.ReportMetric(total.Seconds()/float64(len(r.durs)), "s/op")
			reportPercentiles(b, r.durs, "s")
			b.ReportMetric(float64(r.maxRSS)/1024, "peak-MB")
		})
	}
}
