package views

import (
	"context"

	"lagebild/internal/i18n"
	"lagebild/queries"
	"lagebild/tui/common"
	"lagebild/tui/styles"
)

// Registry lists the tabs in order, one line each. To add a view:
//
//  1. write one file in this package with a type that implements View:
//     Load runs its queries through Source (package queries protects
//     every number), Render draws the data, Tables are what the table
//     view, export and copy show; add Selector or BriefExporter if the
//     view has a selection or exports a briefing;
//  2. add its line here, at the place of its tab;
//  3. add its title's key (view.<name>) to package i18n.
//
// Nothing in the root model changes: tabs, number keys, loading, cache,
// table view, export and audit loop over this list
// (tui/registry_test.go follows these steps with a view of its own).
var Registry = []Factory{
	Always(overview{}),
	Always(age{}),
	Always(phenomena{}),
	Always(outcomes{}),
	Always(quality{}),
	Always(figuresView{}),
	Always(evaluator{}),
	NewSQL, // analysts only
	Always(states{}),
	Always(access{}),
}

// Factory builds a tab for one session (one root model). It returns nil
// when the tab does not apply to the session.
type Factory func(Env) View

// Always is the factory of a view without session state: every session
// gets it.
func Always(v View) Factory { return func(Env) View { return v } }

// Env is what a session's tabs are built from.
type Env struct {
	Role   common.Role
	Source Source
	Lang   i18n.Lang
	Styles *styles.Styles
	// Context bounds what a tab runs on its own (console statements).
	Context context.Context
	// ConsoleLimits bound the analyst's SQL statements.
	ConsoleLimits queries.ConsoleLimits
	// Audit is told of the user's actions (see tui.Options.Audit).
	Audit func(event string, fields map[string]any)
}

// Tabs builds the session's tabs from the registry, in order.
func Tabs(env Env) []View {
	var out []View
	for _, f := range Registry {
		if v := f(env); v != nil {
			out = append(out, v)
		}
	}
	return out
}
