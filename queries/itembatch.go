package queries

import (
	"context"
	"database/sql"
	"fmt"
	"reflect"
	"slices"
	"strconv"
	"strings"
)

// The evaluator's item queries (plausibility rules, multi-agency
// structure, change between intake and closure, goal attainment) are
// asked together: by the evaluator view, `brief` and `check`. On a store
// with a cube they are read in one statement, the UNION ALL of each
// query's cube read (cube_items_part.sql), instead of one statement each:
// at 100k a read costs about a millisecond whatever its size, most of it
// DuckDB's work per statement (docs/performance.md, "Round five").

// itemBatch is the batch read of the item queries' cubes under one
// filter: its statement and, by the index of queryCubes in its rows'
// first column, the split of a part's change codes (nil for a part of
// group and item rows).
type itemBatch struct {
	q      caseQuery
	expand map[int]func(code int64, add func(grp, item string))
}

// itemQueryCubes are the indexes in queryCubes of the item queries.
var itemQueryCubes = func() []int {
	var out []int
	for i, q := range queryCubes {
		if q.items != "" || slices.Equal(q.keys, itemKeys) {
			out = append(out, i)
		}
	}
	return out
}()

// itemBatchOf is the batch read under f, or false when the store has no
// cube, a query's cube was built with other values than the store binds
// now, or two parts bind one name to different values (each query then
// reads on its own, as caseQueryOf decides).
func (s *Store) itemBatchOf(ctx context.Context, f Filter) (itemBatch, bool, error) {
	if s.cube == nil {
		return itemBatch{}, false, nil
	}
	b := itemBatch{expand: map[int]func(int64, func(string, string)){}}
	var parts []string
	args := map[string]any{}
	for _, i := range itemQueryCubes {
		qc := queryCubes[i]
		params, err := qc.params(ctx, s)
		if err != nil {
			return itemBatch{}, false, err
		}
		if !s.hasQueryCube(i, params) {
			return itemBatch{}, false, nil
		}
		q, expand := s.caseQueryOf(qc.name, f, qc.year, qc.base, params)
		repl := map[string]string{"index": strconv.Itoa(i), "grp": "grp", "item": "item", "code": "CAST(NULL AS BIGINT)",
			"read": q.text}
		if expand != nil {
			repl["grp"], repl["item"], repl["code"] = "CAST(NULL AS VARCHAR)", "CAST(NULL AS VARCHAR)", "CAST("+qc.keys[0]+" AS BIGINT)"
			b.expand[i] = expand
		}
		parts = append(parts, sqlText("cube_items_part", repl))
		for _, a := range q.args {
			na := a.(sql.NamedArg)
			if v, ok := args[na.Name]; ok && !reflect.DeepEqual(v, na.Value) {
				return itemBatch{}, false, nil
			}
			args[na.Name] = na.Value
		}
	}
	text := strings.Join(parts, "UNION ALL\n")
	b.q = caseQuery{text: text, args: bindUsed(text, args)}
	return b, true, nil
}

// itemCellsBatch runs (or takes from the cache) the batch read b and
// returns each query's cells by its name.
func (s *Store) itemCellsBatch(ctx context.Context, b itemBatch) (map[string]itemCells, error) {
	return cached(s, ctx, b.q, func() (map[string]itemCells, error) {
		rows, err := s.query(ctx, b.q.text, b.q.args...)
		if err != nil {
			return nil, fmt.Errorf("the evaluator's item counts: %w", err)
		}
		defer rows.Close()
		out := map[string]itemCells{}
		for _, i := range itemQueryCubes {
			out[queryCubes[i].name] = itemCells{}
		}
		for rows.Next() {
			var i int
			var g, item *string
			var code *int64
			var c exactCell
			if err := rows.Scan(&i, &g, &item, &code, &c.n, &c.ck); err != nil {
				return nil, err
			}
			ic := out[queryCubes[i].name]
			if expand := b.expand[i]; expand != nil {
				expand(*code, func(g, item string) { ic.add(g, item, c) })
				continue
			}
			ic.addGroup(g, *item, c)
		}
		if err := rows.Err(); err != nil {
			return nil, fmt.Errorf("the evaluator's item counts: %w", err)
		}
		return out, nil
	})
}
