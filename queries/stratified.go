package queries

import (
	"context"
	"slices"
)

// Multi-agency cases are more often high-risk cases, so a comparison of
// multi-agency and other cases across all cases mixes the effect of the
// risk with that of the cooperation. The stratified table compares them
// within each risk level. It is monitoring, not an effect estimate: the
// cases were not assigned at random (the note says so on every rendering).

// QRelapseOutcomesWithinRisk names the stratified table.
const QRelapseOutcomesWithinRisk = "relapse_outcomes_within_risk"

// Columns of the stratified table: per group (multi-agency or not) the
// closed cases with a documented outcome, the share of them distanced or
// exited, and the headline relapse rate (closed cases past the follow-up).
const (
	ColClosedMultiAgency   = "closed_multi_agency"
	ColPositiveMultiAgency = "distanced_exited_multi_agency"
	ColRateMultiAgency     = "relapse_rate_multi_agency"
	ColClosedOther         = "closed_not_multi_agency"
	ColPositiveOther       = "distanced_exited_not_multi_agency"
	ColRateOther           = "relapse_rate_not_multi_agency"
)

// NoteWithinRiskMonitoring is carried by the stratified table (the general NoteMonitoringNotEffect, survival.go, says less).
const NoteWithinRiskMonitoring = "monitoring, not an effect: within a risk level the groups still differ in ways the data does not record; " +
	"the share distanced or exited is among closed cases with a documented outcome"

// positiveOutcomes are the outcomes counted as distanced or exited.
var positiveOutcomes = []string{"distanced", "exited"}

func init() {
	addQuery(QRelapseOutcomesWithinRisk, "Outcomes and relapse of multi-agency and other cases within each risk level", relapseOutcomesWithinRisk)
}

// relapseOutcomesWithinRisk: per risk level, for multi-agency cases and
// the others (multi-agency not stated is left out), the protected number
// of closed cases with a documented outcome, the share distanced or
// exited of them, and the headline relapse rate with its interval. Shares
// and rates come from protected counts and need the minimum base
// (sdc.Params.MinDerivedBase); relapse counts are sensitive.
func relapseOutcomesWithinRisk(ctx context.Context, s *Store, f Filter) (*Table, error) {
	outRows, outDims, err := s.aggregateFor(ctx, yearClosed, baseClosed, f, DimRiskLevel, DimMultiAgency, DimOutcome)
	if err != nil {
		return nil, err
	}
	relRows, relDims, err := s.aggregateFor(ctx, yearClosed, baseRelapse, f, DimRiskLevel, DimMultiAgency, DimRelapse)
	if err != nil {
		return nil, err
	}
	type group struct{ documented, positive, base, relapsed exactCell }
	groups := map[[2]string]*group{}
	at := func(risk, ma string) *group {
		g := groups[[2]string{risk, ma}]
		if g == nil {
			g = &group{}
			groups[[2]string{risk, ma}] = g
		}
		return g
	}
	for _, r := range outRows {
		o := keyOf(r, outDims, DimOutcome)
		if o == NotStated || o == "unknown" {
			continue
		}
		g := at(keyOf(r, outDims, DimRiskLevel), keyOf(r, outDims, DimMultiAgency))
		g.documented = sumCells(g.documented, r.c)
		if slices.Contains(positiveOutcomes, o) {
			g.positive = sumCells(g.positive, r.c)
		}
	}
	for _, r := range relRows {
		g := at(keyOf(r, relDims, DimRiskLevel), keyOf(r, relDims, DimMultiAgency))
		g.base = sumCells(g.base, r.c)
		if slices.Contains(relapseHeadline, keyOf(r, relDims, DimRelapse)) {
			g.relapsed = sumCells(g.relapsed, r.c)
		}
	}
	cols := []string{ColClosedMultiAgency, ColPositiveMultiAgency, ColRateMultiAgency, ColClosedOther, ColPositiveOther, ColRateOther}
	t := s.newCaseTable(QRelapseOutcomesWithinRisk, DimRiskLevel.Name, "measure", slices.Clone(DimRiskLevel.codes), cols, KindRate)
	for i, risk := range DimRiskLevel.codes {
		var row []Value
		for _, ma := range []string{"yes", "no"} {
			g := at(risk, ma)
			documented := s.protected(g.documented)
			row = append(row, fromProtected(documented), s.shareValue(s.protected(g.positive), documented),
				s.rate(s.sensitive(g.relapsed), s.protected(g.base)))
		}
		t.cells[i] = row
	}
	t.rowTotals, t.colTotals = nil, nil
	t.colKinds = []Kind{KindCount, KindShare, KindRate, KindCount, KindShare, KindRate}
	t.notes = append([]string{NoteWithinRiskMonitoring}, s.relapseNotes()...)
	return t, nil
}
