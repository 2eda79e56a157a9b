package tui

// Series toggling in multi-line charts (views.SeriesToggler): "." moves to
// the next series, x hides or shows it, i shows it alone (again: all).
// The chart's legend keeps hidden series, struck through; the status line
// names the series each key acts on.

import (
	"slices"

	tea "charm.land/bubbletea/v2"

	"lagebild/internal/i18n"
	"lagebild/tui/views"
)

// seriesOfTab returns the toggleable series of the visible tab.
func (m *Model) seriesOfTab() (codes, labels []string, ok bool) {
	t := m.cur()
	tg, is := t.view.(views.SeriesToggler)
	if !is || t.data == nil || t.tableMode {
		return nil, nil, false
	}
	codes, labels = tg.Series(t.data, t.state)
	return codes, labels, len(codes) > 1
}

// seriesKey acts on the selected series: next (.), toggle (x), isolate (i).
func (m *Model) seriesKey(action string) tea.Cmd {
	codes, labels, ok := m.seriesOfTab()
	lang := m.ctx.Lang
	if !ok {
		return m.setStatus(i18n.T(lang, "st.series.none"), true)
	}
	s := &m.cur().state
	s.SeriesSel = min(max(s.SeriesSel, 0), len(codes)-1)
	switch action {
	case "next":
		s.SeriesSel = (s.SeriesSel + 1) % len(codes)
	case "toggle":
		code := codes[s.SeriesSel]
		if i := slices.Index(s.Hidden, code); i >= 0 {
			s.Hidden = slices.Delete(slices.Clone(s.Hidden), i, i+1)
		} else if len(s.Hidden) < len(codes)-1 {
			s.Hidden = append(slices.Clone(s.Hidden), code)
		}
	case "isolate":
		others := slices.DeleteFunc(slices.Clone(codes), func(c string) bool { return c == codes[s.SeriesSel] })
		if slices.Equal(s.Hidden, others) {
			s.Hidden = nil
		} else {
			s.Hidden = others
		}
	}
	state := i18n.T(lang, "st.series.shown")
	if slices.Contains(s.Hidden, codes[s.SeriesSel]) {
		state = i18n.T(lang, "st.series.hidden")
	}
	return m.setStatus(i18n.F(lang, "st.series", labels[s.SeriesSel], state, len(s.Hidden)), false)
}
