package tui

import (
	"context"
	"fmt"
	"strings"
	"testing"

	"lagebild/queries"
	"lagebild/queries/export"
	"lagebild/queries/report"
	"lagebild/tui/views"
)

// noFiguresSource has no public figures; it says so with an error that
// wraps queries.ErrNoFigures in words of its own.
type noFiguresSource struct{ Source }

func (noFiguresSource) FigureSeries(ctx context.Context, indicator string) (*queries.Table, error) {
	return nil, fmt.Errorf("remote store: indicator %s: %w", indicator, queries.ErrNoFigures)
}

// TestNoFiguresIsNotAnError: a store without public figures (errors.Is
// ErrNoFigures, whatever the message) shows the case views all the same.
func TestNoFiguresIsNotAnError(t *testing.T) {
	m := newTestModel(t, noFiguresSource{testStore(t)}, Options{NoColor: true}, 100, 30)
	for _, name := range []string{"phenomena", "age", "figures"} {
		loadSync(t, m, tabIndex(t, m, name)) // fails the test on a load error
		if tabNamed(t, m, name).data == nil {
			t.Errorf("%s: no data", name)
		}
	}
	if d := tabNamed(t, m, "phenomena").data.(*views.PhenomenaData); len(d.Potential.Rows) != 0 || len(d.ByYear.Rows) == 0 {
		t.Errorf("phenomena without figures: potential %v, intakes %v", d.Potential.Rows, d.ByYear.Rows)
	}
}

// TestExportCarriesTheShownCells: what e and y write for each view are
// the cells the view shows, withheld as withheld and no data as no data;
// the derived shares among them come from shown protected counts and are
// withheld when their base is below k.
func TestExportCarriesTheShownCells(t *testing.T) {
	m := newTestModel(t, testStore(t), Options{NoColor: true}, 100, 30)
	m.ctx.Filter = queries.Filter{FromYear: 2017, ToYear: 2019, States: []string{"DE-NW"}}
	for _, name := range []string{"age", "phenomena", "outcomes", "quality", "figures"} {
		m.active = tabIndex(t, m, name)
		loadSync(t, m, m.active)
		c, ok := m.content()
		if !ok || c.brief != nil {
			t.Fatalf("%s: content %v %+v", name, ok, c)
		}
		// What the tab shows: all its tables, the figures view the
		// selected series only.
		tab := m.cur()
		tabs := tab.data.Tables()
		if fd, ok := tab.data.(*views.FiguresData); ok {
			tabs = fd.Selected(tab.state)
		}
		if len(c.tabs) != len(tabs) {
			t.Fatalf("%s: %d tables exported, %d shown", name, len(c.tabs), len(tabs))
		}
		for ti := range tabs {
			shown, exp := &tabs[ti], &c.tabs[ti]
			if exp.ID != shown.ID || exp.K != shown.K || exp.Protected != shown.Protected || len(exp.Cells) != len(shown.Cells) {
				t.Errorf("%s/%s: exported as %s k=%d protected=%v", name, shown.ID, exp.ID, exp.K, exp.Protected)
				continue
			}
			for i := range shown.Cells {
				for j, sc := range shown.Cells[i] {
					if ec := exp.Cells[i][j]; int(ec.State) != int(sc.State) || sc.Shown() && ec.V != sc.V {
						t.Errorf("%s/%s [%d,%d]: exported %+v, shown %+v", name, shown.ID, i, j, ec, sc)
					}
				}
			}
		}
	}
	// the share of minors: from the shown counts, withheld below k
	d := tabNamed(t, m, "age").data.(*views.AgeData)
	withheld := 0
	for i, row := range d.Minors.Cells {
		minors, intakes, share := row[0], row[1], row[2]
		mv, ok1 := minors.Float()
		iv, ok2 := intakes.Float()
		switch {
		case ok1 && ok2 && iv >= float64(d.Minors.K):
			if v, ok := share.Float(); !ok || v != min(mv/iv, 1) {
				t.Errorf("%s: share %+v of %v/%v", d.Minors.Rows[i], share, mv, iv)
			}
		case ok2 && iv == 0:
			if share.State != report.Missing {
				t.Errorf("%s: share %+v without a base", d.Minors.Rows[i], share)
			}
		default:
			withheld++
			if share.State != report.Withheld {
				t.Errorf("%s: share %+v of %+v/%+v not withheld", d.Minors.Rows[i], share, minors, intakes)
			}
		}
	}
	if withheld == 0 {
		t.Error("no withheld share of minors for one state and period: the test should cover one")
	}
}

// TestCopyWritesThroughExport: y copies the Markdown and Y the TSV of the
// writers of queries/export.
func TestCopyWritesThroughExport(t *testing.T) {
	m := newTestModel(t, testStore(t), Options{NoColor: true}, 100, 30)
	m.active = tabIndex(t, m, "phenomena")
	loadSync(t, m, m.active)
	c, _ := m.content()
	md, err := m.markdown(c)
	if err != nil {
		t.Fatal(err)
	}
	var want strings.Builder
	if err := export.WriteTablesMarkdown(&want, c.tabs, m.ctx.Lang, 2); err != nil {
		t.Fatal(err)
	}
	if !strings.HasSuffix(md, want.String()) || !strings.HasPrefix(md, "# lagebild — Phenomena") {
		t.Errorf("Markdown is not the export writers':\n%s", md)
	}
	_, cmd := m.Update(press("y"))
	if !batchHasClipboard(cmd, want.String()) {
		t.Error("y should copy the Markdown")
	}
	want.Reset()
	export.WriteTablesTSV(&want, c.tabs, m.ctx.Lang)
	_, cmd = m.Update(press("Y"))
	if !batchHasClipboard(cmd, want.String()) {
		t.Error("Y should copy the TSV")
	}
}
