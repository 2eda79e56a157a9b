// Package filter is the filter panel: it edits the one filter state that
// applies to every case view. Changes apply at once (the views reload in
// the background); Summary writes the filter for the header line.
package filter

import (
	"fmt"
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/x/ansi"

	"lagebild/datasets/schema"
	"lagebild/internal/i18n"
	"lagebild/queries"
	"lagebild/tui/common"
	"lagebild/tui/keys"
)

// Field is one line of the panel: the index of its field in
// queries.FilterFields, whose order is the panel's.
type Field int

// FieldNamed returns the line of the filter field of that name
// (queries.FilterField.Name), -1 if there is none.
func FieldNamed(name string) Field {
	return Field(slices.IndexFunc(queries.FilterFields, func(d *queries.FilterField) bool { return d.Name == name }))
}

var numFields = Field(len(queries.FilterFields))

func (f Field) desc() *queries.FilterField { return queries.FilterFields[f] }

func (f Field) label(lang i18n.Lang) string { return i18n.T(lang, f.desc().LabelKey) }

// options lists the choices of a field, "all" first: every field is a
// single choice (docs/privacy.md: one value, a fixed group or all). The
// years offer the fixed periods and the single years of the store.
func (f Field) options(years []int) []string {
	return append([]string{"all"}, f.desc().Options(years)...)
}

// Action says what an update did.
type Action int

// Actions of Update.
const (
	None    Action = iota
	Changed        // the filter changed
	Close          // the panel wants to close
)

// Model is the panel's state: the field and option under the cursor.
type Model struct {
	field    Field
	opt      int
	inOption bool
}

// Field returns the field under the cursor (tests).
func (m *Model) Field() Field { return m.field }

// Update handles a key. It returns the new filter and what happened.
// esc closes the panel from either pane; ←/h goes back to the fields,
// →/l (or enter) to the choices; a letter that is no key of the panel,
// or any capital letter, jumps to the next choice starting with it.
func (m *Model) Update(msg tea.KeyPressMsg, km keys.KeyMap, f queries.Filter, years []int, lang i18n.Lang) (queries.Filter, Action) {
	opts := m.field.options(years)
	switch {
	case msg.String() == "tab" || msg.String() == "shift+tab":
		m.inOption = !m.inOption
		m.opt = min(m.opt, len(opts)-1)
		return f, None
	case key.Matches(msg, km.Close):
		return f, Close
	case key.Matches(msg, km.Reset):
		if msg.String() == "0" && !m.inOption {
			return queries.Filter{}, changedIf(f, queries.Filter{})
		}
		g := clearField(f, m.field)
		return g, changedIf(f, g)
	case key.Matches(msg, km.Up):
		if m.inOption {
			m.opt = (m.opt - 1 + len(opts)) % len(opts)
		} else {
			m.field = (m.field - 1 + numFields) % numFields
			m.opt = 0
		}
		return f, None
	case key.Matches(msg, km.Down):
		if m.inOption {
			m.opt = (m.opt + 1) % len(opts)
		} else {
			m.field = (m.field + 1) % numFields
			m.opt = 0
		}
		return f, None
	case key.Matches(msg, km.Less), key.Matches(msg, km.More):
		// Step the field's choice: the years through periods and years,
		// any other field through its values.
		delta := 1
		if key.Matches(msg, km.Less) {
			delta = -1
		}
		i := slices.Index(opts, selected(f, m.field))
		i = min(max(i+delta, 0), len(opts)-1)
		m.opt = i
		g := choose(f, m.field, opts[i])
		return g, changedIf(f, g)
	case key.Matches(msg, km.Right):
		m.inOption = true
		return f, None
	case key.Matches(msg, km.Left):
		m.inOption = false
		return f, None
	case key.Matches(msg, km.Toggle):
		if !m.inOption {
			m.inOption = true
			return f, None
		}
		g := choose(f, m.field, opts[m.opt])
		return g, changedIf(f, g)
	}
	if r, ok := findLetter(msg); ok {
		if i, found := m.find(r, opts, lang); found {
			m.inOption, m.opt = true, i
		}
	}
	return f, None
}

// findLetter is the letter a key types, if it types exactly one (the
// panel's own keys are matched before it is asked).
func findLetter(msg tea.KeyPressMsg) (rune, bool) {
	r := []rune(msg.Text)
	if len(r) != 1 || !unicode.IsLetter(r[0]) {
		return 0, false
	}
	return r[0], true
}

// find returns the next choice after the cursor (wrapping) whose label
// starts with the letter, in any case.
func (m *Model) find(r rune, opts []string, lang i18n.Lang) (int, bool) {
	want := unicode.ToLower(r)
	for d := 1; d <= len(opts); d++ {
		i := (m.opt + d) % len(opts)
		if !m.inOption {
			// From the fields pane, the first match from the top.
			i = (d - 1) % len(opts)
		}
		first, _ := utf8.DecodeRuneInString(optionLabel(m.field, opts[i], lang))
		if unicode.ToLower(first) == want {
			return i, true
		}
	}
	return 0, false
}

func changedIf(a, b queries.Filter) Action {
	if a.Key() != b.Key() {
		return Changed
	}
	return None
}

func clearField(f queries.Filter, field Field) queries.Filter { return field.desc().With(f, "") }

// choose sets a field to one of its options.
func choose(f queries.Filter, field Field, opt string) queries.Filter {
	if opt == "all" {
		opt = ""
	}
	return field.desc().With(f, opt)
}

// selected returns the option a field holds.
func selected(f queries.Filter, field Field) string {
	if opt := field.desc().Selected(f); opt != "" {
		return opt
	}
	return "all"
}

// optionLabel is the label of an option in the panel.
func optionLabel(field Field, opt string, lang i18n.Lang) string {
	d := field.desc()
	switch {
	case opt == "all":
		return i18n.T(lang, "f.all")
	case d.Kind == queries.KindYears:
		return strings.Replace(opt, "-", "–", 1)
	case d.Groups[opt] != nil:
		return i18n.T(lang, "f.group."+opt)
	case d.LabelWithShort:
		return schema.Label(opt, lang) + " (" + schema.Short(opt, lang) + ")"
	}
	return schema.Label(opt, lang)
}

// View draws the panel in w×h cells.
func (m *Model) View(c *common.Context, f queries.Filter, w, h int) string {
	st, lang := c.Styles, c.Lang
	fieldW := min(30, max(20, w/3))
	optW := w - fieldW - 3
	var left, right []string
	left = append(left, "")
	for fl := Field(0); fl < numFields; fl++ {
		val := fieldValue(f, fl, lang)
		line := fmt.Sprintf("%s: %s", fl.label(lang), val)
		line = ansi.Truncate(line, fieldW-2, "…")
		// The cursor marks the focused pane only: in the choices, the
		// field they belong to is bold (and named above them).
		switch {
		case fl == m.field && !m.inOption:
			cursor := "▸ "
			if st.Accessible {
				cursor = "> "
			}
			line = st.Selected.Render(cursor + line)
		case fl == m.field:
			line = st.Bold.Render("  " + line)
		default:
			line = "  " + line
		}
		left = append(left, line)
	}
	right = append(right, st.Title.Render(ansi.Truncate(m.field.label(lang), optW, "…")))
	opts := m.field.options(c.Years)
	visible := max(h-3, 4)
	start := 0
	if m.opt >= visible {
		start = m.opt - visible + 1
	}
	cur := selected(f, m.field)
	for i := start; i < min(len(opts), start+visible); i++ {
		box := "( )"
		if opts[i] == cur {
			box = "(•)"
		}
		line := box + " " + optionLabel(m.field, opts[i], lang)
		line = ansi.Truncate(line, optW-2, "…")
		if m.inOption && i == m.opt {
			cur := "▸ "
			if st.Accessible {
				cur = "> "
			}
			line = st.Selected.Render(cur + line)
		} else {
			line = "  " + line
		}
		right = append(right, line)
	}
	lh := max(len(left), len(right))
	var b strings.Builder
	b.WriteString(st.Title.Render(ansi.Truncate(i18n.T(lang, "f.title"), w, "…")) + "\n")
	for i := range lh {
		l, r := "", ""
		if i < len(left) {
			l = left[i]
		}
		if i < len(right) {
			r = right[i]
		}
		sep := " │ "
		if st.Accessible {
			sep = " | "
		}
		b.WriteString(padTo(l, fieldW) + sep + r)
		b.WriteString("\n")
	}
	b.WriteString("\n" + st.Muted.Render(ansi.Truncate(i18n.T(lang, "f.live"), w, "…")))
	return b.String()
}

func padTo(s string, w int) string {
	s = ansi.Truncate(s, w, "…")
	if g := w - ansi.StringWidth(s); g > 0 {
		s += strings.Repeat(" ", g)
	}
	return s
}

// fieldValue writes a field's current value briefly: a code by its short
// label, anything else as the panel labels the option.
func fieldValue(f queries.Filter, fl Field, lang i18n.Lang) string {
	opt, d := selected(f, fl), fl.desc()
	if d.Codes != nil && opt != "all" && d.Groups[opt] == nil {
		return schema.Short(opt, lang)
	}
	return optionLabel(fl, opt, lang)
}

// Summary writes the filter for the export header: "all cases" or the
// set fields (queries.Filter.Summary) as Parts names them.
func Summary(f queries.Filter, lang i18n.Lang) string {
	return f.Summary(i18n.T(lang, "f.none"), func(d *queries.FilterField, _ string) string {
		return phrase(f, FieldNamed(d.Name), lang)
	})
}

// Parts are the set fields, in the panel's order, for the header line
// (which shows as many as fit and says how many more are set): the years
// bare, every other field as "label: value". None when nothing is set.
func Parts(f queries.Filter, lang i18n.Lang) []string {
	var out []string
	for fl := Field(0); fl < numFields; fl++ {
		if fl.desc().Selected(f) != "" {
			out = append(out, phrase(f, fl, lang))
		}
	}
	return out
}

func phrase(f queries.Filter, fl Field, lang i18n.Lang) string {
	if fl.desc().Kind == queries.KindYears {
		return fieldValue(f, fl, lang)
	}
	return fl.label(lang) + ": " + fieldValue(f, fl, lang)
}
