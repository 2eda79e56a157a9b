// Package export writes protected tables and key figures for documents and
// programs: Markdown (translated labels, numbers formatted for the language,
// a withheld mark with its legend, the protection statement), TSV for
// pasting into a spreadsheet (the same texts), tidy CSV (one row per
// number) and stable JSON (documented in docs/json-formats.md). `lagebild
// brief` and the TUI's export (e) and copy (y, Y) all write through it, so
// a table exported from the TUI and the one printed by the command line
// agree cell for cell.
//
// The writers take the one table model of package queries/report (built
// once from a protected queries.Table, by `lagebild brief` without labels
// and by the TUI with the labels it shows) and the key figures of a
// briefing (KeyFigure, made with KeyFigureAt); they never see an exact
// count.
package export

import (
	"slices"

	"lagebild/datasets/figures"
	"lagebild/queries"
	"lagebild/queries/report"
)

// KeyFigure is one line of a briefing: a figure in a year, the year
// before and the change.
type KeyFigure struct {
	// ID is "figure:INDICATOR:PHENOMENON" or "case:NAME" (queries.KeyFigure).
	ID                          string
	Name, Indicator, Phenomenon string
	Kind                        queries.Kind
	// Unit is persons, cases, offences, percent or share (a share or rate
	// in [0,1]).
	Unit string
	// Year of Current (0: no data); PreviousYear is Year-1 (0: no data).
	Year, PreviousYear int
	// Current has the 95 % interval of a rate.
	Current, Previous report.Cell
	// Change is queries.KeyFigure.Change: in share units (percentage
	// points when multiplied by 100) when ChangeIsPoints, for shares and
	// rates; else relative, (Current − Previous) / Previous. Missing when
	// either value has no data (or a relative change has Previous 0),
	// withheld when either is withheld.
	Change         report.Cell
	ChangeIsPoints bool
	Source         string
	SourceRef      string
	// SourceDate is the publication date of the source
	// (queries.KeyFigure.SourceDate); zero when unknown.
	SourceDate figures.Date
	Flags      []string
	// Note is the public figure's note as written in the figures file
	// (figures.NoteIn translates it); empty for case figures.
	Note string
	// Notes define a case figure (queries.KeyFigure.Notes; NoteText
	// translates them).
	Notes []string
	// Years and Series are the whole series (oldest first) for charts;
	// Breaks the years whose value carries a series-break caveat.
	Years     []int
	Series    []report.Cell
	Breaks    []int
	Protected bool
	K         int
	Synthetic bool
}

// ChangeUnit names the unit of the key figure's change in the JSON and
// CSV: "points" (share units, 0.004 = +0.4 percentage points) or
// "relative" (0.05 = +5 %).
func (kf *KeyFigure) ChangeUnit() string {
	if kf.ChangeIsPoints {
		return "points"
	}
	return "relative"
}

// KeyFigureAt takes a key figure of package queries at a year (0: its
// latest), with queries.KeyFigure.At: the latest year up to year that has
// a value (shown or withheld), the year before it, the change between
// them and, for a public figure, the source and caveats of that year's
// publication. Nothing is recomputed here.
func KeyFigureAt(kf queries.KeyFigure, year int) KeyFigure {
	at := kf.At(year)
	out := KeyFigure{
		ID: at.ID, Name: at.Name, Indicator: at.Indicator, Phenomenon: at.Phenomenon,
		Kind: at.Kind, Unit: at.Unit, Year: at.Year, Current: report.FromValue(at.Current, at.Kind), Change: report.FromValue(at.Change, at.Kind),
		ChangeIsPoints: at.ChangeIsPoints(), Source: at.Source, SourceRef: at.SourceRef, SourceDate: at.SourceDate, Note: at.Note,
		Flags: append([]string(nil), at.Flags...), Notes: append([]string(nil), at.Notes...), Protected: at.Protected, K: at.K, Synthetic: at.Synthetic,
	}
	for i, y := range at.Years {
		if i < len(at.Series) {
			out.Years = append(out.Years, y)
			out.Series = append(out.Series, report.FromValue(at.Series[i], at.Kind))
		}
		if i < len(at.SeriesFlags) && slices.Contains(at.SeriesFlags[i], figures.FlagSeriesBreak) {
			out.Breaks = append(out.Breaks, y)
		}
	}
	if at.Year != 0 && !at.Previous.Missing() {
		out.PreviousYear = at.Year - 1
		out.Previous = report.FromValue(at.Previous, at.Kind)
	}
	return out
}
