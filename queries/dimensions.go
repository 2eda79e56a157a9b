package queries

import (
	"fmt"
	"strconv"

	"lagebild/datasets/schema"
)

// Dimension is a way to split cases into the rows or columns of a table.
// Its SQL expression is fixed text from this file, never user input.
type Dimension struct {
	// Name is the dimension's code, e.g. "phenomenon" or "intake_year".
	Name string
	// expr is the SQL expression over case_records that records are
	// grouped by, in its own type (an ENUM code, a year, a boolean):
	// grouping by it is cheaper than by text. The aggregate turns each
	// group's value into its code: NULL becomes NotStated, a boolean
	// becomes boolCodes.
	expr string
	// boolCodes are the codes of true and false for a boolean expr.
	boolCodes *[2]string
	// codes lists the values in display order; nil means the values found
	// in the data, sorted (years).
	codes []string
}

// NotStated is the code of a missing optional value.
const NotStated = "not_stated"

// All is the only value of DimAll, for one-column tables.
const All = "all"

var yesNo = [2]string{"yes", "no"}

func boolDim(name string) Dimension {
	return Dimension{Name: name, expr: name, boolCodes: &yesNo, codes: []string{"yes", "no", NotStated}}
}

func codeDim(name string, codes []string, optional bool) Dimension {
	d := Dimension{Name: name, expr: name, codes: codes}
	if optional {
		d.codes = append(append([]string{}, codes...), NotStated)
	}
	return d
}

// code is the code of a group's value of the dimension, as scanned.
func (d Dimension) code(v any) string {
	switch v := v.(type) {
	case nil:
		return NotStated
	case bool:
		if d.boolCodes == nil {
			return strconv.FormatBool(v)
		}
		if v {
			return d.boolCodes[0]
		}
		return d.boolCodes[1]
	case string:
		return v
	case int64:
		return strconv.FormatInt(v, 10)
	case int32:
		return strconv.FormatInt(int64(v), 10)
	}
	return fmt.Sprint(v)
}

// The dimensions of the catalogue.
var (
	DimIntakeYear  = Dimension{Name: "intake_year", expr: "year(intake)"}
	DimClosedYear  = Dimension{Name: "closed_year", expr: "year(closed)"}
	DimPhenomenon  = codeDim("phenomenon", schema.Phenomena, false)
	DimState       = codeDim("state", schema.States, false)
	DimAgeBand     = codeDim("age_band", schema.AgeBands, false)
	DimGender      = codeDim("gender", schema.Genders, true)
	DimAccessRoute = codeDim("access_route", schema.AccessRoutes, false)
	DimRiskLevel   = codeDim("risk_level", schema.RiskLevels, false)
	DimStatus      = codeDim("status", schema.Statuses, false)
	DimOutcome     = codeDim("outcome", schema.Outcomes, true)
	DimProvider    = Dimension{Name: "provider", expr: "provider"}
	DimMultiAgency = boolDim("multi_agency")
	DimIntrinsic   = boolDim("intrinsic_motivation")
	DimCustody     = boolDim("custody")
	DimReturnee    = boolDim("returnee")
	// DimRelapse splits cases with a documented relapse status by its
	// code (none or an offence); use it with baseRelapseKnown. The
	// headline relapse is relapseHeadline, any offence every code but none.
	DimRelapse = codeDim("relapse", []string{"none", "extremist_offence", "violent_offence", "other_offence"}, false)
	// dimRelapseHeadline says whether a case has a documented extremist or
	// violent relapse (yes), whatever its status; no otherwise, unknown
	// and empty included: the programme figures count documented relapses.
	dimRelapseHeadline = Dimension{Name: "relapse_extremist_violent", boolCodes: &yesNo, codes: []string{"yes", "no"},
		expr: "coalesce(enum_code(relapse) IN (enum_code('extremist_offence'::relapse_code), enum_code('violent_offence'::relapse_code)), false)"}
	DimAll = Dimension{Name: All, expr: "'" + All + "'", codes: []string{All}}
	// Case-export schema 2 (optional columns; NULL in a schema-1 store).
	DimClosureReason = codeDim("closure_reason", schema.ClosureReasons, true)
	DimCaseType      = codeDim("case_type", schema.CaseTypes, true)
)

// Conditions on codes compare ENUM values (store schema.sql) by their
// enum_code against typed literals: DuckDB casts every record's code to
// text for a comparison with a plain string literal, and evaluates an IN
// list of ENUM values about five times slower than of their codes.

// closedStatus holds the cases with a closed status.
const closedStatus = "enum_code(status) IN (enum_code('closed_regular'::status_code), enum_code('closed_aborted'::status_code))"

// Base conditions of queries, spliced as {{base}} into filter.sql.
const (
	baseAll          = "TRUE"
	baseClosed       = closedStatus + " AND closed IS NOT NULL"
	baseRelapseKnown = "relapse IS NOT NULL AND relapse <> 'unknown'::relapse_code"
	// baseFollowedUp holds the closed cases past the minimum follow-up
	// (followup.go); its cutoff is bound from Store.followUpParams.
	baseFollowedUp = "closed <= CAST($followup_cutoff AS DATE)"
	// baseRelapse is the base of every relapse rate: closed cases with a
	// documented relapse status, past the minimum follow-up.
	baseRelapse = baseClosed + " AND " + baseRelapseKnown + " AND " + baseFollowedUp
	// baseDangerContext holds the cases in a danger context (risk level
	// danger_context or high_risk), the base of the programme figures.
	baseDangerContext = "enum_code(risk_level) IN (enum_code('danger_context'::risk_level_code), enum_code('high_risk'::risk_level_code))"
)

// relapseHeadline are the relapse codes of the headline relapse: an
// extremist or violent offence, as the policy paper counts relapses
// (docs/privacy.md, relapse). Any offence adds other_offence.
var relapseHeadline = []string{"extremist_offence", "violent_offence"}

// Year expressions the filter's year range applies to.
const (
	yearIntake = "year(intake)"
	yearClosed = "year(closed)"
)

// yearLabels returns from..to as strings.
func yearLabels(from, to int) []string {
	var out []string
	for y := from; y <= to; y++ {
		out = append(out, strconv.Itoa(y))
	}
	return out
}
