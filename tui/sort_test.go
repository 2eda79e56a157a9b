package tui

import (
	"slices"
	"strings"
	"testing"

	"github.com/charmbracelet/x/ansi"

	"lagebild/queries"
	"lagebild/queries/report"
	"lagebild/tui/tabular"
)

// TestWithheldSortLast: on a filter of the sample with withheld cells, s
// and S sort every table of the age view by each of its columns in both
// directions; withheld and missing cells come after every shown number,
// the shown numbers are in order, no row is lost, the totals row stays
// under the rows, and export writes the rows in the order shown.
func TestWithheldSortLast(t *testing.T) {
	m := newTestModel(t, testStore(t), Options{NoColor: true}, 100, 30)
	m.ctx.Filter = queries.Filter{FromYear: 2017, ToYear: 2019, States: []string{"DE-NW"}}
	m.active = tabIndex(t, m, "age")
	loadSync(t, m, m.active)
	tab := m.cur()
	loaded := tab.view.Tables(tab.data, tab.state)
	withheldSorted := 0
	for step := range 40 {
		// s, S, S, s, S, S, …: each column largest first, then smallest
		// first, then largest first again.
		key := "S"
		if step%3 == 0 {
			key = "s"
		}
		m.Update(press(key))
		k := tab.sort
		if !k.On {
			break
		}
		if !tab.tableMode {
			t.Fatal("s should show the table view")
		}
		if want := step%3 != 1; k.Desc != want {
			t.Fatalf("key %+v after step %d", k, step)
		}
		shown := m.shownTables(tab)
		for ti := range shown {
			st, orig := &shown[ti], &loaded[ti]
			if !k.Applies(st) {
				continue
			}
			if !slices.Equal(slices.Sorted(slices.Values(st.Rows)), slices.Sorted(slices.Values(orig.Rows))) {
				t.Fatalf("%s: rows %v, loaded %v", st.ID, st.Rows, orig.Rows)
			}
			cell := func(i int) report.Cell {
				if k.Col == len(st.Cols) {
					return st.RowTotals[i]
				}
				return st.Cells[i][k.Col]
			}
			seenUnshown := false
			prev := 0.0
			for i := range st.Rows {
				v, ok := cell(i).Float()
				switch {
				case !ok:
					seenUnshown = true
					if cell(i).State == report.Withheld {
						withheldSorted++
					}
				case seenUnshown:
					t.Errorf("%s col %d desc %v: shown %v after a withheld or missing cell (rows %v)", st.ID, k.Col, k.Desc, v, st.Rows)
				case i > 0 && (k.Desc && v > prev || !k.Desc && v < prev):
					t.Errorf("%s col %d desc %v: %v after %v", st.ID, k.Col, k.Desc, v, prev)
				}
				prev = v
			}
		}
		// The screen marks the column and keeps the total row last.
		body, _ := m.tableBody(tab, 100)
		if !strings.Contains(body, k.Arrow()) {
			t.Errorf("col %d: no %s in the header", k.Col, k.Arrow())
		}
		c, _ := m.content()
		for ti := range c.tabs {
			if !slices.Equal(c.tabs[ti].Rows, shown[ti].Rows) {
				t.Errorf("export order %v, shown %v", c.tabs[ti].Rows, shown[ti].Rows)
			}
		}
		lines := strings.Split(ansi.Strip(body), "\n")
		first := lines[:slices.IndexFunc(lines, func(l string) bool { return strings.HasPrefix(l, "protected") })]
		if last := first[len(first)-1]; !strings.HasPrefix(last, "Total") {
			t.Errorf("col %d: the first table ends with %q, not the total row", k.Col, last)
		}
	}
	if withheldSorted == 0 {
		t.Error("no withheld cell in a sorted column: the filter should give some")
	}
}

// TestSortCyclesBackToTheDataOrder: s after the last column goes back to
// the order the data came in.
func TestSortCyclesBackToTheDataOrder(t *testing.T) {
	m := newTestModel(t, testStore(t), Options{NoColor: true}, 80, 24)
	m.active = tabIndex(t, m, "phenomena")
	loadSync(t, m, m.active)
	tab := m.cur()
	n := 0
	for _, tb := range tab.view.Tables(tab.data, tab.state) {
		n = max(n, tabular.Columns(&tb))
	}
	for range n {
		m.Update(press("s"))
	}
	if !tab.sort.On || tab.sort.Col != n-1 {
		t.Fatalf("after %d× s: %+v", n, tab.sort)
	}
	m.Update(press("s"))
	if tab.sort.On || !strings.Contains(m.status, "data order") {
		t.Errorf("after the last column: %+v, status %q", tab.sort, m.status)
	}
}
