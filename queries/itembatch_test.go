package queries

import (
	"context"
	"strings"
	"testing"
)

// TestItemBatchOneStatement: on a store with a cube the evaluator's item
// queries read their cubes in one statement under any filter (their
// tables equal the case table's: TestCubeEqualsCaseTable).
func TestItemBatchOneStatement(t *testing.T) {
	ctx := context.Background()
	s := openWithCube(t, cubeCases(4000)) // the third filter selects 103 cases, twice the minimum population
	for _, f := range []Filter{{}, {States: []string{"DE-BY"}}, {Phenomena: []string{"islamist"}, Risks: []string{"high_risk"}, Custody: new(true)}} {
		s.ResetCache()
		tr := &Trace{}
		for _, name := range []string{QMultiAgencyByRisk, QAgenciesByRisk, QOutcomeChange, QGoalAttainment, QPlausibilityByProvider} {
			if _, err := s.Run(WithTrace(ctx, tr), name, f); err != nil {
				t.Fatal(err)
			}
		}
		reads := 0
		for _, st := range tr.Statements() {
			if strings.Contains(st.String(), "qcube_multi_agency") {
				reads++
				for _, i := range itemQueryCubes {
					if !strings.Contains(st.String(), "qcube_"+queryCubes[i].name) {
						t.Errorf("%s: the batch read lacks %s", f.Key(), queryCubes[i].name)
					}
				}
			}
		}
		if reads != 1 {
			t.Errorf("%s: %d statements read the item cubes, want 1", f.Key(), reads)
		}
	}
	if len(itemQueryCubes) != 4 {
		t.Errorf("%d item query cubes, want the four of the evaluator", len(itemQueryCubes))
	}
}
