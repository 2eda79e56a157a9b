package views

import (
	"strings"
	"testing"

	"lagebild/datasets/figures"
)

// TestAgeIndicatorsHaveFigures: every indicator the age view lists is in the
// catalogue and has embedded figures, so a renamed or split indicator cannot
// silently drop out of the view; and every embedded age indicator is listed.
func TestAgeIndicatorsHaveFigures(t *testing.T) {
	have := map[string]bool{}
	for _, f := range figures.Embedded() {
		have[f.Indicator] = true
	}
	listed := map[string]bool{}
	for _, ind := range ageIndicators {
		listed[ind] = true
		if figures.IndicatorUnit(ind) == "" {
			t.Errorf("age indicator %s is not in the figures catalogue", ind)
		}
		if !have[ind] {
			t.Errorf("age indicator %s has no embedded figures", ind)
		}
	}
	for ind := range have {
		if isAgeIndicator(ind) && !listed[ind] {
			t.Errorf("embedded age indicator %s is not on the age view", ind)
		}
	}
}

// isAgeIndicator: the catalogue names age figures *_age_count_* or *_age_share*.
func isAgeIndicator(code string) bool {
	return strings.Contains(code, "_age_count_") || strings.Contains(code, "_age_share")
}
