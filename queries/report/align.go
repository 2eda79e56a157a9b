package report

import (
	"strings"

	"github.com/charmbracelet/x/ansi"
)

// The one text aligner of every fixed-width text output (the TUI's table
// view and console, `lagebild query`, `check` and `figures`): widths are
// display cells (a wide character counts two, escape sequences none), a
// text longer than its column is cut with …, numbers are right-aligned.

// TextWidth is the display width of a text.
func TextWidth(s string) int { return ansi.StringWidth(s) }

// Pad fits s into w display cells: cut with … when wider, else padded
// with spaces on the left (right-aligned) or on the right.
func Pad(s string, w int, right bool) string {
	s = ansi.Truncate(s, w, "…")
	gap := w - TextWidth(s)
	if gap <= 0 {
		return s
	}
	if right {
		return strings.Repeat(" ", gap) + s
	}
	return s + strings.Repeat(" ", gap)
}

// ColumnWidths returns the width of the widest text of each column.
func ColumnWidths(rows [][]string) []int {
	var ws []int
	for _, r := range rows {
		for j, c := range r {
			if j >= len(ws) {
				ws = append(ws, 0)
			}
			ws[j] = max(ws[j], TextWidth(c))
		}
	}
	return ws
}

// AlignedLine writes one line of cells, each padded to its column's width
// and joined with sep; right(j) says which columns are right-aligned. The
// last cell of a line is not padded when it is left-aligned, so that no
// line ends in spaces.
func AlignedLine(cells []string, widths []int, sep string, right func(j int) bool) string {
	var b strings.Builder
	for j, c := range cells {
		if j > 0 {
			b.WriteString(sep)
		}
		r := right != nil && right(j)
		if j == len(cells)-1 && !r {
			b.WriteString(c)
			continue
		}
		b.WriteString(Pad(c, widths[j], r))
	}
	return b.String()
}
