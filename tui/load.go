package tui

import (
	"context"
	"strconv"

	"lagebild/queries"
	"lagebild/tui/views"
)

// Source is what the TUI reads: a *queries.Store. Every number on screen
// comes through it, protected; the views load through it (views.Source).
type Source = views.Source

// storeYears returns the intake years of the store (unfiltered).
func storeYears(ctx context.Context, src Source) ([]int, error) {
	t, err := src.Counts(ctx, queries.DimIntakeYear, queries.DimAll, queries.Filter{})
	if err != nil {
		return nil, err
	}
	var out []int
	for _, r := range t.Rows() {
		if y, err := strconv.Atoi(r); err == nil {
			out = append(out, y)
		}
	}
	return out, nil
}
