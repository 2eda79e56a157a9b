package queries

import (
	"context"
	"errors"
	"os"
	"strings"
	"testing"
	"time"

	"lagebild/datasets/schema"
)

// storeFingerprint summarises everything a statement could change.
func storeFingerprint(t *testing.T, s *Store) string {
	t.Helper()
	var b strings.Builder
	for _, q := range []string{
		`SELECT count(*)::VARCHAR || ':' || coalesce(sum(rkey), 0)::VARCHAR FROM case_records`,
		`SELECT count(*)::VARCHAR || ':' || coalesce(sum(value), 0)::VARCHAR FROM figures`,
		`SELECT string_agg(key || '=' || value, ',' ORDER BY key) FROM store_meta`,
		`SELECT count(*)::VARCHAR FROM import_log`,
		`SELECT string_agg(table_name, ',' ORDER BY table_name) FROM duckdb_tables()`,
		`SELECT string_agg(view_name, ',' ORDER BY view_name) FROM duckdb_views() WHERE NOT internal`,
		`SELECT current_setting('threads')::VARCHAR || current_setting('enable_external_access')::VARCHAR`,
	} {
		var v *string
		if err := s.db.QueryRow(q).Scan(&v); err != nil {
			t.Fatalf("%s: %v", q, err)
		}
		if v != nil {
			b.WriteString(*v)
		}
		b.WriteString("|")
	}
	return b.String()
}

func TestConsoleRefusals(t *testing.T) {
	s := openCases(t, randomCases(3, 200), nil)
	ctx := context.Background()
	before := storeFingerprint(t, s)
	for _, tc := range []struct {
		sql, what string
	}{
		{`INSERT INTO figures VALUES (2030, 'person_potential', 'right_wing', 1, 'persons', 's', 'r', NULL)`, "INSERT"},
		{`UPDATE figures SET value = 0`, "UPDATE"},
		{`DELETE FROM case_records`, "DELETE"},
		{`delete from figures`, "DELETE"},
		{`CREATE TABLE x AS SELECT 1`, "CREATE"},
		{`CREATE TEMP TABLE x AS SELECT * FROM cases`, "CREATE"},
		{`CREATE VIEW v AS SELECT 1`, "CREATE"},
		{`DROP VIEW cases`, "DROP"},
		{`DROP TABLE figures`, "DROP"},
		{`ALTER TABLE figures ADD COLUMN x INTEGER`, "ALTER"},
		{`ATTACH '/tmp/lagebild-console-attack.duckdb' AS x`, "ATTACH"},
		{`DETACH memory`, "DETACH"},
		{`COPY (SELECT * FROM cases) TO '/tmp/lagebild-console-attack.csv'`, "COPY"},
		{`COPY figures FROM '/etc/passwd'`, "COPY"},
		{`EXPORT DATABASE '/tmp/lagebild-console-export'`, "EXPORT"},
		{`INSTALL httpfs`, "INSTALL"},
		{`LOAD httpfs`, "LOAD"},
		{`SET threads = 1`, "SET"},
		{`SET GLOBAL enable_external_access = true`, "SET"},
		{`RESET threads`, "RESET"},
		{`PRAGMA table_info('cases')`, "PRAGMA"},
		{`PRAGMA enable_profiling`, "PRAGMA"},
		{`CALL pragma_version()`, "CALL"},
		{`CHECKPOINT`, "CHECKPOINT"},
		{`BEGIN TRANSACTION`, "BEGIN"},
		{`USE memory`, "USE"},
		{`SELECT * FROM read_csv('/etc/passwd')`, "function read_csv"},
		{`SELECT * FROM read_csv_auto('/etc/passwd')`, "function read_csv_auto"},
		{`SELECT * FROM read_parquet('/tmp/x.parquet')`, "function read_parquet"},
		{`SELECT * FROM read_json('/tmp/x.json')`, "function read_json"},
		{`SELECT * FROM read_text('/etc/hostname')`, "function read_text"},
		{`SELECT * FROM read_blob('/etc/hostname')`, "function read_blob"},
		{`SELECT * FROM glob('/etc/*')`, "function glob"},
		{`SELECT * FROM parquet_scan('/tmp/x.parquet')`, "function parquet_scan"},
		{`SELECT count(*) FROM cases WHERE EXISTS (SELECT 1 FROM READ_CSV('/etc/passwd'))`, "function read_csv"},
		{`SELECT * FROM '/etc/passwd'`, "file /etc/passwd"},
		{`FROM 'cases.csv'`, "file cases.csv"},
		{`SELECT * FROM query('SELECT * FROM case_records')`, "function query"},
		{`SELECT * FROM query_table('case_records')`, "function query_table"},
		{`SELECT * FROM case_records`, "internal table case_records"},
		{`SELECT rkey FROM "CASE_RECORDS"`, "internal table case_records"},
		{`SELECT * FROM memory.main.case_records`, "internal table case_records"},
		{`SELECT * FROM cases JOIN case_records USING (case_id)`, "internal table case_records"},
		{`WITH x AS (SELECT * FROM store_meta) SELECT * FROM x`, "internal table store_meta"},
		{`SELECT * FROM cases WHERE case_id IN (SELECT case_id FROM case_records)`, "internal table case_records"},
		{`SELECT * FROM import_log`, "internal table import_log"},
		{`DESCRIBE case_records`, "internal table case_records"},
		{`SUMMARIZE case_records`, "internal table case_records"},
		{`EXPLAIN SELECT * FROM case_records`, "internal table case_records"},
		{`EXPLAIN ANALYZE DELETE FROM figures`, "DELETE"},
		{`SELECT 1; SELECT 2`, "multiple statements"},
		{`SELECT 1; DELETE FROM figures`, "multiple statements"},
		{`SELECT count(*) FROM cases; DROP TABLE figures;`, "multiple statements"},
		{`/* comment */ -- only comments`, "empty"},
		{`   `, "empty"},
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
		if !strings.Contains(err.Error(), "nothing was run or changed") {
			t.Errorf("%q: message %q", tc.sql, err)
		}
	}
	if after := storeFingerprint(t, s); after != before {
		t.Errorf("store changed:\n%s\n%s", before, after)
	}
	for _, f := range []string{"/tmp/lagebild-console-attack.csv", "/tmp/lagebild-console-attack.duckdb", "/tmp/lagebild-console-export"} {
		if _, err := os.Stat(f); err == nil {
			t.Errorf("%s was written", f)
		}
	}
}

func TestConsoleInvalid(t *testing.T) {
	s := openCases(t, randomCases(3, 20), nil)
	for _, q := range []string{`SELEC 1`, `SELECT nope FROM cases`, `SELECT * FROM nonexistent`, `SELECT getenv('HOME')`} {
		_, err := s.Console(context.Background(), q, ConsoleLimits{})
		var ie *InvalidQueryError
		var re *RefusedError
		if !errors.As(err, &ie) && !errors.As(err, &re) {
			t.Errorf("%q: err %v, want invalid query or refusal", q, err)
		}
	}
}

func TestConsoleQueries(t *testing.T) {
	cases := randomCases(5, 300)
	s := openCases(t, cases, nil)
	ctx := context.Background()
	// cases has every column of the schema but the exact age (stored as age_band).
	columns := len(schema.Columns) - 1
	for _, tc := range []struct {
		sql  string
		rows int
	}{
		{`SELECT count(*) AS n FROM cases`, 1},
		{`  -- a comment first
		  SELECT phenomenon, count(*) FROM cases GROUP BY ALL ORDER BY 1`, 6},
		{`WITH y AS (SELECT year(intake) AS y FROM cases) SELECT y, count(*) FROM y GROUP BY y ORDER BY y`, 10},
		{`FROM cases LIMIT 3`, 3},
		{`VALUES (1, 'a'), (2, 'b')`, 2},
		{`DESCRIBE cases`, columns},
		{`SHOW TABLES`, -1},
		{`SUMMARIZE cases`, columns},
		{`EXPLAIN SELECT count(*) FROM cases`, -1},
		{`(SELECT 1) UNION ALL (SELECT 2);`, 2},
		{`SELECT * FROM figures`, 0},
		{`SELECT 'a;b' AS semicolon_in_string`, 1},
		{`SELECT intake, closed, contacts, multi_agency, 1.5::DECIMAL(4,2) AS d, 2::HUGEINT AS h, [1,2] AS l, {'a': 1} AS st FROM cases LIMIT 1`, 1},
	} {
		res, err := s.Console(ctx, tc.sql, ConsoleLimits{})
		if err != nil {
			t.Errorf("%q: %v", tc.sql, err)
			continue
		}
		if tc.rows >= 0 && len(res.Rows) != tc.rows {
			t.Errorf("%q: %d rows, want %d", tc.sql, len(res.Rows), tc.rows)
		}
		if res.Truncated {
			t.Errorf("%q truncated", tc.sql)
		}
	}
	res, err := s.Console(ctx, `SELECT count(*) AS n, min(intake) AS first FROM cases`, ConsoleLimits{})
	if err != nil {
		t.Fatal(err)
	}
	if res.Columns[0] != "n" || res.Rows[0][0] != int64(300) || !res.Numeric(0) || res.Numeric(1) {
		t.Errorf("result %+v", res)
	}
	if s, ok := res.Rows[0][1].(string); !ok || len(s) != 10 {
		t.Errorf("date rendered as %#v", res.Rows[0][1])
	}
	res, err = s.Console(ctx, `SELECT 1.5::DECIMAL(4,2) AS d, 2::HUGEINT AS h, NULL AS z, 0.1 + 0.2 AS f`, ConsoleLimits{})
	if err != nil {
		t.Fatal(err)
	}
	got := []string{}
	for _, v := range res.Rows[0] {
		got = append(got, FormatConsoleValue(v))
	}
	if strings.Join(got, "|") != "1.5|2||0.3" {
		t.Errorf("formatted %q", got)
	}
}

func TestConsoleLimits(t *testing.T) {
	s := openCases(t, randomCases(5, 300), nil)
	ctx := context.Background()
	res, err := s.Console(ctx, `SELECT * FROM cases`, ConsoleLimits{MaxRows: 100})
	if err != nil {
		t.Fatal(err)
	}
	if len(res.Rows) != 100 || !res.Truncated || res.TruncationNote() != "truncated at 100 rows" {
		t.Errorf("rows %d truncated %v note %q", len(res.Rows), res.Truncated, res.TruncationNote())
	}
	res, err = s.Console(ctx, `SELECT * FROM cases`, ConsoleLimits{MaxRows: 300})
	if err != nil || len(res.Rows) != 300 || res.Truncated {
		t.Errorf("exactly at the limit: %v rows, truncated %v, %v", len(res.Rows), res.Truncated, err)
	}
	start := time.Now()
	_, err = s.Console(ctx, `SELECT count(*) FROM range(1000000000000) a`, ConsoleLimits{Timeout: 200 * time.Millisecond})
	if !errors.Is(err, ErrConsoleTimeout) {
		t.Errorf("long query: %v, want a timeout", err)
	}
	if d := time.Since(start); d > 5*time.Second {
		t.Errorf("timeout took %v", d)
	}
	// The store still works after an interrupted statement.
	if _, err := s.Console(ctx, `SELECT 1`, ConsoleLimits{}); err != nil {
		t.Errorf("after timeout: %v", err)
	}
}

func TestSQLLexer(t *testing.T) {
	for _, tc := range []struct {
		q     string
		kw    string
		multi bool
	}{
		{"select 1", "SELECT", false},
		{"  /* x */ -- y\n (( WITH a AS (SELECT 1) SELECT * FROM a", "WITH", false},
		{"SELECT ';' ; ", "SELECT", false},
		{"SELECT 1; -- trailing comment", "SELECT", false},
		{"SELECT 1;; SELECT 2", "SELECT", true},
		{`SELECT "a;b" FROM x; DROP TABLE y`, "SELECT", true},
		{"SELECT $$;$$", "SELECT", false},
		{"SELECT $t$ ; $t$ ; x", "SELECT", true},
		{"/* /* nested */ ; */ INSERT INTO x VALUES (1)", "INSERT", false},
	} {
		kw, _ := leadingKeyword(tc.q)
		if kw != tc.kw || multipleStatements(tc.q) != tc.multi {
			t.Errorf("%q: keyword %q multi %v, want %q %v", tc.q, kw, multipleStatements(tc.q), tc.kw, tc.multi)
		}
	}
}
