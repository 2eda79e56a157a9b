package export

import (
	"io"
	"strings"

	"lagebild/internal/i18n"

	"lagebild/queries/report"
)

// tsvText keeps a text in its cell: tabs and line breaks become spaces.
func tsvText(s string) string { return strings.ReplaceAll(lineBreaksAsSpaces(s), "\t", " ") }

// lineBreaksAsSpaces keeps a text in one line.
func lineBreaksAsSpaces(s string) string {
	return strings.NewReplacer("\r\n", " ", "\n", " ", "\r", " ").Replace(s)
}

// TSVRow writes one line of tab-separated values, each cell kept in its
// cell (tsvText).
func TSVRow(b *strings.Builder, cells []string) {
	for j, c := range cells {
		if j > 0 {
			b.WriteString("\t")
		}
		b.WriteString(tsvText(c))
	}
	b.WriteString("\n")
}

// WriteTablesTSV writes tables as tab-separated values for pasting into a
// spreadsheet, one block per table with a blank line between them: the
// title, the header, the rows and totals as plain numbers a spreadsheet
// reads in any locale (tsvNumber: '.' decimal point, no thousands
// separator, shares and rates in percent without the sign), a rate's 95 %
// interval in two cells of their own beside it, the withheld mark for a
// withheld value (so that a paste never turns it into 0); then the
// protection statement with the source, the legend of the withheld mark
// when a value is withheld, and the notes.
func WriteTablesTSV(w io.Writer, tabs []report.Table, lang i18n.Lang) error {
	var b strings.Builder
	for i := range tabs {
		t := &tabs[i]
		if i > 0 {
			b.WriteString("\n")
		}
		b.WriteString(tsvText(TableTitle(t, lang)) + "\n")
		for _, line := range tsvGrid(t, lang) {
			TSVRow(&b, line)
		}
		if len(t.Sources) > 1 {
			b.WriteString(tsvText(capitalise(Protection(t, lang))+" · "+T(lang, "sources")+":") + "\n")
			for i, s := range t.Sources {
				b.WriteString(tsvText(numbered(i+1, s.Title+" <"+s.Ref+">")) + "\n")
			}
		} else {
			b.WriteString(tsvText(capitalise(Protection(t, lang))+" · "+T(lang, "source")+": "+sourceText(t, lang, false)) + "\n")
		}
		if t.AnyState(report.Withheld) {
			b.WriteString(Legend(t.K, lang) + "\n")
		}
		if lines := ProvenanceLines(t, lang); lines != nil {
			b.WriteString(tsvText(T(lang, "pernumber")+":") + "\n")
			for _, l := range lines {
				b.WriteString(tsvText(l) + "\n")
			}
		} else {
			for _, n := range t.Notes {
				b.WriteString(tsvText(T(lang, "note")+": "+NoteText(n, lang)) + "\n")
			}
		}
	}
	_, err := io.WriteString(w, b.String())
	return err
}

// WriteKeyFiguresTSV writes key figures as tab-separated values: the
// header, then figure, year, value (with a rate's interval in two cells
// beside it), previous year, change, unit and source of each, numbers
// plain as in WriteTablesTSV; then how case figures are protected, how the change is
// computed, and the legend of the withheld mark when a value is withheld.
func WriteKeyFiguresTSV(w io.Writer, kfs []KeyFigure, lang i18n.Lang) error {
	var b strings.Builder
	for _, line := range tsvKeyFigureGrid(kfs, lang) {
		TSVRow(&b, line)
	}
	for i := range kfs {
		if kfs[i].Protected {
			b.WriteString(T(lang, "brief.protection", T(lang, "protected", kfs[i].K)) + "\n")
			break
		}
	}
	b.WriteString(T(lang, "brief.changenote") + "\n")
	for i := range kfs {
		if kf := &kfs[i]; kf.Current.State == report.Withheld || kf.Previous.State == report.Withheld || kf.Change.State == report.Withheld {
			b.WriteString(Legend(kf.K, lang) + "\n")
			break
		}
	}
	_, err := io.WriteString(w, b.String())
	return err
}
