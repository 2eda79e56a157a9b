package queries

import (
	"context"
	"slices"
)

// The domain plausibility rules on a store. On an export file `check`
// counts them exactly for the file holder (datasets/importer
// plausibility.go); a store's users see protected figures only, so here
// every rule is counted per provider as a protected cell. The rules are
// evaluated in plausibility_rules.sql from the stored columns, with the
// codes and limits below bound as parameters. They are the importer's
// (datasets/importer/plausibility.go), which this package cannot import
// (the importer's tests use queries); cmd/lagebild's tests check that the
// codes and limits are equal and that both paths count the same records.
//
// `check` fails a provider on a rule that is not a flag when its protected
// count is withheld or shown above 0: a true zero is always published as
// 0, so both mean records break the rule, which the withheld marker has
// already told. A shown 0 may hide up to D records (docs/privacy.md,
// "Evaluator tables").

// QPlausibilityByProvider names the table.
const QPlausibilityByProvider = "plausibility_by_provider"

// ColRecords is the column of the records counted.
const ColRecords = "records"

// NotePlausibilityRules says what the rule columns count.
const NotePlausibilityRules = "records breaking each domain plausibility rule (returnee outside Islamism and high risk without multi-agency are flags, not failures)"

func init() {
	addQuery(QPlausibilityByProvider, "Domain plausibility rules by provider (records breaking each rule)", plausibilityByProvider)
}

// PlausibilityRules are the rule codes of the table's columns, in the
// importer's order (importer.PlausibilityCodes).
var PlausibilityRules = []string{"under_14_justice", "closed_regular_without_contacts", "contacts_per_month",
	"duration_over_60_months", "returnee_outside_islamism", "high_risk_without_multi_agency"}

// The limits of the rules, the importer's MaxContactsPerMonth and
// MaxDurationMonths.
const (
	PlausibilityMaxContactsPerMonth = 30
	PlausibilityMaxDurationMonths   = 60
)

// plausibilityParams bind the rule codes and limits.
func plausibilityParams() map[string]any {
	r := PlausibilityRules
	return map[string]any{
		"code_under_14": r[0], "code_no_contacts": r[1], "code_contacts_per_month": r[2],
		"code_long_duration": r[3], "code_returnee": r[4], "code_high_risk": r[5],
		"max_contacts_per_month": PlausibilityMaxContactsPerMonth,
		"max_duration_months":    PlausibilityMaxDurationMonths,
	}
}

// plausibilityByProvider: per provider (and all) the protected number of
// records and of those breaking each rule of PlausibilityRules.
// Under a filter a provider whose records are published as 0 is left out
// (see providerRows).
func plausibilityByProvider(ctx context.Context, s *Store, f Filter) (*Table, error) {
	ic, err := s.itemCellsOf(ctx, "plausibility_rules", f, yearIntake, baseAll, plausibilityParams())
	if err != nil {
		return nil, err
	}
	var rows []string
	for p := range ic {
		if p == All {
			continue
		}
		v := s.protected(ic[p][ColRecords])
		if !f.IsZero() && !v.Withheld && v.Value == 0 {
			continue
		}
		rows = append(rows, p)
	}
	slices.Sort(rows)
	rows = append(rows, All)
	cols := append([]string{ColRecords}, PlausibilityRules...)
	t := s.newCaseTable(QPlausibilityByProvider, evaluatorProvider, "rule", rows, cols, KindCount)
	t.rowTotals, t.colTotals = nil, nil
	for i, p := range rows {
		for j, c := range cols {
			t.cells[i][j] = s.protectCell(ic[p][c])
		}
	}
	t.notes = append(t.notes, NotePlausibilityRules, NoteMonitoringNotEffect)
	return t, nil
}
