package charts

import (
	"math"
	"strings"

	"charm.land/lipgloss/v2"

	"lagebild/internal/i18n"
	"lagebild/queries/report"
	"lagebild/tui/styles"
	"lagebild/tui/tabular"
)

// StackRow is one bar of a 100 % stacked bar chart.
type StackRow struct {
	Label string
	Parts []report.Cell // one per series
	// Suffix is written after the bar (e.g. "n = 617").
	Suffix string
}

// Stacked100 draws one 100 % bar per row: each shown part gets a segment
// proportional to its share of the shown parts. A withheld part gets no
// segment (its size is unknown) and the bar is marked with the withheld
// mark and the number of withheld parts, so that no share is read from a
// bar that lacks a component. Percentages are computed from the shown
// protected values only.
func Stacked100(rows []StackRow, suffixW int, o Opts) string {
	st := o.Styles
	var labels []string
	for _, r := range rows {
		labels = append(labels, r.Label)
	}
	lw := labelWidth(o, labels)
	markW := 3
	barW := max(o.Width-lw-markW-suffixW-3, 4)
	var b strings.Builder
	for ri, r := range rows {
		if ri > 0 {
			b.WriteString("\n")
		}
		b.WriteString(Pad(r.Label, lw, false) + " ")
		sum := 0.0
		nWithheld := 0
		for _, p := range r.Parts {
			if v, ok := p.Float(); ok {
				sum += v
			} else if p.State == report.Withheld {
				nWithheld++
			}
		}
		if sum <= 0 {
			b.WriteString(Pad(st.Muted.Render(styles.MarkMissing), barW, false))
		} else {
			vals := make([]float64, len(r.Parts))
			for i, p := range r.Parts {
				if v, ok := p.Float(); ok {
					vals[i] = v / sum
				}
			}
			widths := apportion(vals, barW)
			for i, w := range widths {
				if w > 0 {
					b.WriteString(st.SeriesStyle(i).Render(strings.Repeat(st.Pattern(i), w)))
				}
			}
		}
		mark := strings.Repeat(" ", markW)
		if nWithheld > 0 {
			mark = st.Withheld.Render(Pad(styles.MarkWithheld+itoa(nWithheld), markW, false))
		}
		b.WriteString(" " + mark)
		if suffixW > 0 {
			b.WriteString(" " + st.Muted.Render(Pad(r.Suffix, suffixW, true)))
		}
	}
	return b.String()
}

// apportion splits total cells among shares (summing to 1) by largest
// remainders, so that the segments fill the bar exactly.
func apportion(shares []float64, total int) []int {
	out := make([]int, len(shares))
	type rem struct {
		i int
		r float64
	}
	var rems []rem
	used := 0
	for i, s := range shares {
		x := s * float64(total)
		out[i] = int(math.Floor(x))
		used += out[i]
		if s > 0 {
			rems = append(rems, rem{i, x - math.Floor(x)})
		}
	}
	for used < total && len(rems) > 0 {
		best := 0
		for j := range rems {
			if rems[j].r > rems[best].r {
				best = j
			}
		}
		out[rems[best].i]++
		rems[best].r = -1
		used++
	}
	return out
}

func itoa(n int) string {
	if n < 10 {
		return string(rune('0' + n))
	}
	return "+"
}

// Bar is one bar of a horizontal bar chart.
type Bar struct {
	Label string
	Cell  report.Cell
	// Text is the value label written after the bar (default: the
	// formatted cell).
	Text string
	// Index selects the colour (default 0).
	Index int
}

// HBars draws horizontal bars from 0 to the largest shown value. A
// withheld value shows the withheld mark and the word instead of a bar; a
// missing value the missing mark.
func HBars(bars []Bar, textW int, o Opts) string {
	st := o.Styles
	var labels []string
	hi := 0.0
	for _, br := range bars {
		labels = append(labels, br.Label)
		if v, ok := br.Cell.Float(); ok {
			hi = max(hi, v)
		}
	}
	lw := labelWidth(o, labels)
	barW := max(o.Width-lw-1-1-textW, 4)
	return barRows(bars, lw, barW, textW, o, func(br Bar) string {
		w := 0
		if hi > 0 {
			w = int(math.Round(br.Cell.V / hi * float64(barW)))
		}
		if br.Cell.V > 0 && w == 0 {
			w = 1
		}
		bar := ""
		if w > 0 {
			bar = st.SeriesStyle(br.Index).Render(strings.Repeat(fullBlock(st, br.Index), w))
		}
		return bar + strings.Repeat(" ", barW-w)
	})
}

func fullBlock(st *styles.Styles, i int) string {
	if st.Accessible {
		return "#"
	}
	if st.Mono {
		return st.Pattern(i)
	}
	return "█"
}

// IntervalBars draws rates with their 95 % intervals on a common scale
// from 0: "├───●──┤". Withheld rates show the withheld mark.
func IntervalBars(bars []Bar, textW int, o Opts) string {
	st := o.Styles
	var labels []string
	hi := 0.0
	for _, br := range bars {
		labels = append(labels, br.Label)
		if v, ok := br.Cell.Float(); ok {
			hi = max(hi, v)
			if br.Cell.HasCI {
				hi = max(hi, br.Cell.Hi)
			}
		}
	}
	lw := labelWidth(o, labels)
	barW := max(o.Width-lw-1-1-textW, 6)
	scale := func(x float64) int {
		if hi <= 0 {
			return 0
		}
		return min(int(math.Round(x/hi*float64(barW-1))), barW-1)
	}
	left, right, dot, dash := "├", "┤", "●", "─"
	if st.Accessible {
		left, right, dot, dash = "[", "]", "o", "-"
	}
	rows := barRows(bars, lw, barW, textW, o, func(br Bar) string {
		line := make([]string, barW)
		for x := range line {
			line[x] = " "
		}
		if br.Cell.HasCI {
			l, r := scale(br.Cell.Lo), scale(br.Cell.Hi)
			for x := l; x <= r; x++ {
				line[x] = dash
			}
			line[l], line[r] = left, right
		}
		line[scale(br.Cell.V)] = dot
		return st.SeriesStyle(br.Index).Render(strings.Join(line, ""))
	})
	scaleLine := strings.Repeat(" ", lw+1) + st.Muted.Render(Pad("0", barW/2, false)+
		Pad(i18n.Percent(hi, o.Lang), barW-barW/2, true))
	return rows + "\n" + scaleLine
}

// PyramidRow is one age band of a population pyramid.
type PyramidRow struct {
	Label       string
	Left, Right report.Cell
}

// Pyramid draws left and right bars back to back around the row labels,
// on one scale. Withheld values show the withheld mark by the axis.
func Pyramid(rows []PyramidRow, leftName, rightName string, o Opts) string {
	st := o.Styles
	var labels []string
	hi := 0.0
	for _, r := range rows {
		labels = append(labels, r.Label)
		for _, c := range []report.Cell{r.Left, r.Right} {
			if v, ok := c.Float(); ok {
				hi = max(hi, v)
			}
		}
	}
	lw := labelWidth(o, labels)
	numW := 6
	half := max((o.Width-lw-2-2*numW-2)/2, 3)
	scale := func(v float64) int {
		if hi <= 0 {
			return 0
		}
		w := int(math.Round(v / hi * float64(half)))
		if v > 0 && w == 0 {
			w = 1
		}
		return w
	}
	// side draws one half: the bar from the axis outwards and the number
	// at its end.
	side := func(c report.Cell, idx int, leftSide bool) string {
		num := tabular.Format(c, o.Lang)
		var bar string
		switch c.State {
		case report.Withheld:
			num = st.Withheld.Render(num)
		case report.Missing:
			num = st.Muted.Render(num)
		default:
			bar = st.SeriesStyle(idx).Render(strings.Repeat(fullBlock(st, idx), scale(c.V)))
		}
		if leftSide {
			return Pad(num+" "+bar, numW+1+half, true)
		}
		return Pad(bar+" "+num, half+1+numW, false)
	}
	var b strings.Builder
	head := Pad(leftName, numW+1+half, true) + strings.Repeat(" ", lw+2) + Pad(rightName, half+1+numW, false)
	b.WriteString(st.Bold.Render(head))
	for _, r := range rows {
		b.WriteString("\n")
		b.WriteString(side(r.Left, 0, true))
		b.WriteString(" " + lipgloss.PlaceHorizontal(lw, lipgloss.Center, r.Label) + " ")
		b.WriteString(side(r.Right, 1, false))
	}
	return b.String()
}

// HeatStrip draws shares in [0, 1] as one shaded cell each, from light
// to dark at the given thresholds (ascending; len(thresholds)+1 shades),
// withheld as the withheld mark, missing as a space.
func HeatStrip(cells []report.Cell, cellW int, thresholds []float64, st *styles.Styles) string {
	shades := heatShades(st)
	var b strings.Builder
	for _, c := range cells {
		switch c.State {
		case report.Withheld:
			b.WriteString(st.Withheld.Render(Pad(styles.MarkWithheld, cellW, false)))
		case report.Missing:
			b.WriteString(Pad(" ", cellW, false))
		default:
			i := 0
			for i < len(thresholds) && c.V >= thresholds[i] {
				i++
			}
			i = min(i, len(shades)-1)
			b.WriteString(st.SeriesStyle(0).Render(strings.Repeat(shades[i], cellW)))
		}
	}
	return b.String()
}

func heatShades(st *styles.Styles) []string {
	if st.Accessible {
		return []string{"0", "1", "2", "3", "4"}
	}
	return []string{"·", "░", "▒", "▓", "█"}
}

// HeatLegend explains the shades of a heat strip: each shade with the
// range it stands for, labels written by format.
func HeatLegend(thresholds []float64, format func(float64) string, st *styles.Styles) string {
	return classLegend(thresholds, false, format, st)
}

// classLegend writes each shade with its class: below the first
// threshold, between two, from the last on. Classes of whole counts end
// one below the next bound (a single value where that is the lower one),
// so that no bound is in two classes (TileLegend).
func classLegend(thresholds []float64, whole bool, format func(float64) string, st *styles.Styles) string {
	shades := heatShades(st)
	var parts []string
	for i := 0; i <= len(thresholds) && i < len(shades); i++ {
		var r string
		switch {
		case i == 0:
			r = "< " + format(thresholds[0])
		case i == len(thresholds):
			r = "≥ " + format(thresholds[i-1])
		case whole && thresholds[i]-1 <= thresholds[i-1]:
			r = format(thresholds[i-1])
		case whole:
			r = format(thresholds[i-1]) + "–" + format(thresholds[i]-1)
		default:
			r = format(thresholds[i-1]) + "–" + format(thresholds[i])
		}
		parts = append(parts, st.SeriesStyle(0).Render(shades[i])+" "+r)
	}
	return strings.Join(parts, "  ")
}

// barRows lays out one line per bar: the padded label, the bar drawn by
// draw for a shown value (barW cells) or the withheld or missing mark in
// its place, and the value text. The bar charts share it so that a
// withheld value is marked the same way everywhere and never drawn as 0.
func barRows(bars []Bar, lw, barW, textW int, o Opts, draw func(Bar) string) string {
	st := o.Styles
	var b strings.Builder
	for i, br := range bars {
		if i > 0 {
			b.WriteString("\n")
		}
		b.WriteString(Pad(br.Label, lw, false) + " ")
		text := br.Text
		if text == "" {
			text = tabular.Format(br.Cell, o.Lang)
		}
		switch br.Cell.State {
		case report.Withheld:
			b.WriteString(st.Withheld.Render(Pad(styles.MarkWithheld, barW, false)))
		case report.Missing:
			b.WriteString(st.Muted.Render(Pad(styles.MarkMissing, barW, false)))
		default:
			b.WriteString(draw(br))
		}
		b.WriteString(" " + Pad(text, textW, true))
	}
	return b.String()
}
