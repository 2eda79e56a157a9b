package views

import (
	"context"
	"slices"
	"strings"

	"lagebild/datasets/figures"
	"lagebild/datasets/schema"

	"lagebild/internal/i18n"
	"lagebild/queries"
	"lagebild/queries/report"
	"lagebild/tui/charts"
	"lagebild/tui/common"
	"lagebild/tui/tabular"
)

// PhenomenaData are the tables of the phenomena view.
type PhenomenaData struct {
	ByYear    report.Table // intakes by year and phenomenon (protected)
	Potential report.Table // published person potentials by year and phenomenon
	Violence  report.Table // violence-oriented share of the person potential (from published figures)
}

// Tables of the phenomena view.
func (d *PhenomenaData) Tables() []report.Table {
	return []report.Table{d.ByYear, d.Potential, d.Violence}
}

// NewPhenomenaData builds the phenomena view's tables.
func NewPhenomenaData(byYear, potential, violent *queries.Table, lang i18n.Lang) *PhenomenaData {
	d := &PhenomenaData{}
	d.ByYear = FromQuery(byYear, lang, i18n.T(lang, "ph.byyear"), i18n.T(lang, "col.year"))
	if potential == nil {
		d.Potential = noFigures("figures_person_potential", i18n.T(lang, "ph.potential"), lang)
	} else {
		d.Potential = figureTab(potential, lang, i18n.T(lang, "ph.potential"))
	}
	if potential == nil || violent == nil {
		d.Violence = noFigures("violence_oriented_share", i18n.T(lang, "ph.violence"), lang)
	} else {
		d.Violence = figureTab(queries.ViolenceOrientedShare(potential, violent), lang, i18n.T(lang, "ph.violence"))
		d.Violence.Notes = translatedNotes(d.Violence.Notes, lang)
	}
	return d
}

// noFigures is an empty public-figure table: the store holds none.
func noFigures(id, title string, lang i18n.Lang) report.Table {
	return report.Table{ID: id, Title: title, RowHeader: i18n.T(lang, "col.year"), Kind: queries.KindFigure,
		Notes: []string{i18n.T(lang, "fig.none")}}
}

// figureTab converts a public-figure series with the phenomenon labels of
// its indicator (figures.PhenomenonLabelOf).
func figureTab(t *queries.Table, lang i18n.Lang, title string) report.Table {
	ind, _ := strings.CutPrefix(t.Name(), "figures:")
	return report.FromTable(t, title, i18n.T(lang, "col.year"), ident,
		func(code string) string { return figures.PhenomenonLabelOf(ind, code, lang) },
		func(code string) string { return schema.Short(code, lang) })
}

func renderPhenomena(c *common.Context, d *PhenomenaData, s State, w, h int) string {
	if c.Accessible() {
		return RenderTables(c, d.Tables(), w)
	}
	if wide(c, w, h) {
		lw := (w - 3) / 2
		rw := w - 3 - lw
		ch := max(10, h-12)
		left := phIntakes(c, d, s, lw, ch)
		right := stack(phPotential(c, d, s, rw, max(8, ch-10)), phViolence(c, d, rw))
		return columns([]int{lw, rw}, 3, left, right)
	}
	ch := max(8, min(14, h-8))
	return stack(phIntakes(c, d, s, w, ch), phPotential(c, d, s, w, ch), phViolence(c, d, w))
}

func phIntakes(c *common.Context, d *PhenomenaData, s State, w, h int) string {
	t := &d.ByYear
	o := charts.LineOpts{Opts: opts(c, w, h), XLabels: t.Rows, FromZero: true, K: t.K}
	series := hidden(lineSeries(t, t.ShortCols), t, s)
	if sel := c.Filter.Phenomena; len(sel) > 0 {
		// Only the filtered phenomena: the others are empty by the filter.
		var keep []charts.LineSeries
		for j, s := range series {
			if slices.Contains(sel, t.ColCodes[j]) {
				keep = append(keep, s)
			}
		}
		series = keep
	}
	return section(c, t.Title, charts.Line(series, o), caption(c, t, w), w)
}

func phPotential(c *common.Context, d *PhenomenaData, s State, w, h int) string {
	t := &d.Potential
	if len(t.Rows) == 0 {
		return section(c, t.Title, c.Styles.Muted.Render(i18n.T(c.Lang, "fig.none")), nil, w)
	}
	o := charts.LineOpts{Opts: opts(c, w, h), XLabels: t.Rows, FromZero: true}
	return section(c, t.Title, charts.Line(hidden(lineSeries(t, t.ShortCols), t, s), o), caption(c, t, w), w)
}

// phViolence shows the latest published share per phenomenon as bars.
func phViolence(c *common.Context, d *PhenomenaData, w int) string {
	t := &d.Violence
	var bars []charts.Bar
	for j := range t.ColCodes {
		for i := len(t.Rows) - 1; i >= 0; i-- {
			if t.Cells[i][j].Shown() {
				bars = append(bars, charts.Bar{Label: t.Cols[j], Cell: t.Cells[i][j], Index: paletteIndex(t.ColCodes[j], j),
					Text: tabular.Format(t.Cells[i][j], c.Lang) + " (" + t.Rows[i] + ")"})
				break
			}
		}
	}
	o := opts(c, w, 0)
	o.LabelWidth = min(22, w/3)
	body := charts.HBars(bars, 15, o)
	if len(bars) == 0 {
		body = c.Styles.Muted.Render(i18n.T(c.Lang, "legend.missing"))
	}
	return section(c, t.Title+" — "+i18n.T(c.Lang, "ph.latest"), body, caption(c, t, w), w)
}

// phenomena is the tab of intakes by phenomenon beside the published
// person potentials and their violence-oriented share.
type phenomena struct{}

func (phenomena) Name() string                { return "phenomena" }
func (phenomena) Title(lang i18n.Lang) string { return i18n.T(lang, "view.phenomena") }
func (phenomena) UsesFilter() bool            { return true }

func (phenomena) Load(ctx context.Context, src Source, f queries.Filter, lang i18n.Lang) (Data, error) {
	var byYear, pot, viol *queries.Table
	err := parallel(ctx,
		run(src, queries.QIntakesByYearPhenomenon, f, &byYear),
		series(src, "person_potential", &pot),
		series(src, "violence_oriented", &viol))
	if err != nil {
		return nil, err
	}
	return NewPhenomenaData(byYear, pot, viol, lang), nil
}

func (phenomena) Render(c *common.Context, d Data, s State, w, h int) string {
	return renderPhenomena(c, d.(*PhenomenaData), s, w, h)
}

func (phenomena) Tables(d Data, _ State) []report.Table { return d.Tables() }
