package main

import (
	"fmt"
	"maps"
	"slices"
	"strings"

	"lagebild/datasets/importer"
	"lagebild/datasets/store"
	"lagebild/internal/i18n"
	"lagebild/queries/export"
)

// The domain plausibility rules of `check` on export files
// (datasets/importer/plausibility.go). check runs on the raw file of the
// file holder, who sees their own file: the rules are counted exactly and
// the offending records are named by file:line and provider, with a
// pass/fail per provider. A store holds no file lines and its figures are
// protected: check on a store does not report these rules.

// checkOutput is the JSON of `check`: the report of package export and,
// for export files, the plausibility rules.
type checkOutput struct {
	*export.CheckReportJSON
	Plausibility *plausibilityJSON `json:"plausibility,omitempty"`
	// StorePlausibility: the rules on a store, from protected counts
	// (checkplausibilitystore.go).
	StorePlausibility *storePlausibilityJSON `json:"store_plausibility,omitempty"`
}

// plausibilityJSON is the exact plausibility part of the report.
type plausibilityJSON struct {
	// Pass: no record breaks a rule that is not a flag.
	Pass  bool                   `json:"pass"`
	Rules []plausibilityRuleJSON `json:"rules"`
	// Records lists the records that break a rule (or have implausibly
	// many contacts), at most importer.MaxNotesListed per rule, in file
	// and line order.
	Records   []plausibilityRecordJSON   `json:"records"`
	Providers []plausibilityProviderJSON `json:"providers"`
}

type plausibilityRuleJSON struct {
	Code  string `json:"code"`
	Flag  bool   `json:"flag"` // listed, never a failure
	Count int64  `json:"count"`
	Pass  bool   `json:"pass"`
}

type plausibilityRecordJSON struct {
	File     string `json:"file"`
	Line     int    `json:"line"`
	Provider string `json:"provider"`
	Code     string `json:"code"`
}

type plausibilityProviderJSON struct {
	Provider string           `json:"provider"`
	Counts   map[string]int64 `json:"counts"` // by rule code, every rule
	Pass     bool             `json:"pass"`
}

// plausibilityOf builds the plausibility part from the importer's report.
func plausibilityOf(imp *importer.Report) *plausibilityJSON {
	p := &plausibilityJSON{Pass: true, Records: []plausibilityRecordJSON{}}
	for _, code := range importer.PlausibilityCodes {
		n := imp.NoteCounts[code]
		r := plausibilityRuleJSON{Code: string(code), Flag: code.Flag(), Count: n, Pass: code.Flag() || n == 0}
		p.Pass = p.Pass && r.Pass
		p.Rules = append(p.Rules, r)
	}
	for _, n := range imp.Notes {
		p.Records = append(p.Records, plausibilityRecordJSON{File: n.File, Line: n.Line, Provider: n.Provider, Code: string(n.Code)})
	}
	slices.SortStableFunc(p.Records, func(a, b plausibilityRecordJSON) int {
		if a.File != b.File {
			return strings.Compare(a.File, b.File)
		}
		return a.Line - b.Line
	})
	for _, prov := range slices.Sorted(maps.Keys(imp.NotesByProvider)) {
		row := plausibilityProviderJSON{Provider: prov, Counts: map[string]int64{}, Pass: true}
		for _, code := range importer.PlausibilityCodes {
			n := imp.NotesByProvider[prov][code]
			row.Counts[string(code)] = n
			row.Pass = row.Pass && (code.Flag() || n == 0)
		}
		p.Providers = append(p.Providers, row)
	}
	return p
}

// plausibilityText are the section's texts.
var plausibilityText = i18n.Catalogue{
	"title":        {"Fachliche Plausibilität (exakt, aus Ihrer Datei)", "Domain plausibility (exact, from your file)"},
	"col.rule":     {"Regel", "rule"},
	"col.records":  {"Fälle", "records"},
	"col.result":   {"Ergebnis", "result"},
	"flag":         {"Hinweis", "flag"},
	"rows":         {"Betroffene Zeilen (Datei:Zeile, Träger, Regel; höchstens %d je Regel)", "Records (file:line, provider, rule; at most %d per rule)"},
	"more":         {"… und %s weitere", "… and %s more"},
	"providers":    {"Je Träger (Spalten: Regelnummer)", "Per provider (columns: rule number)"},
	"col.provider": {"Träger", "provider"},
	"check":        {"Plausibilität: %s (%s)", "plausibility: %s (%s)"},
	"store.title": {"Fachliche Plausibilität je Träger (geschützte Zahlen: FEHLER, wo Datensätze eine Regel verletzen; bis zu D Fälle können als 0 erscheinen; ändert den Exit-Status nicht)",
		"Domain plausibility per provider (protected counts: FAIL where records break a rule; a count of up to D may show as 0; does not change the exit status)"},
	"rule." + string(importer.CodeContactsImplausible): {fmt.Sprintf("mehr als %d Kontakte", store.ContactsImplausibleAbove),
		fmt.Sprintf("more than %d contacts", store.ContactsImplausibleAbove)},
	"rule." + string(importer.CodeUnder14Justice): {"unter 14 mit Haft, Justiz oder Bewährungshilfe",
		"under 14 with custody, justice or probation"},
	"rule." + string(importer.CodeClosedRegularNoContacts): {"regulär beendet ohne Kontakt", "closed regularly with 0 contacts"},
	"rule." + string(importer.CodeContactsPerMonth): {fmt.Sprintf("mehr als %d Kontakte je Monat Dauer", importer.MaxContactsPerMonth),
		fmt.Sprintf("more than %d contacts per month of duration", importer.MaxContactsPerMonth)},
	"rule." + string(importer.CodeLongDuration): {fmt.Sprintf("Dauer über %d Monate", importer.MaxDurationMonths),
		fmt.Sprintf("duration over %d months", importer.MaxDurationMonths)},
	"rule." + string(importer.CodeReturneeOutsidePhenomenon): {"Rückkehrer außerhalb Islamismus/Auslandsbezug",
		"returnee outside Islamism/foreign ideology"},
	"rule." + string(importer.CodeHighRiskWithoutMultiAgency): {"Hochrisiko ohne Multi-Agency (Standard)",
		"high risk without multi-agency (standard)"},
}

func pt(lang i18n.Lang, key string, args ...any) string {
	return plausibilityText.Or(lang, key, args...)
}

// ruleLabel is the label of a plausibility rule.
func ruleLabel(code string, lang i18n.Lang) string { return pt(lang, "rule."+code) }

// writePlausibilityText writes the section: the rules with their exact
// counts, the records that break them, the providers' pass/fail.
func writePlausibilityText(b *strings.Builder, p *plausibilityJSON, lang i18n.Lang) {
	fmt.Fprintf(b, "\n%s\n", pt(lang, "title"))
	rows := [][]string{{"#", pt(lang, "col.rule"), pt(lang, "col.records"), pt(lang, "col.result")}}
	for i, r := range p.Rules {
		res := "PASS"
		switch {
		case r.Flag:
			res = pt(lang, "flag")
		case !r.Pass:
			res = "FAIL"
		}
		rows = append(rows, []string{fmt.Sprint(i + 1), ruleLabel(r.Code, lang), i18n.Int(r.Count, lang), res})
	}
	writeAligned(b, rows, 2)

	if len(p.Records) > 0 {
		fmt.Fprintf(b, "\n%s\n", pt(lang, "rows", importer.MaxNotesListed))
		rows = nil
		listed := map[string]int64{}
		for _, r := range p.Records {
			listed[r.Code]++
			rows = append(rows, []string{fmt.Sprintf("%s:%d", r.File, r.Line), r.Provider, ruleLabel(r.Code, lang)})
		}
		writeAligned(b, rows, 3)
		for _, r := range p.Rules {
			if more := r.Count - listed[r.Code]; more > 0 {
				fmt.Fprintf(b, "  %s: %s\n", ruleLabel(r.Code, lang), pt(lang, "more", i18n.Int(more, lang)))
			}
		}
	}

	fmt.Fprintf(b, "\n%s\n", pt(lang, "providers"))
	head := []string{pt(lang, "col.provider")}
	for i := range p.Rules {
		head = append(head, fmt.Sprint(i+1))
	}
	rows = [][]string{append(head, pt(lang, "col.result"))}
	for _, prov := range p.Providers {
		row := []string{prov.Provider}
		for _, r := range p.Rules {
			row = append(row, i18n.Int(prov.Counts[r.Code], lang))
		}
		res := "PASS"
		if !prov.Pass {
			res = "FAIL"
		}
		rows = append(rows, append(row, res))
	}
	writeAligned(b, rows, 1)
}
