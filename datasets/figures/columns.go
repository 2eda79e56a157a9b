package figures

import (
	"slices"
	"strings"
)

// Column indexes of a figures row, in the canonical order of the header.
const (
	colYear = iota
	colIndicator
	colPhenomenon
	colValue
	colUnit
	colSource
	colSourceRef
	colNote
	colQuote // optional
	numCols
)

// columnNames are the header names, in canonical order.
var columnNames = [numCols]string{
	"year", "indicator", "phenomenon", "value", "unit", "source", "source_ref", "note", "quote",
}

// Header is the header of a figures file in canonical order, without the
// optional quote column.
const Header = "year,indicator,phenomenon,value,unit,source,source_ref,note"

// parseHeader maps the header's names to column positions (-1 for an absent
// quote column). Names are matched after trimming spaces, ignoring case.
// Problems are added to errs; ok is false if there was any.
func parseHeader(h []string, file string, line int, errs *LoadError) (idx [numCols]int, ok bool) {
	for c := range idx {
		idx[c] = -1
	}
	headerErr := func(value, reason string) {
		errs.add(RowError{File: file, Line: line, Column: "header", Value: value, Reason: reason})
		ok = false
	}
	ok = true
	if len(h) == 1 && strings.Contains(h[0], ";") {
		headerErr("", "the file seems to use ';' as separator; a figures file uses ',' (header "+Header+")")
		return idx, false
	}
	expected := "expected columns " + Header + " and optionally quote"
	if !slices.ContainsFunc(h, func(n string) bool { return columnIndex(strings.ToLower(strings.TrimSpace(n))) >= 0 }) {
		headerErr("", "the first line is not a figures header; "+expected)
		return idx, false
	}
	for i, raw := range h {
		name := strings.ToLower(strings.TrimSpace(raw))
		c := columnIndex(name)
		switch {
		case c < 0:
			headerErr(raw, "unknown column; "+expected)
		case idx[c] >= 0:
			headerErr(raw, "column appears twice")
		default:
			idx[c] = i
		}
	}
	for c := range colQuote {
		if idx[c] < 0 {
			headerErr("", "missing column "+columnNames[c]+"; "+expected)
		}
	}
	return idx, ok
}

func columnIndex(name string) int {
	for c, n := range columnNames {
		if n == name {
			return c
		}
	}
	return -1
}
