package main

import (
	"crypto/sha256"
	"encoding/csv"
	"encoding/json"
	"os"
	"strings"
	"testing"
)

func storeFileHash(t *testing.T, path string) [32]byte {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	return sha256.Sum256(b)
}

// forbiddenStatements has one statement of every kind the console refuses.
var forbiddenStatements = map[string]string{
	"INSERT":        `INSERT INTO figures VALUES (2030, 'person_potential', 'right_wing', 1, 'persons', 's', 'r', NULL)`,
	"UPDATE":        `UPDATE figures SET value = 0`,
	"DELETE":        `DELETE FROM figures`,
	"CREATE":        `CREATE TABLE stolen AS SELECT * FROM cases`,
	"DROP":          `DROP VIEW cases`,
	"ATTACH":        `ATTACH '/tmp/lagebild-query-test.duckdb' AS other`,
	"COPY":          `COPY (SELECT * FROM cases) TO '/tmp/lagebild-query-test.csv'`,
	"INSTALL":       `INSTALL httpfs`,
	"LOAD":          `LOAD httpfs`,
	"SET":           `SET threads = 1`,
	"PRAGMA":        `PRAGMA database_list`,
	"read_csv":      `SELECT * FROM read_csv('/etc/passwd')`,
	"multiple":      `SELECT count(*) FROM cases; DELETE FROM figures`,
	"case_records":  `SELECT rkey FROM case_records`,
	"store_meta":    `SELECT * FROM store_meta`,
	"file scan":     `SELECT * FROM '/etc/passwd'`,
	"query()":       `SELECT * FROM query('DELETE FROM figures')`,
	"explain write": `EXPLAIN ANALYZE DELETE FROM figures`,
}

func TestQueryRefusals(t *testing.T) {
	db := importedTestStore(t, 300)
	before := storeFileHash(t, db)
	count := func() string {
		code, out, stderr := runLagebild(t, "", "query", "--db", db, "--format", "csv",
			"SELECT (SELECT count(*) FROM cases) || '/' || (SELECT count(*) FROM figures)")
		if code != exitOK {
			t.Fatalf("count: %d %s", code, stderr)
		}
		return out
	}
	counts := count()
	for kind, sql := range forbiddenStatements {
		for _, args := range [][]string{{"query", "--db", db, sql}, {"query", sql}} {
			code, stdout, stderr := runLagebild(t, "", args...)
			if code != exitUsage {
				t.Errorf("%s (%v): exit %d, want 2; stderr %q", kind, args[1], code, stderr)
			}
			if stdout != "" || !strings.Contains(stderr, "lagebild query: refused: ") || !strings.Contains(stderr, "nothing was run or changed") {
				t.Errorf("%s: stdout %q stderr %q", kind, stdout, stderr)
			}
		}
	}
	if storeFileHash(t, db) != before {
		t.Error("the store file changed")
	}
	if c := count(); c != counts {
		t.Errorf("counts changed: %q → %q", counts, c)
	}
	for _, f := range []string{"/tmp/lagebild-query-test.csv", "/tmp/lagebild-query-test.duckdb"} {
		if _, err := os.Stat(f); err == nil {
			t.Errorf("%s was written", f)
		}
	}
}

func TestQueryFormats(t *testing.T) {
	sql := `SELECT phenomenon, count(*) AS n, NULL AS nothing FROM cases GROUP BY ALL ORDER BY n DESC, phenomenon`
	code, stdout, stderr := runLagebild(t, "", "query", sql)
	if code != exitOK || stderr != "" {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	lines := strings.Split(strings.TrimSuffix(stdout, "\n"), "\n")
	if len(lines) != 9 || !strings.HasPrefix(lines[0], "phenomenon  ") || !strings.HasPrefix(lines[1], "----------") ||
		lines[8] != "(6 rows)" || !strings.HasSuffix(lines[2], "NULL") {
		t.Errorf("table output:\n%s", stdout)
	}
	// numbers right-aligned: the next column starts at the same position
	n1 := strings.Index(lines[2], " NULL")
	n2 := strings.Index(lines[7], " NULL")
	if n1 != n2 {
		t.Errorf("columns not aligned:\n%s", stdout)
	}

	code, stdout, _ = runLagebild(t, "", "query", "--format", "csv", sql)
	recs, err := csv.NewReader(strings.NewReader(stdout)).ReadAll()
	if code != exitOK || err != nil || len(recs) != 7 || strings.Join(recs[0], ",") != "phenomenon,n,nothing" || recs[1][2] != "" {
		t.Errorf("csv (%d, %v):\n%s", code, err, stdout)
	}

	code, stdout, _ = runLagebild(t, "", "query", "--format", "json", sql)
	var doc QueryJSON
	dec := json.NewDecoder(strings.NewReader(stdout))
	dec.DisallowUnknownFields()
	if err := dec.Decode(&doc); err != nil || code != exitOK {
		t.Fatalf("json (%d): %v\n%s", code, err, stdout)
	}
	if doc.RowCount != 6 || len(doc.Rows) != 6 || doc.Truncated || doc.MaxRows != 10000 || doc.Columns[1] != "n" ||
		doc.Types[1] != "BIGINT" || doc.Rows[0][2] != nil {
		t.Errorf("json %+v", doc)
	}
	if _, ok := doc.Rows[0][1].(float64); !ok {
		t.Errorf("count is %T, want a JSON number", doc.Rows[0][1])
	}

	// stdin, interspersed flags
	code, stdout, _ = runLagebild(t, "SELECT 42 AS answer", "query", "-", "--format", "csv")
	if code != exitOK || stdout != "answer\n42\n" {
		t.Errorf("stdin: %d %q", code, stdout)
	}
}

func TestQueryLimits(t *testing.T) {
	code, stdout, stderr := runLagebild(t, "", "query", "--max-rows", "5", "SELECT * FROM cases")
	if code != exitOK || !strings.Contains(stdout, "(5 rows shown, truncated at 5 rows)") ||
		!strings.Contains(stderr, "truncated at 5 rows") {
		t.Errorf("truncation: %d\n%s\n%s", code, stdout, stderr)
	}
	code, stdout, _ = runLagebild(t, "", "query", "--max-rows", "5", "--format", "json", "SELECT * FROM cases")
	if code != exitOK || !strings.Contains(stdout, `"truncated": true`) || !strings.Contains(stdout, `"row_count": 5`) {
		t.Errorf("json truncation: %s", stdout)
	}
	code, _, stderr = runLagebild(t, "", "query", "--timeout", "200ms", "SELECT count(*) FROM range(1000000000000)")
	if code != exitFailure || !strings.Contains(stderr, "time limit") {
		t.Errorf("timeout: exit %d, %q", code, stderr)
	}
	for _, tc := range []struct {
		args []string
		msg  string
	}{
		{[]string{"query"}, "no SQL"},
		{[]string{"query", "--format", "xml", "SELECT 1"}, "unknown format"},
		{[]string{"query", "--max-rows", "0", "SELECT 1"}, "--max-rows"},
		{[]string{"query", "--timeout", "0s", "SELECT 1"}, "--timeout"},
		{[]string{"query", "SELEC 1"}, "syntax error"},
		{[]string{"query", "SELECT nope FROM cases"}, "invalid query"},
	} {
		code, _, stderr := runLagebild(t, "", tc.args...)
		if code != exitUsage || !strings.Contains(stderr, tc.msg) {
			t.Errorf("%v: exit %d, %q; want 2 and %q", tc.args, code, stderr, tc.msg)
		}
	}
	code, stdout, _ = runLagebild(t, "", "query", "--help")
	if code != exitOK || !strings.Contains(stdout, "Usage: lagebild query") || !strings.Contains(stdout, "refused") {
		t.Errorf("--help:\n%s", stdout)
	}
}
