package filter

import (
	"strings"
	"testing"

	"lagebild/internal/i18n"

	tea "charm.land/bubbletea/v2"

	"lagebild/queries"
	"lagebild/tui/keys"
)

func press(s string) tea.KeyPressMsg {
	switch s {
	case "down":
		return tea.KeyPressMsg{Code: tea.KeyDown}
	case "up":
		return tea.KeyPressMsg{Code: tea.KeyUp}
	case "enter":
		return tea.KeyPressMsg{Code: tea.KeyEnter}
	case "esc":
		return tea.KeyPressMsg{Code: tea.KeyEscape}
	case "space":
		return tea.KeyPressMsg{Code: tea.KeySpace, Text: " "}
	case "left":
		return tea.KeyPressMsg{Code: tea.KeyLeft}
	case "right":
		return tea.KeyPressMsg{Code: tea.KeyRight}
	case "backspace":
		return tea.KeyPressMsg{Code: tea.KeyBackspace}
	}
	return tea.KeyPressMsg{Code: []rune(s)[0], Text: s}
}

func TestPanel(t *testing.T) {
	km := keys.New(i18n.EN)
	years := []int{2014, 2015, 2016, 2017, 2018, 2019, 2020, 2021, 2022, 2023, 2024, 2025}
	var m Model
	f := queries.Filter{}
	do := func(keys ...string) Action {
		var act Action
		for _, k := range keys {
			var a Action
			f, a = m.Update(press(k), km, f, years, i18n.EN)
			if a != None {
				act = a
			}
		}
		return act
	}
	// Years: + steps through all, the fixed periods, then single years.
	if do("enter", "+", "+") != Changed || f.FromYear != 2017 || f.ToYear != 2019 {
		t.Fatalf("years period: %+v", f)
	}
	if err := f.Validate(); err != nil {
		t.Fatal(err)
	}
	// Past the four periods to the first single year, and back.
	do("+", "+", "+")
	if f.FromYear != 2014 || f.ToYear != 2014 {
		t.Fatalf("single year: %+v", f)
	}
	do("-")
	if f.FromYear != 2023 || f.ToYear != 2025 {
		t.Fatalf("back to the last period: %+v", f)
	}
	// ← leaves the options (it used to step the year).
	do("left", "down", "down", "enter", "down", "down", "space")
	if len(f.States) != 1 || f.States[0] != "DE-BY" {
		t.Fatalf("state: %v", f.States)
	}
	// Choosing another state replaces it: one value or all.
	do("down", "space")
	if len(f.States) != 1 || f.States[0] != "DE-BE" {
		t.Fatalf("state replaced: %v", f.States)
	}
	if err := f.Validate(); err != nil {
		t.Fatal(err)
	}
	// Custody yes, then backspace clears the field.
	do("h", "down", "down", "down", "down", "enter", "down", "space")
	if f.Custody == nil || !*f.Custody {
		t.Fatalf("custody: %v", f.Custody)
	}
	do("backspace")
	if f.Custody != nil {
		t.Fatal("backspace should clear the field")
	}
	if got := Summary(f, i18n.EN); got != "2023–2025; State: BE" {
		t.Errorf("Summary = %q", got)
	}
	if do("left", "0") != Changed || !f.IsZero() {
		t.Errorf("0 should clear all: %s", f.Key())
	}
	if do("esc") != Close {
		t.Error("esc on the fields should close")
	}
	if do("enter", "esc") != Close {
		t.Error("one esc in the choices should close the panel")
	}
	if Summary(f, i18n.DE) != "keiner – alle Fälle" {
		t.Error("German empty summary")
	}
}

// TestEveryChoiceIsValid walks every option of every field: the panel can
// only produce filters of the bounded filter space.
func TestEveryChoiceIsValid(t *testing.T) {
	years := []int{2014, 2015, 2016, 2017, 2018, 2019, 2020, 2021, 2022, 2023, 2024, 2025}
	for fl := Field(0); fl < numFields; fl++ {
		for _, opt := range fl.options(years) {
			f := choose(queries.Filter{States: []string{"DE-HH"}}, fl, opt)
			if err := f.Validate(); err != nil {
				t.Errorf("%v %q: %v", fl, opt, err)
			}
			if got := selected(f, fl); got != opt {
				t.Errorf("%v: chose %q, selected %q", fl, opt, got)
			}
		}
	}
	f := choose(queries.Filter{}, FieldNamed("age-band"), "minors")
	if g, ok := queries.AgeGroupOf(f.AgeBands); !ok || g != "minors" {
		t.Errorf("minors group: %v", f.AgeBands)
	}
}

// TestPanelEveryField: the panel has a line for every row of
// queries.FilterFields, labelled by its label key; walking down to it and
// stepping through its choices with + sets the field to each choice in
// turn (as the descriptor sets it), and the summary names it.
func TestPanelEveryField(t *testing.T) {
	km := keys.New(i18n.EN)
	years := []int{2019, 2020, 2021, 2022}
	for i, d := range queries.FilterFields {
		if fl := FieldNamed(d.Name); int(fl) != i || fl.label(i18n.EN) == d.LabelKey {
			t.Errorf("%s: line %d, label %q", d.Name, fl, fl.label(i18n.EN))
		}
		var m Model
		var f queries.Filter
		for range i {
			f, _ = m.Update(press("down"), km, f, years, i18n.EN)
		}
		if m.Field() != Field(i) {
			t.Fatalf("%s: the cursor is on line %d", d.Name, m.Field())
		}
		for _, opt := range d.Options(years) {
			var act Action
			f, act = m.Update(press("+"), km, f, years, i18n.EN)
			if want := d.With(queries.Filter{}, opt); act != Changed || f.Key() != want.Key() {
				t.Errorf("%s +: %s (%v), want %s", d.Name, f.Key(), act, want.Key())
			}
			if s := Summary(f, i18n.EN); d.Kind != queries.KindYears && !strings.HasPrefix(s, m.field.label(i18n.EN)+": ") {
				t.Errorf("%s %s: summary %q", d.Name, opt, s)
			}
		}
	}
}

// TestTypeToFind: a letter jumps to the next choice starting with it
// (from the fields pane, the first); a capital finds even where the
// lower-case letter is a key of the panel (h leaves the choices, H finds
// Hamburg); ←/h goes back to the fields.
func TestTypeToFind(t *testing.T) {
	km := keys.New(i18n.DE)
	m := Model{field: FieldNamed("state")}
	f := queries.Filter{}
	opts := m.field.options(nil)
	at := func() string { return optionLabel(m.field, opts[m.opt], i18n.DE) }
	type step struct{ key, want string }
	for _, s := range []step{
		{"b", "Baden-Württemberg (BW)"}, {"b", "Bayern (BY)"}, {"B", "Berlin (BE)"},
		{"s", "Saarland (SL)"}, {"s", "Sachsen (SN)"}, {"t", "Thüringen (TH)"},
		{"H", "Hamburg (HH)"}, {"H", "Hessen (HE)"}, {"n", "Niedersachsen (NI)"},
	} {
		if _, act := m.Update(press(s.key), km, f, nil, i18n.DE); act != None {
			t.Fatalf("%s: a find changed the filter", s.key)
		}
		if !m.inOption || at() != s.want {
			t.Fatalf("after %q: at %q (in choices: %v), want %q", s.key, at(), m.inOption, s.want)
		}
	}
	m.Update(press("h"), km, f, nil, i18n.DE)
	if m.inOption {
		t.Fatal("h should leave the choices")
	}
	g, act := m.Update(press("enter"), km, f, nil, i18n.DE)
	if act != None || !m.inOption {
		t.Fatal("enter should go into the choices")
	}
	m.Update(press("q"), km, f, nil, i18n.DE) // no choice starts with q: nothing moves
	if at() != "Niedersachsen (NI)" {
		t.Errorf("q moved the cursor to %q", at())
	}
	g, act = m.Update(press("enter"), km, g, nil, i18n.DE)
	if act != Changed || len(g.States) != 1 || g.States[0] != "DE-NI" {
		t.Errorf("enter on the found choice: %v %v", act, g.States)
	}
}

// TestParts: every set field, in the panel's order, for the header.
func TestParts(t *testing.T) {
	yes := true
	f := queries.Filter{FromYear: 2020, ToYear: 2022, Phenomena: []string{"islamist"}, States: []string{"DE-BY"},
		Risks: []string{"high_risk"}, Custody: &yes}
	got := strings.Join(Parts(f, i18n.EN), " | ")
	want := "2020–2022 | Phenomenon: Islamist | State: BY | Risk level: High risk | Custody: yes"
	if got != want {
		t.Errorf("Parts = %q, want %q", got, want)
	}
	if Parts(queries.Filter{}, i18n.EN) != nil {
		t.Error("no parts without a filter")
	}
}
