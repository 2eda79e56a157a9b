package store

import (
	"database/sql"
	"database/sql/driver"
	"time"

	"lagebild/datasets/schema"
)

// Details are the values of the columns of case-export schema 2
// (datasets/schema/schema2.go) of one case; a value that is not Valid is
// NULL (the export left it empty, or it is a schema-1 export). They are
// plain values, not pointers, so that copying a Case copies them.
type Details struct {
	CaseType      sql.Null[string]
	ClosureReason sql.Null[string]
	// Agencies is a bit set over schema.Agencies (bit i: schema.Agencies[i]);
	// Valid with V 0 is "no agency involved".
	Agencies          sql.Null[uint8]
	CaseConferences   sql.Null[int32]
	ConsentDocumented sql.Null[bool]
	RiskLevelClosed   sql.Null[string]
	MotivationClosed  sql.Null[bool]
	// DimIntake and DimClosed are the ratings of schema.Dimensions, in order.
	DimIntake, DimClosed [NumDimensions]sql.Null[uint8]
	GoalsSet             sql.Null[int32]
	GoalsReached         sql.Null[int32]
	RelapseType          sql.Null[string]
	RelapseChecked       sql.Null[time.Time] // first day of the month, UTC
}

// NumDimensions is len(schema.Dimensions); a test keeps them equal.
const NumDimensions = 5

// AgencyCodes returns the agencies of a bit set over schema.Agencies, in
// the list's order.
func AgencyCodes(set uint8) []string {
	out := []string{}
	for i, a := range schema.Agencies {
		if set&(1<<i) != 0 {
			out = append(out, a)
		}
	}
	return out
}

// appendValues appends the details to v in the column order of
// schema2.sql.
func (d *Details) appendValues(v []driver.Value) []driver.Value {
	v = append(v,
		nullValue(d.CaseType), nullValue(d.ClosureReason), nil, nullValue(d.CaseConferences),
		nullValue(d.ConsentDocumented), nullValue(d.RiskLevelClosed), nullValue(d.MotivationClosed),
	)
	if d.Agencies.Valid {
		v[len(v)-5] = AgencyCodes(d.Agencies.V)
	}
	for _, x := range d.DimIntake {
		v = append(v, nullValue(x))
	}
	for _, x := range d.DimClosed {
		v = append(v, nullValue(x))
	}
	return append(v, nullValue(d.GoalsSet), nullValue(d.GoalsReached), nullValue(d.RelapseType), nullValue(d.RelapseChecked))
}

func nullValue[T any](n sql.Null[T]) driver.Value {
	if !n.Valid {
		return nil
	}
	return n.V
}
