package main

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"lagebild/datasets/synth"
)

func runGenArgs(ctx context.Context, args ...string) (code int, stdout, stderr string) {
	var out, errb bytes.Buffer
	code = run(ctx, append([]string{"gen"}, args...), strings.NewReader(""), &out, &errb)
	return code, out.String(), errb.String()
}

func TestGenUsageErrors(t *testing.T) {
	dir := t.TempDir()
	csv := filepath.Join(dir, "x.csv")
	for _, tc := range []struct {
		args []string
		msg  string
	}{
		{[]string{"--out", csv}, "--cases is required"},
		{[]string{"--cases", "10"}, "--out is required"},
		{[]string{"--cases", "0", "--out", csv}, "at least 1"},
		{[]string{"--cases", "-3", "--out", csv}, "at least 1"},
		{[]string{"--cases", "abc", "--out", csv}, "invalid value"},
		{[]string{"--cases", "10", "--seed", "-1", "--out", csv}, "invalid value"},
		{[]string{"--cases", "10", "--from", "2020", "--to", "2019", "--out", csv}, "after to year"},
		{[]string{"--cases", "10", "--from", "1990", "--out", csv}, "outside 2000–2030"},
		{[]string{"--cases", "10", "--to", "2040", "--out", csv}, "outside 2000–2030"},
		{[]string{"--cases", "10", "--from", "0", "--out", csv}, "2000–2030"},
		{[]string{"--cases", "10", "--out", filepath.Join(dir, "x.txt")}, ".csv or .parquet"},
		{[]string{"--cases", "10", "--out", filepath.Join(dir, "x")}, ".csv or .parquet"},
		{[]string{"--cases", "10", "--out", csv, "extra"}, "unexpected argument"},
		{[]string{"--bogus"}, "unknown flag --bogus"},
	} {
		code, _, stderr := runGenArgs(context.Background(), tc.args...)
		if code != exitUsage {
			t.Errorf("gen %v: exit %d, want %d", tc.args, code, exitUsage)
		}
		if !strings.Contains(stderr, tc.msg) {
			t.Errorf("gen %v: stderr %q does not say %q", tc.args, stderr, tc.msg)
		}
		// a bad configuration is told by its reason alone
		if strings.Contains(stderr, synth.ErrInvalidConfig.Error()) {
			t.Errorf("gen %v: stderr %q repeats the sentinel's text", tc.args, stderr)
		}
	}
	assertDirEmpty(t, dir)
}

func TestGenHelp(t *testing.T) {
	code, stdout, _ := runGenArgs(context.Background(), "--help")
	if code != exitOK {
		t.Fatalf("gen --help: exit %d", code)
	}
	for _, want := range []string{"Usage: lagebild gen --cases N", "Examples:", "lagebild gen --cases 5000 --out cases.csv", "-seed", "408"} {
		if !strings.Contains(stdout, want) {
			t.Errorf("gen --help does not show %q:\n%s", want, stdout)
		}
	}
	if _, ok := commands["gen"]; !ok {
		t.Error("gen is not registered")
	}
}

func TestGenCSV(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "cases.csv")
	code, stdout, stderr := runGenArgs(context.Background(), "--cases", "2000", "--seed", "9", "--from", "2016", "--to", "2024", "--out", path)
	if code != exitOK {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	if !strings.Contains(stdout, "wrote 2000 synthetic cases") {
		t.Errorf("stdout %q", stdout)
	}
	if stderr != "" {
		t.Errorf("stderr %q for a small run, want nothing", stderr)
	}
	got, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	var want bytes.Buffer
	if err := synth.Write(context.Background(), &want, synth.Config{Cases: 2000, Seed: 9, FromYear: 2016, ToYear: 2024}); err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(got, want.Bytes()) {
		t.Error("gen output differs from synth.Write with the same config")
	}
	assertDirEmpty(t, dir, "cases.csv")
}

func TestGenParquet(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "cases.parquet")
	code, _, stderr := runGenArgs(context.Background(), "--cases", "3000", "--out", path)
	if code != exitOK {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.HasPrefix(b, []byte("PAR1")) || !bytes.HasSuffix(b, []byte("PAR1")) {
		t.Error("output is not a Parquet file")
	}
	assertDirEmpty(t, dir, "cases.parquet")
}

func TestGenFailures(t *testing.T) {
	dir := t.TempDir()
	// A directory that does not exist: a failure, not bad usage.
	code, _, stderr := runGenArgs(context.Background(), "--cases", "10", "--out", filepath.Join(dir, "no", "x.csv"))
	if code != exitFailure || !strings.Contains(stderr, "lagebild gen:") {
		t.Errorf("missing directory: exit %d, stderr %q", code, stderr)
	}
	// Interrupted: exit 1 and no file.
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	path := filepath.Join(dir, "x.csv")
	code, _, stderr = runGenArgs(ctx, "--cases", "100000", "--out", path)
	if code != exitFailure || !strings.Contains(stderr, "interrupted") {
		t.Errorf("cancelled: exit %d, stderr %q", code, stderr)
	}
	assertDirEmpty(t, dir)
}

func TestGenProgress(t *testing.T) {
	if testing.Short() {
		t.Skip("writes a million rows")
	}
	path := filepath.Join(t.TempDir(), "big.csv")
	code, _, stderr := runGenArgs(context.Background(), "--cases", "1000000", "--out", path)
	if code != exitOK {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	if stderr != "lagebild gen: 1000000 of 1000000 cases\n" {
		t.Errorf("progress %q", stderr)
	}
}

// assertDirEmpty checks that dir holds exactly the named entries.
func assertDirEmpty(t *testing.T, dir string, names ...string) {
	t.Helper()
	entries, err := os.ReadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, e := range entries {
		got = append(got, e.Name())
	}
	if strings.Join(got, ",") != strings.Join(names, ",") {
		t.Errorf("%s holds %v, want %v", dir, got, names)
	}
}
