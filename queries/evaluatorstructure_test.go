package queries

import (
	"context"
	"testing"

	"lagebild/datasets/importer"
	"lagebild/datasets/schema"
	"lagebild/queries/sdc"
)

// exactWhere counts the records of the store under a condition directly
// in SQL (count and the sum of record keys mod 2^32, as the cell key
// method defines a cell) and protects the count: an independent path to
// what the evaluator's tables must publish.
func exactWhere(t *testing.T, s *Store, cond string, args ...any) sdc.Protected {
	t.Helper()
	var n int64
	var ck uint64
	q := `SELECT count(*), CAST(coalesce(sum(rkey), 0) % 4294967296 AS UBIGINT) FROM case_records WHERE ` + cond
	if err := s.db.QueryRow(q, args...).Scan(&n, &ck); err != nil {
		t.Fatalf("%s: %v", cond, err)
	}
	v, held := s.sdc.ProtectU32(n, uint32(ck))
	return sdc.Protected{Value: v, Withheld: held}
}

// runTable runs a named query without filter.
func runTable(t *testing.T, s *Store, name string) *Table {
	t.Helper()
	tab, err := s.Run(context.Background(), name, Filter{})
	if err != nil {
		t.Fatal(err)
	}
	if !hasNote(tab, NoteMonitoringNotEffect) {
		t.Errorf("%s compares groups and must carry the monitoring note", name)
	}
	return tab
}

// sameCount checks a published count against a protected exact one.
func sameCount(t *testing.T, what string, got Value, want sdc.Protected) {
	t.Helper()
	if got != fromProtected(want) {
		t.Errorf("%s = %v, want %v", what, got, fromProtected(want))
	}
}

// sameShare checks a published share against the share of two protected
// exact counts (withheld below the minimum base).
func sameShare(t *testing.T, s *Store, what string, got Value, num, den sdc.Protected) {
	t.Helper()
	if want := s.shareValue(num, den); got != want {
		t.Errorf("%s = %v, want %v (%v of %v)", what, got, want, num, den)
	}
}

const closedSQL = "status IN ('closed_regular', 'closed_aborted') AND closed IS NOT NULL"

// TestEvaluatorStructureOnSample: every cell of the schema-2 tables
// equals the protected count (or the share of protected counts) of the
// records that exact SQL selects on the embedded sample, which has the
// schema-2 columns.
func TestEvaluatorStructureOnSample(t *testing.T) {
	s := openSample(t, nil)

	reasons := runTable(t, s, QClosureReasonsByProvider)
	for i, p := range reasons.Rows() {
		for j, r := range reasons.Cols() {
			cond := "provider = ? AND " + closedSQL + " AND closure_reason = ?"
			args := []any{p, r}
			if r == NotStated {
				cond, args = "provider = ? AND "+closedSQL+" AND closure_reason IS NULL", []any{p}
			}
			sameCount(t, "closures "+p+" "+r, reasons.Cell(i, j), exactWhere(t, s, cond, args...))
		}
	}

	agencies := runTable(t, s, QAgenciesByRisk)
	for j, risk := range agencies.Cols() {
		where := "multi_agency AND agencies IS NOT NULL"
		var args []any
		if risk != All {
			where += " AND risk_level = ?"
			args = append(args, risk)
		}
		den := exactWhere(t, s, where, args...)
		for i, a := range agencies.Rows() {
			num := exactWhere(t, s, where+" AND list_contains(agencies, ?)", append(args, a)...)
			sameShare(t, s, "agency "+a+" "+risk, agencies.Cell(i, j), num, den)
		}
	}

	multi := runTable(t, s, QMultiAgencyByRisk)
	bands := map[string]string{"conf:0": "case_conferences = 0", "conf:1_2": "case_conferences BETWEEN 1 AND 2",
		"conf:3_5": "case_conferences BETWEEN 3 AND 5", "conf:6_plus": "case_conferences >= 6"}
	for i, risk := range multi.Rows() {
		where, args := "multi_agency", []any{}
		if risk != All {
			where, args = "multi_agency AND risk_level = ?", []any{risk}
		}
		sameCount(t, "multi-agency cases "+risk, multi.Cell(i, 0), exactWhere(t, s, where, args...))
		conf := exactWhere(t, s, where+" AND case_conferences IS NOT NULL", args...)
		for j, c := range multi.Cols() {
			switch {
			case bands[c] != "":
				sameShare(t, s, c+" "+risk, multi.Cell(i, j), exactWhere(t, s, where+" AND "+bands[c], args...), conf)
			case c == ColConsent:
				sameShare(t, s, "consent "+risk, multi.Cell(i, j), exactWhere(t, s, where+" AND consent_documented", args...),
					exactWhere(t, s, where+" AND consent_documented IS NOT NULL", args...))
			}
		}
	}

	change := runTable(t, s, QOutcomeChange)
	pairs := map[string][2]string{ChangeRisk: {"enum_code(risk_level)", "enum_code(risk_level_closed)"},
		ChangeMotive: {"CAST(NOT intrinsic_motivation AS INTEGER)", "CAST(NOT motivation_closed AS INTEGER)"}}
	for _, d := range schema.Dimensions {
		pairs[d] = [2]string{schema.DimensionIntake(d), schema.DimensionClosed(d)}
	}
	for i, item := range change.Rows() {
		in, out := pairs[item][0], pairs[item][1]
		rated := closedSQL + " AND " + in + " IS NOT NULL AND " + out + " IS NOT NULL"
		base := exactWhere(t, s, rated)
		sameCount(t, "rated "+item, change.Cell(i, 0), base)
		for j, cmp := range map[int]string{1: "<", 2: "=", 3: ">"} {
			sameShare(t, s, item+" "+change.Cols()[j], change.Cell(i, j), exactWhere(t, s, rated+" AND "+out+cmp+in), base)
		}
	}

	goals := runTable(t, s, QGoalAttainment)
	for i, ct := range goals.Rows() {
		where, args := closedSQL+" AND goals_set > 0 AND goals_reached IS NOT NULL", []any{}
		switch ct {
		case All:
		case NotStated:
			where += " AND case_type IS NULL"
		default:
			where, args = where+" AND case_type = ?", []any{ct}
		}
		base := exactWhere(t, s, where, args...)
		sameCount(t, "with goals "+ct, goals.Cell(i, 0), base)
		for j, cond := range map[int]string{1: "goals_reached = 0", 2: "goals_reached BETWEEN 1 AND goals_set - 1", 3: "goals_reached >= goals_set"} {
			sameShare(t, s, ct+" "+goals.Cols()[j], goals.Cell(i, j), exactWhere(t, s, where+" AND "+cond, args...), base)
		}
	}
}

// TestPlausibilityByProviderOnSample: each rule's cell is the protected
// count of the records exact SQL finds breaking it, per provider and for
// all; the rules are written here again from their definitions
// (datasets/importer/plausibility.go), independently of
// plausibility_rules.sql.
func TestPlausibilityByProviderOnSample(t *testing.T) {
	s := openSample(t, nil)
	tab := runTable(t, s, QPlausibilityByProvider)
	months := "date_diff('month', intake, closed)"
	rules := map[string]string{
		ColRecords: "TRUE",
		string(importer.CodeUnder14Justice): "age_band = 'under_14' AND (coalesce(custody, false) OR access_route IN ('justice', 'probation') " +
			"OR list_contains(agencies, 'justice_prison') OR list_contains(agencies, 'probation'))",
		string(importer.CodeClosedRegularNoContacts):    "status = 'closed_regular' AND contacts = 0",
		string(importer.CodeContactsPerMonth):           "closed IS NOT NULL AND " + months + " >= 0 AND contacts > 30 * (" + months + " + 1)",
		string(importer.CodeLongDuration):               "closed IS NOT NULL AND " + months + " > 60",
		string(importer.CodeReturneeOutsidePhenomenon):  "returnee AND phenomenon NOT IN ('islamist', 'foreign_ideology')",
		string(importer.CodeHighRiskWithoutMultiAgency): "risk_level = 'high_risk' AND multi_agency = false",
	}
	if len(tab.Cols()) != len(rules) {
		t.Fatalf("columns %v", tab.Cols())
	}
	var shownPositive int
	for i, p := range tab.Rows() {
		for j, c := range tab.Cols() {
			where, args := rules[c], []any{}
			if p != All {
				where, args = "provider = ? AND ("+where+")", []any{p}
			}
			want := exactWhere(t, s, where, args...)
			sameCount(t, p+" "+c, tab.Cell(i, j), want)
			if !want.Withheld && want.Value > 0 && c != ColRecords {
				shownPositive++
			}
		}
	}
	if shownPositive == 0 {
		t.Error("the sample breaks no rule visibly: the test compares zeros only")
	}
}
