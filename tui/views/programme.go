package views

import (
	"context"
	"strings"

	"github.com/charmbracelet/x/ansi"

	"lagebild/internal/i18n"
	"lagebild/queries"
	"lagebild/queries/export"
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

// programmeHeadline says the period row: the period, then the five
// figures, each with its name, wrapped between figures and never inside
// one (a name torn from its number reads as two figures).
func programmeHeadline(c *common.Context, t *report.Table, w int) string {
	last := len(t.Rows) - 1
	if last < 0 {
		return ""
	}
	parts := []string{i18n.T(c.Lang, "prog.period") + " " + t.Rows[last]}
	for j := range t.ColCodes {
		parts = append(parts, t.Cols[j]+": "+tabular.Format(t.Cells[last][j], c.Lang))
	}
	return strings.Join(tabular.WrapItems(parts, " · ", w), "\n")
}

// notesInFull writes the notes of tables, each once and in full, the
// ones in seen left out (and added to it): the paper's definitions of the
// figures, the period, the relapse rule and the follow-up are what the
// figures mean, so the view does not cut them to one line as a chart's
// caption does. extra are further lines of the same kind.
func notesInFull(c *common.Context, tables []report.Table, seen map[string]bool, w int, extra ...string) string {
	var lines []string
	for _, t := range tables {
		for _, n := range t.Notes {
			if seen[n] {
				continue
			}
			seen[n] = true
			lines = append(lines, export.NoteText(n, c.Lang))
		}
	}
	lines = append(lines, extra...)
	for i, l := range lines {
		lines[i] = c.Styles.Muted.Render(wrap(i18n.T(c.Lang, "note")+": "+l, w))
	}
	return strings.Join(lines, "\n")
}

// withoutNotes is a table whose caption leaves its notes to
// programmeDefinitions.
func withoutNotes(t report.Table) *report.Table {
	t.Notes = nil
	return &t
}

// programmeBars draws the cases in a danger context per intake year, with
// the high-risk cases and returnees in the bar's text.
func programmeBars(c *common.Context, t *report.Table, w int) string {
	ci, hi, ri := t.ColIndex(queries.ColDangerContext), t.ColIndex(queries.ColHighRisk), t.ColIndex(queries.ColReturnees)
	years := len(t.Rows) - 1 // the period row is the headline
	numW := 0
	for i := 0; i < years; i++ {
		numW = max(numW, ansi.StringWidth(tabular.Format(t.Cells[i][ci], c.Lang)))
	}
	var bars []charts.Bar
	textW := 0
	for i := 0; i < years; i++ {
		// the count right-aligned, its parenthesis left-aligned: the
		// numbers stand in a column and the brackets start in one
		text := report.Pad(tabular.Format(t.Cells[i][ci], c.Lang), numW, true) + " (" + i18n.T(c.Lang, "prog.hr") + " " +
			tabular.Format(t.Cells[i][hi], c.Lang) + ", " + i18n.T(c.Lang, "prog.ret") + " " + tabular.Format(t.Cells[i][ri], c.Lang) + ")"
		textW = max(textW, ansi.StringWidth(text))
		bars = append(bars, charts.Bar{Label: t.Rows[i], Cell: t.Cells[i][ci], Text: text, Index: 1})
	}
	for i := range bars {
		bars[i].Text = report.Pad(bars[i].Text, textW, false)
	}
	o := opts(c, w, 0)
	o.LabelWidth = 5
	body := charts.HBars(bars, min(textW, w/2), o)
	return section(c, t.Title, body, caption(c, withoutNotes(*t), w), w)
}

// compactTable draws a table in the view with its caption.
func compactTable(c *common.Context, t *report.Table, w int) string {
	return tabular.Render(withoutNotes(*t), tabular.RenderOptions{Lang: c.Lang, Styles: c.Styles, Width: w, Compact: true})
}

func renderProgramme(c *common.Context, d *ProgrammeData, w int) string {
	head := c.Styles.Bold.Render(programmeHeadline(c, &d.ByYear, w))
	if c.Accessible() {
		return stack(head, RenderTables(c, d.Tables(), w))
	}
	// one column at every width: the tables are wide themselves
	seen := map[string]bool{}
	defs := section(c, i18n.T(c.Lang, "prog.definitions"),
		notesInFull(c, []report.Table{d.ByYear, d.ByProvider}, seen, w), nil, w)
	var ma []string
	if len(d.WithinRisk.Rows) > 0 {
		ma = append(ma, i18n.T(c.Lang, "prog.ma"))
	}
	within := compactTable(c, &d.WithinRisk, w) + "\n" + notesInFull(c, []report.Table{d.WithinRisk}, seen, w, ma...)
	return stack(head, programmeBars(c, &d.ByYear, w), defs, compactTable(c, &d.ByProvider, w), within)
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
