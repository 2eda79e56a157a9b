package charts

import (
	"strings"
	"testing"

	"github.com/charmbracelet/x/ansi"

	"lagebild/queries"
	"lagebild/queries/report"
	"lagebild/tui/styles"
)

func cells(vs ...float64) []report.Cell {
	var out []report.Cell
	for _, v := range vs {
		switch {
		case v == -1:
			out = append(out, report.WithheldCell(queries.KindCount))
		case v == -2:
			out = append(out, report.Cell{Kind: queries.KindCount})
		default:
			out = append(out, report.Value(v, queries.KindCount))
		}
	}
	return out
}

var years = []string{"2019", "2020", "2021", "2022", "2023"}

func themes() []*styles.Styles {
	return []*styles.Styles{
		styles.New(styles.Theme{Dark: true}),
		styles.New(styles.Theme{Dark: false}),
		styles.New(styles.Theme{Mono: true}),
		styles.New(styles.Theme{Mono: true, Accessible: true}),
	}
}

// A withheld value is a gap plus a mark, never a point at 0.
func TestLineWithheldIsGapNotZero(t *testing.T) {
	for _, st := range themes() {
		out := ansi.Strip(Line([]LineSeries{{Name: "A", Cells: cells(10, 20, -1, 40, 50)}},
			LineOpts{Opts: Opts{Width: 50, Height: 8, Styles: st, Lang: "en"}, XLabels: years, FromZero: true, K: 5}))
		lines := strings.Split(out, "\n")
		zero := ""
		for _, l := range lines {
			if strings.HasPrefix(strings.TrimSpace(l), "0┤") || strings.HasPrefix(strings.TrimSpace(l), "0┼") {
				zero = l
			}
		}
		if zero == "" {
			t.Fatalf("no zero line:\n%s", out)
		}
		if strings.ContainsAny(zero[strings.IndexAny(zero, "┤┼")+3:], "─╭╮╯╰●a") {
			t.Errorf("something is drawn at zero:\n%s", out)
		}
		if !strings.Contains(out, styles.MarkWithheld) || !strings.Contains(out, "never drawn as 0") {
			t.Errorf("no withheld mark or legend:\n%s", out)
		}
	}
}

func TestStackedWithheldPartIsMarked(t *testing.T) {
	for _, st := range themes() {
		rows := []StackRow{
			{Label: "2020", Parts: cells(10, 30, 60), Suffix: "n=100"},
			{Label: "2021", Parts: cells(10, -1, 60), Suffix: "n=73"},
			{Label: "2022", Parts: cells(-2, -2, -2), Suffix: "n=0"},
		}
		out := Stacked100(rows, 5, Opts{Width: 40, Styles: st, Lang: "en"})
		lines := strings.Split(ansi.Strip(out), "\n")
		if len(lines) != 3 {
			t.Fatalf("want 3 bars:\n%s", out)
		}
		for _, l := range lines {
			if w := ansi.StringWidth(l); w != 40 {
				t.Errorf("bar line is %d wide, want 40: %q", w, l)
			}
		}
		if strings.Contains(lines[0], styles.MarkWithheld) || !strings.Contains(lines[1], styles.MarkWithheld+"1") {
			t.Errorf("withheld mark wrong:\n%s", strings.Join(lines, "\n"))
		}
	}
}

func TestApportionFillsBar(t *testing.T) {
	for _, tc := range [][]float64{{0.1, 0.3, 0.6}, {1.0 / 3, 1.0 / 3, 1.0 / 3}, {0.999, 0.001}, {0, 1}} {
		got := apportion(tc, 17)
		sum := 0
		for _, g := range got {
			sum += g
		}
		if sum != 17 {
			t.Errorf("apportion(%v) = %v, sum %d", tc, got, sum)
		}
	}
}

func TestBarsWithheld(t *testing.T) {
	st := styles.New(styles.Theme{Mono: true})
	bars := []Bar{{Label: "a", Cell: cells(10)[0]}, {Label: "b", Cell: cells(-1)[0]}, {Label: "c", Cell: cells(-2)[0]}}
	out := ansi.Strip(HBars(bars, 6, Opts{Width: 30, Styles: st, Lang: "en"}))
	lines := strings.Split(out, "\n")
	if !strings.Contains(lines[1], styles.MarkWithheld) || strings.Contains(lines[1], "█") {
		t.Errorf("withheld bar: %q", lines[1])
	}
	if !strings.Contains(lines[2], styles.MarkMissing) {
		t.Errorf("missing bar: %q", lines[2])
	}
	pyr := ansi.Strip(Pyramid([]PyramidRow{{Label: "x", Left: cells(-1)[0], Right: cells(5)[0]}}, "f", "m", Opts{Width: 40, Styles: st, Lang: "en"}))
	if !strings.Contains(pyr, styles.MarkWithheld) {
		t.Errorf("pyramid lacks the withheld mark:\n%s", pyr)
	}
}

func TestSparkline(t *testing.T) {
	st := styles.New(styles.Theme{Mono: true})
	got := ansi.Strip(Sparkline(cells(1, 2, -1, -2, 8), st))
	if got != "▂▃"+styles.MarkWithheld+" █" { // counts from 0
		t.Errorf("Sparkline = %q", got)
	}
}

// A line whose only shown values have withheld neighbours (a narrow
// filter) is drawn without panicking at any width: asciigraph stretches
// the points over the width and may hit none of them.
func TestLineIsolatedPoints(t *testing.T) {
	labels := []string{"2018", "2019", "2020", "2021", "2022", "2023", "2024", "2025"}
	for _, vs := range [][]float64{
		{-1, 7, -1, -1, -1, -1, -1, -1},
		{-1, 7, -1, -1, 12, -1, -1, -1},
		{-1, -1, -1, -1, -1, -1, 0.4, -2},
	} {
		for _, fromZero := range []bool{false, true} {
			for w := 20; w <= 120; w++ {
				out := Line([]LineSeries{{Name: "A", Cells: cells(vs...)}},
					LineOpts{Opts: Opts{Width: w, Height: 8, Styles: themes()[0], Lang: "en"}, XLabels: labels, FromZero: fromZero, K: 5})
				if out == "" {
					t.Fatalf("%v at width %d: empty chart", vs, w)
				}
			}
		}
	}
}

// Sparklines scale counts from 0 (a constant 0 is the lowest block) and
// shares over at least minShareSpan, so that a swing of 0.2 points does
// not fill the height.
func TestSparklineBaseline(t *testing.T) {
	st := styles.New(styles.Theme{Mono: true})
	if got := Sparkline(cells(0, 0, 0, 0), st); got != "▁▁▁▁" {
		t.Errorf("constant 0 = %q, want the lowest blocks", got)
	}
	if got := Sparkline(cells(100, 101, 102), st); got != "███" {
		t.Errorf("counts 100–102 = %q, want them near the top (from 0)", got)
	}
	got := []rune(Sparkline(shareCells(0.041, 0.043, 0.039, 0.041), st))
	lo, hi := got[0], got[0]
	for _, r := range got {
		lo, hi = min(lo, r), max(hi, r)
	}
	if hi-lo > 1 {
		t.Errorf("shares 3.9–4.3 %% = %q, want at most one block apart", string(got))
	}
	if got := []rune(Sparkline(shareCells(0.2, 0.5, 0.8), st)); got[0] != '▁' || got[2] != '█' {
		t.Errorf("shares 20–80 %% = %q, want the full height", string(got))
	}
}
