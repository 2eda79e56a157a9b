package queries

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"testing"
)

// TestConsoleReachesOnlyCasesAndFigures is issue #17 items 2 and 3: the
// console reaches the view cases and the table figures and nothing else,
// whatever expression names another table (a table function taking a
// table, a table macro, a catalog view, a scalar macro that reads the
// catalog) or changes the database's state (logging).
func TestConsoleReachesOnlyCasesAndFigures(t *testing.T) {
	s := openCases(t, randomCases(4, 200), nil)
	ctx := context.Background()
	before := storeFingerprint(t, s)
	logDir := t.TempDir()
	logPath := filepath.Join(logDir, "duckdb-log")
	for _, tc := range []struct{ sql, what string }{
		// Item 2: logging escapes the locked configuration.
		{`SELECT * FROM enable_logging(storage:='file', storage_path:='` + logPath + `')`, "function enable_logging"},
		{`SELECT * FROM enable_logging()`, "function enable_logging"},
		{`SELECT * FROM duckdb_logs()`, "function duckdb_logs"},
		{`SELECT * FROM duckdb_logs_parsed('QueryLog')`, "function duckdb_logs_parsed"},
		{`SELECT write_log('x')`, "function write_log"},
		{`SELECT * FROM truncate_duckdb_logs()`, "function truncate_duckdb_logs"},
		// Item 3: internal tables through table functions and macros.
		{`SELECT * FROM histogram_values(case_records, case_id || ':' || rkey::VARCHAR)`, "function histogram_values"},
		{`SELECT * FROM histogram(store_meta, key || '=' || value)`, "function histogram"},
		{`SELECT * FROM histogram_values(import_log, 1)`, "function histogram_values"},
		{`SELECT * FROM cases, LATERAL (SELECT * FROM query_table('store_meta'))`, "function query_table"},
		{`SELECT * FROM main.histogram_values(case_records, rkey)`, "function histogram_values"},
		{`SELECT * FROM seq_scan()`, "function seq_scan"},
		{`SELECT * FROM read_duckdb('x.db')`, "function read_duckdb"},
		{`SELECT * FROM json_execute_serialized_sql('{}')`, "function json_execute_serialized_sql"},
		{`SELECT * FROM duckdb_tables()`, "function duckdb_tables"},
		{`SELECT * FROM duckdb_columns()`, "function duckdb_columns"},
		{`SELECT * FROM duckdb_settings()`, "function duckdb_settings"},
		{`SELECT * FROM duckdb_databases()`, "function duckdb_databases"},
		{`SELECT * FROM pragma_table_info('case_records')`, "function pragma_table_info"},
		{`SELECT * FROM test_all_types()`, "function test_all_types"},
		// Catalog views and qualified names.
		{`SELECT * FROM duckdb_tables`, "table duckdb_tables"},
		{`SELECT * FROM information_schema.tables`, "table information_schema.tables"},
		{`SELECT * FROM sqlite_master`, "table sqlite_master"},
		{`SELECT * FROM pg_catalog.pg_class`, "table pg_catalog.pg_class"},
		{`SELECT * FROM memory.main.cases`, "table memory.main.cases"},
		// A CTE may not shadow a relation: out of its scope the name
		// would reach the relation itself.
		{`WITH store_meta AS (SELECT 1) SELECT * FROM (SELECT * FROM store_meta)`, "internal table store_meta"},
		{`WITH x AS (SELECT 1) SELECT * FROM x, (WITH case_records AS (SELECT 2) SELECT 1) y, case_records`, "internal table case_records"},
		// Scalar functions that read the catalog or the settings.
		{`SELECT pg_get_viewdef(view_oid) FROM (SELECT 1 AS view_oid)`, "function pg_get_viewdef"},
		{`SELECT current_setting('temp_directory')`, "function current_setting"},
		{`SELECT current_setting('home_directory')`, "function current_setting"},
		{`SELECT getvariable('x')`, "function getvariable"},
		{`SELECT count(*) FROM cases WHERE (SELECT get_block_size('memory')) > 0`, "function get_block_size"},
	} {
		_, err := s.Console(ctx, tc.sql, ConsoleLimits{})
		var re *RefusedError
		if !errors.As(err, &re) {
			t.Errorf("%q: err %v, want a refusal", tc.sql, err)
			continue
		}
		if re.What != tc.what {
			t.Errorf("%q: refused as %q, want %q (%v)", tc.sql, re.What, tc.what, err)
		}
	}
	if after := storeFingerprint(t, s); after != before {
		t.Errorf("store changed:\n%s\n%s", before, after)
	}
	if entries, _ := os.ReadDir(logDir); len(entries) > 0 {
		t.Errorf("a statement wrote DuckDB's log to %s", logDir)
	}
	// What analysts need keeps working.
	for _, q := range []string{
		`SELECT count(*) FROM cases`,
		`SELECT * FROM figures`,
		`SELECT max(r) FROM range(0, 1000) t(r)`,
		`SELECT * FROM generate_series(1, 3)`,
		`SELECT unnest([1, 2, 3])`,
		`SELECT * FROM unnest([1, 2])`,
		`WITH y AS (SELECT year(intake) AS y FROM cases), z AS (SELECT * FROM y) SELECT count(*) FROM z`,
		`WITH RECURSIVE t(n) AS (SELECT 1 UNION ALL SELECT n + 1 FROM t WHERE n < 5) SELECT * FROM t`,
		`SELECT * FROM main.cases LIMIT 1`,
		`DESCRIBE cases`,
		`SUMMARIZE SELECT state FROM cases`,
		`SHOW TABLES`,
		`SELECT state, count(*) FROM cases GROUP BY ALL HAVING count(*) > 0 ORDER BY 1`,
		`SELECT list_transform([1, 2], x -> x + 1), upper('a'), pg_typeof(1)`,
	} {
		if _, err := s.Console(ctx, q, ConsoleLimits{}); err != nil {
			t.Errorf("%q: %v", q, err)
		}
	}
}

// TestConsoleLoggingStaysOff checks the effect behind item 2, not only the
// refusal: after an attempt to switch logging on, no statement of any
// later console call is visible in DuckDB's log.
func TestConsoleLoggingStaysOff(t *testing.T) {
	s := openCases(t, randomCases(4, 50), nil)
	ctx := context.Background()
	s.Console(ctx, `SELECT * FROM enable_logging()`, ConsoleLimits{})
	secret := "SELECT 'another session''s statement' AS s"
	if _, err := s.Console(ctx, secret, ConsoleLimits{}); err != nil {
		t.Fatal(err)
	}
	var n int
	if err := s.db.QueryRowContext(ctx, `SELECT count(*) FROM duckdb_logs() WHERE message LIKE '%another session%'`).Scan(&n); err != nil {
		t.Fatal(err)
	}
	if n != 0 {
		t.Errorf("DuckDB logged %d console statements after enable_logging() from the console", n)
	}
}
