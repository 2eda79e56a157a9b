package queries

import "lagebild/datasets/figures"

// Provenance is where one published number comes from: its publication
// and its note (caveats as written in the figures file, in English;
// figures.NoteIn translates them).
type Provenance struct {
	Source Source
	Note   string
}

// Flags are the short caveat markers of the number (figures.Figure.Flags
// of its note: series break, weak source, approx., preliminary).
func (p Provenance) Flags() []string { return (figures.Figure{Note: p.Note}).Flags() }

// Provenance returns the publication and note of cell (i, j) of a table of
// public figures; ok is false for a table of case data or a cell without a
// figure.
func (t *Table) Provenance(i, j int) (p Provenance, ok bool) {
	if i < 0 || i >= len(t.provenance) || j < 0 || j >= len(t.provenance[i]) {
		return Provenance{}, false
	}
	p = t.provenance[i][j]
	return p, p.Source != (Source{})
}
