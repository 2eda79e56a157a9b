package figures

import (
	"fmt"
	"math"
	"regexp"
	"strconv"
	"strings"
	"unicode/utf8"
)

// Plausible years of a figure.
const (
	MinYear = 1990
	MaxYear = 2100
)

// rawRow is one row of a figures file as text, before validation.
type rawRow struct {
	file   string
	line   int             // line where the row starts
	fields [numCols]string // trimmed values; quote is "" when absent
	lines  [numCols]int    // line where each field starts
}

// number is the accepted spelling of a value: digits with an optional
// decimal part after '.', no exponent, no thousands separator. A sign is
// let through here so that a negative value gets its own message.
var number = regexp.MustCompile(`^[+-]?[0-9]+(\.[0-9]+)?$`)

// validateRow checks one row and converts it to a Figure. Every problem is
// added to errs. keyOK reports whether year, indicator and phenomenon are
// valid (so the row can take part in the duplicate check); ok whether the
// whole row is.
func validateRow(r rawRow, errs *LoadError) (f Figure, keyOK, ok bool) {
	before := len(errs.Errors) + errs.More
	fail := func(c int, reason string) {
		errs.add(RowError{File: r.file, Line: r.lines[c], Column: columnNames[c], Value: r.fields[c], Reason: reason})
	}
	var bad [numCols]bool
	for c, s := range r.fields {
		if !utf8.ValidString(s) {
			fail(c, "not valid UTF-8; save the file as UTF-8")
			bad[c] = true
		}
	}
	f = Figure{
		Indicator:  r.fields[colIndicator],
		Phenomenon: r.fields[colPhenomenon],
		Unit:       r.fields[colUnit],
		Source:     r.fields[colSource],
		SourceRef:  r.fields[colSourceRef],
		Note:       r.fields[colNote],
		Quote:      r.fields[colQuote],
		File:       r.file,
		Line:       r.line,
	}

	yearOK := false
	if s := r.fields[colYear]; !bad[colYear] {
		y, err := strconv.Atoi(s)
		switch {
		case s == "":
			fail(colYear, "missing; expected a year such as 2024")
		case err != nil:
			fail(colYear, "not a whole number; expected a year such as 2024")
		case y < MinYear || y > MaxYear:
			fail(colYear, fmt.Sprintf("implausible year; expected %d to %d", MinYear, MaxYear))
		default:
			f.Year, yearOK = y, true
		}
	}

	_, indicatorOK := indicatorByCode[f.Indicator]
	if !bad[colIndicator] && !indicatorOK {
		fail(colIndicator, unknownCode("indicator", "indicators", f.Indicator, Indicators()))
	}
	_, phenomenonOK := phenomenonByCode[f.Phenomenon]
	if !bad[colPhenomenon] && !phenomenonOK {
		fail(colPhenomenon, unknownCode("phenomenon", "phenomena", f.Phenomenon, Phenomena()))
	}

	_, unitOK := unitByCode[f.Unit]
	switch {
	case bad[colUnit]:
	case !unitOK:
		fail(colUnit, unknownCode("unit", "units", f.Unit, Units()))
	case indicatorOK && IndicatorUnit(f.Indicator) != f.Unit:
		fail(colUnit, fmt.Sprintf("does not fit indicator %s, which is measured in %s", f.Indicator, IndicatorUnit(f.Indicator)))
	}

	if s := r.fields[colValue]; !bad[colValue] {
		v, err := strconv.ParseFloat(s, 64)
		switch {
		case s == "":
			fail(colValue, "missing; expected a number ≥ 0")
		case !number.MatchString(s):
			fail(colValue, "not a number; write digits with '.' as decimal separator and no thousands separator, e.g. 1234.5")
		case err != nil || math.IsInf(v, 0):
			fail(colValue, "number out of range")
		case v < 0:
			fail(colValue, "negative; a figure must be ≥ 0")
		case unitOK && f.Unit == UnitPercent && v > 100:
			fail(colValue, "a percentage must be between 0 and 100")
		case unitOK && f.Unit != UnitPercent && v != math.Trunc(v):
			fail(colValue, fmt.Sprintf("a count of %s must be a whole number (no thousands separator: write 45120, not 45.120)", f.Unit))
		default:
			f.Value = math.Abs(v) // no -0
		}
	}

	if !bad[colSource] && f.Source == "" {
		fail(colSource, "missing; every figure needs its source (title of the publication)")
	}
	if !bad[colSourceRef] && f.SourceRef == "" {
		fail(colSourceRef, "missing; every figure needs a source reference (web address or citation)")
	}

	keyOK = yearOK && indicatorOK && phenomenonOK
	ok = len(errs.Errors)+errs.More == before
	return f, keyOK, ok
}

// unknownCode is the reason for a missing or unknown code, naming the known
// ones and, if the value looks like a typo, the likely one.
func unknownCode(what, plural, value string, known []string) string {
	var b strings.Builder
	if value == "" {
		b.WriteString("missing")
	} else {
		b.WriteString("unknown " + what)
		if s := suggest(value, known); s != "" {
			fmt.Fprintf(&b, " (did you mean %s?)", s)
		}
	}
	b.WriteString("; known " + plural + ": " + strings.Join(known, ", "))
	return b.String()
}

// location is where a figure was read.
type location struct {
	file string
	line int
}

// dupChecker finds rows with the same (year, indicator, phenomenon).
type dupChecker map[Key]location

// check records the key at file:line and reports a duplicate to errs,
// naming both lines. It returns true for a duplicate.
func (d dupChecker) check(k Key, file string, line int, errs *LoadError) bool {
	prev, dup := d[k]
	if !dup {
		d[k] = location{file, line}
		return false
	}
	where := fmt.Sprintf("line %d", prev.line)
	if prev.file != file {
		where = fmt.Sprintf("%s:%d", prev.file, prev.line)
	}
	errs.add(RowError{File: file, Line: line, Reason: fmt.Sprintf(
		"duplicate of %s: same year %d, indicator %s and phenomenon %s", where, k.Year, k.Indicator, k.Phenomenon)})
	return true
}
