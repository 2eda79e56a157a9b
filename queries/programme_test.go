package queries

import (
	"context"
	"fmt"
	"slices"
	"testing"

	"lagebild/datasets/sample"
)

// openSample opens the embedded sample with the given follow-up (nil:
// the default).
func openSample(t *testing.T, followUp *int) *Store {
	t.Helper()
	s, err := Open(context.Background(), OpenOptions{Fill: sample.Fill(nil), FollowUpMonths: followUp, Threads: 1})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { s.Close() })
	return s
}

// consoleInts runs a statement through the analyst's SQL console (exact
// SQL over the view cases) and returns its one row as integers.
func consoleInts(t *testing.T, s *Store, query string) []int64 {
	t.Helper()
	res, err := s.Console(context.Background(), query, ConsoleLimits{})
	if err != nil {
		t.Fatalf("%s: %v", query, err)
	}
	if len(res.Rows) != 1 {
		t.Fatalf("%s: %d rows", query, len(res.Rows))
	}
	var out []int64
	for _, v := range res.Rows[0] {
		n, ok := v.(int64)
		if !ok {
			t.Fatalf("%s: %v (%T) is not an integer", query, v, v)
		}
		out = append(out, n)
	}
	return out
}

// withinSensitive checks a published relapse count against the exact one:
// shown only from k, then within ±D; withheld only when the exact count
// is below k+D (true zeros included).
func withinSensitive(t *testing.T, what string, v Value, exact int64, s *Store) {
	t.Helper()
	k, d := int64(s.params.K), int64(s.params.D)
	if v.Withheld() {
		if exact >= k+d {
			t.Errorf("%s: withheld although the exact count is %d", what, exact)
		}
		return
	}
	n, ok := v.Int()
	if !ok || n < k || n < exact-d || n > exact+d {
		t.Errorf("%s: published %v, exact %d (k = %d, D = %d)", what, v, exact, k, d)
	}
}

// TestProgrammeFiguresOfT07: the programme provider's figures for
// 2014–2024 through the analyst path (exact SQL as the console runs it)
// are the policy paper's 408/69/61/2/0, and the protected programme table
// of the Islamist cases (no year selection: the years before the
// reference year, 2014–2024 on the sample) shows them within the
// protection's bound. The two relapses count although the follow-up rule
// of the relapse rates would not matter here: the programme counts
// documented relapses whatever the time since closure.
func TestProgrammeFiguresOfT07(t *testing.T) {
	s := openSample(t, nil)
	exact := consoleInts(t, s, `SELECT count(*),
		count(*) FILTER (risk_level = 'high_risk'),
		count(*) FILTER (returnee),
		count(*) FILTER (relapse IN ('extremist_offence', 'violent_offence')),
		count(*) FILTER (returnee AND relapse IN ('extremist_offence', 'violent_offence'))
		FROM cases WHERE provider = 'T07' AND phenomenon = 'islamist'
		AND risk_level IN ('danger_context', 'high_risk') AND year(intake) BETWEEN 2014 AND 2024`)
	if want := []int64{408, 69, 61, 2, 0}; !slices.Equal(exact, want) {
		t.Fatalf("T07 2014–2024 through the console: %v, want %v", exact, want)
	}
	ref := consoleInts(t, s, `SELECT year(greatest(max(intake), max(closed))) FROM cases`)[0]
	tab, err := s.Run(context.Background(), QProgrammeByProvider, Filter{Phenomena: []string{"islamist"}})
	if err != nil {
		t.Fatal(err)
	}
	first := consoleInts(t, s, `SELECT min(year(intake)) FROM cases`)[0]
	period := fmt.Sprintf("%d–%d", first, ref-1)
	if ref-1 != 2024 || first != 2014 {
		t.Fatalf("the sample's period is %s; the paper's is 2014–2024", period)
	}
	row := slices.Index(tab.Rows(), "T07")
	if row < 0 || tab.Rows()[len(tab.Rows())-1] != period {
		t.Fatalf("rows %v: want T07 and the period %s last", tab.Rows(), period)
	}
	var got []string
	for j, col := range tab.Cols() {
		v := tab.Cell(row, j)
		got = append(got, fmt.Sprint(v))
		if col == ColRelapses || col == ColReturneesRelapsed {
			withinSensitive(t, "T07 "+col, v, exact[j], s)
			continue
		}
		within(t, "T07 "+col, v, exact[j], s.K())
	}
	t.Logf("T07 %s as published: %v (exact %v)", period, got, exact)
	if !slices.Contains(tab.Notes(), NoteProgrammeDefinition) || !slices.Contains(tab.Notes(), NoteProgrammePeriod) {
		t.Errorf("notes %v: want the definition and the period", tab.Notes())
	}
}

// TestProgrammeByYearAgainstConsole: every cell of the yearly programme
// table, for all providers, a year selection and a filter, against exact
// SQL through the console; the period row is a cell of its own.
func TestProgrammeByYearAgainstConsole(t *testing.T) {
	s := openSample(t, nil)
	ctx := context.Background()
	for _, tc := range []struct {
		f     Filter
		where string
	}{
		{Filter{}, "year(intake) < (SELECT year(greatest(max(intake), max(closed))) FROM cases)"},
		{Filter{FromYear: 2023, ToYear: 2025}, "year(intake) BETWEEN 2023 AND 2025"},
		{Filter{States: []string{"DE-HE"}, FromYear: 2020, ToYear: 2022}, "state = 'DE-HE' AND year(intake) BETWEEN 2020 AND 2022"},
	} {
		tab, err := s.Run(ctx, QProgrammeByYear, tc.f)
		if err != nil {
			t.Fatal(err)
		}
		measures := func(cond string) []int64 {
			return consoleInts(t, s, `SELECT count(*),
				count(*) FILTER (risk_level = 'high_risk'),
				count(*) FILTER (returnee),
				count(*) FILTER (relapse IN ('extremist_offence', 'violent_offence')),
				count(*) FILTER (returnee AND relapse IN ('extremist_offence', 'violent_offence'))
				FROM cases WHERE risk_level IN ('danger_context', 'high_risk') AND `+tc.where+` AND `+cond)
		}
		rows := tab.Rows()
		for i, r := range rows {
			cond := "year(intake) = " + r
			if i == len(rows)-1 {
				cond = "TRUE" // the period
			}
			exact := measures(cond)
			for j, col := range tab.Cols() {
				what := fmt.Sprintf("%v %s %s", tc.f, r, col)
				if col == ColRelapses || col == ColReturneesRelapsed {
					withinSensitive(t, what, tab.Cell(i, j), exact[j], s)
				} else {
					within(t, what, tab.Cell(i, j), exact[j], s.K())
				}
			}
		}
	}
}
