// Package filter is the filter panel: it edits the one filter state that
// applies to every case view. Changes apply at once (the views reload in
// the background); Summary writes the filter for the header line.
package filter

import (
	"fmt"
	"slices"
	"strings"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/x/ansi"

	"lagebild/datasets/schema"
	"lagebild/queries"
	"lagebild/tui/common"
	"lagebild/tui/i18n"
	"lagebild/tui/keys"
)

// Field is one line of the panel.
type Field int

// The fields, in panel order.
const (
	Years Field = iota
	Phenomenon
	State
	Risk
	AccessRoute
	AgeBand
	Custody
	MultiAgency
	numFields
)

func (f Field) label(lang schema.Lang) string {
	return i18n.T(lang, [...]string{"f.years", "f.phenomenon", "f.state", "f.risk", "f.access", "f.age",
		"f.custody", "f.multi"}[f])
}

func (f Field) codes() []string {
	switch f {
	case Phenomenon:
		return schema.Phenomena
	case State:
		return schema.States
	case Risk:
		return schema.RiskLevels
	case AccessRoute:
		return schema.AccessRoutes
	case AgeBand:
		return schema.AgeBands
	case Custody, MultiAgency:
		return []string{"all", "yes", "no"}
	}
	return []string{"from", "to"}
}

func (f Field) list(flt *queries.Filter) *[]string {
	switch f {
	case Phenomenon:
		return &flt.Phenomena
	case State:
		return &flt.States
	case Risk:
		return &flt.Risks
	case AccessRoute:
		return &flt.AccessRoutes
	case AgeBand:
		return &flt.AgeBands
	}
	return nil
}

func (f Field) tri(flt *queries.Filter) **bool {
	switch f {
	case Custody:
		return &flt.Custody
	case MultiAgency:
		return &flt.MultiAgency
	}
	return nil
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
func (m *Model) Update(msg tea.KeyPressMsg, km keys.KeyMap, f queries.Filter, years []int) (queries.Filter, Action) {
	opts := m.field.codes()
	switch {
	case msg.String() == "tab" || msg.String() == "shift+tab":
		m.inOption = !m.inOption
		m.opt = min(m.opt, len(opts)-1)
		return f, None
	case msg.String() == "esc" && m.inOption:
		m.inOption = false
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
	case key.Matches(msg, km.Less), key.Matches(msg, km.More),
		m.field == Years && m.inOption && (key.Matches(msg, km.Left) || key.Matches(msg, km.Right)):
		if m.field != Years {
			return f, None
		}
		delta := 1
		if key.Matches(msg, km.Less) || key.Matches(msg, km.Left) {
			delta = -1
		}
		g := stepYear(f, m.opt, delta, years)
		return g, changedIf(f, g)
	case key.Matches(msg, km.Right) && !m.inOption:
		m.inOption = true
		return f, None
	case key.Matches(msg, km.Left) && m.inOption:
		m.inOption = false
		return f, None
	case key.Matches(msg, km.Toggle):
		if !m.inOption {
			m.inOption = true
			return f, None
		}
		g := toggle(f, m.field, opts[m.opt])
		return g, changedIf(f, g)
	}
	return f, None
}

func changedIf(a, b queries.Filter) Action {
	if a.Key() != b.Key() {
		return Changed
	}
	return None
}

func clone(f queries.Filter) queries.Filter {
	g := f
	g.Phenomena = slices.Clone(f.Phenomena)
	g.States = slices.Clone(f.States)
	g.Risks = slices.Clone(f.Risks)
	g.AccessRoutes = slices.Clone(f.AccessRoutes)
	g.AgeBands = slices.Clone(f.AgeBands)
	return g
}

func clearField(f queries.Filter, field Field) queries.Filter {
	g := clone(f)
	switch {
	case field == Years:
		g.FromYear, g.ToYear = 0, 0
	case field.list(&g) != nil:
		*field.list(&g) = nil
	case field.tri(&g) != nil:
		*field.tri(&g) = nil
	}
	return g
}

// toggle flips one option of a field.
func toggle(f queries.Filter, field Field, code string) queries.Filter {
	g := clone(f)
	if l := field.list(&g); l != nil {
		if i := slices.Index(*l, code); i >= 0 {
			*l = slices.Delete(*l, i, i+1)
		} else {
			*l = append(*l, code)
			// Keep the code-list order.
			order := field.codes()
			slices.SortFunc(*l, func(a, b string) int { return slices.Index(order, a) - slices.Index(order, b) })
		}
		if len(*l) == len(field.codes()) {
			*l = nil // every code is the same as all
		}
		return g
	}
	if t := field.tri(&g); t != nil {
		switch code {
		case "yes":
			v := true
			*t = &v
		case "no":
			v := false
			*t = &v
		default:
			*t = nil
		}
	}
	return g
}

// stepYear moves the first (opt 0) or last (opt 1) year of the range.
func stepYear(f queries.Filter, opt, delta int, years []int) queries.Filter {
	if len(years) == 0 {
		return f
	}
	lo, hi := years[0], years[len(years)-1]
	g := clone(f)
	from, to := g.FromYear, g.ToYear
	if from == 0 || from < lo {
		from = lo
	}
	if to == 0 || to > hi {
		to = hi
	}
	if opt == 0 {
		from = min(max(from+delta, lo), to)
	} else {
		to = max(min(to+delta, hi), from)
	}
	g.FromYear, g.ToYear = from, to
	if from == lo {
		g.FromYear = 0
	}
	if to == hi {
		g.ToYear = 0
	}
	return g
}

// View draws the panel in w×h cells.
func (m *Model) View(c *common.Context, f queries.Filter, w, h int) string {
	st, lang := c.Styles, c.Lang
	fieldW := min(30, max(20, w/3))
	optW := w - fieldW - 3
	var left, right []string
	left = append(left, "")
	for fl := Field(0); fl < numFields; fl++ {
		val := fieldValue(f, fl, lang, c.Years)
		line := fmt.Sprintf("%s: %s", fl.label(lang), val)
		line = ansi.Truncate(line, fieldW-2, "…")
		cursor := "  "
		if fl == m.field {
			cursor = "▸ "
			if st.Accessible {
				cursor = "> "
			}
			if !m.inOption {
				line = st.Selected.Render(cursor + line)
			} else {
				line = st.Bold.Render(cursor + line)
			}
		} else {
			line = cursor + line
		}
		left = append(left, line)
	}
	right = append(right, st.Title.Render(ansi.Truncate(m.field.label(lang), optW, "…")))
	opts := m.field.codes()
	visible := max(h-3, 4)
	start := 0
	if m.opt >= visible {
		start = m.opt - visible + 1
	}
	for i := start; i < min(len(opts), start+visible); i++ {
		code := opts[i]
		var line string
		switch {
		case m.field == Years:
			y := yearOf(f, i, c.Years)
			line = fmt.Sprintf("%s: ◀ %s ▶", i18n.T(lang, "f."+code), y)
			if st.Accessible {
				line = fmt.Sprintf("%s: %s (-/+)", i18n.T(lang, "f."+code), y)
			}
		case m.field.list(&f) != nil:
			box := "[ ]"
			if slices.Contains(*m.field.list(&f), code) {
				box = "[x]"
			}
			line = box + " " + i18n.Label(code, lang)
			if m.field == State {
				line += " (" + code[3:] + ")"
			}
		default:
			box := "( )"
			t := *m.field.tri(&f)
			if (code == "all" && t == nil) || (t != nil && ((code == "yes") == *t) && code != "all") {
				box = "(•)"
			}
			line = box + " " + i18n.Label(code, lang)
		}
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

func yearOf(f queries.Filter, opt int, years []int) string {
	if opt == 0 {
		if f.FromYear != 0 {
			return fmt.Sprint(f.FromYear)
		}
		if len(years) > 0 {
			return fmt.Sprint(years[0])
		}
		return "…"
	}
	if f.ToYear != 0 {
		return fmt.Sprint(f.ToYear)
	}
	if len(years) > 0 {
		return fmt.Sprint(years[len(years)-1])
	}
	return "…"
}

// fieldValue writes a field's current value briefly.
func fieldValue(f queries.Filter, fl Field, lang schema.Lang, years []int) string {
	switch {
	case fl == Years:
		if f.FromYear == 0 && f.ToYear == 0 {
			return i18n.T(lang, "f.all")
		}
		return yearOf(f, 0, years) + "–" + yearOf(f, 1, years)
	case fl.list(&f) != nil:
		l := *fl.list(&f)
		if len(l) == 0 {
			return i18n.T(lang, "f.all")
		}
		var out []string
		for _, c := range l {
			out = append(out, i18n.Short(c, lang))
		}
		return strings.Join(out, ", ")
	}
	t := *fl.tri(&f)
	if t == nil {
		return i18n.T(lang, "f.all")
	}
	if *t {
		return i18n.Label("yes", lang)
	}
	return i18n.Label("no", lang)
}

// Summary writes the filter for the header line: "all cases" or the set
// fields.
func Summary(f queries.Filter, lang schema.Lang, years []int) string {
	if f.IsZero() {
		return i18n.T(lang, "f.none")
	}
	var parts []string
	for fl := Field(0); fl < numFields; fl++ {
		v := fieldValue(f, fl, lang, years)
		if v == i18n.T(lang, "f.all") {
			continue
		}
		if fl == Years {
			parts = append(parts, v)
			continue
		}
		parts = append(parts, fl.label(lang)+": "+v)
	}
	return strings.Join(parts, " · ")
}
