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

// ProgrammeData are the tables of the programme view: the policy paper's
// programme figures per intake year and by provider, and the comparison
// of multi-agency and other cases within each risk level.
type ProgrammeData struct {
	ByYear     report.Table // cases in a danger context … per intake year, the period last
	ByProvider report.Table // the same for the period, per provider, all providers last
	WithinRisk report.Table // outcomes and relapse within each risk level
}

// Tables of the programme view.
func (d *ProgrammeData) Tables() []report.Table {
	return []report.Table{d.ByYear, d.ByProvider, d.WithinRisk}
}

// NewProgrammeData builds the programme view's tables with the column
// labels of the language.
func NewProgrammeData(byYear, byProvider, withinRisk *queries.Table, lang i18n.Lang) *ProgrammeData {
	d := &ProgrammeData{
		ByYear:     FromQuery(byYear, lang, i18n.T(lang, "prog.byyear"), i18n.T(lang, "col.intakeyear")),
		ByProvider: FromQuery(byProvider, lang, i18n.T(lang, "prog.byprovider"), i18n.T(lang, "col.provider")),
		WithinRisk: FromQuery(withinRisk, lang, i18n.T(lang, "prog.withinrisk"), i18n.T(lang, "col.risk")),
	}
	for _, t := range []*report.Table{&d.ByYear, &d.ByProvider, &d.WithinRisk} {
		t.Cols = make([]string, len(t.ColCodes))
		for j, code := range t.ColCodes {
			t.Cols[j] = i18n.T(lang, "col."+code)
		}
		t.ShortCols = nil
	}
	return d
}

// programmeHeadline says the period row in one sentence: the five
// figures, each with its name.
func programmeHeadline(c *common.Context, t *report.Table) string {
	last := len(t.Rows) - 1
	if last < 0 {
		return ""
	}
	var parts []string
	for j := range t.ColCodes {
		parts = append(parts, t.Cols[j]+": "+tabular.Format(t.Cells[last][j], c.Lang))
	}
	return i18n.T(c.Lang, "prog.period") + " " + t.Rows[last] + " · " + strings.Join(parts, " · ")
}

// programmeBars draws the cases in a danger context per intake year, with
// the high-risk cases and returnees in the bar's text.
func programmeBars(c *common.Context, t *report.Table, w int) string {
	ci, hi, ri := t.ColIndex(queries.ColDangerContext), t.ColIndex(queries.ColHighRisk), t.ColIndex(queries.ColReturnees)
	var bars []charts.Bar
	textW := 0
	for i := 0; i < len(t.Rows)-1; i++ { // the period row is the headline
		text := tabular.Format(t.Cells[i][ci], c.Lang) + " (" + i18n.T(c.Lang, "prog.hr") + " " +
			tabular.Format(t.Cells[i][hi], c.Lang) + ", " + i18n.T(c.Lang, "prog.ret") + " " + tabular.Format(t.Cells[i][ri], c.Lang) + ")"
		textW = max(textW, len([]rune(text)))
		bars = append(bars, charts.Bar{Label: t.Rows[i], Cell: t.Cells[i][ci], Text: text, Index: 1})
	}
	o := opts(c, w, 0)
	o.LabelWidth = 5
	body := charts.HBars(bars, min(textW, w/2), o)
	return section(c, t.Title, body, caption(c, t, w), w)
}

// compactTable draws a table in the view with its caption.
func compactTable(c *common.Context, t *report.Table, w int) string {
	return tabular.Render(t, tabular.RenderOptions{Lang: c.Lang, Styles: c.Styles, Width: w, Compact: true})
}

func renderProgramme(c *common.Context, d *ProgrammeData, w int) string {
	head := c.Styles.Bold.Render(wrap(programmeHeadline(c, &d.ByYear), w))
	if c.Accessible() {
		return stack(head, RenderTables(c, d.Tables(), w))
	}
	// one column at every width: the tables are wide themselves
	return stack(head, programmeBars(c, &d.ByYear, w), compactTable(c, &d.ByProvider, w), compactTable(c, &d.WithinRisk, w))
}

// programme is the tab of the policy paper's programme figures.
type programme struct{}

func (programme) Name() string                { return "programme" }
func (programme) Title(lang i18n.Lang) string { return i18n.T(lang, "view.programme") }
func (programme) UsesFilter() bool            { return true }

func (programme) Load(ctx context.Context, src Source, f queries.Filter, lang i18n.Lang) (Data, error) {
	var byYear, byProvider, withinRisk *queries.Table
	err := parallel(ctx,
		run(src, queries.QProgrammeByYear, f, &byYear),
		run(src, queries.QProgrammeByProvider, f, &byProvider),
		run(src, queries.QRelapseOutcomesWithinRisk, f, &withinRisk))
	if err != nil {
		return nil, err
	}
	return NewProgrammeData(byYear, byProvider, withinRisk, lang), nil
}

func (programme) Render(c *common.Context, d Data, _ State, w, _ int) string {
	return renderProgramme(c, d.(*ProgrammeData), w)
}

func (programme) Tables(d Data, _ State) []report.Table { return d.Tables() }
