package filter

import (
	"testing"

	tea "charm.land/bubbletea/v2"

	"lagebild/datasets/schema"
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
	km := keys.New(schema.EN)
	years := []int{2014, 2015, 2016, 2017, 2018, 2019, 2020, 2021, 2022, 2023, 2024, 2025}
	var m Model
	f := queries.Filter{}
	do := func(keys ...string) Action {
		var act Action
		for _, k := range keys {
			var a Action
			f, a = m.Update(press(k), km, f, years)
			if a != None {
				act = a
			}
		}
		return act
	}
	// Years: from +2, to −1.
	if do("enter", "+", "+") != Changed || f.FromYear != 2016 || f.ToYear != 0 {
		t.Fatalf("years from: %+v", f)
	}
	do("down", "left")
	if f.ToYear != 2024 {
		t.Fatalf("years to: %+v", f)
	}
	// Back to the fields, to State, toggle Bavaria and Berlin.
	do("esc", "down", "down", "enter", "down", "space", "down", "space")
	if len(f.States) != 2 || f.States[0] != "DE-BY" || f.States[1] != "DE-BE" {
		t.Fatalf("states: %v", f.States)
	}
	// Untoggle Berlin; every code selected is "all".
	do("space")
	if len(f.States) != 1 {
		t.Fatalf("untoggle: %v", f.States)
	}
	// Custody yes, then backspace clears the field.
	do("esc", "down", "down", "down", "down", "enter", "down", "space")
	if f.Custody == nil || !*f.Custody {
		t.Fatalf("custody: %v", f.Custody)
	}
	do("backspace")
	if f.Custody != nil {
		t.Fatal("backspace should clear the field")
	}
	if got := Summary(f, schema.EN, years); got != "2016–2024 · State: BY" {
		t.Errorf("Summary = %q", got)
	}
	if do("esc", "0") != Changed || !f.IsZero() {
		t.Errorf("0 should clear all: %s", f.Key())
	}
	if do("esc") != Close {
		t.Error("esc on the fields should close")
	}
	if Summary(f, schema.DE, years) != "keiner – alle Fälle" {
		t.Error("German empty summary")
	}
}

func TestToggleAllIsAll(t *testing.T) {
	f := queries.Filter{}
	for _, r := range schema.RiskLevels {
		f = toggle(f, Risk, r)
	}
	if f.Risks != nil {
		t.Errorf("selecting every risk level should mean all, got %v", f.Risks)
	}
}
