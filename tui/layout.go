package tui

// Layout: header (tabs, filter), body (the visible view, its table, the
// filter panel beside or above it, or the full help), footer (status and
// key help), and the too-small screen.

import (
	"fmt"
	"strings"

	tea "charm.land/bubbletea/v2"
	"charm.land/lipgloss/v2"
	"github.com/charmbracelet/x/ansi"

	"lagebild/internal/i18n"
	"lagebild/tui/blocks"
	"lagebild/tui/filter"
	"lagebild/tui/views"
)

func (m *Model) tooSmall() bool { return m.ctx.Width < MinWidth || m.ctx.Height < MinHeight }

// maxStatusLines bounds a status message that wraps (an export's paths).
const maxStatusLines = 3

func (m *Model) footerHeight() int { return len(m.statusLines()) + 1 }

// statusLines is the status message wrapped to the width (at most
// maxStatusLines lines), or one empty line when there is none.
func (m *Model) statusLines() []string {
	if m.status == "" || m.ctx.Width <= 0 {
		return []string{""}
	}
	lines := strings.Split(ansi.Wrap(m.status, m.ctx.Width, " /"), "\n")
	if len(lines) > maxStatusLines {
		lines = lines[:maxStatusLines]
		lines[maxStatusLines-1] = ansi.Truncate(lines[maxStatusLines-1], m.ctx.Width-1, "") + "…"
	}
	return lines
}

func (m *Model) bodyHeight() int { return max(m.ctx.Height-2-m.footerHeight(), 1) }

// tabLabels are the tabs' labels (" 1 Overview "), made to fit the width
// beside the SYNTHETIC tag. When the titles do not fit, the active tab
// keeps its title and the others show their short titles
// (view.<name>.short, where the catalogue has one) nearest first, as
// many as fit, the rest their numbers only: the tabs beside the active
// one read as words, and every tab stays on screen.
func (m *Model) tabLabels() []string {
	budget := m.ctx.Width
	if m.ctx.Synthetic {
		budget -= lipgloss.Width(" "+i18n.T(m.ctx.Lang, "tag.synthetic.short")+" ") + 1
	}
	titles := make([]string, len(m.tabs))
	shorts := make([]string, len(m.tabs))
	for i, t := range m.tabs {
		titles[i] = t.view.Title(m.ctx.Lang)
		shorts[i] = titles[i]
		if key := "view." + t.view.Name() + ".short"; i18n.Has(key) {
			shorts[i] = i18n.T(m.ctx.Lang, key)
		}
	}
	label := func(i int, title string) string {
		return strings.Replace(fmt.Sprintf(" %s %s ", m.tabKeys[i], title), "  ", " ", 1)
	}
	out, w := make([]string, len(titles)), 0
	for i, title := range titles {
		out[i] = label(i, title)
		w += lipgloss.Width(out[i])
	}
	if w <= budget {
		return out
	}
	w = 0
	for i := range titles {
		if i != m.active {
			out[i] = label(i, "")
		}
		w += lipgloss.Width(out[i])
	}
	// the others by distance from the active tab, the next one first
	for d := 1; d < len(titles); d++ {
		for _, i := range []int{m.active + d, m.active - d} {
			if i < 0 || i >= len(titles) {
				continue
			}
			named := label(i, shorts[i])
			if grow := lipgloss.Width(named) - lipgloss.Width(out[i]); w+grow <= budget {
				out[i], w = named, w+grow
			}
		}
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
	note := ""
	if !t.view.UsesFilter() {
		note = i18n.T(lang, "f.notapplied")
		if fn, ok := t.view.(views.FilterNoter); ok {
			note = fn.FilterNote(lang)
		}
	}
	stateW := lipgloss.Width(state)
	more := func(n int) string { return i18n.F(lang, "f.more", n) }
	fl := filterLine(i18n.T(lang, "f.label"), i18n.T(lang, "f.none"), filter.Parts(m.ctx.Filter, lang), note, more,
		max(w-stateW-1, 10))
	line2 := st.FilterBar.Render(fl)
	if state != "" {
		line2 += strings.Repeat(" ", max(w-lipgloss.Width(line2)-stateW, 1)) + st.Warn.Render(state)
	}
	return line1 + "\n" + line2
}

// body returns the view's content (all lines; the caller scrolls).
func (m *Model) body(w, h int) string {
	st, lang := m.ctx.Styles, m.ctx.Lang
	t := m.cur()
	if m.help.ShowAll {
		return m.fullHelp(w)
	}
	if m.presets.open() {
		return m.presetsBody(w)
	}
	if m.filterOpen {
		return m.filterBody(t, w, h)
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

// Sizes of the filter panel beside (from sideFilterWidth columns) or
// above (from stackedFilterWidth columns) the view it changes; below,
// the panel takes the body.
const (
	sideFilterWidth    = 150
	sidePanelWidth     = 72
	stackedFilterWidth = 100
	// stackedPanelHeight is the panel's height above the view: its title,
	// a line per field and room for the choices.
	stackedPanelHeight = 12
)

// filterBody is the body while the filter panel is open: from 100
// columns the view it changes stays in sight (beside the panel from 150
// columns, below it from 100), from its top, as the view reopens after a
// filter change.
func (m *Model) filterBody(t *tab, w, h int) string {
	rule := "│"
	if m.ctx.Accessible() {
		rule = "|"
	}
	switch {
	case w >= sideFilterWidth && t.data != nil:
		panel := m.filterM.View(&m.ctx, m.ctx.Filter, sidePanelWidth, h)
		return blocks.Beside([]int{sidePanelWidth, 3, blocks.Ragged},
			lipgloss.NewStyle().Width(sidePanelWidth).MaxWidth(sidePanelWidth).Render(panel), " "+rule+" ",
			m.viewContent(t, w-sidePanelWidth-3, h))
	case w >= stackedFilterWidth && t.data != nil && h >= 2*stackedPanelHeight:
		panel := strings.TrimRight(m.filterM.View(&m.ctx, m.ctx.Filter, min(w, 90), stackedPanelHeight), "\n")
		ph := lipgloss.Height(panel)
		sep := "─"
		if m.ctx.Accessible() {
			sep = "-"
		}
		view := strings.Split(m.viewContent(t, w, h-ph-1), "\n")
		view = view[:min(len(view), h-ph-1)]
		return panel + "\n" + m.ctx.Styles.Muted.Render(strings.Repeat(sep, w)) + "\n" + strings.Join(view, "\n")
	}
	return m.filterM.View(&m.ctx, m.ctx.Filter, min(w, 90), h)
}

// viewContent draws a tab's data: its charts or (table view) its tables.
func (m *Model) viewContent(t *tab, w, h int) string {
	rk := fmt.Sprintf("%s|%d|%d|%v|%d|%v|%v|%v|%v|%v%d|%q", t.dataKey, w, h, t.tableMode, t.state.Sel, m.theme, m.ctx.Lang,
		t.sort, t.search, t.drillOn, t.drillRow, t.state.Hidden)
	if c := t.rendered; c.key == rk && c.body != "" {
		return c.body
	}
	var out string
	if t.tableMode {
		out, _ = m.tableBody(t, w)
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
	case m.searchOpen || (m.status == "" && m.cur().search.query != ""):
		left = m.searchLine()
	case m.status != "":
		// A message longer than the line (an export's full paths) wraps
		// instead of losing its end.
		style := st.OK
		if m.statusErr {
			style = st.Error
		}
		lines := m.statusLines()
		for i, l := range lines {
			lines[i] = style.Render(l)
		}
		if len(lines) > 1 {
			return strings.Join(lines, "\n") + "\n" + m.helpView()
		}
		left = lines[0]
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

// scrollRef is the scroll offset of what the body shows: the full help's,
// the visible tab's, or nil for the filter panel (which is not scrolled).
func (m *Model) scrollRef() *int {
	switch {
	case m.help.ShowAll:
		return &m.helpScroll
	case m.filterOpen:
		return nil
	}
	return &m.cur().scroll
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
	off := 0
	scroll := m.scrollRef()
	if scroll != nil {
		*scroll = min(*scroll, maxScroll)
		off = *scroll
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
	if scroll == nil {
		more = 0
	}
	b.WriteString(m.footer(more, off))
	return b.String()
}
