package tui

import (
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/x/ansi"

	"lagebild/internal/i18n"
	"lagebild/queries"
	"lagebild/tui/filter"
)

// screenLines is the frame without colour, line by line.
func screenLines(m *Model) []string { return strings.Split(ansi.Strip(m.View().Content), "\n") }

// TestHelpBarKeepsHelpAndQuit: at every size the TUI accepts, in English
// and German, on the main screen and in the filter panel, the key bar
// ends with ? and q and is cut nowhere.
func TestHelpBarKeepsHelpAndQuit(t *testing.T) {
	for _, lang := range []i18n.Lang{i18n.EN, i18n.DE} {
		want := []string{"? " + i18n.T(lang, "key.help"), "q " + i18n.T(lang, "key.quit")}
		for _, sz := range [][2]int{{MinWidth, MinHeight}, {72, 22}, {80, 24}, {100, 30}, {160, 50}} {
			for _, keys := range [][]string{nil, {"f"}, {"2"}, {"6"}} {
				name := fmt.Sprintf("%s_%dx%d_%v", lang, sz[0], sz[1], keys)
				m := newTestModel(t, testStore(t), Options{NoColor: true, Lang: lang}, sz[0], sz[1])
				loadSync(t, m, m.active)
				for _, k := range keys {
					m.Update(press(k))
					loadSync(t, m, m.active)
				}
				lines := screenLines(m)
				bar := lines[len(lines)-1]
				for _, w := range want {
					if !strings.Contains(bar, w) {
						t.Errorf("%s: key bar lacks %q: %q", name, w, bar)
					}
				}
				if strings.Contains(bar, "…") || displayWidth(bar) > sz[0] {
					t.Errorf("%s: key bar cut: %q", name, bar)
				}
			}
		}
	}
}

// TestFullHelpReachesEveryKey: at 80x24 the full help (?) is a page that
// scrolls: scrolled to its end, every binding of the main screen and of
// the filter panel has shown, and esc closes it.
func TestFullHelpReachesEveryKey(t *testing.T) {
	for _, lang := range []i18n.Lang{i18n.EN, i18n.DE} {
		for _, panel := range []bool{false, true} {
			m := newTestModel(t, testStore(t), Options{NoColor: true, Lang: lang}, 80, 24)
			loadSync(t, m, m.active)
			if panel {
				m.Update(press("f"))
			}
			groups := m.helpKeys().FullHelp()
			m.Update(press("?"))
			seen := map[string]bool{}
			for range 30 {
				for _, l := range screenLines(m) {
					seen[strings.Join(strings.Fields(l), " ")] = true
				}
				m.Update(press("down"))
			}
			all := strings.Join(slices.Collect(func(yield func(string) bool) {
				for l := range seen {
					if !yield(l) {
						return
					}
				}
			}), "\n")
			for _, g := range groups {
				for _, b := range g {
					if want := b.Help().Key + " " + b.Help().Desc; !strings.Contains(all, want) {
						t.Errorf("%s panel=%v: the full help never shows %q", lang, panel, want)
					}
				}
			}
			m.Update(press("esc"))
			if m.help.ShowAll || m.filterOpen != panel {
				t.Errorf("%s panel=%v: esc should close the help only (help %v, panel %v)", lang, panel, m.help.ShowAll, m.filterOpen)
			}
		}
	}
}

// TestHeaderNamesEveryFilter: the header shows every set field, or as
// many as fit and "+N more" for the rest, never a field cut in the middle.
func TestHeaderNamesEveryFilter(t *testing.T) {
	yes := true
	f := queries.Filter{FromYear: 2020, ToYear: 2022, Phenomena: []string{"islamist"}, States: []string{"DE-BY"},
		Risks: []string{"high_risk"}, AccessRoutes: []string{"family_social"}, Custody: &yes}
	if err := f.Validate(); err != nil {
		t.Fatal(err)
	}
	for _, lang := range []i18n.Lang{i18n.EN, i18n.DE} {
		for _, w := range []int{60, 80, 100, 160} {
			m := newTestModel(t, testStore(t), Options{NoColor: true, Lang: lang, Filter: f}, w, 30)
			line := screenLines(m)[1]
			parts := filter.Parts(f, lang)
			shown := 0
			for _, p := range parts {
				if strings.Contains(line, p) {
					shown++
				}
			}
			hidden := len(parts) - shown
			if hidden > 0 && !strings.Contains(line, i18n.F(lang, "f.more", hidden)) {
				t.Errorf("%s %d: %d fields hidden without saying so: %q", lang, w, hidden, line)
			}
			if strings.Contains(line, "…") {
				t.Errorf("%s %d: a field cut: %q", lang, w, line)
			}
			if w >= 160 && hidden > 0 {
				t.Errorf("%s %d: room for every field, %d hidden: %q", lang, w, hidden, line)
			}
		}
	}
}

// TestFilterChangeScrollsToTop: after a filter change a case view
// reopens at its top, not at the old offset.
func TestFilterChangeScrollsToTop(t *testing.T) {
	m := newTestModel(t, testStore(t), Options{NoColor: true}, 80, 24)
	m.Update(press("3"))
	loadSync(t, m, m.active)
	for range 10 {
		m.Update(press("down"))
	}
	m.View()
	if m.cur().scroll == 0 {
		t.Fatal("the view did not scroll")
	}
	for _, k := range []string{"f", "down", "enter", "down", "space", "esc"} {
		m.Update(press(k))
	}
	loadSync(t, m, m.active)
	if m.cur().scroll != 0 {
		t.Errorf("scroll = %d after a filter change, want 0", m.cur().scroll)
	}
	if !strings.Contains(screenLines(m)[2], "Intakes by year and phenomenon area") {
		t.Errorf("the view's first chart is not on top:\n%s", m.View().Content)
	}
}

// TestTooSmallIgnoresKeys: while the too-small screen shows, keys do
// nothing (the next size must not find a changed view, an open panel or
// an export), except q and ctrl+c; a resize still applies.
func TestTooSmallIgnoresKeys(t *testing.T) {
	dir := t.TempDir()
	m := newTestModel(t, testStore(t), Options{NoColor: true, ExportDir: dir}, 50, 15)
	loadSync(t, m, m.active)
	for _, k := range []string{"3", "f", "?", "t", "e", "down", "tab"} {
		if _, cmd := m.Update(press(k)); cmd != nil {
			t.Errorf("%s: a command while too small", k)
		}
	}
	m.Update(tea.MouseClickMsg{X: 22, Y: 0, Button: tea.MouseLeft})
	if m.active != 0 || m.filterOpen || m.help.ShowAll || m.cur().tableMode || m.cur().scroll != 0 {
		t.Errorf("keys applied while too small: view %d, panel %v, help %v, table %v, scroll %d",
			m.active, m.filterOpen, m.help.ShowAll, m.cur().tableMode, m.cur().scroll)
	}
	if got, _ := filepath.Glob(filepath.Join(dir, "*")); len(got) > 0 {
		t.Errorf("exported while too small: %v", got)
	}
	m.Update(tea.WindowSizeMsg{Width: 80, Height: 24})
	if strings.Contains(m.View().Content, "too small") {
		t.Error("the resize did not apply")
	}
	m.Update(tea.WindowSizeMsg{Width: 50, Height: 15})
	if _, cmd := m.Update(press("q")); cmd == nil || !m.quitting {
		t.Error("q should quit on the too-small screen")
	}
}

// TestFilterPanelBesideTheView: from 100 columns the view stays in sight
// below the open panel and follows its changes; below 100 the panel
// takes the body.
func TestFilterPanelBesideTheView(t *testing.T) {
	for _, sz := range [][2]int{{80, 24}, {100, 30}, {160, 50}} {
		m := newTestModel(t, testStore(t), Options{NoColor: true}, sz[0], sz[1])
		m.Update(press("3"))
		loadSync(t, m, m.active)
		m.Update(press("f"))
		screen := strings.Join(screenLines(m), "\n")
		visible := strings.Contains(screen, "Intakes by year and phenomenon area")
		if visible != (sz[0] >= 100) {
			t.Errorf("%dx%d: view visible beside the panel = %v", sz[0], sz[1], visible)
		}
		checkFrame(t, m.View().Content, sz[0], sz[1])
	}
}

// TestExportNamesTheFullPath: e says where it wrote, as full paths, and
// writes there (a relative --export-dir is made absolute).
func TestExportNamesTheFullPath(t *testing.T) {
	dir := t.TempDir()
	t.Chdir(dir)
	if err := os.Mkdir("out", 0o755); err != nil {
		t.Fatal(err)
	}
	m := newTestModel(t, testStore(t), Options{NoColor: true, ExportDir: "out"}, 80, 24)
	loadSync(t, m, m.active)
	m.Update(press("e")) // the format menu; e again: Markdown and CSV
	_, cmd := m.Update(press("e"))
	m.Update(cmd())
	abs, err := filepath.Abs("out")
	if err != nil {
		t.Fatal(err)
	}
	md := filepath.Join(abs, "lagebild-overview-20260303-103000.md")
	if _, err := os.Stat(md); err != nil {
		t.Fatal(err)
	}
	screen := strings.Join(strings.Fields(strings.Join(screenLines(m)[18:], "")), "")
	if !strings.Contains(screen, strings.ReplaceAll(md, " ", "")) ||
		!strings.Contains(screen, strings.ReplaceAll(strings.TrimSuffix(md, ".md")+".csv", " ", "")) {
		t.Errorf("the status does not name both full paths:\n%s", m.View().Content)
	}
}
