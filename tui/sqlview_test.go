package tui

import (
	"strings"
	"sync"
	"testing"

	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/x/ansi"

	"lagebild/tui/common"
	"lagebild/tui/console"
	"lagebild/tui/keys"
)

// auditLog records the events of the Audit hook.
type auditLog struct {
	mu     sync.Mutex
	events []auditEvent
}

type auditEvent struct {
	name   string
	fields map[string]any
}

func (a *auditLog) hook(name string, fields map[string]any) {
	a.mu.Lock()
	defer a.mu.Unlock()
	a.events = append(a.events, auditEvent{name, fields})
}

func (a *auditLog) named(name string) []map[string]any {
	a.mu.Lock()
	defer a.mu.Unlock()
	var out []map[string]any
	for _, e := range a.events {
		if e.name == name {
			out = append(out, e.fields)
		}
	}
	return out
}

func typeText(m *Model, s string) {
	for _, r := range s {
		m.Update(tea.KeyPressMsg{Code: r, Text: string(r)})
	}
}

// TestSQLViewRoles: the SQL console is view 7 for analysts only; a viewer
// neither sees its tab nor reaches it by any key.
func TestSQLViewRoles(t *testing.T) {
	src := testStore(t)
	v := newTestModel(t, src, Options{NoColor: true, Role: common.RoleViewer}, 100, 30)
	for _, tb := range v.tabs {
		if tb.view.Name() == "sql" {
			t.Fatal("a viewer has a console")
		}
	}
	if strings.Contains(v.render(), "8 SQL") {
		t.Fatal("the viewer's header shows the SQL tab")
	}
	v.Update(press("8"))
	if onSQL(v) {
		t.Fatal("viewer reached the SQL view with 7")
	}
	for range 10 {
		v.Update(press("tab"))
		if onSQL(v) {
			t.Fatal("viewer reached the SQL view with tab")
		}
	}
	for range 10 {
		v.Update(tea.KeyPressMsg{Code: tea.KeyTab, Mod: tea.ModShift})
		if onSQL(v) {
			t.Fatal("viewer reached the SQL view with shift+tab")
		}
	}
	if _, ok := v.tabAt(99); ok && strings.Contains(strings.Join(v.tabLabels(), ""), "SQL") {
		t.Fatal("viewer has an SQL tab to click")
	}

	a := newTestModel(t, src, Options{NoColor: true, Role: common.RoleAnalyst}, 100, 30)
	if !strings.Contains(a.render(), "8 SQL") {
		t.Fatal("the analyst's header lacks the SQL tab")
	}
	a.Update(press("8"))
	if !onSQL(a) {
		t.Fatalf("analyst pressed 7: view %d", a.active)
	}
	if out := a.render(); !strings.Contains(out, "SQL console") {
		t.Fatalf("SQL view lacks the console title:\n%s", out)
	}
	// tab leaves the console for the next view, shift+tab comes back.
	a.Update(press("tab"))
	if a.active != tabIndex(t, a, "states") {
		t.Fatalf("tab from SQL: view %d", a.active)
	}
	a.Update(tea.KeyPressMsg{Code: tea.KeyTab, Mod: tea.ModShift})
	if !onSQL(a) {
		t.Fatalf("shift+tab from the states: view %d", a.active)
	}
}

// TestAuditEvents: the hook hears view changes and applied filters, with
// names and keys only.
func TestAuditEvents(t *testing.T) {
	var log auditLog
	m := newTestModel(t, testStore(t), Options{NoColor: true, Audit: log.hook}, 100, 30)
	loadSync(t, m, tabIndex(t, m, "overview"))
	m.Update(press("2"))
	m.Update(press("2")) // no change, no event
	m.Update(press("tab"))
	got := log.named("view")
	if len(got) != 2 || got[0]["view"] != "age" || got[1]["view"] != "phenomena" {
		t.Fatalf("view events = %v", got)
	}
	for _, k := range []string{"f", "down", "enter", "down", "space"} {
		m.Update(press(k))
	}
	fe := log.named("filter")
	if len(fe) == 0 {
		t.Fatal("no filter event")
	}
	if last := fe[len(fe)-1]; last["filter"] != m.ctx.Filter.Key() || len(last) != 1 {
		t.Fatalf("filter event = %v, want filter %q", last, m.ctx.Filter.Key())
	}
}

// TestSQLConsoleRuns: an analyst types a statement on view 7; the keys go
// to the input line (not to quit, view switching or the filter), the
// result shows, y copies it, esc leaves the input so that 1 and q work.
func TestSQLConsoleRuns(t *testing.T) {
	var log auditLog
	m := newTestModel(t, testStore(t), Options{NoColor: true, Role: common.RoleAnalyst, Audit: log.hook}, 100, 30)
	m.Update(press("8"))
	if !onSQL(m) {
		t.Fatal("no SQL view")
	}
	typeText(m, "q1t/f?")
	if m.quitting || !onSQL(m) || m.filterOpen || m.help.ShowAll {
		t.Fatalf("keys typed into the input acted on the TUI: quitting=%v view=%d filter=%v help=%v",
			m.quitting, m.active, m.filterOpen, m.help.ShowAll)
	}
	if out := ansi.Strip(m.render()); !strings.Contains(out, "SQL> q1t/f?") {
		t.Fatalf("input not shown:\n%s", out)
	}
	for range len("q1t/f?") {
		m.Update(tea.KeyPressMsg{Code: tea.KeyBackspace})
	}
	typeText(m, "SELECT 1+1 AS two")
	_, cmd := m.Update(press("enter"))
	if cmd == nil {
		t.Fatal("enter returned no command")
	}
	msg := cmd()
	if _, ok := msg.(console.ResultMsg); !ok {
		t.Fatalf("statement returned %T", msg)
	}
	m.Update(msg)
	out := m.render()
	if body := ansi.Strip(out); !strings.Contains(out, "1 row") || !containsLine(body, "two") || !containsLine(body, "2") {
		t.Fatalf("result not shown:\n%s", out)
	}
	sq := log.named("sql")
	if len(sq) != 1 || sq[0]["sql"] != "SELECT 1+1 AS two" || sq[0]["outcome"] != "ok" {
		t.Fatalf("sql events = %v", sq)
	}

	m.Update(press("esc"))
	if consoleKeys(t, m).Focused {
		t.Fatal("esc did not leave the input line")
	}
	if _, cmd := m.Update(press("Y")); cmd == nil {
		t.Fatal("Y on the result returned no command")
	}
	if c := log.named("copy"); len(c) != 1 || c[0]["view"] != "sql" || c[0]["format"] != "tsv" || c[0]["tables"] != 1 {
		t.Fatalf("copy events = %v", c)
	}
	if m.status == "" {
		t.Fatal("Y gave no status")
	}
	m.Update(press("1"))
	if m.active != tabIndex(t, m, "overview") {
		t.Fatalf("1 after esc: view %d", m.active)
	}
	// A status message stays with the view it was made on.
	if m.status != "" {
		t.Fatalf("the console's status %q is shown on the overview", m.status)
	}
	m.Update(press("8"))
	m.Update(press("esc")) // the input line is still blurred: esc closes nothing
	if _, cmd := m.Update(press("q")); cmd == nil || !m.quitting {
		t.Fatal("q on the blurred console did not quit")
	}
}

// TestSQLConsoleCtrlC: ctrl+c quits while the input line has the keys.
func TestSQLConsoleCtrlC(t *testing.T) {
	m := newTestModel(t, testStore(t), Options{NoColor: true, Role: common.RoleAnalyst}, 100, 30)
	m.Update(press("8"))
	if !consoleKeys(t, m).Focused {
		t.Fatal("console input not focused")
	}
	m.Update(tea.KeyPressMsg{Code: 'c', Mod: tea.ModCtrl})
	if !m.quitting {
		t.Fatal("ctrl+c did not quit")
	}
}

// onSQL reports whether the SQL console is the visible tab.
func onSQL(m *Model) bool { return m.cur().view.Name() == "sql" }

// consoleKeys is the key map of the visible tab, the console: it says
// whether the input line has the keys.
func consoleKeys(t *testing.T, m *Model) keys.Console {
	t.Helper()
	it, ok := m.interactive()
	if !ok {
		t.Fatal("the visible tab is not interactive")
	}
	k, ok := it.KeyMap(m.keys).(keys.Console)
	if !ok {
		t.Fatalf("the console's key map is a %T", it.KeyMap(m.keys))
	}
	return k
}

// containsLine reports whether a line of out has the word w on its own
// (between spaces or box characters).
func containsLine(out, w string) bool {
	for _, l := range strings.Split(out, "\n") {
		for _, f := range strings.FieldsFunc(l, func(r rune) bool { return r == ' ' || r == '│' || r == '|' }) {
			if f == w {
				return true
			}
		}
	}
	return false
}

// TestHelpListsTheKeysOfWhatHasThem: the help shows the console's keys on
// the console (the input line's while it has the keys, the result's after
// esc, ? opening the full help as a page of the body) and the filter
// panel's keys while the panel is open; the main screen's own keys
// (export, reload) only there.
func TestHelpListsTheKeysOfWhatHasThem(t *testing.T) {
	m := newTestModel(t, testStore(t), Options{NoColor: true, Role: common.RoleAnalyst}, 120, 40)
	// screen is the screen with spaces collapsed: in the columns of the
	// full help a key and its description read "key desc".
	screen := func(footerOnly bool) string {
		lines := strings.Split(ansi.Strip(m.render()), "\n")
		if footerOnly {
			lines = lines[len(lines)-m.footerHeight():]
		}
		var out []string
		for _, l := range lines {
			out = append(out, strings.Join(strings.Fields(l), " "))
		}
		return strings.Join(out, "\n")
	}
	footer := func() string { return screen(true) }
	if f := footer(); !strings.Contains(f, "1-9 go to view") || !strings.Contains(f, "e export") {
		t.Fatalf("main screen help:\n%s", f)
	}
	m.Update(press("8"))
	if f := footer(); !strings.Contains(f, "enter run statement") || !strings.Contains(f, "↑/↓ history") || strings.Contains(f, "e export") {
		t.Fatalf("console input help:\n%s", f)
	}
	m.Update(press("esc"))
	m.Update(press("?"))
	f := screen(false)
	for _, want := range []string{"i/enter edit statement", "←→/hl columns", "ctrl+l clear", "Y copy (TSV)", "f filter", "q quit"} {
		if !strings.Contains(f, want) {
			t.Errorf("console full help lacks %q:\n%s", want, f)
		}
	}
	if strings.Contains(f, "e export") || strings.Contains(f, "r reload") {
		t.Errorf("console full help lists keys that do nothing there:\n%s", f)
	}
	m.Update(press("?"))
	m.Update(press("1"))
	m.Update(press("f"))
	if f := footer(); !strings.Contains(f, "enter choose") || !strings.Contains(f, "A–Z find") || strings.Contains(f, "export") {
		t.Fatalf("filter panel help:\n%s", f)
	}
}
