// Package tui is lagebild's terminal user interface: six views of the
// protected case tables and the public figures, one filter across them,
// charts that flip to their tables, export and copy, and the analyst's
// SQL console.
//
// One root model (Model) owns the state and returns the tea.View. Its
// tabs come from the registry of package views (one file per view, one
// registry line each); the root loops over them and knows no view by
// name. The views, charts (charts), filter panel (filter), styles
// (styles) and key bindings (keys) are dumb components that render
// strings. Queries run off the UI loop as tea.Cmds with their own
// cancellable contexts; results for a filter that is no longer current are
// discarded.
package tui

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"time"

	"charm.land/bubbles/v2/help"
	"charm.land/bubbles/v2/key"
	"charm.land/bubbles/v2/spinner"
	tea "charm.land/bubbletea/v2"
	"charm.land/lipgloss/v2"
	"github.com/charmbracelet/colorprofile"
	"github.com/charmbracelet/x/ansi"

	"lagebild/internal/i18n"
	"lagebild/queries"
	"lagebild/tui/common"
	"lagebild/tui/filter"
	"lagebild/tui/keys"
	"lagebild/tui/styles"
	"lagebild/tui/views"
)

// Minimum terminal size; below it the TUI says so instead of drawing.
const (
	MinWidth  = 60
	MinHeight = 20
)

// spinnerDelay is how long a query may run before a spinner shows.
const spinnerDelay = 250 * time.Millisecond

// Options configure the TUI.
type Options struct {
	// Source is an open store. If nil, Open is called off the UI loop
	// (the first frame shows at once while the embedded data loads).
	Source Source
	Open   func(ctx context.Context) (Source, error)
	// Filter is the start filter (--years etc.).
	Filter queries.Filter
	Lang   i18n.Lang
	// Theme is auto (ask the terminal, default dark), dark or light.
	Theme styles.ThemeName
	// NoColor forces the monochrome UI (NO_COLOR).
	NoColor    bool
	Accessible bool
	// Role is common.RoleViewer (default) or common.RoleAnalyst (the SQL
	// console too).
	Role common.Role
	// Remote is set for SSH sessions: export then offers the copy
	// instead of writing a file on the server.
	Remote bool
	// ExportDir is where e writes files (default: the working directory).
	ExportDir string
	// Now is the clock (tests fix it).
	Now func() time.Time
	// Context bounds every query (default: context.Background()).
	Context context.Context
	// Audit, if set, is told of the user's actions: "view" (view),
	// "filter" (filter: the filter key), "export" (view, format
	// "clipboard" or "md+csv", tables), "copy" (view, format "markdown"
	// or "tsv", tables), and the console's "sql". Never record-level
	// data. It is called on the UI loop (and, for "sql", from the
	// statement's goroutine): it must not block and must be safe for
	// concurrent use.
	Audit func(event string, fields map[string]any)
	// ConsoleLimits bound the statements of the analyst's SQL console.
	ConsoleLimits queries.ConsoleLimits
	// FilterGate, if set, is asked before a filter change applies (see
	// common.Context.FilterGate); a refused change keeps the old filter
	// and says why in the status line.
	FilterGate func(queries.Filter) error
}

// loadState is a query running for a view.
type loadState struct {
	req    uint64
	key    string
	cancel context.CancelFunc
	start  time.Time
	// run is the query command (tests run it synchronously).
	run tea.Cmd
}

// tab is one tab of the session: its view and what the root keeps for
// it.
type tab struct {
	view      views.View
	state     views.State
	tableMode bool
	scroll    int

	data      views.Data
	dataKey   string // the filter key of data
	load      *loadState
	err       error
	cancelled bool

	// rendered caches the last body.
	rendered renderCache
}

// Model is the root model.
type Model struct {
	opts  Options
	ctx   common.Context
	src   Source
	keys  keys.KeyMap
	help  help.Model
	spin  spinner.Model
	theme styles.Theme

	// tabs are the session's views from the registry (views.Tabs), built
	// when the store is open; active is the visible one.
	tabs      []tab
	active    int
	cache     map[string]views.Data
	cacheKeys []string
	reqSeq    uint64

	filterOpen bool
	filterM    filter.Model

	spinning  bool
	status    string
	statusErr bool
	statusSeq int

	fatal    error
	quitting bool
	// discarded counts stale results thrown away (tests).
	discarded int
}

type renderCache struct {
	key  string
	body string
}

// Messages.
type (
	storeOpenedMsg struct {
		src   Source
		years []int
		err   error
	}
	dataMsg struct {
		tab  int
		key  string
		req  uint64
		data views.Data
		err  error
		took time.Duration
	}
	spinnerDueMsg  struct{ req uint64 }
	clearStatusMsg struct{ seq int }
	exportDoneMsg  struct {
		paths []string
		err   error
	}
)

// New returns the root model.
func New(o Options) *Model {
	if o.Now == nil {
		o.Now = time.Now
	}
	if o.Context == nil {
		o.Context = context.Background()
	}
	if o.Role == "" {
		o.Role = common.RoleViewer
	}
	if o.Lang == "" {
		o.Lang = i18n.EN
	}
	m := &Model{opts: o, cache: map[string]views.Data{}}
	m.theme = styles.Theme{Dark: o.Theme != styles.ThemeLight, Mono: o.NoColor, Accessible: o.Accessible}
	m.ctx = common.Context{Lang: o.Lang, Filter: o.Filter, Role: o.Role, FilterGate: o.FilterGate}
	m.keys = keys.New(o.Lang)
	m.help = help.New()
	m.spin = spinner.New(spinner.WithSpinner(spinner.MiniDot))
	m.applyTheme()
	if o.Source != nil {
		m.setSource(o.Source, nil)
	}
	return m
}

func (m *Model) applyTheme() {
	st := styles.New(m.theme)
	m.ctx.Styles = st
	if m.theme.Mono || m.theme.Accessible {
		m.help.Styles = help.Styles{}
	} else {
		m.help.Styles = help.DefaultStyles(m.theme.Dark)
	}
	m.spin.Style = st.Title
	for i := range m.tabs {
		m.tabs[i].rendered = renderCache{}
	}
}

func (m *Model) setSource(src Source, years []int) {
	m.src = src
	m.ctx.K = src.K()
	m.ctx.Synthetic = src.Synthetic()
	m.ctx.DataLabel = src.DataLabel()
	if key := "data." + m.ctx.DataLabel; i18n.Has(key) {
		m.ctx.DataLabel = i18n.T(m.ctx.Lang, key)
	}
	m.ctx.Years = years
	if m.tabs == nil {
		vs := views.Tabs(views.Env{Role: m.ctx.Role, Source: src, Lang: m.ctx.Lang, Styles: m.ctx.Styles,
			Context: m.opts.Context, ConsoleLimits: m.opts.ConsoleLimits, Audit: m.opts.Audit})
		m.tabs = make([]tab, len(vs))
		for i, v := range vs {
			m.tabs[i].view = v
		}
		m.keys.SetViewCount(len(m.tabs))
		m.sizeInteractive()
	}
}

// cur is the visible tab (the store must be open).
func (m *Model) cur() *tab { return &m.tabs[m.active] }

// interactive returns the visible tab as an interactive one (the SQL
// console), if it is.
func (m *Model) interactive() (views.Interactive, bool) {
	if m.active >= len(m.tabs) {
		return nil, false
	}
	it, ok := m.cur().view.(views.Interactive)
	return it, ok
}

// audit reports an event to the Audit hook, if any.
func (m *Model) audit(event string, fields map[string]any) {
	if m.opts.Audit != nil {
		m.opts.Audit(event, fields)
	}
}

// sizeInteractive gives the interactive tabs the body's size.
func (m *Model) sizeInteractive() {
	for _, t := range m.tabs {
		if it, ok := t.view.(views.Interactive); ok {
			it.SetSize(m.ctx.Width, m.bodyHeight())
		}
	}
}

// Init starts loading: the store (if not open), the background colour and
// the first view.
func (m *Model) Init() tea.Cmd {
	var cmds []tea.Cmd
	if m.opts.Theme.Asks() {
		cmds = append(cmds, tea.RequestBackgroundColor)
	}
	if m.src == nil {
		open := m.opts.Open
		ctx := m.opts.Context
		cmds = append(cmds, func() tea.Msg {
			if open == nil {
				return storeOpenedMsg{err: errors.New("no data source")}
			}
			src, err := open(ctx)
			if err != nil {
				return storeOpenedMsg{err: err}
			}
			years, err := storeYears(ctx, src)
			return storeOpenedMsg{src: src, years: years, err: err}
		})
	} else {
		src := m.src
		ctx := m.opts.Context
		cmds = append(cmds, func() tea.Msg {
			years, err := storeYears(ctx, src)
			return storeOpenedMsg{src: src, years: years, err: err}
		})
	}
	return tea.Batch(cmds...)
}

// filterKey is the cache key of a tab's data under the current filter.
func (m *Model) filterKey(i int) string {
	if !m.tabs[i].view.UsesFilter() {
		return "-"
	}
	return m.ctx.Filter.Key()
}

// fresh reports whether the tab's data belongs to the current filter.
func (m *Model) fresh(i int) bool {
	return m.tabs[i].data != nil && m.tabs[i].dataKey == m.filterKey(i)
}

// loading reports whether a query runs for the tab.
func (m *Model) loading(i int) bool { return m.tabs[i].load != nil }

// ensureLoaded starts loading the tab's data for the current filter
// unless it is there, cached or already loading (an interactive tab loads
// nothing). spin schedules the delayed spinner (the visible tab).
func (m *Model) ensureLoaded(i int, spin bool) tea.Cmd {
	if m.src == nil || i < 0 || i >= len(m.tabs) {
		return nil
	}
	t := &m.tabs[i]
	if _, ok := t.view.(views.Interactive); ok {
		return nil
	}
	key := m.filterKey(i)
	if m.fresh(i) {
		return nil
	}
	if d, ok := m.cache[t.view.Name()+"|"+key]; ok {
		t.data, t.dataKey = d, key
		t.err = nil
		return nil
	}
	if l := t.load; l != nil {
		if l.key == key {
			return nil
		}
		l.cancel()
	}
	m.reqSeq++
	req := m.reqSeq
	ctx, cancel := context.WithCancel(m.opts.Context)
	t.err = nil
	t.cancelled = false
	v, src, f, lang := t.view, m.src, m.ctx.Filter, m.ctx.Lang
	cmd := func() tea.Msg {
		start := time.Now()
		d, err := v.Load(ctx, src, f, lang)
		return dataMsg{tab: i, key: key, req: req, data: d, err: err, took: time.Since(start)}
	}
	t.load = &loadState{req: req, key: key, cancel: cancel, start: m.opts.Now(), run: cmd}
	if !spin {
		return cmd
	}
	return tea.Batch(cmd, tea.Tick(spinnerDelay, func(time.Time) tea.Msg { return spinnerDueMsg{req: req} }))
}

// prefetch loads the next tab without current data, one at a time, so
// that switching views is instant.
func (m *Model) prefetch() tea.Cmd {
	for _, t := range m.tabs {
		if t.load != nil {
			return nil
		}
	}
	n := len(m.tabs)
	for d := 1; d < n; d++ {
		i := (m.active + d) % n
		t := &m.tabs[i]
		if _, ok := t.view.(views.Interactive); ok {
			continue
		}
		if !m.fresh(i) && t.err == nil && !t.cancelled {
			return m.ensureLoaded(i, false)
		}
	}
	return nil
}

func (m *Model) remember(i int, key string, d views.Data) {
	ck := m.tabs[i].view.Name() + "|" + key
	if _, ok := m.cache[ck]; !ok {
		m.cacheKeys = append(m.cacheKeys, ck)
	}
	m.cache[ck] = d
	for len(m.cacheKeys) > 64 {
		delete(m.cache, m.cacheKeys[0])
		m.cacheKeys = m.cacheKeys[1:]
	}
}

// setFilter makes f the filter of every case view: loads for another
// filter are cancelled (their late results are discarded) and the visible
// view reloads. A change the filter gate refuses keeps the old filter.
func (m *Model) setFilter(f queries.Filter) tea.Cmd {
	if m.ctx.FilterGate != nil && f.Key() != m.ctx.Filter.Key() {
		if err := m.ctx.FilterGate(f); err != nil {
			var be *common.FilterBudgetError
			if errors.As(err, &be) {
				return m.setStatus(i18n.F(m.ctx.Lang, "st.filterbudget", be.Limit), true)
			}
			return m.setStatus(i18n.T(m.ctx.Lang, "st.filterrefused")+": "+err.Error(), true)
		}
	}
	m.ctx.Filter = f
	m.audit("filter", map[string]any{"filter": f.Key()})
	for i := range m.tabs {
		t := &m.tabs[i]
		if l := t.load; l != nil && l.key != m.filterKey(i) {
			l.cancel()
			t.load = nil
		}
		t.cancelled = false
		t.err = nil
	}
	return m.ensureLoaded(m.active, true)
}

func (m *Model) setStatus(s string, isErr bool) tea.Cmd {
	m.status, m.statusErr = s, isErr
	m.statusSeq++
	seq := m.statusSeq
	return tea.Tick(6*time.Second, func(time.Time) tea.Msg { return clearStatusMsg{seq: seq} })
}

func (m *Model) switchView(i int) tea.Cmd {
	if i < 0 || i >= len(m.tabs) {
		return nil
	}
	if i != m.active {
		m.audit("view", map[string]any{"view": m.tabs[i].view.Name()})
	}
	m.active = i
	return m.ensureLoaded(i, true)
}

// Update handles a message.
func (m *Model) Update(msg tea.Msg) (tea.Model, tea.Cmd) {
	switch msg := msg.(type) {
	case tea.WindowSizeMsg:
		m.ctx.Width, m.ctx.Height = msg.Width, msg.Height
		m.help.SetWidth(msg.Width)
		m.sizeInteractive()
		return m, nil
	case tea.BackgroundColorMsg:
		if m.opts.Theme.Asks() {
			m.theme.Dark = msg.IsDark()
			m.applyTheme()
		}
		return m, nil
	case tea.ColorProfileMsg:
		if msg.Profile <= colorprofile.Ascii && !m.theme.Mono {
			m.theme.Mono = true
			m.applyTheme()
		}
		return m, nil
	case tea.EnvMsg:
		if v := msg.Getenv("NO_COLOR"); v != "" && !m.theme.Mono {
			m.theme.Mono = true
			m.applyTheme()
		}
		return m, nil
	case storeOpenedMsg:
		if msg.err != nil {
			m.fatal = msg.err
			return m, nil
		}
		m.setSource(msg.src, msg.years)
		return m, m.ensureLoaded(m.active, true)
	case dataMsg:
		return m, m.handleData(msg)
	case tea.PasteMsg:
		if it, ok := m.interactive(); ok && !m.filterOpen {
			_, cmd := it.Update(msg)
			return m, cmd
		}
		return m, nil
	case spinnerDueMsg:
		if m.active >= len(m.tabs) {
			return m, nil
		}
		if l := m.cur().load; l != nil && l.req == msg.req && !m.spinning && !m.ctx.Accessible() {
			m.spinning = true
			return m, m.spin.Tick
		}
		return m, nil
	case spinner.TickMsg:
		if !m.spinning {
			return m, nil
		}
		var cmd tea.Cmd
		m.spin, cmd = m.spin.Update(msg)
		return m, cmd
	case clearStatusMsg:
		if msg.seq == m.statusSeq {
			m.status = ""
		}
		return m, nil
	case exportDoneMsg:
		if msg.err != nil {
			return m, m.setStatus(i18n.T(m.ctx.Lang, "st.exportfail")+": "+msg.err.Error(), true)
		}
		return m, m.setStatus(i18n.T(m.ctx.Lang, "st.exported")+": "+strings.Join(msg.paths, ", "), false)
	case tea.MouseWheelMsg:
		switch msg.Button {
		case tea.MouseWheelUp:
			m.scrollBy(-3)
		case tea.MouseWheelDown:
			m.scrollBy(3)
		}
		return m, nil
	case tea.MouseClickMsg:
		if msg.Y == 0 && msg.Button == tea.MouseLeft {
			if id, ok := m.tabAt(msg.X); ok {
				return m, m.switchView(id)
			}
		}
		return m, nil
	case tea.KeyPressMsg:
		return m, m.handleKey(msg)
	}
	// Anything else may be an interactive tab's own (a statement's
	// result), visible or not.
	for _, t := range m.tabs {
		if it, ok := t.view.(views.Interactive); ok {
			if handled, cmd := it.Update(msg); handled {
				return m, cmd
			}
		}
	}
	return m, nil
}

func (m *Model) handleData(msg dataMsg) tea.Cmd {
	t := &m.tabs[msg.tab]
	l := t.load
	if l == nil || l.req != msg.req || msg.key != m.filterKey(msg.tab) {
		// A result for a filter or request that is no longer current.
		m.discarded++
		return nil
	}
	l.cancel()
	t.load = nil
	if msg.tab == m.active || m.cur().load == nil {
		m.spinning = false
	}
	if msg.err != nil {
		if errors.Is(msg.err, context.Canceled) {
			return nil
		}
		t.err = msg.err
		if tooFew(msg.err) != nil {
			// The figures of the previous filter must not stand under the
			// new one.
			t.data, t.dataKey = nil, ""
		}
		return nil
	}
	t.data, t.dataKey = msg.data, msg.key
	m.remember(msg.tab, msg.key, msg.data)
	if sel, ok := t.view.(views.Selector); ok && t.state.Sel == 0 {
		t.state.Sel = sel.FirstItem(msg.data)
	}
	return m.prefetch()
}

func (m *Model) handleKey(msg tea.KeyPressMsg) tea.Cmd {
	km := m.keys
	if msg.String() == "ctrl+c" {
		return m.quit()
	}
	if m.fatal != nil || m.src == nil {
		if key.Matches(msg, km.Quit) || key.Matches(msg, km.Cancel) {
			return m.quit()
		}
		return nil
	}
	if m.filterOpen {
		if key.Matches(msg, km.Help) {
			m.help.ShowAll = !m.help.ShowAll
			return nil
		}
		f, act := m.filterM.Update(msg, km, m.ctx.Filter, m.ctx.Years)
		switch act {
		case filter.Close:
			m.filterOpen = false
		case filter.Changed:
			return m.setFilter(f)
		}
		return nil
	}
	if it, ok := m.interactive(); ok {
		if handled, cmd := it.Update(msg); handled {
			return cmd
		}
		return m.handleInteractiveKey(msg, it)
	}
	t := m.cur()
	switch {
	case key.Matches(msg, km.Quit):
		return m.quit()
	case key.Matches(msg, km.Help):
		m.help.ShowAll = !m.help.ShowAll
	case key.Matches(msg, km.NextView, km.PrevView, km.Views):
		return m.switchKey(msg)
	case key.Matches(msg, km.Filter):
		m.filterOpen = true
	case key.Matches(msg, km.Table):
		t.tableMode = !t.tableMode
		t.scroll = 0
	case key.Matches(msg, km.Export):
		return m.export()
	case key.Matches(msg, km.Copy):
		return m.copy(false)
	case key.Matches(msg, km.CopyTSV):
		return m.copy(true)
	case key.Matches(msg, km.Cancel):
		if l := t.load; l != nil {
			l.cancel()
			t.load = nil
			t.cancelled = true
			m.spinning = false
			return m.setStatus(i18n.T(m.ctx.Lang, "st.cancelled"), false)
		}
		if m.help.ShowAll {
			m.help.ShowAll = false
		}
	case key.Matches(msg, km.Reload):
		delete(m.cache, t.view.Name()+"|"+m.filterKey(m.active))
		t.dataKey = ""
		t.cancelled = false
		t.err = nil
		return m.ensureLoaded(m.active, true)
	case key.Matches(msg, km.Up):
		m.move(-1)
	case key.Matches(msg, km.Down):
		m.move(1)
	case key.Matches(msg, km.Left):
		m.moveSel(-1)
	case key.Matches(msg, km.Right):
		m.moveSel(1)
	case key.Matches(msg, km.PageUp):
		m.scrollBy(-max(m.bodyHeight()-2, 1))
	case key.Matches(msg, km.PageDown):
		m.scrollBy(max(m.bodyHeight()-2, 1))
	case key.Matches(msg, km.Home):
		t.scroll = 0
	case key.Matches(msg, km.End):
		t.scroll = 1 << 30
	}
	return nil
}

// switchKey handles the keys that switch tabs: tab, shift+tab and the
// number keys, over the tabs of the session.
func (m *Model) switchKey(msg tea.KeyPressMsg) tea.Cmd {
	km, n := m.keys, len(m.tabs)
	switch {
	case key.Matches(msg, km.NextView):
		return m.switchView((m.active + 1) % n)
	case key.Matches(msg, km.PrevView):
		return m.switchView((m.active + n - 1) % n)
	}
	i, _ := km.ViewIndex(msg)
	return m.switchView(i)
}

// handleInteractiveKey handles a key on an interactive tab (the SQL
// console) that the tab did not use (its input line is blurred, or
// tab/shift+tab): view switching, filter, copy, help, quit.
func (m *Model) handleInteractiveKey(msg tea.KeyPressMsg, it views.Interactive) tea.Cmd {
	km := m.keys
	switch {
	case key.Matches(msg, km.Quit):
		return m.quit()
	case key.Matches(msg, km.Help):
		m.help.ShowAll = !m.help.ShowAll
		m.sizeInteractive()
	case key.Matches(msg, km.NextView, km.PrevView, km.Views):
		return m.switchKey(msg)
	case key.Matches(msg, km.Filter):
		m.filterOpen = true
	case key.Matches(msg, km.Copy, km.CopyTSV):
		return m.copyInteractive(it, key.Matches(msg, km.CopyTSV))
	case key.Matches(msg, km.Cancel):
		m.help.ShowAll = false
		m.sizeInteractive()
	}
	return nil
}

// copyInteractive puts an interactive tab's last result on the clipboard
// as Markdown or (tsv) tab-separated values.
func (m *Model) copyInteractive(it views.Interactive, tsv bool) tea.Cmd {
	lang := m.ctx.Lang
	kind, format := "Markdown", "markdown"
	if tsv {
		kind, format = "TSV", "tsv"
	}
	text, ok := it.Clipboard(tsv)
	if !ok {
		return m.setStatus(i18n.T(lang, "st.notready"), true)
	}
	m.audit("copy", map[string]any{"view": m.cur().view.Name(), "format": format, "tables": 1})
	return tea.Batch(tea.SetClipboard(text), m.setStatus(i18n.F(lang, "st.copied", 1, kind), false))
}

func (m *Model) quit() tea.Cmd {
	for _, t := range m.tabs {
		if it, ok := t.view.(views.Interactive); ok {
			it.Close()
		}
		if t.load != nil {
			t.load.cancel()
		}
	}
	m.quitting = true
	return tea.Quit
}

// selector returns the visible view's selection, if it has one and is
// not in the table view (then ↑/↓ select, else they scroll).
func (m *Model) selector() (views.Selector, bool) {
	t := m.cur()
	sel, ok := t.view.(views.Selector)
	return sel, ok && !t.tableMode
}

func (m *Model) move(delta int) {
	if _, ok := m.selector(); ok {
		m.moveSel(delta)
		return
	}
	m.scrollBy(delta)
}

// moveSel moves the selection of a view that has one (in the table view
// too: the figures view's table follows it).
func (m *Model) moveSel(delta int) {
	t := m.cur()
	sel, ok := t.view.(views.Selector)
	if !ok || t.data == nil {
		return
	}
	n := sel.Items(t.data)
	if n == 0 {
		return
	}
	t.state.Sel = (t.state.Sel + delta + n) % n
	if sel.ItemIsPage() {
		t.scroll = 0
	}
}

func (m *Model) scrollBy(delta int) {
	t := m.cur()
	t.scroll = max(t.scroll+delta, 0)
}

// Layout.

func (m *Model) tooSmall() bool { return m.ctx.Width < MinWidth || m.ctx.Height < MinHeight }

func (m *Model) footerHeight() int {
	if m.help.ShowAll {
		return 1 + lipgloss.Height(m.helpView())
	}
	return 2
}

func (m *Model) bodyHeight() int { return max(m.ctx.Height-2-m.footerHeight(), 1) }

// tabLabels returns the tab labels: number and title.
func (m *Model) tabLabels() []string {
	var out []string
	for i, t := range m.tabs {
		out = append(out, fmt.Sprintf(" %d %s ", i+1, t.view.Title(m.ctx.Lang)))
	}
	return out
}

func (m *Model) tabAt(x int) (int, bool) {
	col := 0
	for i, l := range m.tabLabels() {
		w := lipgloss.Width(l)
		if x >= col && x < col+w {
			return i, true
		}
		col += w
	}
	return 0, false
}

func (m *Model) header() string {
	st, lang, w := m.ctx.Styles, m.ctx.Lang, m.ctx.Width
	var tabs strings.Builder
	for i, l := range m.tabLabels() {
		if i == m.active {
			if m.ctx.Accessible() {
				l = "[" + strings.TrimSpace(l) + "]"
			}
			tabs.WriteString(st.TabActive.Render(l))
		} else {
			tabs.WriteString(st.TabInactive.Render(l))
		}
	}
	var tags []string
	if m.ctx.Synthetic {
		tags = append(tags, st.SynthTag.Render(" "+i18n.T(lang, "tag.synthetic")+" "))
	}
	right := strings.Join(tags, " ")
	line1 := tabs.String()
	if m.ctx.Synthetic && w-lipgloss.Width(line1)-lipgloss.Width(right) < 1 {
		right = st.SynthTag.Render(" " + i18n.T(lang, "tag.synthetic.short") + " ")
	}
	gap := w - lipgloss.Width(line1) - lipgloss.Width(right)
	if gap >= 1 {
		line1 += strings.Repeat(" ", gap) + right
	} else {
		line1 = ansi.Truncate(line1, w-lipgloss.Width(right)-1, "…") + " " + right
	}
	// Line 2: the filter, always visible, and the query state.
	t := m.cur()
	state := ""
	switch {
	case t.load != nil && m.spinning:
		state = m.spin.View() + " " + i18n.T(lang, "st.loading")
	case t.load != nil:
		state = i18n.T(lang, "st.loading")
	case t.cancelled:
		state = i18n.T(lang, "st.cancelledshort")
	}
	fl := i18n.T(lang, "f.label") + ": " + filter.Summary(m.ctx.Filter, lang)
	if !t.view.UsesFilter() {
		note := i18n.T(lang, "f.notapplied")
		if fn, ok := t.view.(views.FilterNoter); ok {
			note = fn.FilterNote(lang)
		}
		fl += " " + note
	}
	stateW := lipgloss.Width(state)
	fl = ansi.Truncate(fl, max(w-stateW-1, 10), "…")
	line2 := st.FilterBar.Render(fl)
	if state != "" {
		line2 += strings.Repeat(" ", max(w-lipgloss.Width(line2)-stateW, 1)) + st.Warn.Render(state)
	}
	return line1 + "\n" + line2
}

func (m *Model) helpView() string {
	// The help is of whatever has the keys: the filter panel, an
	// interactive tab (the console) or the main screen.
	var s string
	it, interactive := m.interactive()
	switch {
	case m.filterOpen:
		s = m.help.View(keys.FilterHelp{KeyMap: m.keys})
	case interactive:
		s = m.help.View(it.KeyMap(m.keys))
	default:
		s = m.help.View(m.keys)
	}
	// bubbles/help can overrun the width by the item after the last
	// that fits; cut every line to the terminal.
	lines := strings.Split(s, "\n")
	for i, l := range lines {
		if lipgloss.Width(l) > m.ctx.Width {
			lines[i] = ansi.Truncate(l, m.ctx.Width-1, "…")
		}
	}
	return strings.Join(lines, "\n")
}

// body returns the view's content (all lines; the caller scrolls).
func (m *Model) body(w, h int) string {
	st, lang := m.ctx.Styles, m.ctx.Lang
	t := m.cur()
	if m.filterOpen {
		panel := m.filterM.View(&m.ctx, m.ctx.Filter, min(w, 90), h)
		if w >= 150 && t.data != nil {
			pw := 72
			panel = m.filterM.View(&m.ctx, m.ctx.Filter, pw, h)
			return lipgloss.JoinHorizontal(lipgloss.Top,
				lipgloss.NewStyle().Width(pw).Render(panel), " │ ",
				m.viewContent(t, w-pw-3, h))
		}
		return panel
	}
	if _, ok := t.view.(views.Interactive); ok {
		return t.view.Render(&m.ctx, nil, t.state, w, h)
	}
	if t.data == nil {
		few := tooFew(t.err)
		switch {
		case few != nil:
			return st.Bold.Render(i18n.T(lang, "st.toofew")) + "\n\n" +
				ansi.Wordwrap(fmt.Sprintf(i18n.T(lang, "st.toofewwhy"), few.Min), w, " ") + "\n\n" +
				st.Muted.Render(ansi.Wordwrap(i18n.T(lang, "st.toofewhint"), w, " "))
		case t.err != nil:
			return st.Error.Render(i18n.T(lang, "st.error")+": ") + t.err.Error() + "\n\n" +
				st.Muted.Render(i18n.T(lang, "st.reloadhint"))
		case t.cancelled:
			return st.Muted.Render(i18n.T(lang, "st.cancelled"))
		}
		return st.Muted.Render(i18n.T(lang, "st.loading"))
	}
	out := m.viewContent(t, w, h)
	if t.err != nil {
		out = st.Error.Render(i18n.T(lang, "st.error")+": "+t.err.Error()) + "\n" + out
	}
	return out
}

// viewContent draws a tab's data: its charts or (table view) its tables.
func (m *Model) viewContent(t *tab, w, h int) string {
	rk := fmt.Sprintf("%s|%d|%d|%v|%d|%v|%v", t.dataKey, w, h, t.tableMode, t.state.Sel, m.theme, m.ctx.Lang)
	if c := t.rendered; c.key == rk && c.body != "" {
		return c.body
	}
	var out string
	if t.tableMode {
		out = views.RenderTables(&m.ctx, t.view.Tables(t.data, t.state), w)
	} else {
		out = t.view.Render(&m.ctx, t.data, t.state, w, h)
	}
	t.rendered = renderCache{key: rk, body: out}
	return out
}

func (m *Model) footer(more, above int) string {
	st, lang, w := m.ctx.Styles, m.ctx.Lang, m.ctx.Width
	var left string
	switch {
	case m.status != "" && m.statusErr:
		left = st.Error.Render(m.status)
	case m.status != "":
		left = st.OK.Render(m.status)
	default:
		label := m.ctx.DataLabel
		if label == "" {
			label = i18n.T(lang, "src.cases")
		}
		left = st.StatusBar.Render(label + " · " + i18n.F(lang, "prot.short", m.ctx.K))
		if m.stale() {
			left = st.Warn.Render(i18n.T(lang, "st.stale"))
		}
	}
	var pos string
	if more > 0 || above > 0 {
		pos = i18n.F(lang, "st.scroll", above, more)
	}
	if m.cur().tableMode {
		pos = strings.TrimSpace(i18n.T(lang, "st.tablemode") + " " + pos)
	}
	left = ansi.Truncate(left, max(w-lipgloss.Width(pos)-1, 10), "…")
	line := left
	if pos != "" {
		line += strings.Repeat(" ", max(w-lipgloss.Width(left)-lipgloss.Width(pos), 1)) + st.Muted.Render(pos)
	}
	return line + "\n" + m.helpView()
}

// stale reports whether the visible data belongs to an earlier filter.
func (m *Model) stale() bool {
	return m.cur().data != nil && !m.fresh(m.active)
}

// View renders the screen.
func (m *Model) View() tea.View {
	v := tea.NewView(m.render())
	v.AltScreen = true
	v.MouseMode = tea.MouseModeCellMotion
	v.WindowTitle = "lagebild"
	return v
}

func (m *Model) render() string {
	st, lang := m.ctx.Styles, m.ctx.Lang
	w, h := m.ctx.Width, m.ctx.Height
	if m.quitting {
		return ""
	}
	if w == 0 || h == 0 {
		return i18n.T(lang, "st.starting")
	}
	if m.tooSmall() {
		msg := i18n.F(lang, "st.toosmall", w, h, MinWidth, MinHeight)
		return lipgloss.Place(w, h, lipgloss.Center, lipgloss.Center, lipgloss.NewStyle().Width(min(w, 40)).Render(msg))
	}
	if m.fatal != nil {
		msg := st.Error.Render(i18n.T(lang, "st.fatal")) + "\n\n" + m.fatal.Error() + "\n\n" + i18n.T(lang, "st.quithint")
		return lipgloss.Place(w, h, lipgloss.Center, lipgloss.Center, lipgloss.NewStyle().Width(min(w-4, 70)).Render(msg))
	}
	if m.src == nil {
		msg := i18n.T(lang, "st.opening")
		if m.opts.Source == nil && m.opts.Open != nil {
			msg = i18n.T(lang, "st.openingsample")
		}
		return lipgloss.Place(w, h, lipgloss.Center, lipgloss.Center, st.Muted.Render(msg))
	}
	bh := m.bodyHeight()
	content := m.body(w, bh)
	lines := strings.Split(content, "\n")
	maxScroll := max(len(lines)-bh, 0)
	t := m.cur()
	t.scroll = min(t.scroll, maxScroll)
	off := t.scroll
	if m.filterOpen {
		off = 0
	}
	end := min(off+bh, len(lines))
	visible := lines[off:end]
	var b strings.Builder
	b.WriteString(m.header())
	b.WriteString("\n")
	for i := range bh {
		if i < len(visible) {
			b.WriteString(ansi.Truncate(visible[i], w, ""))
		}
		b.WriteString("\n")
	}
	more := len(lines) - end
	if m.filterOpen {
		more = 0
	}
	b.WriteString(m.footer(more, off))
	return b.String()
}

// Err is the fatal error that ended the program (opening the store).
func (m *Model) Err() error { return m.fatal }

// Run starts the TUI on the terminal and blocks until it quits.
func Run(o Options, progOpts ...tea.ProgramOption) error {
	m := New(o)
	if o.Context != nil {
		progOpts = append([]tea.ProgramOption{tea.WithContext(o.Context)}, progOpts...)
	}
	p := tea.NewProgram(m, progOpts...)
	final, err := p.Run()
	switch {
	case err == nil, errors.Is(err, tea.ErrInterrupted):
	case errors.Is(err, tea.ErrProgramKilled) && o.Context != nil && o.Context.Err() != nil:
		// Ended by a signal (SIGTERM) or the session closing: not a failure.
	default:
		return err
	}
	if fm, ok := final.(*Model); ok && fm.fatal != nil {
		return fm.fatal
	}
	return nil
}

// tooFew returns err as a too-few-cases error, or nil.
func tooFew(err error) *queries.TooFewCasesError {
	var few *queries.TooFewCasesError
	if errors.As(err, &few) {
		return few
	}
	return nil
}
