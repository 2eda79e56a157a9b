package main

import (
	"fmt"
	"io"
	"time"
	"unicode/utf8"
)

// cubeProgress shows how far the first open's build of a cube file has
// come on a terminal (seconds per million cases, queries.OnCubeProgress):
// one line, rewritten in place at most every progressEvery, with the
// steps done and the time so far, and a last line with the time the
// build took. Nothing when stderr is not a terminal, as for an import.
type cubeProgress struct{ progressLine }

// newCubeProgress reports to w, which is a terminal of width columns (0:
// unknown) when tty is set; now is the clock.
func newCubeProgress(w io.Writer, tty bool, width int, now func() time.Time) *cubeProgress {
	return &cubeProgress{progressLine{w: w, tty: tty, width: width, now: now}}
}

// update is queries.OpenOptions.OnCubeProgress.
func (p *cubeProgress) update(done, total int) {
	if !p.tty {
		return
	}
	t := p.now()
	if p.start.IsZero() {
		p.begin(t)
	}
	elapsed := t.Sub(p.start)
	if done >= total {
		p.end(p.fit(fmt.Sprintf("lagebild: built in %s", seconds(elapsed))))
		return
	}
	if p.due(t) {
		p.draw(p.fit(fmt.Sprintf("lagebild: building: step %d of %d, %d %%, %s", done, total, done*100/total, seconds(elapsed))))
	}
}

// fit cuts line to one column less than the terminal's width, so that
// "\r" can rewrite it (a line that wraps cannot be).
func (p *cubeProgress) fit(line string) string {
	if p.width > 0 && utf8.RuneCountInString(line) >= p.width {
		return string([]rune(line)[:p.width-1])
	}
	return line
}
