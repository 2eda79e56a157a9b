package export

import (
	"bytes"
	"context"
	"encoding/csv"
	"strconv"
	"testing"

	"lagebild/datasets/figures"
	"lagebild/datasets/sample"
	"lagebild/internal/i18n"
	"lagebild/queries"
	"lagebild/queries/report"
)

// TestFigureCSVCarriesEachNumbersSource: in the tidy CSV of a public-figure
// series every number names its own publication and note, the ones the
// embedded figures file gives that (year, indicator, phenomenon); a cell
// without a figure names none. The JSON's cell_sources say the same.
func TestFigureCSVCarriesEachNumbersSource(t *testing.T) {
	ctx := context.Background()
	s, err := queries.Open(ctx, queries.OpenOptions{Fill: sample.Fill(nil)})
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	byKey := map[figures.Key]figures.Figure{}
	for _, f := range figures.Embedded() {
		byKey[f.Key()] = f
	}
	for _, ind := range []string{"person_potential", "violence_oriented", "pmk_cases"} {
		qt, err := s.FigureSeries(ctx, ind)
		if err != nil {
			t.Fatal(err)
		}
		tab := report.FromTable(qt, "", "", nil, nil, nil)
		var b bytes.Buffer
		if err := WriteTablesCSV(&b, []report.Table{tab}); err != nil {
			t.Fatal(err)
		}
		recs, err := csv.NewReader(&b).ReadAll()
		if err != nil {
			t.Fatal(err)
		}
		checked := 0
		for _, r := range recs[1:] {
			year, _ := strconv.Atoi(r[1])
			f, ok := byKey[figures.Key{Year: year, Indicator: ind, Phenomenon: r[2]}]
			src, note := r[10], r[11]
			if !ok {
				if r[3] != "" || src != "" || note != "" {
					t.Errorf("%s %v: no figure, but value %q source %q note %q", ind, r[1:3], r[3], src, note)
				}
				continue
			}
			checked++
			if want := f.Source + " <" + f.SourceRef + ">"; src != want || note != f.Note {
				t.Errorf("%s %d %s: source %q note %q, the figure's %q %q", ind, year, r[2], src, note, want, f.Note)
			}
			if r[3] != strconv.FormatFloat(f.Value, 'f', -1, 64) {
				t.Errorf("%s %d %s: value %q, the figure's %v", ind, year, r[2], r[3], f.Value)
			}
		}
		if checked < 10 {
			t.Errorf("%s: only %d figures checked", ind, checked)
		}

		j := TableToJSON(&tab, i18n.EN)
		for i, row := range tab.RowCodes {
			year, _ := strconv.Atoi(row)
			for c, ph := range tab.ColCodes {
				f, ok := byKey[figures.Key{Year: year, Indicator: ind, Phenomenon: ph}]
				cs := j.CellSources[i][c]
				switch {
				case !ok && cs != nil:
					t.Errorf("JSON %s %d %s: source %+v without a figure", ind, year, ph, cs)
				case ok && (cs == nil || cs.Title != f.Source || cs.Ref != f.SourceRef || cs.Note != f.Note):
					t.Errorf("JSON %s %d %s: %+v, the figure's %q %q", ind, year, ph, cs, f.Source, f.Note)
				}
			}
		}
	}
}
