package tui

import (
	"bytes"
	"context"
	"fmt"
	"path/filepath"
	"slices"
	"strings"
	"time"

	tea "charm.land/bubbletea/v2"

	"lagebild/internal/atomicfile"
	"lagebild/internal/i18n"
	"lagebild/queries"
	"lagebild/queries/export"
	"lagebild/queries/report"
	"lagebild/tui/filter"
	"lagebild/tui/views"
)

// exportContent is what export (e) and copy (y, Y) write for a view with
// the writers of package queries/export, which `lagebild brief` uses too:
// the overview's key figures as a briefing without tables, or another
// view's tables, the same report.Table values the view draws.
type exportContent struct {
	brief *export.Brief // the overview
	tabs  []report.Table
}

// content is the export content of the visible view: for a view that
// exports a briefing (the overview) its key figures, each at its latest
// year (a public figure without data left out, as brief does); for any
// other view the tables it shows (the selected series on the figures
// view). ok is false when the data is not current.
func (m *Model) content() (exportContent, bool) {
	t := m.cur()
	d := t.data
	if d == nil || !m.fresh(m.active) {
		return exportContent{}, false
	}
	if be, ok := t.view.(views.BriefExporter); ok {
		b := &export.Brief{AsOf: m.opts.Now(), Filter: m.ctx.Filter, K: m.ctx.K, Synthetic: m.ctx.Synthetic,
			DataLabel: m.ctx.DataLabel}
		// block 4 names the providers and imports, as brief does; the
		// import log is one small read, so it is read here.
		ctx, cancel := context.WithTimeout(context.Background(), 2*time.Second)
		cov, err := m.src.Coverage(ctx)
		cancel()
		if err == nil {
			if m.ctx.Synthetic {
				// the embedded sample is "imported" when opened: no date
				cov.FirstImport, cov.LastImport = time.Time{}, time.Time{}
			}
			b.Coverage = cov
		}
		for _, kf := range be.BriefFigures(d) {
			e := export.KeyFigureAt(kf, 0)
			if kf.Kind == queries.KindFigure && e.Year == 0 {
				continue
			}
			b.KeyFigures = append(b.KeyFigures, e)
		}
		return exportContent{brief: b}, true
	}
	// The rows in the order the table view shows them (sorted by s).
	return exportContent{tabs: m.shownTables(t)}, true
}

// exportHeader is the Markdown preamble of an export of tables: view,
// filter, data and date.
func (m *Model) exportHeader() string {
	lang := m.ctx.Lang
	var b strings.Builder
	v := m.cur().view
	fmt.Fprintf(&b, "# lagebild — %s\n\n", v.Title(lang))
	if v.UsesFilter() {
		fmt.Fprintf(&b, "%s: %s  \n", i18n.T(lang, "f.label"), filter.Summary(m.ctx.Filter, lang))
	}
	label := m.ctx.DataLabel
	if m.ctx.Synthetic {
		label += " — " + i18n.T(lang, "tag.synthetic")
	}
	fmt.Fprintf(&b, "%s: %s  \n", i18n.T(lang, "exp.data"), label)
	fmt.Fprintf(&b, "%s: %s\n\n", i18n.T(lang, "exp.date"), i18n.Date(m.opts.Now(), lang))
	return b.String()
}

// markdown writes the content as Markdown: the overview's key figures as
// `lagebild brief` writes them (title, date, filter, k, notes, sources),
// the tables of another view under the export header.
func (m *Model) markdown(c exportContent) (string, error) {
	var b strings.Builder
	if c.brief != nil {
		err := c.brief.WriteMarkdown(&b, m.ctx.Lang)
		return b.String(), err
	}
	b.WriteString(m.exportHeader())
	err := export.WriteTablesMarkdown(&b, c.tabs, m.ctx.Lang, 2)
	return b.String(), err
}

// csv writes the content as the tidy CSV of `lagebild brief --format csv`.
func (c exportContent) csv() ([]byte, error) {
	var b bytes.Buffer
	var err error
	if c.brief != nil {
		err = c.brief.WriteCSV(&b)
	} else {
		err = export.WriteTablesCSV(&b, c.tabs)
	}
	return b.Bytes(), err
}

// tsv writes the content as tab-separated values for a spreadsheet.
func (m *Model) tsv(c exportContent) (string, error) {
	var b strings.Builder
	var err error
	if c.brief != nil {
		err = export.WriteKeyFiguresTSV(&b, c.brief.KeyFigures, m.ctx.Lang)
	} else {
		err = export.WriteTablesTSV(&b, c.tabs, m.ctx.Lang)
	}
	return b.String(), err
}

// count is the number of tables the content makes (the key figures are
// one).
func (c exportContent) count() int {
	if c.brief != nil {
		return 1
	}
	return len(c.tabs)
}

// exportDir is the directory e writes to, absolute, so that the status
// line and the help name the full path: Options.ExportDir (the
// --export-dir flag), by default the working directory.
func (m *Model) exportDir() string {
	dir := m.opts.ExportDir
	if dir == "" {
		dir = "."
	}
	if abs, err := filepath.Abs(dir); err == nil {
		return abs
	}
	return dir
}

// exportFormats are the choices of the export menu: the key, the formats
// it writes and the catalogue key of its name. e (or enter) a second time
// writes Markdown and CSV, as e did before the menu.
var exportFormats = []struct {
	keys    []string
	formats []export.BriefFormat
}{
	{[]string{"e", "enter", "m"}, []export.BriefFormat{export.FormatMarkdown, export.FormatCSV}},
	{[]string{"c"}, []export.BriefFormat{export.FormatCSV}},
	{[]string{"j"}, []export.BriefFormat{export.FormatJSON}},
	{[]string{"h"}, []export.BriefFormat{export.FormatHTML}},
	{[]string{"x"}, []export.BriefFormat{export.FormatXLSX}},
}

// export starts an export of the visible view's numbers: it offers the
// formats of `lagebild brief` in the status line (e or m Markdown + CSV,
// c CSV, j JSON, h HTML, x Excel) and the next key writes them to the
// export directory (exportMenuKey). Over SSH a file would land on the
// server, so there it sends the Markdown to the terminal's clipboard
// instead, and E (copyCSV) the CSV.
func (m *Model) export() tea.Cmd {
	lang := m.ctx.Lang
	c, ok := m.content()
	if !ok {
		return m.setStatus(i18n.T(lang, "st.notready"), true)
	}
	if m.opts.Remote {
		md, err := m.markdown(c)
		if err != nil {
			return m.setStatus(err.Error(), true)
		}
		m.audit("export", map[string]any{"view": m.cur().view.Name(), "format": "clipboard", "tables": c.count()})
		return tea.Batch(tea.SetClipboard(md), m.setStatus(i18n.T(lang, "st.remotecopy"), false))
	}
	// the menu stays in the status line until a key answers it
	m.exportMenu = true
	m.status, m.statusErr = i18n.F(lang, "st.exportmenu", m.exportDir()), false
	m.statusSeq++
	return nil
}

// exportMenuKey answers the export menu: a format's key writes it, any
// other key closes the menu.
func (m *Model) exportMenuKey(msg tea.KeyPressMsg) tea.Cmd {
	m.exportMenu = false
	for _, f := range exportFormats {
		if slices.Contains(f.keys, msg.String()) {
			return m.exportFiles(f.formats)
		}
	}
	return m.setStatus(i18n.T(m.ctx.Lang, "st.exportcancel"), false)
}

// exportFiles writes the visible view's numbers in the formats to the
// export directory and names the full paths: the overview's briefing,
// or another view's tables (as Markdown under the export header, else as
// a briefing of those tables).
func (m *Model) exportFiles(formats []export.BriefFormat) tea.Cmd {
	lang := m.ctx.Lang
	c, ok := m.content()
	if !ok {
		return m.setStatus(i18n.T(lang, "st.notready"), true)
	}
	files := make([][]byte, len(formats))
	names := make([]string, len(formats))
	for i, f := range formats {
		data, err := m.renderExport(c, f)
		if err != nil {
			return m.setStatus(err.Error(), true)
		}
		files[i], names[i] = data, string(f)
	}
	m.audit("export", map[string]any{"view": m.cur().view.Name(), "format": strings.Join(names, "+"), "tables": c.count()})
	dir := m.exportDir()
	base := fmt.Sprintf("lagebild-%s-%s", m.cur().view.Name(), m.opts.Now().Format("20060102-150405"))
	return func() tea.Msg {
		var paths []string
		for i, f := range formats {
			path := filepath.Join(dir, base+"."+string(f))
			if err := atomicfile.Write(path, files[i], 0o644); err != nil {
				return exportDoneMsg{err: err}
			}
			paths = append(paths, path)
		}
		return exportDoneMsg{paths: paths}
	}
}

// renderExport writes the content in a format: Markdown and CSV as before the
// menu; JSON, HTML and xlsx through the briefing writers (a view's tables
// as a briefing of tables only).
func (m *Model) renderExport(c exportContent, f export.BriefFormat) ([]byte, error) {
	switch f {
	case export.FormatMarkdown:
		md, err := m.markdown(c)
		return []byte(md), err
	case export.FormatCSV:
		return c.csv()
	}
	b := c.brief
	if b == nil {
		b = &export.Brief{AsOf: m.opts.Now(), Filter: m.ctx.Filter, K: m.ctx.K, Synthetic: m.ctx.Synthetic,
			DataLabel: m.ctx.DataLabel, Tables: c.tabs, TablesOnly: true}
	}
	var buf bytes.Buffer
	err := b.Write(&buf, f, m.ctx.Lang)
	return buf.Bytes(), err
}

// copyCSV sends the visible view's numbers as the export's CSV to the
// terminal's clipboard (E): the CSV half of an export, over SSH too.
func (m *Model) copyCSV() tea.Cmd {
	lang := m.ctx.Lang
	c, ok := m.content()
	if !ok {
		return m.setStatus(i18n.T(lang, "st.notready"), true)
	}
	csv, err := c.csv()
	if err != nil {
		return m.setStatus(err.Error(), true)
	}
	m.audit("copy", map[string]any{"view": m.cur().view.Name(), "format": "csv", "tables": c.count()})
	return tea.Batch(tea.SetClipboard(string(csv)), m.setStatus(i18n.F(lang, "st.copied", c.count(), "CSV"), false))
}

// copy sends the visible view's numbers to the terminal's clipboard via
// OSC 52, as Markdown or (tsv) tab-separated values. Whether the terminal
// takes it (tmux only with set-clipboard on) cannot be known: the status
// says "sent", not "copied".
func (m *Model) copy(tsv bool) tea.Cmd {
	lang := m.ctx.Lang
	c, ok := m.content()
	if !ok {
		return m.setStatus(i18n.T(lang, "st.notready"), true)
	}
	var text string
	var err error
	kind, format := "Markdown", "markdown"
	if tsv {
		text, err = m.tsv(c)
		kind, format = "TSV", "tsv"
	} else {
		text, err = m.markdown(c)
	}
	if err != nil {
		return m.setStatus(err.Error(), true)
	}
	m.audit("copy", map[string]any{"view": m.cur().view.Name(), "format": format, "tables": c.count()})
	return tea.Batch(tea.SetClipboard(text), m.setStatus(i18n.F(lang, "st.copied", c.count(), kind), false))
}
