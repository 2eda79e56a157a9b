package blocks

import (
	"strings"
	"testing"

	"charm.land/lipgloss/v2"
	"pgregory.net/rapid"
)

// block draws a block of text (styled runs, box-drawing and accented
// characters, empty lines) and renders it at width w as the views do.
func block(t *rapid.T, w int, label string) string {
	words := rapid.SliceOfN(rapid.SampledFrom([]string{"a", "Zahl", "│", "█░", "Fälle", "", " ", "12 345", "—"}), 0, 30).Draw(t, label+" words")
	styled := lipgloss.NewStyle().Bold(true).Foreground(lipgloss.Color("#ff0000"))
	var b strings.Builder
	for i, word := range words {
		switch {
		case rapid.IntRange(0, 5).Draw(t, label+" newline") == 0:
			b.WriteString("\n")
		case i > 0:
			b.WriteString(" ")
		}
		if rapid.Bool().Draw(t, label+" styled") {
			word = styled.Render(word)
		}
		b.WriteString(word)
	}
	return lipgloss.NewStyle().Width(w).MaxWidth(w).Render(b.String())
}

// TestBesideIsJoinHorizontal: for blocks rendered at their width, Beside
// gives JoinHorizontal's text; with a ragged last block, the same up to
// trailing spaces.
func TestBesideIsJoinHorizontal(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		n := rapid.IntRange(1, 4).Draw(t, "blocks")
		var widths []int
		var bs []string
		for i := range n {
			w := rapid.IntRange(1, 30).Draw(t, "width")
			widths = append(widths, w)
			bs = append(bs, block(t, w, string(rune('A'+i))))
		}
		if got, want := Beside(widths, bs...), lipgloss.JoinHorizontal(lipgloss.Top, bs...); got != want {
			t.Fatalf("Beside\n%q\nJoinHorizontal\n%q", got, want)
		}
		ragged := rapid.StringMatching(`(x{0,40}\n){0,12}x{0,40}`).Draw(t, "ragged")
		widths = append(widths, Ragged)
		bs = append(bs, ragged)
		trim := func(s string) string {
			ls := strings.Split(s, "\n")
			for i := range ls {
				ls[i] = strings.TrimRight(ls[i], " ")
			}
			return strings.Join(ls, "\n")
		}
		if got, want := trim(Beside(widths, bs...)), trim(lipgloss.JoinHorizontal(lipgloss.Top, bs...)); got != want {
			t.Fatalf("with a ragged block: Beside\n%q\nJoinHorizontal\n%q", got, want)
		}
	})
}
