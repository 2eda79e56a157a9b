// Package styles is the one place where the TUI's colours, glyphs and
// Lip Gloss styles are defined. A Theme says whether the background is
// dark, whether colour is off (NO_COLOR or a terminal without colour) and
// whether the accessible mode is on; New builds every style from it.
//
// The series palette is Okabe–Ito, which stays distinguishable for the
// common forms of colour blindness. Without colour, charts tell series
// apart by fill patterns and markers, never by colour alone.
package styles

import (
	"image/color"

	"charm.land/bubbles/v2/help"
	"charm.land/lipgloss/v2"
	"github.com/guptarohit/asciigraph"

	"lagebild/queries/export"
)

// Theme selects the styles.
type Theme struct {
	Dark       bool // dark terminal background
	Mono       bool // no colour: NO_COLOR or an ASCII colour profile
	Accessible bool // screen-reader mode: no box drawing, no spinners
}

// Marks used in tables and charts. A withheld value is never drawn as 0.
// They are the marks of the writers (package queries/export), so that the
// screen, the exports and the command line mark a withheld value alike.
const (
	MarkWithheld = export.WithheldMark
	MarkMissing  = export.NoDataMark
)

// Styles are the TUI's styles for one theme.
type Styles struct {
	Theme

	Base        lipgloss.Style
	Title       lipgloss.Style // view and section titles
	Subtitle    lipgloss.Style
	Muted       lipgloss.Style // captions, sources, axes
	Bold        lipgloss.Style
	Error       lipgloss.Style
	Warn        lipgloss.Style
	OK          lipgloss.Style
	TabActive   lipgloss.Style
	TabInactive lipgloss.Style
	SynthTag    lipgloss.Style // marks synthetic data
	FilterBar   lipgloss.Style
	StatusBar   lipgloss.Style
	Selected    lipgloss.Style // the selected row or card
	Withheld    lipgloss.Style // the withheld mark
	Up, Down    lipgloss.Style // changes
	Card        lipgloss.Style // a bordered card
	CardActive  lipgloss.Style
	Panel       lipgloss.Style // a bordered panel (filter)
	TableHeader lipgloss.Style
	TableTotal  lipgloss.Style
	Key         lipgloss.Style // a key in a hint
	Rule        lipgloss.Style

	// Series colours (Okabe–Ito in the 256-colour palette): the same
	// colours for Lip Gloss (Series) and asciigraph (SeriesANSI).
	Series     []color.Color
	SeriesANSI []asciigraph.AnsiColor
	// Patterns fill the segments of stacked bars; in colour all are solid.
	Patterns []string
	// Markers tell line series apart without colour.
	Markers []string
	// AxisANSI is the colour of chart axes and labels in asciigraph.
	AxisANSI asciigraph.AnsiColor
	// Help styles the key bar and the full help.
	Help help.Styles
}

// The series palettes: Okabe–Ito hues in the 256-colour palette, the one
// form both Lip Gloss (bars, legend swatches) and asciigraph (lines) write,
// so that a legend swatch has exactly the colour of its line. The light
// palette is darkened where a hue is too pale on white: every colour
// reaches 3:1 against white (WCAG 2.1, non-text contrast; checked from
// these numbers in styles_test.go).
var (
	// sky, orange, green, vermilion, reddish purple, yellow, blue, grey
	darkSeries = []asciigraph.AnsiColor{74, 214, 36, 166, 175, 185, 25, 248}
	// blue, vermilion, green, orange, reddish purple, sky, dark yellow, grey
	lightSeries = []asciigraph.AnsiColor{25, 160, 29, 166, 132, 31, 136, 242}
)

// oiOrange is the background of the synthetic-data tag.
var oiOrange = lipgloss.Color("#E69F00")

// New builds the styles of a theme.
func New(t Theme) *Styles {
	s := &Styles{Theme: t}
	ld := lipgloss.LightDark(t.Dark)
	fg := ld(lipgloss.Color("#1c1c1c"), lipgloss.Color("#e4e4e4"))
	muted := ld(lipgloss.Color("#5f5f5f"), lipgloss.Color("#a8a8a8"))
	accent := ld(lipgloss.Color("#0072B2"), lipgloss.Color("#56B4E9"))
	tabBg := ld(lipgloss.Color("#d0e4f2"), lipgloss.Color("#1f3a52"))
	selBg := ld(lipgloss.Color("#e4e4e4"), lipgloss.Color("#303030"))
	warn := ld(lipgloss.Color("#A35200"), lipgloss.Color("#E69F00"))
	errc := ld(lipgloss.Color("#B03000"), lipgloss.Color("#FF7A45"))
	up := ld(lipgloss.Color("#A35200"), lipgloss.Color("#E69F00"))
	down := ld(lipgloss.Color("#006E50"), lipgloss.Color("#2FC795"))
	border := ld(lipgloss.Color("#9e9e9e"), lipgloss.Color("#585858"))

	n := lipgloss.NewStyle()
	s.Base = n
	if t.Mono {
		s.Title = n.Bold(true)
		s.Subtitle = n.Bold(true)
		s.Muted = n
		s.Bold = n.Bold(true)
		s.Error = n.Bold(true)
		s.Warn = n.Bold(true)
		s.OK = n
		s.TabActive = n.Reverse(true).Bold(true)
		s.TabInactive = n
		s.SynthTag = n.Reverse(true)
		s.FilterBar = n
		s.StatusBar = n
		s.Selected = n.Reverse(true)
		s.Withheld = n.Bold(true)
		s.Up, s.Down = n, n
		s.Card = n.Border(lipgloss.NormalBorder()).Padding(0, 1)
		s.CardActive = n.Border(lipgloss.ThickBorder()).Padding(0, 1)
		s.Panel = n.Border(lipgloss.NormalBorder()).Padding(0, 1)
		s.TableHeader = n.Bold(true)
		s.TableTotal = n.Bold(true)
		s.Key = n.Bold(true)
		s.Rule = n
		s.Patterns = []string{"█", "░", "▓", "·", "▒", "═", "▚", "│"}
		s.Markers = []string{"●", "○", "■", "□", "▲", "+", "×", "◆"}
	} else {
		s.Title = n.Bold(true).Foreground(accent)
		s.Subtitle = n.Bold(true).Foreground(fg)
		s.Muted = n.Foreground(muted)
		s.Bold = n.Bold(true)
		s.Error = n.Bold(true).Foreground(errc)
		s.Warn = n.Foreground(warn)
		s.OK = n.Foreground(down)
		s.TabActive = n.Bold(true).Foreground(fg).Background(tabBg)
		s.TabInactive = n.Foreground(muted)
		s.SynthTag = n.Bold(true).Foreground(lipgloss.Color("#000000")).Background(oiOrange)
		s.FilterBar = n.Foreground(fg)
		s.StatusBar = n.Foreground(muted)
		s.Selected = n.Background(selBg).Bold(true)
		s.Withheld = n.Bold(true).Foreground(warn)
		s.Up = n.Foreground(up)
		s.Down = n.Foreground(down)
		s.Card = n.Border(lipgloss.RoundedBorder()).BorderForeground(border).Padding(0, 1)
		s.CardActive = n.Border(lipgloss.RoundedBorder()).BorderForeground(accent).Padding(0, 1)
		s.Panel = n.Border(lipgloss.RoundedBorder()).BorderForeground(accent).Padding(0, 1)
		s.TableHeader = n.Bold(true).Foreground(accent)
		s.TableTotal = n.Bold(true)
		s.Key = n.Bold(true).Foreground(accent)
		s.Rule = n.Foreground(border)
		s.Patterns = []string{"█", "█", "█", "█", "█", "█", "█", "█"}
		s.Markers = nil
	}
	if t.Accessible {
		// No box drawing for screen readers.
		s.Card = n.Padding(0, 0)
		s.CardActive = n.Padding(0, 0)
		s.Panel = n.Padding(0, 0)
		s.Patterns = []string{"#", "=", "+", "-", ":", ".", "*", "/"}
		s.Markers = []string{"a", "b", "c", "d", "e", "f", "g", "h"}
	}
	s.SeriesANSI, s.AxisANSI = lightSeries, 242
	if t.Dark {
		s.SeriesANSI, s.AxisANSI = darkSeries, 248
	}
	for _, c := range s.SeriesANSI {
		s.Series = append(s.Series, lipgloss.ANSIColor(c))
	}
	s.Help = helpStyles(s)
	return s
}

// helpStyles are the key bar's and the full help's styles: keys in the
// key colour, descriptions and separators in the muted text colour (the
// bubbles defaults are too pale on a light background); none in mono.
func helpStyles(s *Styles) help.Styles {
	if s.Mono || s.Accessible {
		return help.Styles{}
	}
	return help.Styles{
		Ellipsis:       s.Muted,
		ShortKey:       s.Key,
		ShortDesc:      s.Muted,
		ShortSeparator: s.Muted,
		FullKey:        s.Key,
		FullDesc:       s.Muted,
		FullSeparator:  s.Muted,
	}
}

// SeriesStyle is the style of series i (foreground colour; none in mono).
func (s *Styles) SeriesStyle(i int) lipgloss.Style {
	if s.Mono || len(s.Series) == 0 {
		return lipgloss.NewStyle()
	}
	return lipgloss.NewStyle().Foreground(s.Series[i%len(s.Series)])
}

// SeriesANSIColor is the asciigraph colour of series i.
func (s *Styles) SeriesANSIColor(i int) asciigraph.AnsiColor {
	return s.SeriesANSI[i%len(s.SeriesANSI)]
}

// Pattern is the fill of series i in bars.
func (s *Styles) Pattern(i int) string { return s.Patterns[i%len(s.Patterns)] }

// Marker is the marker of line series i without colour ("" in colour).
func (s *Styles) Marker(i int) string {
	if len(s.Markers) == 0 {
		return ""
	}
	return s.Markers[i%len(s.Markers)]
}

// Swatch is the legend key of series i: a coloured block, or in mono the
// series' pattern (bars) or marker (lines).
func (s *Styles) Swatch(i int, line bool) string {
	if s.Mono || s.Accessible {
		if line && len(s.Markers) > 0 {
			return s.Marker(i)
		}
		p := s.Pattern(i)
		return p + p
	}
	if line {
		return s.SeriesStyle(i).Render("──")
	}
	return s.SeriesStyle(i).Render("██")
}
