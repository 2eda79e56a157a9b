package figures

import (
	"slices"
	"strings"

	"lagebild/internal/i18n"
)

// Unit codes.
const (
	UnitPersons  = "persons"
	UnitCases    = "cases"
	UnitOffences = "offences"
	UnitPercent  = "percent"
)

type label struct{ code, de, en string }

type indicatorInfo struct {
	code, unit, de, en string
}

// indicators is the catalogue of known indicators in display order, most
// important first. The labels say what is counted; caveats that differ from
// row to row (age limits, reference dates, scope) are in each row's note.
var indicators = []indicatorInfo{
	{"person_potential", UnitPersons, "Personenpotenzial", "Person potential"},
	{"violence_oriented", UnitPersons, "Gewaltorientiertes Personenpotenzial", "Violence-oriented person potential"},
	{"extremist_offences", UnitOffences, "Extremistische Straftaten", "Extremist offences"},
	{"extremist_violent_acts", UnitOffences, "Extremistische Gewalttaten", "Extremist violent acts"},
	{"pmk_cases", UnitCases, "PMK-Fälle", "PMK cases (politically motivated crime)"},
	{"pmk_violent_cases", UnitCases, "PMK-Gewaltdelikte", "PMK violent crime cases"},
	{"gefaehrder", UnitPersons, "Gefährder", "Dangerous persons (Gefährder)"},
	{"islamist_terrorist_potential", UnitPersons, "Islamistisch-terroristisches Personenpotenzial", "Islamist-terrorist person potential"},
	{"salafist_potential", UnitPersons, "Salafistisches Personenpotenzial", "Salafist person potential"},
	{"rightwing_extremists_within_reichsbuerger", UnitPersons, "Rechtsextremisten unter den Reichsbürgern", "Right-wing extremists among Reichsbürger"},
	{"person_potential_afd_component", UnitPersons, "Personenpotenzial, davon AfD", "Person potential, of which AfD"},
	{"extremist_attempted_homicides", UnitOffences, "Extremistische versuchte Tötungsdelikte", "Extremist attempted homicides"},
	{"extremist_share_of_pmk", UnitPercent, "Anteil extremistischer Straftaten an der PMK", "Extremist share of PMK offences"},
	{"pmk_cases_islamist", UnitCases, "PMK-Fälle Islamismus/Fundamentalismus", "PMK cases, Islamism/fundamentalism"},
	{"suspects_age_count_under14", UnitPersons, "Tatverdächtige unter 14 Jahren", "Suspects under 14"},
	{"suspects_age_count_14_17", UnitPersons, "Tatverdächtige von 14 bis 17 Jahren", "Suspects aged 14 to 17"},
	{"suspects_age_count_13_19", UnitPersons, "Tatverdächtige von 13 bis 19 Jahren", "Suspects aged 13 to 19"},
	// The two youth shares are different measures and are never one series:
	// minors among all participants in Islamist attacks in Germany over a
	// period, and 13- to 19-year-olds among suspects in Western Europe.
	{"suspects_age_share_under18", UnitPercent, "Anteil Minderjähriger (unter 18) an Anschlagsbeteiligten", "Share of minors (under 18) among attack participants"},
	{"suspects_age_share_13_19", UnitPercent, "Anteil 13- bis 19-Jähriger an Tatverdächtigen (Westeuropa)", "Share aged 13 to 19 among suspects (Western Europe)"},
	{"gefaehrder_age_share_under18", UnitPercent, "Gefährder: Anteil unter 18 Jahren", "Gefährder: share under 18"},
	{"gefaehrder_age_share_26_35", UnitPercent, "Gefährder: Anteil 26 bis 35 Jahre", "Gefährder: share aged 26 to 35"},
	{"salafist_age_share_upto25", UnitPercent, "Salafisten: Anteil bis 25 Jahre", "Salafists: share aged up to 25"},
	{"salafist_age_share_26_35", UnitPercent, "Salafisten: Anteil 26 bis 35 Jahre", "Salafists: share aged 26 to 35"},
	{"salafist_age_share_36plus", UnitPercent, "Salafisten: Anteil ab 36 Jahren", "Salafists: share aged 36 and over"},
}

// phenomena are the phenomenon areas of the figures file. These labels are
// neutral between the Verfassungsschutz view (extremism) and the police PMK
// view (politically motivated crime); a figure is named with the label of
// its own view, see PhenomenonLabelOf.
var phenomena = []label{
	{"right_wing", "Rechts", "Right-wing"},
	{"left_wing", "Links", "Left-wing"},
	{"islamist", "Islamismus", "Islamism"},
	{"foreign_ideology", "Ausländische Ideologie / auslandsbezogen", "Foreign ideology / foreign-related"},
	{"reichsbuerger", "Reichsbürger und Selbstverwalter", "Reichsbürger and Selbstverwalter"},
	{"religious_ideology", "Religiöse Ideologie", "Religious ideology"},
	{"other", "Sonstige Zuordnung / nicht zuzuordnen", "Other / not attributable"},
	{"total", "Insgesamt", "Total"},
}

// The phenomenon areas as the Verfassungsschutz names them (person
// potential, extremist offences) and as the police statistics of
// politically motivated crime name them (PMK cases, Gefährder, suspects).
// A code missing here keeps its neutral label.
var (
	phenomenaVS = []label{
		{"right_wing", "Rechtsextremismus", "Right-wing extremism"},
		{"left_wing", "Linksextremismus", "Left-wing extremism"},
		{"foreign_ideology", "Auslandsbezogener Extremismus", "Foreign-related extremism"},
	}
	phenomenaPMK = []label{
		{"right_wing", "PMK -rechts-", "PMK right-wing"},
		{"left_wing", "PMK -links-", "PMK left-wing"},
		{"foreign_ideology", "PMK -ausländische Ideologie-", "PMK foreign ideology"},
		{"religious_ideology", "PMK -religiöse Ideologie-", "PMK religious ideology"},
		{"other", "PMK -sonstige Zuordnung-", "PMK other attribution"},
		{"islamist", "PMK Islamismus", "PMK Islamism"},
	}
	// policeIndicators count politically motivated crime (BKA/BMI) or
	// persons the police classify by PMK area.
	policeIndicators = []string{"pmk_cases", "pmk_violent_cases", "pmk_cases_islamist", "gefaehrder",
		"suspects_age_count_under14", "suspects_age_count_14_17"}
)

// units are labelled as they read after a number ("50,250 persons").
var units = []label{
	{UnitPersons, "Personen", "persons"},
	{UnitCases, "Fälle", "cases"},
	{UnitOffences, "Straftaten", "offences"},
	{UnitPercent, "Prozent", "percent"},
}

var (
	indicatorByCode  = map[string]indicatorInfo{}
	phenomenonByCode = map[string]label{}
	unitByCode       = map[string]label{}
)

func init() {
	for _, in := range indicators {
		indicatorByCode[in.code] = in
	}
	for _, l := range phenomena {
		phenomenonByCode[l.code] = l
	}
	for _, l := range units {
		unitByCode[l.code] = l
	}
}

// Indicators returns the codes of all known indicators in display order,
// most important first: person_potential, violence_oriented,
// extremist_offences, extremist_violent_acts, pmk_cases, pmk_violent_cases,
// then the rest. The slice is a fresh copy.
func Indicators() []string {
	out := make([]string, len(indicators))
	for i, in := range indicators {
		out[i] = in.code
	}
	return out
}

// Phenomena returns the codes of all known phenomenon areas in display order.
func Phenomena() []string { return codes(phenomena) }

// Units returns the codes of all known units.
func Units() []string { return codes(units) }

// IndicatorUnit returns the unit code an indicator is measured in, or "" for
// an unknown indicator.
func IndicatorUnit(code string) string { return indicatorByCode[code].unit }

// IndicatorLabel returns the label of an indicator in the language lang
// ("de", "de-DE", "de_DE.UTF-8" … for German, anything else English). An
// unknown code is returned unchanged.
func IndicatorLabel(code string, lang i18n.Lang) string {
	in, ok := indicatorByCode[code]
	if !ok {
		return code
	}
	if german(string(lang)) {
		return in.de
	}
	return in.en
}

// PhenomenonLabel returns the label of a phenomenon area, like
// IndicatorLabel.
func PhenomenonLabel(code string, lang i18n.Lang) string {
	return lookup(phenomenonByCode, code, lang)
}

// PhenomenonLabelOf returns the phenomenon area's label as the series of
// the indicator names it: "Rechtsextremismus" for a Verfassungsschutz
// series (person potential, extremist offences), "PMK -rechts-" for a
// police series of politically motivated crime (PMK cases, Gefährder).
// An indicator of neither kind ("" included) gets the Verfassungsschutz
// names.
func PhenomenonLabelOf(indicator, code string, lang i18n.Lang) string {
	list := phenomenaVS
	if slices.Contains(policeIndicators, indicator) {
		list = phenomenaPMK
	}
	for _, l := range list {
		if l.code == code {
			if german(string(lang)) {
				return l.de
			}
			return l.en
		}
	}
	return PhenomenonLabel(code, lang)
}

// Name is the one name of a published figure in every output (TUI,
// briefing, exports): the indicator and the phenomenon area as its series
// names it, "Personenpotenzial, Rechtsextremismus".
func Name(indicator, phenomenon string, lang i18n.Lang) string {
	return IndicatorLabel(indicator, lang) + ", " + PhenomenonLabelOf(indicator, phenomenon, lang)
}

// UnitLabel returns the label of a unit, like IndicatorLabel.
func UnitLabel(code string, lang i18n.Lang) string { return lookup(unitByCode, code, lang) }

func lookup(m map[string]label, code string, lang i18n.Lang) string {
	l, ok := m[code]
	if !ok {
		return code
	}
	if german(string(lang)) {
		return l.de
	}
	return l.en
}

func codes(ls []label) []string {
	out := make([]string, len(ls))
	for i, l := range ls {
		out[i] = l.code
	}
	return out
}

// german reports whether lang names German: "de" alone or followed by a
// region or encoding ("de-AT", "de_DE.UTF-8"), in any case.
func german(lang string) bool {
	l := strings.ToLower(strings.TrimSpace(lang))
	if !strings.HasPrefix(l, "de") {
		return false
	}
	return len(l) == 2 || slices.Contains([]byte{'-', '_', '.', '@'}, l[2])
}
