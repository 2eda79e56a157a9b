package main

import (
	"bytes"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"
	"unicode/utf8"

	"lagebild/datasets/importer"
)

// fakeClock is a clock that moves only when told.
type fakeClock struct{ t time.Time }

func (c *fakeClock) now() time.Time          { return c.t }
func (c *fakeClock) advance(d time.Duration) { c.t = c.t.Add(d) }

// On a terminal the progress line is rewritten in place at most every
// progressEvery, with rows, rate, share and time left computed from
// the calls, and ends with the file's total.
func TestImportProgressOnATerminal(t *testing.T) {
	var out bytes.Buffer
	clock := &fakeClock{t: time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)}
	p := newImportProgress(&out, true, 0, clock.now)
	const size = 1000
	p.update(importer.ReadProgress{File: "/x/big.csv", Rows: 4096, Bytes: 100, Size: size})
	clock.advance(100 * time.Millisecond)
	p.update(importer.ReadProgress{File: "/x/big.csv", Rows: 8192, Bytes: 150, Size: size})
	if out.Len() != 0 {
		t.Fatalf("drawn before %v: %q", progressEvery, out.String())
	}
	// 2 s after the first call: 200,000 rows, a quarter of the bytes.
	clock.advance(1900 * time.Millisecond)
	p.update(importer.ReadProgress{File: "/x/big.csv", Rows: 200_000, Bytes: size / 4, Size: size})
	wantRate := 200_000 / 2
	wantLeft := 2.0 * 3 // three quarters left at a quarter per 2 s
	want := "\rlagebild import: big.csv: 200,000 rows, " + commas(wantRate) + " rows/s, 25 % read, about " + secs(wantLeft) + " left"
	if out.String() != want {
		t.Fatalf("got %q\nwant %q", out.String(), want)
	}
	// Within the interval: nothing new.
	clock.advance(progressEvery / 2)
	p.update(importer.ReadProgress{File: "/x/big.csv", Rows: 210_000, Bytes: size / 3, Size: size})
	if out.String() != want {
		t.Fatalf("redrawn within %v: %q", progressEvery, out.String())
	}
	clock.advance(3875 * time.Millisecond) // 6 s after the start
	p.update(importer.ReadProgress{File: "/x/big.csv", Rows: 600_000, Bytes: size, Size: size, Done: true})
	lines := strings.Split(out.String(), "\r")
	last := lines[len(lines)-1]
	wantLast := "lagebild import: big.csv: 600,000 rows in " + secs(6) + ", " + commas(600_000/6) + " rows/s"
	if !strings.HasPrefix(last, wantLast) || !strings.HasSuffix(last, "\n") || strings.TrimRight(last, " \n") != wantLast {
		t.Errorf("last line %q, want %q padded over the longer line before it", last, wantLast)
	}
	if len(strings.TrimSuffix(last, "\n")) < len(lines[1]) {
		t.Errorf("last line %q does not cover the line before it %q", last, lines[1])
	}
}

// A file read faster than one interval shows nothing, even on a terminal.
func TestImportProgressQuietForAShortFile(t *testing.T) {
	var out bytes.Buffer
	clock := &fakeClock{t: time.Unix(0, 0)}
	p := newImportProgress(&out, true, 0, clock.now)
	p.update(importer.ReadProgress{File: "small.csv", Rows: 4096, Bytes: 10, Size: 20})
	clock.advance(progressEvery / 2)
	p.update(importer.ReadProgress{File: "small.csv", Rows: 5000, Bytes: 20, Size: 20, Done: true})
	if out.Len() != 0 {
		t.Errorf("short import drew %q", out.String())
	}
}

// Piped, a long import writes no progress at all: the real command on a
// file large enough for many OnRead calls, with stderr a buffer.
func TestImportProgressQuietWhenPiped(t *testing.T) {
	dir := t.TempDir()
	export := filepath.Join(dir, "big.csv")
	if code, _, stderr := runLagebild(t, "", "gen", "--cases", "50000", "--out", export); code != exitOK {
		t.Fatal(stderr)
	}
	code, _, stderr := runLagebild(t, "", "import", "--db", filepath.Join(dir, "big.db"), "--synthetic", "--ids-pseudonymous", export)
	if code != exitOK {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	if strings.Contains(stderr, "rows") || strings.Contains(stderr, "\r") {
		t.Errorf("progress on a pipe:\n%q", stderr)
	}
	// The same run on a (fake) terminal shows the last line.
	var tty bytes.Buffer
	clock := &fakeClock{t: time.Unix(0, 0)}
	p := newImportProgress(&tty, true, 0, func() time.Time { clock.advance(progressEvery); return clock.now() })
	if _, err := importer.Validate(t.Context(), []string{export}, importer.Options{IDsPseudonymous: true, OnRead: p.update}); err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(tty.String(), "big.csv: 50,000 rows in ") {
		t.Errorf("terminal progress %q has no last line with all rows", tty.String())
	}
}

// commas writes n with thousands separators, as the progress line does,
// without its code.
func commas(n int) string {
	s := strconv.Itoa(n)
	var b []byte
	for i := range len(s) {
		if i > 0 && (len(s)-i)%3 == 0 {
			b = append(b, ',')
		}
		b = append(b, s[i])
	}
	return string(b)
}

// secs writes seconds as the progress line does below ten seconds.
func secs(s float64) string { return strconv.FormatFloat(s, 'f', 1, 64) + " s" }

// On a narrow terminal the line stays shorter than the width, so that it
// can be rewritten in place: the command's name goes first, then the
// start of the file name; the numbers stay while they fit.
func TestImportProgressFitsTheTerminal(t *testing.T) {
	stats := "1,000,000 rows, 120,000 rows/s, 50 % read, about 4.2 s left"
	name := "export-of-a-provider-with-a-long-name-2024.csv"
	for _, width := range []int{200, 80, 40, len(stats) + 8} {
		line := fitLine(name, stats, width)
		if n := utf8.RuneCountInString(line); n >= width {
			t.Errorf("width %d: %d columns: %q", width, n, line)
		}
		if width > len(stats)+6 && !strings.HasSuffix(line, stats) {
			t.Errorf("width %d: numbers lost: %q", width, line)
		}
	}
	if got := fitLine(name, stats, 200); got != "lagebild import: "+name+": "+stats {
		t.Errorf("wide: %q", got)
	}
	if got := fitLine(name, stats, 80); !strings.HasPrefix(got, "…") || !strings.HasSuffix(got, "2024.csv: "+stats) {
		t.Errorf("80 columns: %q", got)
	}
}
