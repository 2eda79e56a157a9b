package export

import (
	"bytes"
	"context"
	"encoding/csv"
	"encoding/json"
	"math"
	"strconv"
	"strings"
	"testing"
	"time"

	"lagebild/internal/i18n"

	"lagebild/datasets/sample"
	"lagebild/queries"
	"lagebild/queries/report"
)

func shownCell(v float64) report.Cell { return report.Cell{V: v, State: report.Shown} }

// smallTable is a hand-made protected table with a withheld cell, a rate
// with an interval and margins.
func smallTable() report.Table {
	tot := shownCell(21)
	return report.Table{
		ID: queries.QIntakesByYearPhenomenon, RowDim: "intake_year", ColDim: "phenomenon",
		RowCodes: []string{"2023", "2024"}, ColCodes: []string{"right_wing", "islamist"},
		Kind: queries.KindCount,
		Cells: [][]report.Cell{
			{shownCell(1234), {State: report.Withheld}},
			{shownCell(7), shownCell(0)},
		},
		RowTotals: []report.Cell{shownCell(1236), shownCell(7)},
		ColTotals: []report.Cell{shownCell(1241), {State: report.Withheld}},
		Total:     &tot, K: 5, Protected: true, Synthetic: true, Source: "cases",
		Notes: []string{queries.NoteMarginsProtected},
	}
}

func rateTable() report.Table {
	return report.Table{
		ID: queries.QRelapseBySubgroup, RowDim: "subgroup", ColDim: "measure",
		RowCodes: []string{"multi_agency:yes", "risk_level:high_risk"}, ColCodes: []string{queries.ColCases, queries.ColRelapsed, queries.ColRate},
		Kind: queries.KindRate, ColKinds: []queries.Kind{queries.KindCount, queries.KindCount, queries.KindRate},
		Cells: [][]report.Cell{
			{shownCell(200), shownCell(10), {V: 0.05, State: report.Shown, Lo: 0.0274, Hi: 0.0898, HasCI: true}},
			{{State: report.Withheld}, shownCell(0), {State: report.Withheld}},
		},
		K: 5, Protected: true, Source: "cases",
	}
}

func TestMarkdownTable(t *testing.T) {
	tab := smallTable()
	var b bytes.Buffer
	if err := WriteTableMarkdown(&b, &tab, i18n.EN, 3); err != nil {
		t.Fatal(err)
	}
	got := b.String()
	for _, want := range []string{
		"### Intakes by year and phenomenon area\n",
		"| Intake year | Right-wing extremism | Islamism | Total |\n|---|---:|---:|---:|\n",
		"| 2023 | 1,234 | • | 1,236 |\n",
		"| Total | 1,241 | • | 21 |\n",
		"Protected (cell key method, k = 5) · Source: case data\n",
		"• withheld (fewer than k = 5 cases or derived from such)\n",
		"Note: totals are protected independently of the cells and may not add up exactly\n",
	} {
		if !strings.Contains(got, want) {
			t.Errorf("markdown lacks %q:\n%s", want, got)
		}
	}
	b.Reset()
	WriteTableMarkdown(&b, &tab, i18n.DE, 2)
	for _, want := range []string{"## Fallaufnahmen nach Jahr und Phänomenbereich", "| 2023 | 1.234 | • | 1.236 |", "Geschützt (Cell-Key-Methode, k = 5)", "• geheim gehalten (weniger als k = 5 Fälle oder daraus abgeleitet)", "Summe"} {
		if !strings.Contains(b.String(), want) {
			t.Errorf("German markdown lacks %q:\n%s", want, b.String())
		}
	}
	// no legend without a withheld value
	tab.Cells[0][1] = shownCell(3)
	tab.ColTotals[1] = shownCell(3)
	b.Reset()
	WriteTableMarkdown(&b, &tab, i18n.EN, 2)
	if strings.Contains(b.String(), "withheld") {
		t.Errorf("legend without withheld values:\n%s", b.String())
	}
}

func TestMarkdownRates(t *testing.T) {
	tab := rateTable()
	var b bytes.Buffer
	WriteTableMarkdown(&b, &tab, i18n.EN, 2)
	for _, want := range []string{
		"| Subgroup | Cases | With relapse (extremist/violent) | Relapse rate (95 % interval) |",
		"| Multi-agency: yes | 200 | 10 | 5.0 % (2.7–9.0) |",
		"| Risk level: High risk | • | 0 | • |",
	} {
		if !strings.Contains(b.String(), want) {
			t.Errorf("markdown lacks %q:\n%s", want, b.String())
		}
	}
	b.Reset()
	WriteTableMarkdown(&b, &tab, i18n.DE, 2)
	if !strings.Contains(b.String(), "| Multi-Agency: ja | 200 | 10 | 5,0 % (2,7–9,0) |") {
		t.Errorf("German rates:\n%s", b.String())
	}
}

func TestCSVTidy(t *testing.T) {
	tabs := []report.Table{smallTable(), rateTable()}
	var b bytes.Buffer
	if err := WriteTablesCSV(&b, tabs); err != nil {
		t.Fatal(err)
	}
	recs, err := csv.NewReader(&b).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	if strings.Join(recs[0], ",") != "table,row,column,value,suppressed,kind,unit,ci_low,ci_high,k,source,note" {
		t.Errorf("header %v", recs[0])
	}
	// 4 cells + 2 row totals + 2 column totals + total; 6 cells
	if len(recs) != 1+9+6 {
		t.Errorf("%d rows", len(recs))
	}
	want := map[string][]string{
		"intakes_by_year_phenomenon|2023|right_wing":    {"1234", "false", "count", "cases", "", "", "5", "cases", ""},
		"intakes_by_year_phenomenon|2023|islamist":      {"", "true", "count", "cases", "", "", "5", "cases", ""},
		"intakes_by_year_phenomenon|total|total":        {"21", "false", "count", "cases", "", "", "5", "cases", ""},
		"intakes_by_year_phenomenon|2024|total":         {"7", "false", "count", "cases", "", "", "5", "cases", ""},
		"relapse_by_subgroup|multi_agency:yes|rate":     {"0.05", "false", "rate", "share", "0.0274", "0.0898", "5", "cases", ""},
		"relapse_by_subgroup|risk_level:high_risk|rate": {"", "true", "rate", "share", "", "", "5", "cases", ""},
	}
	for _, r := range recs[1:] {
		if w, ok := want[r[0]+"|"+r[1]+"|"+r[2]]; ok {
			if strings.Join(r[3:], ",") != strings.Join(w, ",") {
				t.Errorf("%v, want %v", r, w)
			}
			delete(want, r[0]+"|"+r[1]+"|"+r[2])
		}
	}
	if len(want) > 0 {
		t.Errorf("rows missing: %v", want)
	}
}

func TestTableJSON(t *testing.T) {
	tab := rateTable()
	j := TableToJSON(&tab, i18n.EN)
	b, _ := json.Marshal(j)
	var back TableJSON
	dec := json.NewDecoder(bytes.NewReader(b))
	dec.DisallowUnknownFields()
	if err := dec.Decode(&back); err != nil {
		t.Fatal(err)
	}
	if back.Cells[1][0] != nil || back.Cells[1][2] != nil || *back.Cells[0][2] != 0.05 || *back.CILow[0][2] != 0.0274 ||
		back.CILow[0][0] != nil || back.RowTotals != nil || back.Total != nil || back.K != 5 || !back.Protected {
		t.Errorf("decoded %s", b)
	}
	for _, field := range []string{`"name"`, `"kind"`, `"k"`, `"protected"`, `"rows"`, `"cols"`, `"cells"`, `"row_totals"`, `"col_totals"`, `"total"`, `"notes"`, `"ci_low"`, `"ci_high"`} {
		if !bytes.Contains(b, []byte(field+":")) {
			t.Errorf("JSON lacks %s: %s", field, b)
		}
	}
	small := smallTable()
	j = TableToJSON(&small, i18n.EN)
	if j.CILow != nil || *j.Total != 21 || j.ColTotals[1] != nil || *j.RowTotals[0] != 1236 {
		t.Errorf("count table JSON %+v", j)
	}
}

func TestKeyFigureAt(t *testing.T) {
	s, err := queries.Open(context.Background(), queries.OpenOptions{Fill: sample.Fill(nil)})
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	kfs, err := s.KeyFigures(context.Background(), queries.Filter{})
	if err != nil {
		t.Fatal(err)
	}
	for _, kf := range kfs {
		latest := KeyFigureAt(kf, 0)
		if latest.Year != kf.Year || latest.Current != report.FromValue(kf.Current, kf.Kind) || latest.Previous != report.FromValue(kf.Previous, kf.Kind) {
			t.Errorf("%s at its latest year: %+v, queries %+v", kf.ID, latest, kf)
		}
		if latest.Change != report.FromValue(kf.Change, kf.Kind) || latest.ChangeIsPoints != kf.ChangeIsPoints() {
			t.Errorf("%s: change %+v, queries %+v", kf.ID, latest.Change, kf.Change)
		}
		if latest.Source != kf.Source || latest.SourceRef != kf.SourceRef {
			t.Errorf("%s: source %q, queries %q", kf.ID, latest.Source, kf.Source)
		}
		at := KeyFigureAt(kf, 2020)
		if at.Year > 2020 || at.Year == 0 {
			t.Errorf("%s at 2020: year %d", kf.ID, at.Year)
		}
		if c, ok := at.Current.Float(); ok {
			p, ok2 := at.Previous.Float()
			ch, ok3 := at.Change.Float()
			want := (c - p) / p
			if at.ChangeIsPoints {
				want = c - p
			}
			if ok2 && (p != 0 || at.ChangeIsPoints) && (!ok3 || math.Abs(ch-want) > 1e-12) {
				t.Errorf("%s 2020: change %v from %v, %v", kf.ID, ch, c, p)
			}
		}
		if kf.Kind == queries.KindFigure {
			i := index2(kf.Years, at.Year)
			if src := kf.SeriesSources[i]; at.Source != src.Title || at.SourceRef != src.Ref || at.Source == "" {
				t.Errorf("%s at %d: source %q, the year's %q", kf.ID, at.Year, at.Source, src.Title)
			}
		}
		if none := KeyFigureAt(kf, 1990); none.Year != 0 || none.Current.State != report.Missing {
			t.Errorf("%s at 1990: %+v", kf.ID, none)
		}
	}
}

func TestBriefJSONSchema(t *testing.T) {
	s, err := queries.Open(context.Background(), queries.OpenOptions{Fill: sample.Fill(nil)})
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	ctx := context.Background()
	f := queries.Filter{FromYear: 2023, ToYear: 2025, States: []string{"DE-NW"}}
	kfs, _ := s.KeyFigures(ctx, f)
	b := Brief{AsOf: time.Date(2025, 6, 1, 0, 0, 0, 0, time.UTC), Year: 2025, Filter: f, K: s.K(), Synthetic: true, DataLabel: s.DataLabel()}
	for _, kf := range kfs {
		b.KeyFigures = append(b.KeyFigures, KeyFigureAt(kf, 2025))
	}
	for _, name := range []string{queries.QIntakesByYearPhenomenon, queries.QRelapseBySubgroup} {
		tab, err := s.Run(ctx, name, f)
		if err != nil {
			t.Fatal(err)
		}
		b.Tables = append(b.Tables, report.FromTable(tab, "", "", nil, nil, nil))
	}
	var buf bytes.Buffer
	if err := b.WriteJSON(&buf, i18n.EN); err != nil {
		t.Fatal(err)
	}
	var doc BriefJSON
	dec := json.NewDecoder(&buf)
	dec.DisallowUnknownFields()
	if err := dec.Decode(&doc); err != nil {
		t.Fatal(err)
	}
	if doc.AsOf != "2025-06-01" || doc.K != 5 || !doc.Protected || !doc.Synthetic || *doc.Filter.FromYear != 2023 ||
		*doc.Filter.ToYear != 2025 || len(doc.Filter.States) != 1 || len(doc.Tables) != 2 || len(doc.KeyFigures) != len(kfs) {
		t.Errorf("brief JSON %+v", doc)
	}
	// small cells: some values are withheld, and then null
	withheld := 0
	for i, tj := range doc.Tables {
		for r := range tj.Rows {
			for c := range tj.Cols {
				cell := b.Tables[i].Cells[r][c]
				switch {
				case cell.State == report.Withheld:
					withheld++
					if tj.Cells[r][c] != nil {
						t.Errorf("withheld value not null")
					}
				case cell.State == report.Shown && (tj.Cells[r][c] == nil || *tj.Cells[r][c] != cell.V):
					t.Errorf("%s [%d,%d] = %v, want %v", tj.Name, r, c, tj.Cells[r][c], cell.V)
				}
			}
		}
	}
	if withheld == 0 {
		t.Error("no withheld value in the tables of one state")
	}
	for _, kj := range doc.KeyFigures {
		if strings.HasPrefix(kj.ID, "case:") && (!kj.Protected || kj.K != 5) {
			t.Errorf("%s not protected", kj.ID)
		}
		for _, w := range kj.Withheld {
			var v *float64
			switch w {
			case "current":
				v = kj.Current
			case "previous":
				v = kj.Previous
			case "change":
				v = kj.Change
			}
			if v != nil {
				t.Errorf("%s: withheld %s is %v", kj.ID, w, *v)
			}
		}
	}
	// csv: the same numbers
	buf.Reset()
	b.WriteCSV(&buf)
	recs, err := csv.NewReader(&buf).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	for _, r := range recs[1:] {
		if r[0] != queries.QIntakesByYearPhenomenon || r[1] == "total" || r[2] == "total" {
			continue
		}
		tab := b.Tables[0]
		i, j := index(tab.RowCodes, r[1]), index(tab.ColCodes, r[2])
		c := tab.Cells[i][j]
		want := ""
		if c.State == report.Shown {
			want = strconv.FormatFloat(c.V, 'f', -1, 64)
		}
		if r[3] != want || (r[4] == "true") != (c.State == report.Withheld) {
			t.Errorf("csv %v, table %+v", r, c)
		}
	}
}

func index2(xs []int, x int) int {
	for i, v := range xs {
		if v == x {
			return i
		}
	}
	return -1
}

func index(xs []string, x string) int {
	for i, v := range xs {
		if v == x {
			return i
		}
	}
	return -1
}

func TestFilterText(t *testing.T) {
	yes := true
	f := queries.Filter{FromYear: 2020, ToYear: 2022, Phenomena: []string{"islamist"}, States: []string{"DE-BY"}, MultiAgency: &yes}
	if got := FilterText(f, i18n.EN); got != "years 2020–2022; phenomenon: Islamism; state: Bavaria; multi-agency: yes" {
		t.Errorf("filter text %q", got)
	}
	if got := FilterText(queries.Filter{FromYear: 2020, ToYear: 2020, AgeBands: queries.AgeGroups["minors"]}, i18n.EN); got != "years 2020; age band: minors (under 18)" {
		t.Errorf("filter text %q", got)
	}
	if got := FilterText(queries.Filter{}, i18n.EN); got != "none (all cases)" {
		t.Errorf("zero filter %q", got)
	}
}

// TestKeyFigureChangeWritten: a share's change is written in percentage
// points, a count's relatively; JSON and CSV say which.
func TestKeyFigureChangeWritten(t *testing.T) {
	kfs := []KeyFigure{
		{ID: "case:share_high_risk", Name: "share_high_risk", Kind: queries.KindShare, Unit: "share", Year: 2024, PreviousYear: 2023,
			Current: shownCell(0.045), Previous: shownCell(0.041), Change: shownCell(0.004), ChangeIsPoints: true, Protected: true, K: 5},
		{ID: "case:intakes", Name: "intakes", Kind: queries.KindCount, Unit: "cases", Year: 2024, PreviousYear: 2023,
			Current: shownCell(1096), Previous: shownCell(1000), Change: shownCell(0.096), Protected: true, K: 5},
		{ID: "case:relapse_rate", Name: "relapse_rate", Kind: queries.KindRate, Unit: "share", Year: 2024,
			Current: report.Cell{State: report.Withheld}, Change: report.Cell{State: report.Withheld}, ChangeIsPoints: true, Protected: true, K: 5},
	}
	for _, tc := range []struct {
		lang i18n.Lang
		want []string
	}{
		{i18n.EN, []string{"| 4.5 % | 4.1 % | +0.4 pp |", "| 1,096 | 1,000 | +9.6 % |", "| • | – | • |"}},
		{i18n.DE, []string{"| 4,5 % | 4,1 % | +0,4 Pp. |", "| 1.096 | 1.000 | +9,6 % |"}},
	} {
		var b bytes.Buffer
		if err := WriteKeyFiguresMarkdown(&b, kfs, tc.lang, nil); err != nil {
			t.Fatal(err)
		}
		for _, w := range tc.want {
			if !strings.Contains(b.String(), w) {
				t.Errorf("%s: key figures lack %q:\n%s", tc.lang, w, b.String())
			}
		}
	}
	j := KeyFigureToJSON(&kfs[0], i18n.EN)
	if j.ChangeUnit != "points" || *j.Change != 0.004 {
		t.Errorf("share change in JSON: %v %q", *j.Change, j.ChangeUnit)
	}
	if j := KeyFigureToJSON(&kfs[1], i18n.EN); j.ChangeUnit != "relative" {
		t.Errorf("count change unit %q", j.ChangeUnit)
	}
	var b bytes.Buffer
	if err := WriteCSV(&b, kfs, nil); err != nil {
		t.Fatal(err)
	}
	for _, w := range []string{"key_figures,case:share_high_risk,change,0.004,false,change,points,", "key_figures,case:intakes,change,0.096,false,change,relative,",
		"key_figures,case:relapse_rate,change,,true,change,points,"} {
		if !strings.Contains(b.String(), w) {
			t.Errorf("CSV lacks %q:\n%s", w, b.String())
		}
	}
	b.Reset()
	if err := WriteKeyFiguresTSV(&b, kfs, i18n.EN); err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(b.String(), "\t4.5\t4.1\t0.4\t") || !strings.Contains(b.String(), "• withheld (fewer than k = 5") {
		t.Errorf("TSV:\n%s", b.String())
	}
}

// TestOwnLabelsAndTSV: a table its maker labels itself (a derived table of
// the TUI) keeps its labels in Markdown and TSV, codes in CSV; a year
// column has no thousands separator.
func TestOwnLabelsAndTSV(t *testing.T) {
	tab := report.Table{ID: "share_minors_by_year", Title: "Minors", RowHeader: "Year", RowDim: "intake_year",
		RowCodes: []string{"2023", "2024"}, ColCodes: []string{"year", "minors", "share"}, Rows: []string{"2023", "2024"},
		Cols: []string{"Year | of", "Minors", "Share"}, Kind: queries.KindShare,
		ColKinds: []queries.Kind{report.KindYear, queries.KindCount, queries.KindShare},
		Cells:    [][]report.Cell{{shownCell(2023), shownCell(12), shownCell(0.125)}, {shownCell(2024), {State: report.Withheld}, {State: report.Withheld}}},
		K:        5, Protected: true, Source: "cases", Notes: []string{"derived from protected counts"}}
	var b bytes.Buffer
	if err := WriteTablesMarkdown(&b, []report.Table{tab}, i18n.DE, 3); err != nil {
		t.Fatal(err)
	}
	for _, w := range []string{"### Minors\n", "| Year | Year \\| of | Minors | Share |", "| 2023 | 2023 | 12 | 12,5 % |", "| 2024 | 2024 | • | • |",
		"Hinweis: derived from protected counts"} {
		if !strings.Contains(b.String(), w) {
			t.Errorf("Markdown lacks %q:\n%s", w, b.String())
		}
	}
	b.Reset()
	if err := WriteTablesTSV(&b, []report.Table{tab, smallTable()}, i18n.EN); err != nil {
		t.Fatal(err)
	}
	for _, w := range []string{"Minors\nYear\tYear | of\tMinors\tShare\n2023\t2023\t12\t12.5\n2024\t2024\t•\t•\n",
		"Protected (cell key method, k = 5) · Source: case data\n• withheld", "\n\nIntakes by year and phenomenon area\n",
		"2023\t1234\t•\t1236\n", "Total\t1241\t•\t21\n"} {
		if !strings.Contains(b.String(), w) {
			t.Errorf("TSV lacks %q:\n%s", w, b.String())
		}
	}
	b.Reset()
	if err := WriteTablesCSV(&b, []report.Table{tab}); err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(b.String(), "share_minors_by_year,2023,year,2023,false,year,,") || !strings.Contains(b.String(), "share_minors_by_year,2024,share,,true,share,share,") {
		t.Errorf("CSV:\n%s", b.String())
	}
}

// TestRowKinds: a table whose rows are different measures writes each
// row by its kind.
func TestRowKinds(t *testing.T) {
	tab := report.Table{ID: "quality_outcome_documentation", Title: "Outcomes", RowCodes: []string{"closed", "documented", "rate"},
		ColCodes: []string{"value"}, Rows: []string{"Closed", "Documented", "Rate"}, Cols: []string{"Value"},
		Kind: queries.KindRate, RowKinds: []queries.Kind{queries.KindCount, queries.KindCount, queries.KindRate},
		Cells: [][]report.Cell{{shownCell(1200)}, {shownCell(1000)}, {{V: 1000.0 / 1200, State: report.Shown, Lo: 0.81, Hi: 0.85, HasCI: true}}},
		K:     5, Protected: true, Source: "cases"}
	var b bytes.Buffer
	WriteTablesMarkdown(&b, []report.Table{tab}, i18n.EN, 2)
	for _, w := range []string{"| Closed | 1,200 |", "| Rate | 83.3 % (81.0–85.0) |"} {
		if !strings.Contains(b.String(), w) {
			t.Errorf("Markdown lacks %q:\n%s", w, b.String())
		}
	}
	b.Reset()
	WriteTablesCSV(&b, []report.Table{tab})
	if !strings.Contains(b.String(), "quality_outcome_documentation,closed,value,1200,false,count,cases,") ||
		!strings.Contains(b.String(), ",rate,value,0.8333333333333334,false,rate,share,0.81,0.85,5,") {
		t.Errorf("CSV:\n%s", b.String())
	}
	if j := TableToJSON(&tab, i18n.EN); len(j.RowKinds) != 3 || j.RowKinds[2] != queries.KindRate {
		t.Errorf("JSON row kinds %v", j.RowKinds)
	}
}

// TestManySources: a table of several publications lists them one per
// line, numbered, and says which belongs to which number; one publication
// stays in the protection line.
func TestManySources(t *testing.T) {
	tab := report.Table{ID: "figures:person_potential", RowDim: "year", ColDim: "phenomenon", RowCodes: []string{"2023"},
		ColCodes: []string{"right_wing"}, Kind: queries.KindFigure, Cells: [][]report.Cell{{shownCell(40600)}},
		Sources:    []queries.Source{{Title: "A", Ref: "https://a.example"}, {Title: "B", Ref: "https://b.example"}},
		Provenance: [][]queries.Provenance{{{Source: queries.Source{Title: "B", Ref: "https://b.example"}, Note: "approx."}}}}
	var b bytes.Buffer
	WriteTablesMarkdown(&b, []report.Table{tab}, i18n.EN, 2)
	if !strings.Contains(b.String(), "Published figures, exact · Sources:\n\n1. [A](https://a.example)\n2. [B](https://b.example)\n") ||
		!strings.Contains(b.String(), "- 2023, Right-wing extremism: [2] · approx.\n") {
		t.Errorf("sources:\n%s", b.String())
	}
	b.Reset()
	WriteTablesMarkdown(&b, []report.Table{tab}, i18n.DE, 2)
	if !strings.Contains(b.String(), "- 2023, Rechtsextremismus: [2] · ca.\n") {
		t.Errorf("German sources:\n%s", b.String())
	}
	tab.Provenance = nil
	tab.Sources = tab.Sources[:1]
	b.Reset()
	WriteTablesMarkdown(&b, []report.Table{tab}, i18n.EN, 2)
	if !strings.Contains(b.String(), "Published figures, exact · Source: [A](https://a.example)\n") {
		t.Errorf("one source:\n%s", b.String())
	}
}
