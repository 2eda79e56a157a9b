package views

import (
	"context"

	"lagebild/internal/i18n"
	"lagebild/queries"
	"lagebild/queries/report"
	"lagebild/tui/charts"
	"lagebild/tui/common"
)

// The access routes over time (issue #13) are a tab of their own rather
// than a panel of the age or outcomes view: they answer how cases reach
// counselling, which neither view is about, and their seven routes need
// the full width for the stacked bars. The table view (t) flips the chart
// to the protected counts.

// AccessData are the tables of the access-route view.
type AccessData struct {
	ByYear       report.Table // intakes by year and access route (protected)
	ByYearShares report.Table // each route's share of a year's bar (drawn, not listed)
}

// Tables of the access-route view.
func (d *AccessData) Tables() []report.Table { return []report.Table{d.ByYear} }

// NewAccessData builds the access-route view's tables from the protected
// counts package queries made and their part shares (queries.PartShares).
func NewAccessData(byYear *queries.Table, lang i18n.Lang) *AccessData {
	return &AccessData{
		ByYear:       FromQuery(byYear, lang, i18n.T(lang, "access.byyear"), i18n.T(lang, "col.year")),
		ByYearShares: FromQuery(queries.PartShares(byYear), lang, i18n.T(lang, "access.byyear"), i18n.T(lang, "col.year")),
	}
}

func renderAccess(c *common.Context, d *AccessData, w, h int) string {
	if c.Accessible() {
		return RenderTables(c, d.Tables(), w)
	}
	if wide(c, w, h) {
		lw := (w - 3) / 2
		rw := w - 3 - lw
		return columns([]int{lw, rw}, 3,
			stacked100ByYear(c, &d.ByYear, &d.ByYearShares, "access.byyear.chart", lw), accessLines(c, d, rw, max(10, h-14)))
	}
	return stack(stacked100ByYear(c, &d.ByYear, &d.ByYearShares, "access.byyear.chart", w), accessLines(c, d, w, max(8, min(14, h-8))))
}

// accessLines draws the intakes of each access route per year as lines.
func accessLines(c *common.Context, d *AccessData, w, h int) string {
	t := &d.ByYear
	o := charts.LineOpts{Opts: opts(c, w, h), XLabels: t.Rows, FromZero: true, K: t.K}
	return section(c, i18n.T(c.Lang, "access.lines"), charts.Line(lineSeries(t, t.ShortCols), o), caption(c, t, w), w)
}

// access is the tab of intakes by access route over the years.
type access struct{}

func (access) Name() string                { return "access" }
func (access) Title(lang i18n.Lang) string { return i18n.T(lang, "view.access") }
func (access) UsesFilter() bool            { return true }

func (access) Load(ctx context.Context, src Source, f queries.Filter, lang i18n.Lang) (Data, error) {
	t, err := src.Run(ctx, queries.QIntakesByYearAccessRoute, f)
	if err != nil {
		return nil, err
	}
	return NewAccessData(t, lang), nil
}

func (access) Render(c *common.Context, d Data, _ State, w, h int) string {
	return renderAccess(c, d.(*AccessData), w, h)
}

func (access) Tables(d Data, _ State) []report.Table { return d.Tables() }
