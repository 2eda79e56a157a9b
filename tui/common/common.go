// Package common holds the small context every part of the TUI renders
// with: language, styles, size, the filter and what is known about the
// loaded data. The root model owns it and passes it down; there are no
// globals.
package common

import (
	"lagebild/datasets/schema"
	"lagebild/queries"
	"lagebild/tui/styles"
)

// Context is shared by the root model and its components.
type Context struct {
	Lang   schema.Lang
	Styles *styles.Styles
	Width  int // terminal columns
	Height int // terminal rows
	Filter queries.Filter
	// K is the threshold of the store's disclosure control.
	K int
	// Synthetic marks synthetic data; DataLabel describes the data.
	Synthetic bool
	DataLabel string
	// Role is the session's role (viewer or analyst).
	Role string
	// Years are the intake years in the store (for the filter panel).
	Years []int
}

// Accessible reports whether the screen-reader mode is on.
func (c *Context) Accessible() bool { return c.Styles.Accessible }
