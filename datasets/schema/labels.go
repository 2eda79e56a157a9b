package schema

import (
	"fmt"
	"os"
	"strings"
)

// Lang is a user interface language: "de" or "en".
type Lang string

// The supported languages.
const (
	DE Lang = "de"
	EN Lang = "en"
)

// ParseLang maps a --lang value or a locale such as "de_DE.UTF-8" to a
// language; anything not German is English.
func ParseLang(s string) Lang {
	s = strings.ToLower(strings.TrimSpace(s))
	if s == "de" || strings.HasPrefix(s, "de_") || strings.HasPrefix(s, "de-") || strings.HasPrefix(s, "de.") {
		return DE
	}
	return EN
}

// LangFromEnv is the default language: LC_ALL, LC_MESSAGES or LANG, in
// that order, else English.
func LangFromEnv() Lang {
	for _, v := range []string{"LC_ALL", "LC_MESSAGES", "LANG"} {
		if s := os.Getenv(v); s != "" && s != "C" && s != "POSIX" {
			return ParseLang(s)
		}
	}
	return EN
}

// Label returns the label of a code of any code list (or of the generic
// codes yes/no/not_stated/all) in the language; an unknown code is
// returned unchanged.
func Label(code string, lang Lang) string {
	l, ok := labels[code]
	if !ok {
		return code
	}
	if lang == DE {
		return l[0]
	}
	return l[1]
}

// labels maps a code to its German and English label.
var labels = map[string][2]string{
	// states
	"DE-BW": {"Baden-Württemberg", "Baden-Württemberg"},
	"DE-BY": {"Bayern", "Bavaria"},
	"DE-BE": {"Berlin", "Berlin"},
	"DE-BB": {"Brandenburg", "Brandenburg"},
	"DE-HB": {"Bremen", "Bremen"},
	"DE-HH": {"Hamburg", "Hamburg"},
	"DE-HE": {"Hessen", "Hesse"},
	"DE-MV": {"Mecklenburg-Vorpommern", "Mecklenburg-Western Pomerania"},
	"DE-NI": {"Niedersachsen", "Lower Saxony"},
	"DE-NW": {"Nordrhein-Westfalen", "North Rhine-Westphalia"},
	"DE-RP": {"Rheinland-Pfalz", "Rhineland-Palatinate"},
	"DE-SL": {"Saarland", "Saarland"},
	"DE-SN": {"Sachsen", "Saxony"},
	"DE-ST": {"Sachsen-Anhalt", "Saxony-Anhalt"},
	"DE-SH": {"Schleswig-Holstein", "Schleswig-Holstein"},
	"DE-TH": {"Thüringen", "Thuringia"},
	// phenomena
	"right_wing":       {"Rechtsextremismus", "Right-wing extremism"},
	"islamist":         {"Islamismus", "Islamism"},
	"left_wing":        {"Linksextremismus", "Left-wing extremism"},
	"foreign_ideology": {"Auslandsbezogener Extremismus", "Foreign ideology"},
	"reichsbuerger":    {"Reichsbürger/Selbstverwalter", "Reichsbürger/sovereign citizens"},
	"mixed_unclear":    {"Gemischt/unklar", "Mixed/unclear"},
	// age bands
	"under_14": {"unter 14", "under 14"},
	"14_17":    {"14–17", "14–17"},
	"18_20":    {"18–20", "18–20"},
	"21_24":    {"21–24", "21–24"},
	"25_29":    {"25–29", "25–29"},
	"30_39":    {"30–39", "30–39"},
	"40_plus":  {"40 und älter", "40 and over"},
	// gender
	"female":  {"weiblich", "female"},
	"male":    {"männlich", "male"},
	"diverse": {"divers", "diverse"},
	"unknown": {"unbekannt", "unknown"},
	// access routes
	"self":                 {"Selbstmelder", "Self-referral"},
	"family_social":        {"Familie/soziales Umfeld", "Family/social environment"},
	"security_authority":   {"Sicherheitsbehörde", "Security authority"},
	"justice":              {"Justiz", "Justice"},
	"probation":            {"Bewährungshilfe", "Probation service"},
	"youth_welfare_school": {"Jugendhilfe/Schule", "Youth welfare/school"},
	"other":                {"Sonstige", "Other"},
	// risk levels
	"standard":       {"Standard", "Standard"},
	"danger_context": {"Gefahrenkontext", "Danger context"},
	"high_risk":      {"Hochrisiko", "High risk"},
	// statuses
	"ongoing":        {"laufend", "ongoing"},
	"closed_regular": {"regulär beendet", "closed (regular)"},
	"closed_aborted": {"abgebrochen", "closed (aborted)"},
	"transferred":    {"übergeben", "transferred"},
	// outcomes
	"distanced":  {"distanziert", "distanced"},
	"exited":     {"ausgestiegen", "exited"},
	"stabilised": {"stabilisiert", "stabilised"},
	"no_change":  {"keine Veränderung", "no change"},
	// relapse
	"none":              {"kein Rückfall", "none"},
	"extremist_offence": {"extremistische Straftat", "extremist offence"},
	"violent_offence":   {"Gewaltstraftat", "violent offence"},
	"other_offence":     {"sonstige Straftat", "other offence"},
	// generic
	"yes":        {"ja", "yes"},
	"no":         {"nein", "no"},
	"not_stated": {"keine Angabe", "not stated"},
	"all":        {"alle", "all"},
	// column names
	"case_id":              {"Fall-ID", "case ID"},
	"provider":             {"Träger", "provider"},
	"state":                {"Bundesland", "federal state"},
	"phenomenon":           {"Phänomenbereich", "phenomenon area"},
	"intake":               {"Aufnahme", "intake"},
	"age":                  {"Alter", "age"},
	"age_band":             {"Altersgruppe", "age band"},
	"gender":               {"Geschlecht", "gender"},
	"access_route":         {"Zugangsweg", "access route"},
	"intrinsic_motivation": {"intrinsische Motivation", "intrinsic motivation"},
	"risk_level":           {"Risikostufe", "risk level"},
	"returnee":             {"Rückkehrer", "returnee"},
	"custody":              {"Haft/Justiz", "custody"},
	"multi_agency":         {"Multi-Agency", "multi-agency"},
	"status":               {"Status", "status"},
	"closed":               {"Abschluss", "closed"},
	"outcome":              {"Ergebnis", "outcome"},
	"relapse":              {"Rückfall", "relapse"},
	"contacts":             {"Kontakte", "contacts"},
}

// Texts maps a key to its German and English text: the small message
// catalogues of the commands and writers.
type Texts map[string][2]string

// T returns the text of key in the language, formatted with args when
// there are any; an unknown key is returned as it is.
func (t Texts) T(lang Lang, key string, args ...any) string {
	l, ok := t[key]
	if !ok {
		return key
	}
	s := l[1]
	if lang == DE {
		s = l[0]
	}
	if len(args) > 0 {
		return fmt.Sprintf(s, args...)
	}
	return s
}
