package main

import (
	"fmt"
	"io"
	"os"
	"path/filepath"
	"time"
	"unicode/utf8"

	"github.com/charmbracelet/x/term"

	"lagebild/datasets/importer"
	"lagebild/internal/i18n"
)

// importProgress shows how far a long import has read on a terminal: one
// line, rewritten in place, with the rows read, the share of the file,
// the rate and the time left, and a last line per file with its rows and
// rate. Nothing for a file read within progressEvery, and nothing
// at all when stderr is not a terminal (a pipe, a log file, a test, an
// SSH session), so that logs and scripts stay clean.
type importProgress struct {
	progressLine
	file string
}

// newImportProgress reports to w, which is a terminal of width columns
// (0: unknown) when tty is set; now is the clock (time.Now, a test's
// clock).
func newImportProgress(w io.Writer, tty bool, width int, now func() time.Time) *importProgress {
	return &importProgress{progressLine: progressLine{w: w, tty: tty, width: width, now: now}}
}

// terminalOf reports whether w is a terminal of this process, and its
// width in columns (0 when unknown).
func terminalOf(w io.Writer) (tty bool, width int) {
	f, ok := w.(*os.File)
	if !ok || !term.IsTerminal(f.Fd()) {
		return false, 0
	}
	width, _, _ = term.GetSize(f.Fd())
	return true, width
}

// update is importer.Options.OnRead.
func (p *importProgress) update(rp importer.ReadProgress) {
	if !p.tty {
		return
	}
	t := p.now()
	if rp.File != p.file {
		p.file = rp.File
		p.begin(t)
	}
	elapsed := t.Sub(p.start)
	if rp.Done {
		if p.shown > 0 {
			p.end(fitLine(filepath.Base(rp.File), fmt.Sprintf("%s rows in %s, %s rows/s",
				i18n.Int(rp.Rows, i18n.EN), seconds(elapsed), i18n.Int(rate(rp.Rows, elapsed), i18n.EN)), p.width))
		}
		return
	}
	if !p.due(t) {
		return
	}
	line := fmt.Sprintf("%s rows, %s rows/s",
		i18n.Int(rp.Rows, i18n.EN), i18n.Int(rate(rp.Rows, elapsed), i18n.EN))
	if rp.Size > 0 && rp.Bytes > 0 {
		left := time.Duration(float64(elapsed) * float64(rp.Size-rp.Bytes) / float64(rp.Bytes))
		line += fmt.Sprintf(", %d %% read, about %s left", rp.Bytes*100/rp.Size, seconds(left))
	}
	p.draw(fitLine(filepath.Base(rp.File), line, p.width))
}

// fitLine makes the progress line, shorter than width columns when width
// is known, so that "\r" can rewrite it (a line that wraps cannot be):
// without the command's name first, then with the start of the file name
// cut off.
func fitLine(name, stats string, width int) string {
	line := "lagebild import: " + name + ": " + stats
	if width <= 0 || utf8.RuneCountInString(line) < width {
		return line
	}
	line = name + ": " + stats
	if utf8.RuneCountInString(line) < width {
		return line
	}
	if room := width - 1 - utf8.RuneCountInString(stats) - 2; room >= 4 {
		r := []rune(name)
		return "…" + string(r[len(r)-(room-1):]) + ": " + stats
	}
	return string([]rune(stats)[:min(utf8.RuneCountInString(stats), max(width-1, 0))])
}

// rate is rows per second over d (0 for no time).
func rate(rows int64, d time.Duration) int64 {
	if d <= 0 {
		return 0
	}
	return int64(float64(rows) / d.Seconds())
}

// seconds shows d in whole seconds (tenths below ten seconds).
func seconds(d time.Duration) string {
	if d < 10*time.Second {
		return fmt.Sprintf("%.1f s", d.Seconds())
	}
	return fmt.Sprintf("%d s", int64(d.Round(time.Second)/time.Second))
}
