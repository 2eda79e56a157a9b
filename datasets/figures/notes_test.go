package figures

import (
	"regexp"
	"slices"
	"testing"

	"lagebild/internal/i18n"
)

// TestEveryNoteHasGerman: every note of the embedded figures has a German
// text that names the same years, and no German text is left over.
func TestEveryNoteHasGerman(t *testing.T) {
	year := regexp.MustCompile(`\b(19|20)\d\d\b`)
	used := map[string]bool{}
	for _, f := range Embedded() {
		if f.Note == "" {
			continue
		}
		used[f.Note] = true
		de, ok := notesDE()[f.Note]
		if !ok {
			t.Errorf("%s:%d: no German text for the note %q (datasets/figures/notes_de.csv)", f.File, f.Line, f.Note)
			continue
		}
		if got := f.NoteIn(i18n.DE); got != de {
			t.Errorf("NoteIn(DE) = %q, want %q", got, de)
		}
		if f.NoteIn(i18n.EN) != f.Note {
			t.Errorf("NoteIn(EN) changed the note %q", f.Note)
		}
		en, ge := year.FindAllString(f.Note, -1), year.FindAllString(de, -1)
		slices.Sort(en)
		slices.Sort(ge)
		if !slices.Equal(slices.Compact(en), slices.Compact(ge)) {
			t.Errorf("the German note names other years (%v) than %q (%v)", ge, f.Note, en)
		}
	}
	for n := range notesDE() {
		if !used[n] {
			t.Errorf("notes_de.csv translates %q, which no embedded figure has", n)
		}
	}
	if NoteIn("my own note", i18n.DE) != "my own note" {
		t.Error("an unknown note must stay as written")
	}
}
