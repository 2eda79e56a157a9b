package export

import (
	"fmt"
	"io"
	"strconv"
	"strings"

	"lagebild/datasets/figures"
	"lagebild/internal/i18n"
	"lagebild/queries"
	"lagebild/queries/report"
)

// WithheldMark stands for a withheld value in Markdown and text; its
// legend is Legend.
const WithheldMark = "•"

// NoDataMark stands for a value without data.
const NoDataMark = "–"

// Legend explains the withheld mark for threshold k.
func Legend(k int, lang i18n.Lang) string {
	return WithheldMark + " " + T(lang, "legend", k)
}

// Protection states how a table was protected, e.g. "protected (cell key
// method, k = 5)", or that public figures are exact.
func Protection(t *report.Table, lang i18n.Lang) string {
	if t.Protected {
		return T(lang, "protected", t.K)
	}
	return T(lang, "exact")
}

// FormatCell writes a published value for people: counts with thousands
// separators, shares as percentages, rates with their 95 % interval
// ("12.5 % (9.1–16.8)"), years as they are, the withheld mark or the
// no-data mark.
func FormatCell(c report.Cell, kind queries.Kind, lang i18n.Lang) string {
	switch c.State {
	case report.Withheld:
		return WithheldMark
	case report.Missing:
		return NoDataMark
	}
	switch kind {
	case queries.KindCount:
		return i18n.Float(c.V, 0, lang)
	case queries.KindShare:
		return i18n.Percent(c.V, lang)
	case queries.KindRate:
		s := i18n.Percent(c.V, lang)
		if c.HasCI {
			s += " (" + i18n.Float(c.Lo*100, 1, lang) + "–" + i18n.Float(c.Hi*100, 1, lang) + ")"
		}
		return s
	case queries.KindMedian:
		return i18n.Float(c.V, 1, lang)
	case report.KindYear:
		return strconv.FormatFloat(c.V, 'f', 0, 64)
	}
	return i18n.Number(c.V, lang)
}

// formatKeyValue writes a key figure's value by its unit.
func formatKeyValue(c report.Cell, kf *KeyFigure, lang i18n.Lang) string {
	if c.State != report.Shown {
		return FormatCell(c, kf.Kind, lang)
	}
	switch kf.Unit {
	case "share":
		if kf.Kind == queries.KindRate {
			return FormatCell(c, queries.KindRate, lang)
		}
		return i18n.Percent(c.V, lang)
	case "percent":
		return i18n.Number(c.V, lang) + " %"
	}
	return i18n.Number(c.V, lang)
}

func mdEscape(s string) string { return strings.ReplaceAll(s, "|", `\|`) }

// rowHeader, rowLabel and colLabel label a table: its own labels when it
// has them, else the translated dimension and codes.
func rowHeader(t *report.Table, lang i18n.Lang) string {
	if t.RowHeader != "" {
		return t.RowHeader
	}
	return DimLabel(t.RowDim, lang)
}

func rowLabel(t *report.Table, i int, lang i18n.Lang) string {
	if i < len(t.Rows) {
		return t.Rows[i]
	}
	return CodeLabel(t.RowDim, t.RowCodes[i], lang)
}

func colLabel(t *report.Table, j int, lang i18n.Lang) string {
	if j < len(t.Cols) {
		return t.Cols[j]
	}
	if ind, ok := strings.CutPrefix(t.ID, "figures:"); ok && t.ColDim == "phenomenon" {
		return figures.PhenomenonLabelOf(ind, t.ColCodes[j], lang)
	}
	return CodeLabel(t.ColDim, t.ColCodes[j], lang)
}

// tableGrid lays a table out for people: the header, then one line of
// texts per row, the row totals last, and the column totals as the last
// line.
func tableGrid(t *report.Table, lang i18n.Lang) [][]string {
	hasRT := t.RowTotals != nil
	cols, rows := t.Kinds()
	head := []string{rowHeader(t, lang)}
	for j := range t.ColCodes {
		head = append(head, colLabel(t, j, lang))
	}
	if hasRT {
		head = append(head, T(lang, "total"))
	}
	grid := [][]string{head}
	for i := range t.RowCodes {
		line := []string{rowLabel(t, i, lang)}
		for j := range t.ColCodes {
			line = append(line, FormatCell(t.Cells[i][j], t.KindOf(cols, rows, i, j), lang))
		}
		if hasRT {
			line = append(line, FormatCell(t.RowTotals[i], t.Kind, lang))
		}
		grid = append(grid, line)
	}
	if t.ColTotals != nil {
		line := []string{T(lang, "total")}
		for j := range t.ColCodes {
			line = append(line, FormatCell(t.ColTotals[j], t.KindOf(cols, rows, -1, j), lang))
		}
		if hasRT {
			tot := NoDataMark
			if t.Total != nil {
				tot = FormatCell(*t.Total, t.Kind, lang)
			}
			line = append(line, tot)
		}
		grid = append(grid, line)
	}
	return grid
}

// MarkdownRow writes one line of a Markdown table: each cell with its
// pipes escaped and line breaks as spaces.
func MarkdownRow(b *strings.Builder, cells []string) {
	b.WriteString("|")
	for _, c := range cells {
		b.WriteString(" " + mdEscape(lineBreaksAsSpaces(c)) + " |")
	}
	b.WriteString("\n")
}

// WriteTableMarkdown writes one table: a heading of the given level (2 is
// "##"), the table with translated labels and margins, then the protection
// statement, the source (a list of several publications), the legend of the withheld mark when a value is
// withheld, and the table's notes.
func WriteTableMarkdown(w io.Writer, t *report.Table, lang i18n.Lang, level int) error {
	var b strings.Builder
	if level > 0 {
		fmt.Fprintf(&b, "%s %s\n\n", strings.Repeat("#", level), mdEscape(TableTitle(t, lang)))
	}
	grid := tableGrid(t, lang)
	MarkdownRow(&b, grid[0])
	b.WriteString("|---|" + strings.Repeat("---:|", len(grid[0])-1) + "\n")
	for _, line := range grid[1:] {
		MarkdownRow(&b, line)
	}
	b.WriteString("\n")
	if len(t.Sources) > 1 {
		// many publications (a series of public figures): one per line
		b.WriteString(capitalise(Protection(t, lang)) + " · " + T(lang, "sources") + ":\n\n")
		for i, s := range t.Sources {
			b.WriteString(strconv.Itoa(i+1) + ". [" + mdEscape(s.Title) + "](" + s.Ref + ")\n")
		}
	} else {
		b.WriteString(capitalise(Protection(t, lang)) + " · " + T(lang, "source") + ": " + sourceText(t, lang, true) + "\n")
	}
	if t.AnyState(report.Withheld) {
		b.WriteString("\n" + Legend(t.K, lang) + "\n")
	}
	if lines := ProvenanceLines(t, lang); lines != nil {
		// each number's source and note, instead of the notes by year
		b.WriteString("\n" + T(lang, "pernumber") + ":\n\n")
		for _, l := range lines {
			b.WriteString("- " + mdEscape(l) + "\n")
		}
	} else {
		for _, n := range t.Notes {
			b.WriteString("\n" + T(lang, "note") + ": " + mdEscape(NoteText(n, lang)) + "\n")
		}
	}
	_, err := io.WriteString(w, b.String())
	return err
}

// sourceText names a table's source: its publications as Markdown links
// (md) or as "title <address>", else the data.
func sourceText(t *report.Table, lang i18n.Lang, md bool) string {
	if len(t.Sources) > 0 {
		var ls []string
		for _, s := range t.Sources {
			if md {
				ls = append(ls, "["+mdEscape(s.Title)+"]("+s.Ref+")")
			} else {
				ls = append(ls, s.Title+" <"+s.Ref+">")
			}
		}
		return strings.Join(ls, "; ")
	}
	switch t.Source {
	case "cases":
		return T(lang, "source.cases")
	case "figures":
		return T(lang, "source.figures")
	}
	return t.Source
}

// WriteTablesMarkdown writes tables one after the other, each with a
// heading of the given level.
func WriteTablesMarkdown(w io.Writer, tabs []report.Table, lang i18n.Lang, level int) error {
	for i := range tabs {
		if i > 0 {
			if _, err := io.WriteString(w, "\n"); err != nil {
				return err
			}
		}
		if err := WriteTableMarkdown(w, &tabs[i], lang, level); err != nil {
			return err
		}
	}
	return nil
}

// keyFigureGrid lays key figures out for people: the header, then one
// line per key figure (figure with its caveats, year, value, previous
// year's value, change, unit, source). ref names the source (nil: its
// title).
func keyFigureGrid(kfs []KeyFigure, lang i18n.Lang, ref func(kf *KeyFigure) string) [][]string {
	source := T(lang, "source")
	if ref != nil {
		source = bt(lang, "col.sourcedat") // numbered sources with their dates
	}
	grid := [][]string{{T(lang, "brief.figure"), T(lang, "brief.year"), T(lang, "brief.value"), T(lang, "brief.previous"),
		T(lang, "brief.change"), T(lang, "brief.unit"), source}}
	for i := range kfs {
		kf := &kfs[i]
		year := NoDataMark
		if kf.Year != 0 {
			year = strconv.Itoa(kf.Year)
		}
		label := KeyFigureLabel(kf, lang)
		if len(kf.Flags) > 0 {
			var fl []string
			for _, f := range kf.Flags {
				fl = append(fl, flagLabel(f, lang))
			}
			label += " (" + strings.Join(fl, ", ") + ")"
		}
		src := kf.Source
		if ref != nil {
			src = ref(kf)
		}
		grid = append(grid, []string{label, year, formatKeyValue(kf.Current, kf, lang), formatKeyValue(kf.Previous, kf, lang),
			FormatChange(kf, lang), UnitLabel(kf.Unit, lang), src})
	}
	return grid
}

// WriteKeyFiguresMarkdown writes key figures as a Markdown table: figure,
// year, value, previous year, change, unit and source. ref numbers the
// sources (see Brief); nil writes the source title.
func WriteKeyFiguresMarkdown(w io.Writer, kfs []KeyFigure, lang i18n.Lang, ref func(kf *KeyFigure) string) error {
	var b strings.Builder
	grid := keyFigureGrid(kfs, lang, ref)
	MarkdownRow(&b, grid[0])
	b.WriteString("|---|---:|---:|---:|---:|---|---|\n")
	for _, line := range grid[1:] {
		MarkdownRow(&b, line)
	}
	_, err := io.WriteString(w, b.String())
	return err
}

// FormatChange writes a key figure's change for people: relative with its
// sign ("+9.6 %"), or in percentage points for shares and rates ("+0.4 pp",
// German "+0,4 Pp."); the withheld or the no-data mark.
func FormatChange(kf *KeyFigure, lang i18n.Lang) string {
	c := kf.Change
	switch c.State {
	case report.Withheld:
		return WithheldMark
	case report.Missing:
		return NoDataMark
	}
	if kf.ChangeIsPoints {
		return i18n.Points(c.V, lang)
	}
	return i18n.Change(c.V, lang)
}
