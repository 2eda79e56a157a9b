package styles

import (
	"image/color"
	"math"
	"testing"

	"charm.land/lipgloss/v2"
)

// relativeLuminance is the WCAG 2.1 relative luminance of a colour.
func relativeLuminance(c color.Color) float64 {
	r, g, b, _ := c.RGBA()
	lin := func(v uint32) float64 {
		x := float64(v) / 0xffff
		if x <= 0.03928 {
			return x / 12.92
		}
		return math.Pow((x+0.055)/1.055, 2.4)
	}
	return 0.2126*lin(r) + 0.7152*lin(g) + 0.0722*lin(b)
}

// contrast is the WCAG 2.1 contrast ratio of two colours (1 to 21).
func contrast(a, b color.Color) float64 {
	la, lb := relativeLuminance(a), relativeLuminance(b)
	return (max(la, lb) + 0.05) / (min(la, lb) + 0.05)
}

var white = color.RGBA{0xff, 0xff, 0xff, 0xff}

// The contrast function itself: black on white is 21:1, a colour on itself 1:1.
func TestContrastFormula(t *testing.T) {
	if c := contrast(color.Black, white); math.Abs(c-21) > 1e-9 {
		t.Errorf("black on white = %.3f, want 21", c)
	}
	if c := contrast(lipgloss.Color("#5f5f5f"), lipgloss.Color("#5f5f5f")); c != 1 {
		t.Errorf("a colour on itself = %.3f, want 1", c)
	}
}

// On a light (white) background every text style reaches 4.5:1 and every
// series colour 3:1 (WCAG 2.1 AA for text and for graphics), computed
// from the colours the styles write.
func TestLightThemeContrastOnWhite(t *testing.T) {
	s := New(Theme{Dark: false})
	text := map[string]lipgloss.Style{
		"Title": s.Title, "Subtitle": s.Subtitle, "Muted": s.Muted, "Error": s.Error, "Warn": s.Warn,
		"OK": s.OK, "TabInactive": s.TabInactive, "FilterBar": s.FilterBar, "StatusBar": s.StatusBar,
		"Withheld": s.Withheld, "Up": s.Up, "Down": s.Down, "TableHeader": s.TableHeader, "Key": s.Key,
		"help ShortKey": s.Help.ShortKey, "help ShortDesc": s.Help.ShortDesc,
		"help ShortSeparator": s.Help.ShortSeparator, "help Ellipsis": s.Help.Ellipsis,
		"help FullKey": s.Help.FullKey, "help FullDesc": s.Help.FullDesc, "help FullSeparator": s.Help.FullSeparator,
	}
	for name, st := range text {
		fg := st.GetForeground()
		if _, none := fg.(lipgloss.NoColor); none || fg == nil {
			t.Errorf("%s has no foreground colour in the light theme", name)
			continue
		}
		if c := contrast(fg, white); c < 4.5 {
			t.Errorf("%s: %.2f:1 on white, want ≥ 4.5:1", name, c)
		}
	}
	if len(s.Series) != len(s.SeriesANSI) || len(s.Series) == 0 {
		t.Fatalf("%d series colours for Lip Gloss, %d for asciigraph", len(s.Series), len(s.SeriesANSI))
	}
	for i, c := range s.Series {
		if r := contrast(c, white); r < 3 {
			t.Errorf("series %d (colour %d): %.2f:1 on white, want ≥ 3:1", i, s.SeriesANSI[i], r)
		}
	}
	if r := contrast(lipgloss.ANSIColor(s.AxisANSI), white); r < 4.5 {
		t.Errorf("axis labels: %.2f:1 on white, want ≥ 4.5:1", r)
	}
}

// Bars and legend swatches (Lip Gloss) and lines (asciigraph) use one
// colour per series in every theme.
func TestSeriesColoursAreOnePalette(t *testing.T) {
	for _, th := range []Theme{{Dark: true}, {Dark: false}} {
		s := New(th)
		for i := range s.Series {
			if got, want := s.Series[i], lipgloss.ANSIColor(s.SeriesANSI[i]); got != want {
				t.Errorf("dark=%v series %d: Lip Gloss colour %v, asciigraph colour %d", th.Dark, i, got, s.SeriesANSI[i])
			}
		}
	}
}
