package tui

// Search (/): a prompt in the footer; what is typed finds the row labels
// of the table view that contain it, in any case, highlights them and
// scrolls to the current match; in a view whose items have labels (the
// figures view's list) outside the table view it moves the selection. n
// and N go to the next and previous match, esc clears the search.

import (
	"strings"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"

	"lagebild/internal/i18n"
	"lagebild/tui/tabular"
	"lagebild/tui/views"
)

// searchState is a tab's search: its text and the index of the current
// match among the matches.
type searchState struct {
	query string
	cur   int
}

// hit is one match: a row of one of the table view's tables, or (table
// -1) an item of the view's list.
type hit struct{ table, row int }

// sortSearchKey handles the keys of sorting and search on the main
// screen; done is false for any other key.
func (m *Model) sortSearchKey(msg tea.KeyPressMsg) (cmd tea.Cmd, done bool) {
	km, t := m.keys, m.cur()
	switch {
	case key.Matches(msg, km.Sort):
		return m.sortTable(false), true
	case key.Matches(msg, km.SortReverse):
		return m.sortTable(true), true
	case key.Matches(msg, km.Search):
		m.openSearch()
		return nil, true
	case t.search.query == "":
		return nil, false
	case key.Matches(msg, km.NextMatch):
		m.jump(t.search.cur + 1)
		return nil, true
	case key.Matches(msg, km.PrevMatch):
		m.jump(t.search.cur - 1)
		return nil, true
	case key.Matches(msg, km.Cancel) && t.load == nil:
		t.search = searchState{}
		return nil, true
	}
	return nil, false
}

// openSearch opens the prompt for a new search: in the list of a view
// whose items have labels, else in the table view.
func (m *Model) openSearch() {
	t := m.cur()
	if _, list := t.view.(views.ItemLabeler); !list && !t.tableMode {
		t.tableMode, t.scroll = true, 0
	}
	t.search = searchState{}
	m.searchOpen = true
}

// searchPromptKey handles a key while the prompt is open: typing adds to
// the search and goes to its first match, backspace takes the last
// character back, enter keeps the search (n and N go on), esc clears it.
func (m *Model) searchPromptKey(msg tea.KeyPressMsg) tea.Cmd {
	t := m.cur()
	switch msg.String() {
	case "esc":
		t.search = searchState{}
		m.searchOpen = false
	case "enter":
		m.searchOpen = false
	case "backspace":
		r := []rune(t.search.query)
		t.search.query = string(r[:max(len(r)-1, 0)])
		m.jump(0)
	case "ctrl+u":
		t.search.query = ""
	default:
		if msg.Text != "" {
			t.search.query += msg.Text
			m.jump(0)
		}
	}
	return nil
}

// hits are the matches of the tab's search: the items of its list, or
// the rows of its table view in the order they are shown.
func (m *Model) hits(t *tab) []hit {
	q := t.search.query
	if q == "" || t.data == nil {
		return nil
	}
	var out []hit
	if lv, ok := t.view.(views.ItemLabeler); ok && !t.tableMode {
		for i, l := range lv.ItemLabels(t.data) {
			if tabular.Matches(l, q) {
				out = append(out, hit{table: -1, row: i})
			}
		}
		return out
	}
	for ti, tb := range m.shownTables(t) {
		for r, l := range tb.Rows {
			if tabular.Matches(l, q) {
				out = append(out, hit{table: ti, row: r})
			}
		}
	}
	return out
}

// jump makes match i (taken round the list of matches) the current one
// and brings it into sight: selects the list's item, or scrolls the table
// view to its row.
func (m *Model) jump(i int) {
	t := m.cur()
	hs := m.hits(t)
	if len(hs) == 0 {
		t.search.cur = 0
		return
	}
	i = (i%len(hs) + len(hs)) % len(hs)
	t.search.cur = i
	h := hs[i]
	if h.table < 0 {
		t.state.Sel = h.row
		t.scroll = 0
		return
	}
	_, lines := m.tableBody(t, m.ctx.Width)
	// One line above the row shows what came before it.
	t.scroll = max(lines[i]-1, 0)
}

// tableBody draws the table view of a tab: its tables in the order of
// its sort key, the header marked, the search's matches highlighted.
// lines are the body lines of the matches, in the order of hits.
func (m *Model) tableBody(t *tab, w int) (body string, lines []int) {
	c := &m.ctx
	hs := m.hits(t)
	cur := hit{table: -2}
	if len(hs) > 0 {
		cur = hs[min(t.search.cur, len(hs)-1)]
	}
	var parts []string
	offset := 0
	for i, tb := range m.markDrill(t, m.shownTables(t)) {
		o := tabular.RenderOptions{Lang: c.Lang, Styles: c.Styles, Width: w, AllSources: true,
			Sort: t.sort, Search: t.search.query, Current: -1}
		if cur.table == i {
			o.Current = cur.row
		}
		text, rowLine := tabular.RenderLines(&tb, o)
		for _, h := range hs {
			if h.table == i {
				lines = append(lines, offset+rowLine[h.row])
			}
		}
		parts = append(parts, text)
		offset += strings.Count(text, "\n") + 2
	}
	return strings.Join(parts, "\n\n"), lines
}

// searchLine is the footer's line of the search: the prompt with what is
// typed, which match of how many, and the keys.
func (m *Model) searchLine() string {
	st, lang, t := m.ctx.Styles, m.ctx.Lang, m.cur()
	line := "/" + t.search.query
	if m.searchOpen {
		line += "▏"
	}
	var count string
	switch hs := m.hits(t); {
	case t.search.query == "":
	case len(hs) == 0:
		count = st.Warn.Render(i18n.T(lang, "search.none"))
	default:
		count = i18n.F(lang, "search.matches", min(t.search.cur, len(hs)-1)+1, len(hs))
	}
	hint := "search.hint"
	if m.searchOpen {
		hint = "search.hint.open"
	}
	return strings.Join(nonEmpty(st.Bold.Render(line), count, st.Muted.Render(i18n.T(lang, hint))), "  ")
}

// nonEmpty drops the empty strings.
func nonEmpty(ss ...string) []string {
	var out []string
	for _, s := range ss {
		if s != "" {
			out = append(out, s)
		}
	}
	return out
}
