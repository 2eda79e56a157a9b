package tui

import (
	"strings"
	"testing"

	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/x/ansi"
)

// TestSearchRows: / in a case view opens the table view and a prompt
// that takes every key (q, t and f are typed, not obeyed); the matches are
// the row labels that contain the text in any case; n and N go round
// them and scroll to them; esc clears the search; / no longer opens the
// filter panel, f does.
func TestSearchRows(t *testing.T) {
	m := newTestModel(t, testStore(t), Options{NoColor: true}, 80, 24)
	m.active = tabIndex(t, m, "outcomes")
	loadSync(t, m, m.active)
	tab := m.cur()
	m.Update(press("/"))
	if m.filterOpen || !m.searchOpen || !tab.tableMode {
		t.Fatalf("after /: filter %v, prompt %v, table %v", m.filterOpen, m.searchOpen, tab.tableMode)
	}
	for _, k := range []string{"R", "i", "s", "K", "t", "q", "f"} {
		m.Update(press(k))
	}
	if m.quitting || m.filterOpen || tab.search.query != "RisKtqf" {
		t.Fatalf("typed keys acted: quitting %v, filter %v, query %q", m.quitting, m.filterOpen, tab.search.query)
	}
	if hs := m.hits(tab); len(hs) != 0 {
		t.Errorf("%d matches of %q", len(hs), tab.search.query)
	}
	if !strings.Contains(ansi.Strip(m.render()), "no match") {
		t.Error("the footer should say there is no match")
	}
	for range 3 {
		m.Update(tea.KeyPressMsg{Code: tea.KeyBackspace})
	}
	m.Update(press("enter"))
	if m.searchOpen || tab.search.query != "RisK" {
		t.Fatalf("after enter: prompt %v, query %q", m.searchOpen, tab.search.query)
	}
	// What should match: every shown row label with "risk" in any case.
	want := 0
	for _, tb := range m.shownTables(tab) {
		for _, r := range tb.Rows {
			if strings.Contains(strings.ToLower(r), "risk") {
				want++
			}
		}
	}
	hs := m.hits(tab)
	if len(hs) != want || want == 0 {
		t.Fatalf("%d matches, %d row labels contain risk", len(hs), want)
	}
	_, lines := m.tableBody(tab, m.ctx.Width)
	body := strings.Split(ansi.Strip(m.viewContent(tab, m.ctx.Width, m.bodyHeight())), "\n")
	for i := range hs {
		if l := body[lines[i]]; !strings.Contains(strings.ToLower(l), "risk") {
			t.Errorf("match %d on line %d: %q", i, lines[i], l)
		}
	}
	m.Update(press("N"))
	if tab.search.cur != len(hs)-1 || tab.scroll != max(lines[len(hs)-1]-1, 0) {
		t.Errorf("N from the first match: match %d, scroll %d (line %d)", tab.search.cur, tab.scroll, lines[len(hs)-1])
	}
	m.Update(press("n"))
	if tab.search.cur != 0 {
		t.Errorf("n from the last match: match %d", tab.search.cur)
	}
	m.Update(press("esc"))
	if tab.search.query != "" || !tab.tableMode {
		t.Errorf("esc: query %q, table %v", tab.search.query, tab.tableMode)
	}
	m.Update(press("f"))
	if !m.filterOpen {
		t.Error("f should open the filter panel")
	}
}

// TestSearchFiguresList: in the figures view's list, / moves the
// selection to the indicators whose title matches, n to the next.
func TestSearchFiguresList(t *testing.T) {
	m := newTestModel(t, testStore(t), Options{NoColor: true}, 140, 45)
	m.active = tabIndex(t, m, "figures")
	loadSync(t, m, m.active)
	tab := m.cur()
	for _, k := range []string{"/", "S", "A", "L", "A", "F", "enter"} {
		m.Update(press(k))
	}
	if tab.tableMode {
		t.Fatal("search in the list should not open the table view")
	}
	sel := tab.data.Tables()[tab.state.Sel].Title
	if !strings.HasPrefix(sel, "Salafist") {
		t.Errorf("selected %q for SALAF", sel)
	}
	first := tab.state.Sel
	m.Update(press("n"))
	if next := tab.data.Tables()[tab.state.Sel].Title; tab.state.Sel <= first || !strings.Contains(strings.ToLower(next), "salaf") {
		t.Errorf("n: from %d to %d %q", first, tab.state.Sel, next)
	}
}
