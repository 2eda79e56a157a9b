package tui

// Layout: header (tabs, filter), body (the visible view, its table or
// the help), footer (status and key help), and the too-small screen.

import (
	"fmt"
	"strings"

	tea "charm.land/bubbletea/v2"
	"charm.land/lipgloss/v2"
	"github.com/charmbracelet/x/ansi"

	"lagebild/internal/i18n"
	"lagebild/tui/filter"
	"lagebild/tui/keys"
	"lagebild/tui/views"
)

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
