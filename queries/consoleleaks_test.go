package queries

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// openFileStore writes a store file at dir/name with a few cases and
// opens it as the server does.
func openFileStore(t *testing.T, dir, name string) *Store {
	t.Helper()
	path := filepath.Join(dir, name)
	writeStoreFile(t, path, randomCases(3, 50))
	s, err := Open(context.Background(), OpenOptions{Path: path, Threads: 1})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { s.Close() })
	return s
}

// Issue #17 item 10: the console tells an analyst nothing about where
// the server keeps the store (its path, whose file name is the
// database's name), its temporary or home directory: the functions and
// listings that name them are refused, a guessed database name gets the
// same answer as a wrong one, and DuckDB's messages and plans carry no
// database name and no path.
func TestConsoleShowsNoServerPaths(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "serversecretdir")
	if err := os.Mkdir(dir, 0o700); err != nil {
		t.Fatal(err)
	}
	const db = "serversecretstore" // the database's name: the file's
	s := openFileStore(t, dir, db+".db")
	ctx := context.Background()
	home, _ := os.UserHomeDir()
	secrets := []string{dir, "serversecret", os.TempDir() + "/", db + ".db.tmp"}
	if home != "" && home != "/" {
		secrets = append(secrets, home)
	}
	leaks := func(q, out string) {
		t.Helper()
		for _, sec := range secrets {
			if strings.Contains(out, sec) {
				t.Errorf("%q shows %q:\n%s", q, sec, out)
			}
		}
	}
	run := func(q string) (string, error) {
		res, err := s.Console(ctx, q, ConsoleLimits{})
		if err != nil {
			return err.Error(), err
		}
		var b strings.Builder
		for _, row := range res.Rows {
			for _, v := range row {
				b.WriteString(FormatConsoleValue(v) + "\n")
			}
		}
		return b.String(), nil
	}
	for _, q := range []string{
		`SELECT current_database()`,
		`SELECT current_catalog()`,
		`SELECT in_search_path('` + db + `', 'main')`,
		`SELECT nextval('` + db + `.main.x')`,
		`SELECT current_setting('temp_directory')`,
		`SELECT current_setting('home_directory')`,
		`SELECT getenv('HOME')`,
		`FROM duckdb_databases()`,
		`FROM duckdb_settings()`,
		`FROM pragma_database_list()`,
		`PRAGMA database_list`,
		`SHOW DATABASES`,
		`SELECT ` + db + `.main.cases.state FROM cases`,
		`SELECT ` + db + `.cases.state FROM cases`,
		`SELECT 1::` + db + `.main.t`,
		`FROM ` + db + `.main.cases`,
		`DESCRIBE ` + db + `.main.cases`,
	} {
		out, err := run(q)
		var re *RefusedError
		if !errors.As(err, &re) {
			t.Errorf("%q: %v, want a refusal", q, err)
		}
		if !strings.Contains(q, db) {
			leaks(q, out)
		} else {
			// A refusal repeats the analyst's own guess; a wrong
			// guess gets the same answer as the right one.
			wrong := strings.ReplaceAll(q, db, "wrongguess")
			out2, _ := run(wrong)
			if strings.ReplaceAll(out, db, "wrongguess") != out2 {
				t.Errorf("right and wrong guess answered differently:\n%s\n%s", out, out2)
			}
		}
	}
	// What still runs shows no database name and no path, in results and
	// in DuckDB's messages.
	for _, q := range []string{
		`EXPLAIN SELECT * FROM cases`,
		`EXPLAIN ANALYZE SELECT state, count(*) FROM cases GROUP BY ALL`,
		`SELECT nosuchfunction(1)`,
		`SELECT nosuchcolumn FROM cases`,
		`SELECT CAST(state AS INTEGER) FROM cases`,
		`SUMMARIZE cases`,
		`DESCRIBE cases`,
		`SHOW TABLES`,
		`SELECT main.cases.state FROM cases LIMIT 1`,
	} {
		out, _ := run(q)
		leaks(q, out)
	}
	// The plan keeps its table names and its boxes stay aligned.
	res, err := s.Console(ctx, `EXPLAIN SELECT * FROM cases`, ConsoleLimits{})
	if err != nil {
		t.Fatal(err)
	}
	plan := FormatConsoleValue(res.Rows[0][1])
	if !strings.Contains(plan, "case_records") || !strings.Contains(plan, "main") {
		t.Errorf("plan lost its table:\n%s", plan)
	}
	width := -1
	for _, line := range strings.Split(strings.TrimSpace(plan), "\n") {
		if n := len([]rune(line)); width < 0 {
			width = n
		} else if n != width {
			t.Errorf("plan line %q is %d wide, want %d", line, n, width)
		}
	}
}

func TestRedactServerDetails(t *testing.T) {
	for in, want := range map[string]string{
		`Table: srv.main.case_records`:                                  `Table: main.case_records`,
		`IO Error: Cannot open file "/var/lib/lagebild/cases.db.tmp/x"`: `IO Error: Cannot open file "<path>"`,
		`could not write cases.db.wal`:                                  `could not write <path>`,
		`Binder Error: Referenced column "x" not found in FROM clause!`: `Binder Error: Referenced column "x" not found in FROM clause!`,
	} {
		if got := redactServerDetails(in); got != want {
			t.Errorf("redactServerDetails(%q) = %q, want %q", in, got, want)
		}
	}
}
