package export

import (
	"fmt"
	"html"
	"math"
	"slices"
	"strconv"
	"strings"

	"lagebild/internal/i18n"
	"lagebild/queries/report"
)

// Inline SVG charts of the HTML briefing: drawn here from the published
// values, so the file needs nothing from outside and pastes into Word.
const (
	chartW, chartH                     = 360, 170
	chartLeft, chartRight, chartTop    = 56, 12, 22
	chartBottom                        = 26
	chartInk, chartMuted, chartBreakCl = "#1f4e79", "#666666", "#b03a2e"
)

// chartPoint is one year of a series; shown is false for a year without a
// published value (withheld or no data), which the line does not cross.
type chartPoint struct {
	year  int
	v     float64
	shown bool
}

// seriesPoints takes a key figure's series.
func seriesPoints(years []int, series []report.Cell) []chartPoint {
	out := make([]chartPoint, 0, len(years))
	for i, y := range years {
		c := series[i]
		out = append(out, chartPoint{year: y, v: c.V, shown: c.State == report.Shown})
	}
	return out
}

// scale maps values to the plot: y from 0 to a rounded maximum.
type scale struct{ top float64 }

func newScale(points []chartPoint) scale {
	m := 0.0
	for _, p := range points {
		if p.shown {
			m = max(m, p.v)
		}
	}
	if m <= 0 {
		return scale{top: 1}
	}
	step := math.Pow(10, math.Floor(math.Log10(m)))
	return scale{top: math.Ceil(m/step) * step}
}

func (s scale) y(v float64) float64 {
	return chartTop + (chartH-chartTop-chartBottom)*(1-v/s.top)
}

func xAt(i, n int) float64 {
	if n <= 1 {
		return chartLeft
	}
	return chartLeft + float64(i)*(chartW-chartLeft-chartRight)/float64(n-1)
}

// chartFrame opens an SVG with its title, the y axis labels (0 and the
// top) and the first and last year.
func chartFrame(b *strings.Builder, title string, s scale, points []chartPoint, lang i18n.Lang) {
	fmt.Fprintf(b, `<svg xmlns="http://www.w3.org/2000/svg" width="%d" height="%d" viewBox="0 0 %d %d" role="img" aria-label="%s">`,
		chartW, chartH, chartW, chartH, html.EscapeString(title))
	fmt.Fprintf(b, `<title>%s</title>`, html.EscapeString(title))
	fmt.Fprintf(b, `<text x="4" y="14" font-size="12" font-weight="bold" fill="#000">%s</text>`, html.EscapeString(title))
	base := s.y(0)
	fmt.Fprintf(b, `<line x1="%d" y1="%.1f" x2="%d" y2="%.1f" stroke="%s"/>`, chartLeft, base, chartW-chartRight, base, chartMuted)
	fmt.Fprintf(b, `<text x="%d" y="%.1f" font-size="10" text-anchor="end" fill="%s">%s</text>`, chartLeft-4, s.y(s.top)+4, chartMuted, i18n.Number(s.top, lang))
	fmt.Fprintf(b, `<text x="%d" y="%.1f" font-size="10" text-anchor="end" fill="%s">0</text>`, chartLeft-4, base+4, chartMuted)
	if n := len(points); n > 0 {
		fmt.Fprintf(b, `<text x="%.1f" y="%d" font-size="10" text-anchor="start" fill="%s">%d</text>`, xAt(0, n), chartH-8, chartMuted, points[0].year)
		fmt.Fprintf(b, `<text x="%.1f" y="%d" font-size="10" text-anchor="end" fill="%s">%d</text>`, xAt(n-1, n), chartH-8, chartMuted, points[n-1].year)
	}
}

// lineChart draws a series as a line; a series break (a year in breaks)
// ends the line before it and is marked by a dashed red rule with "//",
// and a year without a value leaves a gap.
func lineChart(title string, points []chartPoint, breaks []int, lang i18n.Lang) string {
	var b strings.Builder
	s := newScale(points)
	chartFrame(&b, title, s, points, lang)
	n := len(points)
	var path []string
	flush := func() {
		if len(path) > 1 {
			fmt.Fprintf(&b, `<polyline fill="none" stroke="%s" stroke-width="2" points="%s"/>`, chartInk, strings.Join(path, " "))
		}
		path = nil
	}
	for i, p := range points {
		if slices.Contains(breaks, p.year) && i > 0 {
			flush()
			x := (xAt(i-1, n) + xAt(i, n)) / 2
			fmt.Fprintf(&b, `<line x1="%.1f" y1="%d" x2="%.1f" y2="%.1f" stroke="%s" stroke-dasharray="3 3"/>`, x, chartTop, x, s.y(0), chartBreakCl)
			fmt.Fprintf(&b, `<text x="%.1f" y="%d" font-size="10" text-anchor="middle" fill="%s">//</text>`, x, chartTop+8, chartBreakCl)
		}
		if !p.shown {
			flush()
			continue
		}
		x, y := xAt(i, n), s.y(p.v)
		path = append(path, strconv.FormatFloat(x, 'f', 1, 64)+","+strconv.FormatFloat(y, 'f', 1, 64))
		fmt.Fprintf(&b, `<circle cx="%.1f" cy="%.1f" r="2.5" fill="%s"/>`, x, y, chartInk)
	}
	flush()
	if last := lastShown(points); last >= 0 {
		p := points[last]
		fmt.Fprintf(&b, `<text x="%.1f" y="%.1f" font-size="10" text-anchor="end" fill="#000">%s</text>`,
			xAt(last, n), s.y(p.v)-6, i18n.Number(p.v, lang))
	}
	b.WriteString(`</svg>`)
	return b.String()
}

func lastShown(points []chartPoint) int {
	for i := len(points) - 1; i >= 0; i-- {
		if points[i].shown {
			return i
		}
	}
	return -1
}

// barChart draws one bar per year; a withheld year has no bar and the
// withheld mark.
func barChart(title string, points []chartPoint, lang i18n.Lang) string {
	var b strings.Builder
	s := newScale(points)
	chartFrame(&b, title, s, points, lang)
	n := len(points)
	slot := float64(chartW-chartLeft-chartRight) / float64(max(n, 1))
	for i, p := range points {
		x := chartLeft + float64(i)*slot
		if !p.shown {
			fmt.Fprintf(&b, `<text x="%.1f" y="%.1f" font-size="10" text-anchor="middle" fill="%s">%s</text>`, x+slot/2, s.y(0)-2, chartMuted, WithheldMark)
			continue
		}
		y := s.y(p.v)
		fmt.Fprintf(&b, `<rect x="%.1f" y="%.1f" width="%.1f" height="%.1f" fill="%s"><title>%d: %s</title></rect>`,
			x+slot*0.15, y, slot*0.7, s.y(0)-y, chartInk, p.year, i18n.Number(p.v, lang))
	}
	b.WriteString(`</svg>`)
	return b.String()
}
