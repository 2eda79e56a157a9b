package figures

import (
	"bytes"
	_ "embed"
	"encoding/csv"
	"sync"

	"lagebild/internal/i18n"
)

// notesDECSV holds the German text of every note of the embedded figures
// (columns note, note_de). The facts table writes its notes in English; a
// German output prints the German one (TestEveryNoteHasGerman keeps the two
// files in step).
//
//go:embed notes_de.csv
var notesDECSV []byte

var notesDE = sync.OnceValue(func() map[string]string {
	recs, err := csv.NewReader(bytes.NewReader(notesDECSV)).ReadAll()
	if err != nil || len(recs) == 0 {
		panic("figures: the embedded notes_de.csv is invalid")
	}
	m := make(map[string]string, len(recs)-1)
	for _, r := range recs[1:] {
		m[r[0]] = r[1]
	}
	return m
})

// NoteIn returns a figure note in the language lang: the German text of a
// note of the embedded figures in German, else the note as written (a
// user's file keeps its own wording).
func NoteIn(note string, lang i18n.Lang) string {
	if german(string(lang)) {
		if de, ok := notesDE()[note]; ok {
			return de
		}
	}
	return note
}

// NoteIn returns the figure's note in the language lang (see NoteIn).
func (f Figure) NoteIn(lang i18n.Lang) string { return NoteIn(f.Note, lang) }
