package queries

import "testing"

// TestBoundedFilterSpace: Validate admits one code, a fixed group or all
// per field and a single year, a fixed period or all years, nothing else.
func TestBoundedFilterSpace(t *testing.T) {
	for _, tc := range []struct {
		f  Filter
		ok bool
	}{
		{Filter{}, true},
		{Filter{FromYear: 2021, ToYear: 2021}, true},
		{Filter{FromYear: 2020, ToYear: 2022}, true},
		{Filter{FromYear: 2011, ToYear: 2013}, true},
		{Filter{FromYear: 2019, ToYear: 2021}, false},
		{Filter{FromYear: 2014, ToYear: 2024}, false},
		{Filter{FromYear: 2020}, false},
		{Filter{ToYear: 2022}, false},
		{Filter{States: []string{"DE-BE"}}, true},
		{Filter{States: []string{"DE-BE", "DE-BY"}}, false},
		{Filter{Phenomena: []string{"islamist", "left_wing"}}, false},
		{Filter{AgeBands: []string{"14_17", "under_14"}}, true},
		{Filter{AgeBands: AgeGroups["adults"]}, true},
		{Filter{AgeBands: []string{"under_14", "18_20"}}, false},
		{Filter{AgeBands: []string{"under_14", "under_14"}}, false}, // not a group, and not one code
	} {
		if err := tc.f.Validate(); (err == nil) != tc.ok {
			t.Errorf("%s: %v, want ok=%v", tc.f.Key(), err, tc.ok)
		}
	}
	if g, ok := AgeGroupOf([]string{"under_14", "under_14"}); ok {
		t.Errorf("one band twice is the group %s", g)
	}
	if from, to := PeriodOf(2013); from != 2011 || to != 2013 {
		t.Errorf("PeriodOf(2013) = %d-%d", from, to)
	}
	if p := Periods(2014, 2025); len(p) != 4 || p[3] != [2]int{2023, 2025} {
		t.Errorf("Periods(2014, 2025) = %v", p)
	}
}
