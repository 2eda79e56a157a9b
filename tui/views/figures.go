package views

import (
	"context"
	"fmt"
	"strings"

	"github.com/charmbracelet/x/ansi"

	"lagebild/datasets/figures"
	"lagebild/internal/i18n"
	"lagebild/queries"
	"lagebild/queries/report"
	"lagebild/tui/charts"
	"lagebild/tui/common"
	"lagebild/tui/tabular"
)

// FiguresData are all public-figure series, one per indicator.
type FiguresData struct {
	Indicators []string
	Series     []report.Table
	// percent marks the series in percent (their axis carries "%").
	percent []bool
}

// NewFiguresData converts the series of the indicators (nil series are
// left out).
func NewFiguresData(indicators []string, series []*queries.Table, lang i18n.Lang) *FiguresData {
	d := &FiguresData{}
	for i, ind := range indicators {
		s := series[i]
		if s == nil || len(s.Rows()) == 0 {
			continue
		}
		t := figureTab(s, lang, figures.IndicatorLabel(ind, lang))
		t.ID = "figures_" + ind
		t.Unit = figures.UnitLabel(figures.IndicatorUnit(ind), lang)
		d.Indicators = append(d.Indicators, ind)
		d.Series = append(d.Series, t)
		d.percent = append(d.percent, figures.IndicatorUnit(ind) == figures.UnitPercent)
	}
	return d
}

// Tables of the figures view: all series (export and copy write the
// selected one, see Selected).
func (d *FiguresData) Tables() []report.Table { return d.Series }

// Selected returns the selected series (the table view shows it).
func (d *FiguresData) Selected(s State) []report.Table {
	if len(d.Series) == 0 {
		return nil
	}
	i := min(max(s.Sel, 0), len(d.Series)-1)
	return d.Series[i : i+1]
}

func renderFigures(c *common.Context, d *FiguresData, s State, w, h int) string {
	if len(d.Series) == 0 {
		return c.Styles.Muted.Render(i18n.T(c.Lang, "fig.none"))
	}
	sel := min(max(s.Sel, 0), len(d.Series)-1)
	t := &d.Series[sel]
	if c.Accessible() {
		return figSelector(c, d, sel, w) + "\n\n" + RenderTables(c, d.Series[sel:sel+1], w)
	}
	chartH := max(8, min(16, h/2))
	if wide(c, w, h) {
		listW := 34
		rw := w - listW - 3
		list := figList(c, d, sel, listW, h)
		right := figChart(c, t, s, d.percent[sel], rw, chartH) + "\n\n" + tabular.Render(t, tabular.RenderOptions{
			Lang: c.Lang, Styles: c.Styles, Width: rw, AllSources: true, NoTitle: true})
		return columns([]int{listW, rw}, 3, list, right)
	}
	return figSelector(c, d, sel, w) + "\n\n" + figChart(c, t, s, d.percent[sel], w, chartH) + "\n\n" +
		tabular.Render(t, tabular.RenderOptions{Lang: c.Lang, Styles: c.Styles, Width: w, AllSources: true, NoTitle: true})
}

func figChart(c *common.Context, t *report.Table, s State, percent bool, w, h int) string {
	names := t.ShortCols
	if len(names) != len(t.Cols) {
		names = t.Cols
	}
	o := charts.LineOpts{Opts: opts(c, w, h), XLabels: t.Rows, FromZero: true, NoLegend: len(t.Cols) == 1}
	if percent {
		o.Unit = "%"
	}
	title := t.Title
	if t.Unit != "" {
		title += " (" + t.Unit + ")"
	}
	body := charts.Line(hidden(lineSeries(t, names), t, s), o)
	if len(t.Cols) == 1 {
		body += "\n" + c.Styles.Muted.Render(t.Cols[0])
	}
	return section(c, title, body, []string{c.Styles.Muted.Render(charts.Pad(tabular.Protection(t, c.Lang)+" · "+tabular.SourceLine(t, c.Lang), w, false))}, w)
}

// figSelector is the compact indicator selector: one line.
func figSelector(c *common.Context, d *FiguresData, sel, w int) string {
	label := fmt.Sprintf("◀ %d/%d ▶ %s", sel+1, len(d.Series), d.Series[sel].Title)
	if c.Accessible() {
		label = fmt.Sprintf("%s %d/%d: %s", i18n.T(c.Lang, "fig.indicator"), sel+1, len(d.Series), d.Series[sel].Title)
	}
	hint := "  " + i18n.T(c.Lang, "fig.hint")
	return c.Styles.Title.Render(ansi.Truncate(label, w, "…")) + c.Styles.Muted.Render(ansi.Truncate(hint, max(w-len([]rune(label)), 0), ""))
}

// figList is the wide indicator list, scrolled so the selection shows.
func figList(c *common.Context, d *FiguresData, sel, w, h int) string {
	st := c.Styles
	var lines []string
	lines = append(lines, st.Title.Render(charts.Pad(i18n.T(c.Lang, "fig.indicators"), w, false)))
	visible := max(h-2, 5)
	start := 0
	if sel >= visible {
		start = sel - visible + 1
	}
	for i := start; i < min(len(d.Series), start+visible); i++ {
		t := &d.Series[i]
		label := fmt.Sprintf("%2d %s", i+1, t.Title)
		if i == sel {
			lines = append(lines, st.Selected.Render(charts.Pad("▸"+label, w, false)))
		} else {
			lines = append(lines, charts.Pad(" "+label, w, false))
		}
	}
	return strings.Join(lines, "\n")
}

// figuresView is the tab of all public-figure series, one indicator at a
// time. Public figures are exact and do not depend on the filter.
type figuresView struct{}

func (figuresView) Name() string                { return "figures" }
func (figuresView) Title(lang i18n.Lang) string { return i18n.T(lang, "view.figures") }
func (figuresView) UsesFilter() bool            { return false }

func (figuresView) Load(ctx context.Context, src Source, _ queries.Filter, lang i18n.Lang) (Data, error) {
	inds := figures.Indicators()
	tabs := make([]*queries.Table, len(inds))
	var fns []func(context.Context) error
	for i, ind := range inds {
		fns = append(fns, series(src, ind, &tabs[i]))
	}
	if err := parallel(ctx, fns...); err != nil {
		return nil, err
	}
	return NewFiguresData(inds, tabs, lang), nil
}

func (figuresView) Render(c *common.Context, d Data, s State, w, h int) string {
	return renderFigures(c, d.(*FiguresData), s, w, h)
}

// Tables: the table view, export and copy show the selected series.
func (figuresView) Tables(d Data, s State) []report.Table { return d.(*FiguresData).Selected(s) }

// Items: the indicators are selectable, each a page of its own.
func (figuresView) Items(d Data) int   { return len(d.(*FiguresData).Series) }
func (figuresView) FirstItem(Data) int { return 0 }
func (figuresView) ItemIsPage() bool   { return true }
