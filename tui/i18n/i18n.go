// Package i18n holds the user-interface strings of the TUI in German and
// English. Labels of codes (phenomena, states, age bands …) come from
// lagebild/datasets/schema and lagebild/datasets/figures; numbers are
// formatted by lagebild/queries/format. This package adds the UI's own
// words, short labels for narrow columns and month names.
package i18n

import (
	"fmt"
	"strings"
	"time"

	"lagebild/datasets/figures"
	"lagebild/datasets/schema"
)

// Lang is the UI language.
type Lang = schema.Lang

// The languages.
const (
	DE = schema.DE
	EN = schema.EN
)

// T returns the UI string for key in lang; an unknown key is returned
// unchanged (a test checks that every key used exists in both languages).
func T(lang Lang, key string) string {
	s, ok := strs[key]
	if !ok {
		return key
	}
	if lang == DE {
		return s[0]
	}
	return s[1]
}

// F formats the UI string for key with args (fmt verbs).
func F(lang Lang, key string, args ...any) string {
	return fmt.Sprintf(T(lang, key), args...)
}

// Has reports whether key is a known UI string.
func Has(key string) bool { _, ok := strs[key]; return ok }

// Label is the label of a code of any schema code list.
func Label(code string, lang Lang) string { return schema.Label(code, lang) }

// Short is a short label of a code for narrow table columns and legends;
// codes without a short form get their full label.
func Short(code string, lang Lang) string {
	if strings.HasPrefix(code, "DE-") && len(code) == 5 {
		return code[3:]
	}
	if s, ok := shorts[code]; ok {
		if lang == DE {
			return s[0]
		}
		return s[1]
	}
	return Label(code, lang)
}

// Indicator is the label of a public-figure indicator.
func Indicator(code string, lang Lang) string { return figures.IndicatorLabel(code, string(lang)) }

// FigPhenomenon is the label of a public-figure phenomenon.
func FigPhenomenon(code string, lang Lang) string {
	return figures.PhenomenonLabel(code, string(lang))
}

// Unit is the label of a public-figure unit.
func Unit(code string, lang Lang) string { return figures.UnitLabel(code, string(lang)) }

var monthsDE = []string{"Januar", "Februar", "März", "April", "Mai", "Juni", "Juli",
	"August", "September", "Oktober", "November", "Dezember"}

// Month is the name of a month.
func Month(m time.Month, lang Lang) string {
	if lang == DE {
		return monthsDE[m-1]
	}
	return m.String()
}

// Date writes a day as "3. März 2026" or "3 March 2026".
func Date(t time.Time, lang Lang) string {
	if lang == DE {
		return fmt.Sprintf("%d. %s %d", t.Day(), Month(t.Month(), lang), t.Year())
	}
	return fmt.Sprintf("%d %s %d", t.Day(), Month(t.Month(), lang), t.Year())
}

// shorts are short labels for table headers and legends.
var shorts = map[string][2]string{
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
