package tui

import (
	"strings"
	"testing"
)

// r says in the status line that the view reloads, and when it has.
func TestReloadSaysSoInTheStatusLine(t *testing.T) {
	m := newTestModel(t, testStore(t), Options{NoColor: true}, 100, 30)
	i := tabIndex(t, m, "overview")
	loadSync(t, m, i)
	m.Update(press("r"))
	if l := m.tabs[i].load; l == nil || !l.reload {
		t.Fatal("r should reload the view")
	}
	if v := m.View().Content; !strings.Contains(v, "reloading Overview") {
		t.Errorf("no reloading message:\n%s", v)
	}
	m.Update(m.tabs[i].load.run())
	if v := m.View().Content; !strings.Contains(v, "Overview reloaded") {
		t.Errorf("no reloaded message:\n%s", v)
	}
}
