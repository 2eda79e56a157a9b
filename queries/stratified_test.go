package queries

import (
	"context"
	"slices"
	"testing"
)

// TestRelapseOutcomesWithinRisk: per risk level and multi-agency group the
// published closed cases within the bound of exact SQL through the
// console, the share distanced or exited and the relapse rate computed
// from published counts only (withheld below the minimum base), and the
// note that this is monitoring, not an effect.
func TestRelapseOutcomesWithinRisk(t *testing.T) {
	s := openSample(t, nil)
	tab, err := s.Run(context.Background(), QRelapseOutcomesWithinRisk, Filter{})
	if err != nil {
		t.Fatal(err)
	}
	if !slices.Equal(tab.Rows(), []string{"standard", "danger_context", "high_risk"}) {
		t.Fatalf("rows %v", tab.Rows())
	}
	if !slices.Contains(tab.Notes(), NoteWithinRiskMonitoring) || !slices.Contains(tab.Notes(), s.FollowUp().Note()) {
		t.Errorf("notes %v", tab.Notes())
	}
	cutoff := s.FollowUp().Cutoff().Format("2006-01-02")
	minBase := s.params.MinDerivedBase()
	for i, risk := range tab.Rows() {
		for g, ma := range []string{"multi_agency", "NOT multi_agency"} {
			where := ` FROM cases WHERE status IN ('closed_regular', 'closed_aborted') AND closed IS NOT NULL
				AND risk_level = '` + risk + `' AND ` + ma
			exact := consoleInts(t, s, `SELECT
				count(*) FILTER (outcome IS NOT NULL AND outcome <> 'unknown'),
				count(*) FILTER (outcome IN ('distanced', 'exited')),
				count(*) FILTER (relapse IS NOT NULL AND relapse <> 'unknown' AND closed <= DATE '`+cutoff+`'),
				count(*) FILTER (relapse IN ('extremist_offence', 'violent_offence') AND closed <= DATE '`+cutoff+`')`+where)
			closed, share, rate := tab.Cell(i, 3*g), tab.Cell(i, 3*g+1), tab.Cell(i, 3*g+2)
			within(t, risk+" "+ma+" closed", closed, exact[0], s.K())
			if n, ok := closed.Int(); ok && n >= minBase && exact[0] > 0 {
				v, _ := share.Float()
				// the numerator is published within ±D of the exact one
				d := float64(s.params.D)
				if v < (float64(exact[1])-d)/float64(n)-1e-12 || v > (float64(exact[1])+d)/float64(n)+1e-12 {
					t.Errorf("%s %s: share %v, exact %d of published %d", risk, ma, v, exact[1], n)
				}
			} else if share.Shown() {
				t.Errorf("%s %s: share shown with base %v", risk, ma, closed)
			}
			if rate.Shown() && (exact[3] < int64(s.K())-int64(s.params.D) || exact[2] < minBase-int64(s.params.D)) {
				t.Errorf("%s %s: rate %v shown from %d of %d", risk, ma, rate, exact[3], exact[2])
			}
		}
	}
}
