package main

import (
	"fmt"
	"strings"

	"lagebild/datasets/importer"
	"lagebild/internal/i18n"
	"lagebild/queries"
	"lagebild/queries/export"
)

// The domain plausibility rules of `check` on a store: the protected
// counts of queries.QPlausibilityByProvider (in the evaluator section),
// decided per provider. A rule that is not a flag fails for a provider
// when its count is withheld or shown above 0: both mean records break it
// (a true 0 is always published as 0). A shown 0 passes, which is all the
// protection lets a store's user know: a count of up to D records may be
// published as 0 too. The store's
// decision is reported beside the exact one of export files and, unlike
// it, does not change the exit status: a store's users may not hold the
// records to correct (docs/privacy.md, "Evaluator tables").

// storePlausibilityJSON is the protected plausibility part of a store's
// report.
type storePlausibilityJSON struct {
	Pass      bool                            `json:"pass"`
	Providers []storePlausibilityProviderJSON `json:"providers"`
}

type storePlausibilityProviderJSON struct {
	Provider string   `json:"provider"` // "all" for the whole store
	Failing  []string `json:"failing"`  // rule codes with a shown count above 0 or a withheld count
	Pass     bool     `json:"pass"`
}

// storePlausibilityOf decides the rules per provider from the evaluator
// section's plausibility table; nil when the report has none.
func storePlausibilityOf(rep *export.CheckReportJSON) *storePlausibilityJSON {
	for _, t := range rep.Evaluator {
		if t.Name != queries.QPlausibilityByProvider {
			continue
		}
		out := &storePlausibilityJSON{Pass: true, Providers: []storePlausibilityProviderJSON{}}
		for i, p := range t.Rows {
			row := storePlausibilityProviderJSON{Provider: p, Failing: []string{}, Pass: true}
			for j, code := range t.Cols {
				if code == queries.ColRecords || importer.Code(code).Flag() {
					continue
				}
				if v := t.Cells[i][j]; v == nil || *v > 0 {
					row.Failing = append(row.Failing, code)
					row.Pass = false
				}
			}
			out.Pass = out.Pass && row.Pass
			out.Providers = append(out.Providers, row)
		}
		return out
	}
	return nil
}

// writeStorePlausibilityText writes the per-provider decision: PASS, or
// FAIL with the rules that fail.
func writeStorePlausibilityText(b *strings.Builder, p *storePlausibilityJSON, lang i18n.Lang) {
	fmt.Fprintf(b, "\n%s\n", pt(lang, "store.title"))
	rows := [][]string{{pt(lang, "col.provider"), pt(lang, "col.result"), pt(lang, "col.rule")}}
	for _, prov := range p.Providers {
		res := strings.TrimSpace(ct(lang, "mark.pass"))
		if !prov.Pass {
			res = ct(lang, "mark.fail")
		}
		var rules []string
		for _, c := range prov.Failing {
			rules = append(rules, ruleLabel(c, lang))
		}
		rows = append(rows, []string{rowLabel(queries.DimProvider.Name, prov.Provider, lang), res, strings.Join(rules, "; ")})
	}
	writeAligned(b, rows, 3)
}
