package charts

import (
	"fmt"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"github.com/charmbracelet/x/ansi"

	"lagebild/queries"
	"lagebild/queries/report"
	"lagebild/tui/styles"
)

func shareCells(vs ...float64) []report.Cell {
	var out []report.Cell
	for _, v := range vs {
		out = append(out, report.Value(v, queries.KindShare))
	}
	return out
}

// axisLabels returns the y-axis labels of a plain line chart.
func axisLabels(plain string) []string {
	var out []string
	for _, l := range strings.Split(plain, "\n") {
		if i := strings.IndexAny(l, "┤┼"); i > 0 {
			out = append(out, strings.TrimSpace(l[:i]))
		}
	}
	return out
}

// Count axes tick in whole numbers at every height and range.
func TestLineCountAxisIsWhole(t *testing.T) {
	for _, vs := range [][]float64{{1, 9, 4, 7, 2}, {0, 3, 1, 2, 1}, {5, 5, 5, 5, 5}, {120, 359, 200, 310, 290}, {0, 0, 0, 1, 0}} {
		for h := 4; h <= 16; h++ {
			out := ansi.Strip(Line([]LineSeries{{Name: "A", Cells: cells(vs...)}},
				LineOpts{Opts: Opts{Width: 60, Height: h, Styles: themes()[2], Lang: "en"}, XLabels: years, FromZero: true, K: 5}))
			labels := axisLabels(out)
			if len(labels) < 2 {
				t.Fatalf("%v h=%d: no axis:\n%s", vs, h, out)
			}
			for _, l := range labels {
				if _, err := strconv.Atoi(strings.ReplaceAll(l, ",", "")); err != nil {
					t.Errorf("%v h=%d: tick %q is not a whole number:\n%s", vs, h, l, out)
				}
			}
			if len(labels)-1 > max(h-2, 3)-1 {
				t.Errorf("%v h=%d: %d rows, more than the height allows", vs, h, len(labels))
			}
		}
	}
}

// Shares near 90 % (not from zero) land on different rows, the axis has
// round ticks with "%" from a rounded minimum, and the chart says that
// the axis does not start at 0.
func TestLineSharesShowVariation(t *testing.T) {
	vals := []float64{0.83, 0.92, 0.87, 0.89, 0.85}
	out := ansi.Strip(Line([]LineSeries{{Name: "share", Cells: shareCells(vals...)}},
		LineOpts{Opts: Opts{Width: 60, Height: 12, Styles: themes()[2], Lang: "en"}, XLabels: years, K: 5, NoLegend: true,
			YFormat: func(v float64) string { return fmt.Sprintf("%.1f %%", v*100) }}))
	labels := axisLabels(out)
	rowsWithLine := 0
	for _, l := range strings.Split(out, "\n") {
		if i := strings.IndexAny(l, "┤┼"); i > 0 && strings.ContainsAny(l[i+3:], "─╭╮╯╰●") {
			rowsWithLine++
		}
	}
	if rowsWithLine < 4 {
		t.Errorf("83–92 %% drawn on %d rows, want ≥ 4:\n%s", rowsWithLine, out)
	}
	bottom := labels[len(labels)-1]
	if !strings.HasSuffix(bottom, "%") || bottom == "0.0 %" {
		t.Errorf("bottom tick %q: want a rounded minimum in %%:\n%s", bottom, out)
	}
	if !strings.Contains(out, "axis starts at "+bottom+", not at 0") {
		t.Errorf("no note that the axis does not start at 0:\n%s", out)
	}
}

// A percent series carries "%" on its axis (Unit).
func TestLinePercentAxis(t *testing.T) {
	out := ansi.Strip(Line([]LineSeries{{Name: "A", Cells: cells(20, 35, 50, 45, 30)}},
		LineOpts{Opts: Opts{Width: 60, Height: 8, Styles: themes()[2], Lang: "en"}, XLabels: years, FromZero: true, Unit: "%"}))
	for _, l := range axisLabels(out) {
		if !strings.HasSuffix(l, " %") {
			t.Errorf("tick %q lacks %%:\n%s", l, out)
		}
	}
}

// A one-year series is a point in the middle, not a line over the width;
// so is a value whose neighbours are withheld.
func TestLineOnePointIsAPoint(t *testing.T) {
	for _, st := range themes() {
		for _, tc := range []struct {
			vals   []float64
			labels []string
		}{{[]float64{35}, []string{"2025"}}, {[]float64{-1, -1, 12, -1, -1}, years}} {
			out := ansi.Strip(Line([]LineSeries{{Name: "A", Cells: cells(tc.vals...)}},
				LineOpts{Opts: Opts{Width: 60, Height: 8, Styles: st, Lang: "en"}, XLabels: tc.labels, FromZero: true, K: 5}))
			point := pointMark(st, 0)
			var plot []string
			for _, l := range strings.Split(out, "\n") {
				if strings.ContainsAny(l, "┤┼") {
					plot = append(plot, l)
				}
			}
			if p := strings.Join(plot, "\n"); strings.Count(p, point) != 1 || strings.Contains(p, "──") {
				t.Errorf("%v: want one point %q and no line:\n%s", tc.vals, point, out)
			}
		}
	}
}

// The latest year's label is on the axis at every width and number of
// years (a filter narrows the years).
func TestLineLastYearLabel(t *testing.T) {
	all := []string{"2014", "2015", "2016", "2017", "2018", "2019", "2020", "2021", "2022", "2023", "2024", "2025"}
	for n := 1; n <= len(all); n++ {
		labels := all[len(all)-n:]
		vals := make([]float64, n)
		for i := range vals {
			vals[i] = float64(10 + i%3)
		}
		for w := 20; w <= 140; w++ {
			out := ansi.Strip(Line([]LineSeries{{Name: "A", Cells: cells(vals...)}},
				LineOpts{Opts: Opts{Width: w, Height: 8, Styles: themes()[0], Lang: "en"}, XLabels: labels, FromZero: true}))
			lines := strings.Split(out, "\n")
			xaxis := lines[len(lines)-2]
			if !strings.Contains(xaxis, "2025") {
				t.Fatalf("%d years at width %d: no 2025 on the x axis %q:\n%s", n, w, xaxis, out)
			}
			for _, l := range lines {
				if ansi.StringWidth(l) > w {
					t.Fatalf("%d years at width %d: line wider than the chart: %q", n, w, l)
				}
			}
		}
	}
}

var sgrColour = regexp.MustCompile(`\x1b\[([0-9;]*)m`)

// The legend's swatch of each series is written with the same colour
// code as its line, in the raw ANSI output, in both colour themes.
func TestLineLegendColourIsLineColour(t *testing.T) {
	for _, st := range themes()[:2] {
		series := []LineSeries{
			{Name: "Islamist", Cells: cells(10, 20, 30, 20, 10), Index: 1},
			{Name: "Mixed", Cells: cells(40, 30, 20, 30, 40), Index: 5},
		}
		out := Line(series, LineOpts{Opts: Opts{Width: 60, Height: 8, Styles: st, Lang: "en"}, XLabels: years, FromZero: true})
		lines := strings.Split(out, "\n")
		legend := lines[len(lines)-1]
		plot := strings.Join(lines[:len(lines)-2], "\n")
		for _, s := range series {
			want := fmt.Sprintf("38;5;%d", st.SeriesANSIColor(s.Index))
			i := strings.Index(legend, "── "+s.Name)
			if i < 0 {
				i = strings.Index(legend, "──\x1b[m "+s.Name)
			}
			if i < 0 {
				t.Fatalf("no legend entry for %s: %q", s.Name, legend)
			}
			codes := sgrColour.FindAllStringSubmatch(legend[:i], -1)
			if len(codes) == 0 || !strings.Contains(codes[len(codes)-1][1], want) {
				t.Errorf("dark=%v %s: legend swatch %q, want colour %s", st.Dark, s.Name, codes, want)
			}
			if !strings.Contains(plot, "\x1b["+want+"m") {
				t.Errorf("dark=%v %s: the line is not drawn in %s:\n%q", st.Dark, s.Name, want, plot)
			}
		}
	}
}

// Withheld marks under a chart of several lines say which series they
// belong to: one row per series, named, and the note names them.
func TestLineWithheldSaysWhichSeries(t *testing.T) {
	for _, st := range themes() {
		series := []LineSeries{
			{Name: "Right-wing", Cells: cells(30, 40, 50, 60, 70), Index: 0},
			{Name: "Reichsb.", Cells: cells(-1, 6, -1, 8, 9), Index: 4},
			{Name: "Mixed", Cells: cells(7, 8, 9, -1, 10), Index: 5},
		}
		out := ansi.Strip(Line(series, LineOpts{Opts: Opts{Width: 70, Height: 8, Styles: st, Lang: "en"}, XLabels: years, FromZero: true, K: 5}))
		var rows []string
		for _, l := range strings.Split(out, "\n") {
			if strings.HasPrefix(strings.TrimSpace(l), styles.MarkWithheld) && !strings.Contains(l, "withheld") {
				rows = append(rows, l)
			}
		}
		if len(rows) != 2 || strings.Count(rows[0], styles.MarkWithheld) != 2 || !strings.Contains(rows[0], "Reichsb.") ||
			strings.Count(rows[1], styles.MarkWithheld) != 1 || !strings.Contains(rows[1], "Mixed") {
			t.Errorf("want a named row of marks for Reichsb. (2) and Mixed (1), got %q:\n%s", rows, out)
		}
		if !strings.Contains(out, "value withheld (k = 5) in: Reichsb., Mixed") {
			t.Errorf("the note does not name the series:\n%s", out)
		}
	}
}
