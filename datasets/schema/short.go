package schema

import (
	"strings"

	"lagebild/internal/i18n"
)

// Short is a short label of a code for narrow table columns and legends;
// codes without a short form get their full label.
func Short(code string, lang i18n.Lang) string {
	if strings.HasPrefix(code, "DE-") && len(code) == 5 {
		return code[3:]
	}
	if shorts.Has(code) {
		return shorts.T(lang, code)
	}
	return Label(code, lang)
}

// shorts are short labels for table headers and legends.
var shorts = i18n.Catalogue{
	"right_wing":           {"Rechts", "Right-wing"},
	"islamist":             {"Islamist.", "Islamist"},
	"left_wing":            {"Links", "Left-wing"},
	"foreign_ideology":     {"Ausland", "Foreign"},
	"reichsbuerger":        {"Reichsb.", "Reichsb."},
	"mixed_unclear":        {"unklar", "Mixed"},
	"religious_ideology":   {"Relig.", "Religious"},
	"other":                {"Sonst.", "Other"},
	"total":                {"Insg.", "Total"},
	"under_14":             {"<14", "<14"},
	"40_plus":              {"40+", "40+"},
	"self":                 {"Selbst", "Self"},
	"family_social":        {"Familie", "Family"},
	"security_authority":   {"Sich.-Beh.", "Security"},
	"justice":              {"Justiz", "Justice"},
	"probation":            {"Bewährung", "Probation"},
	"youth_welfare_school": {"Jug./Schule", "Youth/school"},
	"standard":             {"Standard", "Standard"},
	"danger_context":       {"Gefahrenk.", "Danger ctx"},
	"high_risk":            {"Hochrisiko", "High risk"},
	"not_stated":           {"k. A.", "n/s"},
	"no_change":            {"unverändert", "no change"},
	"female":               {"weibl.", "female"},
	"male":                 {"männl.", "male"},
	"diverse":              {"divers", "diverse"},
	"unknown":              {"unbek.", "unknown"},
	"distanced":            {"distanziert", "distanced"},
	"exited":               {"ausgestiegen", "exited"},
	"stabilised":           {"stabilisiert", "stabilised"},
}
