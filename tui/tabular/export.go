package tabular

import (
	"encoding/csv"
	"fmt"
	"io"
	"strings"

	"lagebild/datasets/schema"
	"lagebild/tui/i18n"
)

// Markdown writes the table as a Markdown table with its title,
// protection, sources, legend and notes.
func Markdown(t *Tab, lang schema.Lang) string {
	var b strings.Builder
	esc := func(s string) string { return strings.ReplaceAll(s, "|", `\|`) }
	title := t.Title
	if t.Unit != "" {
		title += " (" + t.Unit + ")"
	}
	fmt.Fprintf(&b, "### %s\n\n", esc(title))
	hasRT, hasCT := len(t.RowTotals) > 0, len(t.ColTotals) > 0
	b.WriteString("| " + esc(t.RowHeader) + " |")
	for _, c := range t.Cols {
		b.WriteString(" " + esc(c) + " |")
	}
	if hasRT {
		b.WriteString(" " + i18n.T(lang, "total") + " |")
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
		b.WriteString("| " + esc(r) + " |")
		for j := range t.Cols {
			b.WriteString(" " + Format(t.Cells[i][j], lang) + " |")
		}
		if hasRT {
			b.WriteString(" " + Format(t.RowTotals[i], lang) + " |")
		}
		b.WriteString("\n")
	}
	if hasCT {
		b.WriteString("| " + i18n.T(lang, "total") + " |")
		for j := range t.Cols {
			b.WriteString(" " + Format(t.ColTotals[j], lang) + " |")
		}
		if hasRT {
			tot := "–"
			if t.Total != nil {
				tot = Format(*t.Total, lang)
			}
			b.WriteString(" " + tot + " |")
		}
		b.WriteString("\n")
	}
	b.WriteString("\n")
	fmt.Fprintf(&b, "%s · %s\n", Protection(t, lang), SourceLine(t, lang))
	for i, s := range t.Sources {
		if len(t.Sources) > 1 {
			fmt.Fprintf(&b, "\n[%d] [%s](%s)", i+1, s.Title, s.Ref)
		} else {
			fmt.Fprintf(&b, "\n[%s](%s)", s.Title, s.Ref)
		}
	}
	if len(t.Sources) > 0 {
		b.WriteString("\n")
	}
	if l := Legend(t, lang); l != "" {
		b.WriteString("\n" + l + "\n")
	}
	for _, n := range t.Notes {
		b.WriteString("\n" + i18n.T(lang, "note") + ": " + translateNote(n, lang) + "\n")
	}
	return b.String()
}

// TSV writes the table as tab-separated values for a spreadsheet, with the
// title first and the protection line last. Withheld values are the
// withheld mark, so that a paste never turns them into 0.
func TSV(t *Tab, lang schema.Lang) string {
	var b strings.Builder
	b.WriteString(t.Title + "\n")
	hasRT, hasCT := len(t.RowTotals) > 0, len(t.ColTotals) > 0
	b.WriteString(t.RowHeader)
	for _, c := range t.Cols {
		b.WriteString("\t" + c)
	}
	if hasRT {
		b.WriteString("\t" + i18n.T(lang, "total"))
	}
	b.WriteString("\n")
	for i, r := range t.Rows {
		b.WriteString(r)
		for j := range t.Cols {
			b.WriteString("\t" + Format(t.Cells[i][j], lang))
		}
		if hasRT {
			b.WriteString("\t" + Format(t.RowTotals[i], lang))
		}
		b.WriteString("\n")
	}
	if hasCT {
		b.WriteString(i18n.T(lang, "total"))
		for j := range t.Cols {
			b.WriteString("\t" + Format(t.ColTotals[j], lang))
		}
		if hasRT && t.Total != nil {
			b.WriteString("\t" + Format(*t.Total, lang))
		}
		b.WriteString("\n")
	}
	b.WriteString(Protection(t, lang) + " · " + SourceLine(t, lang) + "\n")
	if l := Legend(t, lang); l != "" {
		b.WriteString(l + "\n")
	}
	return b.String()
}

// CSVHeader is the header of the long CSV export.
var CSVHeader = []string{"table", "row_code", "row", "col_code", "col", "value", "status", "kind", "protected", "k", "source"}

// WriteCSV writes tables in long format, one row per number: a withheld
// value has an empty value and status "withheld". Margins have the code
// "total".
func WriteCSV(w io.Writer, tabs []Tab, lang schema.Lang) error {
	cw := csv.NewWriter(w)
	if err := cw.Write(CSVHeader); err != nil {
		return err
	}
	for ti := range tabs {
		t := &tabs[ti]
		k := ""
		if t.Protected {
			k = fmt.Sprint(t.K)
		}
		src := t.Source
		if len(t.Sources) > 0 {
			var refs []string
			for _, s := range t.Sources {
				refs = append(refs, s.Ref)
			}
			src = strings.Join(refs, " ")
		}
		write := func(rc, r, cc, c string, cell Cell) error {
			return cw.Write([]string{t.ID, rc, r, cc, c, Plain(cell), statusName(cell.State),
				string(cell.Kind), fmt.Sprint(t.Protected), k, src})
		}
		total := i18n.T(lang, "total")
		for i := range t.Rows {
			for j := range t.Cols {
				if err := write(t.RowCodes[i], t.Rows[i], t.ColCodes[j], t.Cols[j], t.Cells[i][j]); err != nil {
					return err
				}
			}
			if len(t.RowTotals) > 0 {
				if err := write(t.RowCodes[i], t.Rows[i], "total", total, t.RowTotals[i]); err != nil {
					return err
				}
			}
		}
		for j := range t.ColTotals {
			if err := write("total", total, t.ColCodes[j], t.Cols[j], t.ColTotals[j]); err != nil {
				return err
			}
		}
		if t.Total != nil {
			if err := write("total", total, "total", total, *t.Total); err != nil {
				return err
			}
		}
	}
	cw.Flush()
	return cw.Error()
}

func statusName(s State) string {
	switch s {
	case Shown:
		return "shown"
	case Withheld:
		return "withheld"
	}
	return "missing"
}
