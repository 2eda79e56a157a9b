package views

import (
	"context"
	"strings"

	"lagebild/datasets/schema"
	"lagebild/internal/i18n"
	"lagebild/queries"
	"lagebild/queries/report"
	"lagebild/tui/charts"
	"lagebild/tui/common"
	"lagebild/tui/tabular"
)

// EvaluatorData are the tables of the evaluator view: per provider the
// quality and cohort figures, completeness where a column applies, the
// outcome mix, closure reasons and the domain plausibility rules; the time
// in counselling with open cases (Kaplan–Meier) by stratum; the structure
// of multi-agency work and the change between intake and closure
// (case-export schema 2; a schema-1 store shows them as not stated).
type EvaluatorData struct {
	Providers      report.Table // per provider: intakes, closed, complete, findings, cohort
	Completeness   report.Table // per provider and column, where the column applies
	Outcomes       report.Table // closures by provider and outcome
	Survival       report.Table // share still in counselling by months (curves by stratum)
	Durations      report.Table // quartiles and share over 24 months by subgroup
	ClosureReasons report.Table // closures by provider and closure reason
	MultiAgency    report.Table // multi-agency cases by risk: conferences, consent
	Agencies       report.Table // agencies named by multi-agency cases, by risk
	Change         report.Table // improved/same/worse between intake and closure
	Goals          report.Table // goal attainment by case type
	Plausibility   report.Table // domain plausibility rules by provider
}

// Tables of the evaluator view.
func (d *EvaluatorData) Tables() []report.Table {
	return []report.Table{d.Providers, d.Survival, d.Durations, d.ClosureReasons, d.Change, d.Goals,
		d.MultiAgency, d.Agencies, d.Plausibility, d.Completeness, d.Outcomes}
}

// evaluatorNoteKeys translate the notes of the evaluator's tables.
var evaluatorNoteKeys = map[string]string{
	queries.NoteMonitoringNotEffect: "ev.note.monitoring",
	queries.NoteSurvivalCensored:    "ev.note.censored",
	queries.NoteCohort:              "ev.note.cohort",
	queries.NoteApplicable:          "ev.note.applicable",
	queries.NoteFindingsRecords:     "ev.note.findings",
	queries.NoteAgenciesBase:        "ev.note.agencies",
	queries.NoteMultiAgencyBase:     "ev.note.multi",
	queries.NoteChangeBase:          "ev.note.change",
	queries.NoteGoalsBase:           "ev.note.goals",
	queries.NotePlausibilityRules:   "ev.note.plausibility",
}

// evaluatorNotes translates a table's notes in place.
func evaluatorNotes(t *report.Table, lang i18n.Lang) {
	notes := translatedNotes(t.Notes, lang)
	for i, n := range t.Notes {
		if key, ok := evaluatorNoteKeys[n]; ok {
			notes[i] = i18n.T(lang, key)
		}
	}
	t.Notes = notes
}

// evaluatorLabel labels providers, "all" and subgroups ("risk_level:high_risk").
func evaluatorLabel(lang i18n.Lang) report.Labeler {
	return func(code string) string {
		switch {
		case code == queries.All:
			return i18n.T(lang, "ev.all")
		case strings.Contains(code, ":"):
			d, v, _ := strings.Cut(code, ":")
			return capitalise(schema.Label(d, lang)) + ": " + schema.Label(v, lang)
		}
		return schema.Label(code, lang)
	}
}

// evaluatorTab converts one of the evaluator's tables: rows and columns
// labelled by evaluatorLabel unless cols gives the column labels.
func evaluatorTab(t *queries.Table, lang i18n.Lang, titleKey, rowKey string, cols []string) report.Table {
	tab := report.FromTable(t, i18n.T(lang, titleKey), i18n.T(lang, rowKey), evaluatorLabel(lang), evaluatorLabel(lang), nil)
	if cols != nil {
		tab.Cols, tab.ShortCols = cols, nil
	}
	evaluatorNotes(&tab, lang)
	return tab
}

// keyed labels the codes with the catalogue keys prefix+code.
func keyed(lang i18n.Lang, prefix string, codes []string) []string {
	out := make([]string, len(codes))
	for i, c := range codes {
		out[i] = i18n.T(lang, prefix+c)
	}
	return out
}

// NewEvaluatorData builds the evaluator view's tables from the results of
// EvaluatorTables, in that order.
func NewEvaluatorData(tabs []*queries.Table, lang i18n.Lang) *EvaluatorData {
	T := func(k string) string { return i18n.T(lang, k) }
	providers, completeness, outcomes, survival, durations := tabs[0], tabs[1], tabs[2], tabs[3], tabs[4]
	change := evaluatorTab(tabs[8], lang, "ev.change", "ev.col.item", []string{
		T("ev.col.rated"), T("ev.col.improved"), T("ev.col.same"), T("ev.col.worse")})
	change.Rows = keyed(lang, "ev.item.", tabs[8].Rows())
	plausibility := evaluatorTab(tabs[10], lang, "ev.plausibility", "col.provider", nil)
	plausibility.Cols = append([]string{T("ev.col.records")}, keyed(lang, "ev.rule.", tabs[10].Cols()[1:])...)
	return &EvaluatorData{
		ClosureReasons: evaluatorTab(tabs[5], lang, "ev.reasons", "col.provider", nil),
		MultiAgency: evaluatorTab(tabs[6], lang, "ev.multi", "ev.col.risk", append([]string{T("ev.col.macases")},
			append(keyed(lang, "ev.col.", queries.ConferenceBands), T("ev.col.consent"))...)),
		Agencies: evaluatorTab(tabs[7], lang, "ev.agencies", "ev.col.agency", nil),
		Change:   change,
		Goals: evaluatorTab(tabs[9], lang, "ev.goals", "ev.col.casetype", []string{
			T("ev.col.withgoals"), T("ev.col.goalsnone"), T("ev.col.goalssome"), T("ev.col.goalsall")}),
		Plausibility: plausibility,
		Providers: evaluatorTab(providers, lang, "ev.providers", "col.provider", []string{
			T("col.intakes"), T("col.closures"), T("ev.col.complete"), T("ev.col.findings"), T("ev.col.cohort"), T("ev.col.closed24")}),
		Completeness: evaluatorTab(completeness, lang, "ev.completeness", "col.provider", nil),
		Outcomes:     evaluatorTab(outcomes, lang, "ev.outcomes", "col.provider", nil),
		Survival:     evaluatorTab(survival, lang, "ev.survival", "ev.col.months", nil),
		Durations: evaluatorTab(durations, lang, "ev.durations", "col.subgroup", []string{
			T("col.cases"), T("ev.col.open"), T("ev.col.q1"), T("col.median"), T("ev.col.q3"), T("ev.col.over24")}),
	}
}

func renderEvaluator(c *common.Context, d *EvaluatorData, w, h int) string {
	banner := c.Styles.Muted.Render(wrap(i18n.T(c.Lang, "ev.banner"), w))
	if c.Accessible() {
		return banner + "\n\n" + RenderTables(c, d.Tables(), w)
	}
	table := func(t *report.Table, w int) string {
		return tabular.Render(t, tabular.RenderOptions{Lang: c.Lang, Styles: c.Styles, Width: w})
	}
	curves := func(w, h int) string {
		var out []string
		for i, dim := range evCurveStrata {
			out = append(out, evSurvival(c, d, dim, i == len(evCurveStrata)-1, w, h))
		}
		return stack(out...)
	}
	schema2 := func(w int) string {
		return stack(table(&d.ClosureReasons, w), table(&d.Change, w), table(&d.Goals, w),
			table(&d.MultiAgency, w), table(&d.Agencies, w), table(&d.Plausibility, w))
	}
	if wide(c, w, h) {
		lw := (w - 3) / 2
		rw := w - 3 - lw
		return banner + "\n\n" + columns([]int{lw, rw}, 3,
			stack(curves(lw, h/3), table(&d.Durations, lw)),
			stack(table(&d.Providers, rw), table(&d.Outcomes, rw), schema2(rw)))
	}
	return stack(banner, table(&d.Providers, w), curves(w, 10), table(&d.Durations, w), schema2(w))
}

// evCurveStrata are the dimensions of the survival curves, one chart each
// (the strata of the duration quartiles).
var evCurveStrata = []string{"risk_level", "multi_agency", "phenomenon", "case_type"}

// evSurvival draws the share still in counselling by months since intake
// for one stratum dimension: one line for all cases and one per value of
// the dimension; withheld steps (past the end of a curve) are gaps. The
// last chart carries the table's notes.
func evSurvival(c *common.Context, d *EvaluatorData, dim string, notes bool, w, h int) string {
	t := &d.Survival
	var series []charts.LineSeries
	for j, code := range t.ColCodes {
		name, value, ok := strings.Cut(code, ":")
		switch {
		case code == queries.All:
			name = i18n.T(c.Lang, "ev.all")
		case ok && name == dim:
			name = schema.Label(value, c.Lang)
		default:
			continue
		}
		series = append(series, charts.LineSeries{Name: name, Cells: t.Col(j), Index: paletteIndex(value, len(series)), Breaks: seriesBreaks(t, j)})
	}
	o := charts.LineOpts{Opts: opts(c, w, max(h, 8)), XLabels: t.Rows, FromZero: true, K: t.K,
		YFormat: func(v float64) string { return tabular.Format(report.Value(v, queries.KindShare), c.Lang) }}
	var capt []string
	if notes {
		capt = caption(c, t, w)
	}
	return section(c, capitalise(schema.Label(dim, c.Lang))+": "+i18n.T(c.Lang, "ev.curve"), charts.Line(series, o), capt, w)
}

// evaluator is the tab for evaluators: provider quality, cohorts and time
// in counselling including open cases.
type evaluator struct{}

func (evaluator) Name() string                { return "evaluator" }
func (evaluator) Title(lang i18n.Lang) string { return i18n.T(lang, "view.evaluator") }
func (evaluator) UsesFilter() bool            { return true }

// EvaluatorTables are the evaluator view's named queries in the order
// NewEvaluatorData takes them.
var EvaluatorTables = []string{queries.QEvaluatorProviders, queries.QCompletenessByProvider,
	queries.QClosuresByProviderOutcome, queries.QDurationSurvival, queries.QDurationQuartiles,
	queries.QClosureReasonsByProvider, queries.QMultiAgencyByRisk, queries.QAgenciesByRisk,
	queries.QOutcomeChange, queries.QGoalAttainment, queries.QPlausibilityByProvider}

func (evaluator) Load(ctx context.Context, src Source, f queries.Filter, lang i18n.Lang) (Data, error) {
	tabs := make([]*queries.Table, len(EvaluatorTables))
	fns := make([]func(context.Context) error, len(EvaluatorTables))
	for i, name := range EvaluatorTables {
		fns[i] = run(src, name, f, &tabs[i])
	}
	if err := parallel(ctx, fns...); err != nil {
		return nil, err
	}
	return NewEvaluatorData(tabs, lang), nil
}

func (evaluator) Render(c *common.Context, d Data, _ State, w, h int) string {
	return renderEvaluator(c, d.(*EvaluatorData), w, h)
}

func (evaluator) Tables(d Data, _ State) []report.Table { return d.Tables() }
