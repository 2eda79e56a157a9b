package tui

import (
	"strconv"
	"strings"
	"testing"

	tea "charm.land/bubbletea/v2"

	"lagebild/queries"
	"lagebild/tui/common"
)

var backspace = tea.KeyPressMsg{Code: tea.KeyBackspace}

// pressAll presses each key on m and runs the visible tab's load.
func pressAll(t *testing.T, m *Model, ks ...tea.KeyPressMsg) {
	t.Helper()
	for _, k := range ks {
		m.Update(k)
		loadSync(t, m, m.active)
	}
}

// Drill-down end to end on the sample: in the phenomena view's table, the
// cursor goes to a year row, enter filters to that year and reloads the
// view with it; backspace brings the unfiltered view back.
func TestDrillYearAndBack(t *testing.T) {
	m := newTestModel(t, testStore(t), Options{NoColor: true}, 100, 40)
	m.active = tabIndex(t, m, "phenomena")
	loadSync(t, m, m.active)
	before := tabNamed(t, m, "phenomena").data.Tables()[0]
	if before.RowDim != queries.DimIntakeYear.Name || len(before.RowCodes) < 3 {
		t.Fatalf("phenomena by year: rows %q of %s", before.RowCodes, before.RowDim)
	}
	pressAll(t, m, press("t"), press("down"), press("down"))
	if out := m.View().Content; !strings.Contains(out, drillMark+before.Rows[1]) {
		t.Fatalf("no cursor on the second year:\n%s", out)
	}
	pressAll(t, m, press("enter"))
	year, _ := strconv.Atoi(before.RowCodes[1])
	if f := m.ctx.Filter; f.FromYear != year || f.ToYear != year {
		t.Fatalf("filter after drill: %+v, want year %d", f, year)
	}
	tb := tabNamed(t, m, "phenomena")
	if !m.fresh(m.active) {
		t.Fatal("the view did not reload for the drilled filter")
	}
	after := tb.data.Tables()[0]
	if len(after.RowCodes) != 1 || after.RowCodes[0] != before.RowCodes[1] {
		t.Fatalf("rows after drill: %q", after.RowCodes)
	}
	if !strings.Contains(m.View().Content, "--years "+before.RowCodes[1]) {
		t.Errorf("status does not say the filter:\n%s", m.View().Content)
	}
	pressAll(t, m, backspace)
	if !m.ctx.Filter.IsZero() || !m.fresh(m.active) {
		t.Fatalf("backspace: filter %+v", m.ctx.Filter)
	}
	if got := tb.data.Tables()[0].RowCodes; len(got) != len(before.RowCodes) {
		t.Errorf("rows after backspace: %q", got)
	}
	pressAll(t, m, backspace)
	if !m.statusErr {
		t.Error("backspace without history says nothing")
	}
}

// A drill goes through the filter gate (the SSH budget): a refused drill
// keeps the filter and leaves nothing to go back to.
func TestDrillRefusedByGate(t *testing.T) {
	var asked []string
	m := newTestModel(t, testStore(t), Options{NoColor: true, FilterGate: func(f queries.Filter) error {
		asked = append(asked, f.Key())
		return &common.FilterBudgetError{Limit: 3}
	}}, 100, 40)
	m.active = tabIndex(t, m, "phenomena")
	loadSync(t, m, m.active)
	pressAll(t, m, press("t"), press("down"), press("enter"))
	if len(asked) != 1 || !m.ctx.Filter.IsZero() || len(m.history) != 0 {
		t.Fatalf("gate asked %q, filter %+v, history %d", asked, m.ctx.Filter, len(m.history))
	}
}

// Without a cursor on a filter row (charts, or a table whose rows no
// field selects) enter changes nothing and says how to drill.
func TestDrillInvalid(t *testing.T) {
	m := newTestModel(t, testStore(t), Options{NoColor: true}, 100, 40)
	m.active = tabIndex(t, m, "phenomena")
	loadSync(t, m, m.active)
	pressAll(t, m, press("enter"))
	if !m.ctx.Filter.IsZero() || !m.statusErr {
		t.Fatalf("enter in the chart view: filter %+v, status %q", m.ctx.Filter, m.status)
	}
	m.active = tabIndex(t, m, "figures")
	loadSync(t, m, m.active)
	pressAll(t, m, press("t"), press("down"), press("enter"))
	if !m.ctx.Filter.IsZero() || !m.statusErr {
		t.Fatalf("enter on public figures: filter %+v, status %q", m.ctx.Filter, m.status)
	}
}
