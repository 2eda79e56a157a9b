package tui

// Loading and caching of the tabs' data: a tab loads off the UI loop
// with the current filter, a late result for an old filter is thrown
// away, and results are kept per filter key.

import (
	"context"
	"errors"
	"strconv"
	"time"

	tea "charm.land/bubbletea/v2"

	"lagebild/internal/i18n"
	"lagebild/queries"
	"lagebild/tui/common"
	"lagebild/tui/views"
)

// Source is what the TUI reads: a *queries.Store. Every number on screen
// comes through it, protected; the views load through it (views.Source).
type Source = views.Source

// storeYears returns the intake years of the store (unfiltered).
func storeYears(ctx context.Context, src Source) ([]int, error) {
	t, err := src.Counts(ctx, queries.DimIntakeYear, queries.DimAll, queries.Filter{})
	if err != nil {
		return nil, err
	}
	var out []int
	for _, r := range t.Rows() {
		if y, err := strconv.Atoi(r); err == nil {
			out = append(out, y)
		}
	}
	return out, nil
}

// filterKey is the cache key of a tab's data under the current filter.
func (m *Model) filterKey(i int) string {
	if !m.tabs[i].view.UsesFilter() {
		return "-"
	}
	return m.ctx.Filter.Key()
}

// fresh reports whether the tab's data belongs to the current filter.
func (m *Model) fresh(i int) bool {
	return m.tabs[i].data != nil && m.tabs[i].dataKey == m.filterKey(i)
}

// loading reports whether a query runs for the tab.
func (m *Model) loading(i int) bool { return m.tabs[i].load != nil }

// ensureLoaded starts loading the tab's data for the current filter
// unless it is there, cached or already loading (an interactive tab loads
// nothing). spin schedules the delayed spinner (the visible tab).
func (m *Model) ensureLoaded(i int, spin bool) tea.Cmd {
	if m.src == nil || i < 0 || i >= len(m.tabs) {
		return nil
	}
	t := &m.tabs[i]
	if _, ok := t.view.(views.Interactive); ok {
		return nil
	}
	key := m.filterKey(i)
	if m.fresh(i) {
		return nil
	}
	if d, ok := m.cache[t.view.Name()+"|"+key]; ok {
		t.data, t.dataKey = d, key
		t.err = nil
		return nil
	}
	if l := t.load; l != nil {
		if l.key == key {
			return nil
		}
		l.cancel()
	}
	m.reqSeq++
	req := m.reqSeq
	ctx, cancel := context.WithCancel(m.opts.Context)
	t.err = nil
	t.cancelled = false
	v, src, f, lang := t.view, m.src, m.ctx.Filter, m.ctx.Lang
	cmd := func() tea.Msg {
		start := time.Now()
		d, err := v.Load(ctx, src, f, lang)
		return dataMsg{tab: i, key: key, req: req, data: d, err: err, took: time.Since(start)}
	}
	t.load = &loadState{req: req, key: key, cancel: cancel, start: m.opts.Now(), run: cmd}
	if !spin {
		return cmd
	}
	return tea.Batch(cmd, tea.Tick(spinnerDelay, func(time.Time) tea.Msg { return spinnerDueMsg{req: req} }))
}

// prefetch loads the next tab without current data, one at a time, so
// that switching views is instant.
func (m *Model) prefetch() tea.Cmd {
	for _, t := range m.tabs {
		if t.load != nil {
			return nil
		}
	}
	n := len(m.tabs)
	for d := 1; d < n; d++ {
		i := (m.active + d) % n
		t := &m.tabs[i]
		if _, ok := t.view.(views.Interactive); ok {
			continue
		}
		if !m.fresh(i) && t.err == nil && !t.cancelled {
			return m.ensureLoaded(i, false)
		}
	}
	return nil
}

func (m *Model) remember(i int, key string, d views.Data) {
	ck := m.tabs[i].view.Name() + "|" + key
	if _, ok := m.cache[ck]; !ok {
		m.cacheKeys = append(m.cacheKeys, ck)
	}
	m.cache[ck] = d
	for len(m.cacheKeys) > 64 {
		delete(m.cache, m.cacheKeys[0])
		m.cacheKeys = m.cacheKeys[1:]
	}
}

// setFilter makes f the filter of every case view: loads for another
// filter are cancelled (their late results are discarded), the case views
// scroll back to their top and the visible view reloads. A change the filter gate refuses keeps the old filter.
func (m *Model) setFilter(f queries.Filter) tea.Cmd {
	if m.ctx.FilterGate != nil && f.Key() != m.ctx.Filter.Key() {
		if err := m.ctx.FilterGate(f); err != nil {
			var be *common.FilterBudgetError
			if errors.As(err, &be) {
				return m.setStatus(i18n.F(m.ctx.Lang, "st.filterbudget", be.Limit), true)
			}
			return m.setStatus(i18n.T(m.ctx.Lang, "st.filterrefused")+": "+err.Error(), true)
		}
	}
	m.ctx.Filter = f
	m.audit("filter", map[string]any{"filter": f.Key()})
	for i := range m.tabs {
		t := &m.tabs[i]
		if l := t.load; l != nil && l.key != m.filterKey(i) {
			l.cancel()
			t.load = nil
		}
		t.cancelled = false
		t.err = nil
		if t.view.UsesFilter() {
			// Reopen at the top: the filtered figures, not the old
			// offset's unfiltered ones further down.
			t.scroll = 0
		}
	}
	return m.ensureLoaded(m.active, true)
}

func (m *Model) handleData(msg dataMsg) tea.Cmd {
	t := &m.tabs[msg.tab]
	l := t.load
	if l == nil || l.req != msg.req || msg.key != m.filterKey(msg.tab) {
		// A result for a filter or request that is no longer current.
		m.discarded++
		return nil
	}
	l.cancel()
	t.load = nil
	if msg.tab == m.active || m.cur().load == nil {
		m.spinning = false
	}
	if msg.err != nil {
		if errors.Is(msg.err, context.Canceled) {
			return nil
		}
		t.err = msg.err
		if tooFew(msg.err) != nil {
			// The figures of the previous filter must not stand under the
			// new one.
			t.data, t.dataKey = nil, ""
		}
		return nil
	}
	t.data, t.dataKey = msg.data, msg.key
	m.remember(msg.tab, msg.key, msg.data)
	if sel, ok := t.view.(views.Selector); ok && t.state.Sel == 0 {
		t.state.Sel = sel.FirstItem(msg.data)
	}
	if l.reload && msg.tab == m.active {
		return tea.Batch(m.setStatus(i18n.F(m.ctx.Lang, "st.reloaded", t.view.Title(m.ctx.Lang)), false), m.prefetch())
	}
	return m.prefetch()
}

// tooFew returns err as a too-few-cases error, or nil.
func tooFew(err error) *queries.TooFewCasesError {
	var few *queries.TooFewCasesError
	if errors.As(err, &few) {
		return few
	}
	return nil
}
