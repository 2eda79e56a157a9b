package figures

import (
	"fmt"
	"strings"
	"unicode/utf8"
)

// MaxErrors is the most errors a LoadError lists; further errors are only
// counted (LoadError.More).
const MaxErrors = 100

// RowError is one problem in a figures file.
type RowError struct {
	File   string
	Line   int    // physical line number, the header is line 1; 0 if unknown
	Column string // column name, "header" for the header line, "" for the whole row
	Value  string // the offending value as read (trimmed), "" if missing
	Reason string
}

// Error formats the problem as `file:line: column "value": reason`; column
// and value are left out when empty, and long values are shortened.
func (e RowError) Error() string {
	var b strings.Builder
	b.WriteString(e.File)
	if e.Line > 0 {
		fmt.Fprintf(&b, ":%d", e.Line)
	}
	b.WriteString(": ")
	if e.Column != "" {
		b.WriteString(e.Column)
		if e.Value != "" {
			fmt.Fprintf(&b, " %q", shorten(e.Value, 60))
		}
		b.WriteString(": ")
	}
	b.WriteString(e.Reason)
	return b.String()
}

// LoadError reports all problems found in a figures file (or in Merge).
type LoadError struct {
	Errors []RowError // at most MaxErrors, in file order
	More   int        // number of further errors not listed
}

// Error lists the problems one per line, followed by "and N more errors"
// when more than MaxErrors were found.
func (e *LoadError) Error() string {
	lines := make([]string, 0, len(e.Errors)+1)
	for _, re := range e.Errors {
		lines = append(lines, re.Error())
	}
	if e.More > 0 {
		lines = append(lines, fmt.Sprintf("and %d more errors", e.More))
	}
	return strings.Join(lines, "\n")
}

// add records a problem, keeping at most MaxErrors.
func (e *LoadError) add(re RowError) {
	if len(e.Errors) < MaxErrors {
		e.Errors = append(e.Errors, re)
		return
	}
	e.More++
}

// err returns e as an error, or nil if nothing was recorded.
func (e *LoadError) err() error {
	if len(e.Errors) == 0 {
		return nil
	}
	return e
}

func shorten(s string, max int) string {
	if utf8.RuneCountInString(s) <= max {
		return s
	}
	r := []rune(s)
	return string(r[:max-1]) + "…"
}
