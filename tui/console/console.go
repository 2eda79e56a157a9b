// Package console is the analyst's SQL console of the TUI: an input line
// with history, the result as a scrollable table, a bar chart for a
// two-column result (label, number), and the time and row limits and
// refusals of (*queries.Store).Console.
//
// It is a dumb sub-model: the root model gives it its size, forwards key
// presses while the console view is visible (Update reports whether the
// console used the key) and forwards ResultMsg; View returns a string of
// exactly the given height. Statements run off the UI loop as a tea.Cmd
// with their own cancellable context, so a slow statement never stalls
// the screen; esc cancels it.
//
// The console shows exact record-level data (already anonymised at
// import): the root offers it to the analyst role only. Every statement
// is passed to the Audit hook with its outcome (never with result values).
package console

import (
	"context"
	"errors"
	"fmt"
	"math"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

	"lagebild/internal/i18n"
	"lagebild/tui/keys"

	"charm.land/bubbles/v2/key"
	"charm.land/bubbles/v2/textinput"
	tea "charm.land/bubbletea/v2"
	"charm.land/lipgloss/v2"
	"github.com/charmbracelet/x/ansi"

	"lagebild/queries"
	"lagebild/queries/export"
	"lagebild/queries/report"
	"lagebild/tui/charts"
	"lagebild/tui/styles"
)

// Runner runs one console statement: a *queries.Store.
type Runner interface {
	Console(ctx context.Context, query string, limits queries.ConsoleLimits) (*queries.ConsoleResult, error)
}

// Options configure the console.
type Options struct {
	Runner Runner
	// Limits of every statement (zero: the defaults of package queries).
	Limits queries.ConsoleLimits
	Lang   i18n.Lang
	// Styles of the TUI (default: the dark theme).
	Styles *styles.Styles
	// Context bounds every statement (default: context.Background()).
	Context context.Context
	// Audit, if set, is called once per statement, from the goroutine
	// that ran it, with the event "sql_start" (fields sql, source) before
	// the statement runs, so that a statement that never ends is on
	// record, and the event "sql" and the fields sql, outcome
	// (ok, refused, invalid, timeout, memory, cancelled, error), ms, and for a
	// result rows and truncated, for a refusal refused (what was refused).
	// It must be safe for concurrent use.
	Audit func(event string, fields map[string]any)
	// History is the starting history, oldest first.
	History []string
	// MaxHistory bounds the history (default 200).
	MaxHistory int
}

// Layout constants.
const (
	maxColWidth = 40    // widest result column before it is cut with …
	charLimit   = 16384 // longest statement
)

// ResultMsg is the outcome of a statement. The root model forwards it to
// Update.
type ResultMsg struct {
	seq     int
	SQL     string
	Result  *queries.ConsoleResult
	Err     error
	Elapsed time.Duration
}

// Model is the console.
type Model struct {
	o     Options
	st    *styles.Styles
	lang  i18n.Lang
	keys  keys.Console
	w, h  int
	input textinput.Model

	history []string
	histPos int    // len(history) while editing a new statement
	draft   string // the new statement while browsing the history

	seq     int
	running bool
	cancel  context.CancelFunc
	runSQL  string

	// The last result.
	sql       string
	res       *queries.ConsoleResult
	err       error
	elapsed   time.Duration
	cells     [][]string
	nulls     [][]bool
	widths    []int
	numeric   []bool
	codes     []bool // columns of a known code list (labelled unless raw)
	raw       bool   // show values as DuckDB returned them
	chartable bool
	bars      []charts.Bar
	showTable bool
	row, col  int
}

// New returns the console with the input focused.
func New(o Options) *Model {
	if o.Context == nil {
		o.Context = context.Background()
	}
	if o.MaxHistory <= 0 {
		o.MaxHistory = 200
	}
	if o.Styles == nil {
		o.Styles = styles.New(styles.Theme{Dark: true})
	}
	if o.Lang == "" {
		o.Lang = i18n.EN
	}
	m := &Model{o: o, lang: o.Lang, keys: keys.NewConsole(o.Lang)}
	m.input = textinput.New()
	m.input.Prompt = "SQL> "
	m.input.CharLimit = charLimit
	km := textinput.DefaultKeyMap()
	// ctrl+v would read the clipboard of the machine the program runs on
	// (over SSH: the server's); bracketed paste from the terminal works.
	km.Paste = key.NewBinding(key.WithDisabled())
	km.AcceptSuggestion = key.NewBinding(key.WithDisabled())
	km.NextSuggestion = key.NewBinding(key.WithDisabled())
	km.PrevSuggestion = key.NewBinding(key.WithDisabled())
	m.input.KeyMap = km
	m.history = append([]string(nil), o.History...)
	m.histPos = len(m.history)
	m.SetStyles(o.Styles)
	m.input.Focus()
	m.input.Placeholder = m.t("console.placeholder")
	return m
}

// SetSize sets the size the console renders at.
func (m *Model) SetSize(w, h int) {
	m.w, m.h = max(w, 0), max(h, 0)
	m.input.SetWidth(max(m.w-lipgloss.Width(m.input.Prompt)-1, 1))
	m.clampScroll()
}

// SetStyles sets the styles (after a theme change).
func (m *Model) SetStyles(st *styles.Styles) {
	m.st = st
	s := textinput.DefaultStyles(st.Dark)
	if st.Mono || st.Accessible {
		s = textinput.Styles{}
	} else {
		s.Focused.Prompt = st.Title
		s.Blurred.Prompt = st.Muted
	}
	// A blinking cursor would redraw the screen twice a second, for
	// every session of a server.
	s.Cursor.Blink = false
	m.input.SetStyles(s)
	m.rebuildBars()
}

// SetLang sets the language of the console's own texts.
func (m *Model) SetLang(l i18n.Lang) {
	m.lang = l
	m.keys = keys.NewConsole(l)
	if m.input.Placeholder != "" {
		m.input.Placeholder = m.t("console.placeholder")
	}
	m.buildCells()
}

// Focus puts the keyboard on the input line.
func (m *Model) Focus() tea.Cmd { return m.input.Focus() }

// Blur takes the keyboard off the input line (keys scroll the result).
func (m *Model) Blur() { m.input.Blur() }

// Focused reports whether the input line has the keyboard: then every
// key but tab, shift+tab and ctrl+c belongs to the console.
func (m *Model) Focused() bool { return m.input.Focused() }

// Running reports whether a statement runs.
func (m *Model) Running() bool { return m.running }

// Cancel stops a running statement (when the view closes or the
// program quits).
func (m *Model) Cancel() {
	if m.cancel != nil {
		m.cancel()
	}
}

// History returns the statements run, oldest first.
func (m *Model) History() []string { return append([]string(nil), m.history...) }

// Value is the text on the input line.
func (m *Model) Value() string { return m.input.Value() }

// SetValue puts text on the input line.
func (m *Model) SetValue(s string) { m.input.SetValue(s); m.input.CursorEnd() }

// Result returns the last result (nil before the first or after an error).
func (m *Model) Result() *queries.ConsoleResult { return m.res }

// Update handles a message. handled reports whether the console used it;
// the root handles the keys the console does not use (view switching,
// quit, help) as usual.
func (m *Model) Update(msg tea.Msg) (handled bool, cmd tea.Cmd) {
	switch msg := msg.(type) {
	case ResultMsg:
		if msg.seq != m.seq || !m.running {
			return true, nil // a cancelled or superseded statement
		}
		m.running = false
		if m.cancel != nil {
			m.cancel()
			m.cancel = nil
		}
		m.setResult(msg)
		return true, nil
	case tea.PasteMsg:
		if !m.input.Focused() {
			return false, nil
		}
		var cmd tea.Cmd
		m.input, cmd = m.input.Update(tea.PasteMsg{Content: strings.NewReplacer("\r\n", " ", "\n", " ", "\r", " ", "\t", " ").Replace(msg.Content)})
		return true, cmd
	case tea.KeyPressMsg:
		if m.input.Focused() {
			return m.focusedKey(msg)
		}
		return m.blurredKey(msg)
	}
	return false, nil
}

func (m *Model) focusedKey(msg tea.KeyPressMsg) (bool, tea.Cmd) {
	k := m.keys
	switch {
	case key.Matches(msg, k.Pass):
		return false, nil
	case key.Matches(msg, k.Run):
		return true, m.run()
	case key.Matches(msg, k.HistoryUp):
		m.historyMove(-1)
		return true, nil
	case key.Matches(msg, k.HistoryDown):
		m.historyMove(1)
		return true, nil
	case key.Matches(msg, k.InputPageUp):
		m.scrollRows(-m.pageRows())
		return true, nil
	case key.Matches(msg, k.InputPageDown):
		m.scrollRows(m.pageRows())
		return true, nil
	case key.Matches(msg, k.Stop) && m.running:
		m.stop()
		return true, nil
	case key.Matches(msg, k.Leave):
		m.input.Blur()
		return true, nil
	case key.Matches(msg, k.Clear):
		m.clear()
		return true, nil
	}
	var cmd tea.Cmd
	m.input, cmd = m.input.Update(msg)
	if m.histPos == len(m.history) {
		m.draft = m.input.Value()
	}
	return true, cmd
}

func (m *Model) blurredKey(msg tea.KeyPressMsg) (bool, tea.Cmd) {
	k := m.keys
	switch {
	case key.Matches(msg, k.Edit):
		return true, m.input.Focus()
	case key.Matches(msg, k.Stop):
		if m.running {
			m.stop()
			return true, nil
		}
		return false, nil
	case key.Matches(msg, k.Up):
		m.scrollRows(-1)
	case key.Matches(msg, k.Down):
		m.scrollRows(1)
	case key.Matches(msg, k.Left):
		m.col = max(m.col-1, 0)
	case key.Matches(msg, k.Right):
		if m.col < len(m.widths)-1 {
			m.col++
		}
	case key.Matches(msg, k.PageUp):
		m.scrollRows(-m.pageRows())
	case key.Matches(msg, k.PageDown):
		m.scrollRows(m.pageRows())
	case key.Matches(msg, k.Home):
		m.row, m.col = 0, 0
	case key.Matches(msg, k.End):
		m.row = 1 << 30
		m.clampScroll()
	case key.Matches(msg, k.Chart):
		if m.chartable {
			m.showTable = !m.showTable
			m.clampScroll()
		}
	case key.Matches(msg, k.Raw):
		m.raw = !m.raw
		m.buildCells()
	case key.Matches(msg, k.Clear):
		m.clear()
	default:
		return false, nil
	}
	return true, nil
}

// KeyMap is the console's key map in its present state (input line or
// result, running or not) with root, the main screen's keys, for the help.
func (m *Model) KeyMap(root keys.KeyMap) keys.Console {
	k := m.keys
	k.Root, k.Focused, k.Running = root, m.input.Focused(), m.running
	return k
}

func (m *Model) historyMove(d int) {
	if len(m.history) == 0 {
		return
	}
	if m.histPos == len(m.history) {
		m.draft = m.input.Value()
	}
	p := min(max(m.histPos+d, 0), len(m.history))
	if p == m.histPos {
		return
	}
	m.histPos = p
	if p == len(m.history) {
		m.input.SetValue(m.draft)
	} else {
		m.input.SetValue(m.history[p])
	}
	m.input.CursorEnd()
}

func (m *Model) remember(sql string) {
	if n := len(m.history); n == 0 || m.history[n-1] != sql {
		m.history = append(m.history, sql)
	}
	if over := len(m.history) - m.o.MaxHistory; over > 0 {
		m.history = append([]string(nil), m.history[over:]...)
	}
	m.histPos = len(m.history)
	m.draft = ""
}

// run starts the statement on the input line.
func (m *Model) run() tea.Cmd {
	sql := strings.TrimSpace(m.input.Value())
	if sql == "" || m.running {
		return nil
	}
	if m.o.Runner == nil {
		m.setResult(ResultMsg{seq: m.seq, SQL: sql, Err: errors.New(m.t("console.norunner"))})
		return nil
	}
	m.remember(sql)
	m.input.SetValue("")
	// The example is for an empty console; above a result it would read
	// as the statement that made it (the statement is shown with it).
	m.input.Placeholder = ""
	m.seq++
	seq := m.seq
	ctx, cancel := context.WithCancel(m.o.Context)
	m.cancel, m.running, m.runSQL = cancel, true, sql
	runner, limits, audit := m.o.Runner, m.o.Limits, m.o.Audit
	return func() tea.Msg {
		if audit != nil {
			audit("sql_start", map[string]any{"sql": sql, "source": "console"})
		}
		start := time.Now()
		res, err := runner.Console(ctx, sql, limits)
		took := time.Since(start)
		if err != nil && ctx.Err() != nil && !errors.Is(err, queries.ErrConsoleTimeout) {
			err = context.Canceled
		}
		if audit != nil {
			audit("sql", auditFields(sql, res, err, took))
		}
		return ResultMsg{seq: seq, SQL: sql, Result: res, Err: err, Elapsed: took}
	}
}

// auditFields describes a statement and its outcome for the audit log:
// the statement, never a value of its result (an error message can quote
// one, so it is not logged either).
func auditFields(sql string, res *queries.ConsoleResult, err error, took time.Duration) map[string]any {
	f := map[string]any{"sql": sql, "outcome": Outcome(err), "ms": took.Milliseconds(), "source": "console"}
	var refused *queries.RefusedError
	if errors.As(err, &refused) {
		f["refused"] = refused.What
	}
	if err == nil && res != nil {
		f["rows"] = len(res.Rows)
		f["truncated"] = res.Truncated
	}
	return f
}

// Outcome classifies the error of a statement: ok, refused, invalid,
// timeout, memory, cancelled or error.
func Outcome(err error) string {
	var refused *queries.RefusedError
	var invalid *queries.InvalidQueryError
	switch {
	case err == nil:
		return "ok"
	case errors.As(err, &refused):
		return "refused"
	case errors.As(err, &invalid):
		return "invalid"
	case errors.Is(err, queries.ErrConsoleTimeout):
		return "timeout"
	case errors.Is(err, queries.ErrConsoleMemory):
		return "memory"
	case errors.Is(err, context.Canceled):
		return "cancelled"
	}
	return "error"
}

func (m *Model) stop() {
	if m.cancel != nil {
		m.cancel()
		m.cancel = nil
	}
	m.running = false
	m.setResult(ResultMsg{SQL: m.runSQL, Err: context.Canceled})
}

func (m *Model) clear() {
	m.sql, m.res, m.err = "", nil, nil
	m.cells, m.nulls, m.widths, m.numeric, m.codes, m.bars = nil, nil, nil, nil, nil, nil
	m.chartable, m.row, m.col = false, 0, 0
}

func (m *Model) setResult(msg ResultMsg) {
	m.clear()
	m.sql, m.err, m.elapsed = msg.SQL, msg.Err, msg.Elapsed
	if msg.Err != nil || msg.Result == nil {
		return
	}
	r := msg.Result
	m.res = r
	if msg.Elapsed == 0 {
		m.elapsed = r.Elapsed
	}
	m.numeric = make([]bool, len(r.Columns))
	for j := range r.Columns {
		m.numeric[j] = r.Numeric(j)
	}
	m.codes = codeColumns(r)
	m.chartable = chartable(r)
	m.showTable = !m.chartable
	m.buildCells()
}

// buildCells makes the text of every cell of the result, labelled and
// formatted for the language or (raw) as DuckDB returned it, and the
// column widths.
func (m *Model) buildCells() {
	r := m.res
	if r == nil {
		return
	}
	esc := strings.NewReplacer("\n", `\n`, "\r", `\r`, "\t", `\t`)
	m.widths = make([]int, len(r.Columns))
	for j, c := range r.Columns {
		m.widths[j] = min(report.TextWidth(c), maxColWidth)
	}
	m.cells = make([][]string, len(r.Rows))
	m.nulls = make([][]bool, len(r.Rows))
	for i, row := range r.Rows {
		m.cells[i] = make([]string, len(row))
		m.nulls[i] = make([]bool, len(row))
		for j, v := range row {
			s := "NULL"
			switch {
			case v == nil:
				m.nulls[i][j] = true
			case m.raw:
				s = esc.Replace(queries.FormatConsoleValue(v))
			default:
				s = esc.Replace(displayValue(v, m.codes[j], m.numeric[j], m.lang))
			}
			// Control characters in data must not reach the terminal.
			s = stripControl(s)
			m.cells[i][j] = s
			if j < len(m.widths) {
				m.widths[j] = max(m.widths[j], min(report.TextWidth(s), maxColWidth))
			}
		}
	}
	m.rebuildBars()
	m.clampScroll()
}

// chartable reports whether a result is a (label, number) pair per row
// with numbers that a bar from zero can show: finite and not negative.
func chartable(r *queries.ConsoleResult) bool {
	if len(r.Columns) != 2 || len(r.Rows) == 0 || !r.Numeric(1) {
		return false
	}
	for _, row := range r.Rows {
		v, ok := number(row[1])
		if !ok || v < 0 {
			return false
		}
	}
	return true
}

func number(v any) (float64, bool) {
	var f float64
	switch x := v.(type) {
	case int64:
		f = float64(x)
	case uint64:
		f = float64(x)
	case float64:
		f = x
	case string: // decimals and huge integers come as text
		p, err := strconv.ParseFloat(x, 64)
		if err != nil {
			return 0, false
		}
		f = p
	default:
		return 0, false
	}
	if math.IsNaN(f) || math.IsInf(f, 0) {
		return 0, false
	}
	return f, true
}

func (m *Model) rebuildBars() {
	m.bars = nil
	if !m.chartable || m.res == nil {
		return
	}
	for i, row := range m.res.Rows {
		v, _ := number(row[1])
		m.bars = append(m.bars, charts.Bar{Label: m.cells[i][0],
			Cell: report.Cell{V: v, State: report.Shown, Kind: queries.KindCount}, Text: m.cells[i][1]})
	}
}

func stripControl(s string) string {
	if !strings.ContainsFunc(s, isControl) {
		return s
	}
	return strings.Map(func(r rune) rune {
		if isControl(r) {
			return '�'
		}
		return r
	}, s)
}

func isControl(r rune) bool { return r < 0x20 || r == 0x7f || (r >= 0x80 && r < 0xa0) }

// Layout: line 1 title, line 2 input, line 3 status, then the result area,
// last line the key hint.
func (m *Model) areaHeight() int { return max(m.h-4-len(m.statementLines()), 0) }

// maxStatementLines is how many lines the statement above its result
// takes at most.
const maxStatementLines = 3

// statementLines is the statement that is running or whose result (or
// error) is shown, above it, wrapped to at most maxStatementLines lines.
func (m *Model) statementLines() []string {
	sql := m.sql
	if m.running {
		sql = m.runSQL
	}
	if sql == "" || m.w <= 4 || m.h < 8 {
		return nil
	}
	const prefix = "▸ "
	lines := strings.Split(ansi.Wordwrap(oneLine(sql), m.w-len([]rune(prefix)), " "), "\n")
	if len(lines) > maxStatementLines {
		lines = lines[:maxStatementLines]
		lines[maxStatementLines-1] = ansi.Truncate(lines[maxStatementLines-1]+" …", m.w-len([]rune(prefix))-1, "…")
	}
	for i, l := range lines {
		p := "  "
		if i == 0 {
			p = prefix
		}
		lines[i] = m.st.Muted.Render(p + l)
	}
	return lines
}

// pageRows is how many data rows one screen of the result shows.
func (m *Model) pageRows() int {
	if m.chartable && !m.showTable {
		return max(m.areaHeight()-1, 1)
	}
	return max(m.areaHeight()-3, 1)
}

func (m *Model) rowCount() int { return len(m.cells) }

func (m *Model) scrollRows(d int) {
	m.row += d
	m.clampScroll()
}

func (m *Model) clampScroll() {
	m.row = max(min(m.row, m.rowCount()-m.pageRows()), 0)
	if len(m.widths) > 0 {
		m.col = max(min(m.col, len(m.widths)-1), 0)
	} else {
		m.col = 0
	}
}

// View renders the console at its size.
func (m *Model) View() string {
	if m.w <= 0 || m.h <= 0 {
		return ""
	}
	st := m.st
	lines := make([]string, 0, m.h)
	subtitle := m.t("console.subtitle")
	if m.o.Audit == nil {
		// Locally there is no audit log; do not claim one.
		subtitle = m.t("console.subtitle.local")
	}
	title := st.Title.Render(m.t("console.title")) + st.Muted.Render(" · "+subtitle)
	lines = append(lines, title)
	lines = append(lines, m.input.View())
	lines = append(lines, m.statusLine())
	lines = append(lines, m.statementLines()...)
	area := m.areaHeight()
	var body []string
	if m.res != nil {
		if m.chartable && !m.showTable {
			body = m.chartLines(area)
		} else {
			body = m.tableLines(area)
		}
	} else if m.err != nil && !errors.Is(m.err, context.Canceled) && !m.running {
		body = m.errorLines()
	} else if m.err == nil && !m.running && area > 0 {
		body = m.introLines()
	}
	for i := 0; i < area; i++ {
		if i < len(body) {
			lines = append(lines, body[i])
		} else {
			lines = append(lines, "")
		}
	}
	if m.h >= 4 {
		lines = append(lines, st.Muted.Render(m.hint()))
	}
	if len(lines) > m.h {
		lines = lines[:m.h]
	}
	for i, l := range lines {
		if lipgloss.Width(l) > m.w {
			lines[i] = ansi.Truncate(l, m.w, "…")
		}
	}
	return strings.Join(lines, "\n")
}

func (m *Model) statusLine() string {
	st := m.st
	switch {
	case m.running:
		return st.Warn.Render(m.t("console.running"))
	case m.err != nil:
		var refused *queries.RefusedError
		var invalid *queries.InvalidQueryError
		switch {
		case errors.Is(m.err, context.Canceled):
			return st.Warn.Render(m.t("console.cancelled"))
		case errors.As(m.err, &refused):
			return st.Warn.Render(m.t("console.refused"))
		case errors.As(m.err, &invalid):
			return st.Error.Render(m.t("console.invalid"))
		case errors.Is(m.err, queries.ErrConsoleTimeout):
			return st.Error.Render(fmt.Sprintf(m.t("console.timeout"), m.limits().Timeout))
		}
		return st.Error.Render(m.t("console.error"))
	case m.res != nil:
		n := len(m.res.Rows)
		s := fmt.Sprintf(m.t("console.rows"), n, m.elapsed.Round(time.Millisecond))
		if n == 1 {
			s = fmt.Sprintf(m.t("console.row1"), m.elapsed.Round(time.Millisecond))
		}
		if m.res.Truncated {
			return st.OK.Render(s) + " " + st.Warn.Render(fmt.Sprintf(m.t("console.truncated"), m.res.MaxRows))
		}
		return st.OK.Render(s)
	}
	l := m.limits()
	return st.Muted.Render(fmt.Sprintf(m.t("console.limits"), l.Timeout, l.MaxRows))
}

func (m *Model) limits() queries.ConsoleLimits {
	l := m.o.Limits
	if l.Timeout <= 0 {
		l.Timeout = queries.DefaultConsoleTimeout
	}
	if l.MaxRows <= 0 {
		l.MaxRows = queries.DefaultConsoleMaxRows
	}
	return l
}

func oneLine(s string) string {
	s = strings.Join(strings.Fields(s), " ")
	return stripControl(s)
}

// errorLines is the full message of a failed statement. Its own line
// breaks stay: DuckDB points at the error with a caret under the line of
// the statement ("LINE 1: SELECT * FORM cases" then "^" below FORM), a
// block that only reads in monospace as it came. Those two lines are cut
// at the width, never wrapped; the other lines are wrapped.
func (m *Model) errorLines() []string {
	msg := m.err.Error()
	var refused *queries.RefusedError
	if errors.As(m.err, &refused) {
		msg = refused.Explanation()
	}
	w := max(m.w, 10)
	src := strings.Split(strings.TrimRight(strings.ReplaceAll(msg, "\r\n", "\n"), "\n"), "\n")
	var out []string
	for i, l := range src {
		l = stripControl(strings.ReplaceAll(l, "\t", "    "))
		caretNext := i+1 < len(src) && isCaretLine(src[i+1])
		if isCaretLine(l) || caretNext {
			out = append(out, ansi.Truncate(l, w, "…"))
			continue
		}
		out = append(out, strings.Split(ansi.Wordwrap(l, w, " "), "\n")...)
	}
	return out
}

// isCaretLine reports whether l is DuckDB's pointer line: spaces and one ^.
func isCaretLine(l string) bool {
	return strings.TrimSpace(l) == "^"
}

func (m *Model) introLines() []string {
	st := m.st
	var out []string
	for _, k := range []string{"console.intro1", "console.intro2", "console.intro3"} {
		out = append(out, st.Muted.Render(m.t(k)))
	}
	return out
}

func (m *Model) hint() string {
	switch {
	case m.running:
		return m.t("console.hint.running")
	case m.input.Focused():
		return m.t("console.hint.input")
	case m.chartable:
		return m.t("console.hint.result") + " · " + m.t("console.hint.chart") + " · " + m.t("console.hint.raw")
	case m.res != nil:
		return m.t("console.hint.result") + " · " + m.t("console.hint.raw")
	}
	return m.t("console.hint.result")
}

// visibleColumns returns the columns from m.col on that fit the width.
func (m *Model) visibleColumns() []int {
	var cols []int
	used := 0
	for j := m.col; j < len(m.widths); j++ {
		w := m.widths[j]
		if len(cols) > 0 {
			w += 2
		}
		if used+w > m.w && len(cols) > 0 {
			break
		}
		cols = append(cols, j)
		used += w
	}
	return cols
}

func (m *Model) tableLines(area int) []string {
	if area <= 0 {
		return nil
	}
	st := m.st
	cols := m.visibleColumns()
	cell := func(s string, j int, null bool) string {
		s = report.Pad(s, m.widths[j], m.numeric[j])
		if null {
			return st.Muted.Render(s)
		}
		return s
	}
	var out []string
	var hdr, rule []string
	for _, j := range cols {
		hdr = append(hdr, st.TableHeader.Render(cell(m.res.Columns[j], j, false)))
		rule = append(rule, strings.Repeat("─", m.widths[j]))
	}
	out = append(out, strings.Join(hdr, "  "))
	out = append(out, st.Rule.Render(strings.Join(rule, "  ")))
	end := min(m.row+m.pageRows(), len(m.cells))
	for i := m.row; i < end; i++ {
		var parts []string
		for _, j := range cols {
			parts = append(parts, cell(m.cells[i][j], j, m.nulls[i][j]))
		}
		out = append(out, strings.Join(parts, "  "))
	}
	if len(m.cells) == 0 {
		out = append(out, st.Muted.Render(m.t("console.norows")))
	}
	out = append(out, st.Muted.Render(m.position(cols, end)))
	return out
}

// position says which rows and columns are on screen.
func (m *Model) position(cols []int, end int) string {
	var parts []string
	if n := len(m.cells); n > 0 {
		parts = append(parts, fmt.Sprintf(m.t("console.pos.rows"), m.row+1, end, n))
	}
	if len(cols) > 0 && len(cols) < len(m.widths) {
		parts = append(parts, fmt.Sprintf(m.t("console.pos.cols"), cols[0]+1, cols[len(cols)-1]+1, len(m.widths)))
	}
	return strings.Join(parts, " · ")
}

func (m *Model) chartLines(area int) []string {
	if area <= 0 {
		return nil
	}
	n := max(area-1, 1)
	end := min(m.row+n, len(m.bars))
	textW := 0
	labelW := 0
	for _, b := range m.bars {
		textW = max(textW, utf8.RuneCountInString(b.Text))
		labelW = max(labelW, ansi.StringWidth(b.Label))
	}
	o := charts.Opts{Width: m.w, Height: n, Styles: m.st, Lang: m.lang, LabelWidth: min(max(labelW, 4), max(m.w/3, 8))}
	chart := charts.HBars(m.bars[m.row:end], min(textW, maxColWidth), o)
	out := strings.Split(chart, "\n")
	caption := fmt.Sprintf(m.t("console.chart.caption"), m.res.Columns[1], m.res.Columns[0])
	if pos := m.position(nil, end); pos != "" {
		caption += " · " + pos
	}
	out = append(out, m.st.Muted.Render(caption))
	return out
}

// TSV is the last result as tab-separated values with a header (for
// copying); ok is false without a result.
func (m *Model) TSV() (string, bool) {
	if m.res == nil {
		return "", false
	}
	var b strings.Builder
	export.TSVRow(&b, m.res.Columns)
	for _, row := range m.res.Rows {
		line := make([]string, len(row))
		for j, v := range row {
			line[j] = queries.FormatConsoleValue(v)
		}
		export.TSVRow(&b, line)
	}
	return b.String(), true
}

// Markdown is the statement and its result as a Markdown table (for
// copying); ok is false without a result.
func (m *Model) Markdown() (string, bool) {
	if m.res == nil {
		return "", false
	}
	var b strings.Builder
	fmt.Fprintf(&b, "```sql\n%s\n```\n\n", m.sql)
	export.MarkdownRow(&b, m.res.Columns)
	b.WriteString("|")
	for j := range m.res.Columns {
		if m.res.Numeric(j) {
			b.WriteString("---:|")
		} else {
			b.WriteString("---|")
		}
	}
	b.WriteString("\n")
	for _, row := range m.res.Rows {
		line := make([]string, len(row))
		for j, v := range row {
			line[j] = queries.FormatConsoleValue(v)
			if v == nil {
				line[j] = "NULL"
			}
		}
		export.MarkdownRow(&b, line)
	}
	if m.res.Truncated {
		fmt.Fprintf(&b, "\n(%s)\n", m.res.TruncationNote())
	}
	return b.String(), true
}

// The console's own texts, German and English.

func (m *Model) t(k string) string { return i18n.T(m.lang, k) }
