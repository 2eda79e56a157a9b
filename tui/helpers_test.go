package tui

import (
	"context"
	"os"
	"sync"
	"testing"
	"time"

	tea "charm.land/bubbletea/v2"

	"charm.land/lipgloss/v2"

	"lagebild/datasets/sample"
	"lagebild/queries"
)

var (
	storeOnce sync.Once
	store     *queries.Store
	storeErr  error
)

// testStore opens the embedded default data once for all tests.
func testStore(tb testing.TB) *queries.Store {
	tb.Helper()
	storeOnce.Do(func() {
		store, storeErr = queries.Open(context.Background(), queries.OpenOptions{Fill: sample.Fill(nil)})
	})
	if storeErr != nil {
		tb.Fatalf("opening the sample: %v", storeErr)
	}
	return store
}

var fixedNow = func() time.Time { return time.Date(2026, time.March, 3, 10, 30, 0, 0, time.UTC) }

// newTestModel returns a model on src with the size set and the store
// "opened" (years known), without loading any view.
func newTestModel(tb testing.TB, src Source, o Options, w, h int) *Model {
	tb.Helper()
	o.Source = src
	o.Now = fixedNow
	if o.Theme == "" {
		o.Theme = "dark"
	}
	m := New(o)
	m.Update(tea.WindowSizeMsg{Width: w, Height: h})
	years, err := storeYears(context.Background(), src)
	if err != nil {
		tb.Fatal(err)
	}
	m.setSource(src, years)
	return m
}

// loadSync loads a tab's data for the current filter synchronously.
func loadSync(tb testing.TB, m *Model, i int) {
	tb.Helper()
	m.ensureLoaded(i, false)
	l := m.tabs[i].load
	if l == nil {
		return
	}
	msg := l.run()
	m.Update(msg)
	if dm, ok := msg.(dataMsg); ok && dm.err != nil {
		tb.Fatalf("loading %s: %v", m.tabs[i].view.Name(), dm.err)
	}
}

// tabIndex is the place of the named view among the model's tabs.
func tabIndex(tb testing.TB, m *Model, name string) int {
	tb.Helper()
	for i, t := range m.tabs {
		if t.view.Name() == name {
			return i
		}
	}
	tb.Fatalf("no tab %q", name)
	return -1
}

// tabNamed returns the named tab.
func tabNamed(tb testing.TB, m *Model, name string) *tab {
	tb.Helper()
	return &m.tabs[tabIndex(tb, m, name)]
}

// press makes a key press message.
func press(s string) tea.KeyPressMsg {
	switch s {
	case "esc":
		return tea.KeyPressMsg{Code: tea.KeyEscape}
	case "tab":
		return tea.KeyPressMsg{Code: tea.KeyTab}
	case "enter":
		return tea.KeyPressMsg{Code: tea.KeyEnter}
	case "space":
		return tea.KeyPressMsg{Code: tea.KeySpace, Text: " "}
	case "down":
		return tea.KeyPressMsg{Code: tea.KeyDown}
	case "up":
		return tea.KeyPressMsg{Code: tea.KeyUp}
	case "right":
		return tea.KeyPressMsg{Code: tea.KeyRight}
	case "left":
		return tea.KeyPressMsg{Code: tea.KeyLeft}
	}
	r := []rune(s)[0]
	return tea.KeyPressMsg{Code: r, Text: s}
}

func TestMain(m *testing.M) {
	code := m.Run()
	if store != nil {
		store.Close()
	}
	os.Exit(code)
}

func displayWidth(s string) int { return lipglossWidth(s) }

var lipglossWidth = lipgloss.Width
