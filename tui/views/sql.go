package views

import (
	"context"

	"charm.land/bubbles/v2/help"
	tea "charm.land/bubbletea/v2"

	"lagebild/internal/i18n"
	"lagebild/queries"
	"lagebild/queries/report"
	"lagebild/tui/common"
	"lagebild/tui/console"
	"lagebild/tui/keys"
	"lagebild/tui/styles"
)

// sql is the analyst's SQL console (package console) as a tab: a model of
// its own (Interactive) that reads the exact anonymised records, so it
// never uses the filter and loads nothing through Load.
type sql struct {
	console *console.Model
	styles  *styles.Styles
}

// NewSQL is the console's factory: analysts get it when the source can
// run statements; for anyone else it returns nil.
func NewSQL(env Env) View {
	r, ok := env.Source.(console.Runner)
	if !ok || env.Role != common.RoleAnalyst {
		return nil
	}
	return &sql{styles: env.Styles, console: console.New(console.Options{Runner: r, Limits: env.ConsoleLimits,
		Lang: env.Lang, Styles: env.Styles, Context: env.Context, Audit: env.Audit})}
}

func (*sql) Name() string                { return "sql" }
func (*sql) Title(lang i18n.Lang) string { return i18n.T(lang, "view.sql") }
func (*sql) UsesFilter() bool            { return false }

// TabKey: the console is ":" (as in an editor's command line), after the
// views' numbers.
func (*sql) TabKey() string { return ":" }

// FilterNote: the header says the filter is not applied in the console.
func (*sql) FilterNote(lang i18n.Lang) string { return i18n.T(lang, "console.nofilter") }

// Load is not called for an interactive tab.
func (*sql) Load(context.Context, Source, queries.Filter, i18n.Lang) (Data, error) { return nil, nil }

// Render draws the console at the body's size (d is nil).
func (s *sql) Render(c *common.Context, _ Data, _ State, w, h int) string {
	if c.Styles != s.styles {
		s.styles = c.Styles
		s.console.SetStyles(c.Styles)
	}
	s.console.SetSize(w, h)
	return s.console.View()
}

// Tables: the console's result is copied as it is (Clipboard), not as
// protected tables.
func (*sql) Tables(Data, State) []report.Table { return nil }

func (s *sql) Update(msg tea.Msg) (bool, tea.Cmd)  { return s.console.Update(msg) }
func (s *sql) SetSize(w, h int)                    { s.console.SetSize(w, h) }
func (s *sql) KeyMap(root keys.KeyMap) help.KeyMap { return s.console.KeyMap(root) }
func (s *sql) Close()                              { s.console.Cancel() }

func (s *sql) Clipboard(tsv bool) (string, bool) {
	if tsv {
		return s.console.TSV()
	}
	return s.console.Markdown()
}
