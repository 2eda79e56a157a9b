package main

import (
	"context"
	"strings"
	"testing"

	"lagebild/datasets/sample"
	"lagebild/queries"
)

// TestBriefProgrammeBesideThePaper: block 4 sets the policy paper's
// programme figures (408, 69, 61, 2), labelled as not official
// statistics, beside the protected programme table of the case data,
// which is the store's own table for the filter, cell for cell.
func TestBriefProgrammeBesideThePaper(t *testing.T) {
	ctx := context.Background()
	st, err := queries.Open(ctx, queries.OpenOptions{Fill: sample.Fill(nil)})
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	for _, c := range []struct {
		args []string
		f    queries.Filter
	}{
		{[]string{"--lang", "en"}, queries.Filter{}},
		{[]string{"--lang", "de", "--phenomenon", "islamist"}, queries.Filter{Phenomena: []string{"islamist"}}},
	} {
		doc := decodeBrief(t, briefIn(t, "json", c.args))
		p := doc.Programme
		paper := map[float64]bool{}
		for _, r := range p.Rows {
			paper[r.Value] = true
		}
		for _, v := range []float64{408, 69, 61, 2} {
			if !paper[v] {
				t.Errorf("%v: the policy paper's figure %v is missing from %+v", c.args, v, p.Rows)
			}
		}
		want := "Programme figures from the policy paper, not official statistics"
		if c.args[1] == "de" {
			want = "Programmzahlen aus dem Policy Paper, keine amtliche Statistik"
		}
		if p.Label != want {
			t.Errorf("%v: label %q, want %q", c.args, p.Label, want)
		}
		if p.Cases == nil {
			t.Fatalf("%v: no programme figures from the case data", c.args)
		}
		for _, tab := range doc.Tables {
			if tab.Name == queries.QProgrammeByYear {
				t.Errorf("%v: %s is both in block 4's tables and beside the paper", c.args, tab.Name)
			}
		}
		tab, err := st.Run(ctx, queries.QProgrammeByYear, c.f)
		if err != nil {
			t.Fatal(err)
		}
		if p.Cases.Name != tab.Name() || !p.Cases.Protected || len(p.Cases.Rows) != len(tab.Rows()) || len(p.Cases.Cols) != len(tab.Cols()) {
			t.Fatalf("%v: programme cases %s rows %v cols %v, want %s %v %v", c.args, p.Cases.Name, p.Cases.Rows, p.Cases.Cols, tab.Name(), tab.Rows(), tab.Cols())
		}
		for i := range tab.Rows() {
			for j := range tab.Cols() {
				v := tab.Cell(i, j)
				got := p.Cases.Cells[i][j]
				f, shown := v.Float()
				if shown != (got != nil) || (shown && *got != f) {
					t.Errorf("%v: programme cell %s/%s = %v, store %v", c.args, tab.Rows()[i], tab.Cols()[j], got, v)
				}
			}
		}
		// Markdown: the label, the paper's figures and then the table.
		md := briefIn(t, "md", c.args)
		at := strings.Index(md, "*"+p.Label+"*")
		tableAt := strings.Index(md, p.Cases.Title)
		if at < 0 || tableAt < at {
			t.Errorf("%v: the Markdown does not set the case data's table (%q) after the labelled paper figures", c.args, p.Cases.Title)
		}
	}
}
