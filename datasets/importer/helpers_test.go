package importer

import (
	"context"
	"database/sql"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"lagebild/datasets/schema"
)

// testKey is a pseudonymisation key for tests.
var testKey = []byte("0123456789abcdef-test-key")

// canonHeader is the full canonical header of case-export schema 1 in
// schema order: most tests read schema-1 exports, which must import
// unchanged; canonHeader2 adds the columns of schema 2.
var canonHeader, canonHeader2 = headerOf(1), headerOf(2)

func headerOf(version int) []string {
	var h []string
	for _, c := range schema.ColumnsOf(version) {
		h = append(h, c.Name)
	}
	return h
}

// rec is one export record by canonical column name.
type rec map[string]string

// baseRec returns a valid ongoing case.
func baseRec(id string) rec {
	return rec{
		"case_id": id, "provider": "T01", "state": "DE-BW", "phenomenon": "right_wing",
		"intake": "2021-03", "age": "16", "gender": "male", "access_route": "self",
		"intrinsic_motivation": "true", "risk_level": "standard", "returnee": "false",
		"custody": "false", "multi_agency": "true", "status": "ongoing", "closed": "",
		"outcome": "", "relapse": "none", "contacts": "3",
	}
}

// with returns a copy of r with the given name/value pairs set.
func (r rec) with(kv ...string) rec {
	out := rec{}
	for k, v := range r {
		out[k] = v
	}
	for i := 0; i+1 < len(kv); i += 2 {
		out[kv[i]] = kv[i+1]
	}
	return out
}

// csvText renders header and records with sep. Records are looked up by
// the canonical column their header stands for, or by the header itself.
func csvText(header []string, sep string, recs ...rec) string {
	var b strings.Builder
	b.WriteString(strings.Join(header, sep))
	b.WriteString("\n")
	for _, r := range recs {
		vals := make([]string, len(header))
		for i, h := range header {
			key := h
			if c, ok := schema.LookupHeader(h); ok {
				key = c.Name
			}
			vals[i] = r[key]
		}
		b.WriteString(strings.Join(vals, sep))
		b.WriteString("\n")
	}
	return b.String()
}

func writeFile(t testing.TB, dir, name, content string) string {
	t.Helper()
	p := filepath.Join(dir, name)
	if err := os.WriteFile(p, []byte(content), 0o644); err != nil {
		t.Fatal(err)
	}
	return p
}

// writeCSV writes records under the canonical header.
func writeCSV(t testing.TB, dir, name string, recs ...rec) string {
	t.Helper()
	return writeFile(t, dir, name, csvText(canonHeader, ",", recs...))
}

// openRO opens a store file read-only for inspection.
func openRO(t testing.TB, path string) *sql.DB {
	t.Helper()
	db, err := sql.Open("duckdb", path+"?access_mode=read_only")
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	return db
}

// queryStrings runs a query on a store file and returns its rows, each
// rendered as its columns joined with "|" (NULL as "NULL").
func queryStrings(t testing.TB, path, q string, args ...any) []string {
	t.Helper()
	db := openRO(t, path)
	defer db.Close()
	rows, err := db.Query(q, args...)
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	cols, _ := rows.Columns()
	var out []string
	for rows.Next() {
		vals := make([]any, len(cols))
		ptrs := make([]any, len(cols))
		for i := range vals {
			ptrs[i] = &vals[i]
		}
		if err := rows.Scan(ptrs...); err != nil {
			t.Fatal(err)
		}
		parts := make([]string, len(vals))
		for i, v := range vals {
			if v == nil {
				parts[i] = "NULL"
			} else {
				parts[i] = fmt.Sprint(v)
			}
		}
		out = append(out, strings.Join(parts, "|"))
	}
	if err := rows.Err(); err != nil {
		t.Fatal(err)
	}
	return out
}

func countRows(t testing.TB, path string) int {
	t.Helper()
	got := queryStrings(t, path, `SELECT count(*) FROM cases`)
	var n int
	fmt.Sscan(got[0], &n)
	return n
}

// importOK imports files into dbPath with the test key and fails the test
// on error.
func importOK(t testing.TB, dbPath string, files ...string) *Report {
	t.Helper()
	rep, err := ImportToStore(context.Background(), dbPath, files, Options{Key: testKey})
	if err != nil {
		t.Fatalf("import: %v", err)
	}
	return rep
}

// validationErrors imports files (expecting failure) and returns the
// rendered errors.
func validationErrors(t testing.TB, opts Options, files ...string) (*ValidationError, []string) {
	t.Helper()
	if opts.Key == nil && !opts.IDsPseudonymous {
		opts.Key = testKey
	}
	dbPath := filepath.Join(t.TempDir(), "store.db")
	_, err := ImportToStore(context.Background(), dbPath, files, opts)
	ve, ok := err.(*ValidationError)
	if !ok {
		t.Fatalf("want *ValidationError, got %T: %v", err, err)
	}
	if _, statErr := os.Stat(dbPath); statErr == nil {
		t.Errorf("store %s was created despite validation errors", dbPath)
	}
	var lines []string
	for _, fe := range ve.Errors {
		lines = append(lines, fe.Error())
	}
	return ve, lines
}
