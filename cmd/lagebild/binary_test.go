package main

import (
	"os"
	"os/exec"
	"path/filepath"
	"sync"
	"testing"
	"time"
)

// The real lagebild binary for the end-to-end benchmarks: built once per
// test process with `go build` (as `task build` does, the same flags as a
// user's build) into a temporary directory that TestMain removes.
var (
	binOnce sync.Once
	binDir  string
	binPath string
	binErr  error
)

// lagebildBinary returns the path of the built binary, building it on
// first use (about 5 s: the link with DuckDB dominates).
func lagebildBinary(tb testing.TB) string {
	tb.Helper()
	binOnce.Do(func() {
		goTool, err := exec.LookPath("go")
		if err != nil {
			binErr = err
			return
		}
		if binDir, binErr = os.MkdirTemp("", "lagebild-bench-bin-"); binErr != nil {
			return
		}
		binPath = filepath.Join(binDir, "lagebild")
		start := time.Now()
		// The working directory of a test is its package: cmd/lagebild.
		out, err := exec.Command(goTool, "build", "-o", binPath, ".").CombinedOutput()
		if err != nil {
			binErr = &buildError{err: err, out: string(out)}
			return
		}
		tb.Logf("built %s in %s", binPath, time.Since(start).Round(time.Millisecond))
	})
	if binErr != nil {
		tb.Fatalf("building lagebild: %v", binErr)
	}
	return binPath
}

type buildError struct {
	err error
	out string
}

func (e *buildError) Error() string { return e.err.Error() + "\n" + e.out }

func TestMain(m *testing.M) {
	code := m.Run()
	if binDir != "" {
		os.RemoveAll(binDir)
	}
	os.Exit(code)
}
