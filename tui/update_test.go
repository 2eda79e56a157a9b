package tui

import (
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/x/ansi"

	"lagebild/queries"
	"lagebild/queries/export"
	"lagebild/tui/views"
)

// blockingSource blocks KeyFigures until released or cancelled.
type blockingSource struct {
	Source
	started chan struct{}
	release chan struct{}
}

func (b *blockingSource) KeyFigures(ctx context.Context, f queries.Filter) ([]queries.KeyFigure, error) {
	b.started <- struct{}{}
	select {
	case <-ctx.Done():
		return nil, ctx.Err()
	case <-b.release:
	}
	return b.Source.KeyFigures(ctx, f)
}

// deafSource ignores cancellation, so that a stale result arrives with
// data and must be discarded by the model.
type deafSource struct{ Source }

func (d deafSource) Run(_ context.Context, name string, f queries.Filter) (*queries.Table, error) {
	return d.Source.Run(context.Background(), name, f)
}

func (d deafSource) Counts(_ context.Context, r, c queries.Dimension, f queries.Filter) (*queries.Table, error) {
	return d.Source.Counts(context.Background(), r, c, f)
}

func (d deafSource) FigureSeries(_ context.Context, ind string) (*queries.Table, error) {
	return d.Source.FigureSeries(context.Background(), ind)
}

func (d deafSource) KeyFigures(_ context.Context, f queries.Filter) ([]queries.KeyFigure, error) {
	return d.Source.KeyFigures(context.Background(), f)
}

func (d deafSource) MinorsByYear(_ context.Context, f queries.Filter) (*queries.Table, error) {
	return d.Source.MinorsByYear(context.Background(), f)
}

func (d deafSource) OutcomeDocumentationByYear(_ context.Context, f queries.Filter) (*queries.Table, error) {
	return d.Source.OutcomeDocumentationByYear(context.Background(), f)
}

// TestFilterPropagation: the filter panel changes the one filter, the
// visible view reloads with it, and every other view loads with the same
// filter when visited.
func TestFilterPropagation(t *testing.T) {
	src := testStore(t)
	m := newTestModel(t, src, Options{NoColor: true}, 100, 30)
	loadSync(t, m, tabIndex(t, m, "overview"))
	for _, k := range []string{"f", "down", "enter", "down", "space"} {
		m.Update(press(k))
	}
	if got := m.ctx.Filter.Phenomena; len(got) != 1 || got[0] != "right_wing" {
		t.Fatalf("filter phenomena = %v, want [right_wing]", got)
	}
	want := m.ctx.Filter.Key()
	if l := tabNamed(t, m, "overview").load; l == nil || l.key != want {
		t.Fatalf("overview is not reloading with the new filter: %+v", l)
	}
	m.Update(press("esc"))
	if m.filterOpen {
		t.Fatal("one esc in the choices should close the filter panel")
	}
	m.Update(press("2"))
	if l := tabNamed(t, m, "age").load; l == nil || l.key != want {
		t.Fatalf("age view does not load with the filter: %+v", l)
	}
	loadSync(t, m, tabIndex(t, m, "age"))
	if !strings.Contains(m.View().Content, "Phenomenon: Right-wing") {
		t.Error("the header does not show the filter")
	}
	// The same records publish the same number in every table: the
	// filtered total equals the unfiltered right-wing column total.
	age := tabNamed(t, m, "age").data.(*views.AgeData)
	all, err := src.Run(context.Background(), queries.QIntakesByYearPhenomenon, queries.Filter{})
	if err != nil {
		t.Fatal(err)
	}
	colTotal, _ := all.ColTotal(0)
	if age.ByYear.Total == nil || age.ByYear.Total.V != mustFloat(t, colTotal) {
		t.Errorf("filtered total %v, want the right-wing column total %v", age.ByYear.Total, colTotal)
	}
	// Closing with f keeps the filter; 0 in the panel clears it.
	m.Update(press("f"))
	m.Update(press("0"))
	if !m.ctx.Filter.IsZero() {
		t.Errorf("0 should clear the filter, got %s", m.ctx.Filter.Key())
	}
}

func mustFloat(t *testing.T, v queries.Value) float64 {
	t.Helper()
	f, ok := v.Float()
	if !ok {
		t.Fatal("value not shown")
	}
	return f
}

// TestStaleResultDiscarded: a result for a filter that is no longer
// current is thrown away even when it arrives with data, and its query
// was cancelled.
func TestStaleResultDiscarded(t *testing.T) {
	src := deafSource{testStore(t)}
	m := newTestModel(t, src, Options{NoColor: true}, 100, 30)
	m.active = tabIndex(t, m, "age")
	m.ensureLoaded(tabIndex(t, m, "age"), true)
	first := tabNamed(t, m, "age").load
	m.setFilter(queries.Filter{Phenomena: []string{"islamist"}})
	second := tabNamed(t, m, "age").load
	if second == nil || second.req == first.req {
		t.Fatal("filter change did not start a new query")
	}
	stale := first.run().(dataMsg)
	if stale.err != nil || stale.data == nil {
		t.Fatalf("the deaf source should deliver data: %v", stale.err)
	}
	m.Update(stale)
	if m.discarded != 1 || tabNamed(t, m, "age").data != nil {
		t.Fatalf("stale result was not discarded (discarded=%d)", m.discarded)
	}
	m.Update(second.run())
	if !m.fresh(tabIndex(t, m, "age")) {
		t.Fatal("current result was not taken")
	}
	// A late duplicate of the current request is discarded too.
	m.Update(stale)
	if m.discarded != 2 {
		t.Errorf("discarded = %d, want 2", m.discarded)
	}
	if got := tabNamed(t, m, "age").dataKey; got != m.ctx.Filter.Key() {
		t.Errorf("data key %q, want %q", got, m.ctx.Filter.Key())
	}
}

// TestStaleQueryCancelled: changing the filter cancels the running query
// of the old filter.
func TestStaleQueryCancelled(t *testing.T) {
	b := &blockingSource{Source: testStore(t), started: make(chan struct{}, 4), release: make(chan struct{})}
	m := newTestModel(t, b, Options{NoColor: true}, 100, 30)
	m.ensureLoaded(tabIndex(t, m, "overview"), true)
	l := tabNamed(t, m, "overview").load
	done := make(chan tea.Msg, 1)
	go func() { done <- l.run() }()
	<-b.started
	m.setFilter(queries.Filter{FromYear: 2020, ToYear: 2020})
	select {
	case msg := <-done:
		dm := msg.(dataMsg)
		if !errors.Is(dm.err, context.Canceled) {
			t.Errorf("old query ended with %v, want context.Canceled", dm.err)
		}
		m.Update(dm)
	case <-time.After(5 * time.Second):
		t.Fatal("the old query was not cancelled")
	}
	if m.discarded != 1 {
		t.Errorf("discarded = %d, want 1", m.discarded)
	}
	close(b.release)
}

// TestEscCancelsQuery: esc cancels the visible view's running query.
func TestEscCancelsQuery(t *testing.T) {
	b := &blockingSource{Source: testStore(t), started: make(chan struct{}, 4), release: make(chan struct{})}
	m := newTestModel(t, b, Options{NoColor: true}, 100, 30)
	m.ensureLoaded(tabIndex(t, m, "overview"), true)
	l := tabNamed(t, m, "overview").load
	done := make(chan tea.Msg, 1)
	go func() { done <- l.run() }()
	<-b.started
	m.Update(press("esc"))
	var msg tea.Msg
	select {
	case msg = <-done:
	case <-time.After(5 * time.Second):
		t.Fatal("esc did not cancel the query")
	}
	if dm := msg.(dataMsg); !errors.Is(dm.err, context.Canceled) {
		t.Errorf("query ended with %v, want context.Canceled", dm.err)
	}
	m.Update(msg)
	if m.loading(tabIndex(t, m, "overview")) || !tabNamed(t, m, "overview").cancelled {
		t.Error("view should be cancelled and idle")
	}
	out := m.View().Content
	if !strings.Contains(out, "Query cancelled") {
		t.Errorf("no cancel message on screen:\n%s", out)
	}
	// r reloads.
	close(b.release)
	m.Update(press("r"))
	if !m.loading(tabIndex(t, m, "overview")) {
		t.Fatal("r did not reload")
	}
	go func() { <-b.started }()
	m.Update(tabNamed(t, m, "overview").load.run())
	if !m.fresh(tabIndex(t, m, "overview")) {
		t.Error("reload did not deliver")
	}
}

// TestResizeAndTooSmall: every frame fills the terminal; below the
// minimum the TUI says so.
func TestResizeAndTooSmall(t *testing.T) {
	m := newTestModel(t, testStore(t), Options{NoColor: true}, 80, 24)
	loadSync(t, m, tabIndex(t, m, "overview"))
	for _, sz := range [][2]int{{80, 24}, {140, 45}, {200, 60}, {60, 20}, {100, 30}} {
		m.Update(tea.WindowSizeMsg{Width: sz[0], Height: sz[1]})
		out := m.View().Content
		checkFrame(t, out, sz[0], sz[1])
		if strings.Contains(out, "too small") {
			t.Errorf("%dx%d: says too small", sz[0], sz[1])
		}
	}
	for _, sz := range [][2]int{{59, 24}, {80, 19}, {30, 10}} {
		m.Update(tea.WindowSizeMsg{Width: sz[0], Height: sz[1]})
		out := m.View().Content
		if !strings.Contains(out, "too small") || !strings.Contains(out, fmt.Sprintf("%d×%d", sz[0], sz[1])) {
			t.Errorf("%dx%d: no too-small message:\n%s", sz[0], sz[1], out)
		}
	}
	// Back to a usable size, it draws again.
	m.Update(tea.WindowSizeMsg{Width: 100, Height: 30})
	if strings.Contains(m.View().Content, "too small") {
		t.Error("still too small after growing")
	}
}

// TestSpinnerOnlyWhenSlow: the spinner shows only after the delay, for
// the query still running.
func TestSpinnerOnlyWhenSlow(t *testing.T) {
	m := newTestModel(t, testStore(t), Options{NoColor: true}, 100, 30)
	m.ensureLoaded(tabIndex(t, m, "overview"), true)
	req := tabNamed(t, m, "overview").load.req
	if m.spinning {
		t.Fatal("spinner before the delay")
	}
	m.Update(spinnerDueMsg{req: req + 99})
	if m.spinning {
		t.Fatal("spinner for another request")
	}
	m.Update(spinnerDueMsg{req: req})
	if !m.spinning {
		t.Fatal("no spinner after the delay")
	}
	m.Update(tabNamed(t, m, "overview").load.run())
	if m.spinning {
		t.Error("spinner after the data arrived")
	}
}

// TestPrefetch: after the visible view loads, the next one loads in the
// background; switching to it is then instant.
func TestPrefetch(t *testing.T) {
	m := newTestModel(t, testStore(t), Options{NoColor: true}, 100, 30)
	loadSync(t, m, tabIndex(t, m, "overview"))
	l := tabNamed(t, m, "age").load
	if l == nil {
		t.Fatal("no prefetch of the next view")
	}
	m.Update(l.run())
	m.Update(press("2"))
	if !m.fresh(tabIndex(t, m, "age")) || m.loading(tabIndex(t, m, "age")) {
		t.Error("switching to a prefetched view should not load")
	}
}

// TestExportAndCopy: e writes Markdown and CSV locally, offers the copy
// over SSH; y copies.
func TestExportAndCopy(t *testing.T) {
	dir := t.TempDir()
	m := newTestModel(t, testStore(t), Options{NoColor: true, ExportDir: dir}, 100, 30)
	m.active = tabIndex(t, m, "outcomes")
	loadSync(t, m, tabIndex(t, m, "outcomes"))
	m.Update(press("e")) // the format menu; e again: Markdown and CSV
	_, cmd := m.Update(press("e"))
	msg := cmd()
	done, ok := msg.(exportDoneMsg)
	if !ok || done.err != nil {
		t.Fatalf("export: %#v", msg)
	}
	m.Update(done)
	md, err := os.ReadFile(filepath.Join(dir, "lagebild-outcomes-20260303-103000.md"))
	if err != nil {
		t.Fatal(err)
	}
	// the writers of queries/export, as brief writes them
	for _, want := range []string{"# lagebild — Outcomes", "Protected (cell key method, k = 5) · Source: case data", "3 March 2026",
		"SYNTHETIC DATA", "## Closures by year and outcome", "| Year closed |", "• withheld (fewer than k = 5",
		"| Multi-agency: yes | 812 | • | • | 11 | 1.4 % (0.8–2.4) |"} {
		if !strings.Contains(string(md), want) {
			t.Errorf("Markdown lacks %q:\n%s", want, md)
		}
	}
	csv, err := os.ReadFile(filepath.Join(dir, "lagebild-outcomes-20260303-103000.csv"))
	if err != nil {
		t.Fatal(err)
	}
	if !strings.HasPrefix(string(csv), strings.Join(export.CSVHeader, ",")+"\n") ||
		!strings.Contains(string(csv), "\nclosures_by_year_outcome,2014,not_stated,,true,count,cases,,,5,cases,\n") {
		t.Errorf("CSV lacks withheld rows or header:\n%.300s", csv)
	}
	if !strings.Contains(m.View().Content, "Exported") {
		t.Error("no export message")
	}
	// Over SSH: no file, the clipboard instead.
	r := newTestModel(t, testStore(t), Options{NoColor: true, ExportDir: dir, Remote: true}, 100, 30)
	loadSync(t, r, tabIndex(t, r, "overview"))
	_, cmd = r.Update(press("e"))
	// the overview's key figures as brief writes them, with the change
	// of shares in percentage points
	for _, want := range []string{"# Lagebild: briefing", "| Share of multi-agency cases | 2025 | 23.0 % | 24.8 % | −1.8 pp | share | [4] |"} {
		if !batchHasClipboard(cmd, want) {
			t.Errorf("remote export should copy the Markdown with %q", want)
		}
		_, cmd = r.Update(press("e"))
	}
	_, cmd = r.Update(press("Y"))
	if !batchHasClipboard(cmd, "Share of multi-agency cases\t2025\t23.0\t\t\t24.8\t-1.8\tshare\t") {
		t.Error("Y should copy TSV")
	}
	// The CSV half of the export, over SSH as locally: E, the same CSV
	// as the file e writes.
	for _, mm := range []*Model{r, m} {
		mm.Update(press("1"))
		loadSync(t, mm, mm.active)
		_, cmd = mm.Update(press("E"))
		if !batchHasClipboard(cmd, strings.Join(export.CSVHeader, ",")+"\n") {
			t.Errorf("remote=%v: E should send the CSV", mm.opts.Remote)
		}
		// The status says sent, not copied: nobody knows whether the
		// terminal took it.
		if s := mm.status; !strings.Contains(s, "sent") || !strings.Contains(s, "OSC 52") || strings.Contains(s, "copied") {
			t.Errorf("remote=%v: status %q", mm.opts.Remote, s)
		}
	}
}

// batchHasClipboard runs the non-blocking commands of a batch and looks
// for a clipboard message containing want.
func batchHasClipboard(cmd tea.Cmd, want string) bool {
	if cmd == nil {
		return false
	}
	msg := cmd()
	batch, ok := msg.(tea.BatchMsg)
	if !ok {
		return strings.Contains(fmt.Sprint(msg), want)
	}
	for _, c := range batch {
		done := make(chan tea.Msg, 1)
		go func() { done <- c() }()
		select {
		case m := <-done:
			if strings.Contains(fmt.Sprintf("%T", m), "lipboard") && strings.Contains(fmt.Sprint(m), want) {
				return true
			}
		case <-time.After(100 * time.Millisecond):
		}
	}
	return false
}

// TestMouse: the wheel scrolls the body, a click on a tab switches view.
func TestMouse(t *testing.T) {
	m := newTestModel(t, testStore(t), Options{NoColor: true}, 80, 24)
	m.active = tabIndex(t, m, "age")
	loadSync(t, m, tabIndex(t, m, "age"))
	m.View()
	m.Update(tea.MouseWheelMsg{Button: tea.MouseWheelDown})
	m.Update(tea.MouseWheelMsg{Button: tea.MouseWheelDown})
	m.View()
	if tabNamed(t, m, "age").scroll != 6 {
		t.Errorf("scroll = %d, want 6", tabNamed(t, m, "age").scroll)
	}
	if !strings.Contains(m.View().Content, "↑6") {
		t.Error("scroll position not shown")
	}
	m.Update(tea.MouseWheelMsg{Button: tea.MouseWheelUp})
	m.Update(tea.MouseWheelMsg{Button: tea.MouseWheelUp})
	m.Update(tea.MouseWheelMsg{Button: tea.MouseWheelUp})
	if tabNamed(t, m, "age").scroll != 0 {
		t.Errorf("scroll = %d, want 0", tabNamed(t, m, "age").scroll)
	}
	// a click inside the phenomena tab's label on the tab row
	x := 1
	for _, l := range m.tabLabels()[:tabIndex(t, m, "phenomena")] {
		x += ansi.StringWidth(l)
	}
	m.Update(tea.MouseClickMsg{X: x, Y: 0, Button: tea.MouseLeft})
	if m.active != tabIndex(t, m, "phenomena") {
		t.Errorf("click switched to %s", m.cur().view.Name())
	}
}
