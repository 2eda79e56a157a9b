// Package views holds the TUI's tabs, one file each, behind one small
// interface (View) and listed once (Registry): a view loads its data
// through Source (tables made by package queries, built once as
// report.Table) and is a dumb component when it draws: given its data, the
// shared context, its small UI state and a size, it returns a string.
// Caching, keys and the layout of the whole screen are the root model's
// business; what only some views do (a selection, a briefing export, a
// model of their own like the SQL console) are small extra interfaces the
// root asks for.
package views

import (
	"strings"

	"lagebild/datasets/schema"

	"charm.land/lipgloss/v2"
	"github.com/charmbracelet/x/ansi"

	"lagebild/internal/i18n"
	"lagebild/queries"
	"lagebild/queries/report"
	"lagebild/tui/blocks"
	"lagebild/tui/charts"
	"lagebild/tui/common"
	"lagebild/tui/styles"
	"lagebild/tui/tabular"
)

// RenderTables draws the view's tables one under the other: the table
// view (t) and the accessible mode.
func RenderTables(c *common.Context, tabs []report.Table, w int) string {
	var parts []string
	for i := range tabs {
		parts = append(parts, tabular.Render(&tabs[i], tabular.RenderOptions{
			Lang: c.Lang, Styles: c.Styles, Width: w, AllSources: true}))
	}
	return strings.Join(parts, "\n\n")
}

// section writes a titled block: title, body, caption lines.
func section(c *common.Context, title, body string, caption []string, w int) string {
	var b strings.Builder
	b.WriteString(c.Styles.Title.Render(ansi.Truncate(title, w, "…")))
	b.WriteString("\n")
	b.WriteString(body)
	for _, l := range caption {
		b.WriteString("\n" + l)
	}
	return b.String()
}

// caption is the compact caption of a chart: protection, source, legend,
// notes (one line each).
func caption(c *common.Context, t *report.Table, w int) []string {
	return tabular.Caption(t, tabular.RenderOptions{Lang: c.Lang, Styles: c.Styles, Width: w, Compact: true})
}

// columns joins blocks side by side, each padded to its width.
func columns(widths []int, gap int, bs ...string) string {
	var cols []string
	var ws []int
	for i, b := range bs {
		cols = append(cols, lipgloss.NewStyle().Width(widths[i]).MaxWidth(widths[i]).Render(b))
		ws = append(ws, widths[i])
		if i < len(bs)-1 && gap > 0 {
			cols = append(cols, strings.Repeat(" ", gap))
			ws = append(ws, gap)
		}
	}
	return blocks.Beside(ws, cols...)
}

// stack joins blocks vertically with a blank line between them.
func stack(blocks ...string) string {
	var nonEmpty []string
	for _, b := range blocks {
		if b != "" {
			nonEmpty = append(nonEmpty, b)
		}
	}
	return strings.Join(nonEmpty, "\n\n")
}

// opts returns chart options for a width.
func opts(c *common.Context, w, h int) charts.Opts {
	return charts.Opts{Width: w, Height: h, Styles: c.Styles, Lang: c.Lang}
}

// colLabel and friends translate codes for table conversion.
func colLabel(lang i18n.Lang) report.Labeler {
	return func(code string) string { return schema.Label(code, lang) }
}

func shortLabel(lang i18n.Lang) report.Labeler {
	return func(code string) string { return schema.Short(code, lang) }
}

func ident(code string) string { return code }

// FromQuery converts a protected query table with labels in the language.
func FromQuery(t *queries.Table, lang i18n.Lang, title, rowHeader string) report.Table {
	return report.FromTable(t, title, rowHeader, func(code string) string {
		if strings.Contains(code, ":") {
			d, v, _ := strings.Cut(code, ":")
			return capitalise(schema.Label(d, lang)) + ": " + schema.Label(v, lang)
		}
		return schema.Label(code, lang)
	}, colLabel(lang), shortLabel(lang))
}

// derivedNoteKeys are the i18n keys of the notes package queries puts on
// its derived tables.
var derivedNoteKeys = map[string]string{
	queries.NoteSharesProtected:       "note.share.protected",
	queries.NoteMinorsExcluded:        "note.minors.excluded",
	queries.NoteViolenceOrientedShare: "note.violence.share",
}

// derivedTab converts a derived table of package queries (a few measures
// as columns) with the columns' labels and its notes in the language.
func derivedTab(t *queries.Table, lang i18n.Lang, title, rowHeader string, cols []string) report.Table {
	tab := report.FromTable(t, title, rowHeader, ident, nil, nil)
	tab.Cols = cols
	tab.Notes = translatedNotes(t.Notes(), lang)
	return tab
}

// translatedNotes returns notes with those of the derived tables in the
// language (a new slice: the table's own stays as it is).
func translatedNotes(notes []string, lang i18n.Lang) []string {
	out := make([]string, len(notes))
	for i, n := range notes {
		out[i] = n
		if key, ok := derivedNoteKeys[n]; ok {
			out[i] = i18n.T(lang, key)
		}
	}
	return out
}

// lineSeries returns the columns of a table as line series.
func lineSeries(t *report.Table, names []string) []charts.LineSeries {
	var out []charts.LineSeries
	for j := range t.ColCodes {
		out = append(out, charts.LineSeries{Name: names[j], Cells: t.Col(j), Index: paletteIndex(t.ColCodes[j], j), Breaks: seriesBreaks(t, j)})
	}
	return out
}

// phenomenonPalette gives every phenomenon one colour, pattern and marker
// in every chart, whether the table comes from case data or from the
// public figures (whose column orders differ).
var phenomenonPalette = map[string]int{
	"right_wing": 0, "islamist": 1, "left_wing": 2, "foreign_ideology": 3, "reichsbuerger": 4,
	"mixed_unclear": 5, "religious_ideology": 6, "other": 7, "total": 7,
}

// paletteIndex is the series index of a column code (phenomena fixed,
// anything else by position).
func paletteIndex(code string, j int) int {
	if i, ok := phenomenonPalette[code]; ok {
		return i
	}
	return j
}

// capitalise upper-cases the first letter.
func capitalise(s string) string {
	for i, r := range s {
		return strings.ToUpper(string(r)) + s[i+len(string(r)):]
	}
	return s
}

// wide reports whether side-by-side panels fit in w×h.
func wide(c *common.Context, w, h int) bool { return w >= 120 && h >= 30 && !c.Accessible() }

// sharesLine says the shares of row i of a stacked chart in words: each
// part's share as package queries made it (queries.PartShares: of the
// shown parts, withheld below the minimum base); withheld shares are named
// as withheld, never given a number. A row without any share has no line.
func sharesLine(c *common.Context, shares *report.Table, i int, w int) string {
	if i >= len(shares.Cells) {
		return ""
	}
	var parts []string
	for j, cell := range shares.Cells[i] {
		label := shares.Cols[j]
		if len(shares.ShortCols) == len(shares.Cols) {
			label = shares.ShortCols[j]
		}
		switch cell.State {
		case report.Shown:
			parts = append(parts, label+" "+i18n.Percent(cell.V, c.Lang))
		case report.Withheld:
			parts = append(parts, label+" "+styles.MarkWithheld)
		}
	}
	if len(parts) == 0 {
		return ""
	}
	parts[0] = shares.Rows[i] + ": " + parts[0]
	return c.Styles.Muted.Render(strings.Join(tabular.WrapItems(parts, " · ", w), "\n"))
}

// stacked100ByYear draws a table of counts by year and category as 100 %
// stacked bars with each year's total, a legend, the latest year's shares
// (shares: queries.PartShares of the same table) and the caption (with the
// withheld note when a part is withheld).
func stacked100ByYear(c *common.Context, t, shares *report.Table, titleKey string, w int) string {
	var rows []charts.StackRow
	suffixW := 0
	for i := range t.Rows {
		suffix := "n=" + tabular.Format(t.RowTotals[i], c.Lang)
		suffixW = max(suffixW, len([]rune(suffix)))
		rows = append(rows, charts.StackRow{Label: t.Rows[i], Parts: t.Cells[i], Suffix: suffix})
	}
	var items []charts.LegendItem
	for j := range t.ColCodes {
		items = append(items, charts.LegendItem{Label: t.ShortCols[j], Index: j})
	}
	o := opts(c, w, 0)
	o.LabelWidth = 4
	body := charts.Stacked100(rows, suffixW, o) + "\n" + charts.Legend(items, false, o)
	if n := len(t.Rows); n > 0 {
		if l := sharesLine(c, shares, n-1, w); l != "" {
			body += "\n" + l
		}
	}
	cap := caption(c, t, w)
	if t.AnyState(report.Withheld) {
		cap = append([]string{c.Styles.Warn.Render(i18n.F(c.Lang, "chart.stack.withheld", t.K))}, cap...)
	}
	return section(c, i18n.T(c.Lang, titleKey), body, cap, w)
}
