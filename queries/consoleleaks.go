package queries

import (
	"regexp"
	"strings"
)

// Where the server keeps the store (its path, whose file name DuckDB
// takes as the database's name), its temporary and home directory are
// none of an analyst's business: they tell how the server is set up and
// who runs it (issue #17 item 10; docs/privacy.md, the console section).
// The console keeps them out of reach in three ways, none of which
// depends on the secret itself, so that no answer differs between a
// right and a wrong guess:
//
//   - functions that name them are refused (current_setting, getenv,
//     current_database, current_catalog, in_search_path, nextval and
//     currval, see deniedScalarFunctions), like table functions that
//     list databases or settings (not on consoleTableFunctions);
//   - a name qualified by a database (a table, function, type or a
//     column written database.table.column) is refused whatever the
//     database: otherwise an error would tell a right guess from a
//     wrong one (consoleNameCheck);
//   - DuckDB's messages and EXPLAIN's plans lose every database
//     qualifier ("x.main.case_records" becomes "main.case_records") and
//     every path (redactServerDetails).

// databaseQualifier is a database name in front of the schema main.
var databaseQualifier = regexp.MustCompile(`[^\s."'│(),]+\.main\.`)

// serverPath is an absolute path, or a name that ends like a store, its
// WAL or temporary file (the store's own name tells its path).
var serverPath = regexp.MustCompile(`(/[^\s"'(),]+|[^\s"'(),/]+\.(db|wal|tmp|duckdb)\b)`)

// redactServerDetails removes database qualifiers and paths from a
// message of DuckDB's.
func redactServerDetails(msg string) string {
	msg = databaseQualifier.ReplaceAllString(msg, "main.")
	return serverPath.ReplaceAllString(msg, "<path>")
}

// planName is a qualified name in EXPLAIN's plan, up to the box's edge;
// the plan may break it after "x.main".
var planName = regexp.MustCompile(`[^\s."'│(),]+\.main(\.[^\s│]*)?`)

// redactPlan removes database qualifiers from EXPLAIN's plan, padding
// after the name so that the plan's boxes stay aligned.
func redactPlan(plan string) string {
	return planName.ReplaceAllStringFunc(plan, func(q string) string {
		return padded(q[strings.Index(q, ".main")+1:], len([]rune(q)))
	})
}

// redactedError is an error whose message lost the server's details; it
// unwraps to the original, so errors.Is and errors.As still decide.
type redactedError struct {
	msg string
	err error
}

func (e *redactedError) Error() string { return e.msg }
func (e *redactedError) Unwrap() error { return e.err }

// redactError returns err with a message without server details.
func redactError(err error) error {
	if err == nil {
		return nil
	}
	if iq, ok := err.(*InvalidQueryError); ok {
		return &InvalidQueryError{Err: &redactedError{msg: redactServerDetails(iq.Err.Error()), err: iq.Err}}
	}
	msg := redactServerDetails(err.Error())
	if msg == err.Error() {
		return err
	}
	return &redactedError{msg: msg, err: err}
}

// padded keeps the width of s when a shorter text replaces it.
func padded(s string, width int) string {
	if n := width - len([]rune(s)); n > 0 {
		return s + strings.Repeat(" ", n)
	}
	return s
}
