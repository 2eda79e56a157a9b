// Package schema is the one Go definition of the anonymised case-export
// format: its canonical columns, their code lists, the German and English
// aliases a provider may use as headers, and the generalisation rules that
// run before anything is stored (exact age → age band, date → month).
//
// The importer, the synthetic generator, the store DDL and the provider
// documentation (docs/case-export-schema.md, kept in sync by a test) all
// read this package; nothing else defines a column or a code.
package schema

// Kind says how a column's raw text is parsed and validated.
type Kind int

const (
	// Text is free of code lists but must be non-empty (case_id, provider).
	Text Kind = iota
	// Code must be one of Column.Codes.
	Code
	// Month is YYYY-MM, or a full date YYYY-MM-DD / DD.MM.YYYY that is cut to its month.
	Month
	// Bool accepts true/false, 1/0, ja/nein, yes/no (any case); empty is unknown.
	Bool
	// Int is a whole number ≥ 0.
	Int
	// Age is an exact age 10–99, generalised to an age band at import.
	Age
	// Set is a set of codes of Column.Codes separated by AgencySeparator,
	// or AgencyNone for the empty set (schema 2: agencies).
	Set
	// Scale is a rating MinScale..MaxScale (schema 2: outcome dimensions).
	Scale
)

func (k Kind) String() string {
	switch k {
	case Text:
		return "text"
	case Code:
		return "code"
	case Month:
		return "month (YYYY-MM)"
	case Bool:
		return "boolean"
	case Int:
		return "integer ≥ 0"
	case Age:
		return "age 10–99"
	case Set:
		return "set of codes"
	case Scale:
		return "rating 0–3"
	}
	return "unknown"
}

// Column is one canonical column of the case export.
type Column struct {
	// Name is the canonical (English) header and the column name in the
	// store's `cases` table, except for Age, which is stored as age_band.
	Name string
	Kind Kind
	// Required: the column must be present and every value non-empty.
	// age and age_band are each optional, but one of them is required
	// (see AgeColumns); closed is required when status is closed_*.
	Required bool
	// Codes lists the allowed values of a Code column, in display order.
	Codes []string
	// Aliases are further accepted headers (German first), matched after
	// NormaliseHeader.
	Aliases []string
	// Doc is a one-line description for the provider documentation.
	Doc string
	// Since is the case-export schema version that introduced the column
	// (0 for the columns of version 1, 2 for schema2.go's).
	Since int
}

// Code lists, in display order. Labels for them live in LabelsDE/LabelsEN.
var (
	States = []string{
		"DE-BW", "DE-BY", "DE-BE", "DE-BB", "DE-HB", "DE-HH", "DE-HE", "DE-MV",
		"DE-NI", "DE-NW", "DE-RP", "DE-SL", "DE-SN", "DE-ST", "DE-SH", "DE-TH",
	}
	Phenomena    = []string{"right_wing", "islamist", "left_wing", "foreign_ideology", "reichsbuerger", "mixed_unclear"}
	AgeBands     = []string{"under_14", "14_17", "18_20", "21_24", "25_29", "30_39", "40_plus"}
	Genders      = []string{"female", "male", "diverse", "unknown"}
	AccessRoutes = []string{"self", "family_social", "security_authority", "justice", "probation", "youth_welfare_school", "other"}
	RiskLevels   = []string{"standard", "danger_context", "high_risk"}
	Statuses     = []string{"ongoing", "closed_regular", "closed_aborted", "transferred"}
	Outcomes     = []string{"distanced", "exited", "stabilised", "no_change", "unknown"}
	Relapses     = []string{"none", "extremist_offence", "violent_offence", "other_offence", "unknown"}
)

// Columns is the allowlist: only these columns are ever stored. The
// columns of schema 2 (schema2.go) follow those of schema 1.
var Columns = append([]Column{
	{Name: "case_id", Kind: Text, Required: true, Aliases: []string{"fall_id", "fallnummer", "fall_nr", "case_key", "fallschluessel"},
		Doc: "provider's case key; pseudonymised at import with HMAC-SHA-256 (the key is never stored with the data)"},
	{Name: "provider", Kind: Text, Required: true, Aliases: []string{"traeger", "anbieter", "provider_code", "traeger_code"},
		Doc: "provider code such as T01 (no names)"},
	{Name: "state", Kind: Code, Required: true, Codes: States, Aliases: []string{"bundesland", "land"},
		Doc: "federal state, ISO 3166-2 code"},
	{Name: "phenomenon", Kind: Code, Required: true, Codes: Phenomena, Aliases: []string{"phaenomenbereich", "phaenomen"},
		Doc: "phenomenon area"},
	{Name: "intake", Kind: Month, Required: true, Aliases: []string{"aufnahme", "beginn", "fallbeginn", "intake_month"},
		Doc: "month of intake, YYYY-MM (a full date is cut to its month)"},
	{Name: "age", Kind: Age, Aliases: []string{"alter"},
		Doc: "exact age 10–99; generalised to age_band at import, never stored"},
	{Name: "age_band", Kind: Code, Codes: AgeBands, Aliases: []string{"altersgruppe", "altersband"},
		Doc: "age band (give age or age_band)"},
	{Name: "gender", Kind: Code, Codes: Genders, Aliases: []string{"geschlecht"},
		Doc: "gender"},
	{Name: "access_route", Kind: Code, Required: true, Codes: AccessRoutes, Aliases: []string{"zugangsweg", "zugang"},
		Doc: "how the case came to the provider"},
	{Name: "intrinsic_motivation", Kind: Bool, Aliases: []string{"intrinsische_motivation", "eigenmotivation"},
		Doc: "the person seeks distancing of their own accord"},
	{Name: "risk_level", Kind: Code, Required: true, Codes: RiskLevels, Aliases: []string{"risikostufe", "risiko"},
		Doc: "standard, danger_context (Gefahrenkontext) or high_risk (Hochrisiko)"},
	{Name: "returnee", Kind: Bool, Aliases: []string{"rueckkehrer", "rueckkehrend"},
		Doc: "returned from a war zone"},
	{Name: "custody", Kind: Bool, Aliases: []string{"haft", "justizvollzug"},
		Doc: "case in prison / justice context"},
	{Name: "multi_agency", Kind: Bool, Aliases: []string{"multiagency", "behoerdenkooperation", "kooperation_sicherheitsbehoerden"},
		Doc: "case run together with security authorities"},
	{Name: "status", Kind: Code, Required: true, Codes: Statuses, Aliases: []string{"fallstatus"},
		Doc: "case status"},
	{Name: "closed", Kind: Month, Aliases: []string{"abschluss", "ende", "fallende", "closed_month"},
		Doc: "month of closure, YYYY-MM; required when status is closed_*, not before intake"},
	{Name: "outcome", Kind: Code, Codes: Outcomes, Aliases: []string{"ergebnis"},
		Doc: "outcome, only for closed cases"},
	{Name: "relapse", Kind: Code, Codes: Relapses, Aliases: []string{"rueckfall"},
		Doc: "relapse after or during counselling"},
	{Name: "contacts", Kind: Int, Aliases: []string{"kontakte", "anzahl_kontakte", "beratungskontakte"},
		Doc: "number of counselling contacts"},
}, schema2Columns()...)

// ByName returns the canonical column with that name.
func ByName(name string) (Column, bool) {
	for _, c := range Columns {
		if c.Name == name {
			return c, true
		}
	}
	return Column{}, false
}

// AgeBand generalises an exact age (10–99) to its band.
func AgeBand(age int) string {
	switch {
	case age < 14:
		return "under_14"
	case age <= 17:
		return "14_17"
	case age <= 20:
		return "18_20"
	case age <= 24:
		return "21_24"
	case age <= 29:
		return "25_29"
	case age <= 39:
		return "30_39"
	}
	return "40_plus"
}

// MinAge and MaxAge bound an exact age in an export.
const (
	MinAge = 10
	MaxAge = 99
)

// IsClosed reports whether a status code means the case is closed, so
// that closed is required and outcome is allowed.
func IsClosed(status string) bool {
	return status == "closed_regular" || status == "closed_aborted"
}
