package tui

// Sorting the table view (s, S): the rows of the visible tables ordered by
// one column, the header marks it with ▲ or ▼, and export and copy write
// the rows in the same order (see content in export.go).

import (
	tea "charm.land/bubbletea/v2"

	"lagebild/internal/i18n"
	"lagebild/queries/report"
	"lagebild/tui/tabular"
)

// shownTables are the tab's tables as the table view shows them: in the
// order of its sort key.
func (m *Model) shownTables(t *tab) []report.Table {
	tabs := t.view.Tables(t.data, t.state)
	if !t.sort.On {
		return tabs
	}
	out := make([]report.Table, len(tabs))
	for i := range tabs {
		out[i] = tabular.Sorted(&tabs[i], t.sort)
	}
	return out
}

// sortTable moves the visible tab's sort key and shows the table view:
// s sorts by the next column, largest first (after the last column, back
// to the data's order); S reverses the direction (unsorted: the first
// column, smallest first). The status line says by what.
func (m *Model) sortTable(reverse bool) tea.Cmd {
	t := m.cur()
	if t.data == nil {
		return nil
	}
	tabs := t.view.Tables(t.data, t.state)
	n := 0
	for i := range tabs {
		n = max(n, tabular.Columns(&tabs[i]))
	}
	if n == 0 {
		return nil
	}
	if !t.tableMode {
		t.tableMode, t.scroll = true, 0
	}
	k := t.sort
	switch {
	case reverse && k.On:
		k.Desc = !k.Desc
	case reverse:
		k = tabular.SortKey{On: true}
	case !k.On:
		k = tabular.SortKey{On: true, Desc: true}
	case k.Col+1 < n:
		k.Col++
	default:
		k = tabular.SortKey{}
	}
	t.sort = k
	return m.setStatus(sortStatus(tabs, k, m.ctx.Lang), false)
}

// sortStatus says what the rows are sorted by: the column's label in the
// first table that has it, and the direction.
func sortStatus(tabs []report.Table, k tabular.SortKey, lang i18n.Lang) string {
	if !k.On {
		return i18n.T(lang, "st.unsorted")
	}
	for i := range tabs {
		t := &tabs[i]
		if !k.Applies(t) {
			continue
		}
		label := i18n.T(lang, "total")
		if k.Col < len(t.Cols) {
			label = t.Cols[k.Col]
		}
		return i18n.F(lang, "st.sorted", label, k.Arrow())
	}
	return i18n.T(lang, "st.unsorted")
}
