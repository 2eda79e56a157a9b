package importer

import (
	"errors"
	"fmt"
	"strings"
)

// ErrNoKey is returned when ids would have to be pseudonymised but no key
// was given: the import refuses rather than storing raw case ids.
var ErrNoKey = errors.New("no pseudonymisation key: give --key-file or set " + KeyEnv +
	" (or --ids-pseudonymous if the case ids already are pseudonyms)")

// FieldError is one problem with an export: a bad value, a bad or missing
// column, or an unreadable line.
type FieldError struct {
	File string // the path as given
	// Line is the 1-based line of the CSV record (the header is line 1);
	// for Parquet, row number + 1. 0 means the file as a whole.
	Line int
	// Offset is the 1-based byte in the line where a problem of the line
	// itself lies (a record too long); 0 when a column is named instead.
	Offset int
	// Column is the header as it appears in the file, or the canonical
	// name when the column is missing. Empty for problems of a whole line.
	Column string
	// Value is the raw value (for data lines). Error shows at most
	// shownValueLen characters of it, and none of a value that looks like
	// personal data (see shownValue).
	Value string
	// Code is the kind of problem; decide by it, not by Reason.
	Code   Code
	Reason string
	// Allowed lists the allowed values, when there is a short list.
	Allowed []string
}

// Error renders file:line:column: value "x": reason (allowed: a, b, c).
func (e FieldError) Error() string {
	var b strings.Builder
	b.WriteString(e.File)
	if e.Line > 0 {
		fmt.Fprintf(&b, ":%d", e.Line)
	}
	if e.Column != "" {
		b.WriteString(":")
		b.WriteString(shortened(e.Column))
	} else if e.Offset > 0 {
		fmt.Fprintf(&b, ":%d", e.Offset)
	}
	b.WriteString(": ")
	if e.Line > 1 && e.Column != "" {
		b.WriteString(shownValue(e.Value))
		b.WriteString(": ")
	}
	b.WriteString(e.Reason)
	if len(e.Allowed) > 0 {
		b.WriteString(" (allowed: ")
		b.WriteString(strings.Join(e.Allowed, ", "))
		b.WriteString(")")
	}
	return b.String()
}

// ValidationError collects the problems of an import. Errors holds the
// first Options.MaxErrors of them in file, line and column order; Total
// counts all. With Options.ExcludeFindings, Findings counts the quality
// findings beside them (they are no error, and not in Errors or Total).
type ValidationError struct {
	Errors   []FieldError
	Total    int
	Findings int64
}

// Error lists every kept error on a line of its own, followed by
// "… and N more errors" when some were left out.
func (e *ValidationError) Error() string {
	var b strings.Builder
	for i, fe := range e.Errors {
		if i > 0 {
			b.WriteByte('\n')
		}
		b.WriteString(fe.Error())
	}
	if more := e.Total - len(e.Errors); more > 0 {
		fmt.Fprintf(&b, "\n… and %d more errors", more)
	}
	return b.String()
}

// errorList accumulates FieldErrors up to a limit. With findings set
// (Options.ExcludeFindings), the quality findings of data lines are
// counted there instead: they leave their record out but are no error.
type errorList struct {
	max      int
	total    int
	list     []FieldError
	findings *findingTally
}

func (l *errorList) add(e FieldError) {
	if l.findings != nil && e.Line > 1 && e.Code.Finding() {
		l.findings.add(e)
		return
	}
	l.total++
	if len(l.list) < l.max {
		l.list = append(l.list, e)
	}
}

// err returns the collected errors as a *ValidationError, or nil.
func (l *errorList) err() error {
	if l.total == 0 {
		return nil
	}
	ve := &ValidationError{Errors: l.list, Total: l.total}
	if l.findings != nil {
		for _, n := range l.findings.codes {
			ve.Findings += n
		}
	}
	return ve
}
