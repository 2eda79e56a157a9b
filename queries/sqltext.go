package queries

import (
	"database/sql"
	"embed"
	"regexp"
	"sort"
	"strings"
	"sync"
)

//go:embed sql/*.sql
var sqlFiles embed.FS

// sqlSources are the texts of the embedded query files by name, read
// once: a filter change builds dozens of statements, and reading a file
// from an embed.FS copies it (a tenth of a filter change's allocations).
var sqlSources = sync.OnceValue(func() map[string]string {
	entries, err := sqlFiles.ReadDir("sql")
	if err != nil {
		panic("queries: reading the embedded sql files: " + err.Error())
	}
	out := make(map[string]string, len(entries))
	for _, e := range entries {
		b, err := sqlFiles.ReadFile("sql/" + e.Name())
		if err != nil {
			panic("queries: reading the embedded sql/" + e.Name() + ": " + err.Error())
		}
		out[strings.TrimSuffix(e.Name(), ".sql")] = string(b)
	}
	return out
})

// sqlText returns the embedded query file sql/name.sql with its
// placeholders replaced. Placeholders take fixed SQL fragments from this
// package (dimension expressions, base conditions), never values: values
// are always bound parameters.
func sqlText(name string, repl map[string]string) string {
	s, ok := sqlSources()[name]
	if !ok {
		panic("queries: missing embedded sql/" + name + ".sql")
	}
	if name != "filter" && strings.Contains(s, "{{filtered}}") {
		s = strings.ReplaceAll(s, "{{filtered}}", sqlText("filter", nil))
	}
	for k, v := range repl {
		s = strings.ReplaceAll(s, "{{"+k+"}}", v)
	}
	return s
}

// caseQuery is a case query of the catalogue made ready to run: its text
// with the filter's conditions spliced in and the values they bind.
type caseQuery struct {
	text string
	args []any
}

// caseSQL builds the case query sql/name.sql for the filter f: yearExpr is
// the expression the filter's year range applies to ("" for none), base
// the query's own condition, repl further placeholders, and params further
// bound values by name. Only the parameters the text uses are bound.
func caseSQL(name string, f Filter, yearExpr, base string, repl map[string]string, params map[string]any) caseQuery {
	preds, vals := f.predicates(yearExpr)
	var b strings.Builder
	for _, cond := range preds {
		b.WriteString("\n      AND ")
		b.WriteString(cond)
	}
	// A query's own run keeps no cube columns (querycube.go).
	all := map[string]string{"base": base, "predicates": b.String(), "filter_columns": "", "carry": ""}
	for k, v := range repl {
		all[k] = v
	}
	text := sqlText(name, all)
	for k, v := range params {
		vals[k] = v
	}
	return caseQuery{text: text, args: bindUsed(text, vals)}
}

var paramRef = regexp.MustCompile(`\$([a-z_][a-z0-9_]*)`)

// bindUsed returns the named arguments of vals that text refers to, in a
// fixed order (DuckDB refuses arguments a statement does not use).
func bindUsed(text string, vals map[string]any) []any {
	used := map[string]bool{}
	for _, m := range paramRef.FindAllStringSubmatch(text, -1) {
		used[m[1]] = true
	}
	var names []string
	for k := range vals {
		if used[k] {
			names = append(names, k)
		}
	}
	sort.Strings(names)
	out := make([]any, 0, len(names))
	for _, k := range names {
		out = append(out, sql.Named(k, vals[k]))
	}
	return out
}

// sqlNamed binds a named parameter ($name in the SQL text).
func sqlNamed(name string, v any) any { return sql.Named(name, v) }
