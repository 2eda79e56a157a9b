package views

import (
	"context"
	"strings"

	"lagebild/datasets/schema"

	"charm.land/lipgloss/v2"

	"lagebild/internal/i18n"
	"lagebild/queries"
	"lagebild/queries/report"
	"lagebild/tui/charts"
	"lagebild/tui/common"
	"lagebild/tui/styles"
	"lagebild/tui/tabular"
)

// QualityData are the tables of the quality view, from the store's
// quality report (queries.Quality) and the closures table.
type QualityData struct {
	Completeness report.Table // per stored column: filled, cases, share
	Findings     report.Table // plausibility findings
	Outcomes     report.Table // closures, documented outcomes, their share with 95 % CI
	OutcomeYears report.Table // per closing year: closures, documented, share
	Risk         report.Table // re-identification risk
	Providers    report.Table // per provider: intakes, closed, documented
	// Checks are the pass/fail decisions of the report (protected for a
	// filter, exact for all cases; see queries.Quality).
	Checks map[queries.CheckCode]bool
	// Incomplete names required columns that are not complete.
	Incomplete []string
	// RiskLimit is the limit of the re-identification check.
	RiskLimit float64
	QI        []string
	// required marks the required columns (by Completeness row code),
	// whose bars stand out.
	required map[string]bool
}

// Tables of the quality view.
func (d *QualityData) Tables() []report.Table {
	return []report.Table{d.Completeness, d.Findings, d.Outcomes, d.OutcomeYears, d.Risk, d.Providers}
}

func count(v queries.Value) report.Cell { return report.FromValue(v, queries.KindCount) }
func share(v queries.Value) report.Cell { return report.FromValue(v, queries.KindShare) }

// NewQualityData builds the quality view's tables; byYear is
// queries.Store.OutcomeDocumentationByYear.
func NewQualityData(q *queries.Quality, byYear *queries.Table, lang i18n.Lang) *QualityData {
	d := &QualityData{Checks: map[queries.CheckCode]bool{}, required: map[string]bool{}, RiskLimit: queries.DefaultMaxRiskShare, QI: q.Risk.QuasiIdentifiers}
	for _, c := range q.Checks(queries.QualityThresholds{}) {
		d.Checks[c.Code] = c.Pass
		if c.Code.Kind == queries.CheckRequiredComplete {
			d.Incomplete = c.Columns
		}
		if c.Code.Kind == queries.CheckReidentificationRisk {
			d.RiskLimit = c.Limit
		}
	}
	base := report.Table{Protected: true, K: q.K, Synthetic: q.Synthetic, Source: "cases"}
	T := func(k string) string { return i18n.T(lang, k) }

	c := base
	c.ID, c.Title, c.RowHeader, c.Kind = "quality_completeness", T("q.completeness"), T("col.column"), queries.KindShare
	c.ColCodes = []string{"filled", "cases", "share"}
	c.Cols = []string{T("col.stated"), T("col.cases"), T("col.share")}
	for _, cc := range q.Completeness {
		label := capitalise(schema.Label(cc.Column, lang))
		if cc.Required {
			d.required[cc.Column] = true
			label += " *"
		}
		if cc.Base == "closed" {
			label += " " + T("q.closedonly")
		}
		c.RowCodes = append(c.RowCodes, cc.Column)
		c.Rows = append(c.Rows, label)
		c.Cells = append(c.Cells, []report.Cell{count(cc.Filled), count(cc.Cases), share(cc.Share)})
	}
	c.Notes = []string{T("q.required.note")}
	d.Completeness = c

	f := base
	f.ID, f.Title, f.RowHeader, f.Kind = "quality_findings", T("q.findings"), T("col.finding"), queries.KindCount
	f.ColCodes, f.Cols = []string{"count"}, []string{T("col.records")}
	for _, fd := range q.Findings {
		f.RowCodes = append(f.RowCodes, fd.Code)
		f.Rows = append(f.Rows, T("q.f."+fd.Code))
		f.Cells = append(f.Cells, []report.Cell{count(fd.Count)})
	}
	f.Notes = []string{T("q.checks.note")}
	d.Findings = f

	o := base
	o.ID, o.Title, o.RowHeader, o.Kind = "quality_outcome_documentation", T("q.outcomes"), "", queries.KindRate
	o.ColCodes, o.Cols = []string{"value"}, []string{T("col.value")}
	o.RowCodes = []string{"closed", "documented", "rate"}
	o.Rows = []string{T("col.closures"), T("col.documented"), T("q.outcomes.docshare95")}
	o.Cells = [][]report.Cell{{count(q.Closed)}, {count(q.OutcomeDocumented)},
		{report.FromValue(q.OutcomeDocumentedRate, queries.KindRate)}}
	d.Outcomes = o

	d.OutcomeYears = derivedTab(byYear, lang, T("q.outcomes.years"), T("col.closedyear"),
		[]string{T("col.closures"), T("col.documented"), T("col.share")})

	r := base
	r.ID, r.Title, r.RowHeader, r.Kind = "quality_reidentification_risk", T("q.risk"), "", queries.KindCount
	r.ColCodes, r.Cols = []string{"value"}, []string{T("col.value")}
	r.RowCodes = []string{"records", "classes", "records_below_k", "classes_below_k", "share_below_k"}
	r.Rows = []string{T("q.risk.records"), T("q.risk.classes"), i18n.F(lang, "q.risk.recordsbelow", q.Risk.K),
		i18n.F(lang, "q.risk.classesbelow", q.Risk.K), i18n.F(lang, "q.risk.share", q.Risk.K)}
	r.Cells = [][]report.Cell{{count(q.Risk.Records)}, {count(q.Risk.Classes)}, {count(q.Risk.RecordsBelowK)},
		{count(q.Risk.ClassesBelowK)}, {share(q.Risk.Share)}}
	var qi []string
	for _, c := range q.Risk.QuasiIdentifiers {
		qi = append(qi, schema.Label(strings.TrimSuffix(c, "_year"), lang))
	}
	r.Notes = []string{T("q.risk.qi") + ": " + strings.Join(qi, ", ")}
	d.Risk = r

	p := base
	p.ID, p.Title, p.RowHeader, p.Kind = "quality_providers", T("q.providers"), T("col.provider"), queries.KindCount
	p.ColCodes = []string{"intakes", "closed", "closed_share", "documented", "documented_share"}
	p.Cols = []string{T("col.intakes"), T("col.closures"), T("col.closedshare"), T("col.documented"), T("col.docshare")}
	for _, pq := range q.Providers {
		p.RowCodes = append(p.RowCodes, pq.Provider)
		p.Rows = append(p.Rows, pq.Provider)
		p.Cells = append(p.Cells, []report.Cell{count(pq.Intakes), count(pq.Closed), share(pq.ClosedShare),
			count(pq.Documented), share(pq.DocumentedShare)})
	}
	d.Providers = p
	return d
}

func renderQuality(c *common.Context, d *QualityData, w, h int) string {
	if c.Accessible() {
		return qChecks(c, d, w) + "\n\n" + RenderTables(c, d.Tables(), w)
	}
	if wide(c, w, h) {
		lw := (w - 3) / 2
		rw := w - 3 - lw
		return columns([]int{lw, rw}, 3,
			stack(qChecks(c, d, lw), qCompleteness(c, d, lw)),
			stack(qRisk(c, d, rw), qOutcomes(c, d, rw), qProviders(c, d, rw)))
	}
	return stack(qChecks(c, d, w), qCompleteness(c, d, w), qRisk(c, d, w), qOutcomes(c, d, w), qProviders(c, d, w))
}

func mark(st *styles.Styles, pass bool, lang i18n.Lang) string {
	if st.Accessible {
		if pass {
			return i18n.T(lang, "mark.ok")
		}
		return i18n.T(lang, "mark.fail")
	}
	if pass {
		return st.OK.Render("✓")
	}
	return st.Error.Render("✗")
}

// qChecks lists the pass/fail checks: required columns, findings, risk.
func qChecks(c *common.Context, d *QualityData, w int) string {
	st, lang := c.Styles, c.Lang
	var lines []string
	req := i18n.T(lang, "q.check.required")
	if len(d.Incomplete) > 0 {
		var names []string
		for _, n := range d.Incomplete {
			names = append(names, schema.Label(n, lang))
		}
		req += ": " + strings.Join(names, ", ")
	}
	lines = append(lines, mark(st, d.Checks[queries.CheckCode{Kind: queries.CheckRequiredComplete}], c.Lang)+" "+req)
	t := &d.Findings
	for i, code := range t.RowCodes {
		lines = append(lines, mark(st, d.Checks[queries.FindingCheck(code)], c.Lang)+" "+
			charts.Pad(t.Rows[i], max(w-14, 10), false)+" "+charts.Pad(tabular.Format(t.Cells[i][0], lang), 10, true))
	}
	rs := tabular.Format(d.Risk.Cells[4][0], lang)
	lines = append(lines, mark(st, d.Checks[queries.CheckCode{Kind: queries.CheckReidentificationRisk}], c.Lang)+" "+
		i18n.F(lang, "q.check.risk", rs, i18n.Percent(d.RiskLimit, lang)))
	cap := caption(c, t, w)
	return section(c, i18n.T(lang, "q.checks"), strings.Join(lines, "\n"), cap, w)
}

func qCompleteness(c *common.Context, d *QualityData, w int) string {
	t := &d.Completeness
	var bars []charts.Bar
	for i := range t.Rows {
		idx := 2
		if d.required[t.RowCodes[i]] {
			idx = 0
		}
		bars = append(bars, charts.Bar{Label: t.Rows[i], Cell: t.Cells[i][2], Index: idx})
	}
	o := opts(c, w, 0)
	o.LabelWidth = min(30, w/3)
	return section(c, t.Title, charts.HBars(bars, 8, o), caption(c, t, w), w)
}

func qRisk(c *common.Context, d *QualityData, w int) string {
	t := &d.Risk
	lang := c.Lang
	f := func(i int) string { return tabular.Format(t.Cells[i][0], lang) }
	body := i18n.F(lang, "q.risk.sentence", f(0), f(1), f(2), f(4), f(3), t.K)
	return section(c, t.Title, wrap(body, w), caption(c, t, w), w)
}

func qOutcomes(c *common.Context, d *QualityData, w int) string {
	o := &d.Outcomes
	lang := c.Lang
	summary := i18n.F(lang, "q.outcomes.sentence", tabular.Format(o.Cells[1][0], lang),
		tabular.Format(o.Cells[0][0], lang), tabular.Format(o.Cells[2][0], lang))
	t := &d.OutcomeYears
	series := []charts.LineSeries{{Name: i18n.T(lang, "col.share"), Cells: t.Col(2)}}
	// Yearly shares vary by a few points near 90 %: the axis starts at a
	// rounded minimum (the chart says so) and has room for the variation.
	lo := charts.LineOpts{Opts: opts(c, w, 12), XLabels: t.Rows, K: t.K, NoLegend: true,
		YFormat: func(v float64) string { return tabular.Format(report.Value(v, queries.KindShare), lang) }}
	return section(c, o.Title, wrap(summary, w)+"\n"+charts.Line(series, lo), caption(c, t, w), w)
}

// docBands are the shade thresholds of shares in the provider table.
var docBands = []float64{0.5, 0.7, 0.8, 0.9}

func qProviders(c *common.Context, d *QualityData, w int) string {
	t := &d.Providers
	st, lang := c.Styles, c.Lang
	lw := 8
	for _, r := range t.Rows {
		lw = max(lw, len([]rune(r)))
	}
	numW, cellW, pctW := 9, 3, 7
	var lines []string
	head := charts.Pad(t.RowHeader, lw, false) + " " + charts.Pad(t.Cols[0], numW, true) + " " + charts.Pad(t.Cols[1], numW, true) +
		"  " + charts.Pad(i18n.T(lang, "q.prov.closed"), cellW+1+pctW, false) + "  " + charts.Pad(i18n.T(lang, "q.prov.documented"), cellW+1+pctW, false)
	lines = append(lines, st.TableHeader.Render(head))
	for i := range t.Rows {
		row := t.Cells[i]
		line := charts.Pad(t.Rows[i], lw, false) + " " + charts.Pad(tabular.Format(row[0], lang), numW, true) + " " +
			charts.Pad(tabular.Format(row[1], lang), numW, true) + "  " +
			charts.HeatStrip(row[2:3], cellW, docBands, st) + " " + charts.Pad(tabular.Format(row[2], lang), pctW, true) + "  " +
			charts.HeatStrip(row[4:5], cellW, docBands, st) + " " + charts.Pad(tabular.Format(row[4], lang), pctW, true)
		lines = append(lines, line)
	}
	lines = append(lines, st.Muted.Render(i18n.T(lang, "q.shades")+": ")+charts.HeatLegend(docBands, func(v float64) string {
		return i18n.Float(v*100, 0, lang) + " %"
	}, st))
	return section(c, t.Title, strings.Join(lines, "\n"), caption(c, t, w), w)
}

// wrap wraps text to w cells.
func wrap(s string, w int) string { return lipgloss.Wrap(s, w, " ") }

// quality is the tab of the data-quality report: completeness,
// plausibility, documented outcomes, re-identification risk, providers.
type quality struct{}

func (quality) Name() string                { return "quality" }
func (quality) Title(lang i18n.Lang) string { return i18n.T(lang, "view.quality") }
func (quality) UsesFilter() bool            { return true }

func (quality) Load(ctx context.Context, src Source, f queries.Filter, lang i18n.Lang) (Data, error) {
	var q *queries.Quality
	var byYear *queries.Table
	err := parallel(ctx,
		func(ctx context.Context) (err error) { q, err = src.Quality(ctx, f); return err },
		func(ctx context.Context) (err error) {
			byYear, err = src.OutcomeDocumentationByYear(ctx, f)
			return err
		})
	if err != nil {
		return nil, err
	}
	return NewQualityData(q, byYear, lang), nil
}

func (quality) Render(c *common.Context, d Data, _ State, w, h int) string {
	return renderQuality(c, d.(*QualityData), w, h)
}

func (quality) Tables(d Data, _ State) []report.Table { return d.Tables() }
