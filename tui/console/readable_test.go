package console

import (
	"context"
	"strings"
	"testing"

	"charm.land/bubbles/v2/key"

	"lagebild/datasets/sample"
	"lagebild/internal/i18n"
	"lagebild/queries"
	"lagebild/tui/keys"
)

func sampleStore(t *testing.T) *queries.Store {
	t.Helper()
	st, err := queries.Open(context.Background(), queries.OpenOptions{Fill: sample.Fill(nil)})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { st.Close() })
	return st
}

// A result on the real sample reads as the rest of the TUI: the statement
// stays above it (no example placeholder there), codes of a known code
// list by their labels, numbers in the language's format; r shows the
// values as DuckDB returned them, and a copy always carries those.
func TestResultReadsInTheLanguage(t *testing.T) {
	st := sampleStore(t)
	m := New(Options{Runner: st, Styles: monoStyles()})
	m.SetSize(120, 24)
	placeholder := i18n.T(i18n.EN, "console.placeholder")
	if !strings.Contains(m.View(), placeholder[1:]) { // the cursor is on its first letter
		t.Fatalf("the empty console shows no example:\n%s", m.View())
	}
	const q = "SELECT state, count(*) * 1000 AS n, avg(contacts) AS mean_contacts FROM cases WHERE state = 'DE-BY' GROUP BY ALL"
	run(t, m, q)
	m.SetLang(i18n.DE) // the result follows a change of language
	res, err := st.Console(context.Background(), q, queries.ConsoleLimits{})
	if err != nil || len(res.Rows) != 1 {
		t.Fatalf("%v %v", res, err)
	}
	n, mean := res.Rows[0][1].(int64), res.Rows[0][2].(float64)
	v := m.View()
	if strings.Contains(v, placeholder[1:]) {
		t.Errorf("the example placeholder is shown above a result:\n%s", v)
	}
	if !strings.Contains(v, "▸ "+q[:60]) {
		t.Errorf("the statement is not shown above its result:\n%s", v)
	}
	for _, want := range []string{"Bayern", i18n.Int(n, i18n.DE), i18n.Float(mean, 2, i18n.DE)} {
		if !strings.Contains(v, want) {
			t.Errorf("missing %q:\n%s", want, v)
		}
	}
	if strings.Contains(v, "\nDE-BY") {
		t.Errorf("raw code shown in the result:\n%s", v)
	}
	// r: raw values (the input line is left first; there r is typed).
	m.Update(press("esc"))
	if handled, _ := m.Update(press("r")); !handled {
		t.Fatal("r not handled")
	}
	v = m.View()
	for _, want := range []string{"\nDE-BY", queries.FormatConsoleValue(n), queries.FormatConsoleValue(mean)} {
		if !strings.Contains(v, want) {
			t.Errorf("raw: missing %q:\n%s", want, v)
		}
	}
	m.Update(press("r"))
	if !strings.Contains(m.View(), "Bayern") {
		t.Errorf("r again: not labelled:\n%s", m.View())
	}
	tsv, _ := m.TSV()
	if want := "DE-BY\t" + queries.FormatConsoleValue(n) + "\t" + queries.FormatConsoleValue(mean); !strings.Contains(tsv, want) {
		t.Errorf("TSV %q lacks the raw values %q", tsv, want)
	}
}

// DuckDB points at an error with a caret under the statement; the lines
// stay as they came, so the caret stands under the mistake.
func TestCaretDiagnosticKeepsItsLines(t *testing.T) {
	st := sampleStore(t)
	m := New(Options{Runner: st, Styles: monoStyles()})
	m.SetSize(100, 24)
	run(t, m, "SELECT state, nosuchcolumn FROM cases")
	lines := strings.Split(m.View(), "\n")
	at := -1
	for i, l := range lines {
		if strings.HasPrefix(l, "LINE 1: ") {
			at = i
		}
	}
	if at < 0 || at+1 >= len(lines) {
		t.Fatalf("no LINE 1: block:\n%s", m.View())
	}
	col := strings.Index(lines[at], "nosuchcolumn")
	caret := strings.Index(lines[at+1], "^")
	if col < 0 || caret != col {
		t.Errorf("caret at column %d, the mistake at %d:\n%s\n%s", caret, col, lines[at], lines[at+1])
	}
}

// While the input line has the keyboard, the help offers only keys that
// do not type into it.
func TestHelpWhileTypingOffersNoTypedKeys(t *testing.T) {
	m := newTest(&fakeRunner{}, 80, 20)
	typeText(t, m, "SELECT 1")
	km := m.KeyMap(keys.New(i18n.EN))
	var offered []key.Binding
	offered = append(offered, km.ShortHelp()...)
	for _, col := range km.FullHelp() {
		offered = append(offered, col...)
	}
	for _, b := range offered {
		for _, k := range b.Keys() {
			if len([]rune(k)) != 1 {
				continue // enter, esc, tab, ctrl+…: not typed
			}
			before := m.Value()
			if handled, _ := m.Update(press(k)); !handled || m.Value() == before {
				continue
			}
			t.Errorf("the help offers %q (%s) but it types into the statement", k, b.Help().Desc)
			m.SetValue(before)
		}
	}
}
