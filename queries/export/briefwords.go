package export

import "lagebild/internal/i18n"

// briefText holds the words of the briefing's layout: block headings, the
// templates of the key messages, the definitions and the coverage lines.
// It is the briefing's own catalogue (docs/architecture.md: a writer with
// words of its own keeps a small one), apart from the shared labels.
var briefText = i18n.Catalogue{
	"title": {"Lagebild: Kurzbericht", "Lagebild: briefing"},
	"years": {"Berichtsjahre: veröffentlichte Zahlen %s, Kennzahlen aus Falldaten %s, Tabellen der Falldaten %s",
		"Reporting years: public figures %s, key figures from case data %s, case tables %s"},

	// block headings, numbered as in the layout
	"h.messages":    {"1. Kernaussagen", "1. Key messages"},
	"h.keyfigures":  {"2. Kennzahlen", "2. Key figures"},
	"h.notes":       {"3. Hinweise und Begriffe", "3. Notes and definitions"},
	"h.cases":       {"4. Falldaten der Träger", "4. Case data of the providers"},
	"h.programme":   {"Programmzahlen aus dem Policy Paper", "Programme figures from the policy paper"},
	"h.sources":     {"5. Quellen", "5. Sources"},
	"s.messages":    {"Kernaussagen", "Key messages"},
	"s.key_figures": {"Kennzahlen", "Key figures"},
	"s.notes":       {"Hinweise", "Notes"},
	"s.cases":       {"Falldaten", "Case data"},
	"s.programme":   {"Programmzahlen", "Programme figures"},
	"s.sources":     {"Quellen", "Sources"},
	"h.charts":      {"Zeitreihen", "Time series"},
	"kf.yearspan":   {"veröffentlichte Zahlen %s, Falldaten %s", "public figures %s, case data %s"},
	"cases.years":   {"Jahre %s", "years %s"},
	"col.date":      {"Datum", "Date"},
	"col.sourcedat": {"Quelle, Datum", "Source, date"},
	"col.note":      {"Hinweis", "Note"},
	"col.publisher": {"Herausgeber", "Publisher"},
	"col.title":     {"Titel", "Title"},
	"col.address":   {"Adresse", "Address"},
	"col.no":        {"Nr.", "No."},
	"col.message":   {"Kernaussage", "Key message"},
	"col.item":      {"Angabe", "Item"},
	"col.value":     {"Wert", "Value"},
	"withheld.comment": {"geheim gehalten: weniger als k = %d Fälle oder daraus abgeleitet",
		"withheld: fewer than k = %d cases or derived from such"},

	// key messages: subject phrases and the templates
	"m.figure:person_potential:right_wing":       {"Das rechtsextremistische Personenpotenzial", "The right-wing extremist person potential"},
	"m.figure:person_potential:islamist":         {"Das islamistische Personenpotenzial", "The Islamist person potential"},
	"m.figure:violence_oriented:right_wing":      {"Das gewaltorientierte rechtsextremistische Personenpotenzial", "The violence-oriented right-wing extremist person potential"},
	"m.figure:extremist_violent_acts:right_wing": {"Die Zahl rechtsextremistischer Gewalttaten", "The number of right-wing extremist violent acts"},
	"m.case:intakes":                             {"Die Zahl der Fallaufnahmen bei den Trägern", "The number of new cases taken in by the providers"},
	"m.rose":                                     {"%[1]s stieg %[2]d auf %[3]s (%[4]d: %[5]s).", "%[1]s rose to %[3]s in %[2]d (%[4]d: %[5]s)."},
	"m.fell":                                     {"%[1]s sank %[2]d auf %[3]s (%[4]d: %[5]s).", "%[1]s fell to %[3]s in %[2]d (%[4]d: %[5]s)."},
	"m.same":                                     {"%[1]s lag %[2]d wie im Vorjahr bei %[3]s (%[4]d: %[5]s).", "%[1]s stayed at %[3]s in %[2]d (%[4]d: %[5]s)."},
	"m.only":                                     {"%[1]s lag %[2]d bei %[3]s.", "%[1]s was %[3]s in %[2]d."},
	"m.afd": {"Davon werden rund %s als AfD-Mitglieder gezählt; die AfD wird seit 2022 mitgezählt.",
		"About %s of them are counted as AfD members; the AfD has been counted since 2022."},
	"m.break": {"Wegen eines Zählbruchs ist der Wert nicht mit dem Vorjahr vergleichbar.",
		"A series break makes the value not comparable with the year before."},
	"m.relapse": {"Von den im Jahr %d abgeschlossenen Fällen mit dokumentiertem Rückfallstatus wurden %s rückfällig (95-%%-Intervall %s–%s; %d: %s).",
		"Of the cases closed in %d with a documented relapse status, %s relapsed (95 %% interval %s–%s; %d: %s)."},
	"m.about": {"rund %s", "about %s"},

	// definitions (block 3)
	"d.potential": {"Personenpotenzial (Verfassungsschutz) zählt Personen, die einer extremistischen Bestrebung zugerechnet werden, nach Abzug von Mehrfachmitgliedschaften; Fallzahlen der Polizei (PMK) zählen Straftaten, nicht Personen. Beide Reihen sind nicht gegeneinander aufzurechnen.",
		"Person potential (domestic intelligence) counts persons attributed to an extremist movement, net of multiple memberships; police figures (PMK) count offences, not persons. The two series cannot be set off against each other."},
	"d.extremist": {"„Extremistisch“ ist eine Einstufung der Verfassungsschutzbehörden; die Polizei zählt politisch motivierte Kriminalität (PMK) nach Phänomenbereichen („PMK -rechts-“), von denen nur ein Teil extremistisch ist.",
		"“Extremist” is a classification of the domestic intelligence services; the police count politically motivated crime (PMK) by area (“PMK -right-”), of which only a part is extremist."},
	"d.violence": {"Gewaltorientiertes Personenpotenzial umfasst Personen, die Gewalt ausüben, dazu bereit sind, sie unterstützen oder befürworten.",
		"The violence-oriented person potential covers persons who use violence, are prepared to use it, support it or advocate it."},
	"d.afd": {"Seit 2022 zählt der Verfassungsschutz Mitglieder der AfD (Verdachtsfall) zum rechtsextremistischen Personenpotenzial; Werte ab 2022 sind mit früheren nicht vergleichbar (Zählbruch).",
		"Since 2022 the domestic intelligence service counts members of the AfD (suspected case) within the right-wing extremist person potential; values from 2022 on are not comparable with earlier ones (series break)."},
	"d.relapse": {"Rückfallquote: Anteil der abgeschlossenen Fälle mit dokumentiertem Rückfallstatus, bei denen eine extremistische oder Gewaltstraftat als Rückfall dokumentiert ist (wie das Policy Paper Rückfälle zählt), nach Abschlussjahr; ein Fall zählt erst nach der Nachbeobachtungszeit nach Abschluss. Jede neue Straftat (auch andere) ist eine eigene, so benannte Kennzahl.",
		"Relapse rate: the share of closed cases with a documented relapse status in which an extremist or violent offence is documented as a relapse (as the policy paper counts relapses), by year of closure; a case counts only after the follow-up period after closure. Any new offence (others included) is a separate figure, named so."},
	"d.coverage": {"Die veröffentlichten Zahlen gelten für ganz Deutschland und jeweils für das angegebene Jahr; die Falldaten decken nur die unten genannten Träger ab.",
		"The public figures cover all of Germany, each for the year given; the case data covers only the providers named below."},
	"d.breakof": {"Zählbruch bei „%s“ (Jahre %s): nicht über den Bruch hinweg vergleichen.",
		"Series break in “%s” (years %s): do not compare across the break."},

	// case-data coverage (block 4)
	"c.providers": {"Träger", "Providers"},
	"c.imported":  {"Importiert", "Imported"},
	"c.filter":    {"Filter der Falldaten", "Filter of the case data"},
	"c.nolog":     {"keine Angabe", "not stated"},
	"c.ignore": {"Die veröffentlichten Zahlen in Block 2 gelten unabhängig von diesem Filter.",
		"The public figures in block 2 ignore this filter."},

	// programme figures of the policy paper
	"p.label": {"Programmzahlen aus dem Policy Paper, keine amtliche Statistik", "Programme figures from the policy paper, not official statistics"},
	"p.cases": {"Fälle mit Gefahrenkontext, begleitet 2014–2024 (Islamismus)", "Cases with a danger context, accompanied 2014–2024 (Islamism)"},
	"p.high":  {"darunter Hochrisikopersonen", "of which high-risk persons"},
	"p.ret":   {"darunter Rückkehrende aus Kriegsgebieten", "of which returnees from war zones"},
	"p.rel":   {"dokumentierte Rückfälle (keiner unter den Rückkehrenden)", "documented relapses (none among the returnees)"},
	"p.just":  {"Justizkontext: gewalttätige junge Menschen", "Justice context: violent young people"},
	"p.justh": {"darunter Hochrisikopersonen (Justizkontext)", "of which high-risk persons (justice context)"},
	"p.cite": {"Violence Prevention Network, Policy Paper „Distanzierungs- und Ausstiegsarbeit“ (2025), Abschnitt „Multi-Agency Ansätze als Erfolgsstrategie“ (docs/policy-paper-excerpts.md: Programmzahlen, Justizkontext)",
		"Violence Prevention Network, policy paper “Distanzierungs- und Ausstiegsarbeit” (2025), section “Multi-Agency Ansätze als Erfolgsstrategie” (docs/policy-paper-excerpts.md: Programmzahlen, Justizkontext)"},
	"p.slot": {"Dieselben Zahlen aus den Falldaten berechnet folgen, sobald die Programmauswertung sie liefert.",
		"The same figures computed from the case data follow where the programme evaluation provides them."},
	"p.beside": {"Daneben dieselben Zahlen aus den Falldaten, geschützt: alle Träger und Phänomenbereiche im Filter der Falldaten, nach Aufnahmejahr; die Zahlen des Policy Papers betreffen einen Träger im Islamismus.",
		"Beside them the same figures from the case data, protected: every provider and phenomenon within the filter of the case data, by intake year; the policy paper's figures are one provider's in Islamism."},
}

// bt returns the briefing's text of key in the language.
func bt(lang i18n.Lang, key string, args ...any) string { return briefText.T(lang, key, args...) }
