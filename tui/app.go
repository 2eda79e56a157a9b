// Package tui is lagebild's terminal user interface: six views of the
// protected case tables and the public figures, one filter across them,
// charts that flip to their tables, export and copy.
//
// One root model (Model) owns the state and returns the tea.View; the
// views (package views), charts (charts), filter panel (filter), styles
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

	"lagebild/datasets/schema"
	"lagebild/queries"
	"lagebild/tui/common"
	"lagebild/tui/console"
	"lagebild/tui/filter"
	"lagebild/tui/i18n"
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
	Lang   schema.Lang
	// Theme is "auto" (ask the terminal, default dark), "dark" or "light".
	Theme string
	// NoColor forces the monochrome UI (NO_COLOR).
	NoColor    bool
	Accessible bool
	Role       string
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

// sqlView is the analyst's SQL console, the tab after the six views of
// package views (shown for the analyst role only).
const sqlView = views.NumViews

// numTabs is the size of the per-view state: the views and the console.
const numTabs = views.NumViews + 1

// loadState is a query running for a view.
type loadState struct {
	req    uint64
	key    string
	cancel context.CancelFunc
	start  time.Time
	// run is the query command (tests run it synchronously).
	run tea.Cmd
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

	view      views.ID
	states    [numTabs]views.State
	tableMode [numTabs]bool
	scroll    [numTabs]int

	data      [numTabs]views.Data
	dataKey   [numTabs]string
	loads     [numTabs]*loadState
	errs      [numTabs]error
	cancelled [numTabs]bool
	cache     map[string]views.Data
	cacheKeys []string
	reqSeq    uint64

	filterOpen bool
	filterM    filter.Model

	// console is the analyst's SQL console (nil for other roles or
	// before the store is open).
	console *console.Model

	spinning  bool
	status    string
	statusErr bool
	statusSeq int

	// rendered caches the last body per view.
	rendered [numTabs]renderCache

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
		view views.ID
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
		o.Role = "viewer"
	}
	if o.Lang == "" {
		o.Lang = schema.EN
	}
	m := &Model{opts: o, cache: map[string]views.Data{}}
	m.theme = styles.Theme{Dark: o.Theme != "light", Mono: o.NoColor, Accessible: o.Accessible}
	m.ctx = common.Context{Lang: o.Lang, Filter: o.Filter, Role: o.Role, FilterGate: o.FilterGate}
	m.keys = keys.New(o.Lang)
	if o.Role == "analyst" {
		m.keys.View1.SetHelp("1-7", m.keys.View1.Help().Desc)
	} else {
		m.keys.View7.SetEnabled(false)
	}
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
	if m.console != nil {
		m.console.SetStyles(st)
	}
	for i := range m.rendered {
		m.rendered[i] = renderCache{}
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
	if r, ok := src.(console.Runner); ok && m.opts.Role == "analyst" && m.console == nil {
		m.console = console.New(console.Options{Runner: r, Limits: m.opts.ConsoleLimits, Lang: m.ctx.Lang,
			Styles: m.ctx.Styles, Context: m.opts.Context, Audit: m.opts.Audit})
		m.sizeConsole()
	}
}

// hasConsole reports whether the SQL view exists (analysts).
func (m *Model) hasConsole() bool { return m.console != nil }

// numViews is the number of tabs the user can reach.
func (m *Model) numViews() views.ID {
	if m.hasConsole() {
		return numTabs
	}
	return views.NumViews
}

// viewName is a view's machine name (export file names, audit).
func viewName(id views.ID) string {
	if id == sqlView {
		return "sql"
	}
	return id.Name()
}

// viewTitle is a view's tab title.
func (m *Model) viewTitle(id views.ID) string {
	if id == sqlView {
		return "SQL"
	}
	return id.Title(m.ctx.Lang)
}

// usesFilter reports whether the filter applies to the view.
func usesFilter(id views.ID) bool { return id != sqlView && id.UsesFilter() }

// audit reports an event to the Audit hook, if any.
func (m *Model) audit(event string, fields map[string]any) {
	if m.opts.Audit != nil {
		m.opts.Audit(event, fields)
	}
}

// sizeConsole gives the console the body's size.
func (m *Model) sizeConsole() {
	if m.console != nil {
		m.console.SetSize(m.ctx.Width, m.bodyHeight())
	}
}

// Init starts loading: the store (if not open), the background colour and
// the first view.
func (m *Model) Init() tea.Cmd {
	var cmds []tea.Cmd
	if m.opts.Theme == "" || m.opts.Theme == "auto" {
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

// filterKey is the cache key of a view's data under the current filter.
func (m *Model) filterKey(id views.ID) string {
	if !usesFilter(id) {
		return "-"
	}
	return m.ctx.Filter.Key()
}

// fresh reports whether the view's data belongs to the current filter.
func (m *Model) fresh(id views.ID) bool {
	return m.data[id] != nil && m.dataKey[id] == m.filterKey(id)
}

// loading reports whether a query runs for the view.
func (m *Model) loading(id views.ID) bool { return m.loads[id] != nil }

// ensureLoaded starts loading the view's data for the current filter
// unless it is there, cached or already loading. spin schedules the
// delayed spinner (the visible view).
func (m *Model) ensureLoaded(id views.ID, spin bool) tea.Cmd {
	if m.src == nil || id >= views.NumViews {
		return nil
	}
	key := m.filterKey(id)
	if m.fresh(id) {
		return nil
	}
	if d, ok := m.cache[id.Name()+"|"+key]; ok {
		m.data[id], m.dataKey[id] = d, key
		m.errs[id] = nil
		return nil
	}
	if l := m.loads[id]; l != nil {
		if l.key == key {
			return nil
		}
		l.cancel()
	}
	m.reqSeq++
	req := m.reqSeq
	ctx, cancel := context.WithCancel(m.opts.Context)
	m.errs[id] = nil
	m.cancelled[id] = false
	src, f, lang := m.src, m.ctx.Filter, m.ctx.Lang
	cmd := func() tea.Msg {
		start := time.Now()
		d, err := loadView(ctx, src, id, f, lang)
		return dataMsg{view: id, key: key, req: req, data: d, err: err, took: time.Since(start)}
	}
	m.loads[id] = &loadState{req: req, key: key, cancel: cancel, start: m.opts.Now(), run: cmd}
	if !spin {
		return cmd
	}
	return tea.Batch(cmd, tea.Tick(spinnerDelay, func(time.Time) tea.Msg { return spinnerDueMsg{req: req} }))
}

// prefetch loads the next view without current data, one at a time, so
// that switching views is instant.
func (m *Model) prefetch() tea.Cmd {
	for _, l := range m.loads {
		if l != nil {
			return nil
		}
	}
	for i := 1; i <= int(views.NumViews); i++ {
		id := views.ID((int(m.view) + i) % int(views.NumViews))
		if id == m.view {
			continue
		}
		if !m.fresh(id) && m.errs[id] == nil && !m.cancelled[id] {
			return m.ensureLoaded(id, false)
		}
	}
	return nil
}

func (m *Model) remember(id views.ID, key string, d views.Data) {
	ck := id.Name() + "|" + key
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
	for id := range m.loads {
		if l := m.loads[id]; l != nil && l.key != m.filterKey(views.ID(id)) {
			l.cancel()
			m.loads[id] = nil
		}
		m.cancelled[id] = false
		m.errs[id] = nil
	}
	return m.ensureLoaded(m.view, true)
}

func (m *Model) setStatus(s string, isErr bool) tea.Cmd {
	m.status, m.statusErr = s, isErr
	m.statusSeq++
	seq := m.statusSeq
	return tea.Tick(6*time.Second, func(time.Time) tea.Msg { return clearStatusMsg{seq: seq} })
}

func (m *Model) switchView(id views.ID) tea.Cmd {
	if id >= m.numViews() {
		return nil
	}
	if id != m.view {
		m.audit("view", map[string]any{"view": viewName(id)})
	}
	m.view = id
	return m.ensureLoaded(id, true)
}

// Update handles a message.
func (m *Model) Update(msg tea.Msg) (tea.Model, tea.Cmd) {
	switch msg := msg.(type) {
	case tea.WindowSizeMsg:
		m.ctx.Width, m.ctx.Height = msg.Width, msg.Height
		m.help.SetWidth(msg.Width)
		m.sizeConsole()
		return m, nil
	case tea.BackgroundColorMsg:
		if m.opts.Theme == "" || m.opts.Theme == "auto" {
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
		return m, m.ensureLoaded(m.view, true)
	case dataMsg:
		return m, m.handleData(msg)
	case console.ResultMsg:
		if m.console != nil {
			_, cmd := m.console.Update(msg)
			return m, cmd
		}
		return m, nil
	case tea.PasteMsg:
		if m.view == sqlView && m.console != nil && !m.filterOpen {
			_, cmd := m.console.Update(msg)
			return m, cmd
		}
		return m, nil
	case spinnerDueMsg:
		if l := m.loads[m.view]; l != nil && l.req == msg.req && !m.spinning && !m.ctx.Accessible() {
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
	return m, nil
}

func (m *Model) handleData(msg dataMsg) tea.Cmd {
	l := m.loads[msg.view]
	if l == nil || l.req != msg.req || msg.key != m.filterKey(msg.view) {
		// A result for a filter or request that is no longer current.
		m.discarded++
		return nil
	}
	l.cancel()
	m.loads[msg.view] = nil
	if msg.view == m.view || m.loads[m.view] == nil {
		m.spinning = false
	}
	if msg.err != nil {
		if errors.Is(msg.err, context.Canceled) {
			return nil
		}
		m.errs[msg.view] = msg.err
		if tooFew(msg.err) != nil {
			// The figures of the previous filter must not stand under the
			// new one.
			m.data[msg.view], m.dataKey[msg.view] = nil, ""
		}
		return nil
	}
	m.data[msg.view], m.dataKey[msg.view] = msg.data, msg.key
	m.remember(msg.view, msg.key, msg.data)
	if od, ok := msg.data.(*views.OverviewData); ok && m.states[views.Overview].Sel == 0 {
		// Start on the first key figure with data (an imported store may
		// hold no public figures).
		for i, kf := range views.OrderedFigures(od) {
			if kf.Year != 0 {
				m.states[views.Overview].Sel = i
				break
			}
		}
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
	if m.view == sqlView && m.console != nil {
		if handled, cmd := m.console.Update(msg); handled {
			return cmd
		}
		return m.handleConsoleKey(msg)
	}
	switch {
	case key.Matches(msg, km.Quit):
		return m.quit()
	case key.Matches(msg, km.Help):
		m.help.ShowAll = !m.help.ShowAll
	case key.Matches(msg, km.NextView, km.PrevView, km.View1, km.View2, km.View3, km.View4, km.View5, km.View6, km.View7):
		return m.switchKey(msg)
	case key.Matches(msg, km.Filter):
		m.filterOpen = true
	case key.Matches(msg, km.Table):
		m.tableMode[m.view] = !m.tableMode[m.view]
		m.scroll[m.view] = 0
	case key.Matches(msg, km.Export):
		return m.export()
	case key.Matches(msg, km.Copy):
		return m.copy(false)
	case key.Matches(msg, km.CopyTSV):
		return m.copy(true)
	case key.Matches(msg, km.Cancel):
		if l := m.loads[m.view]; l != nil {
			l.cancel()
			m.loads[m.view] = nil
			m.cancelled[m.view] = true
			m.spinning = false
			return m.setStatus(i18n.T(m.ctx.Lang, "st.cancelled"), false)
		}
		if m.help.ShowAll {
			m.help.ShowAll = false
		}
	case key.Matches(msg, km.Reload):
		delete(m.cache, viewName(m.view)+"|"+m.filterKey(m.view))
		m.dataKey[m.view] = ""
		m.cancelled[m.view] = false
		m.errs[m.view] = nil
		return m.ensureLoaded(m.view, true)
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
		m.scroll[m.view] = 0
	case key.Matches(msg, km.End):
		m.scroll[m.view] = 1 << 30
	}
	return nil
}

// switchKey handles the keys that switch views: tab, shift+tab (over the
// views the role can reach) and 1–7.
func (m *Model) switchKey(msg tea.KeyPressMsg) tea.Cmd {
	km, n := m.keys, m.numViews()
	switch {
	case key.Matches(msg, km.NextView):
		return m.switchView((m.view + 1) % n)
	case key.Matches(msg, km.PrevView):
		return m.switchView((m.view + n - 1) % n)
	}
	return m.switchView(views.ID(msg.String()[0] - '1'))
}

// handleConsoleKey handles a key on the SQL view that the console did not
// use (its input line is blurred, or tab/shift+tab): view switching,
// filter, copy, help, quit.
func (m *Model) handleConsoleKey(msg tea.KeyPressMsg) tea.Cmd {
	km := m.keys
	switch {
	case key.Matches(msg, km.Quit):
		return m.quit()
	case key.Matches(msg, km.Help):
		m.help.ShowAll = !m.help.ShowAll
		m.sizeConsole()
	case key.Matches(msg, km.NextView, km.PrevView, km.View1, km.View2, km.View3, km.View4, km.View5, km.View6, km.View7):
		return m.switchKey(msg)
	case key.Matches(msg, km.Filter):
		m.filterOpen = true
	case key.Matches(msg, km.Copy, km.CopyTSV):
		return m.copyConsole(key.Matches(msg, km.CopyTSV))
	case key.Matches(msg, km.Cancel):
		m.help.ShowAll = false
		m.sizeConsole()
	}
	return nil
}

// copyConsole puts the console's last result on the clipboard as
// Markdown or (tsv) tab-separated values.
func (m *Model) copyConsole(tsv bool) tea.Cmd {
	lang := m.ctx.Lang
	text, ok, kind, format := "", false, "Markdown", "markdown"
	if tsv {
		text, ok = m.console.TSV()
		kind, format = "TSV", "tsv"
	} else {
		text, ok = m.console.Markdown()
	}
	if !ok {
		return m.setStatus(i18n.T(lang, "st.notready"), true)
	}
	m.audit("copy", map[string]any{"view": viewName(sqlView), "format": format, "tables": 1})
	return tea.Batch(tea.SetClipboard(text), m.setStatus(i18n.F(lang, "st.copied", 1, kind), false))
}

func (m *Model) quit() tea.Cmd {
	if m.console != nil {
		m.console.Cancel()
	}
	for _, l := range m.loads {
		if l != nil {
			l.cancel()
		}
	}
	m.quitting = true
	return tea.Quit
}

// selectable reports whether ↑/↓ select in the view (else they scroll).
func (m *Model) selectable() bool {
	return (m.view == views.Overview || m.view == views.Figures) && !m.tableMode[m.view]
}

func (m *Model) selCount() int {
	switch d := m.data[m.view].(type) {
	case *views.OverviewData:
		return len(d.Figures)
	case *views.FiguresData:
		return len(d.Series)
	}
	return 0
}

func (m *Model) move(delta int) {
	if m.selectable() {
		m.moveSel(delta)
		return
	}
	m.scrollBy(delta)
}

func (m *Model) moveSel(delta int) {
	n := m.selCount()
	if n == 0 || !(m.view == views.Overview || m.view == views.Figures) {
		return
	}
	s := &m.states[m.view]
	s.Sel = (s.Sel + delta + n) % n
	if m.view == views.Figures {
		m.scroll[m.view] = 0
	}
}

func (m *Model) scrollBy(delta int) {
	m.scroll[m.view] = max(m.scroll[m.view]+delta, 0)
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

// tabs returns the tab labels and their start columns.
func (m *Model) tabLabels() []string {
	var out []string
	for id := views.ID(0); id < m.numViews(); id++ {
		out = append(out, fmt.Sprintf(" %d %s ", id+1, m.viewTitle(id)))
	}
	return out
}

func (m *Model) tabAt(x int) (views.ID, bool) {
	col := 0
	for i, l := range m.tabLabels() {
		w := lipgloss.Width(l)
		if x >= col && x < col+w {
			return views.ID(i), true
		}
		col += w
	}
	return 0, false
}

func (m *Model) header() string {
	st, lang, w := m.ctx.Styles, m.ctx.Lang, m.ctx.Width
	var tabs strings.Builder
	for i, l := range m.tabLabels() {
		if views.ID(i) == m.view {
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
	state := ""
	switch {
	case m.loading(m.view) && m.spinning:
		state = m.spin.View() + " " + i18n.T(lang, "st.loading")
	case m.loading(m.view):
		state = i18n.T(lang, "st.loading")
	case m.cancelled[m.view]:
		state = i18n.T(lang, "st.cancelledshort")
	}
	fl := i18n.T(lang, "f.label") + ": " + filter.Summary(m.ctx.Filter, lang)
	switch {
	case m.view == sqlView:
		fl += " " + i18n.T(lang, "console.nofilter")
	case !usesFilter(m.view):
		fl += " " + i18n.T(lang, "f.notapplied")
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
	var s string
	if m.filterOpen {
		s = m.help.View(keys.FilterHelp{KeyMap: m.keys})
	} else {
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
	id := m.view
	if m.filterOpen {
		panel := m.filterM.View(&m.ctx, m.ctx.Filter, min(w, 90), h)
		if w >= 150 && m.data[id] != nil {
			pw := 72
			panel = m.filterM.View(&m.ctx, m.ctx.Filter, pw, h)
			return lipgloss.JoinHorizontal(lipgloss.Top,
				lipgloss.NewStyle().Width(pw).Render(panel), " │ ",
				m.viewContent(id, w-pw-3, h))
		}
		return panel
	}
	if id == sqlView && m.console != nil {
		m.console.SetSize(w, h)
		return m.console.View()
	}
	if m.data[id] == nil {
		few := tooFew(m.errs[id])
		switch {
		case few != nil:
			return st.Bold.Render(i18n.T(lang, "st.toofew")) + "\n\n" +
				ansi.Wordwrap(fmt.Sprintf(i18n.T(lang, "st.toofewwhy"), few.Min), w, " ") + "\n\n" +
				st.Muted.Render(ansi.Wordwrap(i18n.T(lang, "st.toofewhint"), w, " "))
		case m.errs[id] != nil:
			return st.Error.Render(i18n.T(lang, "st.error")+": ") + m.errs[id].Error() + "\n\n" +
				st.Muted.Render(i18n.T(lang, "st.reloadhint"))
		case m.cancelled[id]:
			return st.Muted.Render(i18n.T(lang, "st.cancelled"))
		}
		return st.Muted.Render(i18n.T(lang, "st.loading"))
	}
	out := m.viewContent(id, w, h)
	if m.errs[id] != nil {
		out = st.Error.Render(i18n.T(lang, "st.error")+": "+m.errs[id].Error()) + "\n" + out
	}
	return out
}

func (m *Model) viewContent(id views.ID, w, h int) string {
	rk := fmt.Sprintf("%s|%d|%d|%v|%d|%v|%v", m.dataKey[id], w, h, m.tableMode[id], m.states[id].Sel, m.theme, m.ctx.Lang)
	if c := m.rendered[id]; c.key == rk && c.body != "" {
		return c.body
	}
	var out string
	if m.tableMode[id] {
		tabs := m.data[id].Tables()
		if fd, ok := m.data[id].(*views.FiguresData); ok {
			tabs = fd.Selected(m.states[id])
		}
		out = views.RenderTables(&m.ctx, tabs, w)
	} else {
		out = views.Render(id, &m.ctx, m.data[id], m.states[id], w, h)
	}
	m.rendered[id] = renderCache{key: rk, body: out}
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
	if m.tableMode[m.view] {
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
	return m.data[m.view] != nil && !m.fresh(m.view)
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
	if m.view == views.Overview && !m.tableMode[m.view] && !m.filterOpen {
		// Keep the selected key figure visible in the compact list.
		m.scroll[m.view] = min(m.scroll[m.view], maxScroll)
	}
	m.scroll[m.view] = min(m.scroll[m.view], maxScroll)
	off := m.scroll[m.view]
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
