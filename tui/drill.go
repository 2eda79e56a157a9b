package tui

// Drill-down: in the table view (t), ↑/↓ move a row cursor among the rows
// whose dimension is a filter field (queries.FieldOfDimension: a year, a
// phenomenon, an age band, …); enter sets the filter to that row and
// backspace goes back to the filter before. Both go through setFilter, so
// the SSH filter budget (common.Context.FilterGate) and the bounded filter
// space (queries.ParseFlags validates) apply as in the filter panel.

import (
	"errors"
	"slices"

	tea "charm.land/bubbletea/v2"

	"lagebild/internal/i18n"
	"lagebild/queries"
	"lagebild/queries/report"
)

// drillMark marks the row under the drill cursor in the table view.
const drillMark = "▸ "

// maxHistory bounds the filters backspace can go back to.
const maxHistory = 32

// drillTarget is a row of the table view a drill can filter to.
type drillTarget struct {
	table, row int
	field      *queries.FilterField
}

// drillTargets are the rows of the tab's tables whose rows a filter
// field selects, in the order they are shown.
func (m *Model) drillTargets(t *tab) []drillTarget {
	if t.data == nil || !t.view.UsesFilter() {
		return nil
	}
	var out []drillTarget
	for i, tb := range m.shownTables(t) {
		d, ok := queries.FieldOfDimension(tb.RowDim)
		if !ok {
			continue
		}
		for r := range tb.RowCodes {
			out = append(out, drillTarget{table: i, row: r, field: d})
		}
	}
	return out
}

// moveDrill moves the drill cursor of the table view by delta and
// reports whether it did (false: no table view or no row to drill into,
// so the arrow keys scroll as before). The first move puts the cursor on
// the first row.
func (m *Model) moveDrill(delta int) bool {
	t := m.cur()
	if !t.tableMode {
		return false
	}
	n := len(m.drillTargets(t))
	if n == 0 {
		return false
	}
	if !t.drillOn {
		t.drillOn, t.drillRow = true, 0
		return true
	}
	t.drillRow = min(max(t.drillRow+delta, 0), n-1)
	return true
}

// markDrill returns the tables with the cursor's row label marked.
func (m *Model) markDrill(t *tab, tables []report.Table) []report.Table {
	targets := m.drillTargets(t)
	if !t.drillOn || len(targets) == 0 {
		return tables
	}
	at := targets[min(t.drillRow, len(targets)-1)]
	out := slices.Clone(tables)
	rows := slices.Clone(out[at.table].Rows)
	if at.row < len(rows) {
		rows[at.row] = drillMark + rows[at.row]
	}
	out[at.table].Rows = rows
	return out
}

// drill sets the filter to the row under the cursor. A row that is not a
// valid filter (withheld, a code outside the field's choices) or no
// cursor at all leaves the filter and says why.
func (m *Model) drill() tea.Cmd {
	t, lang := m.cur(), m.ctx.Lang
	targets := m.drillTargets(t)
	if !t.tableMode || !t.drillOn || len(targets) == 0 {
		return m.setStatus(i18n.T(lang, "st.drill.none"), true)
	}
	at := targets[min(t.drillRow, len(targets)-1)]
	tb := m.shownTables(t)[at.table]
	if !rowShown(&tb, at.row) {
		return m.setStatus(i18n.T(lang, "st.drill.withheld"), true)
	}
	f, err := queries.ParseFlags(m.ctx.Filter.Flags() + " --" + at.field.Name + " " + tb.RowCodes[at.row])
	if err != nil {
		var fe *queries.FilterError
		if errors.As(err, &fe) {
			return m.setStatus(i18n.F(lang, "st.drill.invalid", tb.Rows[at.row]), true)
		}
		return m.setStatus(err.Error(), true)
	}
	return m.applyFilter(f)
}

// rowShown reports whether a row has a figure to drill into: a shown
// total, or any shown cell when the table has no row totals.
func rowShown(tb *report.Table, r int) bool {
	if r < len(tb.RowTotals) {
		return tb.RowTotals[r].Shown()
	}
	return r < len(tb.Cells) && slices.ContainsFunc(tb.Cells[r], func(c report.Cell) bool { return c.Shown() })
}

// applyFilter changes the filter through setFilter (gate, audit, reload)
// and, when it applied, remembers the filter before for backspace.
func (m *Model) applyFilter(f queries.Filter) tea.Cmd {
	before := m.ctx.Filter
	if f.Key() == before.Key() {
		return m.setStatus(i18n.T(m.ctx.Lang, "st.drill.same"), false)
	}
	cmd := m.setFilter(f)
	if m.ctx.Filter.Key() != f.Key() {
		return cmd // refused: setFilter said why
	}
	m.history = append(m.history, before)
	if len(m.history) > maxHistory {
		m.history = m.history[1:]
	}
	m.cur().drillOn = false
	return tea.Batch(cmd, m.setStatus(i18n.F(m.ctx.Lang, "st.drill.applied", m.filterText(f)), false))
}

// back returns to the filter before the last drill or preset.
func (m *Model) back() tea.Cmd {
	if len(m.history) == 0 {
		return m.setStatus(i18n.T(m.ctx.Lang, "st.drill.nohistory"), true)
	}
	prev := m.history[len(m.history)-1]
	cmd := m.setFilter(prev)
	if m.ctx.Filter.Key() != prev.Key() {
		return cmd
	}
	m.history = m.history[:len(m.history)-1]
	return tea.Batch(cmd, m.setStatus(i18n.F(m.ctx.Lang, "st.drill.back", m.filterText(prev)), false))
}

// filterText is the filter as its flag string, or "all cases".
func (m *Model) filterText(f queries.Filter) string {
	if f.IsZero() {
		return i18n.T(m.ctx.Lang, "st.drill.all")
	}
	return f.Flags()
}
