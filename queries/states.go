package queries

import "context"

// The 16 states compared (issue #13; docs/privacy.md, derived figures):
// per state the protected intakes and two shares made from protected
// counts, so that a view's tile map and table and the briefing's state
// table publish the same cells. The intakes per state and year (the
// sparklines) are the catalogue's QIntakesByYearState, whose column
// totals are the same records, hence the same protected numbers, as this
// table's intakes.

// QStatesCompared names the table of the states compared.
const QStatesCompared = "states_compared"

// Columns of the states compared.
const (
	// ColShareDangerContext is the share of intakes in a danger context,
	// high risk included (the paper counts high-risk cases among the
	// cases in a danger context).
	ColShareDangerContext = "share_danger_context"
	// ColShareMultiAgency is the share of multi-agency cases among the
	// intakes where multi-agency work is documented (yes or no).
	ColShareMultiAgency = "share_multi_agency"
)

// dangerContextRisks are the risk levels of a case in a danger context.
var dangerContextRisks = []string{"danger_context", "high_risk"}

func init() {
	addQuery(QStatesCompared, "The federal states compared: intakes, danger-context share, multi-agency share", statesCompared)
}

// statesCompared returns per state (in the code list's order, every state
// a row) the protected intakes, the share in a danger context (a
// protected count of the danger-context and high-risk intakes of its own,
// over the protected intakes) and the multi-agency share (protected
// multi-agency intakes over the protected intakes with a documented
// value). A share is withheld when either count is withheld or the base is
// below sdc.Params.MinDerivedBase, and missing when a state has no
// intakes under the filter.
func statesCompared(ctx context.Context, s *Store, f Filter) (*Table, error) {
	byRisk, err := s.crossExact(ctx, crossSpec{row: DimState, col: DimRiskLevel, year: yearIntake, base: baseAll}, f)
	if err != nil {
		return nil, err
	}
	byMulti, err := s.crossExact(ctx, crossSpec{row: DimState, col: DimMultiAgency, year: yearIntake, base: baseAll}, f)
	if err != nil {
		return nil, err
	}
	t := s.newCaseTable(QStatesCompared, DimState.Name, "measure", byRisk.rows,
		[]string{ColIntakes, ColShareDangerContext, ColShareMultiAgency}, KindShare)
	t.rowTotals, t.colTotals = nil, nil
	t.colKinds = []Kind{KindCount, KindShare, KindShare}
	t.notes = []string{NoteSharesProtected}
	for i, st := range byRisk.rows {
		intakes := s.protected(byRisk.rowTotals[st])
		var danger exactCell
		for _, r := range dangerContextRisks {
			danger = sumCells(danger, byRisk.cells[[2]string{st, r}])
		}
		yes := byMulti.cells[[2]string{st, "yes"}]
		documented := sumCells(yes, byMulti.cells[[2]string{st, "no"}])
		t.cells[i] = []Value{
			fromProtected(intakes),
			s.derivedShare(s.protected(danger), intakes),
			s.derivedShare(s.protected(yes), s.protected(documented)),
		}
	}
	return t, nil
}
