package views

import (
	"context"
	"slices"
	"strings"

	"lagebild/datasets/schema"
	"lagebild/internal/i18n"
	"lagebild/queries"
	"lagebild/queries/report"
	"lagebild/tui/charts"
	"lagebild/tui/common"
	"lagebild/tui/styles"
	"lagebild/tui/tabular"
)

// StatesData are the tables of the states view: the states compared
// (protected intakes and shares per state, queries.QStatesCompared, the
// briefing's state table) and the intakes per year and state behind the
// sparklines (queries.QIntakesByYearState).
type StatesData struct {
	Compared report.Table
	ByYear   report.Table
}

// Tables of the states view.
func (d *StatesData) Tables() []report.Table { return []report.Table{d.Compared, d.ByYear} }

// germanyTiles places the states on a grid that approximates the map:
// Schleswig-Holstein at the top, Bavaria at the bottom right.
var germanyTiles = [][]string{
	{"", "", "DE-SH", "", ""},
	{"", "DE-HB", "DE-HH", "DE-MV", ""},
	{"DE-NW", "DE-NI", "DE-ST", "DE-BE", "DE-BB"},
	{"DE-RP", "DE-HE", "DE-TH", "DE-SN", ""},
	{"DE-SL", "DE-BW", "DE-BY", "", ""},
}

// stateFigureKeys label the figures the map can be shaded by, in the
// order of the columns of queries.QStatesCompared (State.Sel picks one).
var stateFigureKeys = []string{"col.intakes", "col.share.danger", "col.share.multi"}

// stateTileWidth is the width of a tile: a share as written ("16,9 %")
// or a four-digit count with its separator, and a space either side.
const stateTileWidth = 8

// NewStatesData builds the states view's tables from the tables package
// queries made.
func NewStatesData(compared, byYear *queries.Table, lang i18n.Lang) *StatesData {
	d := &StatesData{}
	d.Compared = derivedTab(compared, lang, i18n.T(lang, "states.compared"), i18n.T(lang, "col.state"),
		[]string{i18n.T(lang, "col.intakes"), i18n.T(lang, "col.share.danger"), i18n.T(lang, "col.share.multi")})
	d.Compared.Rows = make([]string, len(d.Compared.RowCodes))
	for i, code := range d.Compared.RowCodes {
		d.Compared.Rows[i] = schema.Label(code, lang)
	}
	d.Compared.ShortCols = []string{i18n.T(lang, "col.intakes"), i18n.T(lang, "col.share.danger.s"), i18n.T(lang, "col.share.multi.s")}
	d.ByYear = FromQuery(byYear, lang, i18n.T(lang, "states.byyear"), i18n.T(lang, "col.year"))
	return d
}

func renderStates(c *common.Context, d *StatesData, s State, w, h int) string {
	if c.Accessible() {
		return RenderTables(c, d.Tables(), w)
	}
	mapW := len(germanyTiles[0])*(stateTileWidth+1) - 1
	if w >= mapW+3+50 {
		rw := w - mapW - 3
		return columns([]int{mapW, rw}, 3, statesMap(c, d, s, mapW), statesTable(c, d, rw))
	}
	return stack(statesMap(c, d, s, w), statesTable(c, d, w))
}

// statesMap is the tile map shaded by the selected figure, its legend
// (the class bounds) and the hint how to pick another figure.
func statesMap(c *common.Context, d *StatesData, s State, w int) string {
	t := &d.Compared
	j := min(max(s.Sel, 0), len(stateFigureKeys)-1)
	cells := t.Col(j)
	tiles := map[string]charts.Tile{}
	for i, code := range t.RowCodes {
		tiles[code] = charts.Tile{Code: schema.Short(code, c.Lang), Cell: cells[i], Text: tabular.Format(cells[i], c.Lang)}
	}
	kind := queries.KindCount
	if j > 0 {
		kind = queries.KindShare
	}
	bounds := charts.ClassBounds(cells, 5, kind == queries.KindCount)
	body := charts.TileMap(germanyTiles, tiles, bounds, stateTileWidth, c.Styles)
	var legend []string
	if len(bounds) > 0 {
		l := charts.TileLegend(bounds, kind == queries.KindCount, func(v float64) string { return tabular.Format(report.Value(v, kind), c.Lang) }, c.Styles)
		legend = strings.Split(l, "  ")
	}
	// a tile without a figure says why in the map's own legend: below
	// 100 columns the table's caption is a page further down
	if slices.ContainsFunc(cells, func(x report.Cell) bool { return x.State == report.Withheld }) {
		legend = append(legend, c.Styles.Withheld.Render(styles.MarkWithheld)+" "+i18n.F(c.Lang, "legend.withheld", t.K))
	}
	if slices.ContainsFunc(cells, func(x report.Cell) bool { return x.State == report.Missing }) {
		legend = append(legend, c.Styles.Muted.Render(styles.MarkMissing)+" "+i18n.T(c.Lang, "legend.missing"))
	}
	if len(legend) > 0 {
		body += "\n" + strings.Join(tabular.WrapItems(legend, "  ", w), "\n")
	}
	body += "\n" + statesPicker(c, j, w)
	// the table beside or below carries the caption of both
	return section(c, i18n.F(c.Lang, "states.map", i18n.T(c.Lang, stateFigureKeys[j])), body, nil, w)
}

// statesPicker says which figure the map shows among the ones it can
// show, and which keys pick another (↑/↓ too, so that they do not scroll
// this view: pgdn does).
func statesPicker(c *common.Context, sel, w int) string {
	var items []string
	for i, key := range stateFigureKeys {
		item := c.Styles.Muted.Render(i18n.T(c.Lang, key))
		if i == sel {
			item = c.Styles.Bold.Render("▸ " + i18n.T(c.Lang, key))
		}
		if i == 0 {
			item = c.Styles.Muted.Render(i18n.T(c.Lang, "states.sel")) + " " + item
		}
		items = append(items, item)
	}
	return strings.Join(tabular.WrapItems(items, " · ", w), "\n")
}

// minStateNameWidth is the narrowest column of state names the table
// writes; narrower, it writes the states' codes.
const minStateNameWidth = 12

// statesTable lists every state with its intakes, both shares and a
// sparkline of its intakes per year.
func statesTable(c *common.Context, d *StatesData, w int) string {
	t, by := &d.Compared, &d.ByYear
	st := c.Styles
	span := ""
	if n := len(by.Rows); n > 0 {
		span = by.Rows[0] + "–" + by.Rows[n-1]
	}
	header := []string{t.RowHeader}
	header = append(header, t.ShortCols...)
	header = append(header, span)
	rows := [][]string{header}
	for i := range t.RowCodes {
		row := []string{t.Rows[i]}
		for _, cell := range t.Cells[i] {
			row = append(row, tabular.Format(cell, c.Lang))
		}
		var spark []report.Cell
		if j := by.ColIndex(t.RowCodes[i]); j >= 0 {
			spark = by.Col(j)
		}
		row = append(row, charts.Sparkline(spark, st))
		rows = append(rows, row)
	}
	widths := report.ColumnWidths(rows)
	// the state's name gives way first; below a readable width the table
	// names the states by the codes of the map's tiles
	sum := len(widths) * 2
	for _, x := range widths {
		sum += x
	}
	if sum > w {
		widths[0] = max(4, widths[0]-(sum-w))
		if widths[0] < minStateNameWidth {
			for i, code := range t.RowCodes {
				rows[i+1][0] = schema.Short(code, c.Lang)
			}
		}
	}
	var lines []string
	for i, r := range rows {
		r[0] = report.Pad(r[0], widths[0], false)
		l := report.AlignedLine(r, widths, "  ", func(j int) bool { return j > 0 && j < len(r)-1 })
		if i == 0 {
			l = st.TableHeader.Render(l)
		}
		lines = append(lines, l)
	}
	cap := caption(c, t, w)
	if by.AnyState(report.Withheld) && !t.AnyState(report.Withheld) {
		// a sparkline's withheld year: the legend the table's caption lacks
		cap = append(cap, st.Withheld.Render(styles.MarkWithheld)+" "+st.Muted.Render(i18n.F(c.Lang, "legend.withheld", by.K)))
	}
	return section(c, t.Title, strings.Join(lines, "\n"), cap, w)
}

// states is the tab of the 16 states compared: a tile map shaded by a
// figure the user picks and a table with a sparkline per state.
type states struct{}

func (states) Name() string                { return "states" }
func (states) Title(lang i18n.Lang) string { return i18n.T(lang, "view.states") }
func (states) UsesFilter() bool            { return true }

func (states) Load(ctx context.Context, src Source, f queries.Filter, lang i18n.Lang) (Data, error) {
	var compared, byYear *queries.Table
	if err := parallel(ctx, run(src, queries.QStatesCompared, f, &compared), run(src, queries.QIntakesByYearState, f, &byYear)); err != nil {
		return nil, err
	}
	return NewStatesData(compared, byYear, lang), nil
}

func (states) Render(c *common.Context, d Data, s State, w, h int) string {
	return renderStates(c, d.(*StatesData), s, w, h)
}

func (states) Tables(d Data, _ State) []report.Table { return d.Tables() }

// Items of the states view: the figures the map can be shaded by.
func (states) Items(Data) int     { return len(stateFigureKeys) }
func (states) FirstItem(Data) int { return 0 }
func (states) ItemIsPage() bool   { return false }
