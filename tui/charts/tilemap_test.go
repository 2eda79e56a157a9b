package charts

import (
	"strconv"
	"strings"
	"testing"

	"github.com/charmbracelet/x/ansi"

	"lagebild/queries"
	"lagebild/queries/report"
	"lagebild/tui/styles"
)

// A tile map shades each shown figure by its class, writes its code and
// figure, and leaves a withheld tile unshaded with the withheld mark, in
// every theme (the shades are glyphs, so they read without colour).
func TestTileMapShadesAndWithholds(t *testing.T) {
	grid := [][]string{{"a", "", "b"}, {"c"}}
	tiles := map[string]Tile{
		"a": {Code: "AA", Cell: report.Value(10, queries.KindCount), Text: "10"},
		"b": {Code: "BB", Cell: report.Value(99, queries.KindCount), Text: "99"},
		"c": {Code: "CC", Cell: report.WithheldCell(queries.KindCount)},
	}
	for _, st := range themes() {
		out := ansi.Strip(TileMap(grid, tiles, []float64{50}, 8, st))
		lines := strings.Split(out, "\n")
		if len(lines) != 4 {
			t.Fatalf("%d lines, want two per grid row:\n%s", len(lines), out)
		}
		shades := heatShades(st)
		if !strings.Contains(lines[0], shades[0]+" AA "+shades[0]) || !strings.Contains(lines[0], shades[1]+" BB "+shades[1]) {
			t.Errorf("codes not on their class's shade:\n%s", out)
		}
		if !strings.Contains(lines[1], " 10 ") || !strings.Contains(lines[1], " 99 ") {
			t.Errorf("figures missing:\n%s", out)
		}
		if !strings.Contains(lines[3], styles.MarkWithheld) || strings.ContainsAny(lines[2]+lines[3], shades[0]+shades[1]) {
			t.Errorf("withheld tile shaded or unmarked:\n%s", out)
		}
	}
}

// Class bounds are quantiles of the shown values, ascending and distinct;
// withheld values take no part.
func TestClassBounds(t *testing.T) {
	var cells []report.Cell
	for v := 1; v <= 9; v++ {
		cells = append(cells, report.Value(float64(v), queries.KindCount))
	}
	cells = append(cells, report.WithheldCell(queries.KindCount))
	got := ClassBounds(cells, 4, true)
	want := []float64{3, 5, 7}
	if len(got) != len(want) {
		t.Fatalf("bounds %v, want %v", got, want)
	}
	for i := range want {
		if got[i] != want[i] {
			t.Fatalf("bounds %v, want %v", got, want)
		}
	}
	if b := ClassBounds([]report.Cell{report.Value(4, queries.KindCount), report.Value(4, queries.KindCount)}, 4, true); len(b) != 0 {
		t.Errorf("equal values give bounds %v", b)
	}
}

// The legend of count classes names each class's first and last value,
// so every whole number is in the one class TileMap shades it by: no
// bound in two classes, a class of one value written once.
func TestTileLegendCountsDoNotOverlap(t *testing.T) {
	thresholds := []float64{3, 5, 6}
	st := themes()[0]
	legend := ansi.Strip(TileLegend(thresholds, true, func(v float64) string { return strconv.Itoa(int(v)) }, st))
	parts := strings.Split(legend, "  ")
	if len(parts) != len(thresholds)+1 {
		t.Fatalf("legend %q: %d classes, want %d", legend, len(parts), len(thresholds)+1)
	}
	for class, p := range parts {
		_, r, _ := strings.Cut(p, " ")
		lo, hi := 0, 99
		switch {
		case strings.HasPrefix(r, "< "):
			hi, _ = strconv.Atoi(r[2:])
			hi--
		case strings.HasPrefix(r, "≥ "):
			lo, _ = strconv.Atoi(strings.TrimPrefix(r, "≥ "))
		default:
			a, b, found := strings.Cut(r, "–")
			lo, _ = strconv.Atoi(a)
			hi = lo
			if found {
				hi, _ = strconv.Atoi(b)
			}
		}
		for v := lo; v <= hi; v++ {
			if got := classOf(float64(v), thresholds); got != class {
				t.Errorf("legend %q puts %d in class %d, the map in %d", legend, v, class, got)
			}
		}
	}
}

// A figure as wide as the tile is written whole, not cut with "…".
func TestTileMapWritesAFullWidthFigureWhole(t *testing.T) {
	tiles := map[string]Tile{"a": {Code: "AA", Cell: report.Value(1, queries.KindShare), Text: "100.0 %"}}
	for _, st := range themes() {
		out := ansi.Strip(TileMap([][]string{{"a"}}, tiles, nil, 8, st))
		if !strings.Contains(out, "100.0 %") || strings.Contains(out, "…") {
			t.Errorf("figure cut:\n%s", out)
		}
	}
}
