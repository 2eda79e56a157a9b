package main

import (
	"context"
	"fmt"
	"strings"

	"lagebild/datasets/importer"
	"lagebild/internal/i18n"
	"lagebild/queries"
	"lagebild/queries/export"
	"lagebild/queries/report"
)

// evaluatorCheckTables are the evaluator's tables in the check report: the
// per-provider figures and the time in counselling with open cases, the
// same tables the briefing (briefTables) and the TUI's evaluator view show;
// the schema-2 tables (closure reasons, change between intake and closure,
// goal attainment, multi-agency structure) and the domain plausibility
// rules by provider, protected (storePlausibilityOf decides on them).
var evaluatorCheckTables = []string{queries.QEvaluatorProviders, queries.QDurationQuartiles,
	queries.QClosureReasonsByProvider, queries.QOutcomeChange, queries.QGoalAttainment,
	queries.QMultiAgencyByRisk, queries.QAgenciesByRisk, queries.QPlausibilityByProvider}

// addEvaluatorSection adds the evaluator's tables of the whole store to the
// check report, and for export files (imp not nil) the importer's risk
// advice.
func addEvaluatorSection(ctx context.Context, st *queries.Store, rep *export.CheckReportJSON, th queries.QualityThresholds, imp *importer.Report) error {
	rep.Evaluator = []export.TableJSON{}
	for _, name := range evaluatorCheckTables {
		t, err := st.Run(ctx, name, queries.Filter{})
		if err != nil {
			return fmt.Errorf("evaluator figures: %w", err)
		}
		rt := report.FromTable(t, "", "", nil, nil, nil)
		rep.Evaluator = append(rep.Evaluator, export.TableToJSON(&rt, i18n.EN))
	}
	if imp != nil && imp.RiskAdvice != nil {
		rep.RiskAdvice = riskAdviceJSON(imp.RiskAdvice, th)
	}
	return nil
}

func riskAdviceJSON(a *importer.RiskAdvice, th queries.QualityThresholds) *export.RiskAdviceJSON {
	limit := th.MaxRiskShare
	if limit <= 0 {
		limit = queries.DefaultMaxRiskShare
	}
	conv := func(os []importer.RiskOption) []export.RiskOptionJSON {
		out := []export.RiskOptionJSON{}
		for _, o := range os {
			out = append(out, export.RiskOptionJSON{Name: o.Name, RecordsBelowK: o.RecordsBelowK, Records: o.Records,
				Share: o.Share, UnderLimit: o.Share <= limit})
		}
		return out
	}
	return &export.RiskAdviceJSON{Driver: a.Driver(), Drivers: conv(a.Drivers), Coarsenings: conv(a.Coarsenings)}
}

// writeEvaluatorText writes the evaluator's tables and the risk advice of
// the check report as text.
func writeEvaluatorText(b *strings.Builder, rep *export.CheckReportJSON, lang i18n.Lang) {
	if a := rep.RiskAdvice; a != nil && a.Driver != "" {
		fmt.Fprintf(b, "\n%s\n", et(lang, "risk.advice"))
		rows := [][]string{{et(lang, "risk.option"), et(lang, "risk.share"), ""}}
		for _, d := range a.Drivers {
			rows = append(rows, []string{et(lang, "risk.without", export.DimLabel(d.Name, lang)), i18n.Percent(d.Share, lang), ""})
		}
		for _, c := range a.Coarsenings {
			mark := ""
			if c.UnderLimit {
				mark = et(lang, "risk.underlimit")
			}
			rows = append(rows, []string{et(lang, "risk.coarsen."+c.Name), i18n.Percent(c.Share, lang), mark})
		}
		writeAligned(b, rows, 1)
	}
	for _, t := range rep.Evaluator {
		fmt.Fprintf(b, "\n%s\n", export.T(lang, "table."+t.Name))
		rows := [][]string{append([]string{export.DimLabel(t.RowDim, lang)}, colLabels(t.ColDim, t.Cols, lang)...)}
		for i, r := range t.Rows {
			row := []string{rowLabel(t.RowDim, r, lang)}
			for j, v := range t.Cells[i] {
				kind := t.Kind
				if t.ColKinds != nil {
					kind = t.ColKinds[j]
				}
				row = append(row, evaluatorNumber(v, kind, lang))
			}
			rows = append(rows, row)
		}
		writeAligned(b, rows, 1)
		b.WriteString("  " + export.NoteText(queries.NoteMonitoringNotEffect, lang) + "\n")
	}
}

// evaluatorNumber formats one cell of an evaluator table.
func evaluatorNumber(v *float64, kind queries.Kind, lang i18n.Lang) string {
	switch {
	case v == nil:
		return export.WithheldMark
	case kind == queries.KindShare:
		return i18n.Percent(*v, lang)
	case kind == queries.KindMedian:
		return i18n.Float(*v, 0, lang)
	}
	return i18n.Float(*v, 0, lang)
}

func colLabels(dim string, codes []string, lang i18n.Lang) []string {
	out := make([]string, len(codes))
	for i, c := range codes {
		out[i] = export.CodeLabel(dim, c, lang)
	}
	return out
}

// et is a word of the evaluator's check section.
func et(lang i18n.Lang, key string, args ...any) string {
	return evaluatorCheckText.T(lang, key, args...)
}

var evaluatorCheckText = i18n.Catalogue{
	"risk.advice":                                 {"Was das Re-Identifikationsrisiko treibt (gemessen, exakt: nur für den Halter der Datei)", "What drives the re-identification risk (measured, exact: for the file holder only)"},
	"risk.option":                                 {"Option", "option"},
	"risk.share":                                  {"Datensätze in Klassen < k", "records in classes < k"},
	"risk.without":                                {"ohne %s", "without %s"},
	"risk.underlimit":                             {"unter der Grenze", "under the limit"},
	"risk.coarsen.periods":                        {"Aufnahmejahre als 3-Jahres-Zeiträume", "intake years as 3-year periods"},
	"risk.coarsen.regions":                        {"Regionen statt Bundesländer", "regions instead of states"},
	"risk.coarsen.wide_age_bands":                 {"breitere Altersgruppen", "wider age bands"},
	"risk.coarsen.periods+regions":                {"Zeiträume und Regionen", "periods and regions"},
	"risk.coarsen.periods+wide_age_bands":         {"Zeiträume und breitere Altersgruppen", "periods and wider age bands"},
	"risk.coarsen.regions+wide_age_bands":         {"Regionen und breitere Altersgruppen", "regions and wider age bands"},
	"risk.coarsen.periods+regions+wide_age_bands": {"Zeiträume, Regionen und breitere Altersgruppen", "periods, regions and wider age bands"},
	"ev.all": {"alle", "all"},
}

// rowLabel labels providers as they are, "all" and subgroups
// ("risk_level:high_risk") in the language.
func rowLabel(dim, code string, lang i18n.Lang) string {
	if code == queries.All {
		return et(lang, "ev.all")
	}
	if d, v, ok := strings.Cut(code, ":"); ok {
		return export.DimLabel(d, lang) + ": " + export.CodeLabel(d, v, lang)
	}
	return export.CodeLabel(dim, code, lang)
}
