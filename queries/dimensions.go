package queries

import (
	"strconv"

	"lagebild/datasets/schema"
)

// Dimension is a way to split cases into the rows or columns of a table.
// Its SQL expression is fixed text from this file, never user input.
type Dimension struct {
	// Name is the dimension's code, e.g. "phenomenon" or "intake_year".
	Name string
	// expr is the SQL expression over case_records; NULL data values are
	// mapped to NotStated so that GROUPING can tell margins apart.
	expr string
	// codes lists the values in display order; nil means the values found
	// in the data, sorted (years).
	codes []string
}

// NotStated is the code of a missing optional value.
const NotStated = "not_stated"

// All is the only value of DimAll, for one-column tables.
const All = "all"

func boolDim(name string) Dimension {
	return Dimension{
		Name:  name,
		expr:  "CASE WHEN " + name + " THEN 'yes' WHEN NOT " + name + " THEN 'no' ELSE '" + NotStated + "' END",
		codes: []string{"yes", "no", NotStated},
	}
}

func codeDim(name string, codes []string, optional bool) Dimension {
	d := Dimension{Name: name, expr: name, codes: codes}
	if optional {
		d.expr = "coalesce(" + name + ", '" + NotStated + "')"
		d.codes = append(append([]string{}, codes...), NotStated)
	}
	return d
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
	// DimRelapsed splits cases with a documented relapse status into
	// "yes" (any offence) and "no" (none); use it with baseRelapseKnown.
	DimRelapsed = Dimension{Name: "relapsed",
		expr:  "CASE WHEN relapse = 'none' THEN 'no' ELSE 'yes' END",
		codes: []string{"yes", "no"}}
	DimAll = Dimension{Name: All, expr: "'" + All + "'", codes: []string{All}}
)

// Base conditions of queries, spliced as {{base}} into filter.sql.
const (
	baseAll          = "TRUE"
	baseClosed       = "status IN ('closed_regular', 'closed_aborted') AND closed IS NOT NULL"
	baseRelapseKnown = "relapse IS NOT NULL AND relapse <> 'unknown'"
)

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
