// Package charts draws the TUI's charts as strings: line charts (through
// asciigraph), 100 % stacked bars, horizontal bars, interval bars, a
// population pyramid, sparklines and heat strips. Every function is pure:
// data, size and styles in, a string out.
//
// A withheld value (disclosure control) is never drawn as zero: lines get
// a gap and a mark under the axis, bars show the withheld mark instead of
// a bar, stacked bars leave the component out and say so.
package charts

import (
	"math"
	"strings"

	"charm.land/lipgloss/v2"
	"github.com/charmbracelet/x/ansi"

	"lagebild/internal/i18n"
	"lagebild/queries"
	"lagebild/queries/report"
	"lagebild/tui/styles"
)

// Opts are the common options of a chart.
type Opts struct {
	Width  int
	Height int
	Styles *styles.Styles
	Lang   i18n.Lang
	// LabelWidth fixes the width of row labels (0: fit the labels).
	LabelWidth int
}

// Pad pads or truncates s to exactly w cells (right-aligned when right).
func Pad(s string, w int, right bool) string {
	if w <= 0 {
		return ""
	}
	s = ansi.Truncate(s, w, "…")
	gap := w - lipgloss.Width(s)
	if gap <= 0 {
		return s
	}
	if right {
		return strings.Repeat(" ", gap) + s
	}
	return s + strings.Repeat(" ", gap)
}

func labelWidth(o Opts, labels []string) int {
	if o.LabelWidth > 0 {
		return o.LabelWidth
	}
	w := 0
	for _, l := range labels {
		w = max(w, lipgloss.Width(l))
	}
	return min(w, max(8, o.Width/3))
}

// LegendItem is one entry of a legend.
type LegendItem struct {
	Label string
	Index int // series index (colour, pattern, marker)
	// Hidden: a series left out of the chart, dimmed and struck through
	// behind a plain mark (readable without colour).
	Hidden bool
}

// Legend writes legend items, wrapped to the width. line selects line
// swatches (markers without colour) instead of bar swatches (patterns).
func Legend(items []LegendItem, line bool, o Opts) string {
	st := o.Styles
	var lines []string
	cur, curW := "", 0
	for _, it := range items {
		e := st.Swatch(it.Index, line) + " " + it.Label
		if it.Hidden {
			e = st.Muted.Render("·") + " " + st.Muted.Strikethrough(true).Render(it.Label)
		}
		w := lipgloss.Width(e)
		if curW > 0 && curW+2+w > o.Width {
			lines = append(lines, cur)
			cur, curW = "", 0
		}
		if curW > 0 {
			cur += "  "
			curW += 2
		}
		cur += e
		curW += w
	}
	if curW > 0 {
		lines = append(lines, cur)
	}
	return strings.Join(lines, "\n")
}

// minShareSpan is the smallest span a sparkline of shares or rates
// scales over (10 percentage points), so that a swing of 0.2 points is not
// drawn from the lowest block to the highest.
const minShareSpan = 0.10

// Sparkline draws a series in one line of block characters, one per
// value: withheld values as the withheld mark, missing ones as a space
// (a year without a figure). Counts and figures are scaled from 0, so a
// constant 0 is the lowest block; shares and rates over their range but
// at least minShareSpan.
func Sparkline(cells []report.Cell, st *styles.Styles) string {
	return SparklineBreaks(cells, nil, st)
}

// SparklineBreaks is Sparkline for a series with breaks: the value of a
// year that starts a new series (breaks[i]: its counting changed) is drawn
// as BreakMark (SparkBreakAccessible in accessible mode) in its own place,
// so the line keeps one cell per year and no block is read across the
// break. The scale still takes every value.
func SparklineBreaks(cells []report.Cell, breaks []bool, st *styles.Styles) string {
	blocks := []rune("▁▂▃▄▅▆▇█")
	if st.Accessible {
		blocks = []rune("12345678")
	}
	lo, hi := math.Inf(1), math.Inf(-1)
	shares := false
	for _, c := range cells {
		if v, ok := c.Float(); ok {
			lo, hi = min(lo, v), max(hi, v)
			shares = c.Kind == queries.KindShare || c.Kind == queries.KindRate
		}
	}
	if shares {
		if hi-lo < minShareSpan {
			mid := (lo + hi) / 2
			lo = min(max(mid-minShareSpan/2, 0), 1-minShareSpan)
			hi = lo + minShareSpan
		}
	} else {
		lo, hi = min(lo, 0), max(hi, 0)
	}
	var b strings.Builder
	for j, c := range cells {
		if j < len(breaks) && breaks[j] && c.State != report.Missing {
			mark := BreakMark
			if st.Accessible {
				mark = SparkBreakAccessible
			}
			b.WriteString(mark) // unstyled: a selected row keeps its style
			continue
		}
		switch c.State {
		case report.Withheld:
			b.WriteString(st.Withheld.Render(styles.MarkWithheld))
			continue
		case report.Missing:
			b.WriteString(" ")
			continue
		}
		i := 0
		if hi > lo {
			i = int(math.Round((c.V - lo) / (hi - lo) * float64(len(blocks)-1)))
		}
		b.WriteRune(blocks[min(max(i, 0), len(blocks)-1)])
	}
	return b.String()
}

// SparkBreakAccessible is BreakMark in an accessible sparkline, whose
// blocks are digits.
const SparkBreakAccessible = "|"

// withheldNote is the legend line of charts that leave out withheld values.
func withheldNote(o Opts, key string, k int) string {
	return o.Styles.Warn.Render(styles.MarkWithheld + " " + i18n.F(o.Lang, key, k))
}
