package tui

// Keys: what a key press does on the main screen, in the full help, in
// the filter panel and on an interactive tab (the console). While the
// too-small screen shows, only q and ctrl+c do anything.

import (
	"slices"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"

	"lagebild/internal/i18n"
	"lagebild/tui/filter"
	"lagebild/tui/views"
)

func (m *Model) handleKey(msg tea.KeyPressMsg) tea.Cmd {
	km := m.keys
	if msg.String() == "ctrl+c" {
		return m.quit()
	}
	if m.tooSmall() {
		// Nothing on screen says what another key would do.
		if key.Matches(msg, km.Quit) {
			return m.quit()
		}
		return nil
	}
	if m.fatal != nil || m.src == nil {
		if key.Matches(msg, km.Quit) || key.Matches(msg, km.Cancel) {
			return m.quit()
		}
		return nil
	}
	if m.help.ShowAll {
		if cmd, done := m.helpKey(msg); done {
			return cmd
		}
	}
	if m.presets.open() {
		return m.presetKey(msg)
	}
	if m.filterOpen {
		switch {
		case key.Matches(msg, km.Help):
			m.openHelp()
			return nil
		case key.Matches(msg, km.Quit):
			return m.quit()
		}
		f, act := m.filterM.Update(msg, km, m.ctx.Filter, m.ctx.Years, m.ctx.Lang)
		switch act {
		case filter.Close:
			m.filterOpen = false
		case filter.Changed:
			return m.setFilter(f)
		}
		return nil
	}
	if m.searchOpen {
		return m.searchPromptKey(msg)
	}
	if m.exportMenu {
		return m.exportMenuKey(msg)
	}
	if it, ok := m.interactive(); ok {
		if handled, cmd := it.Update(msg); handled {
			return cmd
		}
		return m.handleInteractiveKey(msg, it)
	}
	if cmd, done := m.sortSearchKey(msg); done {
		return cmd
	}
	if cmd, done := m.screenKey(msg); done {
		return cmd
	}
	t := m.cur()
	switch {
	case key.Matches(msg, km.Table):
		t.tableMode = !t.tableMode
		t.scroll = 0
	case key.Matches(msg, km.Export):
		return m.export()
	case key.Matches(msg, km.CopyCSV):
		return m.copyCSV()
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
	case key.Matches(msg, km.Reload):
		delete(m.cache, t.view.Name()+"|"+m.filterKey(m.active))
		t.dataKey = ""
		t.cancelled = false
		t.err = nil
		cmd := m.ensureLoaded(m.active, true)
		if t.load == nil {
			return cmd // a view that loads nothing
		}
		t.load.reload = true
		return tea.Batch(cmd, m.setStatus(i18n.F(m.ctx.Lang, "st.reloading", t.view.Title(m.ctx.Lang)), false))
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
	case key.Matches(msg, km.Drill):
		return m.drill()
	case key.Matches(msg, km.Back):
		return m.back()
	case key.Matches(msg, km.Presets):
		m.presets.listing, m.presets.sel = true, 0
	case key.Matches(msg, km.SavePreset):
		m.presets.naming, m.presets.name = true, nil
	case key.Matches(msg, km.NextSeries):
		return m.seriesKey("next")
	case key.Matches(msg, km.ToggleSeries):
		return m.seriesKey("toggle")
	case key.Matches(msg, km.IsolateSeries):
		return m.seriesKey("isolate")
	}
	return nil
}

// openHelp shows the full help, from its top.
func (m *Model) openHelp() {
	m.help.ShowAll = true
	m.helpScroll = 0
}

// helpKey handles a key while the full help shows: ? and esc close it,
// q quits, the scroll keys scroll it. Any other key closes it and is
// handled as usual (done is false).
func (m *Model) helpKey(msg tea.KeyPressMsg) (cmd tea.Cmd, done bool) {
	km, page := m.keys, max(m.bodyHeight()-2, 1)
	switch {
	case key.Matches(msg, km.Help, km.Cancel):
	case key.Matches(msg, km.Quit):
		return m.quit(), true
	case key.Matches(msg, km.Up):
		m.scrollBy(-1)
		return nil, true
	case key.Matches(msg, km.Down):
		m.scrollBy(1)
		return nil, true
	case key.Matches(msg, km.PageUp):
		m.scrollBy(-page)
		return nil, true
	case key.Matches(msg, km.PageDown):
		m.scrollBy(page)
		return nil, true
	case key.Matches(msg, km.Home):
		m.helpScroll = 0
		return nil, true
	case key.Matches(msg, km.End):
		m.helpScroll = 1 << 30
		return nil, true
	default:
		m.help.ShowAll = false
		return nil, false
	}
	m.help.ShowAll = false
	return nil, true
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
	if i := slices.Index(m.tabKeys, msg.String()); i >= 0 {
		return m.switchView(i)
	}
	return nil
}

// handleInteractiveKey handles a key on an interactive tab (the SQL
// console) that the tab did not use (its input line is blurred, or
// tab/shift+tab): view switching, filter, copy, help, quit.
func (m *Model) handleInteractiveKey(msg tea.KeyPressMsg, it views.Interactive) tea.Cmd {
	if cmd, done := m.screenKey(msg); done {
		return cmd
	}
	if km := m.keys; key.Matches(msg, km.Copy, km.CopyTSV) {
		return m.copyInteractive(it, key.Matches(msg, km.CopyTSV))
	}
	return nil
}

// screenKey handles the keys every tab shares, an interactive one too:
// quit, help, view switching and the filter panel. done reports whether
// msg was one of them.
func (m *Model) screenKey(msg tea.KeyPressMsg) (cmd tea.Cmd, done bool) {
	km := m.keys
	switch {
	case key.Matches(msg, km.Quit):
		return m.quit(), true
	case key.Matches(msg, km.Help):
		m.openHelp()
		return nil, true
	case key.Matches(msg, km.NextView, km.PrevView, km.Views):
		return m.switchKey(msg), true
	case key.Matches(msg, km.Filter):
		m.filterOpen = true
		return nil, true
	}
	return nil, false
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
	if m.moveDrill(delta) {
		return
	}
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

// scrollBy scrolls what the body shows (the full help or the visible
// tab; not the filter panel).
func (m *Model) scrollBy(delta int) {
	if s := m.scrollRef(); s != nil {
		*s = max(*s+delta, 0)
	}
}

// Layout.
