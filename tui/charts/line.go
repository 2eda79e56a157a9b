package charts

import (
	"math"
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
}

// LineOpts are the options of a line chart.
type LineOpts struct {
	Opts
	XLabels []string
	// YFormat formats axis labels (default: numbers in the language).
	YFormat func(float64) string
	// FromZero starts the y axis at 0 (counts); otherwise at the minimum.
	FromZero bool
	// K is the threshold named in the withheld legend.
	K int
	// NoLegend leaves out the series legend (a single series).
	NoLegend bool
}

// Line draws series over the x labels with asciigraph: lines in the series
// colours, or without colour in the series' markers. Withheld values leave
// a gap in the line and a withheld mark under the x axis; the legend and
// the mark's legend follow.
func Line(series []LineSeries, o LineOpts) string {
	st := o.Styles
	n := len(o.XLabels)
	if n == 0 || len(series) == 0 {
		return st.Muted.Render("–")
	}
	var data [][]float64
	var colors []asciigraph.AnsiColor
	var chars []asciigraph.CharSet
	withheldAt := make([]bool, n)
	anyWithheld := false
	lo, hi := math.Inf(1), math.Inf(-1)
	for _, s := range series {
		vals := make([]float64, n)
		shown := 0
		for i := range n {
			vals[i] = math.NaN()
			if i >= len(s.Cells) {
				continue
			}
			c := s.Cells[i]
			if v, ok := c.Float(); ok {
				vals[i] = v
				lo, hi = min(lo, v), max(hi, v)
				shown++
			} else if c.State == report.Withheld {
				withheldAt[i] = true
				anyWithheld = true
			}
		}
		if shown == 0 {
			continue
		}
		if n == 1 {
			vals = []float64{vals[0], vals[0]}
		}
		data = append(data, vals)
		colors = append(colors, st.SeriesANSIColor(s.Index))
		if m := st.Marker(s.Index); m != "" {
			chars = append(chars, asciigraph.CreateCharSet(m))
		} else {
			chars = append(chars, asciigraph.DefaultCharSet)
		}
	}
	var out []string
	if len(data) == 0 {
		out = append(out, st.Muted.Render("–"))
	} else {
		yfmt := o.YFormat
		if yfmt == nil {
			dec := 0
			if hi-lo < 20 {
				dec = 1
			}
			yfmt = func(v float64) string { return i18n.Float(v, dec, o.Lang) }
		}
		if o.FromZero {
			lo = min(lo, 0)
		}
		// Axis labels: asciigraph pads them to the widest.
		lw := max(lipgloss.Width(yfmt(lo)), lipgloss.Width(yfmt(hi)), lipgloss.Width(yfmt((lo+hi)/2))) + 1
		plotW := max(o.Width-lw-3, n)
		rows := max(o.Height-2, 3)
		opts := []asciigraph.Option{
			asciigraph.Width(plotW),
			asciigraph.Height(rows - 1),
			asciigraph.YAxisValueFormatter(yfmt),
			asciigraph.Offset(2),
		}
		// Explicit bounds: stretched over the width, isolated points
		// (withheld neighbours) may vanish, and asciigraph must not scale
		// an axis from no values at all.
		opts = append(opts, asciigraph.LowerBound(lo))
		if hi == lo {
			opts = append(opts, asciigraph.UpperBound(hi+1))
		} else {
			opts = append(opts, asciigraph.UpperBound(hi))
		}
		if st.Mono || st.Accessible {
			opts = append(opts, asciigraph.SeriesChars(chars...))
		} else {
			opts = append(opts, asciigraph.SeriesColors(colors...), asciigraph.AxisColor(st.AxisANSI),
				asciigraph.LabelColor(st.AxisANSI))
		}
		plot := asciigraph.PlotMany(data, opts...)
		lines := strings.Split(plot, "\n")
		axisCol := axisColumn(lines)
		for i, l := range lines {
			lines[i] = ansi.Truncate(l, o.Width, "")
		}
		out = append(out, lines...)
		// Columns of the x labels: asciigraph interpolates n points onto
		// plotW columns.
		pos := make([]int, n)
		for i := range n {
			if n == 1 {
				pos[i] = axisCol + 1
			} else {
				pos[i] = axisCol + 1 + int(math.Round(float64(i)*float64(plotW-1)/float64(n-1)))
			}
		}
		out = append(out, xAxis(o.XLabels, pos, o.Width, st))
		if anyWithheld {
			mark := []rune(strings.Repeat(" ", o.Width))
			for i, w := range withheldAt {
				if w && pos[i] < len(mark) {
					mark[pos[i]] = []rune(styles.MarkWithheld)[0]
				}
			}
			out = append(out, st.Withheld.Render(strings.TrimRight(string(mark), " ")))
		}
	}
	if !o.NoLegend {
		var items []LegendItem
		for _, s := range series {
			items = append(items, LegendItem{Label: s.Name, Index: s.Index})
		}
		out = append(out, Legend(items, true, o.Opts))
	}
	if anyWithheld {
		out = append(out, withheldNote(o.Opts, "chart.line.withheld", o.K))
	}
	return strings.Join(out, "\n")
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

// xAxis writes the x labels at their columns, leaving out labels that
// would overlap (the first and the last are preferred).
func xAxis(labels []string, pos []int, width int, st *styles.Styles) string {
	line := []rune(strings.Repeat(" ", width+8))
	lastEnd := -1
	n := len(labels)
	// Choose a step so that labels do not collide.
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
	for i := 0; i < n; i += step {
		l := []rune(labels[i])
		start := pos[i] - len(l)/2
		if start <= lastEnd || start < 0 || start+len(l) > width {
			continue
		}
		copy(line[start:], l)
		lastEnd = start + len(l)
	}
	return st.Muted.Render(strings.TrimRight(string(line[:width]), " "))
}
