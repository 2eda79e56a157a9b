package main

import (
	"fmt"
	"io"
	"strings"
	"time"
	"unicode/utf8"
)

// cubeProgress shows how far the first open's build of a cube file has
// come on a terminal (seconds per million cases, queries.OnCubeProgress):
// one line, rewritten in place at most every importProgressEvery, with
// the steps done and the time so far, and a last line with the time the
// build took. Nothing when stderr is not a terminal, as for an import.
type cubeProgress struct {
	w     io.Writer
	tty   bool
	width int // of the terminal in columns; 0: unknown
	now   func() time.Time
	start time.Time // the first call
	last  time.Time // the last line drawn
	shown int       // length of the line on screen; 0: none
}

// newCubeProgress reports to w, which is a terminal of width columns (0:
// unknown) when tty is set; now is the clock.
func newCubeProgress(w io.Writer, tty bool, width int, now func() time.Time) *cubeProgress {
	return &cubeProgress{w: w, tty: tty, width: width, now: now}
}

// update is queries.OpenOptions.OnCubeProgress.
func (p *cubeProgress) update(done, total int) {
	if !p.tty {
		return
	}
	t := p.now()
	if p.start.IsZero() {
		p.start, p.last = t, t
	}
	elapsed := t.Sub(p.start)
	if done >= total {
		p.draw(fmt.Sprintf("lagebild: built in %s", seconds(elapsed)))
		fmt.Fprintln(p.w)
		p.shown = 0
		return
	}
	if t.Sub(p.last) < importProgressEvery {
		return
	}
	p.last = t
	p.draw(fmt.Sprintf("lagebild: building: step %d of %d, %d %%, %s", done, total, done*100/total, seconds(elapsed)))
}

// draw rewrites the progress line, cut to the terminal's width so that
// "\r" can rewrite it, blanking what is left of a longer line before it.
func (p *cubeProgress) draw(line string) {
	if p.width > 0 && utf8.RuneCountInString(line) >= p.width {
		line = string([]rune(line)[:p.width-1])
	}
	n := utf8.RuneCountInString(line)
	fmt.Fprintf(p.w, "\r%s%s", line, strings.Repeat(" ", max(p.shown-n, 0)))
	p.shown = n
}
