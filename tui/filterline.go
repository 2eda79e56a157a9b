package tui

// The header's filter line: every set field, or as many as fit and how
// many more are set; a field is never cut in the middle.

import (
	"strings"

	"charm.land/lipgloss/v2"
	"github.com/charmbracelet/x/ansi"
)

// filterLine writes "label: part; part; +N more note" in at most w cells:
// the parts (the set fields, filter.Parts) that fit, then more(N) for
// the N left out, then the note (a view that does not use the filter).
// none stands for no parts. Only when not even "label: +N more note"
// fits (60 columns with a long note) is the line cut, with "…".
func filterLine(label, none string, parts []string, note string, more func(n int) string, w int) string {
	line := func(items []string) string {
		s := label + ": " + strings.Join(items, "; ")
		if note != "" {
			s += " " + note
		}
		return s
	}
	if len(parts) == 0 {
		return ansi.Truncate(line([]string{none}), w, "…")
	}
	for n := len(parts); n >= 0; n-- {
		items := parts[:n:n]
		if n < len(parts) {
			items = append(items, more(len(parts)-n))
		}
		if s := line(items); lipgloss.Width(s) <= w {
			return s
		}
	}
	return ansi.Truncate(line([]string{more(len(parts))}), w, "…")
}
