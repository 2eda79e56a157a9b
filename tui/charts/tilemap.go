package charts

import (
	"math"
	"slices"
	"strings"

	"charm.land/lipgloss/v2"
	"github.com/charmbracelet/x/ansi"

	"lagebild/queries/report"
	"lagebild/tui/styles"
)

// Tile is one area of a tile map: a short code and the figure it is
// shaded by, with the figure as written in the tile.
type Tile struct {
	Code string // the tile's label, e.g. "BY"
	Cell report.Cell
	Text string // the figure as the tile writes it
}

// TileMap draws areas as tiles on a grid that approximates their
// geography: grid holds per line the keys of tiles ("" an empty place),
// each tile tw cells wide and two lines high (its code, then its figure),
// filled with the shade of its figure's class (thresholds ascending, as
// HeatStrip and HeatLegend). The shades are glyphs of rising density, so
// the map reads without colour; a withheld figure shows the withheld mark
// on an unshaded tile, never a class, and a missing one the missing mark.
func TileMap(grid [][]string, tiles map[string]Tile, thresholds []float64, tw int, st *styles.Styles) string {
	shades := heatShades(st)
	var lines []string
	for _, row := range grid {
		var top, bottom []string
		for _, key := range row {
			t, ok := tiles[key]
			if key == "" || !ok {
				top, bottom = append(top, strings.Repeat(" ", tw)), append(bottom, strings.Repeat(" ", tw))
				continue
			}
			fill, text := " ", t.Text
			switch t.Cell.State {
			case report.Withheld:
				text = st.Withheld.Render(styles.MarkWithheld)
			case report.Missing:
				text = st.Muted.Render(styles.MarkMissing)
			default:
				fill = shades[min(classOf(t.Cell.V, thresholds), len(shades)-1)]
			}
			top = append(top, tileLine(st.Bold.Render(t.Code), fill, tw, st))
			bottom = append(bottom, tileLine(text, fill, tw, st))
		}
		lines = append(lines, strings.TrimRight(strings.Join(top, " "), " "), strings.TrimRight(strings.Join(bottom, " "), " "))
	}
	return strings.Join(lines, "\n")
}

// tileLine centres text in a line of tw cells filled with the shade,
// with a space either side of the text so that it stays legible; a text
// of tw-1 or tw cells fills the line unshaded.
func tileLine(text, fill string, tw int, st *styles.Styles) string {
	if lipgloss.Width(text) > tw-2 && lipgloss.Width(text) <= tw {
		// a figure as wide as the tile ("100.0 %") is written whole,
		// without its spaces, rather than cut
		return text + strings.Repeat(" ", tw-lipgloss.Width(text))
	}
	text = ansi.Truncate(text, max(1, tw-2), "…")
	w := lipgloss.Width(text) + 2
	left := max(0, (tw-w)/2)
	right := max(0, tw-w-left)
	shade := func(n int) string { return st.SeriesStyle(0).Render(strings.Repeat(fill, n)) }
	return shade(left) + " " + text + " " + shade(right)
}

// classOf is the class of v among ascending thresholds: the number of
// thresholds at or below v.
func classOf(v float64, thresholds []float64) int {
	i := 0
	for i < len(thresholds) && v >= thresholds[i] {
		i++
	}
	return i
}

// ClassBounds returns the thresholds that part the shown values of cells
// into classes of about equal size (quantiles), ascending and distinct;
// whole numbers when whole is set (counts). Fewer distinct values give
// fewer thresholds.
func ClassBounds(cells []report.Cell, classes int, whole bool) []float64 {
	var vs []float64
	for _, c := range cells {
		if v, ok := c.Float(); ok {
			vs = append(vs, v)
		}
	}
	if len(vs) < 2 || classes < 2 {
		return nil
	}
	slices.Sort(vs)
	var out []float64
	for i := 1; i < classes; i++ {
		q := vs[int(math.Round(float64(i)*float64(len(vs)-1)/float64(classes)))]
		if whole {
			q = math.Round(q)
		}
		if q > vs[0] && (len(out) == 0 || q > out[len(out)-1]) {
			out = append(out, q)
		}
	}
	return out
}

// TileLegend is the legend of a tile map's classes (thresholds as
// TileMap). Classes of counts (whole) name their last value, so that no
// bound is in two classes ("99–166  167–235", not "99–167  167–236");
// classes of shares read from their lower bound up to below the next.
func TileLegend(thresholds []float64, whole bool, format func(float64) string, st *styles.Styles) string {
	return classLegend(thresholds, whole, format, st)
}
