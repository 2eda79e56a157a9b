package tui

import (
	"strings"
	"testing"

	"github.com/charmbracelet/x/ansi"

	"lagebild/internal/i18n"
	"lagebild/tui/common"
)

// Every tab stays on the tab row at every size the app accepts, in both
// languages, for the analyst's seven tabs too: titles are shortened, then
// dropped to numbers, never the row cut; the active tab keeps its title
// and a click on a tab still finds it.
func TestTabRowShowsEveryTab(t *testing.T) {
	for _, lang := range []i18n.Lang{i18n.EN, i18n.DE} {
		for _, w := range []int{60, 80, 100, 120} {
			m := newTestModel(t, testStore(t), Options{NoColor: true, Role: common.RoleAnalyst, Lang: lang}, w, 24)
			m.Update(press("3"))
			row := ansi.Strip(strings.SplitN(m.View().Content, "\n", 2)[0])
			at := 0
			for i := range m.tabs {
				label := " " + m.tabKeys[i] + " "
				j := strings.Index(row[at:], label)
				if j < 0 {
					t.Errorf("%s %d columns: tab %q missing in %q", lang, w, m.tabKeys[i], row)
					break
				}
				at += j + len(label) - 1
			}
			if labels := strings.Join(m.tabLabels(), ""); !strings.HasPrefix(row, labels) {
				t.Errorf("%s %d columns: the row %q is cut, want %q", lang, w, row, labels)
			}
			if title := m.tabs[2].view.Title(lang); !strings.Contains(row, " 3 "+title+" ") {
				t.Errorf("%s %d columns: the active tab lost its title %q: %q", lang, w, title, row)
			}
			x := 0
			for i, l := range m.tabLabels() {
				if got, ok := m.tabAt(x); !ok || got != i {
					t.Errorf("%s %d columns: a click at %d finds tab %d, want %d", lang, w, x, got, i)
				}
				x += ansi.StringWidth(l)
			}
		}
	}
}
