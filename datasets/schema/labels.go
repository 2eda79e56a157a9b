package schema

import (
	"lagebild/internal/i18n"
)

// Label returns the label of a code of any code list (or of the generic
// codes yes/no/not_stated/all) in the language; an unknown code is
// returned unchanged.
func Label(code string, lang i18n.Lang) string { return labels.T(lang, code) }

// labels maps a code to its German and English label.
var labels = i18n.Catalogue{
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
	"self":                 {"Selbstmeldung", "Self-referral"},
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
	"transferred":    {"weitervermittelt", "transferred"},
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
	"returnee":             {"Rückkehrende", "returnee"},
	"custody":              {"Haft/Justiz", "custody"},
	"multi_agency":         {"Multi-Agency", "multi-agency"},
	"status":               {"Status", "status"},
	"closed":               {"Abschluss", "closed"},
	"outcome":              {"Ergebnis", "outcome"},
	"relapse":              {"Rückfall", "relapse"},
	"contacts":             {"Kontakte", "contacts"},
	// schema 2: case types
	"direct":    {"direkte Beratung", "direct counselling"},
	"relatives": {"Angehörigenberatung", "counselling of relatives"},
	// schema 2: closure reasons ("transferred" is labelled with the statuses)
	"goal_reached":      {"Ziel erreicht", "goal reached"},
	"ended_by_client":   {"durch Klient/in beendet", "ended by the client"},
	"contact_lost":      {"Kontakt abgebrochen", "contact lost"},
	"moved_or_deported": {"verzogen/abgeschoben", "moved or deported"},
	"custody_ended":     {"Haftende", "custody ended"},
	"security_related":  {"sicherheitsbedingt", "security-related"},
	"death":             {"verstorben", "death"},
	// schema 2: agencies
	"police":                {"Polizei", "police"},
	"state_criminal_police": {"Landeskriminalamt", "state criminal police"},
	"domestic_intelligence": {"Verfassungsschutz", "domestic intelligence"},
	"justice_prison":        {"Justiz/Justizvollzug", "justice/prison"},
	"youth_welfare":         {"Jugendhilfe", "youth welfare"},
	"migration_office":      {"Ausländerbehörde/BAMF", "migration office"},
	"school":                {"Schule", "school"},
	// schema 2: relapse types
	"extremist": {"extremistisch", "extremist"},
	"violent":   {"Gewalt", "violent"},
	// schema 2: column names
	"case_type":                     {"Fallart", "case type"},
	"closure_reason":                {"Abschlussgrund", "closure reason"},
	"agencies":                      {"beteiligte Stellen", "agencies"},
	"case_conferences":              {"Fallkonferenzen", "case conferences"},
	"consent_documented":            {"Einwilligung dokumentiert", "consent documented"},
	"risk_level_closed":             {"Risikostufe bei Abschluss", "risk level at closure"},
	"motivation_closed":             {"Motivation bei Abschluss", "motivation at closure"},
	"dim_attitudes_intake":          {"Einstellungen (Aufnahme)", "attitudes (intake)"},
	"dim_behaviour_intake":          {"Verhalten/Straffälligkeit (Aufnahme)", "behaviour/offending (intake)"},
	"dim_scene_contacts_intake":     {"Szenekontakte (Aufnahme)", "scene contacts (intake)"},
	"dim_social_integration_intake": {"soziale Integration (Aufnahme)", "social integration (intake)"},
	"dim_psychosocial_intake":       {"psychosoziale Stabilität (Aufnahme)", "psychosocial stability (intake)"},
	"dim_attitudes_closed":          {"Einstellungen (Abschluss)", "attitudes (closure)"},
	"dim_behaviour_closed":          {"Verhalten/Straffälligkeit (Abschluss)", "behaviour/offending (closure)"},
	"dim_scene_contacts_closed":     {"Szenekontakte (Abschluss)", "scene contacts (closure)"},
	"dim_social_integration_closed": {"soziale Integration (Abschluss)", "social integration (closure)"},
	"dim_psychosocial_closed":       {"psychosoziale Stabilität (Abschluss)", "psychosocial stability (closure)"},
	"goals_set":                     {"vereinbarte Ziele", "goals set"},
	"goals_reached":                 {"erreichte Ziele", "goals reached"},
	"relapse_type":                  {"Rückfallart", "relapse type"},
	"relapse_checked":               {"Rückfall geprüft", "relapse checked"},
}
