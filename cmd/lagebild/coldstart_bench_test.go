package main

import (
	"os"
	"os/exec"
	"strings"
	"testing"
	"time"

	"github.com/charmbracelet/x/ansi"
	"github.com/creack/pty"

	"lagebild/internal/benchdata"
	"lagebild/internal/i18n"
)

// BenchmarkColdStartFirstFrame measures the cold start of the TUI as a
// user sees it: from exec of `lagebild --theme dark --lang en [--db
// STORE]` in a new pseudo-terminal of 120x40 until the terminal has
// received the first frame with data, that is the first output in which
// the overview shows its key figure "New intakes" (so the store is open,
// the overview's queries have run and Bubble Tea's renderer has painted
// the result). It runs on the embedded default data (sample: generating
// and importing the synthetic sample in memory is part of the start) and
// on the cached store of every size of benchdata.Sizes. Typing q and
// waiting for the exit is not timed. It reports p50/p95 in ms and the
// peak RSS of the process (up to its exit).
func BenchmarkColdStartFirstFrame(b *testing.B) {
	b.Run("sample", func(b *testing.B) { benchColdStart(b) })
	for _, n := range benchdata.Sizes(b) {
		b.Run(benchdata.Label(n), func(b *testing.B) {
			benchColdStart(b, "--db", benchdata.Store(b, n))
		})
	}
}

func benchColdStart(b *testing.B, args ...string) {
	bin := lagebildBinary(b)
	marker := i18n.T(i18n.EN, "kf.intakes")
	var durs []time.Duration
	var peak int64
	for b.Loop() {
		d, rss := firstFrame(b, bin, marker, args)
		durs = append(durs, d)
		peak = max(peak, rss)
	}
	reportPercentiles(b, durs, "ms")
	b.ReportMetric(float64(peak)/1024, "peak-MB")
}

// firstFrame starts the TUI in a pseudo-terminal and returns the time
// until marker appears in its output, and the process's peak RSS in KiB.
func firstFrame(b *testing.B, bin, marker string, args []string) (time.Duration, int64) {
	b.Helper()
	cmd := exec.Command(bin, append([]string{"--theme", "dark", "--lang", "en"}, args...)...)
	cmd.Env = append(os.Environ(), "TERM=xterm-256color", "COLORTERM=truecolor", "NO_COLOR=")
	start := time.Now()
	tty, err := pty.StartWithSize(cmd, &pty.Winsize{Rows: 40, Cols: 120})
	if err != nil {
		b.Fatal(err)
	}
	found := make(chan time.Duration, 1)
	drained := make(chan string, 1)
	go func() {
		// Read until the process has gone; the renderer writes only the
		// cells that change, so look for the marker in all output so far.
		var out []byte
		buf := make([]byte, 64<<10)
		seen := false
		for {
			n, err := tty.Read(buf)
			out = append(out, buf[:n]...)
			if !seen && n > 0 && strings.Contains(ansi.Strip(string(out)), marker) {
				seen = true
				found <- time.Since(start)
			}
			if err != nil {
				drained <- ansi.Strip(string(out))
				return
			}
		}
	}()
	var d time.Duration
	select {
	case d = <-found:
	case <-time.After(2 * time.Minute):
		cmd.Process.Kill()
		cmd.Wait()
		tty.Close()
		b.Fatalf("no frame with %q after 2 minutes; output:\n%s", marker, <-drained)
	}
	tty.Write([]byte("q"))
	exited := make(chan error, 1)
	go func() { exited <- cmd.Wait() }()
	select {
	case err = <-exited:
	case <-time.After(30 * time.Second):
		cmd.Process.Kill()
		err = <-exited
	}
	tty.Close()
	out := <-drained
	if err != nil {
		b.Fatalf("lagebild %v: %v; output:\n%s", args, err, out)
	}
	return d, maxRSS(cmd.ProcessState)
}
