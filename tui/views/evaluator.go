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
// quality and cohort figures, completeness where a column applies and the
// outcome mix; the time in counselling with open cases (Kaplan–Meier).
//
// Schema-2 panels (closure reasons, agencies, case conferences, consent,
// outcome dimensions, goal attainment) are further tables here once the
// store has those columns.
type EvaluatorData struct {
	Providers    report.Table // per provider: intakes, closed, complete, findings, cohort
	Completeness report.Table // per provider and column, where the column applies
	Outcomes     report.Table // closures by provider and outcome
	Survival     report.Table // share still in counselling by months (curve)
	Durations    report.Table // quartiles and share over 24 months by subgroup
}

// Tables of the evaluator view.
func (d *EvaluatorData) Tables() []report.Table {
	return []report.Table{d.Providers, d.Survival, d.Durations, d.Completeness, d.Outcomes}
}

// evaluatorNoteKeys translate the notes of the evaluator's tables.
var evaluatorNoteKeys = map[string]string{
	queries.NoteMonitoringNotEffect: "ev.note.monitoring",
	queries.NoteSurvivalCensored:    "ev.note.censored",
	queries.NoteCohort:              "ev.note.cohort",
	queries.NoteApplicable:          "ev.note.applicable",
	queries.NoteFindingsRecords:     "ev.note.findings",
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

// NewEvaluatorData builds the evaluator view's tables.
func NewEvaluatorData(providers, completeness, outcomes, survival, durations *queries.Table, lang i18n.Lang) *EvaluatorData {
	T := func(k string) string { return i18n.T(lang, k) }
	return &EvaluatorData{
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
	if wide(c, w, h) {
		lw := (w - 3) / 2
		rw := w - 3 - lw
		return banner + "\n\n" + columns([]int{lw, rw}, 3,
			stack(evSurvival(c, d, lw, h/3), table(&d.Durations, lw)),
			stack(table(&d.Providers, rw), table(&d.Outcomes, rw)))
	}
	return stack(banner, table(&d.Providers, w), evSurvival(c, d, w, 10), table(&d.Durations, w))
}

// evSurvival draws the share still in counselling by months since intake,
// one line for all cases and one per risk level; withheld steps (past the
// end of a curve) are gaps.
func evSurvival(c *common.Context, d *EvaluatorData, w, h int) string {
	t := &d.Survival
	series := lineSeries(t, t.Cols)
	o := charts.LineOpts{Opts: opts(c, w, max(h, 8)), XLabels: t.Rows, FromZero: true, K: t.K,
		YFormat: func(v float64) string { return tabular.Format(report.Value(v, queries.KindShare), c.Lang) }}
	return section(c, t.Title, charts.Line(series, o), caption(c, t, w), w)
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
	queries.QClosuresByProviderOutcome, queries.QDurationSurvival, queries.QDurationQuartiles}

func (evaluator) Load(ctx context.Context, src Source, f queries.Filter, lang i18n.Lang) (Data, error) {
	tabs := make([]*queries.Table, len(EvaluatorTables))
	fns := make([]func(context.Context) error, len(EvaluatorTables))
	for i, name := range EvaluatorTables {
		fns[i] = run(src, name, f, &tabs[i])
	}
	if err := parallel(ctx, fns...); err != nil {
		return nil, err
	}
	return NewEvaluatorData(tabs[0], tabs[1], tabs[2], tabs[3], tabs[4], lang), nil
}

func (evaluator) Render(c *common.Context, d Data, _ State, w, h int) string {
	return renderEvaluator(c, d.(*EvaluatorData), w, h)
}

func (evaluator) Tables(d Data, _ State) []report.Table { return d.Tables() }
