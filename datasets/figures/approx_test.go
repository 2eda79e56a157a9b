package figures

import (
	"slices"
	"strings"
	"testing"
)

func TestQuoteQualifies(t *testing.T) {
	for _, tt := range []struct {
		quote string
		value float64
		unit  string
		want  bool
	}{
		{"dpa reported 'rund 33.900'", 33900, UnitPersons, true},
		{"Rund 33 900 Personen", 33900, UnitPersons, true},
		{"ca. 500 Gefährder", 500, UnitPersons, true},
		{"zirka 1.200", 1200, UnitPersons, true},
		{"Mehr als 1.000 Straftaten", 1000, UnitOffences, true},
		{"knapp 9,6 Prozent", 9.6, UnitPercent, true},
		{"rund ein Fünftel der Beteiligten", 20, UnitPercent, true},
		{"about 500 people", 500, UnitPersons, true},
		// The qualifier governs another number of the quote.
		{"um knapp 48 Prozent auf 42.788", 42788, UnitOffences, false},
		{"um knapp 48 Prozent auf 42.788", 48, UnitPercent, true},
		{"etwa 20.200 Straftaten, 2020: 22.357", 22357, UnitOffences, false},
		// The value is part of another number, or a word is part of another word.
		{"rund 21.000", 1000, UnitPersons, false},
		{"rund 1.000,5", 1000, UnitPersons, false},
		{"rund einhundert", 1, UnitPersons, false},
		{"Pagut 500", 500, UnitPersons, false},
		// Exact values.
		{"mit 38.800 Personen", 38800, UnitPersons, false},
		{"", 38800, UnitPersons, false},
		{"sechs versuchte Tötungsdelikte", 6, UnitOffences, false},
	} {
		if got := quoteQualifies(tt.quote, tt.value, tt.unit); got != tt.want {
			t.Errorf("quoteQualifies(%q, %v) = %v, want %v", tt.quote, tt.value, got, tt.want)
		}
	}
}

// TestQuoteQualifiersMatchNotes: the embedded figures were curated by the
// same rule (a quote that qualifies the value gets "approx." in the note),
// so the quote never adds a marker the note lacks there; and the rule does
// find the curated cases.
func TestQuoteQualifiersMatchNotes(t *testing.T) {
	qualified := 0
	for _, f := range Embedded() {
		if !quoteQualifies(f.Quote, f.Value, f.Unit) {
			continue
		}
		qualified++
		if !strings.Contains(f.Note, "approx.") {
			t.Errorf("%s:%d %v: quote %q qualifies the value, note %q lacks approx.", f.File, f.Line, f.Key(), f.Quote, f.Note)
		}
	}
	if qualified < 10 {
		t.Errorf("only %d embedded quotes qualify their value; the curated file has more", qualified)
	}
	t.Logf("%d embedded quotes qualify their value", qualified)
}

func TestFlagsFromQuote(t *testing.T) {
	f := Figure{Value: 33900, Unit: UnitPersons, Quote: "Demnach rund 33.900 Rechtsextremisten"}
	if got := f.Flags(); !slices.Equal(got, []string{FlagApprox}) {
		t.Errorf("flags %q, want [approx.]", got)
	}
	f.Note = "series break; approx."
	if got := f.Flags(); !slices.Equal(got, []string{FlagSeriesBreak, FlagApprox}) {
		t.Errorf("flags %q, want [series break approx.]", got)
	}
	f.Note, f.Quote = "weak source (blog)", "mit 33.900 Personen"
	if got := f.Flags(); !slices.Equal(got, []string{FlagWeakSource}) {
		t.Errorf("flags %q, want [weak source]", got)
	}
}
