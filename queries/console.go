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
//     EXPLAIN of such a query). Its parse tree must not name an internal
//     table (case_records, record_key_secret, store_meta, import_log), a
//     file (replacement scans such as FROM 'x.csv') or a function that
//     reads files, runs SQL from a string or reads the environment.
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

func (l ConsoleLimits) withDefaults() ConsoleLimits {
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

func (e *RefusedError) Error() string {
	return "refused: " + e.Reason + "; nothing was run or changed"
}

// InvalidQueryError is a statement DuckDB cannot parse or bind (a syntax
// error, an unknown table or column). Nothing was executed.
type InvalidQueryError struct{ Err error }

func (e *InvalidQueryError) Error() string { return "invalid query: " + e.Err.Error() }
func (e *InvalidQueryError) Unwrap() error { return e.Err }

// ErrConsoleTimeout is wrapped by the error of a statement that hit its
// time limit.
var ErrConsoleTimeout = errors.New("time limit exceeded")

// allowedQueries is named in refusals.
const allowedQueries = "the console runs a single read-only query (SELECT, WITH, VALUES, FROM, TABLE, DESCRIBE, SHOW, SUMMARIZE or EXPLAIN of a query)"

// internalTables are store tables the console never reads: the record
// keys of the disclosure control live in case_records (users query the
// view `cases`), the secret they are keyed by in record_key_secret (with
// it and the exports, anyone could compute them), store_meta and
// import_log describe the store.
var internalTables = map[string]bool{"case_records": true, "record_key_secret": true, "store_meta": true, "import_log": true}

// forbiddenFunction reports whether the console refuses a function: file
// readers and scanners of other databases (even though external access is
// disabled), functions that run SQL given as a string (they would bypass
// these checks), the environment, and checkpoints.
func forbiddenFunction(name string) bool {
	name = strings.ToLower(name)
	for _, p := range []string{"read_", "parquet_", "sniff_", "iceberg_", "delta_", "sqlite_", "postgres_",
		"mysql_", "st_read", "csv_", "json_execute", "ducklake_"} {
		if strings.HasPrefix(name, p) {
			return true
		}
	}
	switch name {
	case "glob", "query", "query_table", "getenv", "checkpoint", "force_checkpoint", "read_text", "read_blob",
		"load_extension", "install_extension", "copy_database", "export_database", "pragma_storage_info":
		return true
	}
	return false
}

// Console runs one read-only statement of the analyst's SQL console. A
// refused statement returns a *RefusedError, one DuckDB cannot parse or
// bind an *InvalidQueryError; a statement that runs longer than the time
// limit fails with an error wrapping ErrConsoleTimeout. A result longer
// than the row limit is cut (ConsoleResult.Truncated).
func (s *Store) Console(ctx context.Context, query string, limits ConsoleLimits) (*ConsoleResult, error) {
	limits = limits.withDefaults()
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
		return nil, err
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
	if err := checkConsoleQuery(ctx, conn, query); err != nil {
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
func checkConsoleQuery(ctx context.Context, conn *sql.Conn, query string) error {
	kw, rest := leadingKeyword(query)
	if kw == "EXPLAIN" {
		rest = strings.TrimLeft(rest, " \t\r\n")
		if k2, r2 := leadingKeyword(rest); k2 == "ANALYZE" || k2 == "ANALYSE" {
			rest = r2
		}
		if k2, _ := leadingKeyword(rest); k2 == "EXPLAIN" {
			return &RefusedError{What: "EXPLAIN", Reason: "nested EXPLAIN: " + allowedQueries}
		}
		return checkConsoleQuery(ctx, conn, rest)
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
		Statements []json.RawMessage `json:"statements"`
	}
	if err := json.Unmarshal([]byte(js), &parsed); err != nil {
		return fmt.Errorf("parsing the statement: %w", err)
	}
	if parsed.Error {
		if parsed.ErrorType == "parser" {
			return &InvalidQueryError{Err: errors.New("syntax error: " + parsed.ErrorMsg)}
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
	return checkTree(tree)
}

func refuseMultiple() error {
	return &RefusedError{What: "multiple statements", Reason: "multiple statements: " + allowedQueries}
}

// checkTree walks a serialised parse tree and refuses references to
// internal tables, files and forbidden functions.
func checkTree(n any) error {
	switch n := n.(type) {
	case map[string]any:
		typ, _ := n["type"].(string)
		if typ == "BASE_TABLE" || typ == "SHOW_REF" {
			name, _ := n["table_name"].(string)
			if err := checkTableName(strings.Trim(name, `"`)); err != nil {
				return err
			}
		}
		if fn, ok := n["function_name"].(string); ok && forbiddenFunction(fn) {
			return &RefusedError{What: "function " + strings.ToLower(fn),
				Reason: "function " + strings.ToLower(fn) + " is not allowed: the console reads the tables cases and figures only (no files, no SQL from strings)"}
		}
		for _, v := range n {
			if err := checkTree(v); err != nil {
				return err
			}
		}
	case []any:
		for _, v := range n {
			if err := checkTree(v); err != nil {
				return err
			}
		}
	}
	return nil
}

func checkTableName(name string) error {
	l := strings.ToLower(name)
	if internalTables[l] {
		return &RefusedError{What: "internal table " + l,
			Reason: "table " + l + " is internal: query the view cases (one row per case) and the table figures"}
	}
	if strings.ContainsAny(l, "./\\:*?") {
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
