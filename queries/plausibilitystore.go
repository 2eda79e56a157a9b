package queries

import (
	"context"
	"slices"

	"lagebild/datasets/importer"
)

// The domain plausibility rules on a store. On an export file `check`
// counts them exactly for the file holder (datasets/importer
// plausibility.go); a store's users see protected figures only, so here
// every rule is counted per provider as a protected cell. The rules are
// evaluated in plausibility_rules.sql from the stored columns, with the
// importer's limits and codes bound as parameters, so both paths apply
// the same rules (cmd/lagebild's tests check that they agree).
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

// plausibilityParams bind the importer's rule codes and limits.
func plausibilityParams() map[string]any {
	return map[string]any{
		"code_under_14":           string(importer.CodeUnder14Justice),
		"code_no_contacts":        string(importer.CodeClosedRegularNoContacts),
		"code_contacts_per_month": string(importer.CodeContactsPerMonth),
		"code_long_duration":      string(importer.CodeLongDuration),
		"code_returnee":           string(importer.CodeReturneeOutsidePhenomenon),
		"code_high_risk":          string(importer.CodeHighRiskWithoutMultiAgency),
		"max_contacts_per_month":  importer.MaxContactsPerMonth,
		"max_duration_months":     importer.MaxDurationMonths,
	}
}

// plausibilityByProvider: per provider (and all) the protected number of
// records and of those breaking each rule of importer.PlausibilityCodes.
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
	cols := []string{ColRecords}
	for _, c := range importer.PlausibilityCodes {
		cols = append(cols, string(c))
	}
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
