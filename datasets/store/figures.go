package store

import (
	"context"
	"fmt"

	"lagebild/datasets/figures"
)

// ReplaceFigures replaces the figures table with figs (the embedded set
// merged with any --figures files).
func ReplaceFigures(ctx context.Context, db execer, figs []figures.Figure) error {
	if _, err := db.ExecContext(ctx, `DELETE FROM figures`); err != nil {
		return fmt.Errorf("clearing figures: %w", err)
	}
	for _, f := range figs {
		_, err := db.ExecContext(ctx,
			`INSERT INTO figures(year, indicator, phenomenon, value, unit, source, source_ref, note)
			 VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
			f.Year, f.Indicator, f.Phenomenon, f.Value, f.Unit, f.Source, f.SourceRef, f.Note)
		if err != nil {
			return fmt.Errorf("writing figure %s:%d: %w", f.File, f.Line, err)
		}
	}
	return nil
}
