package main

import (
	"bytes"
	"strings"
	"testing"
	"time"
	"unicode/utf8"
)

// On a terminal the cube build's line is rewritten in place at most every
// progressEvery with the steps done, their share and the time so
// far, and ends with the build's time on a line of its own; elsewhere
// nothing is written.
func TestCubeProgress(t *testing.T) {
	var out bytes.Buffer
	clock := &fakeClock{t: time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)}
	p := newCubeProgress(&out, true, 0, clock.now)
	p.update(1, 200)
	clock.advance(100 * time.Millisecond)
	p.update(2, 200)
	if out.Len() != 0 {
		t.Fatalf("drawn before %v: %q", progressEvery, out.String())
	}
	clock.advance(2900 * time.Millisecond)
	p.update(50, 200)
	want := "\rlagebild: building: step 50 of 200, 25 %, 3.0 s"
	if out.String() != want {
		t.Fatalf("got %q\nwant %q", out.String(), want)
	}
	clock.advance(progressEvery / 2)
	p.update(51, 200)
	if out.String() != want {
		t.Fatalf("redrawn within %v: %q", progressEvery, out.String())
	}
	clock.advance(9 * time.Second)
	p.update(200, 200)
	last := out.String()[len(want):]
	if wantLast := "\rlagebild: built in 12 s"; !strings.HasPrefix(last, wantLast) || !strings.HasSuffix(last, "\n") ||
		strings.TrimRight(last, " \n") != wantLast || utf8.RuneCountInString(last)-1 < utf8.RuneCountInString(want) {
		t.Errorf("last line %q, want %q padded over the line before it and ended", last, wantLast)
	}

	var piped bytes.Buffer
	q := newCubeProgress(&piped, false, 0, clock.now)
	for i := 1; i <= 200; i++ {
		clock.advance(time.Second)
		q.update(i, 200)
	}
	if piped.Len() != 0 {
		t.Errorf("not a terminal, but written: %q", piped.String())
	}
}

// On a narrow terminal the line is cut to one column less than its width,
// so that "\r" can rewrite it.
func TestCubeProgressNarrow(t *testing.T) {
	var out bytes.Buffer
	midwayProgress(&out, 30)
	if got := strings.TrimPrefix(out.String(), "\r"); utf8.RuneCountInString(got) != 29 || !strings.HasPrefix(got, "lagebild: building: step 120") {
		t.Errorf("got %q, want the line's first 29 columns", got)
	}
}

// A build that stops midway leaves its line ended, once, so that an
// error written next starts a line of its own.
func TestCubeProgressStopped(t *testing.T) {
	var out bytes.Buffer
	p := midwayProgress(&out, 0)
	p.stop()
	p.stop()
	if got := out.String(); strings.Count(got, "\n") != 1 || !strings.HasSuffix(got, "\n") {
		t.Errorf("got %q, want the line ended once", got)
	}
	var quiet bytes.Buffer
	q := newCubeProgress(&quiet, true, 0, time.Now)
	q.stop()
	if quiet.Len() != 0 {
		t.Errorf("nothing shown, but stop wrote %q", quiet.String())
	}
}

// midwayProgress is a cube build's progress on a terminal of width
// columns (0: unknown) writing to out, a second into the build at step
// 120 of 300, its line drawn.
func midwayProgress(out *bytes.Buffer, width int) *cubeProgress {
	clock := &fakeClock{t: time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)}
	p := newCubeProgress(out, true, width, clock.now)
	p.update(1, 300)
	clock.advance(time.Second)
	p.update(120, 300)
	return p
}
