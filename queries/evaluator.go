package queries

import (
	"context"
	"fmt"
	"slices"
	"sync"
	"time"

	"lagebild/datasets/store"
)

// The evaluator's per-provider figures. Providers are a dimension, never a
// filter field: a provider is a small population, and a filter on it would
// open the differencing routes the bounded filter space closes
// (docs/privacy.md). Every number is protected like any case figure.
//
// Two figures are built so that they do not mislead:
//
//   - completeness has an applicability base per column: returnee applies
//     only to Islamist and foreign-ideology cases, the closing month,
//     outcome and relapse only to closed cases; a blank where a column does
//     not apply is not a gap;
//   - "share closed" is confounded by a provider's age (a young provider's
//     cases are still open), so the cohort figure counts only the intakes at
//     least two years before the reference month and the share of them
//     closed within 24 months: every case in it had 24 months.

// Names of the evaluator tables.
const (
	QEvaluatorProviders        = "evaluator_providers"
	QCompletenessByProvider    = "completeness_by_provider"
	QClosuresByProviderOutcome = "closures_by_provider_outcome"
)

// Columns of the evaluator's provider table.
const (
	ColClosed         = "closed"
	ColCompleteShare  = "complete_share"
	ColFindings       = "findings"
	ColCohortIntakes  = "cohort_intakes"
	ColClosed24Share  = "closed_24_share"
	cohortMonths      = 24
	returneeColumn    = "returnee"
	relapseColumn     = "relapse" // documented at closure (the quality report counts it for all cases)
	evaluatorAllRow   = All
	evaluatorProvider = "provider"
)

// NoteCohort explains the cohort columns of the provider table.
const NoteCohort = "cohort: intakes at least 24 months before the reference month; closed within 24 months of intake"

// NoteApplicable explains the completeness base.
const NoteApplicable = "completeness counts a column only where it applies: returnee for Islamist and foreign-ideology cases, closing month, outcome and relapse for closed cases"

// NoteFindingsRecords says what the findings column counts.
const NoteFindingsRecords = "findings: records with at least one plausibility finding (repeated case keys not included)"

// applicableColumns are the optional columns of the completeness table, in
// schema order (made once, like storedColumns).
var applicableColumns = sync.OnceValue(func() []storedColumn {
	var out []storedColumn
	for _, c := range storedColumns() {
		if _, ok := store.FilledFlags[c.name]; ok {
			out = append(out, c)
		}
	}
	return out
})

// evalGroup is the exact count of the records of one provider with the
// same flags, returnee applicability and cohort facts.
type evalGroup struct {
	provider        string
	flags           uint16
	returneeApplies bool
	inCohort        bool
	closed24        bool
	c               exactCell
}

// applies reports whether column c applies to the records of g.
func (g evalGroup) applies(c storedColumn) bool {
	switch {
	case c.name == returneeColumn:
		return g.returneeApplies
	case c.base == completenessBaseClosed || c.name == relapseColumn:
		return g.flags&store.FlagClosedStatus != 0
	}
	return true
}

// filled reports whether the records of g have a value in column c.
func (g evalGroup) filled(c storedColumn) bool {
	return g.flags&store.FilledFlags[c.name] != 0
}

// complete reports whether the records of g have a value in every column
// that applies to them.
func (g evalGroup) complete() bool {
	for _, c := range applicableColumns() {
		if g.applies(c) && !g.filled(c) {
			return false
		}
	}
	return true
}

// finding reports whether the records of g have a plausibility finding.
func (g evalGroup) finding() bool {
	for _, test := range findingConditions {
		if test(g.flags) {
			return true
		}
	}
	return false
}

// CohortEnd is the last intake month of the cohorts the provider table's
// cohort columns count: 24 months before the reference month.
func CohortEnd(ref time.Time) time.Time { return ref.AddDate(0, -cohortMonths, 0) }

// evaluatorParams are the values evaluator.sql binds besides the filter's.
func evaluatorParams(ctx context.Context, s *Store) (map[string]any, error) {
	ref, err := s.ReferenceMonth(ctx)
	if err != nil {
		return nil, err
	}
	return map[string]any{"cohort_end": CohortEnd(ref)}, nil
}

// evaluatorGroups counts the filtered records by provider and the facts of
// evaluator.sql, in no particular order (a cube read is not sorted).
func (s *Store) evaluatorGroups(ctx context.Context, f Filter) ([]evalGroup, error) {
	if err := f.Validate(); err != nil {
		return nil, err
	}
	params, err := evaluatorParams(ctx, s)
	if err != nil {
		return nil, err
	}
	q, _ := s.caseQueryOf("evaluator", f, yearIntake, baseAll, params)
	return cached(s, ctx, q, func() ([]evalGroup, error) {
		rows, err := s.query(ctx, q.text, q.args...)
		if err != nil {
			return nil, fmt.Errorf("evaluator figures: %w", err)
		}
		defer rows.Close()
		var out []evalGroup
		for rows.Next() {
			var g evalGroup
			if err := rows.Scan(&g.provider, &g.flags, &g.returneeApplies, &g.inCohort, &g.closed24, &g.c.n, &g.c.ck); err != nil {
				return nil, err
			}
			out = append(out, g)
		}
		if err := rows.Err(); err != nil {
			return nil, fmt.Errorf("evaluator figures: %w", err)
		}
		return out, nil
	})
}

// byProvider sums the records of the groups that pass test, per provider
// and for all (evaluatorAllRow).
func byProvider(gs []evalGroup, test func(evalGroup) bool) map[string]exactCell {
	out := map[string]exactCell{}
	for _, g := range gs {
		if test(g) {
			out[g.provider] = sumCells(out[g.provider], g.c)
			out[evaluatorAllRow] = sumCells(out[evaluatorAllRow], g.c)
		}
	}
	return out
}

// providerRows are the providers of the groups in order, then "all". Under
// a filter a provider whose intakes are published as 0 is left out (as in
// the quality report): its row would tell that it has a record there.
func (s *Store) providerRows(gs []evalGroup, intakes map[string]exactCell, f Filter) []string {
	var out []string
	for _, g := range gs {
		out = append(out, g.provider)
	}
	slices.Sort(out)
	out = slices.Compact(out)
	out = slices.DeleteFunc(out, func(provider string) bool {
		p := s.protected(intakes[provider])
		return !f.IsZero() && !p.Withheld && p.Value == 0
	})
	return append(out, evaluatorAllRow)
}

func init() {
	addQuery(QEvaluatorProviders, "Providers: intakes, closures, completeness, findings and closure within 24 months of older cohorts", evaluatorProviders)
	addQuery(QCompletenessByProvider, "Completeness by provider where a column applies", completenessByProvider)
	addQuery(QClosuresByProviderOutcome, "Closures by provider and outcome", closuresByProviderOutcome)
}

// evaluatorProviders: per provider (and all) the protected intakes and
// closures, the share of records complete in every applicable column, the
// records with a plausibility finding, the intakes of cohorts at least two
// years old and the share of them closed within 24 months.
func evaluatorProviders(ctx context.Context, s *Store, f Filter) (*Table, error) {
	gs, err := s.evaluatorGroups(ctx, f)
	if err != nil {
		return nil, err
	}
	every := func(evalGroup) bool { return true }
	intakes := byProvider(gs, every)
	closed := byProvider(gs, func(g evalGroup) bool { return g.flags&store.FlagClosedStatus != 0 })
	complete := byProvider(gs, evalGroup.complete)
	findings := byProvider(gs, evalGroup.finding)
	cohort := byProvider(gs, func(g evalGroup) bool { return g.inCohort })
	closed24 := byProvider(gs, func(g evalGroup) bool { return g.inCohort && g.closed24 })
	rows := s.providerRows(gs, intakes, f)
	cols := []string{ColIntakes, ColClosed, ColCompleteShare, ColFindings, ColCohortIntakes, ColClosed24Share}
	t := s.newCaseTable(QEvaluatorProviders, evaluatorProvider, "measure", rows, cols, KindCount)
	t.rowTotals, t.colTotals = nil, nil
	t.colKinds = []Kind{KindCount, KindCount, KindShare, KindCount, KindCount, KindShare}
	for i, p := range rows {
		n, c := s.protected(intakes[p]), s.protected(cohort[p])
		t.cells[i] = []Value{
			fromProtected(n), s.protectCell(closed[p]),
			s.shareValue(s.protected(complete[p]), n),
			s.protectCell(findings[p]),
			fromProtected(c), s.shareValue(s.protected(closed24[p]), c),
		}
	}
	t.notes = append(t.notes, NoteApplicable, NoteFindingsRecords, NoteCohort, NoteSharesProtected, NoteMonitoringNotEffect)
	return t, nil
}

// completenessByProvider: per provider (and all) and optional column the
// share of records with a value among those the column applies to, from
// protected counts.
func completenessByProvider(ctx context.Context, s *Store, f Filter) (*Table, error) {
	gs, err := s.evaluatorGroups(ctx, f)
	if err != nil {
		return nil, err
	}
	intakes := byProvider(gs, func(evalGroup) bool { return true })
	rows := s.providerRows(gs, intakes, f)
	cols := applicableColumns()
	names := make([]string, len(cols))
	for j, c := range cols {
		names[j] = c.name
	}
	t := s.newCaseTable(QCompletenessByProvider, evaluatorProvider, "column", rows, names, KindShare)
	t.rowTotals, t.colTotals = nil, nil
	for j, c := range cols {
		base := byProvider(gs, func(g evalGroup) bool { return g.applies(c) })
		filled := byProvider(gs, func(g evalGroup) bool { return g.applies(c) && g.filled(c) })
		for i, p := range rows {
			t.cells[i][j] = s.shareValue(s.protected(filled[p]), s.protected(base[p]))
		}
	}
	t.notes = append(t.notes, NoteApplicable, NoteSharesProtected, NoteMonitoringNotEffect)
	return t, nil
}

// closuresByProviderOutcome: closures by provider and outcome, protected
// counts with margins.
func closuresByProviderOutcome(ctx context.Context, s *Store, f Filter) (*Table, error) {
	return s.closuresByProvider(ctx, QClosuresByProviderOutcome, DimOutcome, f)
}

// closuresByProvider is a protected count table of closures by provider
// and col, with the monitoring note. Under a filter a provider whose
// closures are published as 0 is left out (see providerRows).
func (s *Store) closuresByProvider(ctx context.Context, name string, col Dimension, f Filter) (*Table, error) {
	spec := crossSpec{row: DimProvider, col: col, year: yearClosed, base: baseClosed}
	x, err := s.crossExact(ctx, spec, f)
	if err != nil {
		return nil, err
	}
	if !f.IsZero() {
		x.rows = slices.DeleteFunc(x.rows, func(p string) bool {
			v := s.protected(x.rowTotals[p])
			return !v.Withheld && v.Value == 0
		})
	}
	t := s.countTable(name, spec, x)
	t.notes = append(t.notes, NoteMonitoringNotEffect)
	return t, nil
}
