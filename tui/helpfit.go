package tui

// Help that fits: the one-line key help keeps ? and q at every width the
// TUI accepts, and the full help (?) is a page of the body that scrolls
// instead of a footer cut at the terminal's edge.

import (
	"slices"
	"strings"

	"charm.land/bubbles/v2/help"
	"charm.land/bubbles/v2/key"
	"charm.land/lipgloss/v2"
	"github.com/charmbracelet/x/ansi"

	"lagebild/internal/i18n"
	"lagebild/tui/keys"
)

// helpKeys is the key map of whatever has the keys: the filter panel, an
// interactive tab (the console) or the main screen.
func (m *Model) helpKeys() help.KeyMap {
	if m.filterOpen {
		return keys.FilterHelp{KeyMap: m.keys}
	}
	if it, ok := m.interactive(); ok {
		return it.KeyMap(m.keys)
	}
	if m.active < len(m.tabs) && m.cur().tableMode {
		return keys.TableHelp{KeyMap: m.keys}
	}
	return m.keys
}

// helpView is the one-line key help of the footer.
func (m *Model) helpView() string {
	return fitShortHelp(m.help, m.helpKeys().ShortHelp(), m.keys, m.ctx.Width)
}

// fitShortHelp renders the bindings on one line of at most w cells. It
// drops items from the end of the list, but never the help and quit keys
// of km, so that ? and q show at every width; only if those two alone do
// not fit is the line cut.
func fitShortHelp(h help.Model, bindings []key.Binding, km keys.KeyMap, w int) string {
	h.SetWidth(0) // this function decides what fits
	kept := func(b key.Binding) bool {
		return slices.Equal(b.Keys(), km.Help.Keys()) || slices.Equal(b.Keys(), km.Quit.Keys())
	}
	items := slices.Clone(bindings)
	for {
		s := h.ShortHelpView(items)
		if lipgloss.Width(s) <= w {
			return s
		}
		i := len(items) - 1
		for i >= 0 && kept(items[i]) {
			i--
		}
		if i < 0 {
			return ansi.Truncate(s, w, "…")
		}
		items = slices.Delete(items, i, i+1)
	}
}

// fullHelp is the full help as a page of the body: a title, the key
// groups as columns side by side as far as they fit in w cells (the rest
// in further rows), and what export and copy do with the files and the
// clipboard. The caller scrolls it.
func (m *Model) fullHelp(w int) string {
	st, lang := m.ctx.Styles, m.ctx.Lang
	h := m.help
	h.SetWidth(0)
	var cols []string
	for _, g := range m.helpKeys().FullHelp() {
		if c := h.FullHelpView([][]key.Binding{g}); c != "" {
			cols = append(cols, c)
		}
	}
	const gap = "   "
	var rows []string
	var row []string
	rowW := 0
	flush := func() {
		if len(row) > 0 {
			rows = append(rows, lipgloss.JoinHorizontal(lipgloss.Top, row...))
		}
		row, rowW = nil, 0
	}
	for _, c := range cols {
		cw := lipgloss.Width(c)
		if len(row) > 0 && rowW+len(gap)+cw > w {
			flush()
		}
		if len(row) > 0 {
			row = append(row, gap)
			rowW += len(gap)
		}
		row = append(row, c)
		rowW += cw
	}
	flush()
	var b strings.Builder
	b.WriteString(st.Title.Render(ansi.Truncate(i18n.T(lang, "help.title"), w, "…")) + "\n\n")
	b.WriteString(strings.Join(rows, "\n\n"))
	b.WriteString("\n")
	for _, n := range m.helpNotes() {
		b.WriteString("\n" + st.Muted.Render(ansi.Wrap(n, w, " /")))
	}
	return b.String()
}

// helpNotes say below the keys what they do beyond their one-line
// description: where e writes (or, over SSH, sends) and what the terminal's
// clipboard may drop on the main screen and the console, type-to-find in
// the filter panel.
func (m *Model) helpNotes() []string {
	lang := m.ctx.Lang
	_, interactive := m.interactive()
	switch {
	case m.filterOpen:
		return []string{i18n.T(lang, "help.find")}
	case interactive:
		return []string{i18n.T(lang, "help.clipboard")}
	case m.opts.Remote:
		return []string{i18n.T(lang, "help.exportremote"), i18n.T(lang, "help.clipboard"),
			i18n.T(lang, "help.sort"), i18n.T(lang, "help.search")}
	}
	return []string{i18n.F(lang, "help.exportdir", m.exportDir()), i18n.T(lang, "help.clipboard"),
		i18n.T(lang, "help.sort"), i18n.T(lang, "help.search")}
}
