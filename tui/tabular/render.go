// Package tabular renders the one table model of package queries/report
// for the screen: the table view (t) as aligned text in blocks that fit
// the width, the caption under every chart (protection, source, legend,
// notes), and the screen's format of a cell. Export (e) and copy (y)
// write the same report.Table with the writers of package queries/export,
// so screen and file show the same cells.
package tabular

import (
	"fmt"
	"strings"

	"charm.land/lipgloss/v2"
	"github.com/charmbracelet/x/ansi"

	"lagebild/internal/i18n"
	"lagebild/queries"
	"lagebild/queries/export"
	"lagebild/queries/report"
	"lagebild/tui/styles"
)

// Format writes a cell for people in the language: withheld as the
// withheld mark, missing as the missing mark, never as 0.
func Format(c report.Cell, lang i18n.Lang) string {
	switch c.State {
	case report.Withheld:
		return styles.MarkWithheld
	case report.Missing:
		return styles.MarkMissing
	}
	switch c.Kind {
	case report.KindChange:
		return i18n.Change(c.V, lang)
	case report.KindPP:
		return i18n.Points(c.V, lang)
	}
	// Every other kind is written exactly as the exports write it.
	return export.FormatCell(c, c.Kind, lang)
}

// Protection is the sentence that says how a table is protected.
func Protection(t *report.Table, lang i18n.Lang) string {
	if !t.Protected {
		return i18n.T(lang, "prot.exact")
	}
	return i18n.F(lang, "prot.protected", t.K)
}

// SourceLine names the table's data source.
func SourceLine(t *report.Table, lang i18n.Lang) string {
	if t.Protected || len(t.Sources) == 0 {
		src := t.Source
		if src == "" || src == "cases" {
			src = i18n.T(lang, "src.cases")
		}
		return i18n.T(lang, "src") + ": " + src
	}
	if len(t.Sources) == 1 {
		return i18n.T(lang, "src") + ": " + t.Sources[0].Title
	}
	return i18n.F(lang, "src.n", len(t.Sources))
}

// Legend returns the legend of the marks used in the table ("" if none).
func Legend(t *report.Table, lang i18n.Lang) string {
	var parts []string
	if t.AnyState(report.Withheld) {
		parts = append(parts, styles.MarkWithheld+" "+i18n.F(lang, "legend.withheld", t.K))
	}
	if t.AnyState(report.Missing) {
		parts = append(parts, styles.MarkMissing+" "+i18n.T(lang, "legend.missing"))
	}
	return strings.Join(parts, "   ")
}

// RenderOptions control the text rendering of a table.
type RenderOptions struct {
	Lang   i18n.Lang
	Styles *styles.Styles
	Width  int
	// AllSources lists every publication (table view); otherwise only
	// their number is said.
	AllSources bool
	// NoTitle leaves out the title line.
	NoTitle bool
	// Compact writes each note in one line (cut with …), for charts.
	Compact bool
	// Sort marks the header of the column the rows are sorted by (the
	// caller sorts them, see Sorted).
	Sort SortKey
	// Search highlights the rows whose label contains it (see Matches);
	// the row at index Current, the current match, stands out (-1: none).
	Search  string
	Current int
}

// Render writes the table as aligned text of at most o.Width columns. Too
// many columns for the width are printed in blocks, each repeating the row
// labels, so that every number stays visible.
func Render(t *report.Table, o RenderOptions) string {
	text, _ := RenderLines(t, o)
	return text
}

// RenderLines is Render that also says on which line (from 0) each row
// first shows, so that a search can scroll to it.
func RenderLines(t *report.Table, o RenderOptions) (text string, rowLine []int) {
	st, lang := o.Styles, o.Lang
	rowLine = make([]int, len(t.Rows))
	lineNo := func(b *strings.Builder) int { return strings.Count(b.String(), "\n") }
	width := max(o.Width, 30)
	var b strings.Builder
	if !o.NoTitle {
		b.WriteString(st.Subtitle.Render(ansi.Truncate(t.FullTitle(), width, "…")) + "\n")
	}
	cols := t.Cols
	hasRowTotals := len(t.RowTotals) > 0
	hasColTotals := len(t.ColTotals) > 0
	total := i18n.T(lang, "total")
	// Column texts.
	ncol := len(cols)
	if hasRowTotals {
		ncol++
	}
	cellText := func(i, j int) string {
		if j == len(cols) {
			return Format(t.RowTotals[i], lang)
		}
		return Format(t.Cells[i][j], lang)
	}
	footText := func(j int) string {
		if j == len(cols) {
			if t.Total != nil {
				return Format(*t.Total, lang)
			}
			return ""
		}
		return Format(t.ColTotals[j], lang)
	}
	header := func(labels []string, j int) string {
		h := total
		if j < len(cols) {
			h = labels[j]
		}
		if o.Sort.Applies(t) && o.Sort.Col == j {
			h += " " + o.Sort.Arrow()
		}
		return h
	}
	colWidth := func(labels []string, j int) int {
		w := report.TextWidth(header(labels, j))
		for i := range t.Rows {
			w = max(w, report.TextWidth(cellText(i, j)))
		}
		if hasColTotals {
			w = max(w, report.TextWidth(footText(j)))
		}
		return w
	}
	labelW := report.TextWidth(t.RowHeader)
	for _, r := range t.Rows {
		labelW = max(labelW, report.TextWidth(r))
	}
	if hasColTotals {
		labelW = max(labelW, report.TextWidth(total))
	}
	natural := labelW
	labelW = min(natural, max(12, width/3))
	widths := func(labels []string) ([]int, int) {
		ws := make([]int, ncol)
		sum := labelW
		for j := range ncol {
			ws[j] = colWidth(labels, j)
			sum += 2 + ws[j]
		}
		return ws, sum
	}
	labels := cols
	ws, sum := widths(labels)
	if sum > width && len(t.ShortCols) == len(cols) {
		labels = t.ShortCols
		ws, sum = widths(labels)
	}
	if sum < width && natural > labelW {
		// Give long row labels the room the columns leave.
		labelW = min(natural, labelW+width-sum)
	}
	// Split columns into blocks that fit.
	var blocks [][2]int
	start, used := 0, labelW
	for j := range ncol {
		if j > start && used+2+ws[j] > width {
			blocks = append(blocks, [2]int{start, j})
			start, used = j, labelW
		}
		used += 2 + ws[j]
	}
	blocks = append(blocks, [2]int{start, ncol})
	pad := report.Pad
	styleCell := func(text string, c report.Cell) string {
		if c.State == report.Withheld {
			return st.Withheld.Render(text)
		}
		return text
	}
	rowLabel := func(text string, i int) string {
		switch {
		case o.Search == "" || !Matches(t.Rows[i], o.Search):
			return text
		case i == o.Current:
			return st.Selected.Render(text)
		}
		return st.Warn.Render(text)
	}
	for bi, blk := range blocks {
		if bi > 0 {
			b.WriteString("\n")
		}
		var line strings.Builder
		line.WriteString(pad(t.RowHeader, labelW, false))
		for j := blk[0]; j < blk[1]; j++ {
			line.WriteString("  " + pad(header(labels, j), ws[j], true))
		}
		b.WriteString(st.TableHeader.Render(line.String()) + "\n")
		rw := labelW
		for j := blk[0]; j < blk[1]; j++ {
			rw += 2 + ws[j]
		}
		if !st.Accessible {
			b.WriteString(st.Rule.Render(strings.Repeat("─", rw)) + "\n")
		}
		for i := range t.Rows {
			if bi == 0 {
				rowLine[i] = lineNo(&b)
			}
			b.WriteString(rowLabel(pad(t.Rows[i], labelW, false), i))
			for j := blk[0]; j < blk[1]; j++ {
				c := t.RowTotals
				var cell report.Cell
				if j == len(cols) {
					cell = c[i]
				} else {
					cell = t.Cells[i][j]
				}
				txt := pad(cellText(i, j), ws[j], true)
				if j == len(cols) {
					b.WriteString("  " + st.TableTotal.Render(styleCell(txt, cell)))
				} else {
					b.WriteString("  " + styleCell(txt, cell))
				}
			}
			b.WriteString("\n")
		}
		if hasColTotals {
			var line strings.Builder
			line.WriteString(pad(total, labelW, false))
			for j := blk[0]; j < blk[1]; j++ {
				line.WriteString("  " + pad(footText(j), ws[j], true))
			}
			b.WriteString(st.TableTotal.Render(line.String()) + "\n")
		}
	}
	for _, l := range Caption(t, o) {
		b.WriteString(l + "\n")
	}
	return strings.TrimRight(b.String(), "\n"), rowLine
}

// Matches reports whether a row label contains the search text, in any
// case.
func Matches(label, search string) bool {
	return search != "" && strings.Contains(strings.ToLower(label), strings.ToLower(search))
}

// Caption returns the lines under a table or chart: protection, source,
// legend and notes, wrapped to the width and styled muted.
func Caption(t *report.Table, o RenderOptions) []string {
	st, lang := o.Styles, o.Lang
	width := max(o.Width, 20)
	var lines []string
	add := func(s string, style lipgloss.Style) {
		for _, l := range strings.Split(lipgloss.Wrap(s, width, " "), "\n") {
			lines = append(lines, style.Render(l))
		}
	}
	if o.AllSources && len(t.Sources) > 1 {
		// the table lists them below: no pointer to the table view
		add(Protection(t, lang)+" · "+i18n.F(lang, "src.list", len(t.Sources)), st.Muted)
		for i, s := range t.Sources {
			add(fmt.Sprintf("[%d] %s", i+1, s.Title), st.Muted)
			lines = append(lines, st.Muted.Render(addressLine(s.Ref, width)))
		}
	} else {
		add(Protection(t, lang)+" · "+SourceLine(t, lang), st.Muted)
		if o.AllSources && len(t.Sources) == 1 {
			lines = append(lines, st.Muted.Render(addressLine(t.Sources[0].Ref, width)))
		}
	}
	if l := Legend(t, lang); l != "" {
		if lipgloss.Width(l) <= width {
			add(l, st.Warn)
		} else {
			for _, part := range strings.Split(l, "   ") {
				add(part, st.Warn)
			}
		}
	}
	if per := export.ProvenanceLines(t, lang); o.AllSources && per != nil {
		// which source and note belongs to which number, instead of the
		// notes by year
		add(i18n.T(lang, "pernumber")+":", st.Muted)
		for _, l := range per {
			add(l, st.Muted)
		}
		return lines
	}
	for _, n := range t.Notes {
		text := i18n.T(lang, "note") + ": " + translateNote(n, lang)
		if o.Compact && ansi.StringWidth(text) > width {
			// the table view (t) shows the whole note: say so where it is cut
			more := " " + i18n.T(lang, "note.more")
			lines = append(lines, st.Muted.Render(ansi.Truncate(text, max(width-ansi.StringWidth(more), 1), "…")+more))
			continue
		}
		add(text, st.Muted)
	}
	return lines
}

// addressLine is a publication's address on a line of its own, never
// broken inside (a broken URL neither reads nor opens); one wider than the
// width is cut with …, and the exports (e, y) carry it whole.
func addressLine(ref string, width int) string {
	return "  " + ansi.Truncate(ref, max(width-2, 1), "…")
}

// translateNote translates the notes the queries package attaches: the
// margins note in the TUI's words, any other as the exports translate it
// (the phenomenon code of "YEAR CODE: note" lines of public figures).
func translateNote(n string, lang i18n.Lang) string {
	if n == queries.NoteMarginsProtected {
		return i18n.T(lang, "note.margins")
	}
	return export.NoteText(n, lang)
}
