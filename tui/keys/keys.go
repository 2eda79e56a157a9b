// Package keys is the one place where the TUI's key bindings are defined,
// with their help texts for bubbles/help. No binding relies on keys that
// terminals swallow (ctrl+enter, shift+enter).
package keys

import (
	"charm.land/bubbles/v2/key"

	"lagebild/datasets/schema"
	"lagebild/tui/i18n"
)

// KeyMap holds every binding of the TUI.
type KeyMap struct {
	NextView, PrevView                       key.Binding
	View1, View2, View3, View4, View5, View6 key.Binding
	View7                                    key.Binding // the SQL console (analysts)
	Filter                                   key.Binding
	Table                                    key.Binding
	Export                                   key.Binding
	Copy, CopyTSV                            key.Binding
	Help                                     key.Binding
	Quit                                     key.Binding
	Cancel                                   key.Binding
	Reload                                   key.Binding
	Up, Down, Left, Right                    key.Binding
	PageUp, PageDown, Home, End              key.Binding

	// Filter panel.
	Toggle, Reset, Close, Less, More key.Binding
}

// New returns the key map with help texts in the language.
func New(lang schema.Lang) KeyMap {
	t := func(k string) string { return i18n.T(lang, k) }
	b := func(keys []string, help, desc string) key.Binding {
		return key.NewBinding(key.WithKeys(keys...), key.WithHelp(help, t(desc)))
	}
	return KeyMap{
		NextView: b([]string{"tab"}, "tab", "key.next"),
		PrevView: b([]string{"shift+tab"}, "shift+tab", "key.prev"),
		View1:    b([]string{"1"}, "1-6", "key.views"),
		View2:    b([]string{"2"}, "2", "key.views"),
		View3:    b([]string{"3"}, "3", "key.views"),
		View4:    b([]string{"4"}, "4", "key.views"),
		View5:    b([]string{"5"}, "5", "key.views"),
		View6:    b([]string{"6"}, "6", "key.views"),
		View7:    b([]string{"7"}, "7", "key.views"),
		Filter:   b([]string{"/", "f"}, "/ f", "key.filter"),
		Table:    b([]string{"t"}, "t", "key.table"),
		Export:   b([]string{"e"}, "e", "key.export"),
		Copy:     b([]string{"y"}, "y", "key.copy"),
		CopyTSV:  b([]string{"Y"}, "Y", "key.copytsv"),
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
		Toggle:   b([]string{"space", "x", "enter"}, "space/x", "key.toggle"),
		Reset:    b([]string{"backspace", "delete", "0"}, "0/⌫", "key.reset"),
		Close:    b([]string{"esc", "/", "f"}, "esc", "key.close"),
		Less:     b([]string{"-", "<"}, "-", "key.less"),
		More:     b([]string{"+", ">", "="}, "+", "key.more"),
	}
}

// ShortHelp is the one-line help of the main screen.
func (k KeyMap) ShortHelp() []key.Binding {
	return []key.Binding{k.NextView, k.View1, k.Filter, k.Table, k.Export, k.Copy, k.Help, k.Quit}
}

// FullHelp is the full help of the main screen, in columns.
func (k KeyMap) FullHelp() [][]key.Binding {
	return [][]key.Binding{
		{k.NextView, k.PrevView, k.View1, k.Filter, k.Table},
		{k.Export, k.Copy, k.CopyTSV, k.Cancel, k.Reload},
		{k.Up, k.Down, k.Left, k.Right},
		{k.PageUp, k.PageDown, k.Home, k.End, k.Help, k.Quit},
	}
}

// FilterHelp is the help of the filter panel.
type FilterHelp struct{ KeyMap }

// ShortHelp of the filter panel.
func (k FilterHelp) ShortHelp() []key.Binding {
	return []key.Binding{k.Up, k.Left, k.Toggle, k.Less, k.More, k.Reset, k.Close}
}

// FullHelp of the filter panel.
func (k FilterHelp) FullHelp() [][]key.Binding {
	return [][]key.Binding{{k.Up, k.Down, k.Left, k.Right}, {k.Toggle, k.Less, k.More, k.Reset, k.Close}}
}
