package queries

import (
	"context"
	"fmt"
	"strconv"

	"lagebild/datasets/figures"
	"lagebild/queries/sdc"
)

// KeyFigure is one card of the overview and one line of a briefing: the
// latest year, the year before and the change, with a short series for a
// sparkline, the unit and the source. Case figures are protected (counts
// and the shares derived from them); public figures are exact.
//
// KeyFigure is the one definition of a key figure's change: the TUI and
// the writers of package queries/export show Change as it is, and At gives
// the figure as of an earlier year with its change and source.
type KeyFigure struct {
	// ID names the figure: "figure:INDICATOR:PHENOMENON" for public
	// figures, "case:NAME" for case figures (intakes, in_progress,
	// share_high_risk, share_not_intrinsic, share_multi_agency,
	// relapse_rate: extremist or violent relapse, relapse_rate_any: any
	// offence).
	ID string
	// Indicator and Phenomenon of a public figure; Name of a case figure.
	Indicator, Phenomenon, Name string
	Kind                        Kind   // KindFigure, KindCount, KindShare or KindRate
	Unit                        string // persons, cases, offences, percent, or "share"
	// Year is the latest year with a value, shown or withheld (0: none);
	// Current is its value, Previous the value of Year−1 (Missing when
	// there is none).
	Year              int
	Current, Previous Value
	// Change is the change from Previous to Current, computed from the two
	// published values. For shares and rates (KindShare, KindRate; see
	// ChangeIsPoints) it is the difference Current − Previous in share
	// units: 0.004 is +0.4 percentage points. For counts and public
	// figures it is the relative change (Current − Previous) / Previous:
	// 0.05 is +5 %. Change is withheld when either value is withheld, and
	// Missing when either has no data or, for a relative change, Previous
	// is 0.
	Change Value
	// Series holds one value per year of Years, oldest first.
	Years  []int
	Series []Value
	// SeriesSources and SeriesFlags of a public figure are aligned with
	// Years: the publication and the caveats of each year's value (a zero
	// Source and no flags for a year without one). Both are nil for case
	// figures.
	SeriesSources []Source
	SeriesFlags   [][]string
	// SeriesNotes are the notes of each year's public figure (English, as
	// published with the figures; figures.NoteIn translates them), aligned
	// with Years; nil for case figures.
	SeriesNotes []string
	// Source and SourceRef of the current value of a public figure; for
	// case figures the data label.
	Source, SourceRef string
	// SourceDate is the publication date of the current public figure's
	// source as far as its title or address state it (figures.Publication);
	// zero when unknown and for case figures.
	SourceDate figures.Date
	Flags      []string // caveats of the current public figure
	Note       string   // note of the current public figure
	Protected  bool
	K          int
	Synthetic  bool
	// Notes define a case figure where its name alone does not (the
	// relapse rates: NoteRelapseDefinition and FollowUp.Note), in English
	// like the notes of a Table; writers translate them the same way.
	Notes []string
}

// ChangeIsPoints reports whether Change is a difference of shares (share
// units, percentage points when multiplied by 100) rather than a relative
// change: true for shares and rates.
func (kf KeyFigure) ChangeIsPoints() bool { return kf.Kind == KindShare || kf.Kind == KindRate }

// At returns the key figure as of year (0: its latest): Year becomes the
// latest year up to year with a value (shown or withheld), Current its
// value, Previous the value of the year before, Change the change between
// them as defined on KeyFigure, and a public figure's Source, SourceRef,
// SourceDate and Flags those of that year's publication. Years and Series are kept whole.
// Without a value up to year, Year is 0 and Current, Previous and Change
// are Missing (and a public figure has no source).
func (kf KeyFigure) At(year int) KeyFigure {
	out := kf
	out.Year, out.Current, out.Previous, out.Change = 0, Missing, Missing, Missing
	if kf.Kind == KindFigure {
		out.Source, out.SourceRef, out.SourceDate, out.Flags, out.Note = "", "", figures.Date{}, nil, ""
	}
	idx := -1
	for i, y := range kf.Years {
		if (year == 0 || y <= year) && i < len(kf.Series) && !kf.Series[i].Missing() {
			idx = i
		}
	}
	if idx < 0 {
		return out
	}
	out.Year, out.Current = kf.Years[idx], kf.Series[idx]
	for i, y := range kf.Years {
		if y == out.Year-1 && i < len(kf.Series) {
			out.Previous = kf.Series[i]
		}
	}
	out.Change = change(out.Current, out.Previous, kf.ChangeIsPoints())
	if idx < len(kf.SeriesSources) {
		src := kf.SeriesSources[idx]
		out.Source, out.SourceRef = src.Title, src.Ref
		out.SourceDate = figures.PublicationOf(src.Title, src.Ref).Date
	}
	if idx < len(kf.SeriesFlags) {
		out.Flags = append([]string(nil), kf.SeriesFlags[idx]...)
	}
	if idx < len(kf.SeriesNotes) {
		out.Note = kf.SeriesNotes[idx]
	}
	return out
}

// The public figures on the overview, in display order.
var overviewFigures = [][2]string{
	{"person_potential", "right_wing"},
	{"person_potential", "islamist"},
	{"violence_oriented", "right_wing"},
	{"extremist_violent_acts", "right_wing"},
}

// KeyFigures returns the overview's key figures: public figures first, then
// the case figures for the filter. The year of a case figure is the latest
// year with data within the filter's range.
func (s *Store) KeyFigures(ctx context.Context, f Filter) ([]KeyFigure, error) {
	return admitWhile(ctx, s, f, func(ctx context.Context) ([]KeyFigure, error) { return s.keyFigures(ctx, f) })
}

// keyFigures are the key figures of KeyFigures, read without the
// admission.
func (s *Store) keyFigures(ctx context.Context, f Filter) ([]KeyFigure, error) {
	var out []KeyFigure
	for _, p := range overviewFigures {
		kf, err := s.figureKey(ctx, p[0], p[1])
		if err != nil {
			return nil, err
		}
		out = append(out, kf)
	}
	cases, err := s.caseKeyFigures(ctx, f)
	if err != nil {
		return nil, err
	}
	return append(out, cases...), nil
}

// figureKey builds the key figure of a public-figure series.
func (s *Store) figureKey(ctx context.Context, indicator, phenomenon string) (KeyFigure, error) {
	kf := KeyFigure{ID: "figure:" + indicator + ":" + phenomenon, Indicator: indicator,
		Phenomenon: phenomenon, Kind: KindFigure, Unit: figures.IndicatorUnit(indicator)}
	figs, err := s.figureRows(ctx, indicator)
	if err != nil {
		return kf, fmt.Errorf("key figure %s: %w", kf.ID, err)
	}
	byYear := map[int]figureRow{}
	minY, maxY := 0, 0
	for _, p := range figs {
		if p.phenomenon != phenomenon {
			continue
		}
		byYear[p.year] = p
		if minY == 0 || p.year < minY {
			minY = p.year
		}
		maxY = max(maxY, p.year)
	}
	if len(byYear) == 0 {
		return kf, nil
	}
	for y := minY; y <= maxY; y++ {
		kf.Years = append(kf.Years, y)
		p, ok := byYear[y]
		if !ok {
			kf.Series = append(kf.Series, Missing)
			kf.SeriesSources = append(kf.SeriesSources, Source{})
			kf.SeriesFlags = append(kf.SeriesFlags, nil)
			kf.SeriesNotes = append(kf.SeriesNotes, "")
			continue
		}
		kf.Series = append(kf.Series, shown(p.value))
		kf.SeriesSources = append(kf.SeriesSources, Source{Title: p.source, Ref: p.ref})
		kf.SeriesFlags = append(kf.SeriesFlags, (figures.Figure{Note: p.note}).Flags())
		kf.SeriesNotes = append(kf.SeriesNotes, p.note)
	}
	return kf.At(0), nil
}

// change is the change from prev to cur, both published values: their
// difference when points (shares and rates), else the relative change.
func change(cur, prev Value, points bool) Value {
	c, ok1 := cur.Float()
	p, ok2 := prev.Float()
	if !ok1 || !ok2 {
		if cur.Withheld() || prev.Withheld() {
			return withheld()
		}
		return Missing
	}
	if points {
		return shown(c - p)
	}
	if p == 0 {
		return Missing
	}
	return shown((c - p) / p)
}

// caseKeyFigures computes the case figures per intake year (closing year
// for the relapse rate) from protected counts; shares and rates need a
// protected base of at least sdc.Params.MinDerivedBase.
func (s *Store) caseKeyFigures(ctx context.Context, f Filter) ([]KeyFigure, error) {
	intakeBy := func(col Dimension) (*exactCross, error) {
		return s.crossExact(ctx, crossSpec{row: DimIntakeYear, col: col, year: yearIntake, base: baseAll}, f)
	}
	risk, err := intakeBy(DimRiskLevel)
	if err != nil {
		return nil, err
	}
	intrinsic, err := intakeBy(DimIntrinsic)
	if err != nil {
		return nil, err
	}
	multi, err := intakeBy(DimMultiAgency)
	if err != nil {
		return nil, err
	}
	relapse, err := s.crossExact(ctx, crossSpec{row: DimClosedYear, col: DimRelapse, year: yearClosed, base: baseRelapse}, f)
	if err != nil {
		return nil, err
	}
	progress, err := s.inProgress(ctx, f)
	if err != nil {
		return nil, err
	}
	years := risk.rows
	var out []KeyFigure
	// intakes: the row totals of any intake table are the same cells.
	out = append(out, s.caseSeries("intakes", KindCount, "cases", years, func(y string) Value {
		return s.protectCell(risk.rowTotals[y])
	}))
	out = append(out, s.caseSeries("in_progress", KindCount, "cases", years, func(y string) Value {
		return s.protectCell(progress[y])
	}))
	// shares among intakes of the year; the base of a share of a yes/no
	// variable is the cases where it is documented (yes + no).
	out = append(out, s.caseSeries("share_high_risk", KindShare, "share", years, func(y string) Value {
		return s.shareValue(s.protected(risk.cells[[2]string{y, "high_risk"}]), s.protected(risk.rowTotals[y]))
	}))
	out = append(out, s.caseSeries("share_not_intrinsic", KindShare, "share", years, func(y string) Value {
		return s.shareValue(s.protected(intrinsic.cells[[2]string{y, "no"}]),
			s.protected(sumCells(intrinsic.cells[[2]string{y, "yes"}], intrinsic.cells[[2]string{y, "no"}])))
	}))
	out = append(out, s.caseSeries("share_multi_agency", KindShare, "share", years, func(y string) Value {
		return s.shareValue(s.protected(multi.cells[[2]string{y, "yes"}]),
			s.protected(sumCells(multi.cells[[2]string{y, "yes"}], multi.cells[[2]string{y, "no"}])))
	}))
	// the relapse count is sensitive: a rate needs it shown (at least k,
	// see Store.sensitive), so a rate of 0 is never published. The
	// headline rate counts extremist or violent offences, the second any
	// offence; both by closing year, past the minimum follow-up, so the
	// latest closing years have none yet (FollowUp).
	// A closing year without a case past the follow-up has no rate (a
	// published 0 is a true 0: the cell key method keeps zeros).
	relapseRate := func(y string, count func(relapseCounts) exactCell) Value {
		rc := relapseOf(relapse, y)
		n := s.protected(rc.base)
		if !n.Withheld && n.Value == 0 {
			return Missing
		}
		return s.rate(s.sensitive(count(rc)), n)
	}
	headline := s.caseSeries("relapse_rate", KindRate, "share", relapse.rows, func(y string) Value {
		return relapseRate(y, func(rc relapseCounts) exactCell { return rc.headline })
	})
	anyOffence := s.caseSeries("relapse_rate_any", KindRate, "share", relapse.rows, func(y string) Value {
		return relapseRate(y, func(rc relapseCounts) exactCell { return rc.any })
	})
	headline.Notes, anyOffence.Notes = s.relapseNotes(), s.relapseNotes()
	out = append(out, headline, anyOffence)
	return out, nil
}

// sumCells merges the records of two disjoint cells into one cell: the
// count and the cell key numerator add up exactly.
func sumCells(a, b exactCell) exactCell {
	return exactCell{n: a.n + b.n, ck: (a.ck + b.ck) % (1 << 32)}
}

func (s *Store) shareValue(num, den sdc.Protected) Value {
	r, ok := s.params.Share(num, den)
	if !ok {
		return withheld()
	}
	return shown(r)
}

// caseSeries builds a case key figure from a value per year label; the
// current year is the latest year, the previous the one before it.
func (s *Store) caseSeries(name string, kind Kind, unit string, years []string, value func(y string) Value) KeyFigure {
	kf := KeyFigure{ID: "case:" + name, Name: name, Kind: kind, Unit: unit,
		Protected: true, K: s.params.K, Synthetic: s.synthetic, Source: "cases"}
	if s.label != "" {
		kf.Source = "cases (" + s.label + ")"
	}
	for _, y := range years {
		yi, err := strconv.Atoi(y)
		if err != nil {
			continue
		}
		kf.Years = append(kf.Years, yi)
		kf.Series = append(kf.Series, value(y))
	}
	return kf.At(0)
}

// inProgress returns the exact number of cases in progress at the end of
// each year of the filter's range.
func (s *Store) inProgress(ctx context.Context, f Filter) (map[string]exactCell, error) {
	if err := f.Validate(); err != nil {
		return nil, err
	}
	first, last := s.minYear, s.maxIntakeYear
	if f.FromYear > first {
		first = f.FromYear
	}
	if f.ToYear != 0 && f.ToYear < last {
		last = f.ToYear
	}
	// One pass counts the cases by intake and closing year; a case is in
	// progress at the end of y when taken in by y and not closed by y.
	rows, dims, err := s.aggregateFor(ctx, "", baseAll, f, DimIntakeYear, DimClosedYear)
	if err != nil {
		return nil, fmt.Errorf("cases in progress: %w", err)
	}
	type span struct{ in, out int } // out 0: still open
	spans := make([]span, len(rows))
	for i, r := range rows {
		in, err := strconv.Atoi(keyOf(r, dims, DimIntakeYear))
		if err != nil {
			return nil, fmt.Errorf("cases in progress: intake year %q", keyOf(r, dims, DimIntakeYear))
		}
		out, _ := strconv.Atoi(keyOf(r, dims, DimClosedYear)) // NotStated: open
		spans[i] = span{in, out}
	}
	res := map[string]exactCell{}
	for y := first; y <= last; y++ {
		var c exactCell
		for i, sp := range spans {
			if sp.in <= y && (sp.out == 0 || sp.out > y) {
				c = sumCells(c, rows[i].c)
			}
		}
		if c.n > 0 {
			res[strconv.Itoa(y)] = c
		}
	}
	return res, nil
}
