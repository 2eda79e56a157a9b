package queries

import (
	"context"
	"fmt"
	"slices"
	"strconv"
	"strings"
)

// aggSpec is a fine count of the filtered cases by several dimensions:
// the one pass over the records from which a view's tables are summed.
type aggSpec struct {
	dims []Dimension
	year string // expression the filter's year range applies to ("" none)
	base string // the records' own condition
}

// aggRow is one non-empty combination of an aggregate: a code per
// dimension (NULL as NotStated) and its exact cell.
type aggRow struct {
	keys []string
	c    exactCell
}

// coverings are the aggregates the catalogue's tables are summed from:
// each is one pass over the records for all tables of a view with the same
// year expression and base whose dimensions it holds. Their dimensions are
// chosen so that the number of combinations stays small (a few thousand).
var coverings = []aggSpec{
	// overview: intakes by risk, intrinsic motivation and multi-agency,
	// and cases in progress at each year's end (by intake and closing
	// year): no year condition, the intake tables get theirs in Go
	{dims: []Dimension{DimIntakeYear, DimClosedYear, DimRiskLevel, DimIntrinsic, DimMultiAgency}, year: "", base: baseAll},
	// age view: by year and age band, gender and age band, minors
	{dims: []Dimension{DimIntakeYear, DimAgeBand, DimGender}, year: yearIntake, base: baseAll},
	// outcomes and quality: closures by year and outcome, and the duration
	// histogram of each outcome behind the median durations
	{dims: []Dimension{DimClosedYear, DimOutcome, dimDurationMonths}, year: yearClosed, base: baseClosed},
	// outcomes: relapse by subgroup, and the overview's relapse rate by
	// closing year (both read from this covering's cube, cube.go)
	{dims: []Dimension{DimRelapse, DimMultiAgency, DimIntrinsic, DimRiskLevel, DimCustody, DimClosedYear},
		year: yearClosed, base: baseRelapse},
	// programme: cases in a danger context by intake year and provider,
	// with the measures of the programme figures (programme.go)
	{dims: []Dimension{DimIntakeYear, DimProvider, DimRiskLevel, DimReturnee, dimRelapseHeadline},
		year: yearIntake, base: baseDangerContext},
	// states view: intakes by state and year, and by state, risk and
	// multi-agency work (the states compared)
	{dims: []Dimension{DimIntakeYear, DimState, DimRiskLevel, DimMultiAgency}, year: yearIntake, base: baseAll},
	// phenomena and access views: intakes by year and phenomenon, by
	// year and access route
	{dims: []Dimension{DimIntakeYear, DimPhenomenon, DimAccessRoute}, year: yearIntake, base: baseAll},
	// programme view: outcomes within each risk level, with and without
	// multi-agency work
	{dims: []Dimension{DimClosedYear, DimRiskLevel, DimMultiAgency, DimOutcome}, year: yearClosed, base: baseClosed},
	// evaluator view: closures by provider and outcome, and by provider
	// and closure reason (the closing year is its cube's year column, not
	// a dimension: no table splits by it, and a read summed over the
	// years hands Go a tenth of the rows)
	{dims: []Dimension{DimProvider, DimOutcome, DimClosureReason}, year: yearClosed, base: baseClosed},
	// quality view: records by provider and quality flags, every measure
	// of the report (quality.go)
	{dims: []Dimension{DimProvider, dimQualityFlags}, year: yearIntake, base: baseAll},
}

// aggregateFor returns the rows of the aggregate that covers dims under
// spec's year and base (a covering aggregate when there is one, else the
// aggregate of exactly dims), with the filter applied, and the aggregate's
// dimensions.
func (s *Store) aggregateFor(ctx context.Context, year, base string, f Filter, dims ...Dimension) ([]aggRow, []Dimension, error) {
	// The covering aggregate that also splits by the most filter fields
	// that are set (they are then applied to its rows), else the first.
	var own []Dimension // DimAll needs no grouping (keyOf)
	for _, d := range dims {
		if d.Name != DimAll.Name {
			own = append(own, d)
		}
	}
	if len(own) == 0 {
		own = []Dimension{DimAll}
	}
	spec, covering := aggSpec{dims: own, year: year, base: base}, coveringFor(year, base, f, dims)
	if covering >= 0 {
		spec = coverings[covering]
	}
	sqlFilter := f
	type keep struct {
		idx   int
		codes []string
	}
	var keeps []keep
	// A covering without a year condition that splits by the year of the
	// query applies the year range to its rows.
	yearIdx := -1
	if spec.year != year && (f.FromYear != 0 || f.ToYear != 0) {
		yearIdx = slices.IndexFunc(spec.dims, func(d Dimension) bool { return d.Name == yearDims[year].Name })
	}
	sqlFilter.FromYear, sqlFilter.ToYear = 0, 0
	if spec.year == year {
		sqlFilter.FromYear, sqlFilter.ToYear = f.FromYear, f.ToYear
	}
	// The code fields that are also dimensions of the aggregate are
	// applied to its rows instead of in SQL, so that selections differing
	// only in such a field share one query (and one cache entry).
	for _, fd := range FilterFields {
		if fd.dim == nil || !fd.IsSet(sqlFilter) {
			continue
		}
		i := slices.IndexFunc(spec.dims, func(d Dimension) bool { return d.Name == fd.dim.Name })
		if i < 0 {
			continue
		}
		keeps = append(keeps, keep{i, *fd.list(&sqlFilter)})
		sqlFilter = fd.With(sqlFilter, "")
	}
	var rows []aggRow
	var err error
	if covering >= 0 && s.cube != nil {
		// The covering's cube holds every filter column (cube.go).
		rows, err = s.cubeAggregate(ctx, covering, sqlFilter)
	} else {
		rows, err = s.aggregate(ctx, spec, sqlFilter)
	}
	if err != nil {
		return nil, nil, err
	}
	if len(keeps) == 0 && yearIdx < 0 {
		return rows, spec.dims, nil
	}
	to := f.ToYear
	if to == 0 {
		to = 9999
	}
	var out []aggRow
	for _, r := range rows {
		ok := true
		if yearIdx >= 0 {
			y, err := strconv.Atoi(r.keys[yearIdx])
			ok = err == nil && y >= f.FromYear && y <= to
		}
		for _, k := range keeps {
			if !slices.Contains(k.codes, r.keys[k.idx]) {
				ok = false
				break
			}
		}
		if ok {
			out = append(out, r)
		}
	}
	return out, spec.dims, nil
}

// coveringFor is the index of the covering aggregate that serves a count
// by dims over base with the filter's years on year and also splits by
// the most filter fields f sets, the first of them on a tie; -1 when none
// serves it.
func coveringFor(year, base string, f Filter, dims []Dimension) int {
	return bestCovering(f, func(c aggSpec) bool { return c.base == base && c.covers(dims) && c.yearFits(year) })
}

// bestCovering is the index of the covering that serves (serves reports
// whether it can) and splits by the most filter fields f sets, the first
// of them on a tie; -1 when none serves.
func bestCovering(f Filter, serves func(aggSpec) bool) int {
	best, covering := -1, -1
	for i, c := range coverings {
		if !serves(c) {
			continue
		}
		if score := c.filterScore(f); score > best {
			best, covering = score, i
		}
	}
	return covering
}

// filterScore is the number of filter fields f sets that the aggregate
// splits by.
func (a aggSpec) filterScore(f Filter) int {
	score := 0
	for _, fd := range FilterFields {
		if fd.dim != nil && fd.IsSet(f) && a.covers([]Dimension{*fd.dim}) {
			score++
		}
	}
	return score
}

// yearDims are the dimensions of the year expressions.
var yearDims = map[string]Dimension{yearIntake: DimIntakeYear, yearClosed: DimClosedYear}

// yearFits reports whether the aggregate can serve a query whose filter
// year range applies to year: it has the same year condition, or none and
// splits by that year (the range is then applied to its rows).
func (a aggSpec) yearFits(year string) bool {
	if a.year == year {
		return true
	}
	d, ok := yearDims[year]
	return a.year == "" && ok && a.covers([]Dimension{d})
}

func (a aggSpec) covers(dims []Dimension) bool {
	for _, d := range dims {
		if d.Name == DimAll.Name {
			continue
		}
		if !slices.ContainsFunc(a.dims, func(e Dimension) bool { return e.Name == d.Name }) {
			return false
		}
	}
	return true
}

// aggregate runs (or takes from the cache) the fine count of spec.
func (s *Store) aggregate(ctx context.Context, spec aggSpec, f Filter) ([]aggRow, error) {
	return s.aggregateRows(ctx, s.aggregateQuery(spec, f), spec.dims)
}

// aggregateQuery is the fine count of spec over the case records under f
// (aggregate.sql), a row per combination of its dimensions' codes.
func (s *Store) aggregateQuery(spec aggSpec, f Filter) caseQuery {
	var exprs []string
	for i, d := range spec.dims {
		exprs = append(exprs, fmt.Sprintf("%s AS d%d", d.expr, i))
	}
	return caseSQL("aggregate", f, spec.year, spec.base, map[string]string{"dimensions": strings.Join(exprs, ",\n    ")}, s.followUpParams())
}

// aggregateRows runs (or takes from the cache) q, a query whose columns
// are the codes of dims followed by an exact cell, and returns its rows.
func (s *Store) aggregateRows(ctx context.Context, q caseQuery, dims []Dimension) ([]aggRow, error) {
	var names []string
	for _, d := range dims {
		names = append(names, d.Name)
	}
	return cached(s, ctx, q, func() ([]aggRow, error) {
		rows, err := s.query(ctx, q.text, q.args...)
		if err != nil {
			return nil, fmt.Errorf("counting by %s: %w", strings.Join(names, ", "), err)
		}
		defer rows.Close()
		keys := make([]any, len(dims))
		ptrs := make([]any, 0, len(dims)+2)
		for i := range keys {
			ptrs = append(ptrs, &keys[i])
		}
		var out []aggRow
		var c exactCell
		ptrs = append(ptrs, &c.n, &c.ck)
		for rows.Next() {
			if err := rows.Scan(ptrs...); err != nil {
				return nil, err
			}
			r := aggRow{keys: make([]string, len(keys)), c: c}
			for i, k := range keys {
				r.keys[i] = dims[i].code(k)
			}
			out = append(out, r)
		}
		if err := rows.Err(); err != nil {
			return nil, fmt.Errorf("counting by %s: %w", strings.Join(names, ", "), err)
		}
		return out, nil
	})
}

// keyOf returns the code of dimension d in a row of an aggregate over
// dims (All for DimAll).
func keyOf(r aggRow, dims []Dimension, d Dimension) string {
	if d.Name == DimAll.Name {
		return All
	}
	for i, e := range dims {
		if e.Name == d.Name {
			return r.keys[i]
		}
	}
	panic("queries: dimension " + d.Name + " not in the aggregate")
}
