// Package tui is lagebild's terminal user interface: the views of the
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
	"strings"
	"time"

	"charm.land/bubbles/v2/help"
	"charm.land/bubbles/v2/spinner"
	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/colorprofile"

	"lagebild/internal/i18n"
	"lagebild/queries"
	"lagebild/tui/common"
	"lagebild/tui/filter"
	"lagebild/tui/keys"
	"lagebild/tui/styles"
	"lagebild/tui/tabular"
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
	// Remote is set for SSH sessions: export (e) then sends the Markdown
	// to the terminal's clipboard instead of writing a file on the
	// server (E sends the CSV, here as locally).
	Remote bool
	// ExportDir is where e writes files (the --export-dir flag; default:
	// the working directory). The status line names the full paths.
	ExportDir string
	// Now is the clock (tests fix it).
	Now func() time.Time
	// Context bounds every query (default: context.Background()).
	Context context.Context
	// Audit, if set, is told of the user's actions: "view" (view),
	// "filter" (filter: the filter key), "export" (view, format
	// "clipboard" or "md+csv", tables), "copy" (view, format "markdown",
	// "tsv" or "csv", tables), and the console's "sql". Never record-level
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
	// PresetsFile is where saved filter presets are read and written
	// (presets.go); "" keeps them for the session only (SSH).
	PresetsFile string
}

// loadState is a query running for a view.
type loadState struct {
	req    uint64
	key    string
	cancel context.CancelFunc
	start  time.Time
	// run is the query command (tests run it synchronously).
	run tea.Cmd
	// reload: started by r, so its end is said in the status line.
	reload bool
}

// tab is one tab of the session: its view and what the root keeps for
// it.
type tab struct {
	view      views.View
	state     views.State
	tableMode bool
	scroll    int
	// drillOn and drillRow are the table view's drill cursor (drill.go).
	drillOn  bool
	drillRow int

	data      views.Data
	dataKey   string // the filter key of data
	load      *loadState
	err       error
	cancelled bool

	// rendered caches the last body.
	rendered renderCache

	// sort orders the rows of the table view (and so of export and copy);
	// search is the text of the search (/) and its current match.
	sort   tabular.SortKey
	search searchState
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
	tabs []tab
	// tabKeys are the tabs' keys (views.TabKeys), "" for none.
	tabKeys   []string
	active    int
	cache     map[string]views.Data
	cacheKeys []string
	reqSeq    uint64

	filterOpen bool
	filterM    filter.Model
	// searchOpen: the search prompt (/) takes the typed keys.
	searchOpen bool
	// exportMenu: e asked for a format; the next key picks it (export.go).
	exportMenu bool
	// history are the filters before each drill or preset (backspace).
	history []queries.Filter
	presets presetUI
	// helpScroll is the scroll offset of the full help (?), a page of
	// the body.
	helpScroll int

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
	m.loadPresets()
	if o.Source != nil {
		m.setSource(o.Source, nil)
	}
	return m
}

func (m *Model) applyTheme() {
	st := styles.New(m.theme)
	m.ctx.Styles = st
	m.help.Styles = st.Help
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
		m.tabKeys = views.TabKeys(vs)
		m.keys.SetViewKeys(m.tabKeys)
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
		// A status message belongs to the view it was made on.
		m.status = ""
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
		if m.tooSmall() {
			return m, nil
		}
		switch msg.Button {
		case tea.MouseWheelUp:
			m.scrollBy(-3)
		case tea.MouseWheelDown:
			m.scrollBy(3)
		}
		return m, nil
	case tea.MouseClickMsg:
		if msg.Y == 0 && msg.Button == tea.MouseLeft && !m.tooSmall() {
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

// Err is the fatal error that ended the program (opening the store).
func (m *Model) Err() error { return m.fatal }

// Run starts the TUI on the terminal and blocks until it quits.
func Run(o Options, progOpts ...tea.ProgramOption) error {
	defer tuneGC()()
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
