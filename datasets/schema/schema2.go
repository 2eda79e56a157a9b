package schema

import (
	"strings"
)

// This file holds the columns of case-export schema 2 (docs/case-export-schema.md):
// what an evaluation of counselling work needs beyond schema 1 (case type,
// closure reason, the agencies of a multi-agency case, case conferences,
// consent, risk and motivation at closure, outcome dimensions at intake and
// at closure, goal attainment, the kind of relapse and the month it was last
// checked). Every schema-2 column is optional, so that a schema-1 export
// still imports unchanged.

// Version is the case-export schema version this lagebild reads and the
// generator writes by default.
const Version = 2

// Code lists of schema 2, in display order.
var (
	CaseTypes      = []string{"direct", "relatives"}
	ClosureReasons = []string{"goal_reached", "ended_by_client", "contact_lost", "moved_or_deported",
		"custody_ended", "transferred", "security_related", "death"}
	Agencies     = []string{"police", "state_criminal_police", "domestic_intelligence", "justice_prison", "probation", "youth_welfare", "migration_office", "school"}
	RelapseTypes = []string{"extremist", "violent", "other"}
)

// AgencyNone is the value of the agencies column for a case with no
// agency involved; an empty cell means "not stated".
const AgencyNone = "none"

// AgencySeparator separates the agencies of one case in a cell
// (police|school): neither comma nor semicolon, which separate CSV fields.
const AgencySeparator = "|"

// Dimensions are the outcome dimensions, each rated at intake
// (dim_<name>_intake) and at closure (dim_<name>_closed) on the scale
// MinScale..MaxScale: 0 no concern in this dimension, 1 slight,
// 2 considerable, 3 severe. A lower rating at closure than at intake is
// an improvement. social_integration rates housing, work or education
// and family together.
var Dimensions = []string{"attitudes", "behaviour", "scene_contacts", "social_integration", "psychosocial"}

// The outcome-dimension scale.
const (
	MinScale = 0
	MaxScale = 3
)

// dimensionDoc says what each dimension rates, for the provider
// documentation.
var dimensionDoc = map[string]string{
	"attitudes":          "extremist attitudes and ideological commitment",
	"behaviour":          "extremist, violent or other offending behaviour",
	"scene_contacts":     "contacts with the extremist scene",
	"social_integration": "problems of social integration: housing, work or education, family (one rating)",
	"psychosocial":       "psychosocial instability (mental health, crises, substance use)",
}

// dimensionAliasDE is the German stem of a dimension's alias.
var dimensionAliasDE = map[string]string{
	"attitudes":          "einstellungen",
	"behaviour":          "verhalten",
	"scene_contacts":     "szenekontakte",
	"social_integration": "soziale_integration",
	"psychosocial":       "psychosozial",
}

// DimensionIntake and DimensionClosed are the column names of a dimension.
func DimensionIntake(name string) string { return "dim_" + name + "_intake" }
func DimensionClosed(name string) string { return "dim_" + name + "_closed" }

// ClosureColumns are the schema-2 columns that describe a closure: they
// may only be given for a closed case (like outcome).
var ClosureColumns = func() []string {
	out := []string{"closure_reason", "risk_level_closed", "motivation_closed"}
	for _, d := range Dimensions {
		out = append(out, DimensionClosed(d))
	}
	return out
}()

// schema2Columns are appended to Columns; their Since is 2.
func schema2Columns() []Column {
	cols := []Column{
		{Name: "case_type", Kind: Code, Codes: CaseTypes, Aliases: []string{"fallart", "falltyp", "beratungsart"},
			Doc: "direct counselling of the person, or counselling of relatives (parents, partners, friends)"},
		{Name: "closure_reason", Kind: Code, Codes: ClosureReasons, Aliases: []string{"abschlussgrund", "beendigungsgrund"},
			Doc: "why the case was closed; only for closed cases"},
		{Name: "agencies", Kind: Set, Codes: Agencies, Aliases: []string{"beteiligte_stellen", "behoerden", "beteiligte_behoerden"},
			Doc: "agencies involved in the case, separated by `|` (police|school); `none` for no agency, empty for not stated"},
		{Name: "case_conferences", Kind: Int, Aliases: []string{"fallkonferenzen", "anzahl_fallkonferenzen"},
			Doc: "number of multi-agency case conferences"},
		{Name: "consent_documented", Kind: Bool, Aliases: []string{"einwilligung_dokumentiert", "schweigepflichtentbindung"},
			Doc: "the person's consent to share information between agencies is documented"},
		{Name: "risk_level_closed", Kind: Code, Codes: RiskLevels, Aliases: []string{"risikostufe_abschluss", "risiko_abschluss"},
			Doc: "risk level at closure; only for closed cases"},
		{Name: "motivation_closed", Kind: Bool, Aliases: []string{"motivation_abschluss", "eigenmotivation_abschluss"},
			Doc: "the person seeks distancing of their own accord at closure; only for closed cases"},
	}
	for _, d := range Dimensions {
		cols = append(cols, Column{Name: DimensionIntake(d), Kind: Scale, Aliases: []string{"dim_" + dimensionAliasDE[d] + "_aufnahme"},
			Doc: "outcome dimension at intake, 0 none – 3 severe: " + dimensionDoc[d]})
	}
	for _, d := range Dimensions {
		cols = append(cols, Column{Name: DimensionClosed(d), Kind: Scale, Aliases: []string{"dim_" + dimensionAliasDE[d] + "_abschluss"},
			Doc: "outcome dimension at closure, same scale; only for closed cases: " + dimensionDoc[d]})
	}
	cols = append(cols,
		Column{Name: "goals_set", Kind: Int, Aliases: []string{"ziele_vereinbart", "vereinbarte_ziele"},
			Doc: "number of counselling goals agreed"},
		Column{Name: "goals_reached", Kind: Int, Aliases: []string{"ziele_erreicht", "erreichte_ziele"},
			Doc: "number of agreed goals reached; at most goals_set"},
		Column{Name: "relapse_type", Kind: Code, Codes: RelapseTypes, Aliases: []string{"rueckfallart"},
			Doc: "kind of relapse: extremist, violent or other; not with relapse none"},
		Column{Name: "relapse_checked", Kind: Month, Aliases: []string{"rueckfall_geprueft", "letzte_rueckfallpruefung"},
			Doc: "month of the last relapse check, YYYY-MM; not before intake"},
	)
	for i := range cols {
		cols[i].Since = 2
	}
	return cols
}

// SplitSet splits a Set cell into its trimmed members; empty members
// (police||school) are kept so that a caller can refuse them.
func SplitSet(s string) []string {
	parts := strings.Split(s, AgencySeparator)
	for i, p := range parts {
		parts[i] = strings.TrimSpace(p)
	}
	return parts
}

// ColumnsOf returns the columns of schema version v (1 or 2): a schema-1
// export has none of the schema-2 columns.
func ColumnsOf(v int) []Column {
	var out []Column
	for _, c := range Columns {
		if c.Since <= v {
			out = append(out, c)
		}
	}
	return out
}
