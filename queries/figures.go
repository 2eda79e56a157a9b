package queries

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"strconv"

	"lagebild/datasets/figures"
)

// ErrNoFigures is returned, wrapped, by FigureSeries when the store holds
// no public figures for the indicator (an imported store may hold none);
// test for it with errors.Is.
var ErrNoFigures = errors.New("no public figures")

// FigureSeries returns one public-figure indicator as a table: years as
// rows, phenomena as columns (in the order of figures.Phenomena), exact
// published values (KindFigure), Missing where no figure exists. Its
// Sources list every publication used; its Notes carry every row's note
// (series breaks, weak sources) as "year phenomenon: note"; Provenance
// gives each number its own publication and note. A store
// without figures for the indicator gives an error wrapping ErrNoFigures.
func (s *Store) FigureSeries(ctx context.Context, indicator string) (*Table, error) {
	figs, err := s.figureRows(ctx, indicator)
	if err != nil {
		return nil, err
	}
	years, phens := map[int]bool{}, map[string]bool{}
	for _, f := range figs {
		years[f.year], phens[f.phenomenon] = true, true
	}
	if len(figs) == 0 {
		return nil, fmt.Errorf("%w for indicator %q", ErrNoFigures, indicator)
	}
	var yearRows []string
	minY, maxY := figs[0].year, figs[0].year
	for y := range years {
		minY, maxY = min(minY, y), max(maxY, y)
	}
	yearRows = yearLabels(minY, maxY)
	var cols []string
	for _, p := range figures.Phenomena() {
		if phens[p] {
			cols = append(cols, p)
		}
	}
	t := &Table{
		name: "figures:" + indicator, rowDim: "year", colDim: "phenomenon",
		rows: yearRows, cols: cols, kind: KindFigure, source: "figures",
		cells: make([][]Value, len(yearRows)),
	}
	t.provenance = make([][]Provenance, len(yearRows))
	for i := range t.cells {
		t.cells[i] = make([]Value, len(cols))
		t.provenance[i] = make([]Provenance, len(cols))
	}
	for _, f := range figs {
		i := f.year - minY
		j := slices.Index(cols, f.phenomenon)
		t.cells[i][j] = shown(f.value)
		src := Source{Title: f.source, Ref: f.ref}
		t.provenance[i][j] = Provenance{Source: src, Note: f.note}
		if !slices.Contains(t.sources, src) {
			t.sources = append(t.sources, src)
		}
		if f.note != "" {
			t.notes = append(t.notes, strconv.Itoa(f.year)+" "+f.phenomenon+": "+f.note)
		}
	}
	return t, nil
}

// figureRow is one published figure of an indicator.
type figureRow struct {
	year                    int
	phenomenon              string
	value                   float64
	unit, source, ref, note string
}

// figureRows reads an indicator's figures, ordered by year and phenomenon.
// The figures never change while a store is open, so each indicator is
// read once and kept (outside the result cache, which holds what depends
// on the filter; a failed read is tried again by the next call).
func (s *Store) figureRows(ctx context.Context, indicator string) ([]figureRow, error) {
	s.figuresMu.Lock()
	figs, ok := s.figures[indicator]
	s.figuresMu.Unlock()
	if ok {
		return figs, nil
	}
	text := sqlText("figure_series", nil)
	rows, err := s.query(ctx, text, sqlNamed("indicator", indicator))
	if err != nil {
		return nil, fmt.Errorf("public figures %s: %w", indicator, err)
	}
	defer rows.Close()
	for rows.Next() {
		var f figureRow
		if err := rows.Scan(&f.year, &f.phenomenon, &f.value, &f.unit, &f.source, &f.ref, &f.note); err != nil {
			return nil, err
		}
		figs = append(figs, f)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("public figures %s: %w", indicator, err)
	}
	s.figuresMu.Lock()
	if s.figures == nil {
		s.figures = map[string][]figureRow{}
	}
	s.figures[indicator] = figs
	s.figuresMu.Unlock()
	return figs, nil
}
