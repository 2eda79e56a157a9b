package queries

import (
	"context"
	"fmt"
	"slices"
	"strings"
)

// A query's cube is the cube (cube.go) of a case query that is not a
// covering aggregate: the evaluator's item counts (plausibility rules,
// multi-agency structure, change between intake and closure, goals), its
// provider counts and the Kaplan–Meier quarters. Each such query returns
// key columns followed by an exact count n and cell-key numerator ck,
// counted over the filtered records; counts and numerators add up over
// disjoint sets of records, so the query's rows under a filter are the
// sums of the rows of the same query, run once over all records of its
// base with every filter field's column kept beside its keys, that match
// the filter. The query's .sql file marks where those columns go with the
// carry placeholder (empty when the query runs on the case records); the
// filtered records bring them as f_<column> (filter_columns in
// filter.sql).
//
// Parameters that do not depend on the filter (the reference month, the
// rule thresholds) are bound when the cube is built; a query asked with
// other values than the cube was built with reads the case records.

// queryCube is a case query that has a cube.
type queryCube struct {
	name string   // its .sql file
	year string   // the expression the filter's years apply to ("" none)
	base string   // its base condition
	keys []string // its key columns, in the order of its result
	// items, when set, is the query (its .sql file) that sums the rows of
	// this one by item (itemKeys; outcome_change_items.sql): the query
	// counts combinations of items in one code (its only key), fewer rows
	// than one per item at the finest level, and the coarser levels hold
	// the items' sums, fewer rows than the combinations. A read of the
	// coarser levels returns the items' sums; a read of the finest level
	// or of the case records returns the codes, which expand splits into
	// their items in Go (a quarter of the time the items query takes in
	// DuckDB).
	items    string
	itemKeys []string
	expand   func(code int64, add func(grp, item string))
	// params returns the values the query binds besides the filter's.
	params func(ctx context.Context, s *Store) (map[string]any, error)
}

// queryCubes are the queries with a cube.
var queryCubes = []queryCube{
	{name: "evaluator", year: yearIntake, base: baseAll,
		keys: []string{"provider", "qflags", "returnee_applies", "in_cohort", "closed_24"}, params: evaluatorParams},
	{name: "survival", year: yearIntake, base: baseAll,
		keys: []string{"risk_level", "multi_agency", "phenomenon", "case_type", "event", "quarter"}, params: survivalParams},
	{name: "plausibility_rules", year: yearIntake, base: baseAll, keys: itemKeys,
		params: func(context.Context, *Store) (map[string]any, error) { return plausibilityParams(), nil }},
	{name: "multi_agency", year: yearIntake, base: baseMultiAgency, keys: itemKeys, params: noParams},
	{name: "outcome_change", year: yearClosed, base: baseClosed, keys: []string{"directions"}, params: noParams,
		items: "outcome_change_items", itemKeys: itemKeys, expand: changeDirections},
	{name: "goal_attainment", year: yearClosed, base: baseClosed, keys: itemKeys, params: noParams},
}

// itemKeys are the key columns of the item queries (itemcells.go).
var itemKeys = []string{"grp", "item"}

// noParams is the params of a query that binds only the filter's values.
func noParams(context.Context, *Store) (map[string]any, error) { return nil, nil }

// queryCubeDefs are the cubes of queryCubes, in the same order.
var queryCubeDefs = func() []cubeDef {
	out := make([]cubeDef, len(queryCubes))
	for i := range queryCubes {
		out[i] = newQueryCubeDef(&queryCubes[i])
	}
	return out
}()

// newQueryCubeDef makes the cube of q: its keys, the year its filter's
// years apply to (f_year) and the filter columns (f_<column>), in levels
// as a covering's cube has them.
func newQueryCubeDef(q *queryCube) cubeDef {
	d := cubeDef{query: q}
	for _, k := range q.keys {
		d.columns = append(d.columns, cubeColumn{name: k})
	}
	if q.year != "" {
		d.yearCol = "f_year"
		d.columns = append(d.columns, cubeColumn{d.yearCol, q.year})
	}
	d.addFilterLevels("qcube_"+q.name, func(column string) string { return "f_" + column })
	if q.items != "" {
		// The coarser levels hold the items' sums.
		for i := range d.levels[:len(d.levels)-1] {
			d.levels[i].cols = append(slices.Clone(q.itemKeys), d.levels[i].cols[len(q.keys):]...)
		}
	}
	return d
}

// itemsRollup is the statement that builds a coarser level of a query's
// cube whose levels hold the items' sums: the items query over the rows
// of the finest level (full), keeping the level's columns besides the
// item keys (carried), sorted by order.
func (q *queryCube) itemsRollup(table, full string, carried []string, order string) string {
	var names []string
	for _, c := range carried {
		names = append(names, ", "+c)
	}
	query := sqlText(q.items, map[string]string{"rows": "SELECT * FROM " + full, "carry": strings.Join(names, "")})
	return sqlText("cube_query_full", map[string]string{"table": table, "query": query, "order": order})
}

// finest is the statement that builds the finest level of the query's
// cube as table: the query over every record of its base, the carried
// columns (every cube column that is not a key: the filter columns with
// their expressions) kept beside its keys, sorted by order.
func (q *queryCube) finest(table string, carried []cubeColumn, order []string) string {
	var exprs, names []string
	for _, c := range carried {
		exprs = append(exprs, ", "+c.expr+" AS "+c.name)
		names = append(names, ", "+c.name)
	}
	query := sqlText(q.name, map[string]string{
		"base": q.base, "predicates": "",
		"filter_columns": strings.Join(exprs, ""), "carry": strings.Join(names, ""),
	})
	return sqlText("cube_query_full", map[string]string{
		"table": table, "query": query, "order": strings.Join(order, ", "),
	})
}

// queryCubeParams are the values each query cube binds, as the store
// computes them (by the index of queryCubes).
func (s *Store) queryCubeParams(ctx context.Context) ([]map[string]any, error) {
	out := make([]map[string]any, len(queryCubes))
	for i, q := range queryCubes {
		p, err := q.params(ctx, s)
		if err != nil {
			return nil, err
		}
		out[i] = p
	}
	return out, nil
}

// caseQueryOf is the case query name for the filter f (as caseSQL makes
// it), read from the query's cube when the store has one built with the
// same params. expand is not nil when the rows are codes of items that
// it splits (queryCube.items). A cube read's rows come in no particular
// order: its readers sum them into maps or sort them (evaluatorGroups),
// and an ORDER BY cost the evaluator view's reads about 1 ms at 100k
// (docs/performance.md, "Round six").
func (s *Store) caseQueryOf(name string, f Filter, yearExpr, base string, params map[string]any) (q caseQuery, expand func(code int64, add func(grp, item string))) {
	i := queryCubeIndex(name, yearExpr, base)
	if i < 0 {
		return caseSQL(name, f, yearExpr, base, nil, params), nil
	}
	qc, d := &queryCubes[i], queryCubeDefs[i]
	if !s.hasQueryCube(i, params) {
		return caseSQL(name, f, yearExpr, base, nil, params), qc.expand
	}
	if l := d.level(f); qc.items != "" && l.table != d.levels[len(d.levels)-1].table {
		q = d.readSummed(s.cube.prefix, l, qc.itemKeys, f)
	} else {
		q, expand = d.readSummed(s.cube.prefix, l, qc.keys, f), qc.expand
	}
	return q, expand
}

// queryCubeIndex is the index in queryCubes of the query name with its
// years on yearExpr over base, -1 when it has no cube.
func queryCubeIndex(name, yearExpr, base string) int {
	return slices.IndexFunc(queryCubes, func(q queryCube) bool { return q.name == name && q.year == yearExpr && q.base == base })
}

// hasQueryCube reports whether the store has the cube of queryCubes[i]
// built with the values params binds.
func (s *Store) hasQueryCube(i int, params map[string]any) bool {
	return s.cube != nil && sameParams(s.cube.params[i], params)
}

// sameParams reports whether a and b bind the same values.
func sameParams(a, b map[string]any) bool {
	if len(a) != len(b) {
		return false
	}
	for k, v := range a {
		w, ok := b[k]
		if !ok || fmt.Sprint(v) != fmt.Sprint(w) {
			return false
		}
	}
	return true
}

// cubeStatements returns the build statements of every cube in the database
// prefix with the values each binds.
func (s *Store) cubeStatements(ctx context.Context, prefix string) ([]caseQuery, error) {
	var out []caseQuery
	for _, d := range cubeDefs {
		for _, st := range d.statements(prefix) {
			out = append(out, caseQuery{text: st, args: bindUsed(st, s.followUpParams())})
		}
	}
	params, err := s.queryCubeParams(ctx)
	if err != nil {
		return nil, err
	}
	for i, d := range queryCubeDefs {
		for _, st := range d.statements(prefix) {
			out = append(out, caseQuery{text: st, args: bindUsed(st, params[i])})
		}
	}
	for _, st := range qualityCubeStatements(prefix) {
		out = append(out, caseQuery{text: st})
	}
	return out, nil
}
