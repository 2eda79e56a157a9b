package tui

import (
	"bytes"
	"fmt"
	"os"
	"path/filepath"
	"strings"

	tea "charm.land/bubbletea/v2"

	"lagebild/tui/filter"
	"lagebild/tui/i18n"
	"lagebild/tui/tabular"
	"lagebild/tui/views"
)

// currentTables are the tables of the visible view (the selected series
// on the figures view), or false when the data is not current.
func (m *Model) currentTables() ([]tabular.Tab, bool) {
	d := m.data[m.view]
	if d == nil || !m.fresh(m.view) {
		return nil, false
	}
	if fd, ok := d.(*views.FiguresData); ok {
		return fd.Selected(m.states[m.view]), true
	}
	return d.Tables(), true
}

// exportHeader is the Markdown preamble of an export: view, filter, data
// and date.
func (m *Model) exportHeader() string {
	lang := m.ctx.Lang
	var b strings.Builder
	fmt.Fprintf(&b, "# lagebild — %s\n\n", m.view.Title(lang))
	if m.view.UsesFilter() {
		fmt.Fprintf(&b, "%s: %s  \n", i18n.T(lang, "f.label"), filter.Summary(m.ctx.Filter, lang, m.ctx.Years))
	}
	label := m.ctx.DataLabel
	if m.ctx.Synthetic {
		label += " — " + i18n.T(lang, "tag.synthetic")
	}
	fmt.Fprintf(&b, "%s: %s  \n", i18n.T(lang, "exp.data"), label)
	fmt.Fprintf(&b, "%s: %s\n\n", i18n.T(lang, "exp.date"), i18n.Date(m.opts.Now(), lang))
	return b.String()
}

// markdown is the Markdown of the visible view's tables.
func (m *Model) markdown(tabs []tabular.Tab) string {
	var b strings.Builder
	b.WriteString(m.exportHeader())
	for i := range tabs {
		b.WriteString(tabular.Markdown(&tabs[i], m.ctx.Lang))
		b.WriteString("\n")
	}
	return b.String()
}

// export writes the visible view's tables as Markdown and CSV files in
// the export directory. Over SSH a file would land on the server, so
// there it copies the Markdown to the clipboard instead.
func (m *Model) export() tea.Cmd {
	lang := m.ctx.Lang
	tabs, ok := m.currentTables()
	if !ok {
		return m.setStatus(i18n.T(lang, "st.notready"), true)
	}
	if m.opts.Remote {
		return tea.Batch(tea.SetClipboard(m.markdown(tabs)), m.setStatus(i18n.T(lang, "st.remotecopy"), false))
	}
	md := m.markdown(tabs)
	var csvBuf bytes.Buffer
	if err := tabular.WriteCSV(&csvBuf, tabs, lang); err != nil {
		return m.setStatus(err.Error(), true)
	}
	dir := m.opts.ExportDir
	if dir == "" {
		dir = "."
	}
	base := fmt.Sprintf("lagebild-%s-%s", m.view.Name(), m.opts.Now().Format("20060102-150405"))
	return func() tea.Msg {
		mdPath := filepath.Join(dir, base+".md")
		csvPath := filepath.Join(dir, base+".csv")
		if err := os.WriteFile(mdPath, []byte(md), 0o644); err != nil {
			return exportDoneMsg{err: err}
		}
		if err := os.WriteFile(csvPath, csvBuf.Bytes(), 0o644); err != nil {
			return exportDoneMsg{err: err}
		}
		return exportDoneMsg{paths: []string{mdPath, csvPath}}
	}
}

// copy puts the visible view's numbers on the clipboard via OSC 52, as
// Markdown or (tsv) tab-separated values.
func (m *Model) copy(tsv bool) tea.Cmd {
	lang := m.ctx.Lang
	tabs, ok := m.currentTables()
	if !ok {
		return m.setStatus(i18n.T(lang, "st.notready"), true)
	}
	var text string
	if tsv {
		var b strings.Builder
		for i := range tabs {
			if i > 0 {
				b.WriteString("\n")
			}
			b.WriteString(tabular.TSV(&tabs[i], lang))
		}
		text = b.String()
	} else {
		text = m.markdown(tabs)
	}
	kind := "Markdown"
	if tsv {
		kind = "TSV"
	}
	return tea.Batch(tea.SetClipboard(text), m.setStatus(i18n.F(lang, "st.copied", len(tabs), kind), false))
}
