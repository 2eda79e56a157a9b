package console

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"sync"
	"testing"
	"time"

	tea "charm.land/bubbletea/v2"
	"charm.land/lipgloss/v2"

	"lagebild/datasets/sample"
	"lagebild/queries"
	"lagebild/tui/styles"
)

// fakeRunner answers statements from a map.
type fakeRunner struct {
	mu      sync.Mutex
	results map[string]*queries.ConsoleResult
	errs    map[string]error
	block   chan struct{} // if set, statements wait for it or their context
	seen    []string
}

func (f *fakeRunner) Console(ctx context.Context, q string, _ queries.ConsoleLimits) (*queries.ConsoleResult, error) {
	f.mu.Lock()
	f.seen = append(f.seen, q)
	block := f.block
	f.mu.Unlock()
	if block != nil {
		select {
		case <-block:
		case <-ctx.Done():
			return nil, ctx.Err()
		}
	}
	if err, ok := f.errs[q]; ok {
		return nil, err
	}
	if r, ok := f.results[q]; ok {
		return r, nil
	}
	return nil, &queries.InvalidQueryError{Err: errors.New("unknown statement")}
}

func monoStyles() *styles.Styles { return styles.New(styles.Theme{Dark: true, Mono: true}) }

func newTest(r Runner, w, h int) *Model {
	m := New(Options{Runner: r, Styles: monoStyles(), Limits: queries.ConsoleLimits{Timeout: 5 * time.Second, MaxRows: 100}})
	m.SetSize(w, h)
	return m
}

func press(s string) tea.KeyPressMsg {
	switch s {
	case "enter":
		return tea.KeyPressMsg{Code: tea.KeyEnter}
	case "esc":
		return tea.KeyPressMsg{Code: tea.KeyEscape}
	case "up":
		return tea.KeyPressMsg{Code: tea.KeyUp}
	case "down":
		return tea.KeyPressMsg{Code: tea.KeyDown}
	case "tab":
		return tea.KeyPressMsg{Code: tea.KeyTab}
	case "pgdown":
		return tea.KeyPressMsg{Code: tea.KeyPgDown}
	case "right":
		return tea.KeyPressMsg{Code: tea.KeyRight}
	case "space":
		return tea.KeyPressMsg{Code: tea.KeySpace, Text: " "}
	}
	r := []rune(s)[0]
	return tea.KeyPressMsg{Code: r, Text: s}
}

// typeText types s into the console.
func typeText(t *testing.T, m *Model, s string) {
	t.Helper()
	for _, r := range s {
		k := press(string(r))
		if r == ' ' {
			k = press("space")
		}
		if handled, _ := m.Update(k); !handled {
			t.Fatalf("key %q not handled while typing", r)
		}
	}
}

// run types and runs a statement and feeds its result back.
func run(t *testing.T, m *Model, sql string) {
	t.Helper()
	m.SetValue("")
	typeText(t, m, sql)
	handled, cmd := m.Update(press("enter"))
	if !handled || cmd == nil {
		t.Fatalf("enter: handled=%v cmd=%v", handled, cmd != nil)
	}
	if !m.Running() || !strings.Contains(m.View(), "running") {
		t.Fatalf("not running:\n%s", m.View())
	}
	m.Update(cmd())
}

func checkSize(t *testing.T, m *Model, w, h int) {
	t.Helper()
	v := m.View()
	lines := strings.Split(v, "\n")
	if len(lines) != h {
		t.Fatalf("%d lines, want %d:\n%s", len(lines), h, v)
	}
	for i, l := range lines {
		if lipgloss.Width(l) > w {
			t.Fatalf("line %d is %d wide (max %d): %q", i, lipgloss.Width(l), w, l)
		}
	}
}

func result(cols []string, types []string, rows ...[]any) *queries.ConsoleResult {
	return &queries.ConsoleResult{Columns: cols, Types: types, Rows: rows, MaxRows: 100, Elapsed: 12 * time.Millisecond}
}

func TestTableResultAndHistory(t *testing.T) {
	r := &fakeRunner{results: map[string]*queries.ConsoleResult{
		"SELECT state, age_band, n FROM t": result([]string{"state", "age_band", "n"}, []string{"VARCHAR", "VARCHAR", "BIGINT"},
			[]any{"DE-BY", "14_17", int64(12)}, []any{"DE-BW", nil, int64(1234567)}),
		"SELECT 1": result([]string{"1"}, []string{"INTEGER"}, []any{int64(1)}),
	}}
	m := newTest(r, 80, 20)
	checkSize(t, m, 80, 20)
	if !strings.Contains(m.View(), "Tables: cases") || !strings.Contains(m.View(), "limits: 5s per statement, at most 100 rows") {
		t.Fatalf("intro:\n%s", m.View())
	}
	run(t, m, "SELECT state, age_band, n FROM t")
	v := m.View()
	// Codes of a known code list by their labels, numbers formatted.
	for _, want := range []string{"state", "age_band", "Bavaria", "14–17", "1,234,567", "NULL", "2 rows"} {
		if !strings.Contains(v, want) {
			t.Errorf("missing %q:\n%s", want, v)
		}
	}
	checkSize(t, m, 80, 20)
	run(t, m, "SELECT 1")
	// History: up twice, down twice back to the draft.
	typeText(t, m, "draft")
	m.Update(press("up"))
	if m.Value() != "SELECT 1" {
		t.Fatalf("up: %q", m.Value())
	}
	m.Update(press("up"))
	if m.Value() != "SELECT state, age_band, n FROM t" {
		t.Fatalf("up up: %q", m.Value())
	}
	m.Update(press("up"))
	if m.Value() != "SELECT state, age_band, n FROM t" {
		t.Fatalf("past the oldest: %q", m.Value())
	}
	m.Update(press("down"))
	m.Update(press("down"))
	if m.Value() != "draft" {
		t.Fatalf("back to the draft: %q", m.Value())
	}
	if h := m.History(); len(h) != 2 {
		t.Fatalf("history %v", h)
	}
	// Running the same statement twice keeps one history entry.
	run(t, m, "SELECT 1")
	if h := m.History(); len(h) != 2 {
		t.Fatalf("history %v", h)
	}
}

func TestChartForLabelAndNumber(t *testing.T) {
	r := &fakeRunner{results: map[string]*queries.ConsoleResult{
		"q": result([]string{"phenomenon", "n"}, []string{"VARCHAR", "BIGINT"},
			[]any{"right_wing", int64(400)}, []any{"islamist", int64(200)}, []any{"left_wing", int64(0)}),
		"neg": result([]string{"x", "d"}, []string{"VARCHAR", "DOUBLE"}, []any{"a", -1.5}),
		"dec": result([]string{"x", "d"}, []string{"VARCHAR", "DECIMAL(10,2)"}, []any{"a", "12.50"}),
	}}
	m := newTest(r, 80, 16)
	run(t, m, "q")
	v := m.View()
	if !strings.Contains(v, "Right-wing extremism") || !strings.Contains(v, "n by phenomenon") {
		t.Fatalf("chart:\n%s", v)
	}
	// Mono: bars are drawn with the series pattern; 400 twice as long as 200.
	lines := strings.Split(v, "\n")
	var rw, is string
	for _, l := range lines {
		if strings.HasPrefix(l, "Right-wing extremism") {
			rw = l
		}
		if strings.HasPrefix(l, "Islamism") {
			is = l
		}
	}
	bar := func(l string) int {
		return len(strings.TrimSpace(strings.TrimSuffix(strings.TrimRight(l, " 0123456789"), " ")))
	}
	if bar(rw) <= bar(is) {
		t.Errorf("bars:\n%s\n%s", rw, is)
	}
	checkSize(t, m, 80, 16)
	// t flips to the table (keys scroll once the input is left).
	m.Update(press("esc"))
	if m.Focused() {
		t.Fatal("esc did not leave the input")
	}
	if handled, _ := m.Update(press("t")); !handled {
		t.Fatal("t not handled")
	}
	if !strings.Contains(m.View(), "───") {
		t.Fatalf("table after t:\n%s", m.View())
	}
	m.Update(press("enter"))
	for _, q := range []string{"neg", "dec"} {
		run(t, m, q)
		if strings.Contains(m.View(), "by x") != (q == "dec") {
			t.Errorf("%s: chart shown=%v:\n%s", q, !(q == "dec"), m.View())
		}
	}
}

// TestKeysForTheRoot: while the input has the keyboard, only tab,
// shift+tab and ctrl+c go to the root; after esc, view keys and q do.
func TestKeysForTheRoot(t *testing.T) {
	m := newTest(&fakeRunner{}, 80, 20)
	for _, k := range []string{"3", "q", "f", "?"} {
		if handled, _ := m.Update(press(k)); !handled {
			t.Errorf("%q went to the root while typing", k)
		}
	}
	if m.Value() != "3qf?" {
		t.Fatalf("value %q", m.Value())
	}
	if handled, _ := m.Update(press("tab")); handled {
		t.Error("tab kept by the console")
	}
	if handled, _ := m.Update(tea.KeyPressMsg{Code: 'c', Mod: tea.ModCtrl}); handled {
		t.Error("ctrl+c kept by the console")
	}
	m.Update(press("esc"))
	for _, k := range []string{"3", "q", "tab", "esc"} {
		if handled, _ := m.Update(press(k)); handled {
			t.Errorf("%q kept by the console after esc", k)
		}
	}
	if handled, _ := m.Update(press("i")); !handled || !m.Focused() {
		t.Fatal("i did not focus the input")
	}
}

func TestCancelAndStaleResult(t *testing.T) {
	r := &fakeRunner{block: make(chan struct{}), results: map[string]*queries.ConsoleResult{
		"slow": result([]string{"a"}, []string{"INTEGER"}, []any{int64(1)}),
	}}
	var audited []map[string]any
	var amu sync.Mutex
	m := New(Options{Runner: r, Styles: monoStyles(), Audit: func(ev string, f map[string]any) {
		amu.Lock()
		defer amu.Unlock()
		f["event"] = ev
		audited = append(audited, f)
	}})
	m.SetSize(80, 20)
	typeText(t, m, "slow")
	_, cmd := m.Update(press("enter"))
	done := make(chan tea.Msg)
	go func() { done <- cmd() }()
	// The screen stays responsive while the statement runs.
	if handled, _ := m.Update(press("x")); !handled || m.Value() != "x" {
		t.Fatal("typing while running")
	}
	m.Update(press("esc")) // cancels
	if m.Running() || !strings.Contains(m.View(), "cancelled") {
		t.Fatalf("after esc:\n%s", m.View())
	}
	msg := <-done
	m.Update(msg)
	if strings.Contains(m.View(), "1 row") {
		t.Fatal("a cancelled statement's result was shown")
	}
	amu.Lock()
	defer amu.Unlock()
	// The statement is on record when it starts, its outcome when it ends.
	if len(audited) != 2 || audited[0]["event"] != "sql_start" || audited[0]["sql"] != "slow" ||
		audited[1]["event"] != "sql" || audited[1]["outcome"] != "cancelled" || audited[1]["sql"] != "slow" {
		t.Fatalf("audit %v", audited)
	}
}

// TestRealStore: the refusals and limits of (*queries.Store).Console, and
// the audit fields (never a value of the result).
func TestRealStore(t *testing.T) {
	st, err := queries.Open(context.Background(), queries.OpenOptions{Fill: sample.Fill(nil)})
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	var mu sync.Mutex
	var events, starts []map[string]any
	m := New(Options{Runner: st, Styles: monoStyles(), Limits: queries.ConsoleLimits{MaxRows: 5},
		Audit: func(ev string, f map[string]any) {
			mu.Lock()
			defer mu.Unlock()
			switch ev {
			case "sql_start":
				starts = append(starts, f)
				return
			case "sql":
			default:
				t.Errorf("event %q", ev)
			}
			if len(starts) != len(events)+1 || starts[len(events)]["sql"] != f["sql"] {
				t.Errorf("outcome of %v without its sql_start", f["sql"])
			}
			events = append(events, f)
		}})
	m.SetSize(100, 24)
	for _, tc := range []struct{ sql, want, outcome string }{
		{"SELECT phenomenon, count(*) AS n FROM cases GROUP BY ALL ORDER BY n DESC", "n by phenomenon", "ok"},
		{"SELECT case_id, state FROM cases", "truncated at 5 rows", "ok"},
		{"DELETE FROM cases", "refused", "refused"},
		{"SELECT * FROM read_csv('/etc/passwd')", "refused", "refused"},
		{"SELECT * FROM case_records", "refused", "refused"},
		{"SELECT 1; SELECT 2", "refused", "refused"},
		{"SELEC 1", "syntax error", "invalid"},
	} {
		run(t, m, tc.sql)
		if v := m.View(); !strings.Contains(v, tc.want) {
			t.Errorf("%s: want %q:\n%s", tc.sql, tc.want, v)
		}
		checkSize(t, m, 100, 24)
	}
	mu.Lock()
	defer mu.Unlock()
	if len(events) != 7 {
		t.Fatalf("%d audit events", len(events))
	}
	for i, want := range []string{"ok", "ok", "refused", "refused", "refused", "refused", "invalid"} {
		e := events[i]
		if e["outcome"] != want {
			t.Errorf("event %d: %v", i, e)
		}
		for k := range e {
			switch k {
			case "sql", "outcome", "ms", "rows", "truncated", "refused", "source":
			default:
				t.Errorf("event %d has field %q: %v", i, k, e)
			}
		}
	}
	if events[1]["rows"] != 5 || events[1]["truncated"] != true {
		t.Errorf("truncation not audited: %v", events[1])
	}
	if s := fmt.Sprint(events); strings.Contains(s, "DE-") {
		t.Errorf("audit holds record-level data: %s", s)
	}
}

func TestTimeoutAndErrors(t *testing.T) {
	r := &fakeRunner{errs: map[string]error{
		"slow": fmt.Errorf("%w: the statement ran longer than 5s and was stopped", queries.ErrConsoleTimeout),
		"bad":  errors.New("IO Error: \x1b[2Jboom"),
	}}
	m := newTest(r, 80, 12)
	run(t, m, "slow")
	if !strings.Contains(m.View(), "time limit of 5s exceeded") {
		t.Fatalf("%s", m.View())
	}
	run(t, m, "bad")
	if v := m.View(); !strings.Contains(v, "IO Error: ") || strings.Contains(v, "\x1b[2J") {
		t.Fatalf("%q", v)
	}
	if Outcome(r.errs["slow"]) != "timeout" || Outcome(nil) != "ok" || Outcome(context.Canceled) != "cancelled" {
		t.Fatal("Outcome")
	}
}

func TestScrollPasteCopyAndSizes(t *testing.T) {
	var rows [][]any
	for i := range 50 {
		rows = append(rows, []any{int64(i), strings.Repeat("x", 30), "line\nbreak\x1b[31m", 1.5, true, nil, "|pipe"})
	}
	cols := []string{"i", "wide", "ctrl", "f", "b", "null", "p"}
	types := []string{"BIGINT", "VARCHAR", "VARCHAR", "DOUBLE", "BOOLEAN", "VARCHAR", "VARCHAR"}
	r := &fakeRunner{results: map[string]*queries.ConsoleResult{"many": result(cols, types, rows...)}}
	m := newTest(r, 60, 15)
	run(t, m, "many")
	v := m.View()
	if strings.Contains(v, "\x1b[31m") || !strings.Contains(v, `line\nbreak`) {
		t.Fatalf("control characters reached the screen:\n%q", v)
	}
	if !strings.Contains(v, "rows 1–") || !strings.Contains(v, "columns 1–") {
		t.Fatalf("position:\n%s", v)
	}
	m.Update(press("pgdown"))
	// a page is 7 rows: the statement takes one line above the result
	if !strings.Contains(m.View(), "rows 8–") {
		t.Fatalf("pgdown:\n%s", m.View())
	}
	m.Update(press("esc"))
	m.Update(press("right"))
	if strings.Contains(m.View(), "  i ") {
		t.Fatalf("right did not scroll the columns:\n%s", m.View())
	}
	m.Update(press("G"))
	if !strings.Contains(m.View(), "rows 44–50 of 50") {
		t.Fatalf("end:\n%s", m.View())
	}
	tsv, ok := m.TSV()
	if !ok || !strings.HasPrefix(tsv, "i\twide\tctrl") || strings.Count(tsv, "\n") != 51 {
		t.Fatalf("tsv %q", tsv[:80])
	}
	md, ok := m.Markdown()
	if !ok || !strings.Contains(md, "```sql\nmany\n```") || !strings.Contains(md, `\|pipe`) || !strings.Contains(md, "| NULL |") {
		t.Fatalf("markdown %q", md[:200])
	}
	m.Update(press("i"))
	m.SetValue("")
	m.Update(tea.PasteMsg{Content: "SELECT\n  1"})
	if m.Value() != "SELECT   1" {
		t.Fatalf("paste %q", m.Value())
	}
	for _, size := range [][2]int{{20, 3}, {40, 5}, {200, 60}, {1, 1}} {
		m.SetSize(size[0], size[1])
		checkSize(t, m, size[0], size[1])
	}
	de := New(Options{Lang: "de", Styles: monoStyles()})
	de.SetSize(100, 10)
	if !strings.Contains(de.View(), "SQL-Konsole") || !strings.Contains(de.View(), "Grenzen: 10s je Anweisung") {
		t.Fatalf("German:\n%s", de.View())
	}
}
