package views

import (
	"context"
	"fmt"
	"slices"
	"strings"

	"lagebild/datasets/figures"

	"charm.land/lipgloss/v2"
	"github.com/charmbracelet/x/ansi"

	"lagebild/internal/i18n"
	"lagebild/queries"
	"lagebild/queries/export"
	"lagebild/queries/report"
	"lagebild/tui/charts"
	"lagebild/tui/common"
	"lagebild/tui/styles"
	"lagebild/tui/tabular"
)

// OverviewData are the key figures of the overview.
type OverviewData struct {
	Figures []queries.KeyFigure
	public  report.Table
	cases   report.Table
}

// NewOverviewData builds the overview's data and tables.
func NewOverviewData(kfs []queries.KeyFigure, lang i18n.Lang, k int, synthetic bool) *OverviewData {
	d := &OverviewData{Figures: kfs}
	cols := []string{"year", "current", "previous", "change"}
	colNames := []string{i18n.T(lang, "col.year"), i18n.T(lang, "col.current"), i18n.T(lang, "col.previous"), i18n.T(lang, "col.change")}
	mk := func(id, title string, protected bool) report.Table {
		return report.Table{ID: id, Title: title, RowHeader: i18n.T(lang, "col.figure"),
			ColCodes: cols, Cols: colNames, Protected: protected, K: k, Synthetic: synthetic}
	}
	d.public = mk("key_figures_public", i18n.T(lang, "ov.public"), false)
	d.cases = mk("key_figures_cases", i18n.T(lang, "ov.cases"), true)
	seen := map[string]bool{}
	for _, kf := range kfs {
		t := &d.cases
		if kf.Kind == queries.KindFigure {
			t = &d.public
			if kf.Source != "" && !seen[kf.Source] {
				seen[kf.Source] = true
				t.Sources = append(t.Sources, queries.Source{Title: kf.Source, Ref: kf.SourceRef})
			}
			for _, f := range kf.Flags {
				t.Notes = append(t.Notes, KeyFigureLabel(kf, lang)+": "+f)
			}
		} else {
			t.Source = kf.Source
			for _, n := range kf.Notes {
				if !slices.Contains(t.Notes, n) {
					t.Notes = append(t.Notes, n)
				}
			}
		}
		t.RowCodes = append(t.RowCodes, kf.ID)
		t.Rows = append(t.Rows, KeyFigureLabel(kf, lang))
		t.Cells = append(t.Cells, []report.Cell{
			yearCell(kf.Year), kfCell(kf, kf.Current), kfCell(kf, kf.Previous), changeCell(kf),
		})
	}
	return d
}

// Tables are the key figures as two tables: public (exact) and case
// figures (protected).
func (d *OverviewData) Tables() []report.Table { return []report.Table{d.public, d.cases} }

func yearCell(y int) report.Cell {
	if y == 0 {
		return report.Cell{}
	}
	return report.Value(float64(y), report.KindYear)
}

func kfCell(kf queries.KeyFigure, v queries.Value) report.Cell {
	return report.FromValue(v, kf.Kind)
}

// changeCell is the key figure's change to the year before as queries
// defines it (queries.KeyFigure.Change): relative for counts and figures,
// in percentage points for shares and rates.
func changeCell(kf queries.KeyFigure) report.Cell {
	if kf.ChangeIsPoints() {
		return report.FromValue(kf.Change, report.KindPP)
	}
	return report.FromValue(kf.Change, report.KindChange)
}

// KeyFigureLabel names a key figure in the language.
func KeyFigureLabel(kf queries.KeyFigure, lang i18n.Lang) string {
	if kf.Kind == queries.KindFigure {
		return figures.Name(kf.Indicator, kf.Phenomenon, lang)
	}
	return i18n.T(lang, "kf."+kf.Name)
}

// trendCaption explains the sparklines (one mark a year, blanks), wrapped
// to the width.
func trendCaption(c *common.Context, w int) []string {
	var out []string
	for _, l := range strings.Split(wrap(i18n.T(c.Lang, "ov.trend.caption"), w), "\n") {
		out = append(out, c.Styles.Muted.Render(l))
	}
	return out
}

// trendWindow is the years a section's sparklines cover: the last n
// years of those with a value in any of its key figures (0, 0: none).
func trendWindow(kfs []queries.KeyFigure, n int) (first, last int) {
	for _, kf := range kfs {
		for _, y := range kf.Years {
			if first == 0 || y < first {
				first = y
			}
			last = max(last, y)
		}
	}
	if last-first+1 > n {
		first = last - n + 1
	}
	return first, last
}

// trendCells are a key figure's values over the years first to last, a
// year without a value missing (a blank in the sparkline).
func trendCells(kf queries.KeyFigure, first, last int) []report.Cell {
	if last == 0 {
		return nil
	}
	out := make([]report.Cell, last-first+1)
	for i := range out {
		out[i] = report.Cell{Kind: kf.Kind}
	}
	for i, y := range kf.Years {
		if y >= first && y <= last && i < len(kf.Series) {
			out[y-first] = report.FromValue(kf.Series[i], kf.Kind)
		}
	}
	return out
}

// trendBreaks marks the years of trendCells whose public figure starts a
// new series (a series-break caveat); nil for case figures.
func trendBreaks(kf queries.KeyFigure, first, last int) []bool {
	if last == 0 || kf.SeriesFlags == nil {
		return nil
	}
	out := make([]bool, last-first+1)
	for i, y := range kf.Years {
		if y >= first && y <= last && i < len(kf.SeriesFlags) {
			out[y-first] = slices.Contains(kf.SeriesFlags[i], figures.FlagSeriesBreak)
		}
	}
	return out
}

// yearSpan writes the years first–last in at most w cells ("2014–2025",
// "14–25"); the column's title when there are none.
func yearSpan(first, last, w int) string {
	if last == 0 {
		return ""
	}
	if s := fmt.Sprintf("%d–%d", first, last); len([]rune(s)) <= w {
		return s
	}
	return fmt.Sprintf("%02d–%02d", first%100, last%100)
}

func seriesCells(kf queries.KeyFigure) []report.Cell {
	out := make([]report.Cell, len(kf.Series))
	for i, v := range kf.Series {
		out[i] = report.FromValue(v, kf.Kind)
	}
	return out
}

func arrow(c report.Cell, st *styles.Styles) string {
	v, ok := c.Float()
	if !ok {
		return " "
	}
	up, down, flat := "▲", "▼", "►"
	if st.Accessible {
		up, down, flat = "+", "-", "="
	}
	switch {
	case v > 0.0005:
		return up
	case v < -0.0005:
		return down
	}
	return flat
}

func renderOverview(c *common.Context, d *OverviewData, s State, w, h int) string {
	if c.Accessible() {
		return overviewSentences(c, d, w)
	}
	if w >= 110 && h >= 30 {
		return overviewCards(c, d, s, w)
	}
	return overviewList(c, d, s, w)
}

// overviewList is the compact overview: one line per key figure.
func overviewList(c *common.Context, d *OverviewData, s State, w int) string {
	st, lang := c.Styles, c.Lang
	yearW, valW, chgW := 4, 10, 11
	trendW := 0
	for _, kf := range d.Figures {
		trendW = max(trendW, len(kf.Series))
	}
	trendW = min(trendW, 12)
	right := yearW + 1 + valW + 1 + chgW + 2 + 1 + trendW
	labelW := max(w-right-2, 12)
	var lines []string
	// Each section's sparklines share one window of years, said in the
	// header (the trend column's title), so that a column is a year.
	var first, last int
	head := func(title string, kfs []queries.KeyFigure) {
		first, last = trendWindow(kfs, trendW)
		h := ansi.Truncate(title, labelW, "…")
		h += strings.Repeat(" ", max(labelW-lipgloss.Width(h), 0))
		h += "  " + charts.Pad(i18n.T(lang, "col.year"), yearW, true) + " " + charts.Pad(i18n.T(lang, "col.value"), valW, true) +
			" " + charts.Pad(i18n.T(lang, "col.change"), chgW+2, true) + " " + charts.Pad(yearSpan(first, last, trendW), trendW, false)
		lines = append(lines, st.Title.Render(h))
	}
	i := 0
	anyBreak := false // a sparkline drew a series break
	row := func(kf queries.KeyFigure) {
		curCell := kfCell(kf, kf.Current)
		if curCell.Kind == queries.KindRate {
			curCell.HasCI = false // the interval is in the detail line
		}
		cur := tabular.Format(curCell, lang)
		chg := changeCell(kf)
		spark := trendCells(kf, first, last)
		breaks := trendBreaks(kf, first, last)
		anyBreak = anyBreak || slices.Contains(breaks, true)
		year := ""
		if kf.Year != 0 {
			year = fmt.Sprint(kf.Year)
		}
		line := charts.Pad(keyFigureLabelIn(kf, lang, labelW), labelW, false) + "  " + charts.Pad(year, yearW, true) + " " +
			charts.Pad(cur, valW, true) + " " + charts.Pad(arrow(chg, st)+" "+tabular.Format(chg, lang), chgW+2, true) + " " +
			charts.SparklineBreaks(spark, breaks, st)
		if i == s.Sel {
			line = st.Selected.Render(charts.Pad(line, w, false))
		}
		lines = append(lines, line)
		i++
	}
	pub, cas := splitFigures(d)
	head(i18n.T(lang, "ov.public"), pub)
	if !hasPublic(d) {
		lines = append(lines, st.Muted.Render(i18n.T(lang, "fig.none")))
	}
	for _, kf := range d.Figures {
		if kf.Kind == queries.KindFigure && hasPublic(d) {
			row(kf)
		} else if kf.Kind == queries.KindFigure {
			i++ // keep the selection indices of the display order
		}
	}
	lines = append(lines, "")
	head(i18n.F(lang, "ov.cases.short", c.K), cas)
	for _, kf := range cas {
		row(kf)
	}
	lines = append(lines, trendCaption(c, w)...)
	if l := overviewLegend(c, d); l != "" {
		lines = append(lines, l)
	}
	if anyBreak {
		lines = append(lines, breakLegend(c, w))
	}
	lines = append(lines, "")
	lines = append(lines, detail(c, d, s, w)...)
	return strings.Join(lines, "\n")
}

// hasPublic reports whether any public key figure has data.
func hasPublic(d *OverviewData) bool {
	for _, kf := range d.Figures {
		if kf.Kind == queries.KindFigure && kf.Year != 0 {
			return true
		}
	}
	return false
}

// breakLegend says what the break mark in a sparkline means, in one line.
func breakLegend(c *common.Context, w int) string {
	mark := charts.BreakMark
	if c.Accessible() {
		mark = charts.SparkBreakAccessible
	}
	return c.Styles.Muted.Render(ansi.Truncate(mark+" "+i18n.T(c.Lang, "ov.trend.break"), w, "…"))
}

// overviewLegend is the withheld legend when any key figure has a
// withheld value in its series.
func overviewLegend(c *common.Context, d *OverviewData) string {
	for _, kf := range d.Figures {
		if anyWithheld(kf) {
			return c.Styles.Warn.Render(styles.MarkWithheld + " " + i18n.F(c.Lang, "legend.withheld", kf.K))
		}
	}
	return ""
}

// detail describes the selected key figure: values, source, caveats.
func detail(c *common.Context, d *OverviewData, s State, w int) []string {
	st, lang := c.Styles, c.Lang
	kf, ok := selectedFigure(d, s)
	if !ok {
		return nil
	}
	var lines []string
	add := func(text string, style lipgloss.Style) {
		for _, l := range strings.Split(lipgloss.Wrap(text, w, " "), "\n") {
			lines = append(lines, style.Render(l))
		}
	}
	// Items wrap as wholes: a value never parts from its year, an address
	// is never broken.
	addItems := func(items []string, sep string, style lipgloss.Style) {
		for _, l := range tabular.WrapItems(items, sep, w) {
			lines = append(lines, style.Render(l))
		}
	}
	sentence := figureItems(kf, lang)
	sentence[0] = "▸ " + sentence[0]
	addItems(sentence, "; ", st.Bold)
	if kf.Year == 0 {
		return lines
	}
	prot := i18n.F(lang, "prot.protected", kf.K)
	if kf.Kind == queries.KindFigure {
		prot = i18n.T(lang, "prot.exact")
	}
	addItems([]string{i18n.T(lang, "src") + ": " + kf.Source, kf.SourceRef, prot}, " · ", st.Muted)
	for _, f := range kf.Flags {
		add(i18n.T(lang, "caveat")+": "+f, st.Warn)
	}
	for _, n := range kf.Notes {
		add(i18n.T(lang, "note")+": "+export.NoteText(n, lang), st.Muted)
	}
	if anyWithheld(kf) {
		add(styles.MarkWithheld+" "+i18n.F(lang, "legend.withheld", kf.K), st.Warn)
	}
	return lines
}

func anyWithheld(kf queries.KeyFigure) bool {
	for _, v := range kf.Series {
		if v.Withheld() {
			return true
		}
	}
	return kf.Current.Withheld() || kf.Previous.Withheld()
}

// selectedFigure returns the key figure at the selection: public figures
// first, then case figures (the display order).
func selectedFigure(d *OverviewData, s State) (queries.KeyFigure, bool) {
	ordered := OrderedFigures(d)
	if s.Sel < 0 || s.Sel >= len(ordered) {
		return queries.KeyFigure{}, false
	}
	return ordered[s.Sel], true
}

// OrderedFigures lists the key figures in display order.
func OrderedFigures(d *OverviewData) []queries.KeyFigure {
	var out []queries.KeyFigure
	for _, kf := range d.Figures {
		if kf.Kind == queries.KindFigure {
			out = append(out, kf)
		}
	}
	for _, kf := range d.Figures {
		if kf.Kind != queries.KindFigure {
			out = append(out, kf)
		}
	}
	return out
}

// figureSentence says a key figure in a sentence.
func figureSentence(kf queries.KeyFigure, lang i18n.Lang) string {
	return strings.Join(figureItems(kf, lang), "; ")
}

// figureItems are the parts of a key figure's sentence: the latest year's
// value and the year before's with the change.
func figureItems(kf queries.KeyFigure, lang i18n.Lang) []string {
	label := KeyFigureLabel(kf, lang)
	if kf.Year == 0 {
		return []string{label + ": " + i18n.T(lang, "legend.missing")}
	}
	curCell := kfCell(kf, kf.Current)
	curCell.HasCI = false // the interval follows once, labelled
	cur := tabular.Format(curCell, lang)
	if kf.Kind == queries.KindRate {
		if lo, hi, ok := kf.Current.CI(); ok {
			cur += " (" + i18n.T(lang, "ci95") + " " + tabular.Format(report.Value(lo, queries.KindShare), lang) +
				"–" + tabular.Format(report.Value(hi, queries.KindShare), lang) + ")"
		}
	}
	unit := ""
	if kf.Kind == queries.KindFigure {
		unit = " " + figures.UnitLabel(kf.Unit, lang)
	} else if kf.Kind == queries.KindCount {
		unit = " " + i18n.T(lang, "unit.cases")
	}
	s := fmt.Sprintf("%s %d: %s%s", label, kf.Year, cur, unit)
	if kf.Current.Withheld() {
		s = fmt.Sprintf("%s %d: %s", label, kf.Year, i18n.F(lang, "legend.withheld", kf.K))
	}
	items := []string{s}
	prev := kfCell(kf, kf.Previous)
	prev.HasCI = false // one interval per sentence: the current value's, labelled
	switch prev.State {
	case report.Shown:
		items = append(items, fmt.Sprintf("%d: %s (%s)", kf.Year-1, tabular.Format(prev, lang), tabular.Format(changeCell(kf), lang)))
	case report.Withheld:
		items = append(items, fmt.Sprintf("%d: %s", kf.Year-1, i18n.F(lang, "legend.withheld", kf.K)))
	}
	return items
}

// overviewSentences is the overview of the accessible mode.
func overviewSentences(c *common.Context, d *OverviewData, w int) string {
	lang := c.Lang
	var lines []string
	add := func(text string) {
		lines = append(lines, strings.Split(lipgloss.Wrap(text, w, " "), "\n")...)
	}
	add(i18n.T(lang, "ov.public") + ":")
	for _, kf := range OrderedFigures(d) {
		if kf.Kind == queries.KindFigure {
			add("- " + figureSentence(kf, lang) + ". " + i18n.T(lang, "src") + ": " + kf.Source + ".")
		}
	}
	lines = append(lines, "")
	add(i18n.F(lang, "ov.cases.k", c.K) + ":")
	for _, kf := range OrderedFigures(d) {
		if kf.Kind != queries.KindFigure {
			add("- " + figureSentence(kf, lang) + ".")
		}
	}
	// the definitions of the case figures (the relapse rates), once each
	for _, n := range d.cases.Notes {
		add(i18n.T(lang, "note") + ": " + export.NoteText(n, lang))
	}
	return strings.Join(lines, "\n")
}

// overviewCards is the wide overview: a grid of cards.
func overviewCards(c *common.Context, d *OverviewData, s State, w int) string {
	st, lang := c.Styles, c.Lang
	anyBreak := false // a sparkline drew a series break
	ncol := max(1, min(4, (w+1)/36))
	cardW := (w+1)/ncol - 1
	inner := cardW - 4
	card := func(kf queries.KeyFigure, sel bool) string {
		var lines []string
		lines = append(lines, st.Bold.Render(ansi.Truncate(KeyFigureLabel(kf, lang), inner, "…")))
		cur := tabular.Format(kfCell(kf, kf.Current), lang)
		unit := ""
		if kf.Kind == queries.KindFigure {
			unit = figures.UnitLabel(kf.Unit, lang)
		} else if kf.Kind == queries.KindCount {
			unit = i18n.T(lang, "unit.cases")
		}
		year := ""
		if kf.Year != 0 {
			year = fmt.Sprint(kf.Year)
		}
		lines = append(lines, ansi.Truncate(st.Title.Render(cur)+" "+unit+"  "+st.Muted.Render(year), inner, "…"))
		chg := changeCell(kf)
		prev := kfCell(kf, kf.Previous)
		vs := ""
		if kf.Year != 0 {
			vs = i18n.F(lang, "ov.vs", kf.Year-1, tabular.Format(prev, lang))
		}
		lines = append(lines, ansi.Truncate(arrow(chg, st)+" "+tabular.Format(chg, lang)+" "+st.Muted.Render(vs), inner, "…"))
		spark := seriesCells(kf)
		if len(spark) > inner-10 {
			spark = spark[len(spark)-(inner-10):]
		}
		span := ""
		if n := len(kf.Years); n > 0 {
			first := kf.Years[n-len(spark)]
			span = fmt.Sprintf("%d–%d", first, kf.Years[n-1])
		}
		var breaks []bool
		if n := len(kf.Years); n > 0 && n == len(kf.Series) {
			if breaks = trendBreaks(kf, kf.Years[0], kf.Years[n-1]); len(breaks) >= len(spark) {
				breaks = breaks[len(breaks)-len(spark):]
			}
		}
		lines = append(lines, charts.SparklineBreaks(spark, breaks, st)+" "+st.Muted.Render(span))
		anyBreak = anyBreak || slices.Contains(breaks, true)
		src := kf.Source
		if kf.Kind != queries.KindFigure {
			src = i18n.F(lang, "prot.protected", kf.K)
		} else if len(kf.Flags) > 0 {
			src = "⚑ " + strings.Join(kf.Flags, ", ") + " · " + src
		}
		lines = append(lines, st.Muted.Render(ansi.Truncate(src, inner, "…")))
		style := st.Card
		if sel {
			style = st.CardActive
		}
		return style.Width(cardW).Render(strings.Join(lines, "\n"))
	}
	var out []string
	i := 0
	grid := func(title string, kfs []queries.KeyFigure) {
		out = append(out, st.Title.Render(title))
		for start := 0; start < len(kfs); start += ncol {
			var row []string
			for j := start; j < min(start+ncol, len(kfs)); j++ {
				row = append(row, card(kfs[j], i == s.Sel))
				i++
				if j < min(start+ncol, len(kfs))-1 {
					row = append(row, " ")
				}
			}
			out = append(out, lipgloss.JoinHorizontal(lipgloss.Top, row...))
		}
	}
	pub, cas := splitFigures(d)
	if hasPublic(d) {
		grid(i18n.T(lang, "ov.public"), pub)
	} else {
		out = append(out, st.Title.Render(i18n.T(lang, "ov.public")), st.Muted.Render(i18n.T(lang, "fig.none")))
		i += len(pub)
	}
	out = append(out, "")
	grid(i18n.F(lang, "ov.cases.k", c.K), cas)
	out = append(out, trendCaption(c, w)...)
	if l := overviewLegend(c, d); l != "" {
		out = append(out, l)
	}
	if anyBreak {
		out = append(out, breakLegend(c, w))
	}
	out = append(out, "")
	out = append(out, detail(c, d, s, w)...)
	return strings.Join(out, "\n")
}

// overview is the first tab: the key figures, public and protected, as a
// list or cards with the selected one described.
type overview struct{}

func (overview) Name() string                { return "overview" }
func (overview) Title(lang i18n.Lang) string { return i18n.T(lang, "view.overview") }
func (overview) UsesFilter() bool            { return true }

func (overview) Load(ctx context.Context, src Source, f queries.Filter, lang i18n.Lang) (Data, error) {
	kfs, err := src.KeyFigures(ctx, f)
	if err != nil {
		return nil, err
	}
	return NewOverviewData(kfs, lang, src.K(), src.Synthetic()), nil
}

func (overview) Render(c *common.Context, d Data, s State, w, h int) string {
	return renderOverview(c, d.(*OverviewData), s, w, h)
}

func (overview) Tables(d Data, _ State) []report.Table { return d.Tables() }

// Items: the key figures are selectable.
func (overview) Items(d Data) int { return len(d.(*OverviewData).Figures) }

// FirstItem is the first key figure with data (an imported store may hold
// no public figures).
func (overview) FirstItem(d Data) int {
	for i, kf := range OrderedFigures(d.(*OverviewData)) {
		if kf.Year != 0 {
			return i
		}
	}
	return 0
}

func (overview) ItemIsPage() bool { return false }

// BriefFigures: the overview exports its key figures as a briefing.
func (overview) BriefFigures(d Data) []queries.KeyFigure { return OrderedFigures(d.(*OverviewData)) }

// splitFigures parts the overview's key figures into the published
// public figures and the protected case figures, each in display order.
func splitFigures(d *OverviewData) (pub, cas []queries.KeyFigure) {
	for _, kf := range d.Figures {
		if kf.Kind == queries.KindFigure {
			pub = append(pub, kf)
		} else {
			cas = append(cas, kf)
		}
	}
	return pub, cas
}
