package queries

import (
	"database/sql"
	"embed"
	"strings"
)

//go:embed sql/*.sql
var sqlFiles embed.FS

// sqlText returns the embedded query file sql/name.sql with its
// placeholders replaced. Placeholders take fixed SQL fragments from this
// package (dimension expressions, base conditions), never values: values
// are always bound parameters.
func sqlText(name string, repl map[string]string) string {
	b, err := sqlFiles.ReadFile("sql/" + name + ".sql")
	if err != nil {
		panic("queries: missing embedded sql/" + name + ".sql")
	}
	s := string(b)
	if name != "filter" && strings.Contains(s, "{{filtered}}") {
		s = strings.ReplaceAll(s, "{{filtered}}", sqlText("filter", nil))
	}
	for k, v := range repl {
		s = strings.ReplaceAll(s, "{{"+k+"}}", v)
	}
	return s
}

// sqlNamed binds a named parameter ($name in the SQL text).
func sqlNamed(name string, v any) any { return sql.Named(name, v) }
