package importer

import (
	"fmt"
	"strconv"
	"strings"
	"time"

	"lagebild/datasets/schema"
	"lagebild/datasets/store"
)

// rowValidator checks one record against the schema and, when it is
// valid, fills the generalised case (age → band, dates → month). It owns
// the storage the case's optional fields point to, so one validator and
// one case are reused for every row of a file: a case must be consumed
// (appended) before the next call of check.
type rowValidator struct {
	file string
	l    *layout
	errs *errorList

	c store.Case
	// backing storage of c's optional fields
	gender, outcome, relapse     string
	intrinsic, returnee, custody bool
	multiAgency                  bool
	contacts                     int32
	closed                       time.Time

	intakeYear                int
	intakeMonth               time.Month
	statusKnown, statusClosed bool
	bad                       bool // a problem was reported for this row
	line                      int
}

// providerMaxLen bounds a provider code.
const providerMaxLen = 32

// caseIDMaxLen bounds a provider's case key.
const caseIDMaxLen = 200

// check validates rec (a data record at line) and reports every problem.
// It returns true when the record is valid and v.c holds the case; the
// case id in v.c is still the provider's raw key (pseudonymised by the
// caller).
func (v *rowValidator) check(rec []string, line int) bool {
	v.line = line
	v.bad = false
	if len(rec) != v.l.width {
		v.errs.add(FieldError{File: v.file, Line: line, Code: CodeFieldCount,
			Reason: fmt.Sprintf("line has %d fields, the header has %d", len(rec), v.l.width)})
		return false
	}
	for _, p := range v.l.unnamed {
		if strings.TrimSpace(rec[p]) != "" {
			v.fail(fmt.Sprintf("(column %d, no header)", p+1), rec[p], CodeUnnamed, "value in a column without header", nil)
		}
	}
	c := &v.c
	*c = store.Case{}

	c.CaseID = v.text(rec, colCaseID, caseIDMaxLen)
	c.Provider = v.provider(rec)
	c.State = v.code(rec, colState)
	c.Phenomenon = v.code(rec, colPhenomenon)
	c.AccessRoute = v.code(rec, colAccessRoute)
	c.RiskLevel = v.code(rec, colRiskLevel)
	c.Status = v.code(rec, colStatus)
	v.statusKnown = c.Status != ""
	v.statusClosed = schema.IsClosed(c.Status)

	var intakeOK bool
	v.intakeYear, v.intakeMonth, intakeOK = v.month(rec, colIntake)
	if intakeOK {
		c.Intake = store.Month(v.intakeYear, v.intakeMonth)
	}
	c.AgeBand = v.ageBand(rec)

	if s, ok := v.optCode(rec, colGender); ok {
		v.gender = s
		c.Gender = &v.gender
	}
	c.IntrinsicMotivation = v.optBool(rec, colIntrinsic, &v.intrinsic)
	c.Returnee = v.optBool(rec, colReturnee, &v.returnee)
	c.Custody = v.optBool(rec, colCustody, &v.custody)
	c.MultiAgency = v.optBool(rec, colMultiAgency, &v.multiAgency)
	c.Closed = v.closedMonth(rec, intakeOK)
	if s, ok := v.optCode(rec, colOutcome); ok {
		if v.statusKnown && !v.statusClosed {
			v.fail(v.l.names[colOutcome], s, CodeOutcomeOnOpenCase, fmt.Sprintf("outcome is only allowed for closed cases (status %s is not closed_regular or closed_aborted)", c.Status), nil)
		}
		v.outcome = s
		c.Outcome = &v.outcome
	}
	if s, ok := v.optCode(rec, colRelapse); ok {
		v.relapse = s
		c.Relapse = &v.relapse
	}
	c.Contacts = v.contactCount(rec)
	v.checkDetails(rec)
	return !v.bad
}

// value returns the trimmed value of column i ("" when absent).
func (v *rowValidator) value(rec []string, i int) string {
	p := v.l.pos[i]
	if p < 0 {
		return ""
	}
	return strings.TrimSpace(rec[p])
}

// raw returns the untrimmed value of column i for messages.
func (v *rowValidator) raw(rec []string, i int) string {
	if p := v.l.pos[i]; p >= 0 {
		return rec[p]
	}
	return ""
}

func (v *rowValidator) fail(column, value string, code Code, reason string, allowed []string) {
	v.bad = true
	v.errs.add(FieldError{File: v.file, Line: v.line, Column: column, Value: value, Code: code, Reason: reason, Allowed: allowed})
}

func (v *rowValidator) missing(i int) {
	v.fail(v.l.names[i], "", CodeRequiredMissing, "required value missing", nil)
}

// text checks a required free-text column.
func (v *rowValidator) text(rec []string, i, maxLen int) string {
	s := v.value(rec, i)
	if s == "" {
		v.missing(i)
		return ""
	}
	if len(s) > maxLen {
		v.fail(v.l.names[i], s, CodeTooLong, fmt.Sprintf("longer than %d bytes", maxLen), nil)
	}
	return s
}

// provider checks the provider code: letters, digits, '.', '-', '_'
// only, so that no organisation or person name slips in.
func (v *rowValidator) provider(rec []string) string {
	s := v.value(rec, colProvider)
	if s == "" {
		v.missing(colProvider)
		return ""
	}
	ok := len(s) <= providerMaxLen
	for i := 0; ok && i < len(s); i++ {
		c := s[i]
		ok = 'a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' || '0' <= c && c <= '9' || c == '-' || c == '_' || c == '.'
	}
	if !ok {
		v.fail(v.l.names[colProvider], s, CodeBadProvider, fmt.Sprintf("provider must be a code of at most %d letters, digits, '.', '-' or '_' such as T01 (no names)", providerMaxLen), nil)
	}
	return s
}

// matchCode returns the canonical spelling of s in codes, comparing
// case-insensitively ("de-bw" is DE-BW).
func matchCode(codes []string, s string) (string, bool) {
	for _, c := range codes {
		if c == s {
			return c, true
		}
	}
	for _, c := range codes {
		if strings.EqualFold(c, s) {
			return c, true
		}
	}
	return "", false
}

// code checks a required code column.
func (v *rowValidator) code(rec []string, i int) string {
	s := v.value(rec, i)
	if s == "" {
		v.fail(v.l.names[i], "", CodeRequiredMissing, "required value missing", schema.Columns[i].Codes)
		return ""
	}
	c, ok := matchCode(schema.Columns[i].Codes, s)
	if !ok {
		v.fail(v.l.names[i], v.raw(rec, i), CodeUnknownCode, "unknown code", schema.Columns[i].Codes)
	}
	return c
}

// optCode checks an optional code column; ok is false when it is empty
// or invalid.
func (v *rowValidator) optCode(rec []string, i int) (string, bool) {
	s := v.value(rec, i)
	if s == "" {
		return "", false
	}
	c, ok := matchCode(schema.Columns[i].Codes, s)
	if !ok {
		v.fail(v.l.names[i], v.raw(rec, i), CodeUnknownCode, "unknown code", schema.Columns[i].Codes)
	}
	return c, ok
}

// optBool checks an optional boolean column and stores it in *dst.
func (v *rowValidator) optBool(rec []string, i int, dst *bool) *bool {
	s := v.value(rec, i)
	if s == "" {
		return nil
	}
	b, ok := schema.ParseBool(s)
	if !ok {
		v.fail(v.l.names[i], v.raw(rec, i), CodeNotBoolean, "not a boolean", schema.BoolSpellings)
		return nil
	}
	*dst = b
	return dst
}

// month checks a required month column.
func (v *rowValidator) month(rec []string, i int) (int, time.Month, bool) {
	s := v.value(rec, i)
	if s == "" {
		v.missing(i)
		return 0, 0, false
	}
	y, m, ok := schema.ParseMonth(s)
	if !ok {
		v.failMonth(rec, i)
	}
	return y, m, ok
}

func (v *rowValidator) failMonth(rec []string, i int) {
	v.fail(v.l.names[i], v.raw(rec, i), CodeNotMonth,
		fmt.Sprintf("not a month or date between %d and %d", schema.MinYear, schema.MaxYear), schema.MonthFormats)
}

// closedMonth checks closed against status and intake: required iff the
// status is closed_*, and not before intake.
func (v *rowValidator) closedMonth(rec []string, intakeOK bool) *time.Time {
	name := v.l.names[colClosed]
	s := v.value(rec, colClosed)
	if s == "" {
		if v.statusClosed {
			v.fail(name, "", CodeClosedWithoutMonth, fmt.Sprintf("required when status is %s", v.c.Status), schema.MonthFormats)
		}
		return nil
	}
	y, m, ok := schema.ParseMonth(s)
	if !ok {
		v.failMonth(rec, colClosed)
		return nil
	}
	if v.statusKnown && !v.statusClosed {
		v.fail(name, v.raw(rec, colClosed), CodeClosedMonthOnOpen, fmt.Sprintf("closed is only allowed when status is closed_regular or closed_aborted (status is %s)", v.c.Status), nil)
		return nil
	}
	v.closed = store.Month(y, m)
	if intakeOK && v.closed.Before(v.c.Intake) {
		v.fail(name, v.raw(rec, colClosed), CodeClosedBeforeIntake, fmt.Sprintf("closed before intake (%04d-%02d)", v.intakeYear, v.intakeMonth), nil)
		return nil
	}
	return &v.closed
}

// ageBand derives the stored age band from age and/or age_band. Either
// must be given; when both are, the band must be the one of the age (a
// mismatch is a data error, not something to guess about).
func (v *rowValidator) ageBand(rec []string) string {
	ageStr := v.value(rec, colAge)
	bandStr := v.value(rec, colAgeBand)
	band, bandOK := "", false
	if bandStr != "" {
		if band, bandOK = matchCode(schema.AgeBands, bandStr); !bandOK {
			v.fail(v.l.names[colAgeBand], v.raw(rec, colAgeBand), CodeUnknownCode, "unknown code", schema.AgeBands)
		}
	}
	if ageStr == "" {
		if bandStr == "" {
			name := v.l.names[colAge]
			if v.l.pos[colAge] < 0 {
				name = v.l.names[colAgeBand]
			}
			v.fail(name, "", CodeRequiredMissing, "required value missing: give age or age_band", nil)
		}
		return band
	}
	age, err := strconv.Atoi(ageStr)
	if err != nil {
		v.fail(v.l.names[colAge], v.raw(rec, colAge), CodeNotNumber, fmt.Sprintf("not a whole number; age must be %d–%d", schema.MinAge, schema.MaxAge), nil)
		return band
	}
	if age < schema.MinAge || age > schema.MaxAge {
		v.fail(v.l.names[colAge], v.raw(rec, colAge), CodeAgeRange, fmt.Sprintf("age out of range; must be %d–%d", schema.MinAge, schema.MaxAge), nil)
		return band
	}
	fromAge := schema.AgeBand(age)
	if bandOK && band != fromAge {
		v.fail(v.l.names[colAgeBand], v.raw(rec, colAgeBand), CodeAgeBand, fmt.Sprintf("does not match age %d (band %s)", age, fromAge), nil)
	}
	return fromAge
}

// contactCount checks the optional contacts column: a whole number ≥ 0.
func (v *rowValidator) contactCount(rec []string) *int32 {
	s := v.value(rec, colContacts)
	if s == "" {
		return nil
	}
	n, err := strconv.ParseInt(s, 10, 32)
	switch {
	case err != nil && strings.HasPrefix(s, "-"):
		v.fail(v.l.names[colContacts], v.raw(rec, colContacts), CodeNotNumber, "must be a whole number ≥ 0", nil)
	case err != nil:
		v.fail(v.l.names[colContacts], v.raw(rec, colContacts), CodeNotNumber, "not a whole number ≥ 0", nil)
	case n < 0:
		v.fail(v.l.names[colContacts], v.raw(rec, colContacts), CodeNotNumber, "must be a whole number ≥ 0", nil)
	default:
		v.contacts = int32(n)
		return &v.contacts
	}
	return nil
}
