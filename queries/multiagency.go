package queries

import (
	"context"

	"lagebild/datasets/schema"
)

// The structure of multi-agency work (case-export schema 2): which
// agencies a multi-agency case involves, how many case conferences it had
// and whether the consent to share information is documented — what the
// policy paper's recommendation to evaluate multi-agency formats needs.
//
// The tables split by risk level, not by provider: multi-agency cases are
// a minority of a provider's cases, and a provider's multi-agency cases
// split by eight agencies or four conference bands would be mostly below
// the minimum base of a share; the three risk levels are large groups,
// and the risk level is what multi-agency work is meant to follow
// (docs/privacy.md, "Evaluator tables"). Every count is a protected cell;
// every share is made from protected counts and withheld below
// MinDerivedBase.

// Names of the multi-agency tables.
const (
	QAgenciesByRisk    = "agencies_by_risk"
	QMultiAgencyByRisk = "multi_agency_by_risk"
)

// Columns of the multi-agency table.
const (
	ColMultiAgencyCases = "multi_agency_cases"
	ColConsent          = "consent_documented"
)

// ConferenceBands are the bands of the number of case conferences, as
// columns of QMultiAgencyByRisk ("conf:0" …).
var ConferenceBands = []string{"conf:0", "conf:1_2", "conf:3_5", "conf:6_plus"}

// NoteAgenciesBase says what an agency share is a share of.
const NoteAgenciesBase = "share of the multi-agency cases with their agencies stated that name the agency; a case may name several"

// NoteMultiAgencyBase says what the conference and consent shares are
// shares of.
const NoteMultiAgencyBase = "multi-agency cases; conference bands among those with the number stated, consent among those with consent stated"

// baseMultiAgency holds the multi-agency cases.
const baseMultiAgency = "multi_agency"

func init() {
	addQuery(QAgenciesByRisk, "Agencies involved in multi-agency cases by risk level (shares)", agenciesByRisk)
	addQuery(QMultiAgencyByRisk, "Multi-agency cases by risk level: case conferences and documented consent", multiAgencyByRisk)
}

// riskGroups are the risk levels and all, the columns or rows of the
// multi-agency tables.
func riskGroups() []string { return append(append([]string{}, schema.RiskLevels...), All) }

func (s *Store) multiAgencyCells(ctx context.Context, f Filter) (itemCells, error) {
	return s.itemCellsOf(ctx, "multi_agency", f, yearIntake, baseMultiAgency, nil)
}

// agenciesByRisk: per agency and risk level (and all) the share of the
// multi-agency cases with their agencies stated that name the agency.
func agenciesByRisk(ctx context.Context, s *Store, f Filter) (*Table, error) {
	ic, err := s.multiAgencyCells(ctx, f)
	if err != nil {
		return nil, err
	}
	cols := riskGroups()
	t := s.newCaseTable(QAgenciesByRisk, "agency", DimRiskLevel.Name, schema.Agencies, cols, KindShare)
	t.rowTotals, t.colTotals = nil, nil
	for i, a := range schema.Agencies {
		for j, g := range cols {
			t.cells[i][j] = s.shareValue(s.protected(ic[g]["agency:"+a]), s.protected(ic[g]["agencies_stated"]))
		}
	}
	t.notes = append(t.notes, NoteAgenciesBase, NoteSharesProtected, NoteMonitoringNotEffect)
	return t, nil
}

// multiAgencyByRisk: per risk level (and all) the protected number of
// multi-agency cases, the shares of the conference bands and the share
// with consent documented.
func multiAgencyByRisk(ctx context.Context, s *Store, f Filter) (*Table, error) {
	ic, err := s.multiAgencyCells(ctx, f)
	if err != nil {
		return nil, err
	}
	rows := riskGroups()
	cols := append(append([]string{ColMultiAgencyCases}, ConferenceBands...), ColConsent)
	t := s.newCaseTable(QMultiAgencyByRisk, DimRiskLevel.Name, "measure", rows, cols, KindShare)
	t.rowTotals, t.colTotals = nil, nil
	t.colKinds = countThenShares(len(cols))
	for i, g := range rows {
		c := ic[g]
		t.cells[i][0] = s.protectCell(c["cases"])
		conf := s.protected(c["conferences_stated"])
		for j, band := range ConferenceBands {
			t.cells[i][1+j] = s.shareValue(s.protected(c[band]), conf)
		}
		t.cells[i][len(cols)-1] = s.shareValue(s.protected(c["consent"]), s.protected(c["consent_stated"]))
	}
	t.notes = append(t.notes, NoteMultiAgencyBase, NoteSharesProtected, NoteMonitoringNotEffect)
	return t, nil
}
