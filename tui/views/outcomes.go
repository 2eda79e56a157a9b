package views

import (
	"context"
	"strings"

	"lagebild/internal/i18n"
	"lagebild/queries"
	"lagebild/queries/report"
	"lagebild/tui/charts"
	"lagebild/tui/common"
	"lagebild/tui/tabular"
)

// OutcomesData are the tables of the outcomes view.
type OutcomesData struct {
	Closures      report.Table // closures by year and outcome
	ClosureShares report.Table // each outcome's share of a year's bar (drawn, not listed)
	Relapse       report.Table // relapse rates (extremist/violent, any offence) with 95 % Wilson interval by subgroup
	Duration      report.Table // median case duration by outcome
}

// Tables of the outcomes view.
func (d *OutcomesData) Tables() []report.Table {
	return []report.Table{d.Closures, d.Relapse, d.Duration}
}

// NewOutcomesData builds the outcomes view's tables.
func NewOutcomesData(closures, relapse, duration *queries.Table, lang i18n.Lang) *OutcomesData {
	d := &OutcomesData{}
	d.Closures = FromQuery(closures, lang, i18n.T(lang, "out.closures"), i18n.T(lang, "col.closedyear"))
	d.ClosureShares = FromQuery(queries.PartShares(closures), lang, i18n.T(lang, "out.closures"), i18n.T(lang, "col.closedyear"))
	d.Relapse = FromQuery(relapse, lang, i18n.T(lang, "out.relapse"), i18n.T(lang, "col.subgroup"))
	d.Relapse.Cols = []string{i18n.T(lang, "col.cases"), i18n.T(lang, "col.relapsed"), i18n.T(lang, "col.rate95"),
		i18n.T(lang, "col.relapsed_any"), i18n.T(lang, "col.rate_any95")}
	d.Relapse.ShortCols = nil
	d.Duration = FromQuery(duration, lang, i18n.T(lang, "out.duration"), i18n.T(lang, "col.outcome"))
	d.Duration.Cols = []string{i18n.T(lang, "col.cases"), i18n.T(lang, "col.median")}
	d.Duration.ShortCols = nil
	return d
}

func renderOutcomes(c *common.Context, d *OutcomesData, w, h int) string {
	if c.Accessible() {
		return RenderTables(c, d.Tables(), w)
	}
	if wide(c, w, h) {
		lw := (w - 3) / 2
		rw := w - 3 - lw
		return columns([]int{lw, rw}, 3, stacked100ByYear(c, &d.Closures, &d.ClosureShares, "out.closures.chart", lw), stack(outRelapse(c, d, rw), outDuration(c, d, rw)))
	}
	return stack(stacked100ByYear(c, &d.Closures, &d.ClosureShares, "out.closures.chart", w), outRelapse(c, d, w), outDuration(c, d, w))
}

func outRelapse(c *common.Context, d *OutcomesData, w int) string {
	t := &d.Relapse
	ci, ri := t.ColIndex(queries.ColCases), t.ColIndex(queries.ColRate)
	var bars []charts.Bar
	textW := 0
	prevDim := ""
	for i, code := range t.RowCodes {
		dim, _, _ := strings.Cut(code, ":")
		idx := 0
		if dim != prevDim {
			prevDim = dim
		}
		cell := t.Cells[i][ri]
		text := tabular.Format(cell, c.Lang) + " n=" + tabular.Format(t.Cells[i][ci], c.Lang)
		textW = max(textW, len([]rune(text)))
		bars = append(bars, charts.Bar{Label: t.Rows[i], Cell: cell, Text: text, Index: idx})
	}
	o := opts(c, w, 0)
	o.LabelWidth = min(30, max(18, w/3))
	body := charts.IntervalBars(bars, min(textW, w/3), o)
	cap := append([]string{c.Styles.Muted.Render(charts.Pad(i18n.T(c.Lang, "out.relapse.legend"), w, false))}, caption(c, t, w)...)
	return section(c, t.Title, body, cap, w)
}

func outDuration(c *common.Context, d *OutcomesData, w int) string {
	t := &d.Duration
	ni, mi := t.ColIndex(queries.ColCases), t.ColIndex(queries.ColMedianMonths)
	var bars []charts.Bar
	textW := 0
	for i := range t.Rows {
		cell := t.Cells[i][mi]
		text := tabular.Format(cell, c.Lang) + " " + i18n.T(c.Lang, "unit.months") + " n=" + tabular.Format(t.Cells[i][ni], c.Lang)
		textW = max(textW, len([]rune(text)))
		bars = append(bars, charts.Bar{Label: t.Rows[i], Cell: cell, Text: text, Index: 2})
	}
	o := opts(c, w, 0)
	o.LabelWidth = min(20, w/3)
	return section(c, t.Title, charts.HBars(bars, min(textW, w/3), o), caption(c, t, w), w)
}

// outcomes is the tab of closures, relapse and case duration by outcome.
type outcomes struct{}

func (outcomes) Name() string                { return "outcomes" }
func (outcomes) Title(lang i18n.Lang) string { return i18n.T(lang, "view.outcomes") }
func (outcomes) UsesFilter() bool            { return true }

func (outcomes) Load(ctx context.Context, src Source, f queries.Filter, lang i18n.Lang) (Data, error) {
	var cl, rel, dur *queries.Table
	err := parallel(ctx,
		run(src, queries.QClosuresByYearOutcome, f, &cl),
		run(src, queries.QRelapseBySubgroup, f, &rel),
		run(src, queries.QMedianDurationByOutcome, f, &dur))
	if err != nil {
		return nil, err
	}
	return NewOutcomesData(cl, rel, dur, lang), nil
}

func (outcomes) Render(c *common.Context, d Data, _ State, w, h int) string {
	return renderOutcomes(c, d.(*OutcomesData), w, h)
}

func (outcomes) Tables(d Data, _ State) []report.Table { return d.Tables() }
