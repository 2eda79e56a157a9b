package charts

import (
	"math"
	"slices"
	"strings"

	"charm.land/lipgloss/v2"
	"github.com/charmbracelet/x/ansi"
	"github.com/guptarohit/asciigraph"

	"lagebild/internal/i18n"
	"lagebild/queries/report"
	"lagebild/tui/styles"
)

// LineSeries is one line of a line chart.
type LineSeries struct {
	Name  string
	Cells []report.Cell // one per x label
	Index int           // palette index
	// Hidden leaves the series out of the plot and its axis; the legend
	// still names it, struck through (series toggling in the TUI).
	Hidden bool
	// Breaks marks the x positions where a new series starts (a series
	// break: the value is not comparable with the one before). No line is
	// drawn across a break; a BreakMark stands between the two values.
	Breaks []bool
}

// BreakMark stands at a series break in line charts and sparklines.
const BreakMark = "╎"

// LineOpts are the options of a line chart.
type LineOpts struct {
	Opts
	XLabels []string
	// YFormat formats axis labels (default: numbers in the language, with
	// Unit after them).
	YFormat func(float64) string
	// Unit is written after the default axis labels ("%" for a series in
	// percent); ignored with YFormat.
	Unit string
	// FromZero starts the y axis at 0 (counts); otherwise at a rounded
	// minimum, and a line under the chart says the axis does not start
	// at 0.
	FromZero bool
	// K is the threshold named in the withheld legend.
	K int
	// NoLegend leaves out the series legend (a single series).
	NoLegend bool
}

// Line draws series over the x labels with asciigraph: lines in the series
// colours, or without colour in the series' markers. The y axis runs over
// round ticks (whole numbers when every value is whole). A value without a
// shown neighbour, and a series of one year, is drawn as a point. Withheld
// values leave a gap in the line and a withheld mark under the x axis, in
// a row per series that says which; the legend and the mark's legend
// follow.
func Line(series []LineSeries, o LineOpts) string {
	st := o.Styles
	n := len(o.XLabels)
	if n == 0 || len(series) == 0 {
		return st.Muted.Render("–")
	}
	var data [][]float64
	var drawn []LineSeries // the series in data, in order
	var colors []asciigraph.AnsiColor
	var chars []asciigraph.CharSet
	var withheld []LineSeries // series with a withheld value
	var breakAt []int         // x positions with a series break
	lo, hi := math.Inf(1), math.Inf(-1)
	whole := true
	for _, s := range series {
		if s.Hidden {
			continue
		}
		vals := make([]float64, n)
		shown, hasWithheld := 0, false
		for i := range n {
			vals[i] = math.NaN()
			if i >= len(s.Cells) {
				continue
			}
			c := s.Cells[i]
			if v, ok := c.Float(); ok {
				vals[i] = v
				lo, hi = min(lo, v), max(hi, v)
				whole = whole && v == math.Trunc(v)
				shown++
			} else if c.State == report.Withheld {
				hasWithheld = true
			}
		}
		if hasWithheld {
			withheld = append(withheld, s)
		}
		if shown == 0 {
			continue
		}
		// One plotted line per stretch between series breaks: asciigraph
		// never joins two of them.
		for _, seg := range segments(vals, s.Breaks) {
			data = append(data, seg)
			drawn = append(drawn, s)
			colors = append(colors, st.SeriesANSIColor(s.Index))
			if m := st.Marker(s.Index); m != "" {
				chars = append(chars, asciigraph.CreateCharSet(m))
			} else {
				chars = append(chars, asciigraph.DefaultCharSet)
			}
		}
		for i, b := range s.Breaks {
			if b && i > 0 && i < n && !slices.Contains(breakAt, i) {
				breakAt = append(breakAt, i)
			}
		}
	}
	var out []string
	var pos []int
	axisFrom := ""
	if len(data) == 0 {
		out = append(out, st.Muted.Render("–"))
	} else {
		if o.FromZero {
			lo = min(lo, 0)
		}
		ax := niceAxis(lo, hi, max(o.Height-2, 3)-1, whole)
		yfmt := o.YFormat
		if yfmt == nil {
			dec := ax.decimals()
			unit := ""
			if o.Unit != "" {
				unit = " " + o.Unit
			}
			yfmt = func(v float64) string { return i18n.Float(v, dec, o.Lang) + unit }
		}
		// Axis labels: asciigraph pads them to the widest.
		lw := 0
		for r := 0; r <= ax.rows; r++ {
			lw = max(lw, lipgloss.Width(yfmt(ax.lo+float64(r)*ax.step)))
		}
		plotW := max(o.Width-lw-1-3, n)
		opts := []asciigraph.Option{
			asciigraph.Width(plotW),
			asciigraph.Height(ax.rows),
			asciigraph.LowerBound(ax.lo),
			asciigraph.UpperBound(ax.hi),
			asciigraph.YAxisValueFormatter(yfmt),
			asciigraph.Offset(2),
		}
		if st.Mono || st.Accessible {
			opts = append(opts, asciigraph.SeriesChars(chars...))
		} else {
			opts = append(opts, asciigraph.SeriesColors(colors...), asciigraph.AxisColor(st.AxisANSI),
				asciigraph.LabelColor(st.AxisANSI))
		}
		// Lone points (no shown neighbour, or a single year) vanish in
		// asciigraph's interpolation or become a line over the whole
		// width: they are left out of the plot and drawn as points.
		lone := loneValues(data)
		plotted := make([][]float64, len(data))
		for si := range data {
			plotted[si] = slices.Clone(data[si])
			for i := range plotted[si] {
				if lone[si][i] {
					plotted[si][i] = math.NaN()
				}
			}
		}
		plot := asciigraph.PlotMany(plotted, opts...)
		lines := strings.Split(plot, "\n")
		axisCol := axisColumn(lines)
		// Columns of the x labels: asciigraph interpolates n points onto
		// plotW columns; one year stands in the middle.
		pos = make([]int, n)
		for i := range n {
			if n == 1 {
				pos[i] = axisCol + 1 + plotW/2
			} else {
				pos[i] = axisCol + 1 + int(math.Round(float64(i)*float64(plotW-1)/float64(n-1)))
			}
		}
		for si, s := range drawn {
			for i, v := range data[si] {
				if !lone[si][i] {
					continue
				}
				row := int(math.Round((ax.hi - v) / ax.step))
				if row >= 0 && row < len(lines) {
					lines[row] = overlay(lines[row], pos[i], st.SeriesStyle(s.Index).Render(pointMark(st, s.Index)))
				}
			}
		}
		// A break mark between the two years, down the plot where it is
		// blank.
		for _, i := range breakAt {
			col := (pos[i-1] + pos[i] + 1) / 2
			for r, l := range lines {
				if cellAt(l, col) == ' ' {
					lines[r] = overlay(l, col, st.Muted.Render(BreakMark))
				}
			}
		}
		for i, l := range lines {
			lines[i] = ansi.Truncate(l, o.Width, "")
		}
		out = append(out, lines...)
		out = append(out, xAxis(o.XLabels, pos, o.Width, st))
		if ax.lo > 0 {
			axisFrom = st.Muted.Render(i18n.F(o.Lang, "chart.axis.notzero", yfmt(ax.lo)))
		}
	}
	// One row of withheld marks per series that has any, at the years'
	// columns, in the series' colour and named when there are several
	// series.
	named := len(series) > 1 && !o.NoLegend
	if pos != nil {
		for _, s := range withheld {
			out = append(out, withheldRow(s, pos, named, o))
		}
	}
	if axisFrom != "" {
		out = append(out, axisFrom)
	}
	if !o.NoLegend {
		var items []LegendItem
		for _, s := range series {
			items = append(items, LegendItem{Label: s.Name, Index: s.Index, Hidden: s.Hidden})
		}
		out = append(out, Legend(items, true, o.Opts))
	}
	if len(breakAt) > 0 && pos != nil {
		out = append(out, st.Muted.Render(BreakMark+" "+i18n.T(o.Lang, "chart.break")))
	}
	if len(withheld) > 0 {
		if named {
			var names []string
			for _, s := range withheld {
				names = append(names, s.Name)
			}
			out = append(out, o.Styles.Warn.Render(styles.MarkWithheld+" "+
				i18n.F(o.Lang, "chart.line.withheld.series", o.K, strings.Join(names, ", "))))
		} else {
			out = append(out, withheldNote(o.Opts, "chart.line.withheld", o.K))
		}
	}
	return strings.Join(out, "\n")
}

// withheldRow marks the withheld values of one series at the x labels'
// columns, in the series' colour (bold in mono), with its name after the
// last mark when named and there is room (the legend line names it in any
// case).
func withheldRow(s LineSeries, pos []int, named bool, o LineOpts) string {
	st := o.Styles
	mark := []rune(strings.Repeat(" ", o.Width))
	last := -1
	for i, c := range s.Cells {
		if i < len(pos) && c.State == report.Withheld && pos[i] < len(mark) {
			mark[pos[i]] = []rune(styles.MarkWithheld)[0]
			last = pos[i]
		}
	}
	style := st.Withheld
	if !st.Mono && !st.Accessible {
		style = st.SeriesStyle(s.Index).Bold(true)
	}
	row := style.Render(strings.TrimRight(string(mark), " "))
	if named {
		if name := " " + st.Swatch(s.Index, true) + " " + s.Name; last+1+lipgloss.Width(name) <= o.Width {
			row += name
		}
	}
	return row
}

// loneValues marks the shown values without a shown neighbour.
func loneValues(data [][]float64) [][]bool {
	out := make([][]bool, len(data))
	for si, vals := range data {
		out[si] = make([]bool, len(vals))
		for i, v := range vals {
			left := i > 0 && !math.IsNaN(vals[i-1])
			right := i < len(vals)-1 && !math.IsNaN(vals[i+1])
			out[si][i] = !math.IsNaN(v) && !left && !right
		}
	}
	return out
}

// pointMark is the mark of a lone point: the series' marker without
// colour, a dot in colour.
func pointMark(st *styles.Styles, i int) string {
	if m := st.Marker(i); m != "" {
		return m
	}
	return "●"
}

// overlay writes s (one cell wide) over the cell at col of an ANSI line.
func overlay(line string, col int, s string) string {
	left := ansi.Truncate(line, col, "")
	if w := ansi.StringWidth(left); w < col {
		left += strings.Repeat(" ", col-w)
	}
	return left + s + ansi.TruncateLeft(line, col+1, "")
}

// axisColumn finds the display column of the y axis in asciigraph output.
func axisColumn(lines []string) int {
	for _, l := range lines {
		plain := ansi.Strip(l)
		col := 0
		for _, r := range plain {
			if r == '┤' || r == '┼' {
				return col
			}
			col++
		}
	}
	return 0
}

// xAxis writes the x labels at their columns, every step-th label so that
// they do not collide, and always the last one (the latest year), kept
// inside the width.
func xAxis(labels []string, pos []int, width int, st *styles.Styles) string {
	line := []rune(strings.Repeat(" ", width+8))
	n := len(labels)
	lw := 0
	for _, l := range labels {
		lw = max(lw, len([]rune(l)))
	}
	step := 1
	if n > 1 {
		gap := float64(pos[n-1]-pos[0]) / float64(n-1)
		for float64(step)*gap < float64(lw+1) && step < n {
			step++
		}
	}
	place := func(i int) (int, int) {
		l := len([]rune(labels[i]))
		start := min(max(pos[i]-l/2, 0), width-l)
		return start, start + l
	}
	lastStart, _ := place(n - 1)
	copy(line[max(lastStart, 0):], []rune(labels[n-1]))
	lastEnd := -1
	for i := 0; i < n-1; i += step {
		start, end := place(i)
		if start <= lastEnd || start < 0 || end >= lastStart {
			continue
		}
		copy(line[start:], []rune(labels[i]))
		lastEnd = end
	}
	return st.Muted.Render(strings.TrimRight(string(line[:width]), " "))
}

// segments splits a series' values at its breaks: one slice per stretch,
// each as long as vals with NaN outside the stretch. Without breaks it is
// vals alone.
func segments(vals []float64, breaks []bool) [][]float64 {
	var out [][]float64
	start := 0
	for i := 1; i <= len(vals); i++ {
		if i < len(vals) && (i >= len(breaks) || !breaks[i]) {
			continue
		}
		seg := make([]float64, len(vals))
		shown := false
		for j := range seg {
			seg[j] = math.NaN()
			if j >= start && j < i {
				seg[j] = vals[j]
				shown = shown || !math.IsNaN(vals[j])
			}
		}
		if shown {
			out = append(out, seg)
		}
		start = i
	}
	return out
}

// cellAt is the character at display column col of an ANSI line (a space
// beyond its end).
func cellAt(line string, col int) rune {
	plain := []rune(ansi.Strip(line))
	if col < 0 || col >= len(plain) {
		return ' '
	}
	return plain[col]
}
