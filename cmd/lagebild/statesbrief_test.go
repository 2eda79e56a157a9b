package main

import (
	"context"
	"slices"
	"testing"
	"time"

	"lagebild/datasets/sample"
	"lagebild/internal/i18n"
	"lagebild/queries"
	"lagebild/queries/report"
	"lagebild/queries/sdc"
	"lagebild/tui/views"
)

// TestStatesViewEqualsBrief: the states view and brief's state table
// publish the same numbers cell for cell (the same protected query), for
// all cases and under a filter, so that a desk officer copying either
// copies the same figures.
func TestStatesViewEqualsBrief(t *testing.T) {
	ctx := context.Background()
	params := sdc.DefaultParams()
	st, err := queries.Open(ctx, queries.OpenOptions{SDC: &params, Fill: sample.Fill(nil)})
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	var statesView views.View
	for _, v := range views.Tabs(views.Env{Source: st, Lang: i18n.EN}) {
		if v.Name() == "states" {
			statesView = v
		}
	}
	if statesView == nil {
		t.Fatal("no states view in the registry")
	}
	for _, f := range []queries.Filter{{}, {Phenomena: []string{"islamist"}}, {FromYear: 2020, ToYear: 2022}} {
		b, err := buildBrief(ctx, st, f, 0, time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC))
		if err != nil {
			t.Fatal(err)
		}
		i := slices.IndexFunc(b.Tables, func(t report.Table) bool { return t.ID == queries.QStatesCompared })
		if i < 0 {
			t.Fatalf("%+v: the briefing has no state table", f)
		}
		brief := b.Tables[i]
		d, err := statesView.Load(ctx, st, f, i18n.EN)
		if err != nil {
			t.Fatal(err)
		}
		tabs := statesView.Tables(d, views.State{})
		j := slices.IndexFunc(tabs, func(t report.Table) bool { return t.ID == queries.QStatesCompared })
		if j < 0 {
			t.Fatalf("%+v: the states view has no state table", f)
		}
		view := tabs[j]
		if !slices.Equal(view.RowCodes, brief.RowCodes) || !slices.Equal(view.ColCodes, brief.ColCodes) || len(view.RowCodes) != 16 {
			t.Fatalf("%+v: view rows %v cols %v, brief rows %v cols %v", f, view.RowCodes, view.ColCodes, brief.RowCodes, brief.ColCodes)
		}
		shown := 0
		for r := range brief.Cells {
			for c := range brief.Cells[r] {
				if view.Cells[r][c] != brief.Cells[r][c] {
					t.Errorf("%+v: %s %s: view %+v, brief %+v", f, brief.RowCodes[r], brief.ColCodes[c], view.Cells[r][c], brief.Cells[r][c])
				}
				if brief.Cells[r][c].Shown() {
					shown++
				}
			}
		}
		if shown == 0 {
			t.Errorf("%+v: no number shown", f)
		}
	}
}
