package queries

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"maps"
	"slices"
	"strings"
)

// A cube is a covering aggregate (aggregate.go) computed once per store
// with every filter field's column as a further dimension: since the
// filter space is bounded (each field all or one value or group, fixed
// year periods; docs/privacy.md), the aggregate of a covering under any
// filter is a sum of the cube's rows that match the filter. A filter
// change then reads a cube instead of scanning the case records
// (docs/performance.md has the sizes and timings).
//
// The finest cube of a covering has nearly as many rows as there are
// cases at small sizes (its dimensions multiply), so each covering has
// levels: the covering's own dimensions (a filter that sets no field but
// the years), one level per filter column (a filter that sets just that
// field), the phenomenon and the state together, the code fields' columns
// together (a filter that sets several code fields and no yes/no field),
// the yes/no fields with the phenomenon and the risk level, and with the
// phenomenon and the state (addFilterLevels), and the finest (anything
// else, where the filter is selective and the rows, sorted by the filter
// columns, are mostly skipped). A query reads the first level that holds
// every column its filter needs.
//
// The cubes hold exact counts and cell-key numerators: the same cells the
// case table gives, so protection and published numbers do not change
// (TestCubeEqualsCaseTable). Only coverings have cubes; an aggregate that
// no covering serves still scans the case records.

// cubeColumn is a column of a cube: its name, which is the dimension's
// name or the filter field's column, and its expression over the case
// records.
type cubeColumn struct{ name, expr string }

// cubeLevel is one table of a covering's cube and the columns it keeps.
type cubeLevel struct {
	table string
	cols  []string
}

// cubeDef is the cube of one covering, or of one query (querycube.go).
type cubeDef struct {
	spec    aggSpec
	columns []cubeColumn // every column of the finest level
	filters []string     // the filter columns, the finest level's sort order
	levels  []cubeLevel  // coarsest first; the last is the finest
	// codeCols are the filter columns of code fields the cube holds as
	// their codes' positions (integers) rather than as ENUM values.
	codeCols []string
	// fieldCols are the cube's names of the filter fields' columns (a
	// covering's cube keeps a field's column under the column's name, a
	// query's cube under a name of its own), yearCol the column the
	// filter's years apply to ("" none).
	fieldCols map[string]string
	yearCol   string
	// query is the query of a query's cube, nil for a covering's.
	query *queryCube
}

// cubeDefs are the cubes of the coverings, by the coverings' index.
var cubeDefs = func() []cubeDef {
	out := make([]cubeDef, len(coverings))
	for i, c := range coverings {
		out[i] = newCubeDef(i, c)
	}
	return out
}()

func newCubeDef(i int, c aggSpec) cubeDef {
	d := cubeDef{spec: c}
	for _, dim := range c.dims {
		d.columns = append(d.columns, cubeColumn{dim.Name, dim.expr})
	}
	// A covering with a year condition gets its year as a column, so
	// that the filter's years apply to the cube's rows.
	if y, ok := yearDims[c.year]; ok {
		d.yearCol = y.Name
		if !d.has(y.Name) {
			d.columns = append(d.columns, cubeColumn{y.Name, y.expr})
		}
	}
	d.addFilterLevels(fmt.Sprintf("cube_%d", i), func(column string) string { return column })
	return d
}

// has reports whether the cube has the column name.
func (d *cubeDef) has(name string) bool {
	return slices.ContainsFunc(d.columns, func(col cubeColumn) bool { return col.name == name })
}

// addFilterLevels adds the filter fields' columns, under the names name
// gives them, to the cube's own columns (d.columns so far) and makes the
// levels, their tables named after table: the own columns, each filter
// column beside them, and all columns.
func (d *cubeDef) addFilterLevels(table string, name func(column string) string) {
	var own []string
	for _, col := range d.columns {
		own = append(own, col.name)
	}
	d.fieldCols = map[string]string{}
	d.levels = append(d.levels, cubeLevel{table + "_base", own})
	for _, fd := range FilterFields {
		if fd.Column == "" {
			continue
		}
		col := name(fd.Column)
		d.fieldCols[fd.Column] = col
		if d.has(col) {
			continue
		}
		expr := fd.Column
		if fd.Kind == KindCode || fd.Kind == KindCodeOrGroup {
			// The code's position (its enum_code) as an integer, which
			// an equality or range on it can skip row groups by
			// (cubePredicates).
			expr = "enum_code(" + fd.Column + ")"
			d.codeCols = append(d.codeCols, col)
		}
		d.columns = append(d.columns, cubeColumn{col, expr})
		d.filters = append(d.filters, col)
		d.levels = append(d.levels, cubeLevel{table + "_" + fd.Column, append(slices.Clone(own), col)})
	}
	// Phenomenon and state together: one phenomenon in one state is the
	// situation report's most common question, and this level holds a
	// fraction of the rows of the code fields' level below
	// (docs/performance.md, "Round six").
	pair := phenomenonStateCols(d.fieldCols, d.codeCols)
	if pair != nil {
		d.levels = append(d.levels, cubeLevel{table + "_phenomenon_state", slices.Concat(own, pair)})
	}
	// The code fields' columns together, without the yes/no fields': a
	// filter that sets two or more code fields (phenomenon and state,
	// say) and no yes/no field reads this level, whose rows the yes/no
	// columns do not split (a tenth to a fiftieth of the finest level's
	// under such a filter, docs/performance.md). The code fields' columns
	// are codeCols; the other filter columns are the yes/no fields'.
	if len(d.codeCols) > 1 && len(d.filters) > len(d.codeCols) {
		d.levels = append(d.levels, cubeLevel{table + "_codes", slices.Concat(own, d.codeCols)})
	}
	// The phenomenon, the risk level and the yes/no fields' columns: a
	// filter that sets a yes/no field together with the risk level
	// (custody or multi-agency work by risk), and perhaps the
	// phenomenon, or with another yes/no field, and not the state, reads
	// this level. Such a filter read the finest level, and one that
	// selects most cases (standard risk, not in custody) most of its
	// rows: the evaluator view's statements took 163 ms at 10M, 76 ms
	// with one phenomenon (docs/performance.md, "Round seven"). It comes
	// before the level of phenomenon, state and the yes/no fields, which
	// the states split into more rows, so that a filter both serve reads
	// it.
	yesNo := slices.DeleteFunc(slices.Clone(d.filters), func(c string) bool { return slices.Contains(d.codeCols, c) })
	if len(yesNo) > 0 {
		cols := slices.Clone(own)
		for _, field := range []string{"phenomenon", "risk_level"} {
			if col := d.fieldCols[field]; slices.Contains(d.codeCols, col) {
				cols = append(cols, col)
			}
		}
		d.levels = append(d.levels, cubeLevel{table + "_phenomenon_risk_yes_no", append(cols, yesNo...)})
	}
	// Phenomenon, state and the yes/no fields' columns, without the
	// other code fields': a filter that sets a yes/no field together
	// with the state (and perhaps the phenomenon or another yes/no
	// field) reads this level instead of the finest, whose rows the risk
	// level, access route and age band split further (on the finest
	// level the evaluator view took 69-85 ms at 10M; docs/performance.md,
	// "Round six"). Without the state, the level above serves.
	if pair != nil && len(yesNo) > 0 {
		d.levels = append(d.levels, cubeLevel{table + "_flags", slices.Concat(own, pair, yesNo)})
	}
	var all []string
	for _, col := range d.columns {
		all = append(all, col.name)
	}
	d.levels = append(d.levels, cubeLevel{table + "_full", all})
}

// phenomenonStateCols are the cube's columns of the phenomenon and the
// state field when it holds both as codes and more code fields besides
// (else the code fields' level is the same table), nil otherwise.
func phenomenonStateCols(fieldCols map[string]string, codeCols []string) []string {
	p, s := fieldCols["phenomenon"], fieldCols["state"]
	if len(codeCols) <= 2 || !slices.Contains(codeCols, p) || !slices.Contains(codeCols, s) {
		return nil
	}
	return []string{p, s}
}

// level returns the coarsest level that holds every column the filter f
// needs.
func (d cubeDef) level(f Filter) cubeLevel {
	var need []string
	for _, fd := range FilterFields {
		switch {
		case !fd.IsSet(f):
		case fd.Kind == KindYears:
			if d.yearCol != "" {
				need = append(need, d.yearCol)
			}
		default:
			need = append(need, d.fieldCols[fd.Column])
		}
	}
	for _, l := range d.levels {
		if !slices.ContainsFunc(need, func(c string) bool { return !slices.Contains(l.cols, c) }) {
			return l
		}
	}
	panic("queries: the finest cube level lacks a filter column")
}

// statements are the statements that build the cube in the database
// prefix (a catalog followed by a dot, or "").
func (d cubeDef) statements(prefix string) []string {
	var cols []string
	for _, c := range d.columns {
		cols = append(cols, c.expr+" AS "+c.name)
	}
	// Sorted by the filter columns only: the skipping needs no more, and
	// each further sort key costs time when the cube is built.
	order := d.filters
	finest := d.levels[len(d.levels)-1]
	var out []string
	if d.query == nil {
		out = append(out, sqlText("cube_full", map[string]string{
			"table": prefix + finest.table, "columns": strings.Join(cols, ",\n    "),
			"base": d.spec.base, "order": strings.Join(order, ", "),
		}))
	} else {
		out = append(out, d.query.finest(prefix+finest.table, d.columns[len(d.query.keys):], order))
	}
	out = append(out, enumStatements(prefix, finest)...)
	// The finer levels first, so that each coarser one is summed from the
	// smallest level built before it that holds its columns rather than
	// from the finest (rollupSource).
	items := d.query != nil && d.query.items != ""
	for i := len(d.levels) - 2; i >= 0; i-- {
		l := d.levels[i]
		// Sorted by the level's own filter columns, so that a filter on
		// them skips row groups.
		lorder := "ALL"
		if own := slices.DeleteFunc(slices.Clone(l.cols), func(c string) bool { return !slices.Contains(d.filters, c) }); len(own) > 0 {
			lorder = strings.Join(own, ", ")
		}
		finer := d.levels[i+1:]
		if items {
			// The finest level holds codes, not the items' sums.
			finer = finer[:len(finer)-1]
		}
		src, ok := rollupSource(l, finer)
		if !ok {
			out = append(out, d.query.itemsRollup(prefix+l.table, prefix+finest.table, l.cols[len(d.query.itemKeys):], lorder))
			out = append(out, enumStatements(prefix, l)...)
			continue
		}
		out = append(out, sqlText("cube_rollup", map[string]string{
			"table": prefix + l.table, "columns": strings.Join(l.cols, ",\n    "), "full": prefix + src.table,
			"order": lorder,
		}))
	}
	return out
}

// rollupSource is the level the level l is summed from: of the levels
// finer, the one with the fewest columns that holds every column of l
// (the fewer columns, the fewer rows to sum: at 1M cases summing every
// coarser level from the finest took 12 of a build's 19 s,
// docs/performance.md, "Round seven"). Counts and key numerators add up
// over any such level as over the finest, so the sums are the same. ok is
// false when no level of finer holds them.
func rollupSource(l cubeLevel, finer []cubeLevel) (src cubeLevel, ok bool) {
	for _, c := range finer {
		if slices.ContainsFunc(l.cols, func(col string) bool { return !slices.Contains(c.cols, col) }) {
			continue
		}
		if !ok || len(c.cols) < len(src.cols) {
			src, ok = c, true
		}
	}
	return src, ok
}

// cubeTextColumns are the cube columns that hold text: the provider (a
// store column) and the group and item of the item queries
// (itemcells.go). Each becomes an ENUM in the tables built from the
// case records (cube_enum.sql); the levels summed from them keep the type.
// TestCubeHasNoText finds a text column missing here.
var cubeTextColumns = []string{"provider", "grp", "item"}

// enumStatements make the text columns of the level l (cubeTextColumns)
// ENUMs of their values, each a type of its own in the cube file's catalog
// (prefix, "" for the catalog in use).
func enumStatements(prefix string, l cubeLevel) []string {
	var out []string
	for _, c := range l.cols {
		if slices.Contains(cubeTextColumns, c) {
			out = append(out, sqlText("cube_enum", map[string]string{
				"table": prefix + l.table, "column": c, "type": prefix + "main." + l.table + "_" + c,
			}))
		}
	}
	return out
}

// cubeDefinition is a hash of every cube's build statements: a cube file
// built by other code is built again.
func cubeDefinition() string {
	h := sha256.New()
	var stmts []string
	for _, d := range slices.Concat(cubeDefs, queryCubeDefs) {
		stmts = append(stmts, d.statements("")...)
	}
	for _, st := range append(stmts, qualityCubeStatements("")...) {
		h.Write([]byte(st))
		h.Write([]byte{0})
	}
	return hex.EncodeToString(h.Sum(nil))
}

// cubes are the cubes of an open store, in its attached cube file
// (cubefile.go).
type cubes struct {
	// prefix qualifies the cube tables: the attached cube file's catalog
	// and a dot.
	prefix string
	// params are the values the query cubes were built with, by the
	// index of queryCubes.
	params []map[string]any
}

// cubeAggregate returns the rows of covering i under the filter f, read
// from the coarsest cube level that holds the filter's columns: the rows
// aggregate gives from the case records for the covering and f, the
// filter's years applying to the covering's year.
func (s *Store) cubeAggregate(ctx context.Context, i int, f Filter) ([]aggRow, error) {
	d := cubeDefs[i]
	var names []string
	for _, dim := range d.spec.dims {
		names = append(names, dim.Name)
	}
	return s.aggregateRows(ctx, d.read(s.cube.prefix, names, f), d.spec.dims)
}

// read is the query of the cube's rows under the filter f, read from the
// coarsest level that holds the filter's columns, summed by the columns
// names (the cube's own, in the order its reader scans them).
func (d cubeDef) read(prefix string, names []string, f Filter) caseQuery {
	return d.readSummed(prefix, d.level(f), names, f)
}

// readSummed is the query of the level l's rows under the filter f summed
// by the columns names: cube_read.sql, or cube_read_rows.sql when the rows
// are those sums already (rowsAreGroups), which skips DuckDB's grouping,
// about half the time of a small read.
func (d cubeDef) readSummed(prefix string, l cubeLevel, names []string, f Filter) caseQuery {
	if d.rowsAreGroups(l, names, f) {
		return d.readLevel("cube_read_rows", prefix, l, names, f)
	}
	return d.readLevel("cube_read", prefix, l, names, f)
}

// rowsAreGroups reports whether the rows of the level l under the filter f
// are one per combination of the columns names: every other column of the
// level is a filter column that f holds at one value (a yes/no field, or
// a code field set to one code). A year column outside names is not: a
// period holds several years.
func (d cubeDef) rowsAreGroups(l cubeLevel, names []string, f Filter) bool {
	for _, col := range l.cols {
		if slices.Contains(names, col) {
			continue
		}
		i := slices.IndexFunc(FilterFields, func(fd *FilterField) bool { return fd.Column != "" && d.fieldCols[fd.Column] == col })
		if i < 0 {
			return false
		}
		switch fd := FilterFields[i]; {
		case !fd.IsSet(f):
			return false
		case fd.Kind == KindYesNo:
		case len(*fd.list(&f)) != 1:
			return false
		}
	}
	return true
}

// readLevel is the query file (cube_read.sql, or a reader of its own
// with the same placeholders) over the level l of the cube under the
// filter f.
func (d cubeDef) readLevel(file, prefix string, l cubeLevel, names []string, f Filter) caseQuery {
	preds, vals := d.predicates(f)
	text := sqlText(file, map[string]string{
		"table": prefix + l.table, "dimensions": strings.Join(names, ",\n    "),
		"predicates": preds,
	})
	return caseQuery{text: text, args: bindUsed(text, vals)}
}

// predicates are the filter's conditions on the cube's columns (spliced
// as predicates into cube_read.sql) and the values they bind: the case
// table's (Filter.predicates), the years applying to the cube's year
// column, except on a code column the cube holds as integers (codeCols),
// where the selected codes' positions are bound as a range, lo to hi
// (an equality when one code is selected), that DuckDB checks against
// the row groups' minimum and maximum, and as the bit mask of the case
// table's condition when the codes are not every code of the range.
func (d cubeDef) predicates(f Filter) (string, map[string]any) {
	var b strings.Builder
	vals := map[string]any{}
	for _, fd := range FilterFields {
		if !fd.IsSet(f) {
			continue
		}
		col := d.fieldCols[fd.Column]
		if !slices.Contains(d.codeCols, col) {
			if cond, v, ok := fd.predicateOn(f, col, d.yearCol); ok {
				b.WriteString("\n      AND " + cond)
				maps.Copy(vals, v)
			}
			continue
		}
		var pos []int
		var mask uint64
		for _, c := range *fd.list(&f) {
			p := slices.Index(fd.Codes, c) // Validate has checked every code
			pos = append(pos, p)
			mask |= 1 << p
		}
		// Cast to the column's type in the text (enum_code of an ENUM of
		// up to 255 values is a UTINYINT, and a code field has at most 64
		// codes, the bits of the mask): a parameter without the cast,
		// even one bound as a Go uint8, makes DuckDB compare the column
		// cast to BIGINT, which it cannot check against the row groups'
		// minimum and maximum, so every row group is read and every value
		// cast (docs/performance.md, "Round seven").
		lo, hi := uint8(slices.Min(pos)), uint8(slices.Max(pos))
		if lo == hi {
			b.WriteString(fmt.Sprintf("\n      AND %s = CAST($%s_lo AS UTINYINT)", col, col))
		} else {
			b.WriteString(fmt.Sprintf("\n      AND %s BETWEEN CAST($%s_lo AS UTINYINT) AND CAST($%s_hi AS UTINYINT)", col, col, col))
			vals[col+"_hi"] = hi
		}
		vals[col+"_lo"] = lo
		if full := uint64(1)<<(hi+1) - uint64(1)<<lo; mask != full {
			b.WriteString(fmt.Sprintf("\n      AND ((CAST($%s AS UBIGINT) >> %s) & 1) = 1", col, col))
			vals[col] = mask
		}
	}
	return b.String(), vals
}
