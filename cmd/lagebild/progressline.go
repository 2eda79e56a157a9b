package main

import (
	"fmt"
	"io"
	"strings"
	"time"
	"unicode/utf8"
)

// progressEvery is the shortest time between two progress lines: a few
// updates a second, so that drawing costs nothing and the numbers can be
// read.
const progressEvery = 250 * time.Millisecond

// progressLine is the line of progress of a long piece of work on a
// terminal (an import's file, a cube build): rewritten in place with "\r"
// at most every progressEvery, and ended by a line of its own. Its users
// write nothing when stderr is not a terminal (tty false).
type progressLine struct {
	w     io.Writer
	tty   bool
	width int // of the terminal in columns; 0: unknown
	now   func() time.Time
	start time.Time // the piece of work's first call
	last  time.Time // the last line drawn
	shown int       // length of the line on screen; 0: none
}

// begin starts a piece of work at t.
func (p *progressLine) begin(t time.Time) { p.start, p.last = t, t }

// due reports whether a line may be drawn at t, progressEvery after the
// last, and takes t as the time of the line drawn next.
func (p *progressLine) due(t time.Time) bool {
	if t.Sub(p.last) < progressEvery {
		return false
	}
	p.last = t
	return true
}

// draw rewrites the line on screen with line, which fits the terminal,
// blanking what is left of a longer line before it.
func (p *progressLine) draw(line string) {
	n := utf8.RuneCountInString(line)
	fmt.Fprintf(p.w, "\r%s%s", line, strings.Repeat(" ", max(p.shown-n, 0)))
	p.shown = n
}

// end rewrites the line with line and ends it.
func (p *progressLine) end(line string) {
	p.draw(line)
	fmt.Fprintln(p.w)
	p.shown = 0
}

// stop ends a line left on screen, when the work stopped before its end
// (a build that failed), so that what is written next starts a line.
func (p *progressLine) stop() {
	if p.shown > 0 {
		fmt.Fprintln(p.w)
		p.shown = 0
	}
}
