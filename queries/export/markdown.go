package export

import (
	"fmt"
	"io"
	"strings"

	"lagebild/datasets/schema"
	"lagebild/queries"
	"lagebild/queries/format"
)

// WithheldMark stands for a withheld value in Markdown and text; its
// legend is Legend.
const WithheldMark = "•"

// NoDataMark stands for a value without data.
const NoDataMark = "–"

// Legend explains the withheld mark for threshold k.
func Legend(k int, lang schema.Lang) string {
	return WithheldMark + " " + T(lang, "legend", k)
}

// Protection states how a table was protected, e.g. "protected (cell key
// method, k = 5)", or that public figures are exact.
func Protection(t *Table, lang schema.Lang) string {
	if t.Protected {
		return T(lang, "protected", t.K)
	}
	return T(lang, "exact")
}

// FormatCell writes a published value for people: counts with thousands
// separators, shares as percentages, rates with their 95 % interval
// ("12.5 % (9.1–16.8)"), the withheld mark or the no-data mark.
func FormatCell(c Cell, kind queries.Kind, lang schema.Lang) string {
	switch c.State {
	case Withheld:
		return WithheldMark
	case Missing:
		return NoDataMark
	}
	switch kind {
	case queries.KindCount:
		return format.Float(c.Value, 0, lang)
	case queries.KindShare:
		return format.Percent(c.Value, lang)
	case queries.KindRate:
		s := format.Percent(c.Value, lang)
		if c.HasCI {
			s += " (" + format.Float(c.Lo*100, 1, lang) + "–" + format.Float(c.Hi*100, 1, lang) + ")"
		}
		return s
	case queries.KindMedian:
		return format.Float(c.Value, 1, lang)
	}
	return format.Number(c.Value, lang)
}

// formatKeyValue writes a key figure's value by its unit.
func formatKeyValue(c Cell, kf *KeyFigure, lang schema.Lang) string {
	if c.State != Shown {
		return FormatCell(c, kf.Kind, lang)
	}
	switch kf.Unit {
	case "share":
		if kf.Kind == queries.KindRate {
			return FormatCell(c, queries.KindRate, lang)
		}
		return format.Percent(c.Value, lang)
	case "percent":
		return format.Number(c.Value, lang) + " %"
	}
	return format.Number(c.Value, lang)
}

func mdEscape(s string) string { return strings.ReplaceAll(s, "|", `\|`) }

// WriteTableMarkdown writes one table: a heading of the given level (2 is
// "##"), the table with translated labels and margins, then the protection
// statement, the source, the legend of the withheld mark when a value is
// withheld, and the table's notes.
func WriteTableMarkdown(w io.Writer, t *Table, lang schema.Lang, level int) error {
	var b strings.Builder
	if level > 0 {
		fmt.Fprintf(&b, "%s %s\n\n", strings.Repeat("#", level), mdEscape(TableTitle(t, lang)))
	}
	hasRT := t.RowTotals != nil
	b.WriteString("| " + mdEscape(DimLabel(t.RowDim, lang)) + " |")
	for _, c := range t.Cols {
		b.WriteString(" " + mdEscape(CodeLabel(t.ColDim, c, lang)) + " |")
	}
	if hasRT {
		b.WriteString(" " + T(lang, "total") + " |")
	}
	b.WriteString("\n|---|")
	for range t.Cols {
		b.WriteString("---:|")
	}
	if hasRT {
		b.WriteString("---:|")
	}
	b.WriteString("\n")
	for i, r := range t.Rows {
		b.WriteString("| " + mdEscape(CodeLabel(t.RowDim, r, lang)) + " |")
		for j := range t.Cols {
			b.WriteString(" " + FormatCell(t.Cells[i][j], t.ColKind(j), lang) + " |")
		}
		if hasRT {
			b.WriteString(" " + FormatCell(t.RowTotals[i], t.Kind, lang) + " |")
		}
		b.WriteString("\n")
	}
	if t.ColTotals != nil {
		b.WriteString("| " + T(lang, "total") + " |")
		for j := range t.Cols {
			b.WriteString(" " + FormatCell(t.ColTotals[j], t.ColKind(j), lang) + " |")
		}
		if hasRT {
			tot := NoDataMark
			if t.Total != nil {
				tot = FormatCell(*t.Total, t.Kind, lang)
			}
			b.WriteString(" " + tot + " |")
		}
		b.WriteString("\n")
	}
	b.WriteString("\n")
	b.WriteString(capitalise(Protection(t, lang)) + " · " + T(lang, "source") + ": " + sourceText(t, lang) + "\n")
	if t.AnyWithheld() {
		b.WriteString("\n" + Legend(t.K, lang) + "\n")
	}
	for _, n := range t.Notes {
		b.WriteString("\n" + T(lang, "note") + ": " + mdEscape(NoteText(n, lang)) + "\n")
	}
	_, err := io.WriteString(w, b.String())
	return err
}

func sourceText(t *Table, lang schema.Lang) string {
	if len(t.Sources) > 0 {
		var ls []string
		for _, s := range t.Sources {
			ls = append(ls, "["+mdEscape(s.Title)+"]("+s.Ref+")")
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
func WriteTablesMarkdown(w io.Writer, tabs []Table, lang schema.Lang, level int) error {
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

// WriteKeyFiguresMarkdown writes key figures as a Markdown table: figure,
// year, value, previous year, change, unit and source. ref numbers the
// sources (see Brief); nil writes the source title.
func WriteKeyFiguresMarkdown(w io.Writer, kfs []KeyFigure, lang schema.Lang, ref func(kf *KeyFigure) string) error {
	var b strings.Builder
	fmt.Fprintf(&b, "| %s | %s | %s | %s | %s | %s | %s |\n", T(lang, "brief.figure"), T(lang, "brief.year"),
		T(lang, "brief.value"), T(lang, "brief.previous"), T(lang, "brief.change"), T(lang, "brief.unit"), T(lang, "source"))
	b.WriteString("|---|---:|---:|---:|---:|---|---|\n")
	for i := range kfs {
		kf := &kfs[i]
		year := NoDataMark
		if kf.Year != 0 {
			year = fmt.Sprint(kf.Year)
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
		fmt.Fprintf(&b, "| %s | %s | %s | %s | %s | %s | %s |\n", mdEscape(label), year,
			formatKeyValue(kf.Current, kf, lang), formatKeyValue(kf.Previous, kf, lang),
			formatChange(kf.Change, lang), mdEscape(UnitLabel(kf.Unit, lang)), mdEscape(src))
	}
	_, err := io.WriteString(w, b.String())
	return err
}

func formatChange(c Cell, lang schema.Lang) string {
	switch c.State {
	case Withheld:
		return WithheldMark
	case Missing:
		return NoDataMark
	}
	return format.Change(c.Value, lang)
}
