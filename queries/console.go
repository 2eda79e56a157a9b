package queries

import (
	"context"
	"database/sql"
	"database/sql/driver"
	"encoding/json"
	"errors"
	"fmt"
	"math"
	"math/big"
	"strconv"
	"strings"
	"time"

	"github.com/duckdb/duckdb-go/v2"
)

// The analyst's SQL console: one read-only statement over the anonymised
// tables, with a time and a row limit. It sees exact record-level data
// (already anonymised at import): by design it is for the analyst role
// only, and callers audit-log every statement.
//
// A statement runs only after three independent checks:
//
//  1. DuckDB's own parser (json_serialize_sql, which parses without
//     binding or executing) must find exactly one statement and it must be
//     a query (SELECT, WITH, VALUES, FROM …, DESCRIBE, SHOW, SUMMARIZE;
//     EXPLAIN of such a query). Every table its parse tree names must be
//     cases, figures or a CTE of the statement (allowlist), every table
//     function one of consoleTableFunctions (allowlist: generators of
//     values, no table arguments), and no scalar function may read the
//     settings, the environment or the log, or be a macro that reads a
//     table. Internal tables, files, catalog views and DuckDB's log are
//     thus out of reach by any expression (docs/privacy.md, the console section).
//  2. The prepared statement's type must be SELECT or EXPLAIN.
//  3. It runs inside a READ ONLY transaction that is rolled back.
//
// On top of that the store itself is hardened (no external access, no
// extensions, configuration locked; a file store opens read-only).

// Defaults of ConsoleLimits.
const (
	DefaultConsoleTimeout = 10 * time.Second
	DefaultConsoleMaxRows = 10_000
)

// ConsoleLimits bound one console statement.
type ConsoleLimits struct {
	// Timeout is the time limit of the statement (default 10 s).
	Timeout time.Duration
	// MaxRows is the most rows returned (default 10,000); a longer
	// result is cut and marked Truncated.
	MaxRows int
}

// WithDefaults returns l with a zero time or row limit replaced by its
// default.
func (l ConsoleLimits) WithDefaults() ConsoleLimits {
	if l.Timeout <= 0 {
		l.Timeout = DefaultConsoleTimeout
	}
	if l.MaxRows <= 0 {
		l.MaxRows = DefaultConsoleMaxRows
	}
	return l
}

// ConsoleResult is the result of a console statement.
type ConsoleResult struct {
	// Columns are the result's column names, Types their DuckDB types
	// (e.g. VARCHAR, BIGINT, DATE).
	Columns []string
	Types   []string
	// Rows hold the values, normalised to nil, bool, int64, uint64,
	// float64 or string (dates, times, decimals, huge integers, UUIDs,
	// blobs and nested values as text), so that they print and encode
	// as JSON alike everywhere.
	Rows [][]any
	// Truncated is set when the result had more than MaxRows rows.
	Truncated bool
	MaxRows   int
	Elapsed   time.Duration
}

// TruncationNote is the message for a truncated result, e.g.
// "truncated at 10000 rows"; "" when the result is complete.
func (r *ConsoleResult) TruncationNote() string {
	if !r.Truncated {
		return ""
	}
	return fmt.Sprintf("truncated at %d rows", r.MaxRows)
}

// Numeric reports whether column j holds numbers (for right alignment).
func (r *ConsoleResult) Numeric(j int) bool {
	t := strings.ToUpper(r.Types[j])
	for _, p := range []string{"TINYINT", "SMALLINT", "INTEGER", "BIGINT", "HUGEINT", "UTINYINT", "USMALLINT",
		"UINTEGER", "UBIGINT", "UHUGEINT", "FLOAT", "DOUBLE", "DECIMAL"} {
		if strings.HasPrefix(t, p) {
			return true
		}
	}
	return false
}

// RefusedError is returned for a statement the console does not run: it
// is not a single read-only query, or it names an internal table, a file
// or a forbidden function. Nothing was executed.
type RefusedError struct {
	// What names what was refused, e.g. "INSERT", "multiple statements",
	// "internal table case_records", "function read_csv".
	What   string
	Reason string
}

func (e *RefusedError) Error() string { return "refused: " + e.Explanation() }

// Explanation is the refusal without the "refused: " label, for a screen
// that marks it as a refusal already.
func (e *RefusedError) Explanation() string { return e.Reason + "; nothing was run or changed" }

// InvalidQueryError is a statement DuckDB cannot parse or bind (a syntax
// error, an unknown table or column). Nothing was executed.
type InvalidQueryError struct{ Err error }

func (e *InvalidQueryError) Error() string { return "invalid query: " + e.Err.Error() }
func (e *InvalidQueryError) Unwrap() error { return e.Err }

// ErrConsoleTimeout is wrapped by the error of a statement that hit its
// time limit.
var ErrConsoleTimeout = errors.New("time limit exceeded")

// ErrConsoleMemory is wrapped by the error of a statement that needed more
// memory than it may use (DuckDB's memory_limit, or the memory cap of the
// process that runs it, see package queries/consoleproc).
var ErrConsoleMemory = errors.New("memory limit exceeded")

// allowedQueries is named in refusals.
const allowedQueries = "the console runs a single read-only query (SELECT, WITH, VALUES, FROM, TABLE, DESCRIBE, SHOW, SUMMARIZE or EXPLAIN of a query)"

// consoleTables are the only relations a console statement may name: the
// contract of the store (docs/privacy.md, the console section). Everything else in the
// database (case_records with the record keys, store_meta, import_log,
// any table added later, the catalog views) is out of reach because it is
// not on this list, not because it is on a list of forbidden names.
var consoleTables = map[string]bool{"cases": true, "figures": true}

// consoleTableFunctions are the only table functions (and table macros) a
// console statement may call: generators of values that read no table,
// file, setting or log. histogram_values(case_records, …), query_table,
// enable_logging, duckdb_logs, read_csv and every function DuckDB adds
// later are refused because they are not listed.
var consoleTableFunctions = map[string]bool{
	"range": true, "generate_series": true, "unnest": true, "repeat": true, "repeat_row": true,
	"json_each": true, "json_tree": true,
}

// deniedScalarFunctions are scalar functions the console refuses: they
// read the settings (current_setting shows the temp and home directory),
// the environment or session variables, or write to DuckDB's log. Scalar
// macros that read a table or call one of these are found in the catalog
// (consolePolicy.unsafeMacros); table functions are allowlisted above.
var deniedScalarFunctions = map[string]bool{
	"current_setting": true, "getenv": true, "getvariable": true, "write_log": true,
	"parse_duckdb_log_message": true,
	// The database's name is the store's file name (consoleleaks.go);
	// nextval and currval look a sequence up by a name that may carry
	// a database.
	"current_database": true, "current_catalog": true, "in_search_path": true,
	"nextval": true, "currval": true,
}

// consolePolicy is what the console's checks need from the catalog; it
// does not change while a store is open (the store is read-only and
// locked).
type consolePolicy struct {
	// relations are the names (lower case) of every table and view in the
	// database, internal ones included: a CTE may not take one of them.
	relations map[string]bool
	// internal are the store's own tables other than consoleTables
	// (for the message of a refusal).
	internal map[string]bool
	// unsafeMacros are scalar macros whose definition reads a table or
	// calls a refused function (e.g. pg_get_viewdef reads duckdb_views()).
	unsafeMacros map[string]bool
}

// consolePolicy reads the catalog once per store.
func (s *Store) consolePolicy(ctx context.Context, conn *sql.Conn) (*consolePolicy, error) {
	s.policyMu.Lock()
	defer s.policyMu.Unlock()
	if s.policy != nil {
		return s.policy, nil
	}
	p := &consolePolicy{relations: map[string]bool{}, internal: map[string]bool{}, unsafeMacros: map[string]bool{}}
	rows, err := conn.QueryContext(ctx, `SELECT lower(table_name), database_name = current_database() AND schema_name = 'main' AND NOT internal FROM duckdb_tables()
		UNION ALL SELECT lower(view_name), false FROM duckdb_views()`)
	if err != nil {
		return nil, fmt.Errorf("reading the catalog: %w", err)
	}
	for rows.Next() {
		var name string
		var own bool
		if err := rows.Scan(&name, &own); err != nil {
			rows.Close()
			return nil, err
		}
		p.relations[name] = true
		if own && !consoleTables[name] {
			p.internal[name] = true
		}
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return nil, err
	}
	// Every macro's definition goes through the same parser and checks;
	// a macro that calls an unsafe macro is unsafe too (to a fixed point).
	defs := map[string][]any{}
	rows, err = conn.QueryContext(ctx, `SELECT lower(function_name), CAST(json_serialize_sql('SELECT ' || macro_definition) AS VARCHAR)
		FROM duckdb_functions() WHERE function_type = 'macro' AND macro_definition IS NOT NULL`)
	if err != nil {
		return nil, fmt.Errorf("reading the catalog's macros: %w", err)
	}
	for rows.Next() {
		var name, js string
		if err := rows.Scan(&name, &js); err != nil {
			rows.Close()
			return nil, err
		}
		var tree any
		dec := json.NewDecoder(strings.NewReader(js))
		dec.UseNumber()
		if err := dec.Decode(&tree); err != nil {
			rows.Close()
			return nil, fmt.Errorf("reading macro %s: %w", name, err)
		}
		if m, ok := tree.(map[string]any); !ok || m["error"] == true {
			// Not parseable as an expression: refuse it rather than guess.
			p.unsafeMacros[name] = true
			continue
		}
		defs[name] = append(defs[name], tree)
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return nil, err
	}
	for changed := true; changed; {
		changed = false
		for name, trees := range defs {
			if p.unsafeMacros[name] {
				continue
			}
			for _, tree := range trees {
				c := &treeCheck{policy: p, ctes: map[string]bool{}}
				if c.walk(tree) != nil {
					p.unsafeMacros[name] = true
					changed = true
					break
				}
			}
		}
	}
	s.policy = p
	return p, nil
}

// Console runs one read-only statement of the analyst's SQL console. A
// refused statement returns a *RefusedError, one DuckDB cannot parse or
// bind an *InvalidQueryError; a statement that runs longer than the time
// limit fails with an error wrapping ErrConsoleTimeout. A result longer
// than the row limit is cut (ConsoleResult.Truncated).
func (s *Store) Console(ctx context.Context, query string, limits ConsoleLimits) (*ConsoleResult, error) {
	limits = limits.WithDefaults()
	start := time.Now()
	if strings.TrimSpace(stripComments(query)) == "" {
		return nil, &RefusedError{What: "empty", Reason: "empty statement: " + allowedQueries}
	}
	ctx, cancel := context.WithTimeout(ctx, limits.Timeout)
	defer cancel()
	res, err := s.console(ctx, query, limits)
	if err != nil {
		if errors.Is(ctx.Err(), context.DeadlineExceeded) {
			return nil, fmt.Errorf("%w: the statement ran longer than %v and was stopped", ErrConsoleTimeout, limits.Timeout)
		}
		var de *duckdb.Error
		if errors.As(err, &de) && de.Type == duckdb.ErrorTypeOutOfMemory {
			return nil, redactError(fmt.Errorf("%w: %v", ErrConsoleMemory, de))
		}
		return nil, redactError(err)
	}
	if kw, _ := leadingKeyword(query); kw == "EXPLAIN" {
		for _, row := range res.Rows {
			for i, v := range row {
				if plan, ok := v.(string); ok {
					row[i] = redactPlan(plan)
				}
			}
		}
	}
	res.Elapsed = time.Since(start)
	return res, nil
}

func (s *Store) console(ctx context.Context, query string, limits ConsoleLimits) (*ConsoleResult, error) {
	conn, err := s.db.Conn(ctx)
	if err != nil {
		return nil, err
	}
	defer conn.Close()
	policy, err := s.consolePolicy(ctx, conn)
	if err != nil {
		return nil, err
	}
	if err := checkConsoleQuery(ctx, conn, query, policy); err != nil {
		return nil, err
	}
	if err := checkStatementType(ctx, conn, query); err != nil {
		return nil, err
	}
	if _, err := conn.ExecContext(ctx, `BEGIN TRANSACTION READ ONLY`); err != nil {
		return nil, fmt.Errorf("starting a read-only transaction: %w", err)
	}
	// Roll back whatever happens (also after the time limit).
	defer conn.ExecContext(context.WithoutCancel(ctx), `ROLLBACK`)
	rows, err := conn.QueryContext(ctx, query)
	if err != nil {
		if ctx.Err() != nil {
			return nil, err
		}
		return nil, &InvalidQueryError{Err: err}
	}
	defer rows.Close()
	cols, err := rows.Columns()
	if err != nil {
		return nil, err
	}
	types, err := rows.ColumnTypes()
	if err != nil {
		return nil, err
	}
	res := &ConsoleResult{Columns: cols, Types: make([]string, len(cols)), MaxRows: limits.MaxRows}
	for i, t := range types {
		res.Types[i] = t.DatabaseTypeName()
	}
	vals := make([]any, len(cols))
	ptrs := make([]any, len(cols))
	for i := range vals {
		ptrs[i] = &vals[i]
	}
	for rows.Next() {
		if len(res.Rows) == limits.MaxRows {
			res.Truncated = true
			break
		}
		if err := rows.Scan(ptrs...); err != nil {
			return nil, err
		}
		row := make([]any, len(cols))
		for i, v := range vals {
			row[i] = normaliseValue(v, res.Types[i])
		}
		res.Rows = append(res.Rows, row)
	}
	if err := rows.Err(); err != nil {
		return nil, err
	}
	return res, nil
}

// checkConsoleQuery parses the statement with DuckDB's parser (which
// neither binds nor executes) and refuses anything but a single query over
// allowed tables and functions. EXPLAIN is not serialisable, so the query
// after it is checked instead.
func checkConsoleQuery(ctx context.Context, conn *sql.Conn, query string, policy *consolePolicy) error {
	kw, rest := leadingKeyword(query)
	if kw == "EXPLAIN" {
		rest = strings.TrimLeft(rest, " \t\r\n")
		if k2, r2 := leadingKeyword(rest); k2 == "ANALYZE" || k2 == "ANALYSE" {
			rest = r2
		}
		if k2, _ := leadingKeyword(rest); k2 == "EXPLAIN" {
			return &RefusedError{What: "EXPLAIN", Reason: "nested EXPLAIN: " + allowedQueries}
		}
		return checkConsoleQuery(ctx, conn, rest, policy)
	}
	var js string
	err := conn.QueryRowContext(ctx, `SELECT CAST(json_serialize_sql(CAST(? AS VARCHAR)) AS VARCHAR)`, query).Scan(&js)
	if err != nil {
		return fmt.Errorf("parsing the statement: %w", err)
	}
	var parsed struct {
		Error      bool              `json:"error"`
		ErrorType  string            `json:"error_type"`
		ErrorMsg   string            `json:"error_message"`
		Position   string            `json:"position"`
		Statements []json.RawMessage `json:"statements"`
	}
	if err := json.Unmarshal([]byte(js), &parsed); err != nil {
		return fmt.Errorf("parsing the statement: %w", err)
	}
	if parsed.Error {
		if parsed.ErrorType == "parser" {
			msg := "syntax error: " + parsed.ErrorMsg
			if caret := syntaxCaret(query, parsed.Position); caret != "" {
				msg += "\n\n" + caret
			}
			return &InvalidQueryError{Err: errors.New(msg)}
		}
		// DuckDB parsed it, but it is not a query (or not only one).
		if multipleStatements(query) {
			return refuseMultiple()
		}
		what := kw
		if what == "" {
			what = "statement"
		}
		return &RefusedError{What: what, Reason: what + " statements are not allowed: " + allowedQueries}
	}
	switch len(parsed.Statements) {
	case 0:
		return &RefusedError{What: "empty", Reason: "empty statement: " + allowedQueries}
	case 1:
	default:
		return refuseMultiple()
	}
	var tree any
	dec := json.NewDecoder(strings.NewReader(string(parsed.Statements[0])))
	dec.UseNumber()
	if err := dec.Decode(&tree); err != nil {
		return fmt.Errorf("parsing the statement: %w", err)
	}
	return checkTree(tree, policy)
}

func refuseMultiple() error {
	return &RefusedError{What: "multiple statements", Reason: "multiple statements: " + allowedQueries}
}

// treeCheck walks a serialised parse tree (json_serialize_sql) and
// refuses every table reference, table function and function call that
// the console's allowlists do not admit.
type treeCheck struct {
	policy *consolePolicy
	// ctes are the names the statement defines with WITH (lower case).
	ctes map[string]bool
}

func checkTree(tree any, p *consolePolicy) error {
	c := &treeCheck{policy: p, ctes: map[string]bool{}}
	c.collectCTEs(tree)
	for name := range c.ctes {
		// Outside its scope a CTE's name would reach the relation of
		// the same name; such a name is refused wherever it appears.
		if p.relations[name] && !consoleTables[name] {
			return c.refuseTable("", "", name)
		}
		if err := checkFileName(name); err != nil {
			return err
		}
	}
	return c.walk(tree)
}

// collectCTEs gathers the names of every WITH clause in the tree.
func (c *treeCheck) collectCTEs(n any) {
	switch n := n.(type) {
	case map[string]any:
		if cm, ok := n["cte_map"].(map[string]any); ok {
			if entries, ok := cm["map"].([]any); ok {
				for _, e := range entries {
					if em, ok := e.(map[string]any); ok {
						if k, ok := em["key"].(string); ok {
							c.ctes[strings.ToLower(k)] = true
						}
					}
				}
			}
		}
		for _, v := range n {
			c.collectCTEs(v)
		}
	case []any:
		for _, v := range n {
			c.collectCTEs(v)
		}
	}
}

func (c *treeCheck) walk(n any) error {
	switch n := n.(type) {
	case map[string]any:
		typ, _ := n["type"].(string)
		_, isExpr := n["class"]
		switch {
		case typ == "BASE_TABLE" && !isExpr:
			if err := c.checkTable(n); err != nil {
				return err
			}
		case typ == "TABLE_FUNCTION" && !isExpr:
			fn, _ := n["function"].(map[string]any)
			name, _ := fn["function_name"].(string)
			if !consoleTableFunctions[strings.ToLower(name)] {
				return refuseFunction(name)
			}
		case typ == "SHOW_REF" && !isExpr:
			// DESCRIBE and SUMMARIZE carry their query (checked below);
			// SHOW TABLES lists the names of the tables, not their rows.
			if name, _ := n["table_name"].(string); name != "" && strings.ToLower(strings.Trim(name, `"`)) != "tables" {
				return &RefusedError{What: "SHOW " + name, Reason: "only SHOW TABLES, DESCRIBE and SUMMARIZE are allowed: " + allowedQueries}
			}
		}
		if fn, ok := n["function_name"].(string); ok && isExpr {
			l := strings.ToLower(fn)
			if deniedScalarFunctions[l] || c.policy.unsafeMacros[l] {
				return refuseFunction(fn)
			}
		}
		if err := checkDatabaseQualifier(n, typ, isExpr); err != nil {
			return err
		}
		for _, v := range n {
			if err := c.walk(v); err != nil {
				return err
			}
		}
	case []any:
		for _, v := range n {
			if err := c.walk(v); err != nil {
				return err
			}
		}
	}
	return nil
}

// checkDatabaseQualifier refuses a name qualified by a database: a
// table, function or type with a catalog, or a column written
// database.schema.table.column or database.table.column. Whatever the
// database, so that a right guess of the store's name (its file name)
// gets the same answer as a wrong one (consoleleaks.go). A column of
// three parts is allowed when the first is the schema main.
func checkDatabaseQualifier(n map[string]any, typ string, isExpr bool) error {
	for _, key := range []string{"catalog", "catalog_name"} {
		if db, _ := n[key].(string); db != "" {
			return refuseQualified(db + ".…")
		}
	}
	if typ == "COLUMN_REF" && isExpr {
		parts, _ := n["column_names"].([]any)
		if len(parts) >= 3 && !(len(parts) == 3 && strings.EqualFold(fmt.Sprint(parts[0]), "main")) {
			names := make([]string, len(parts))
			for i, p := range parts {
				names[i], _ = p.(string)
			}
			return refuseQualified(strings.Join(names, "."))
		}
	}
	return nil
}

func refuseQualified(name string) error {
	return &RefusedError{What: "qualified name",
		Reason: fmt.Sprintf("%s names a database: write table.column or main.table.column (a struct's field as (table.column).field)", name)}
}

func refuseFunction(name string) error {
	l := strings.ToLower(name)
	return &RefusedError{What: "function " + l,
		Reason: "function " + l + " is not allowed: the console reads the tables cases and figures only (no other table, file, setting or log)"}
}

// checkTable admits a reference to cases or figures (optionally in
// schema main) or to a CTE of the statement, and nothing else.
func (c *treeCheck) checkTable(n map[string]any) error {
	catalog, _ := n["catalog_name"].(string)
	schema, _ := n["schema_name"].(string)
	name, _ := n["table_name"].(string)
	l := strings.ToLower(name)
	if err := checkFileName(name); err != nil {
		return err
	}
	if catalog == "" && (schema == "" || strings.EqualFold(schema, "main")) && consoleTables[l] {
		return nil
	}
	if catalog == "" && schema == "" && c.ctes[l] {
		return nil
	}
	return c.refuseTable(catalog, schema, l)
}

func (c *treeCheck) refuseTable(catalog, schema, name string) error {
	if (schema == "" || strings.EqualFold(schema, "main")) && c.policy.internal[name] {
		return &RefusedError{What: "internal table " + name,
			Reason: "table " + name + " is internal: query the view cases (one row per case) and the table figures"}
	}
	full := name
	for _, q := range []string{schema, catalog} {
		if q != "" {
			full = strings.ToLower(q) + "." + full
		}
	}
	return &RefusedError{What: "table " + full,
		Reason: "table " + full + " is not available: the console reads the view cases (one row per case) and the table figures"}
}

// checkFileName refuses a table name that DuckDB would read as a file
// (a replacement scan such as FROM 'x.csv').
func checkFileName(name string) error {
	if strings.ContainsAny(name, "./\\:*?") {
		return &RefusedError{What: "file " + name,
			Reason: fmt.Sprintf("%q looks like a file: the console reads the tables cases and figures only", name)}
	}
	return nil
}

// checkStatementType prepares the single statement on conn (which binds
// it but does not execute it) and requires DuckDB's statement type SELECT
// or EXPLAIN.
func checkStatementType(ctx context.Context, conn *sql.Conn, query string) error {
	var st duckdb.StmtType
	err := conn.Raw(func(dc any) error {
		pc, ok := dc.(driver.ConnPrepareContext)
		if !ok {
			return errors.New("driver cannot prepare statements")
		}
		stmt, err := pc.PrepareContext(ctx, query)
		if err != nil {
			return &InvalidQueryError{Err: err}
		}
		defer stmt.Close()
		ds, ok := stmt.(*duckdb.Stmt)
		if !ok {
			return errors.New("not a DuckDB statement")
		}
		st, err = ds.StatementType()
		return err
	})
	if err != nil {
		return err
	}
	if st != duckdb.STATEMENT_TYPE_SELECT && st != duckdb.STATEMENT_TYPE_EXPLAIN {
		return &RefusedError{What: "statement type", Reason: "not a read-only query: " + allowedQueries}
	}
	return nil
}

// sqlLexer walks SQL text outside comments and quotes. It serves the
// messages only (which keyword, several statements?); the decision to
// refuse always comes from DuckDB's parser.
type sqlLexer struct {
	s string
	i int
}

// skipSpace skips white space and comments.
func (l *sqlLexer) skipSpace() {
	for l.i < len(l.s) {
		c := l.s[l.i]
		switch {
		case c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f':
			l.i++
		case strings.HasPrefix(l.s[l.i:], "--"):
			if j := strings.IndexByte(l.s[l.i:], '\n'); j >= 0 {
				l.i += j + 1
			} else {
				l.i = len(l.s)
			}
		case strings.HasPrefix(l.s[l.i:], "/*"):
			depth := 0
			for l.i < len(l.s) {
				if strings.HasPrefix(l.s[l.i:], "/*") {
					depth++
					l.i += 2
				} else if strings.HasPrefix(l.s[l.i:], "*/") {
					depth--
					l.i += 2
					if depth == 0 {
						break
					}
				} else {
					l.i++
				}
			}
		default:
			return
		}
	}
}

// skipToken skips one token: a quoted string or identifier, a dollar-quoted
// string, a word or a single other character.
func (l *sqlLexer) skipToken() {
	c := l.s[l.i]
	switch {
	case c == '\'' || c == '"':
		l.i++
		for l.i < len(l.s) {
			if l.s[l.i] == c {
				if l.i+1 < len(l.s) && l.s[l.i+1] == c {
					l.i += 2
					continue
				}
				l.i++
				return
			}
			l.i++
		}
	case c == '$':
		j := strings.IndexByte(l.s[l.i+1:], '$')
		if j >= 0 && isWord(l.s[l.i+1:l.i+1+j]) {
			tag := l.s[l.i : l.i+j+2]
			if k := strings.Index(l.s[l.i+len(tag):], tag); k >= 0 {
				l.i += len(tag) + k + len(tag)
				return
			}
			l.i = len(l.s)
			return
		}
		l.i++
	case isWordByte(c):
		for l.i < len(l.s) && isWordByte(l.s[l.i]) {
			l.i++
		}
	default:
		l.i++
	}
}

func isWordByte(c byte) bool {
	return c == '_' || 'a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' || '0' <= c && c <= '9' || c >= 0x80
}

func isWord(s string) bool {
	for i := 0; i < len(s); i++ {
		if !isWordByte(s[i]) {
			return false
		}
	}
	return true
}

// leadingKeyword returns the first word of a statement in upper case
// (skipping comments and opening parentheses) and the text after it.
func leadingKeyword(q string) (string, string) {
	l := sqlLexer{s: q}
	for {
		l.skipSpace()
		if l.i < len(l.s) && l.s[l.i] == '(' {
			l.i++
			continue
		}
		break
	}
	if l.i >= len(l.s) || !isWordByte(l.s[l.i]) {
		return "", q[l.i:]
	}
	start := l.i
	l.skipToken()
	return strings.ToUpper(q[start:l.i]), q[l.i:]
}

// multipleStatements reports whether q has a ';' outside quotes and
// comments that is followed by more than white space, comments and ';'.
func multipleStatements(q string) bool {
	l := sqlLexer{s: q}
	seenSemicolon := false
	for {
		l.skipSpace()
		if l.i >= len(l.s) {
			return false
		}
		if l.s[l.i] == ';' {
			seenSemicolon = true
			l.i++
			continue
		}
		if seenSemicolon {
			return true
		}
		l.skipToken()
	}
}

// stripComments removes comments (for the emptiness check).
func stripComments(q string) string {
	var b strings.Builder
	l := sqlLexer{s: q}
	for {
		l.skipSpace()
		if l.i >= len(l.s) {
			return b.String()
		}
		start := l.i
		l.skipToken()
		b.WriteString(q[start:l.i])
		b.WriteByte(' ')
	}
}

// normaliseValue converts a scanned DuckDB value to nil, bool, int64,
// uint64, float64 or string (or, for LIST and STRUCT values, []any and
// map[string]any of those), so that results print and encode alike.
func normaliseValue(v any, dbType string) any {
	switch x := v.(type) {
	case nil, bool, string, int64:
		return x
	case int:
		return int64(x)
	case int8:
		return int64(x)
	case int16:
		return int64(x)
	case int32:
		return int64(x)
	case uint8:
		return int64(x)
	case uint16:
		return int64(x)
	case uint32:
		return int64(x)
	case uint64:
		if x <= math.MaxInt64 {
			return int64(x)
		}
		return x
	case float32:
		return normaliseFloat(float64(x))
	case float64:
		return normaliseFloat(x)
	case *big.Int:
		return x.String()
	case duckdb.Decimal:
		return x.String()
	case duckdb.UUID:
		return x.String()
	case *duckdb.UUID:
		return x.String()
	case duckdb.Interval:
		return fmt.Sprintf("%d months %d days %d µs", x.Months, x.Days, x.Micros)
	case time.Time:
		return formatTime(x, dbType)
	case []byte:
		return fmt.Sprintf("\\x%x", x)
	case []any:
		out := make([]any, len(x))
		for i, e := range x {
			out[i] = normaliseValue(e, "")
		}
		return out
	case map[string]any:
		out := make(map[string]any, len(x))
		for k, e := range x {
			out[k] = normaliseValue(e, "")
		}
		return out
	}
	return fmt.Sprint(v)
}

func normaliseFloat(f float64) any {
	if math.IsNaN(f) || math.IsInf(f, 0) {
		return strconv.FormatFloat(f, 'g', -1, 64)
	}
	return f
}

func formatTime(t time.Time, dbType string) string {
	switch strings.ToUpper(dbType) {
	case "DATE":
		return t.Format("2006-01-02")
	case "TIME", "TIME_NS":
		return t.Format("15:04:05.999999")
	case "TIMESTAMPTZ", "TIMESTAMP WITH TIME ZONE":
		return t.Format(time.RFC3339Nano)
	}
	return t.Format("2006-01-02 15:04:05.999999")
}

// FormatConsoleValue renders a normalised console value as text: NULL as
// the empty string, numbers in plain notation without thousands
// separators, nested values as JSON.
func FormatConsoleValue(v any) string {
	switch x := v.(type) {
	case nil:
		return ""
	case string:
		return x
	case bool:
		return strconv.FormatBool(x)
	case int64:
		return strconv.FormatInt(x, 10)
	case uint64:
		return strconv.FormatUint(x, 10)
	case float64:
		if math.Abs(x) < 1e15 {
			return strconv.FormatFloat(x, 'f', -1, 64)
		}
		return strconv.FormatFloat(x, 'g', -1, 64)
	}
	b, err := json.Marshal(v)
	if err != nil {
		return fmt.Sprint(v)
	}
	return string(b)
}
