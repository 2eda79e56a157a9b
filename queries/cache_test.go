package queries

import (
	"context"
	"reflect"
	"sync"
	"testing"
)

// TestResultCache: a repeated call runs no statement and publishes the
// same table; selections that differ only in a field the view's aggregate
// splits by share one statement; concurrent identical calls run it once.
func TestResultCache(t *testing.T) {
	s := openCases(t, randomCases(7, 3000), nil)
	ctx := context.Background()
	run := func(name string, f Filter) (*Table, []Statement) {
		t.Helper()
		tr := &Trace{}
		tab, err := s.Run(WithTrace(ctx, tr), name, f)
		if err != nil {
			t.Fatal(err)
		}
		return tab, tr.Statements()
	}
	first, st1 := run(QIntakesByYearPhenomenon, Filter{})
	if len(st1) != 1 {
		t.Fatalf("first call ran %d statements, want 1", len(st1))
	}
	again, st2 := run(QIntakesByYearPhenomenon, Filter{})
	if len(st2) != 0 {
		t.Errorf("repeated call ran %d statements, want 0 (cached)", len(st2))
	}
	if !reflect.DeepEqual(first, again) {
		t.Error("the cached table differs from the first")
	}
	// A phenomenon filter is applied to the rows of the aggregate by year,
	// phenomenon and access route, which the filtered population (the
	// minimum population of population.go) is summed from as well: no new
	// statement.
	if _, st := run(QIntakesByYearPhenomenon, Filter{Phenomena: []string{"islamist"}}); len(st) != 0 {
		t.Errorf("phenomenon filter on the phenomenon table ran %d statements, want 0", len(st))
	}
	// A state filter is not a dimension of that table: the population and
	// the table.
	if _, st := run(QIntakesByYearPhenomenon, Filter{States: []string{"DE-BE"}}); len(st) != 2 {
		t.Errorf("state filter ran %d statements, want 2", len(st))
	}
	// A risk filter is applied to the rows of the overview's aggregate,
	// which the population is summed from: no statement for the population.
	run(QIntakesByYearRisk, Filter{})
	if _, st := run(QIntakesByYearRisk, Filter{Risks: []string{"high_risk"}}); len(st) != 0 {
		t.Errorf("risk filter ran %d statements, want 0", len(st))
	}

	// Concurrent identical calls on a fresh store: one statement.
	s2 := openCases(t, randomCases(7, 3000), nil)
	tr := &Trace{}
	var wg sync.WaitGroup
	tabs := make([]*Table, 8)
	for i := range tabs {
		wg.Add(1)
		go func() {
			defer wg.Done()
			tab, err := s2.Run(WithTrace(ctx, tr), QClosuresByYearOutcome, Filter{FromYear: 2018, ToYear: 2018})
			if err != nil {
				t.Error(err)
			}
			tabs[i] = tab
		}()
	}
	wg.Wait()
	if n := len(tr.Statements()); n != 2 {
		t.Errorf("8 concurrent identical calls ran %d statements, want 2 (population and table)", n)
	}
	for _, tab := range tabs[1:] {
		if !reflect.DeepEqual(tab, tabs[0]) {
			t.Error("concurrent calls published different tables")
		}
	}
}

// TestCacheOffSameNumbers: a store without the cache publishes the same
// tables as one with it, for every catalogue query and several filters
// (the cache holds exact counts; protection is applied on every call).
func TestCacheOffSameNumbers(t *testing.T) {
	cases := randomCases(11, 4000)
	on := openCases(t, cases, nil)
	off := openCasesWith(t, cases, OpenOptions{ResultCacheEntries: -1})
	ctx := context.Background()
	filters := []Filter{{}, {Phenomena: []string{"islamist"}}, {FromYear: 2020, ToYear: 2022},
		{States: []string{"DE-BY"}, Risks: []string{"standard"}}, {Custody: ptr(true)}}
	for _, q := range Catalogue() {
		for _, f := range filters {
			for range 2 { // the second call on "on" comes from the cache
				a, err := on.Run(ctx, q.Name, f)
				if err != nil {
					t.Fatal(err)
				}
				b, err := off.Run(ctx, q.Name, f)
				if err != nil {
					t.Fatal(err)
				}
				if !reflect.DeepEqual(a, b) {
					t.Errorf("%s %s: cached store and uncached store differ", q.Name, f.Key())
				}
			}
		}
	}
	for _, f := range filters {
		a, err := on.KeyFigures(ctx, f)
		if err != nil {
			t.Fatal(err)
		}
		b, err := off.KeyFigures(ctx, f)
		if err != nil {
			t.Fatal(err)
		}
		if !reflect.DeepEqual(a, b) {
			t.Errorf("key figures %s differ", f.Key())
		}
		qa, err := on.Quality(ctx, f)
		if err != nil {
			t.Fatal(err)
		}
		qb, err := off.Quality(ctx, f)
		if err != nil {
			t.Fatal(err)
		}
		if !reflect.DeepEqual(qa, qb) {
			t.Errorf("quality %s differs", f.Key())
		}
	}
}
