// Package blocks joins rendered text blocks side by side without
// measuring their lines.
//
// lipgloss.JoinHorizontal measures every line of every block twice
// (ansi.StringWidth walks its grapheme clusters), and a view's content
// has hundreds of lines of which a screen shows fifty: joining the filter
// panel beside the evaluator view took 0.8 ms of a 1.1 ms frame at 100k
// cases (docs/performance.md, "Round six"). Where a block's width is
// known, because it was rendered with a lipgloss Style of that Width and
// MaxWidth, nothing needs measuring.
package blocks

import "strings"

// Ragged is the width of a last block whose lines are taken as they are.
const Ragged = -1

// Beside joins blocks side by side, top-aligned. Every line of block i is
// widths[i] cells wide, and a block with fewer lines than the tallest
// continues with lines of widths[i] spaces: the same text as
// lipgloss.JoinHorizontal(lipgloss.Top, blocks...) gives for such blocks.
// The last block may be Ragged: its lines are kept as they are and its
// missing lines are empty, where JoinHorizontal would pad every line to
// the widest with trailing spaces. Blocks hold no tabs or carriage
// returns (lipgloss's Render has expanded them).
func Beside(widths []int, blocks ...string) string {
	lines := make([][]string, len(blocks))
	height, size := 0, 0
	for i, b := range blocks {
		lines[i] = strings.Split(b, "\n")
		height = max(height, len(lines[i]))
		size += len(b)
	}
	var out strings.Builder
	for i, ls := range lines {
		size += (height - len(ls)) * max(widths[i], 0)
	}
	out.Grow(size + height)
	for row := range height {
		if row > 0 {
			out.WriteByte('\n')
		}
		for i, ls := range lines {
			switch {
			case row < len(ls):
				out.WriteString(ls[row])
			case widths[i] > 0:
				out.WriteString(strings.Repeat(" ", widths[i]))
			}
		}
	}
	return out.String()
}
