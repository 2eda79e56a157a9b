package attack

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"strconv"
	"testing"

	"lagebild/datasets/schema"
	"lagebild/queries"
)

// sig names a record set by its conditions: each field is "" (all) or a
// code (an age band or an age group for age); years is "" (all years),
// "y2020" (one year) or "p2020" (the fixed period starting 2020).
type sig struct {
	state, phen, risk, access, age, years string
}

// obs is a published number: a count, or withheld.
type obs struct {
	v     int64
	shown bool
}

// attacker collects every published number by the record set it
// describes. Two tables that describe the same set must publish the same
// number; conflicts counts where they do not.
type attacker struct {
	st    *queries.Store
	years []int
	known map[sig]obs

	filters, refused, conflicts int
}

func newAttacker(tb testing.TB, st *queries.Store) *attacker {
	tb.Helper()
	tab, err := st.Counts(context.Background(), queries.DimIntakeYear, queries.DimAll, queries.Filter{})
	if err != nil {
		tb.Fatal(err)
	}
	a := &attacker{st: st, known: map[sig]obs{}}
	for _, r := range tab.Rows() {
		y, err := strconv.Atoi(r)
		if err != nil {
			tb.Fatalf("year row %q", r)
		}
		a.years = append(a.years, y)
	}
	return a
}

// filterOf is the filter whose records the conditions of s describe.
func filterOf(s sig) queries.Filter {
	var f queries.Filter
	one := func(c string) []string {
		if c == "" {
			return nil
		}
		return []string{c}
	}
	f.States, f.Phenomena, f.Risks, f.AccessRoutes = one(s.state), one(s.phen), one(s.risk), one(s.access)
	if g, ok := queries.AgeGroups[s.age]; ok {
		f.AgeBands = slices.Clone(g)
	} else {
		f.AgeBands = one(s.age)
	}
	switch {
	case s.years == "":
	case s.years[0] == 'y':
		y, _ := strconv.Atoi(s.years[1:])
		f.FromYear, f.ToYear = y, y
	default:
		y, _ := strconv.Atoi(s.years[1:])
		f.FromYear, f.ToYear = queries.PeriodOf(y)
	}
	return f
}

// tableDim is a column dimension of the intake tables and the field of
// sig it fixes.
type tableDim struct {
	dim   queries.Dimension
	field func(*sig) *string
}

var tableDims = []tableDim{
	{queries.DimPhenomenon, func(s *sig) *string { return &s.phen }},
	{queries.DimState, func(s *sig) *string { return &s.state }},
	{queries.DimRiskLevel, func(s *sig) *string { return &s.risk }},
	{queries.DimAccessRoute, func(s *sig) *string { return &s.access }},
	{queries.DimAgeBand, func(s *sig) *string { return &s.age }},
}

// narrow returns s with the table's column code added, and false when the
// column lies outside s (the filter already fixes another code).
func (d tableDim) narrow(s sig, code string) (sig, bool) {
	p := d.field(&s)
	switch {
	case *p == "" || *p == code:
		*p = code
		return s, true
	case d.dim.Name == queries.DimAgeBand.Name && slices.Contains(queries.AgeGroups[*p], code):
		*p = code
		return s, true
	}
	return s, false
}

// observe runs the intake tables (year × phenomenon, state, risk level,
// access route, age band) under the filter of base and records every cell,
// margin and total by its record set. A filter below the minimum
// population shows nothing.
func (a *attacker) observe(ctx context.Context, base sig) error {
	a.filters++
	f := filterOf(base)
	for _, d := range tableDims {
		tab, err := a.st.Counts(ctx, queries.DimIntakeYear, d.dim, f)
		var few *queries.TooFewCasesError
		if errors.As(err, &few) {
			a.refused++
			return nil
		}
		if err != nil {
			return fmt.Errorf("%+v: %w", base, err)
		}
		for i, row := range tab.Rows() {
			year := base
			year.years = "y" + row
			for j, col := range tab.Cols() {
				if s, ok := d.narrow(year, col); ok {
					a.record(s, tab.Cell(i, j))
				}
			}
			if v, ok := tab.RowTotal(i); ok {
				a.record(year, v)
			}
		}
		for j, col := range tab.Cols() {
			if s, ok := d.narrow(base, col); ok {
				if v, ok := tab.ColTotal(j); ok {
					a.record(s, v)
				}
			}
		}
		if v, ok := tab.Total(); ok {
			a.record(base, v)
		}
	}
	return nil
}

func (a *attacker) record(s sig, v queries.Value) {
	if v.Missing() {
		return
	}
	o := obs{shown: v.Shown()}
	if o.shown {
		o.v, _ = v.Int()
	}
	if old, ok := a.known[s]; ok && old != o {
		a.conflicts++
	}
	a.known[s] = o
}

// context1 is an extra condition of the filters the attacker runs: none,
// or one value of a field that partitions every record set completely
// (no NULLs): risk level, access route, age band, age group, phenomenon.
type context1 struct {
	field string // "" for none
	code  string
}

func (c context1) apply(s sig) sig {
	if c.field != "" {
		*fieldOf(&s, c.field) = c.code
	}
	return s
}

// partitions are the complete partitions of a record set the filters
// offer, each a list of contexts.
var partitions = func() [][]context1 {
	parts := [][]context1{{{}}}
	add := func(field string, codes []string) {
		var p []context1
		for _, c := range codes {
			p = append(p, context1{field, c})
		}
		parts = append(parts, p)
	}
	add("risk", schema.RiskLevels)
	add("access", schema.AccessRoutes)
	add("age", schema.AgeBands)
	add("age", queries.AgeGroupNames)
	add("phen", schema.Phenomena)
	return parts
}()

// yearSels are the year selections of the filters: all years and the
// fixed periods (single years add no record set: their cells are the rows
// of the other tables).
func (a *attacker) yearSels() []string {
	out := []string{""}
	for _, p := range queries.Periods(a.years[0], a.years[len(a.years)-1]) {
		out = append(out, "p"+strconv.Itoa(p[0]))
	}
	return out
}

// collect runs every filter the routes of the targets in states need:
// every state (or all) with every year selection and every context (none,
// or one risk level, access route, age band, age group or phenomenon).
// The tables under each filter split by year and by phenomenon, state,
// risk level, access route and age band, so a target cell (state, year and
// one more field) and its parts within a context are cells of them. The
// filters with a state and two more fields describe only parts of a
// target's part, which are below k and withheld, so they are left out.
func (a *attacker) collect(ctx context.Context, states []string) error {
	var bases []sig
	for _, st := range append([]string{""}, states...) {
		for _, y := range a.yearSels() {
			for _, p := range partitions {
				for _, c := range p {
					bases = append(bases, c.apply(sig{state: st, years: y}))
				}
			}
		}
	}
	seen := map[sig]bool{}
	for _, b := range bases {
		if seen[b] {
			continue
		}
		seen[b] = true
		if err := a.observe(ctx, b); err != nil {
			return err
		}
	}
	return nil
}
