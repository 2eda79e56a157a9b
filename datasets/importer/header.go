package importer

import (
	"fmt"
	"strings"
	"unicode/utf8"

	"lagebild/datasets/schema"
)

// layout is what the header of one file says: where each canonical column
// sits in a record and which columns are ignored.
type layout struct {
	// pos[i] is the record position of schema.Columns[i], or -1.
	pos []int
	// names[i] is the header of schema.Columns[i] as it appears in the
	// file, or its canonical name when the column is absent (for messages).
	names []string
	// width is the number of fields of the header.
	width int
	// unnamed lists the positions of columns with an empty header; their
	// values must be empty (spreadsheets add such columns freely).
	unnamed []int
	// dropped lists unknown headers dropped by DropUnknown.
	dropped []string
}

// Indices of the columns the validator treats specially, resolved once.
var (
	colCaseID      = columnIndex("case_id")
	colProvider    = columnIndex("provider")
	colState       = columnIndex("state")
	colPhenomenon  = columnIndex("phenomenon")
	colIntake      = columnIndex("intake")
	colAge         = columnIndex("age")
	colAgeBand     = columnIndex("age_band")
	colGender      = columnIndex("gender")
	colAccessRoute = columnIndex("access_route")
	colIntrinsic   = columnIndex("intrinsic_motivation")
	colRiskLevel   = columnIndex("risk_level")
	colReturnee    = columnIndex("returnee")
	colCustody     = columnIndex("custody")
	colMultiAgency = columnIndex("multi_agency")
	colStatus      = columnIndex("status")
	colClosed      = columnIndex("closed")
	colOutcome     = columnIndex("outcome")
	colRelapse     = columnIndex("relapse")
	colContacts    = columnIndex("contacts")
)

func columnIndex(name string) int {
	for i, c := range schema.Columns {
		if c.Name == name {
			return i
		}
	}
	panic("importer: schema has no column " + name)
}

// readLayout maps a header to the schema. Every problem is reported to
// errs at line 1; ok is false when the file cannot be read on.
func readLayout(file string, header []string, dropUnknown bool, errs *errorList) (l *layout, ok bool) {
	l = &layout{
		pos:   make([]int, len(schema.Columns)),
		names: make([]string, len(schema.Columns)),
		width: len(header),
	}
	for i := range l.pos {
		l.pos[i] = -1
		l.names[i] = schema.Columns[i].Name
	}
	ok = true
	fail := func(column string, code Code, reason string, allowed []string) {
		errs.add(FieldError{File: file, Line: 1, Column: column, Code: code, Reason: reason, Allowed: allowed})
		ok = false
	}
	seen := make(map[string]string) // normalised header → header as written
	for p, h := range header {
		if !utf8.ValidString(h) {
			fail("", CodeNotUTF8, "header is not valid UTF-8; save the export as UTF-8 (\"CSV UTF-8\" in spreadsheet programs)", nil)
			return l, false
		}
		h = strings.TrimSpace(h)
		norm := schema.NormaliseHeader(h)
		if norm == "" {
			l.unnamed = append(l.unnamed, p)
			continue
		}
		if prev, dup := seen[norm]; dup {
			fail(headerLabel(h, p), CodeDuplicateColumn, fmt.Sprintf("duplicate column (same as %q)", shortened(prev)), nil)
			continue
		}
		seen[norm] = h
		if c, known := schema.LookupHeader(h); known {
			i := columnIndex(c.Name)
			if l.pos[i] >= 0 {
				fail(h, CodeDuplicateColumn, fmt.Sprintf("duplicate column: %q and %q both mean %s", l.names[i], h, c.Name), nil)
				continue
			}
			l.pos[i] = p
			l.names[i] = h
			continue
		}
		if kind, ident := LooksLikeIdentifier(h); ident {
			fail(headerLabel(h, p), CodeIdentifier, fmt.Sprintf("column looks like a direct identifier (%s); an anonymised export must not contain it, remove the column before importing (--drop-unknown does not apply)", kind), nil)
			continue
		}
		if dropUnknown {
			l.dropped = append(l.dropped, h)
			continue
		}
		fail(headerLabel(h, p), CodeUnknownColumn, "unknown column; only the schema's columns are stored (use --drop-unknown to drop it)", nil)
	}
	for i, c := range schema.Columns {
		if c.Required && l.pos[i] < 0 {
			fail(c.Name, CodeMissingColumn, "required column missing", headerSpellings(c))
		}
	}
	if l.pos[colAge] < 0 && l.pos[colAgeBand] < 0 {
		fail("age", CodeMissingColumn, "column missing: give age or age_band", nil)
	}
	return l, ok
}

// headerSpellings lists the accepted headers of a column for messages.
func headerSpellings(c schema.Column) []string {
	return append([]string{c.Name}, c.Aliases...)
}
