package export

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"lagebild/internal/i18n"

	"lagebild/datasets/figures"
	"lagebild/datasets/schema"
	"lagebild/queries"
	"lagebild/queries/report"
)

// text maps a key to its German and English text.
var text = i18n.Catalogue{
	// tables of the catalogue
	"table." + queries.QIntakesByYearPhenomenon:  {"Fallaufnahmen nach Jahr und Phänomenbereich", "Intakes by year and phenomenon area"},
	"table." + queries.QIntakesByYearAgeBand:     {"Fallaufnahmen nach Jahr und Altersgruppe", "Intakes by year and age band"},
	"table." + queries.QIntakesByYearAccessRoute: {"Fallaufnahmen nach Jahr und Zugangsweg", "Intakes by year and access route"},
	"table." + queries.QIntakesByYearRisk:        {"Fallaufnahmen nach Jahr und Risikostufe", "Intakes by year and risk level"},
	"table." + queries.QIntakesByGenderAgeBand:   {"Fallaufnahmen nach Geschlecht und Altersgruppe", "Intakes by gender and age band"},
	"table." + queries.QIntakesByYearState:       {"Fallaufnahmen nach Jahr und Bundesland", "Intakes by year and federal state"},
	"table." + queries.QClosuresByYearOutcome:    {"Fallabschlüsse nach Jahr und Ergebnis", "Closures by year and outcome"},
	"table." + queries.QRelapseBySubgroup: {"Rückfallquote nach Teilgruppe (abgeschlossene Fälle mit dokumentiertem Rückfallstatus nach Nachbeobachtung)",
		"Relapse rate by subgroup (closed cases with documented relapse status after follow-up)"},
	"table." + queries.QMedianDurationByOutcome: {"Mittlere Falldauer in Monaten (Median) nach Ergebnis", "Median case duration in months by outcome"},

	// dimensions and measures
	"dim.intake_year":                {"Aufnahmejahr", "Intake year"},
	"dim.closed_year":                {"Abschlussjahr", "Year of closure"},
	"dim.year":                       {"Jahr", "Year"},
	"dim.subgroup":                   {"Teilgruppe", "Subgroup"},
	"dim.measure":                    {"Kennzahl", "Measure"},
	"dim.relapsed":                   {"Rückfall", "Relapse"},
	"col." + queries.ColCases:        {"Fälle", "Cases"},
	"col." + queries.ColRelapsed:     {"mit Rückfall (extremistisch/Gewalt)", "With relapse (extremist/violent)"},
	"col." + queries.ColRate:         {"Rückfallquote (95-%-Intervall)", "Relapse rate (95 % interval)"},
	"col." + queries.ColMedianMonths: {"Median (Monate)", "Median (months)"},
	"total":                          {"Summe", "Total"},

	// case key figures
	"kf.intakes":             {"Fallaufnahmen", "Intakes (new cases)"},
	"kf.in_progress":         {"Laufende Fälle zum Jahresende", "Cases in progress at year end"},
	"kf.share_high_risk":     {"Anteil Hochrisikofälle an den Aufnahmen", "Share of high-risk cases among intakes"},
	"kf.share_not_intrinsic": {"Anteil ohne intrinsische Motivation", "Share without intrinsic motivation"},
	"kf.share_multi_agency":  {"Anteil Multi-Agency-Fälle", "Share of multi-agency cases"},
	"kf.relapse_rate":        {"Rückfallquote abgeschlossener Fälle (extremistisch/Gewalt)", "Relapse rate of closed cases (extremist/violent)"},
	"unit.cases":             {"Fälle", "cases"},
	"unit.share":             {"Anteil", "share"},

	// protection and layout
	"protected":     {"geschützt (Cell-Key-Methode, k = %d)", "protected (cell key method, k = %d)"},
	"exact":         {"veröffentlichte Zahlen, exakt", "published figures, exact"},
	"legend":        {"geheim gehalten (weniger als k = %d Fälle oder daraus abgeleitet)", "withheld (fewer than k = %d cases or derived from such)"},
	"legend.nodata": {"keine Daten", "no data"},
	"note." + queries.NoteMarginsProtected: {"Summen sind unabhängig von den Zellen geschützt und ergeben nicht immer genau die Summe der Zellen",
		"totals are protected independently of the cells and may not add up exactly"},
	"source.cases":     {"Falldaten", "case data"},
	"source.figures":   {"veröffentlichte Zahlen", "published figures"},
	"source":           {"Quelle", "Source"},
	"sources":          {"Quellen", "Sources"},
	"note":             {"Hinweis", "Note"},
	"brief.title":      {"Lagebild: Kennzahlen %d", "Lagebild: key figures %d"},
	"brief.title0":     {"Lagebild: Kennzahlen", "Lagebild: key figures"},
	"brief.asof":       {"Stand", "As of"},
	"brief.filter":     {"Filter", "Filter"},
	"brief.nofilter":   {"keiner (alle Fälle)", "none (all cases)"},
	"brief.keyfigures": {"Kennzahlen", "Key figures"},
	"brief.tables":     {"Tabellen", "Tables"},
	"brief.figure":     {"Kennzahl", "Figure"},
	"brief.year":       {"Jahr", "Year"},
	"brief.value":      {"Wert", "Value"},
	"brief.previous":   {"Vorjahr", "Previous year"},
	"brief.change":     {"Veränderung", "Change"},
	"brief.unit":       {"Einheit", "Unit"},
	"tsv.cilow":        {"95-%-Intervall, untere Grenze", "95 % interval, lower bound"},
	"tsv.cihigh":       {"95-%-Intervall, obere Grenze", "95 % interval, upper bound"},
	"brief.protection": {"Alle Zahlen aus Falldaten sind %s; öffentliche Zahlen sind veröffentlichte Aggregate und exakt wiedergegeben.",
		"All figures from case data are %s; public figures are published aggregates, shown exactly."},
	"brief.synthetic": {"**Synthetische Daten.** Die Falldaten sind synthetisch erzeugt und beschreiben keine realen Beratungsfälle.",
		"**Synthetic data.** The case data is synthetic and describes no real counselling cases."},
	"brief.casesource": {"Falldaten (%s), geschützt mit der Cell-Key-Methode, k = %d",
		"Case data (%s), protected with the cell key method, k = %d"},
	"brief.casesource0": {"Falldaten, geschützt mit der Cell-Key-Methode, k = %d",
		"Case data, protected with the cell key method, k = %d"},
	"brief.changenote": {"Veränderung zum Vorjahr, aus den veröffentlichten (geschützten) Werten berechnet: bei Fallzahlen und öffentlichen Zahlen relativ in %, bei Anteilen und Quoten in Prozentpunkten (Pp.).",
		"Change: to the previous year, computed from the published (protected) values: relative (%) for counts and public figures, in percentage points (pp) for shares and rates."},
	"brief.ratenote": {"Quoten mit 95-%-Wilson-Intervall, aus geschützten Zahlen berechnet.",
		"Rates with 95 % Wilson interval, computed from protected counts."},

	// filter parts
	"f.years":        {"Jahre", "years"},
	"f.phenomenon":   {"Phänomenbereich", "phenomenon"},
	"f.state":        {"Bundesland", "state"},
	"f.risk":         {"Risikostufe", "risk level"},
	"f.access_route": {"Zugangsweg", "access route"},
	"f.age_band":     {"Altersgruppe", "age band"},
	"f.group.minors": {"Minderjährige (unter 18)", "minors (under 18)"},
	"f.group.adults": {"Erwachsene (ab 18)", "adults (18 and over)"},
	"f.custody":      {"Haft/Justiz", "custody"},
	"f.multi_agency": {"Multi-Agency", "multi-agency"},

	// states13
	"f.returnee":                           {"Rückkehrende", "returnee"},
	"f.intrinsic":                          {"intrinsische Motivation", "intrinsic motivation"},
	"table." + queries.QStatesCompared:     {"Die Länder im Vergleich: Fallaufnahmen, Anteil Gefahrenkontext, Anteil Multi-Agency", "The federal states compared: intakes, danger-context share, multi-agency share"},
	"col." + queries.ColIntakes:            {"Fallaufnahmen", "Intakes"},
	"col." + queries.ColShareDangerContext: {"Anteil Gefahrenkontext (inkl. Hochrisiko)", "Danger-context share (incl. high risk)"},
	"col." + queries.ColShareMultiAgency:   {"Anteil Multi-Agency (dokumentierte Fälle)", "Multi-agency share (documented cases)"},
	"note." + queries.NoteSharesProtected: {"Anteile aus geschützten Zahlen berechnet; geheim gehalten, wenn die Basis unter k liegt",
		"shares computed from protected counts; withheld when the base is below k"},
	// eval14
	"table." + queries.QEvaluatorProviders:        {"Träger: Aufnahmen, Abschlüsse, Vollständigkeit, Befunde, Abschluss binnen 24 Monaten älterer Kohorten", "Providers: intakes, closures, completeness, findings, closure within 24 months of older cohorts"},
	"table." + queries.QCompletenessByProvider:    {"Vollständigkeit nach Träger, wo die Spalte zutrifft", "Completeness by provider where the column applies"},
	"table." + queries.QClosuresByProviderOutcome: {"Fallabschlüsse nach Träger und Ergebnis", "Closures by provider and outcome"},
	"table." + queries.QDurationSurvival:          {"Noch in Beratung nach Monaten seit Aufnahme (Kaplan-Meier, offene Fälle zensiert)", "Still in counselling by months since intake (Kaplan-Meier, open cases censored)"},
	"table." + queries.QDurationQuartiles:         {"Dauer der Beratung mit offenen Fällen: Quartile und Anteil über 24 Monate (Kaplan-Meier)", "Time in counselling with open cases: quartiles and share over 24 months (Kaplan-Meier)"},
	"dim.provider":                                {"Träger", "Provider"},
	"col." + queries.ColClosed:                    {"abgeschlossen", "closed"},
	"col." + queries.ColCompleteShare:             {"% vollständig (wo zutreffend)", "% complete (where applicable)"},
	"col." + queries.ColFindings:                  {"Datensätze mit Befund", "records with a finding"},
	"col." + queries.ColCohortIntakes:             {"Kohorte (Aufnahme ≥ 24 Mon. vor Stichmonat)", "cohort (intake ≥ 24 mo. before reference)"},
	"col." + queries.ColClosed24Share:             {"% binnen 24 Mon. abgeschlossen", "% closed within 24 mo."},
	"col." + queries.ColOpen:                      {"offen", "open"},
	"col." + queries.ColQ1Months:                  {"1. Quartil (Monate)", "1st quartile (months)"},
	"col." + queries.ColQ3Months:                  {"3. Quartil (Monate)", "3rd quartile (months)"},
	"col." + queries.ColOver24:                    {"% über 24 Monate", "% over 24 months"},
	"note." + queries.NoteMonitoringNotEffect:     {"Monitoring, kein Wirkungsnachweis: Gruppen unterscheiden sich in den Fällen, die sie aufnehmen", "monitoring, not an effect: groups differ in the cases they take on"},
	"note." + queries.NoteSurvivalCensored:        {"Kaplan-Meier-Schätzung nach Quartalen: offene Fälle zählen bis zum Stichmonat; eine Kurve endet, wo weniger als die Mindestbasis bleiben", "Kaplan-Meier estimate by quarter: open cases count until the reference month; a curve ends where fewer than the minimum base remain"},
	"note." + queries.NoteCohort:                  {"Kohorte: Aufnahmen mindestens 24 Monate vor dem Stichmonat; abgeschlossen binnen 24 Monaten nach Aufnahme", "cohort: intakes at least 24 months before the reference month; closed within 24 months of intake"},
	"note." + queries.NoteApplicable:              {"Vollständigkeit zählt eine Spalte nur, wo sie zutrifft: Rückkehrende bei Islamismus und auslandsbezogener Ideologie, Abschlussmonat, Ergebnis und Rückfall bei abgeschlossenen Fällen", "completeness counts a column only where it applies: returnee for Islamist and foreign-ideology cases, closing month, outcome and relapse for closed cases"},
	"note." + queries.NoteFindingsRecords:         {"Befunde: Datensätze mit mindestens einem Plausibilitätsbefund (ohne wiederholte Fallschlüssel)", "findings: records with at least one plausibility finding (repeated case keys not included)"},
	// figs15
	"pernumber": {"Quelle und Anmerkung je Zahl", "Source and note of each number"},
	// prog13
	"table." + queries.QProgrammeByYear:           {"Programmzahlen: Fälle mit Gefahrenkontext nach Aufnahmejahr", "Programme figures: cases in a danger context by intake year"},
	"table." + queries.QProgrammeByProvider:       {"Programmzahlen: Fälle mit Gefahrenkontext nach Träger", "Programme figures: cases in a danger context by provider"},
	"table." + queries.QRelapseOutcomesWithinRisk: {"Ergebnis und Rückfall innerhalb der Risikostufen: Multi-Agency und andere Fälle", "Outcomes and relapse within each risk level: multi-agency and other cases"},
	"col." + queries.ColRelapsedAny:               {"mit Straftat (jede)", "With any offence"},
	"col." + queries.ColRateAny:                   {"Quote jede Straftat (95-%-Intervall)", "Rate, any offence (95 % interval)"},
	"col." + queries.ColDangerContext:             {"Fälle mit Gefahrenkontext", "Cases in a danger context"},
	"col." + queries.ColHighRisk:                  {"davon Hochrisiko", "of them high-risk"},
	"col." + queries.ColReturnees:                 {"davon Rückkehrende", "of them returnees"},
	"col." + queries.ColRelapses:                  {"dokumentierte Rückfälle (extremistisch/Gewalt)", "Documented relapses (extremist/violent)"},
	"col." + queries.ColReturneesRelapsed:         {"davon bei Rückkehrenden", "of them among returnees"},
	"col." + queries.ColClosedMultiAgency:         {"Multi-Agency: abgeschlossen", "Multi-agency: closed"},
	"col." + queries.ColPositiveMultiAgency:       {"Multi-Agency: distanziert/ausgestiegen", "Multi-agency: distanced/exited"},
	"col." + queries.ColRateMultiAgency:           {"Multi-Agency: Rückfallquote", "Multi-agency: relapse rate"},
	"col." + queries.ColClosedOther:               {"andere: abgeschlossen", "Others: closed"},
	"col." + queries.ColPositiveOther:             {"andere: distanziert/ausgestiegen", "Others: distanced/exited"},
	"col." + queries.ColRateOther:                 {"andere: Rückfallquote", "Others: relapse rate"},
	"kf.relapse_rate_any":                         {"Quote jeder erneuten Straftat abgeschlossener Fälle", "Rate of any new offence of closed cases"},
	"note." + queries.NoteRelapseDefinition: {"Rückfall: extremistische oder Gewaltstraftat, wie das Policy Paper Rückfälle zählt; jede Straftat (auch sonstige) wird getrennt ausgewiesen",
		"relapse: an extremist or violent offence, as the policy paper counts relapses; any offence (other offences included) is shown separately"},
	"note.followup": {"ein abgeschlossener Fall zählt in einer Rückfallquote erst nach %d Monaten Nachbeobachtung ab Abschluss; Stichmonat %s",
		"a closed case counts in a relapse rate only after %d months of follow-up after closure; reference month %s"},
	"note." + queries.NoteProgrammeDefinition: {"Fälle mit Gefahrenkontext: Risikostufe Gefahrenkontext oder Hochrisiko, nach Aufnahmejahr; Rückfälle: für diese Fälle dokumentierte extremistische oder Gewaltstraftaten, unabhängig von Status und Zeit seit Abschluss (wie das Policy Paper dokumentierte Rückfälle zählt), daher ohne Nachbeobachtungsregel",
		queries.NoteProgrammeDefinition},
	"note." + queries.NoteProgrammePeriod: {"ohne Jahresauswahl umfasst der Zeitraum die vollständigen Jahre vor dem Jahr des Stichmonats",
		queries.NoteProgrammePeriod},
	"note." + queries.NoteWithinRiskMonitoring: {"Monitoring, kein Wirkungsnachweis: auch innerhalb einer Risikostufe unterscheiden sich die Gruppen in Merkmalen, die die Daten nicht erfassen; der Anteil distanziert/ausgestiegen bezieht sich auf abgeschlossene Fälle mit dokumentiertem Ergebnis",
		queries.NoteWithinRiskMonitoring},
	// eval14b
	"table." + queries.QClosureReasonsByProvider: {"Fallabschlüsse nach Träger und Abschlussgrund", "Closures by provider and closure reason"},
	"table." + queries.QAgenciesByRisk:           {"Beteiligte Stellen in Multi-Agency-Fällen nach Risikostufe (Anteile)", "Agencies involved in multi-agency cases by risk level (shares)"},
	"table." + queries.QMultiAgencyByRisk:        {"Multi-Agency-Fälle nach Risikostufe: Fallkonferenzen und dokumentierte Einwilligung", "Multi-agency cases by risk level: case conferences and documented consent"},
	"table." + queries.QOutcomeChange:            {"Veränderung zwischen Aufnahme und Abschluss: Wirkungsdimensionen, Risikostufe, Motivation", "Change between intake and closure: outcome dimensions, risk level, motivation"},
	"table." + queries.QGoalAttainment:           {"Zielerreichung abgeschlossener Fälle nach Fallart", "Goal attainment of closed cases by case type"},
	"table." + queries.QPlausibilityByProvider:   {"Fachliche Plausibilitätsregeln nach Träger (geschützte Zahlen)", "Domain plausibility rules by provider (protected counts)"},
	"dim.agency":                            {"Stelle", "Agency"},
	"dim.item":                              {"Merkmal", "Item"},
	"col." + queries.ColMultiAgencyCases:    {"Multi-Agency-Fälle", "multi-agency cases"},
	"col.conf:0":                            {"% 0 Fallkonferenzen", "% 0 case conferences"},
	"col.conf:1_2":                          {"% 1–2 Fallkonferenzen", "% 1–2 case conferences"},
	"col.conf:3_5":                          {"% 3–5 Fallkonferenzen", "% 3–5 case conferences"},
	"col.conf:6_plus":                       {"% 6+ Fallkonferenzen", "% 6+ case conferences"},
	"col." + queries.ColConsent:             {"% Einwilligung dokumentiert", "% consent documented"},
	"col." + queries.ColRated:               {"bewertet (Aufnahme und Abschluss)", "rated (intake and closure)"},
	"col." + queries.ColImproved:            {"% verbessert", "% improved"},
	"col." + queries.ColSame:                {"% gleich", "% same"},
	"col." + queries.ColWorse:               {"% verschlechtert", "% worse"},
	"col." + queries.ColWithGoals:           {"mit vereinbarten Zielen", "with goals set"},
	"col." + queries.ColGoalsNone:           {"% kein Ziel erreicht", "% no goal reached"},
	"col." + queries.ColGoalsSome:           {"% einige Ziele erreicht", "% some goals reached"},
	"col." + queries.ColGoalsAll:            {"% alle Ziele erreicht", "% all goals reached"},
	"col.attitudes":                         {"Einstellungen", "attitudes"},
	"col.behaviour":                         {"Verhalten", "behaviour"},
	"col.scene_contacts":                    {"Szenekontakte", "scene contacts"},
	"col.social_integration":                {"soziale Integration", "social integration"},
	"col.psychosocial":                      {"psychosoziale Stabilität", "psychosocial stability"},
	"col." + queries.ChangeMotive:           {"Motivation", "motivation"},
	"col." + queries.ColRecords:             {"Datensätze", "records"},
	"col.under_14_justice":                  {"unter 14 mit Haft/Justiz/Bewährungshilfe", "under 14 with custody/justice/probation"},
	"col.closed_regular_without_contacts":   {"regulär beendet ohne Kontakt", "closed regularly with 0 contacts"},
	"col.contacts_per_month":                {"über 30 Kontakte je Monat", "over 30 contacts a month"},
	"col.duration_over_60_months":           {"Dauer über 60 Monate", "duration over 60 months"},
	"col.returnee_outside_islamism":         {"Rückkehrende außerhalb Islamismus (Hinweis)", "returnee outside Islamism (flag)"},
	"col.high_risk_without_multi_agency":    {"Hochrisiko ohne Multi-Agency (Hinweis)", "high risk without multi-agency (flag)"},
	"note." + queries.NoteAgenciesBase:      {"Anteil der Multi-Agency-Fälle mit angegebenen Stellen, die die Stelle nennen; ein Fall kann mehrere nennen", "share of the multi-agency cases with their agencies stated that name the agency; a case may name several"},
	"note." + queries.NoteMultiAgencyBase:   {"Multi-Agency-Fälle; Fallkonferenzen unter denen mit angegebener Zahl, Einwilligung unter denen mit Angabe", "multi-agency cases; conference bands among those with the number stated, consent among those with consent stated"},
	"note." + queries.NoteChangeBase:        {"abgeschlossene Fälle mit Bewertung bei Aufnahme und Abschluss; geringere Belastung oder Risikostufe oder gewonnene Motivation zählt als verbessert", "closed cases with a rating at intake and at closure; a lower concern or risk, or motivation gained, counts as improved"},
	"note." + queries.NoteGoalsBase:         {"abgeschlossene Fälle mit vereinbarten Zielen und Angabe der erreichten", "closed cases with goals set and the number reached stated"},
	"note." + queries.NotePlausibilityRules: {"Datensätze, die eine fachliche Plausibilitätsregel verletzen (Rückkehrende außerhalb Islamismus und Hochrisiko ohne Multi-Agency sind Hinweise, keine Fehler)", "records breaking each domain plausibility rule (returnee outside Islamism and high risk without multi-agency are flags, not failures)"},
}

// T returns the text of key in the language, formatted with args; an
// unknown key is returned as it is.
func T(lang i18n.Lang, key string, args ...any) string { return text.T(lang, key, args...) }

// has reports whether there is a text for key.
func has(key string) bool {
	_, ok := text[key]
	return ok
}

// TableTitle is the title of a table in the language.
func TableTitle(t *report.Table, lang i18n.Lang) string {
	if title := t.FullTitle(); title != "" {
		return title
	}
	if has("table." + t.ID) {
		return T(lang, "table."+t.ID)
	}
	if ind, ok := strings.CutPrefix(t.ID, "figures:"); ok {
		return figures.IndicatorLabel(ind, lang)
	}
	return t.ID
}

// DimLabel labels a dimension (the header of the row labels).
func DimLabel(dim string, lang i18n.Lang) string {
	if has("dim." + dim) {
		return T(lang, "dim."+dim)
	}
	return capitalise(schema.Label(dim, lang))
}

// CodeLabel labels a row or column code of a dimension: schema codes,
// measures (cases, rate …), subgroups "dimension:value" as
// "Dimension: value", phenomena of public figures.
func CodeLabel(dim, code string, lang i18n.Lang) string {
	switch {
	case code == "total":
		return T(lang, "total")
	case has("col." + code):
		return T(lang, "col."+code)
	case dim == "phenomenon" && figures.PhenomenonLabel(code, lang) != code && schema.Label(code, lang) == code:
		return figures.PhenomenonLabel(code, lang)
	}
	if d, v, ok := strings.Cut(code, ":"); ok {
		return capitalise(schema.Label(d, lang)) + ": " + schema.Label(v, lang)
	}
	return capitalise(schema.Label(code, lang))
}

// KeyFigureLabel names a key figure in the language.
func KeyFigureLabel(kf *KeyFigure, lang i18n.Lang) string {
	if kf.Indicator != "" {
		return figures.Name(kf.Indicator, kf.Phenomenon, lang)
	}
	if has("kf." + kf.Name) {
		return T(lang, "kf."+kf.Name)
	}
	return kf.Name
}

// UnitLabel labels a key figure's unit.
func UnitLabel(unit string, lang i18n.Lang) string {
	if has("unit." + unit) {
		return T(lang, "unit."+unit)
	}
	return figures.UnitLabel(unit, lang)
}

// NoteText translates a table note: the notes package queries attaches
// (the margins note, the relapse and programme definitions, the follow-up
// rule) and the phenomenon code of the "YEAR CODE: note"
// lines of public figures.
func NoteText(note string, lang i18n.Lang) string {
	if has("note." + note) {
		return T(lang, "note."+note)
	}
	if fu, ok := queries.ParseFollowUpNote(note); ok {
		return T(lang, "note.followup", fu.Months, fu.ReferenceMonth())
	}
	if len(note) > 5 && note[4] == ' ' && isYear(note[:4]) {
		if code, rest, ok := strings.Cut(note[5:], ": "); ok && !strings.Contains(code, " ") {
			if l := figures.PhenomenonLabel(code, lang); l != "" && l != code {
				return note[:4] + " " + l + ": " + figures.NoteIn(rest, lang)
			}
		}
	}
	return note
}

func isYear(s string) bool {
	for _, r := range s {
		if r < '0' || r > '9' {
			return false
		}
	}
	return len(s) == 4
}

// FilterText describes a filter in words (queries.Filter.Summary), e.g.
// "years 2020–2022; phenomenon: Islamism"; the "none" text for the zero
// filter.
func FilterText(f queries.Filter, lang i18n.Lang) string {
	return f.Summary(T(lang, "brief.nofilter"), func(d *queries.FilterField, choice string) string {
		switch {
		case d.Kind == queries.KindYears:
			return T(lang, d.LabelKey) + " " + strings.Replace(choice, "-", "–", 1)
		case d.Groups[choice] != nil:
			return T(lang, d.LabelKey) + ": " + T(lang, "f.group."+choice)
		}
		return T(lang, d.LabelKey) + ": " + schema.Label(choice, lang)
	})
}

func capitalise(s string) string {
	r, n := utf8.DecodeRuneInString(s)
	if n == 0 || !unicode.IsLower(r) {
		return s
	}
	return string(unicode.ToUpper(r)) + s[n:]
}

func flagLabel(flag string, lang i18n.Lang) string { return figures.FlagLabel(flag, string(lang)) }
