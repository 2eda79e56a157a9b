package views

import (
	"slices"

	"lagebild/datasets/figures"
	"lagebild/queries/report"
)

// seriesBreaks marks the rows of column j of a public-figure table whose
// figure starts a new series (its note says "series break"): charts draw
// no line across them. nil for tables of case data and columns without a
// break.
func seriesBreaks(t *report.Table, j int) []bool {
	var out []bool
	for i, row := range t.Provenance {
		if j < len(row) && slices.Contains(row[j].Flags(), figures.FlagSeriesBreak) {
			if out == nil {
				out = make([]bool, len(t.Provenance))
			}
			out[i] = true
		}
	}
	return out
}
