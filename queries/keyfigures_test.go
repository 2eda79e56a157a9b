package queries

import (
	"context"
	"database/sql"
	"errors"
	"math"
	"testing"

	"lagebild/datasets/figures"
	"lagebild/datasets/store"
)

// openFigures opens an in-memory store holding one case and the given
// public figures.
func openFigures(t *testing.T, figs []figures.Figure) *Store {
	t.Helper()
	fill := func(ctx context.Context, db *sql.DB) error {
		if err := store.CreateSchema(ctx, db); err != nil {
			return err
		}
		w, err := store.NewCaseWriter(ctx, db)
		if err != nil {
			return err
		}
		c := mkCase("c1", "DE-BY", "islamist", 2022, "18_20")
		c.RKey = store.NewRecordKeyer([]byte("fixture secret for tests")).Key(c.Provider, c.CaseID)
		if err := w.Append(&c); err != nil {
			w.Close()
			return err
		}
		if err := w.Close(); err != nil {
			return err
		}
		return store.ReplaceFigures(ctx, db, figs)
	}
	s, err := Open(context.Background(), OpenOptions{Fill: fill, Threads: 1})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { s.Close() })
	return s
}

func figure(year int, value float64, source, note string) figures.Figure {
	return figures.Figure{Year: year, Indicator: "person_potential", Phenomenon: "right_wing", Value: value,
		Unit: "persons", Source: source, SourceRef: "https://example.org/" + source, Note: note}
}

// TestKeyFigureSeriesSources: a public key figure carries the source and
// caveats of every year, and At picks those of the year it is taken at.
func TestKeyFigureSeriesSources(t *testing.T) {
	s := openFigures(t, []figures.Figure{
		figure(2020, 1000, "report-2020", "preliminary figure"),
		figure(2021, 1100, "report-2021", ""),
		figure(2023, 1210, "report-2023", "series break: new counting method"),
	})
	kfs, err := s.KeyFigures(context.Background(), Filter{})
	if err != nil {
		t.Fatal(err)
	}
	var kf KeyFigure
	for _, k := range kfs {
		if k.ID == "figure:person_potential:right_wing" {
			kf = k
		}
	}
	if kf.Year != 2023 || kf.Source != "report-2023" || kf.SourceRef != "https://example.org/report-2023" ||
		len(kf.Flags) != 1 || kf.Flags[0] != figures.FlagSeriesBreak {
		t.Fatalf("latest: year %d source %q %q flags %v", kf.Year, kf.Source, kf.SourceRef, kf.Flags)
	}
	if len(kf.SeriesSources) != len(kf.Years) || len(kf.SeriesFlags) != len(kf.Years) || len(kf.Years) != 4 {
		t.Fatalf("years %v, %d sources, %d flags", kf.Years, len(kf.SeriesSources), len(kf.SeriesFlags))
	}
	if kf.SeriesSources[2] != (Source{}) || kf.SeriesFlags[2] != nil || !kf.Series[2].Missing() {
		t.Errorf("2022 has no figure: %v %v %v", kf.SeriesSources[2], kf.SeriesFlags[2], kf.Series[2])
	}
	// 2023 has no figure for 2022: no previous, no change.
	if !kf.Previous.Missing() || !kf.Change.Missing() {
		t.Errorf("2023: previous %v change %v", kf.Previous, kf.Change)
	}
	// 2022 has no value: taken at 2022 the figure is that of 2021.
	at := kf.At(2022)
	if at.Year != 2021 || at.Source != "report-2021" || at.Flags != nil {
		t.Errorf("at 2022: year %d source %q flags %v", at.Year, at.Source, at.Flags)
	}
	if c, _ := at.Change.Float(); math.Abs(c-0.1) > 1e-12 || at.ChangeIsPoints() {
		t.Errorf("at 2022: change %v, want +10 %% relative", at.Change)
	}
	if at = kf.At(2020); at.Source != "report-2020" || len(at.Flags) != 1 || at.Flags[0] != figures.FlagPreliminary ||
		!at.Previous.Missing() || !at.Change.Missing() {
		t.Errorf("at 2020: %+v", at)
	}
	if at = kf.At(2019); at.Year != 0 || !at.Current.Missing() || at.Source != "" || at.Flags != nil {
		t.Errorf("at 2019: %+v", at)
	}
	if again := kf.At(0); again.Year != kf.Year || again.Source != kf.Source || again.Current != kf.Current || again.Change != kf.Change {
		t.Errorf("At(0) differs from the key figure: %+v", again)
	}
	// The other public figures are not in the store.
	if _, err := s.FigureSeries(context.Background(), "violence_oriented"); !errors.Is(err, ErrNoFigures) {
		t.Errorf("FigureSeries without figures: %v, want ErrNoFigures", err)
	}
	if _, err := s.FigureSeries(context.Background(), "person_potential"); err != nil {
		t.Errorf("FigureSeries: %v", err)
	}
}

// TestKeyFigureChange: shares and rates change in share units
// (percentage points), counts and public figures relatively.
func TestKeyFigureChange(t *testing.T) {
	series := func(kind Kind, vs ...Value) KeyFigure {
		kf := KeyFigure{Kind: kind, Source: "cases"}
		for i, v := range vs {
			kf.Years = append(kf.Years, 2020+i)
			kf.Series = append(kf.Series, v)
		}
		return kf.At(0)
	}
	for _, tc := range []struct {
		kf     KeyFigure
		want   float64
		state  string
		points bool
	}{
		{series(KindShare, shown(0.041), shown(0.045)), 0.004, "shown", true},
		{series(KindRate, withCI(0.12, 0.1, 0.14), withCI(0.10, 0.08, 0.12)), -0.02, "shown", true},
		{series(KindShare, shown(0), shown(0.1)), 0.1, "shown", true},
		{series(KindCount, shown(0), shown(10)), 0, "missing", false},
		{series(KindCount, shown(40), shown(50)), 0.25, "shown", false},
		{series(KindFigure, shown(200), shown(150)), -0.25, "shown", false},
		{series(KindShare, withheld(), shown(0.2)), 0, "withheld", true},
		{series(KindCount, shown(7)), 0, "missing", false},
	} {
		kf := tc.kf
		if kf.ChangeIsPoints() != tc.points {
			t.Errorf("%s: ChangeIsPoints %v", kf.Kind, kf.ChangeIsPoints())
		}
		state := "missing"
		switch {
		case kf.Change.Shown():
			state = "shown"
		case kf.Change.Withheld():
			state = "withheld"
		}
		if state != tc.state {
			t.Errorf("%s %v→%v: change %s, want %s", kf.Kind, kf.Previous, kf.Current, state, tc.state)
			continue
		}
		if c, ok := kf.Change.Float(); ok && math.Abs(c-tc.want) > 1e-12 {
			t.Errorf("%s %v→%v: change %v, want %v", kf.Kind, kf.Previous, kf.Current, c, tc.want)
		}
	}
}

// TestEmptySelection: a filter that selects no case is refused as below
// the minimum population; the whole store of one case gives tables and key
// figures, not an error.
func TestEmptySelection(t *testing.T) {
	s := openFigures(t, nil)
	ctx := context.Background()
	var few *TooFewCasesError
	if _, err := s.Run(ctx, QIntakesByYearPhenomenon, Filter{Phenomena: []string{"left_wing"}}); !errors.As(err, &few) {
		t.Errorf("a filter on an empty store: %v, want TooFewCasesError", err)
	}
	f := Filter{}
	tab, err := s.Run(ctx, QIntakesByYearPhenomenon, f)
	if err != nil {
		t.Fatal(err)
	}
	// One case publishes as 0 or is withheld, never as a count below k.
	if v, ok := tab.Total(); !ok || v.Missing() {
		t.Errorf("total of a store of one case: %v", v)
	} else if n, shown := v.Int(); shown && n != 0 {
		t.Errorf("total of a store of one case published as %d", n)
	}
	if _, err := s.KeyFigures(ctx, f); err != nil {
		t.Errorf("key figures of an empty selection: %v", err)
	}
	if _, err := s.FigureSeries(ctx, "person_potential"); !errors.Is(err, ErrNoFigures) {
		t.Errorf("a store without figures: %v", err)
	}
}
