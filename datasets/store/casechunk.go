package store

import (
	"fmt"
	"time"

	"github.com/duckdb/duckdb-go/v2"

	"lagebild/datasets/schema"
)

// CaseColumns are the columns of case_records, in their order, as a table
// function that feeds `INSERT INTO case_records SELECT *` declares them
// (the importer's writer, docs/performance.md "Import"). The ENUM types
// list the schema's codes in the order of schema.sql, so that DuckDB
// stores a code's index as the table's own type does.
func CaseColumns() ([]duckdb.ColumnInfo, error) {
	var err error
	typ := func(t duckdb.Type) duckdb.TypeInfo {
		if err != nil {
			return nil
		}
		var ti duckdb.TypeInfo
		ti, err = duckdb.NewTypeInfo(t)
		return ti
	}
	enum := func(codes []string) duckdb.TypeInfo {
		if err != nil {
			return nil
		}
		var ti duckdb.TypeInfo
		ti, err = duckdb.NewEnumInfo(codes[0], codes[1:]...)
		return ti
	}
	agencies := func() duckdb.TypeInfo {
		child := enum(schema.Agencies)
		if err != nil {
			return nil
		}
		var ti duckdb.TypeInfo
		ti, err = duckdb.NewListInfo(child)
		return ti
	}
	cols := []duckdb.ColumnInfo{
		{Name: "case_id", T: typ(duckdb.TYPE_VARCHAR)},
		{Name: "provider", T: typ(duckdb.TYPE_VARCHAR)},
		{Name: "state", T: enum(schema.States)},
		{Name: "phenomenon", T: enum(schema.Phenomena)},
		{Name: "intake", T: typ(duckdb.TYPE_DATE)},
		{Name: "age_band", T: enum(schema.AgeBands)},
		{Name: "gender", T: enum(schema.Genders)},
		{Name: "access_route", T: enum(schema.AccessRoutes)},
		{Name: "intrinsic_motivation", T: typ(duckdb.TYPE_BOOLEAN)},
		{Name: "risk_level", T: enum(schema.RiskLevels)},
		{Name: "returnee", T: typ(duckdb.TYPE_BOOLEAN)},
		{Name: "custody", T: typ(duckdb.TYPE_BOOLEAN)},
		{Name: "multi_agency", T: typ(duckdb.TYPE_BOOLEAN)},
		{Name: "status", T: enum(schema.Statuses)},
		{Name: "closed", T: typ(duckdb.TYPE_DATE)},
		{Name: "outcome", T: enum(schema.Outcomes)},
		{Name: "relapse", T: enum(schema.Relapses)},
		{Name: "contacts", T: typ(duckdb.TYPE_INTEGER)},
		{Name: "rkey", T: typ(duckdb.TYPE_UINTEGER)},
		{Name: "qflags", T: typ(duckdb.TYPE_USMALLINT)},
		{Name: "duration_months", T: typ(duckdb.TYPE_SMALLINT)},
		{Name: "case_type", T: enum(schema.CaseTypes)},
		{Name: "closure_reason", T: enum(schema.ClosureReasons)},
		{Name: "agencies", T: agencies()},
		{Name: "case_conferences", T: typ(duckdb.TYPE_INTEGER)},
		{Name: "consent_documented", T: typ(duckdb.TYPE_BOOLEAN)},
		{Name: "risk_level_closed", T: enum(schema.RiskLevels)},
		{Name: "motivation_closed", T: typ(duckdb.TYPE_BOOLEAN)},
	}
	for _, phase := range []string{"intake", "closed"} {
		for _, d := range schema.Dimensions {
			cols = append(cols, duckdb.ColumnInfo{Name: "dim_" + d + "_" + phase, T: typ(duckdb.TYPE_UTINYINT)})
		}
	}
	cols = append(cols,
		duckdb.ColumnInfo{Name: "goals_set", T: typ(duckdb.TYPE_INTEGER)},
		duckdb.ColumnInfo{Name: "goals_reached", T: typ(duckdb.TYPE_INTEGER)},
		duckdb.ColumnInfo{Name: "relapse_type", T: enum(schema.RelapseTypes)},
		duckdb.ColumnInfo{Name: "relapse_checked", T: typ(duckdb.TYPE_DATE)},
	)
	if err != nil {
		return nil, fmt.Errorf("case columns: %w", err)
	}
	return cols, nil
}

// agencyLists holds the list value of every agency set (index: the bit
// set), made once, so that writing a case's agencies allocates nothing.
var agencyLists = func() [256][]any {
	var out [256][]any
	for set := range out {
		codes := AgencyCodes(uint8(set))
		l := make([]any, len(codes))
		for i, c := range codes {
			l[i] = c
		}
		out[set] = l
	}
	return out
}()

// caseRowWriter writes the values of cases into the rows of a DataChunk
// laid out as CaseColumns, each with its own type (no driver.Value boxes
// as the appender takes them). The first error stays in err.
type caseRowWriter struct {
	dc  duckdb.DataChunk
	row int
	col int
	err error
}

func set[T any](w *caseRowWriter, v T) {
	if w.err == nil {
		w.err = duckdb.SetChunkValue(w.dc, w.col, w.row, v)
	}
	w.col++
}

func setNull[T any](w *caseRowWriter, v T, valid bool) {
	if !valid {
		set[any](w, nil)
		return
	}
	set(w, v)
}

func setPtr[T any](w *caseRowWriter, p *T) {
	if p == nil {
		set[any](w, nil)
		return
	}
	set(w, *p)
}

// WriteCaseRow writes c into row of dc, a chunk of a table function
// declared with CaseColumns.
func WriteCaseRow(dc duckdb.DataChunk, row int, c *Case) error {
	w := caseRowWriter{dc: dc, row: row}
	set(&w, c.CaseID)
	set(&w, c.Provider)
	set(&w, c.State)
	set(&w, c.Phenomenon)
	set(&w, c.Intake)
	set(&w, c.AgeBand)
	setPtr(&w, c.Gender)
	set(&w, c.AccessRoute)
	setPtr(&w, c.IntrinsicMotivation)
	set(&w, c.RiskLevel)
	setPtr(&w, c.Returnee)
	setPtr(&w, c.Custody)
	setPtr(&w, c.MultiAgency)
	set(&w, c.Status)
	setPtr[time.Time](&w, c.Closed)
	setPtr(&w, c.Outcome)
	setPtr(&w, c.Relapse)
	setPtr(&w, c.Contacts)
	set(&w, uint32(c.RKey))
	set(&w, c.QualityFlags())
	months, closed := c.monthsToClosing()
	setNull(&w, months, closed)
	d := &c.Details
	setNull(&w, d.CaseType.V, d.CaseType.Valid)
	setNull(&w, d.ClosureReason.V, d.ClosureReason.Valid)
	setNull(&w, agencyLists[d.Agencies.V], d.Agencies.Valid)
	setNull(&w, d.CaseConferences.V, d.CaseConferences.Valid)
	setNull(&w, d.ConsentDocumented.V, d.ConsentDocumented.Valid)
	setNull(&w, d.RiskLevelClosed.V, d.RiskLevelClosed.Valid)
	setNull(&w, d.MotivationClosed.V, d.MotivationClosed.Valid)
	for _, x := range d.DimIntake {
		setNull(&w, x.V, x.Valid)
	}
	for _, x := range d.DimClosed {
		setNull(&w, x.V, x.Valid)
	}
	setNull(&w, d.GoalsSet.V, d.GoalsSet.Valid)
	setNull(&w, d.GoalsReached.V, d.GoalsReached.Valid)
	setNull(&w, d.RelapseType.V, d.RelapseType.Valid)
	setNull(&w, d.RelapseChecked.V, d.RelapseChecked.Valid)
	return w.err
}
