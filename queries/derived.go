package queries

import (
	"context"
	"errors"
	"slices"

	"lagebild/queries/sdc"
)

// The derived tables the views show beside their counts: shares and the
// documented-outcome count per year. They are made here, from protected
// counts only (docs/privacy.md, derived figures), so that a view converts
// and draws but never computes a number; a view that divided or summed
// published cells would publish figures no rule of this package checks.

// Notes of the derived tables (renderers translate them).
const (
	NoteSharesProtected       = "shares computed from protected counts; withheld when the base is below k"
	NoteMinorsExcluded        = "the age filter excludes minors"
	NoteViolenceOrientedShare = "computed from published figures: violence-oriented persons / person potential of the same year"
)

// Names of the derived tables.
const (
	QShareMinorsByYear          = "share_minors_by_year"
	QOutcomeDocumentationByYear = "quality_outcome_documentation_by_year"
	QViolenceOrientedShare      = "violence_oriented_share"
)

// Columns of the derived tables.
const (
	ColMinors     = "minors"
	ColIntakes    = "intakes"
	ColShare      = "share"
	ColClosures   = "closures"
	ColDocumented = "documented"
)

// minorsFilter returns the filter that selects the minors among f's
// cases (the age group "minors", or the one minor band f selects), and
// false when f's age bands exclude minors altogether.
func minorsFilter(f Filter) (Filter, bool) {
	g := f
	g.AgeBands = nil
	if len(f.AgeBands) == 0 {
		g.AgeBands = slices.Clone(AgeGroups["minors"])
		return g, true
	}
	for _, b := range f.AgeBands {
		if slices.Contains(AgeGroups["minors"], b) {
			g.AgeBands = append(g.AgeBands, b)
		}
	}
	return g, len(g.AgeBands) > 0
}

// MinorsByYear returns per intake year the protected number of minors
// (one protected count of its own, the count a filter on the minor age
// bands publishes), the protected intakes (the row totals of the intakes
// by year and age band) and the share of minors among them.
//
// When the filter's age bands exclude minors the minors and shares are
// missing and the table carries NoteMinorsExcluded; when the minors under
// the filter are fewer than the minimum population (TooFewCasesError)
// they are withheld, and so are their shares.
func (s *Store) MinorsByYear(ctx context.Context, f Filter) (*Table, error) {
	if err := s.admit(ctx, f); err != nil {
		return nil, err
	}
	x, err := s.crossExact(ctx, crossSpec{row: DimIntakeYear, col: DimAgeBand, year: yearIntake, base: baseAll}, f)
	if err != nil {
		return nil, err
	}
	mf, anyMinors := minorsFilter(f)
	tooFew := false
	if anyMinors {
		err := s.admit(ctx, mf)
		var few *TooFewCasesError
		switch {
		case errors.As(err, &few):
			tooFew = true
		case err != nil:
			return nil, err
		}
	}
	t := s.newCaseTable(QShareMinorsByYear, DimIntakeYear.Name, "measure", x.rows,
		[]string{ColMinors, ColIntakes, ColShare}, KindShare)
	t.rowTotals, t.colTotals = nil, nil
	t.colKinds = []Kind{KindCount, KindCount, KindShare}
	t.notes = []string{NoteSharesProtected}
	if !anyMinors {
		t.notes = append(t.notes, NoteMinorsExcluded)
	}
	for i, y := range x.rows {
		intakes := s.protected(x.rowTotals[y])
		minors, share := Missing, Missing
		switch {
		case tooFew:
			minors, share = withheld(), s.derivedShare(sdc.Protected{Withheld: true}, intakes)
		case anyMinors:
			var c exactCell
			for _, b := range mf.AgeBands {
				c = sumCells(c, x.cells[[2]string{y, b}])
			}
			p := s.protected(c)
			minors, share = fromProtected(p), s.derivedShare(p, intakes)
		}
		t.cells[i] = []Value{minors, fromProtected(intakes), share}
	}
	return t, nil
}

// OutcomeDocumentationByYear returns per closing year the protected
// number of closures, the protected number of closures with a documented
// outcome (an outcome stated and not "unknown": one protected count of
// its own, never a sum of published cells) and the documented share.
func (s *Store) OutcomeDocumentationByYear(ctx context.Context, f Filter) (*Table, error) {
	if err := s.admit(ctx, f); err != nil {
		return nil, err
	}
	x, err := s.crossExact(ctx, crossSpec{row: DimClosedYear, col: DimOutcome, year: yearClosed, base: baseClosed}, f)
	if err != nil {
		return nil, err
	}
	t := s.newCaseTable(QOutcomeDocumentationByYear, DimClosedYear.Name, "measure", x.rows,
		[]string{ColClosures, ColDocumented, ColShare}, KindShare)
	t.rowTotals, t.colTotals = nil, nil
	t.colKinds = []Kind{KindCount, KindCount, KindShare}
	t.notes = []string{NoteSharesProtected}
	for i, y := range x.rows {
		var c exactCell
		for _, o := range x.cols {
			if documentedOutcome(o) {
				c = sumCells(c, x.cells[[2]string{y, o}])
			}
		}
		closures, documented := s.protected(x.rowTotals[y]), s.protected(c)
		t.cells[i] = []Value{fromProtected(closures), fromProtected(documented), s.derivedShare(documented, closures)}
	}
	return t, nil
}

// documentedOutcome reports whether an outcome code documents how a case
// ended (the quality flag of the store: stated and not "unknown").
func documentedOutcome(code string) bool { return code != "unknown" && code != NotStated }

// derivedShare is num/den from protected counts (sdc.Params.Share):
// missing when the base is a shown 0 (no cases, nothing to share),
// withheld when either is withheld or the base is below MinDerivedBase.
func (s *Store) derivedShare(num, den sdc.Protected) Value {
	if !den.Withheld && den.Value == 0 {
		return Missing
	}
	return s.shareValue(num, den)
}

// PartShares returns, for a protected count table with row totals (the
// 100 % stacked bars of a view), each part's share of its row: a shown
// part divided by the sum of the row's shown parts, so that the shares
// are the bar's segments. A withheld part has a withheld share, a missing
// part none. Every share of a row is withheld when the row's protected
// total (the base group, a protected count of its own) is withheld or
// below sdc.Params.MinDerivedBase, and missing when no part is shown
// above 0.
func PartShares(t *Table) *Table {
	out := &Table{
		name: t.name + "_shares", rowDim: t.rowDim, colDim: t.colDim, rows: t.rows, cols: t.cols,
		cells: make([][]Value, len(t.rows)), kind: KindShare, k: t.k, protected: t.protected,
		synthetic: t.synthetic, source: t.source, notes: []string{NoteSharesProtected},
	}
	minBase := sdc.Params{K: t.k}.MinDerivedBase()
	for i, row := range t.cells {
		sum := 0.0
		for _, v := range row {
			if f, ok := v.Float(); ok {
				sum += f
			}
		}
		base, hasBase := t.RowTotal(i)
		n, ok := base.Int()
		small := !hasBase || !ok || n < minBase
		out.cells[i] = make([]Value, len(row))
		for j, v := range row {
			switch {
			case sum <= 0 || v.Missing():
				out.cells[i][j] = Missing
			case small || v.Withheld():
				out.cells[i][j] = withheld()
			default:
				out.cells[i][j] = shown(v.v / sum)
			}
		}
	}
	return out
}

// ViolenceOrientedShare divides the published violence-oriented persons
// by the published person potential of the same year and phenomenon,
// where both are published and the potential is above 0: public figures,
// exact, so no base applies. Years without any share are left out.
func ViolenceOrientedShare(potential, violent *Table) *Table {
	t := &Table{name: QViolenceOrientedShare, rowDim: "year", colDim: "phenomenon", kind: KindShare,
		source: "figures", notes: []string{NoteViolenceOrientedShare}}
	for _, src := range append(slices.Clone(violent.sources), potential.sources...) {
		if !slices.Contains(t.sources, src) {
			t.sources = append(t.sources, src)
		}
	}
	var vcols, pcols []int
	for j, c := range violent.cols {
		if pj := slices.Index(potential.cols, c); pj >= 0 {
			vcols, pcols = append(vcols, j), append(pcols, pj)
			t.cols = append(t.cols, c)
		}
	}
	for i, y := range violent.rows {
		pi := slices.Index(potential.rows, y)
		if pi < 0 {
			continue
		}
		row := make([]Value, len(vcols))
		anyShown := false
		for k := range vcols {
			v, ok1 := violent.cells[i][vcols[k]].Float()
			p, ok2 := potential.cells[pi][pcols[k]].Float()
			if ok1 && ok2 && p > 0 {
				row[k] = shown(v / p)
				anyShown = true
			}
		}
		if anyShown {
			t.rows = append(t.rows, y)
			t.cells = append(t.cells, row)
		}
	}
	return t
}
