package export

import (
	"slices"
	"strconv"

	"lagebild/datasets/figures"
	"lagebild/internal/i18n"
	"lagebild/queries/report"
)

// ProvenanceLines say which publication and which note belong to which
// number of a public-figure table, one line per number with a figure:
// "2019, Rechtsextremismus: [3] · Zeitreihenbruch: ab 2019 …", where [3] is
// the third of the table's Sources and the note is in the language
// (figures.NoteIn). A table without Provenance (case data) has none.
func ProvenanceLines(t *report.Table, lang i18n.Lang) []string {
	var out []string
	for i, row := range t.Provenance {
		for j, p := range row {
			if p.Source.Title == "" {
				continue
			}
			line := rowLabel(t, i, lang) + ", " + colLabel(t, j, lang) + ": "
			if n := slices.Index(t.Sources, p.Source); n >= 0 {
				line += "[" + strconv.Itoa(n+1) + "]"
			} else {
				line += p.Source.Title
			}
			if p.Note != "" {
				line += " · " + figures.NoteIn(p.Note, lang)
			}
			out = append(out, line)
		}
	}
	return out
}

// numbered is "[n] title" of the n-th publication, as ProvenanceLines
// point to it.
func numbered(n int, title string) string { return "[" + strconv.Itoa(n) + "] " + title }
