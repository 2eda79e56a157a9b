package queries

import (
	"context"
	"fmt"
)

// itemCells are exact counts by group and item, as the evaluator's
// structure queries return them (multi_agency.sql, goal_attainment.sql,
// plausibility_rules.sql, and outcome_change.sql's codes split by
// change.go): one row per group (a
// risk level, a provider, a case type) and item (an agency, a band, a
// direction of change, a rule), a case counted in every item it has.
// cells[group][item]; the group All sums every group, which is exact
// because each case belongs to one group.
type itemCells map[string]map[string]exactCell

// add counts c under group g and under All.
func (ic itemCells) add(g, item string, c exactCell) {
	for _, k := range []string{g, All} {
		if ic[k] == nil {
			ic[k] = map[string]exactCell{}
		}
		ic[k][item] = sumCells(ic[k][item], c)
	}
}

// addGroup counts c under the group g (NotStated when NULL) and under
// All.
func (ic itemCells) addGroup(g *string, item string, c exactCell) {
	group := NotStated
	if g != nil {
		group = *g
	}
	ic.add(group, item, c)
}

// itemCellsOf runs the named query over the filtered records of base
// (year range on yearExpr) and collects its (group, item, n, ck) rows; a
// NULL group is NotStated.
func (s *Store) itemCellsOf(ctx context.Context, name string, f Filter, yearExpr, base string, params map[string]any) (itemCells, error) {
	if err := f.Validate(); err != nil {
		return nil, err
	}
	if i := queryCubeIndex(name, yearExpr, base); i >= 0 && s.hasQueryCube(i, params) {
		b, ok, err := s.itemBatchOf(ctx, f)
		if err != nil {
			return nil, err
		}
		if ok {
			all, err := s.itemCellsBatch(ctx, b)
			return all[name], err
		}
	}
	q, expand := s.caseQueryOf(name, f, yearExpr, base, params)
	return cached(s, ctx, q, func() (itemCells, error) {
		rows, err := s.query(ctx, q.text, q.args...)
		if err != nil {
			return nil, fmt.Errorf("%s: %w", name, err)
		}
		defer rows.Close()
		out := itemCells{}
		for expand != nil && rows.Next() {
			var code int64
			var c exactCell
			if err := rows.Scan(&code, &c.n, &c.ck); err != nil {
				return nil, err
			}
			expand(code, func(g, item string) { out.add(g, item, c) })
		}
		for expand == nil && rows.Next() {
			var g *string
			var item string
			var c exactCell
			if err := rows.Scan(&g, &item, &c.n, &c.ck); err != nil {
				return nil, err
			}
			out.addGroup(g, item, c)
		}
		if err := rows.Err(); err != nil {
			return nil, fmt.Errorf("%s: %w", name, err)
		}
		return out, nil
	})
}
