// Package keys is the one place where the TUI's key bindings are defined,
// with their help texts for bubbles/help: the main screen's (KeyMap), the
// filter panel's (FilterHelp) and the SQL console's (Console), so that the
// help lists the keys of whatever has them. No binding relies on keys that
// terminals swallow (ctrl+enter, shift+enter).
package keys

import (
	"slices"
	"strings"

	"charm.land/bubbles/v2/key"

	"lagebild/internal/i18n"
)

// KeyMap holds every binding of the TUI.
type KeyMap struct {
	NextView, PrevView key.Binding
	// Views are the keys of the tabs (1–9, 0, and a key a tab chooses
	// itself, like the console's ":"), set by SetViewKeys.
	Views                       key.Binding
	Filter                      key.Binding
	Table                       key.Binding
	Export                      key.Binding
	Copy, CopyTSV, CopyCSV      key.Binding
	Help                        key.Binding
	Quit                        key.Binding
	Cancel                      key.Binding
	Reload                      key.Binding
	Up, Down, Left, Right       key.Binding
	PageUp, PageDown, Home, End key.Binding

	// Filter panel: Panes are ←/→ (the keys of Left and Right) described
	// for the panel, between its fields and their choices; Find is
	// type-to-find among the choices (a letter that is no key of the
	// panel, or any capital letter).
	Toggle, Reset, Close, Less, More key.Binding
	Panes, Find                      key.Binding

	// Sorting and search (issue #16): s sorts the table view's rows by
	// the next column, S reverses; / searches row labels (in the figures
	// view's list, the indicators), n and N go to the next and previous
	// match.
	Sort, SortReverse, Search, NextMatch, PrevMatch key.Binding
	// Drill-down (table view) and its way back (issue #16).
	Drill, Back key.Binding
	// Presets opens the saved filters, SavePreset names the current one.
	Presets, SavePreset key.Binding
	// Series of a multi-line chart: next, hide/show, show alone.
	NextSeries, ToggleSeries, IsolateSeries key.Binding
}

// findKeys are the capital letters: in the filter panel they always find
// (the lower-case ones only when they are no key of the panel).
var findKeys = func() []string {
	var out []string
	for r := 'A'; r <= 'Z'; r++ {
		out = append(out, string(r))
	}
	return out
}()

// New returns the key map with help texts in the language.
func New(lang i18n.Lang) KeyMap {
	t := func(k string) string { return i18n.T(lang, k) }
	b := func(keys []string, help, desc string) key.Binding {
		return key.NewBinding(key.WithKeys(keys...), key.WithHelp(help, t(desc)))
	}
	return KeyMap{
		NextView: b([]string{"tab"}, "tab", "key.next"),
		PrevView: b([]string{"shift+tab"}, "shift+tab", "key.prev"),
		Views:    b(NumberKeys, "1-9,0", "key.views"),
		Filter:   b([]string{"f"}, "f", "key.filter"),
		Table:    b([]string{"t"}, "t", "key.table"),
		Export:   b([]string{"e"}, "e", "key.export"),
		Copy:     b([]string{"y"}, "y", "key.copy"),
		CopyTSV:  b([]string{"Y"}, "Y", "key.copytsv"),
		CopyCSV:  b([]string{"E"}, "E", "key.copycsv"),
		Help:     b([]string{"?"}, "?", "key.help"),
		Quit:     b([]string{"q", "ctrl+c"}, "q", "key.quit"),
		Cancel:   b([]string{"esc"}, "esc", "key.cancel"),
		Reload:   b([]string{"r"}, "r", "key.reload"),
		Up:       b([]string{"up", "k"}, "↑/k", "key.up"),
		Down:     b([]string{"down", "j"}, "↓/j", "key.down"),
		Left:     b([]string{"left", "h"}, "←/h", "key.left"),
		Right:    b([]string{"right", "l"}, "→/l", "key.right"),
		PageUp:   b([]string{"pgup", "b"}, "pgup/b", "key.pgup"),
		PageDown: b([]string{"pgdown", "space"}, "pgdn/space", "key.pgdown"),
		Home:     b([]string{"home", "g"}, "g", "key.home"),
		End:      b([]string{"end", "G"}, "G", "key.end"),
		Toggle:   b([]string{"space", "x", "enter"}, "enter", "key.toggle"),
		Reset:    b([]string{"backspace", "delete", "0"}, "0/⌫", "key.reset"),
		Close:    b([]string{"esc", "f"}, "esc", "key.close"),
		Less:     b([]string{"-", "<"}, "-", "key.less"),
		More:     b([]string{"+", ">", "="}, "+", "key.more"),
		Panes:    b([]string{"left", "h", "right", "l"}, "←/→", "key.panes"),
		Find:     b(findKeys, "A–Z", "key.find"),

		Sort:          b([]string{"s"}, "s", "key.sort"),
		SortReverse:   b([]string{"S"}, "S", "key.sortrev"),
		Search:        b([]string{"/"}, "/", "key.search"),
		NextMatch:     b([]string{"n"}, "n", "key.nextmatch"),
		PrevMatch:     b([]string{"N"}, "N", "key.prevmatch"),
		Drill:         b([]string{"enter"}, "enter", "key.drill"),
		Back:          b([]string{"backspace"}, "⌫", "key.back"),
		Presets:       b([]string{"p"}, "p", "key.presets"),
		SavePreset:    b([]string{"P"}, "P", "key.savepreset"),
		NextSeries:    b([]string{"."}, ".", "key.nextseries"),
		ToggleSeries:  b([]string{"x"}, "x", "key.toggleseries"),
		IsolateSeries: b([]string{"i"}, "i", "key.isolateseries"),
	}
}

// NumberKeys are the keys of the tabs in order, for the tabs that do not
// choose a key of their own: 1–9, then 0 for the tenth.
var NumberKeys = []string{"1", "2", "3", "4", "5", "6", "7", "8", "9", "0"}

// SetViewKeys makes the tab keys those of the session's tabs (in tab
// order; "" for a tab without a key) and their help say which there are
// ("1-6", "1-9,0,:").
func (k *KeyMap) SetViewKeys(tabKeys []string) {
	var ks, numbers, others []string
	for _, t := range tabKeys {
		if t == "" {
			continue
		}
		ks = append(ks, t)
		if slices.Contains(NumberKeys[:9], t) {
			numbers = append(numbers, t)
		} else {
			others = append(others, t)
		}
	}
	parts := others
	if len(numbers) > 0 {
		parts = append([]string{numbers[0] + "-" + numbers[len(numbers)-1]}, others...)
	}
	k.Views.SetKeys(ks...)
	k.Views.SetHelp(strings.Join(parts, ","), k.Views.Help().Desc)
}

// ShortHelp is the one-line help of the main screen. The root model
// drops items from the end (never Help and Quit) until it fits.
func (k KeyMap) ShortHelp() []key.Binding {
	return []key.Binding{k.NextView, k.Views, k.Filter, k.Table, k.Export, k.Copy, k.Help, k.Quit}
}

// FullHelp is the full help of the main screen, in columns.
func (k KeyMap) FullHelp() [][]key.Binding {
	return [][]key.Binding{
		{k.NextView, k.PrevView, k.Views, k.Filter, k.Table},
		{k.Export, k.CopyCSV, k.Copy, k.CopyTSV, k.Cancel, k.Reload},
		{k.Up, k.Down, k.Left, k.Right},
		{k.PageUp, k.PageDown, k.Home, k.End, k.Help, k.Quit},
		{k.Sort, k.SortReverse, k.Search, k.NextMatch, k.PrevMatch},
		{k.Drill, k.Back, k.Presets, k.SavePreset, k.NextSeries, k.ToggleSeries, k.IsolateSeries},
	}
}

// TableHelp is the help of the main screen in the table view (t), where
// sorting and search come first.
type TableHelp struct{ KeyMap }

// ShortHelp of the table view (the root model drops items from the end,
// never Help and Quit, until it fits).
func (k TableHelp) ShortHelp() []key.Binding {
	return []key.Binding{k.Table, k.Sort, k.Search, k.SortReverse, k.NextMatch, k.Filter, k.Export, k.Help, k.Quit}
}

// FilterHelp is the help of the filter panel.
type FilterHelp struct{ KeyMap }

// ShortHelp of the filter panel, most needed first (the root model drops
// items from the end, never Help and Quit, until it fits).
func (k FilterHelp) ShortHelp() []key.Binding {
	return []key.Binding{k.Close, k.Toggle, k.Panes, k.Find, k.Reset, k.Help, k.Quit}
}

// FullHelp of the filter panel.
func (k FilterHelp) FullHelp() [][]key.Binding {
	return [][]key.Binding{
		{k.Up, k.Down, k.Panes, k.Find},
		{k.Toggle, k.Less, k.More, k.Reset, k.Close, k.Help, k.Quit},
	}
}
