package views

import (
	"context"
	"strings"

	"lagebild/datasets/schema"

	"lagebild/datasets/figures"
	"lagebild/internal/i18n"
	"lagebild/queries"
	"lagebild/queries/report"
	"lagebild/tui/charts"
	"lagebild/tui/common"
	"lagebild/tui/tabular"
)

// AgeData are the tables of the age view.
type AgeData struct {
	ByYear       report.Table // intakes by year and age band
	ByYearShares report.Table // each age band's share of a year's bar (drawn, not listed)
	Minors       report.Table // minors, intakes and the share of minors per year
	Pyramid      report.Table // intakes by gender and age band
	Public       report.Table // published age figures
}

// Tables of the age view.
func (d *AgeData) Tables() []report.Table {
	return []report.Table{d.ByYear, d.Minors, d.Pyramid, d.Public}
}

// NewAgeData builds the age view's tables from the tables package queries
// made: minors is queries.Store.MinorsByYear (counts and shares, withheld
// or missing as it decided).
func NewAgeData(byYear, minors, pyramid *queries.Table, public report.Table, lang i18n.Lang) *AgeData {
	d := &AgeData{Public: public}
	d.ByYear = FromQuery(byYear, lang, i18n.T(lang, "age.byyear"), i18n.T(lang, "col.year"))
	d.ByYearShares = FromQuery(queries.PartShares(byYear), lang, i18n.T(lang, "age.byyear"), i18n.T(lang, "col.year"))
	d.Pyramid = FromQuery(pyramid, lang, i18n.T(lang, "age.pyramid"), i18n.T(lang, "col.gender"))
	d.Minors = derivedTab(minors, lang, i18n.T(lang, "age.minors"), i18n.T(lang, "col.year"),
		[]string{i18n.T(lang, "col.minors"), i18n.T(lang, "col.intakes"), i18n.T(lang, "col.share")})
	return d
}

func renderAge(c *common.Context, d *AgeData, w, h int) string {
	if c.Accessible() {
		return RenderTables(c, d.Tables(), w)
	}
	if wide(c, w, h) {
		lw := (w - 3) / 2
		rw := w - 3 - lw
		left := stack(stacked100ByYear(c, &d.ByYear, &d.ByYearShares, "age.byyear.chart", lw), ageMinors(c, d, lw, max(8, (h-24)/2+6)))
		right := stack(agePyramid(c, d, rw), agePublic(c, d, rw))
		return columns([]int{lw, rw}, 3, left, right)
	}
	return stack(stacked100ByYear(c, &d.ByYear, &d.ByYearShares, "age.byyear.chart", w), ageMinors(c, d, w, 9), agePyramid(c, d, w), agePublic(c, d, w))
}

func ageMinors(c *common.Context, d *AgeData, w, h int) string {
	t := &d.Minors
	series := []charts.LineSeries{{Name: i18n.T(c.Lang, "col.share"), Cells: t.Col(2)}}
	o := charts.LineOpts{Opts: opts(c, w, h), XLabels: t.Rows, FromZero: true, K: t.K, NoLegend: true,
		YFormat: func(v float64) string { return tabular.Format(report.Value(v, queries.KindShare), c.Lang) }}
	return section(c, t.Title, charts.Line(series, o), caption(c, t, w), w)
}

func agePyramid(c *common.Context, d *AgeData, w int) string {
	t := &d.Pyramid
	fi, mi := t.RowIndex("female"), t.RowIndex("male")
	var rows []charts.PyramidRow
	for j := len(t.ColCodes) - 1; j >= 0; j-- {
		r := charts.PyramidRow{Label: t.ShortCols[j]}
		if fi >= 0 {
			r.Left = t.Cells[fi][j]
		}
		if mi >= 0 {
			r.Right = t.Cells[mi][j]
		}
		rows = append(rows, r)
	}
	o := opts(c, w, 0)
	body := charts.Pyramid(rows, schema.Label("female", c.Lang), schema.Label("male", c.Lang), o)
	// The other genders as totals.
	var others []string
	for i, code := range t.RowCodes {
		if code == "female" || code == "male" {
			continue
		}
		others = append(others, t.Rows[i]+": "+tabular.Format(t.RowTotals[i], c.Lang))
	}
	if len(others) > 0 {
		others[0] = i18n.T(c.Lang, "age.others") + ": " + others[0]
		body += "\n" + c.Styles.Muted.Render(strings.Join(tabular.WrapItems(others, " · ", w), "\n"))
	}
	return section(c, i18n.T(c.Lang, "age.pyramid"), body, caption(c, t, w), w)
}

func agePublic(c *common.Context, d *AgeData, w int) string {
	t := &d.Public
	return tabular.Render(t, tabular.RenderOptions{Lang: c.Lang, Styles: c.Styles, Width: w, Compact: true})
}

// NewPublicAgeData collects the published age figures: one row per
// indicator, phenomenon and year.
func NewPublicAgeData(series map[string]*queries.Table, indicators []string, lang i18n.Lang) report.Table {
	t := report.Table{ID: "public_age_figures", Title: i18n.T(lang, "age.public"),
		RowHeader: i18n.T(lang, "col.figure"), ColCodes: []string{"year", "value", "unit"},
		Cols: []string{i18n.T(lang, "col.year"), i18n.T(lang, "col.value"), ""}, Kind: queries.KindFigure}
	seen := map[string]bool{}
	for _, ind := range indicators {
		s := series[ind]
		if s == nil {
			continue
		}
		for _, src := range s.Sources() {
			if !seen[src.Ref] {
				seen[src.Ref] = true
				t.Sources = append(t.Sources, src)
			}
		}
		t.Notes = append(t.Notes, s.Notes()...)
		for j, ph := range s.Cols() {
			for i, y := range s.Rows() {
				v := s.Cell(i, j)
				if v.Missing() {
					continue
				}
				t.RowCodes = append(t.RowCodes, ind+":"+ph+":"+y)
				t.Rows = append(t.Rows, figures.Name(ind, ph, lang))
				yc := report.Cell{Kind: report.KindYear, State: report.Shown}
				yc.V = float64(atoi(y))
				t.Cells = append(t.Cells, []report.Cell{yc, report.FromValue(v, queries.KindFigure), {}})
			}
		}
	}
	// The unit column is text; drop it and say units in the labels.
	for i := range t.Cells {
		t.Cells[i] = t.Cells[i][:2]
		ind, _, _ := strings.Cut(t.RowCodes[i], ":")
		t.Rows[i] += " (" + unitShort(ind, lang) + ")"
	}
	t.ColCodes, t.Cols = t.ColCodes[:2], t.Cols[:2]
	return t
}

func unitShort(indicator string, lang i18n.Lang) string {
	u := figures.IndicatorUnit(indicator)
	if u == "percent" {
		return "%"
	}
	return figures.UnitLabel(u, lang)
}

func atoi(s string) int {
	n := 0
	for _, r := range s {
		if r < '0' || r > '9' {
			return 0
		}
		n = n*10 + int(r-'0')
	}
	return n
}

// ageIndicators are the published age figures shown on the age view.
var ageIndicators = []string{
	"suspects_age_count_under14", "suspects_age_count_14_17", "suspects_age_count_13_19",
	"suspects_age_share_under18", "suspects_age_share_13_19",
	"gefaehrder_age_share_under18", "gefaehrder_age_share_26_35",
	"salafist_age_share_upto25", "salafist_age_share_26_35", "salafist_age_share_36plus",
}

// age is the tab of intakes by age band, the share of minors, the
// pyramid by gender and the published age figures.
type age struct{}

func (age) Name() string                { return "age" }
func (age) Title(lang i18n.Lang) string { return i18n.T(lang, "view.age") }
func (age) UsesFilter() bool            { return true }

func (age) Load(ctx context.Context, src Source, f queries.Filter, lang i18n.Lang) (Data, error) {
	var byYear, minors, pyramid *queries.Table
	pub := make([]*queries.Table, len(ageIndicators))
	fns := []func(context.Context) error{
		run(src, queries.QIntakesByYearAgeBand, f, &byYear),
		run(src, queries.QIntakesByGenderAgeBand, f, &pyramid),
		func(ctx context.Context) (err error) { minors, err = src.MinorsByYear(ctx, f); return err },
	}
	for i, ind := range ageIndicators {
		fns = append(fns, series(src, ind, &pub[i]))
	}
	if err := parallel(ctx, fns...); err != nil {
		return nil, err
	}
	m := map[string]*queries.Table{}
	for i, ind := range ageIndicators {
		m[ind] = pub[i]
	}
	return NewAgeData(byYear, minors, pyramid, NewPublicAgeData(m, ageIndicators, lang), lang), nil
}

func (age) Render(c *common.Context, d Data, _ State, w, h int) string {
	return renderAge(c, d.(*AgeData), w, h)
}

func (age) Tables(d Data, _ State) []report.Table { return d.Tables() }
