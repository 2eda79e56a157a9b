// Package common holds the small context every part of the TUI renders
// with: language, styles, size, the filter and what is known about the
// loaded data. The root model owns it and passes it down; there are no
// globals.
package common

import (
	"fmt"

	"lagebild/internal/i18n"

	"lagebild/queries"
	"lagebild/tui/styles"
)

// Context is shared by the root model and its components.
type Context struct {
	Lang   i18n.Lang
	Styles *styles.Styles
	Width  int // terminal columns
	Height int // terminal rows
	Filter queries.Filter
	// K is the threshold of the store's disclosure control.
	K int
	// Synthetic marks synthetic data; DataLabel describes the data.
	Synthetic bool
	DataLabel string
	// Role is the session's role.
	Role Role
	// Years are the intake years in the store (for the filter panel).
	Years []int
	// FilterGate, if set, is asked before a new filter applies; an error
	// keeps the old filter. The SSH server sets it per session to charge
	// the key's daily filter budget (docs/ssh.md, "Query budget"): every
	// distinct filter yields another set of protected outputs, and many of
	// them averaged or differenced can undo the protection. The local
	// TUI leaves it nil.
	FilterGate func(queries.Filter) error
}

// FilterBudgetError is a filter refused because the key has used its
// daily budget of distinct filters. Filters already used that day stay
// free; the budget resets at midnight UTC.
type FilterBudgetError struct {
	Limit int // distinct filters per key and day
}

func (e *FilterBudgetError) Error() string {
	return fmt.Sprintf("filter budget used up: your key has used its %d different filters for today (UTC); "+
		"filters used today still work, new ones again from 00:00 UTC", e.Limit)
}

// Accessible reports whether the screen-reader mode is on.
func (c *Context) Accessible() bool { return c.Styles.Accessible }
