package tabular

import (
	"strings"
	"testing"

	"github.com/charmbracelet/x/ansi"
)

// A summary breaks between its items, never inside one, and every line
// fits the width (issue #16, 12: "40+ / 11.7 %" at 100 columns).
func TestWrapItemsBreaksBetweenItems(t *testing.T) {
	items := []string{"2025: <14 4.9 %", "14–17 27.6 %", "18–20 18.2 %", "21–24 11.2 %", "25–29 13.0 %", "30–39 13.3 %", "40+ 11.7 %"}
	for _, sep := range []string{" · ", "; "} {
		for width := 17; width <= 120; width++ {
			lines := WrapItems(items, sep, width)
			mark := strings.TrimRight(sep, " ")
			var got []string
			for i, l := range lines {
				if w := ansi.StringWidth(l); w > width {
					t.Errorf("width %d: line %q is %d wide", width, l, w)
				}
				if i < len(lines)-1 {
					if !strings.HasSuffix(l, mark) {
						t.Errorf("width %d: broken line %q does not end with %q", width, l, mark)
					}
					l = strings.TrimSuffix(l, mark)
				}
				got = append(got, strings.Split(l, sep)...)
			}
			if strings.Join(got, "|") != strings.Join(items, "|") {
				t.Errorf("width %d, sep %q: items split or lost:\n%s", width, sep, strings.Join(lines, "\n"))
			}
		}
	}
	one := strings.Join(items, " · ")
	if lines := WrapItems(items, " · ", ansi.StringWidth(one)); len(lines) != 1 || lines[0] != one {
		t.Errorf("a summary that fits is not one line: %q", lines)
	}
}

// An item wider than the line is wrapped at its spaces, or, an address
// without spaces, cut with … rather than broken.
func TestWrapItemsWideItems(t *testing.T) {
	url := "https://www.example.org/verfassungsschutz/berichte/2024/rechtsextremismus"
	lines := WrapItems([]string{"Source: a report with a long title", url, "published figures"}, " · ", 30)
	var cut []string
	for _, l := range lines {
		if ansi.StringWidth(l) > 30 {
			t.Errorf("line %q wider than 30", l)
		}
		if strings.HasPrefix(l, "https://") {
			cut = append(cut, l)
		}
	}
	if len(cut) != 1 || !strings.HasSuffix(cut[0], "… ·") || !strings.HasPrefix(url, strings.TrimSuffix(cut[0], "… ·")) {
		t.Errorf("address not on one line, cut with …: %q", lines)
	}
	if lines[len(lines)-1] != "published figures" {
		t.Errorf("last item: %q", lines)
	}
}
