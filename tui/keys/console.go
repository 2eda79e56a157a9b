package keys

import (
	"charm.land/bubbles/v2/key"

	"lagebild/internal/i18n"
)

// Console holds the SQL console's bindings: those of the input line,
// those of the result below it, and stop while a statement runs. Its help
// shows what works in the console's present state, with the main screen's
// keys that work on it (Root).
type Console struct {
	// Pass are the keys the input line leaves to the root (view switching
	// and ctrl+c).
	Pass key.Binding
	// The input line.
	Run, HistoryUp, HistoryDown, InputPageUp, InputPageDown, Leave key.Binding
	// The result.
	Edit, Up, Down, Left, Right, PageUp, PageDown, Home, End, Chart key.Binding
	// Raw switches the result between labelled codes and formatted
	// numbers and the values as DuckDB returned them.
	Raw key.Binding
	// Both.
	Clear key.Binding
	// Stop cancels a running statement.
	Stop key.Binding

	// Root is the main key map (view switching, filter, copy, help, quit).
	Root KeyMap
	// Focused (the input line has the keys) and Running select the help.
	Focused, Running bool
}

// NewConsole returns the console's key map with help texts in the
// language.
func NewConsole(lang i18n.Lang) Console {
	t := func(k string) string { return i18n.T(lang, k) }
	b := func(keys []string, help, desc string) key.Binding {
		return key.NewBinding(key.WithKeys(keys...), key.WithHelp(help, t(desc)))
	}
	return Console{
		Pass:          key.NewBinding(key.WithKeys("tab", "shift+tab", "ctrl+c")),
		Run:           b([]string{"enter"}, "enter", "key.run"),
		HistoryUp:     b([]string{"up", "ctrl+p"}, "↑/↓", "key.history"),
		HistoryDown:   b([]string{"down", "ctrl+n"}, "↓", "key.history"),
		InputPageUp:   b([]string{"pgup"}, "pgup", "key.pgup"),
		InputPageDown: b([]string{"pgdown"}, "pgdn", "key.pgdown"),
		Leave:         b([]string{"esc"}, "esc", "key.browse"),
		Edit:          b([]string{"enter", "i"}, "i/enter", "key.edit"),
		Up:            b([]string{"up", "k"}, "↑↓/jk", "key.rows"),
		Down:          b([]string{"down", "j"}, "↓/j", "key.rows"),
		Left:          b([]string{"left", "h"}, "←→/hl", "key.columns"),
		Right:         b([]string{"right", "l"}, "→/l", "key.columns"),
		PageUp:        b([]string{"pgup", "b"}, "pgup/b", "key.pgup"),
		PageDown:      b([]string{"pgdown", "space"}, "pgdn/space", "key.pgdown"),
		Home:          b([]string{"home", "g"}, "g", "key.home"),
		End:           b([]string{"end", "G"}, "G", "key.end"),
		Chart:         b([]string{"t"}, "t", "key.table"),
		Raw:           b([]string{"r"}, "r", "key.raw"),
		Clear:         b([]string{"ctrl+l"}, "ctrl+l", "key.clear"),
		Stop:          b([]string{"esc"}, "esc", "key.stop"),
		Root:          New(lang),
	}
}

// ShortHelp is the one-line help of the console.
func (k Console) ShortHelp() []key.Binding {
	var out []key.Binding
	if k.Running {
		out = append(out, k.Stop)
	}
	if k.Focused {
		// Every other key types into the statement.
		out = append(out, k.Run, k.HistoryUp)
		if !k.Running {
			out = append(out, k.Leave)
		}
		return append(out, k.Clear, k.Root.NextView)
	}
	return append(out, k.Edit, k.Up, k.Left, k.Chart, k.Root.Copy, k.Root.Filter, k.Root.Views, k.Root.Help, k.Root.Quit)
}

// FullHelp is the full help of the console, in columns.
func (k Console) FullHelp() [][]key.Binding {
	first := []key.Binding{k.Run, k.HistoryUp, k.InputPageUp, k.InputPageDown, k.Leave}
	if !k.Focused {
		first = []key.Binding{k.Edit, k.Up, k.Left, k.Chart, k.Raw, k.Clear}
	}
	if k.Running {
		first = append([]key.Binding{k.Stop}, first...)
	}
	if k.Focused {
		return [][]key.Binding{first, {k.Clear, k.Root.NextView, k.Root.PrevView}}
	}
	return [][]key.Binding{first,
		{k.PageUp, k.PageDown, k.Home, k.End},
		{k.Root.NextView, k.Root.PrevView, k.Root.Views, k.Root.Filter},
		{k.Root.Copy, k.Root.CopyTSV, k.Root.Help, k.Root.Quit},
	}
}
