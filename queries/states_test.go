package queries

import (
	"context"
	"slices"
	"testing"

	"lagebild/datasets/schema"
	"lagebild/queries/sdc"
)

// exactProtected counts the records of one state under a condition
// directly in SQL (count and the sum of record keys mod 2^32, as the cell
// key method defines a cell) and protects the count with the store's
// table: an independent path to what statesCompared must publish.
func exactProtected(t *testing.T, s *Store, state, cond string, args ...any) sdc.Protected {
	t.Helper()
	var n int64
	var ck uint64
	q := `SELECT count(*), CAST(coalesce(sum(rkey), 0) % 4294967296 AS UBIGINT) FROM case_records
		WHERE CAST(state AS VARCHAR) = ? AND ` + cond
	if err := s.db.QueryRow(q, append([]any{state}, args...)...).Scan(&n, &ck); err != nil {
		t.Fatal(err)
	}
	v, held := s.sdc.ProtectU32(n, uint32(ck))
	return sdc.Protected{Value: v, Withheld: held}
}

// TestStatesCompared: every state is a row; its intakes are the
// protected count of its records (and the column total of the intakes by
// year and state), the danger-context share the protected count of its
// danger-context and high-risk records over its intakes, the multi-agency
// share the protected multi-agency count over the protected count with a
// documented value, withheld below the minimum base. A filter on one
// state leaves the others at 0 intakes without shares.
func TestStatesCompared(t *testing.T) {
	cases := randomCases(31, 1500)
	// one small state: seven cases, too few for any share of it
	for i := range cases {
		if cases[i].State == "DE-HB" {
			cases[i].State = "DE-NW"
		}
	}
	for i := range 7 {
		c := mkCase("HB-"+string(rune('a'+i)), "DE-HB", "islamist", 2020, "21_24")
		c.RiskLevel = "high_risk"
		cases = append(cases, c)
	}
	s := openCases(t, cases, nil)
	ctx := context.Background()
	tab, err := s.Run(ctx, QStatesCompared, Filter{})
	if err != nil {
		t.Fatal(err)
	}
	if !slices.Equal(tab.Rows(), schema.States) || !slices.Equal(tab.Cols(), []string{ColIntakes, ColShareDangerContext, ColShareMultiAgency}) {
		t.Fatalf("rows %v cols %v", tab.Rows(), tab.Cols())
	}
	byYear, err := s.Run(ctx, QIntakesByYearState, Filter{})
	if err != nil {
		t.Fatal(err)
	}
	minBase := s.params.MinDerivedBase()
	asValue := func(p sdc.Protected) Value { return fromProtected(p) }
	withheldSeen := false
	for i, st := range tab.Rows() {
		intakes := exactProtected(t, s, st, "TRUE")
		if tab.Cell(i, 0) != asValue(intakes) {
			t.Errorf("%s: intakes %+v, want %+v", st, tab.Cell(i, 0), intakes)
		}
		j := slices.Index(byYear.Cols(), st)
		if total, ok := byYear.ColTotal(max(j, 0)); j < 0 || !ok || tab.Cell(i, 0) != total {
			t.Errorf("%s: intakes %+v are not the column total of %s", st, tab.Cell(i, 0), QIntakesByYearState)
		}
		danger := exactProtected(t, s, st, "CAST(risk_level AS VARCHAR) IN ('danger_context', 'high_risk')")
		wantShare(t, st+" danger context", tab.Cell(i, 1), asValue(danger), asValue(intakes), minBase)
		multi := exactProtected(t, s, st, "multi_agency")
		documented := exactProtected(t, s, st, "multi_agency IS NOT NULL")
		wantShare(t, st+" multi-agency", tab.Cell(i, 2), asValue(multi), asValue(documented), minBase)
		withheldSeen = withheldSeen || tab.Cell(i, 1).Withheld()
	}
	if hb := slices.Index(tab.Rows(), "DE-HB"); !tab.Cell(hb, 1).Withheld() || !withheldSeen {
		t.Errorf("the state of seven cases has a danger-context share: %+v", tab.Cell(hb, 1))
	}

	one, err := s.Run(ctx, QStatesCompared, Filter{States: []string{"DE-BY"}})
	if err != nil {
		t.Fatal(err)
	}
	for i, st := range one.Rows() {
		if st == "DE-BY" {
			if one.Cell(i, 0) != tab.Cell(i, 0) || one.Cell(i, 1) != tab.Cell(i, 1) {
				t.Errorf("DE-BY filtered %+v %+v, unfiltered %+v %+v", one.Cell(i, 0), one.Cell(i, 1), tab.Cell(i, 0), tab.Cell(i, 1))
			}
			continue
		}
		if n, ok := one.Cell(i, 0).Int(); !ok || n != 0 || !one.Cell(i, 1).Missing() {
			t.Errorf("%s under a filter on DE-BY: %+v %+v", st, one.Cell(i, 0), one.Cell(i, 1))
		}
	}
}
