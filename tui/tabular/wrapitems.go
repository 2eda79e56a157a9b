package tabular

import (
	"strings"

	"charm.land/lipgloss/v2"
	"github.com/charmbracelet/x/ansi"
)

// WrapItems joins a summary's items with sep and breaks the lines only
// between items, never inside one: "40+ 11.7 %" stays on one line. A
// broken line ends with the separator's mark ("·", ";") so that it reads
// as continued. An item wider than the width alone is wrapped at its
// spaces, or, having none (an address), cut with … (the exports carry it
// whole).
func WrapItems(items []string, sep string, width int) []string {
	width = max(width, 1)
	mark := strings.TrimRight(sep, " ")
	// room for the mark on every line but the last
	room := func(i int) int {
		if i == last(items) {
			return width
		}
		return width - ansi.StringWidth(mark)
	}
	var lines []string
	cur := ""
	for i, item := range items {
		if item == "" {
			continue
		}
		if cur != "" {
			if ansi.StringWidth(cur+sep+item) <= room(i) {
				cur += sep + item
				continue
			}
			lines = append(lines, cur+mark)
		}
		cur = item
		if w := max(room(i), 1); ansi.StringWidth(cur) > w {
			var parts []string
			if strings.Contains(cur, " ") {
				parts = strings.Split(lipgloss.Wrap(cur, w, " "), "\n")
			} else {
				parts = []string{ansi.Truncate(cur, w, "…")}
			}
			lines = append(lines, parts[:len(parts)-1]...)
			cur = parts[len(parts)-1]
		}
	}
	if cur != "" {
		lines = append(lines, cur)
	}
	return lines
}

// last is the index of the last non-empty item.
func last(items []string) int {
	for i := len(items) - 1; i >= 0; i-- {
		if items[i] != "" {
			return i
		}
	}
	return -1
}
