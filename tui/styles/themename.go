package styles

// ThemeName is the colour scheme a user asks for (--theme).
type ThemeName string

// The theme names.
const (
	// ThemeAuto asks the terminal for its background (default dark).
	ThemeAuto  ThemeName = "auto"
	ThemeDark  ThemeName = "dark"
	ThemeLight ThemeName = "light"
)

// Asks reports whether the background is to be asked of the terminal
// (auto, or no name given).
func (n ThemeName) Asks() bool { return n == "" || n == ThemeAuto }
