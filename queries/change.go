package queries

import (
	"context"

	"lagebild/datasets/schema"
)

// Change between intake and closure (case-export schema 2): per outcome
// dimension, the risk level and motivation, the share of closed cases
// with both ratings whose rating improved, stayed or worsened; and goal
// attainment by case type (direct counselling, counselling of
// relatives). They describe the cases, not an effect of counselling
// (NoteMonitoringNotEffect): a case that improved might have improved
// without it. Counts are protected cells, shares are made from protected
// counts and withheld below MinDerivedBase (docs/privacy.md, "Evaluator
// tables").

// Names of the change tables.
const (
	QOutcomeChange  = "outcome_change"
	QGoalAttainment = "goal_attainment"
)

// Columns of the change and goal tables.
const (
	ColRated      = "rated"
	ColImproved   = "improved"
	ColSame       = "same"
	ColWorse      = "worse"
	ColWithGoals  = "with_goals"
	ColGoalsNone  = "goals_none"
	ColGoalsSome  = "goals_some"
	ColGoalsAll   = "goals_all"
	ChangeRisk    = "risk_level"
	ChangeMotive  = "motivation"
	changeDimName = "item"
)

// NoteChangeBase says what the change shares are shares of.
const NoteChangeBase = "closed cases with a rating at intake and at closure; a lower concern or risk, or motivation gained, counts as improved"

// NoteGoalsBase says what the goal shares are shares of.
const NoteGoalsBase = "closed cases with goals set and the number reached stated"

func init() {
	addQuery(QOutcomeChange, "Change between intake and closure: outcome dimensions, risk level, motivation (shares)", outcomeChange)
	addQuery(QGoalAttainment, "Goal attainment of closed cases by case type (shares)", goalAttainment)
}

// ChangeItems are the rows of the change table: the outcome dimensions,
// the risk level and motivation.
func ChangeItems() []string {
	return append(append([]string{}, schema.Dimensions...), ChangeRisk, ChangeMotive)
}

// outcomeChange: per item the protected number of closed cases with both
// ratings and the shares improved, same and worse.
func outcomeChange(ctx context.Context, s *Store, f Filter) (*Table, error) {
	ic, err := s.itemCellsOf(ctx, "outcome_change", f, yearClosed, baseClosed, nil)
	if err != nil {
		return nil, err
	}
	return s.splitShares(QOutcomeChange, changeDimName, ChangeItems(), ic,
		[]string{ColRated, ColImproved, ColSame, ColWorse}, []string{"improved", "same", "worse"},
		NoteChangeBase), nil
}

// changeDirections splits a code of outcome_change.sql into the items
// rated at intake and closure and their directions: the direction on item
// i of ChangeItems is the code's i-th base-4 digit (0 improved, 1 same, 2
// worse, 3 not rated).
func changeDirections(code int64, add func(item, direction string)) {
	for i, item := range ChangeItems() {
		if d := (code >> (2 * i)) & 3; d < 3 {
			add(item, changeDirectionNames[d])
		}
	}
}

// changeDirectionNames are the directions by their digit.
var changeDirectionNames = [3]string{"improved", "same", "worse"}

// goalAttainment: per case type (and all) the protected number of closed
// cases with goals and the shares that reached none, some or all.
func goalAttainment(ctx context.Context, s *Store, f Filter) (*Table, error) {
	ic, err := s.itemCellsOf(ctx, "goal_attainment", f, yearClosed, baseClosed, nil)
	if err != nil {
		return nil, err
	}
	rows := append(append([]string{}, schema.CaseTypes...), All)
	if _, ok := ic[NotStated]; ok {
		rows = append(append([]string{}, schema.CaseTypes...), NotStated, All)
	}
	return s.splitShares(QGoalAttainment, "case_type", rows, ic,
		[]string{ColWithGoals, ColGoalsNone, ColGoalsSome, ColGoalsAll}, []string{"none", "some", "all"},
		NoteGoalsBase), nil
}

// countThenShares are the column kinds of a table whose first column is
// a group's count and the others shares of it.
func countThenShares(n int) []Kind {
	kinds := make([]Kind, n)
	for j := range kinds {
		kinds[j] = KindShare
	}
	kinds[0] = KindCount
	return kinds
}

// splitShares makes a table whose rows are groups of ic: the first column
// the protected number of the group's cases (the sum of its parts'
// exact counts, a cell of its own), then the share of each part of it.
// The group All is taken from ic as it is (for tables whose rows are
// items, not a partition, it is a row only when rows names it).
func (s *Store) splitShares(name, rowDim string, rows []string, ic itemCells, cols, parts []string, note string) *Table {
	t := s.newCaseTable(name, rowDim, "measure", rows, cols, KindShare)
	t.rowTotals, t.colTotals = nil, nil
	t.colKinds = countThenShares(len(cols))
	for i, r := range rows {
		var base exactCell
		for _, p := range parts {
			base = sumCells(base, ic[r][p])
		}
		pb := s.protected(base)
		t.cells[i][0] = fromProtected(pb)
		for j, p := range parts {
			t.cells[i][1+j] = s.shareValue(s.protected(ic[r][p]), pb)
		}
	}
	t.notes = append(t.notes, note, NoteSharesProtected, NoteMonitoringNotEffect)
	return t
}
