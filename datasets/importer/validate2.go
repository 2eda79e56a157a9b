package importer

import (
	"database/sql"
	"fmt"
	"strconv"
	"strings"
	"time"

	"lagebild/datasets/schema"
	"lagebild/datasets/store"
)

// Columns of case-export schema 2 (datasets/schema/schema2.go), resolved
// once. Every one is optional: a schema-1 export has none of them.
var (
	colCaseType          = columnIndex("case_type")
	colClosureReason     = columnIndex("closure_reason")
	colAgencies          = columnIndex("agencies")
	colCaseConferences   = columnIndex("case_conferences")
	colConsentDocumented = columnIndex("consent_documented")
	colRiskLevelClosed   = columnIndex("risk_level_closed")
	colMotivationClosed  = columnIndex("motivation_closed")
	colGoalsSet          = columnIndex("goals_set")
	colGoalsReached      = columnIndex("goals_reached")
	colRelapseType       = columnIndex("relapse_type")
	colRelapseChecked    = columnIndex("relapse_checked")
	colDimIntake         = dimensionColumns(schema.DimensionIntake)
	colDimClosed         = dimensionColumns(schema.DimensionClosed)
)

func dimensionColumns(name func(string) string) [store.NumDimensions]int {
	var out [store.NumDimensions]int
	for i, d := range schema.Dimensions {
		out[i] = columnIndex(name(d))
	}
	return out
}

// checkDetails validates the schema-2 columns of the current record into
// v.c.Details. It runs after the schema-1 columns, so status, intake and
// relapse are known.
func (v *rowValidator) checkDetails(rec []string) {
	d := &v.c.Details
	d.CaseType = nullOf(v.optCode(rec, colCaseType))
	d.ClosureReason = closureOnly(v, rec, colClosureReason, nullOf(v.optCode(rec, colClosureReason)))
	d.Agencies = v.agencies(rec)
	d.CaseConferences = v.count(rec, colCaseConferences)
	var b bool
	if p := v.optBool(rec, colConsentDocumented, &b); p != nil {
		d.ConsentDocumented = sql.Null[bool]{V: *p, Valid: true}
	}
	d.RiskLevelClosed = closureOnly(v, rec, colRiskLevelClosed, nullOf(v.optCode(rec, colRiskLevelClosed)))
	if p := v.optBool(rec, colMotivationClosed, &b); p != nil {
		d.MotivationClosed = closureOnly(v, rec, colMotivationClosed, sql.Null[bool]{V: *p, Valid: true})
	}
	for i := range schema.Dimensions {
		d.DimIntake[i] = v.rating(rec, colDimIntake[i])
		d.DimClosed[i] = closureOnly(v, rec, colDimClosed[i], v.rating(rec, colDimClosed[i]))
	}
	d.GoalsSet = v.count(rec, colGoalsSet)
	d.GoalsReached = v.count(rec, colGoalsReached)
	if d.GoalsSet.Valid && d.GoalsReached.Valid && d.GoalsReached.V > d.GoalsSet.V {
		v.fail(v.l.names[colGoalsReached], v.raw(rec, colGoalsReached), CodeGoalsReachedAboveSet,
			fmt.Sprintf("more goals reached than set (goals_set is %d)", d.GoalsSet.V), nil)
	}
	d.RelapseType = nullOf(v.optCode(rec, colRelapseType))
	if d.RelapseType.Valid && v.c.Relapse != nil && *v.c.Relapse == "none" {
		v.fail(v.l.names[colRelapseType], v.raw(rec, colRelapseType), CodeRelapseTypeWithoutRelapse,
			"a relapse type on a case whose relapse is none", nil)
	}
	d.RelapseChecked = v.relapseChecked(rec)
}

func nullOf[T any](x T, ok bool) sql.Null[T] { return sql.Null[T]{V: x, Valid: ok} }

// closureOnly reports a closure detail given for a case that is not
// closed (CodeClosureDetailOnOpenCase) and passes the value through.
func closureOnly[T any](v *rowValidator, rec []string, i int, x sql.Null[T]) sql.Null[T] {
	if x.Valid && v.statusKnown && !v.statusClosed {
		v.fail(v.l.names[i], v.raw(rec, i), CodeClosureDetailOnOpenCase,
			fmt.Sprintf("only allowed for closed cases (status %s is not closed_regular or closed_aborted)", v.c.Status), nil)
	}
	return x
}

// agencies parses the set of agencies: codes separated by
// schema.AgencySeparator, each at most once, or schema.AgencyNone alone.
func (v *rowValidator) agencies(rec []string) sql.Null[uint8] {
	s := v.value(rec, colAgencies)
	if s == "" {
		return sql.Null[uint8]{}
	}
	name := v.l.names[colAgencies]
	if strings.EqualFold(s, schema.AgencyNone) {
		return sql.Null[uint8]{Valid: true}
	}
	var set uint8
	for _, part := range schema.SplitSet(s) {
		code, ok := matchCode(schema.Agencies, part)
		if !ok {
			reason := fmt.Sprintf("unknown agency %q; separate agencies by %s", part, schema.AgencySeparator)
			if strings.EqualFold(part, schema.AgencyNone) {
				reason = schema.AgencyNone + " stands alone, not beside agencies"
			}
			v.fail(name, v.raw(rec, colAgencies), CodeUnknownAgency, reason, append(append([]string{}, schema.Agencies...), schema.AgencyNone))
			return sql.Null[uint8]{}
		}
		bit := uint8(1) << agencyIndex(code)
		if set&bit != 0 {
			v.fail(name, v.raw(rec, colAgencies), CodeAgencyRepeated, fmt.Sprintf("agency %s given twice", code), nil)
			return sql.Null[uint8]{}
		}
		set |= bit
	}
	return sql.Null[uint8]{V: set, Valid: true}
}

func agencyIndex(code string) int {
	for i, a := range schema.Agencies {
		if a == code {
			return i
		}
	}
	panic("importer: no agency " + code)
}

// count checks an optional count column: a whole number ≥ 0.
func (v *rowValidator) count(rec []string, i int) sql.Null[int32] {
	s := v.value(rec, i)
	if s == "" {
		return sql.Null[int32]{}
	}
	n, err := strconv.ParseInt(s, 10, 32)
	if err != nil || n < 0 {
		v.fail(v.l.names[i], v.raw(rec, i), CodeNotNumber, "not a whole number ≥ 0", nil)
		return sql.Null[int32]{}
	}
	return sql.Null[int32]{V: int32(n), Valid: true}
}

// rating checks an outcome-dimension rating: a whole number on the scale
// schema.MinScale..MaxScale.
func (v *rowValidator) rating(rec []string, i int) sql.Null[uint8] {
	s := v.value(rec, i)
	if s == "" {
		return sql.Null[uint8]{}
	}
	n, err := strconv.Atoi(s)
	if err != nil || n < schema.MinScale || n > schema.MaxScale {
		v.fail(v.l.names[i], v.raw(rec, i), CodeScaleRange,
			fmt.Sprintf("not a rating %d–%d (0 no concern, 1 slight, 2 considerable, 3 severe)", schema.MinScale, schema.MaxScale), nil)
		return sql.Null[uint8]{}
	}
	return sql.Null[uint8]{V: uint8(n), Valid: true}
}

// relapseChecked checks the month of the last relapse check: not before
// the intake month.
func (v *rowValidator) relapseChecked(rec []string) sql.Null[time.Time] {
	s := v.value(rec, colRelapseChecked)
	if s == "" {
		return sql.Null[time.Time]{}
	}
	y, m, ok := schema.ParseMonth(s)
	if !ok {
		v.failMonth(rec, colRelapseChecked)
		return sql.Null[time.Time]{}
	}
	t := store.Month(y, m)
	if !v.c.Intake.IsZero() && t.Before(v.c.Intake) {
		v.fail(v.l.names[colRelapseChecked], v.raw(rec, colRelapseChecked), CodeRelapseCheckedBeforeIntake,
			fmt.Sprintf("relapse checked before intake (%04d-%02d)", v.intakeYear, v.intakeMonth), nil)
	}
	return sql.Null[time.Time]{V: t, Valid: true}
}

// schema2Count is the number of schema-2 columns.
var schema2Count = len(schema.ColumnsOf(2)) - len(schema.ColumnsOf(1))

// schema2 lists the schema-2 columns the file has.
func (l *layout) schema2() []string {
	var out []string
	for i, c := range schema.Columns {
		if c.Since == 2 && l.pos[i] >= 0 {
			out = append(out, c.Name)
		}
	}
	return out
}
