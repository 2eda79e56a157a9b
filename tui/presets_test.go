package tui

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	tea "charm.land/bubbletea/v2"
)

// typeName types s key by key.
func typeName(t *testing.T, m *Model, s string) {
	t.Helper()
	for _, r := range s {
		pressAll(t, m, tea.KeyPressMsg{Code: r, Text: string(r)})
	}
}

// A preset round trip on the sample: drill to a year, save it under a
// name (the file gets the flag string), a new session reads the file, the
// list applies the preset, which reloads the view with it.
func TestPresetsRoundTrip(t *testing.T) {
	path := filepath.Join(t.TempDir(), "lagebild", "presets")
	src := testStore(t)
	m := newTestModel(t, src, Options{NoColor: true, PresetsFile: path}, 100, 40)
	m.active = tabIndex(t, m, "phenomena")
	loadSync(t, m, m.active)
	pressAll(t, m, press("t"), press("down"), press("enter"))
	want := m.ctx.Filter
	if want.IsZero() {
		t.Fatal("the drill set no filter")
	}
	pressAll(t, m, press("P"))
	typeName(t, m, "one year")
	pressAll(t, m, press("enter"))
	data, err := os.ReadFile(path)
	if err != nil || !strings.Contains(string(data), "one year = "+want.Flags()+"\n") {
		t.Fatalf("presets file: %q, %v", data, err)
	}

	m2 := newTestModel(t, src, Options{NoColor: true, PresetsFile: path}, 100, 40)
	m2.active = tabIndex(t, m2, "phenomena")
	loadSync(t, m2, m2.active)
	pressAll(t, m2, press("p"))
	if out := m2.View().Content; !strings.Contains(out, "one year") || !strings.Contains(out, want.Flags()) {
		t.Fatalf("list does not show the preset:\n%s", out)
	}
	pressAll(t, m2, press("enter"))
	if m2.ctx.Filter.Key() != want.Key() || !m2.fresh(m2.active) {
		t.Fatalf("applied %q, want %q", m2.ctx.Filter.Key(), want.Key())
	}
	if rows := tabNamed(t, m2, "phenomena").data.Tables()[0].RowCodes; len(rows) != 1 {
		t.Errorf("rows under the preset: %q", rows)
	}
	pressAll(t, m2, tea.KeyPressMsg{Code: tea.KeyBackspace})
	if !m2.ctx.Filter.IsZero() {
		t.Errorf("backspace after the preset: %q", m2.ctx.Filter.Key())
	}
}

// Without a presets file (SSH) a preset is kept in the session, the list
// says so, and y copies its string; nothing is written.
func TestPresetsSessionOnly(t *testing.T) {
	m := newTestModel(t, testStore(t), Options{NoColor: true, Remote: true}, 100, 40)
	m.active = tabIndex(t, m, "phenomena")
	loadSync(t, m, m.active)
	pressAll(t, m, press("t"), press("down"), press("enter"), press("P"))
	typeName(t, m, "mine")
	pressAll(t, m, press("enter"))
	flags := m.ctx.Filter.Flags()
	if !strings.Contains(m.status, flags) {
		t.Errorf("status does not show the string to copy: %q", m.status)
	}
	pressAll(t, m, press("p"))
	if out := m.View().Content; !strings.Contains(out, "mine") || !strings.Contains(out, flags) {
		t.Fatalf("list:\n%s", out)
	}
	_, cmd := m.Update(press("y"))
	if cmd == nil || !strings.Contains(m.status, "mine") {
		t.Errorf("y in the list: status %q", m.status)
	}
}

// A file line outside the bounded filter space is refused with its line.
func TestReadPresetsRefuses(t *testing.T) {
	path := filepath.Join(t.TempDir(), "presets")
	if err := os.WriteFile(path, []byte("# c\nok = --years 2023\nbad = --years 2019-2023\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	if _, err := ReadPresets(path); err == nil || !strings.Contains(err.Error(), ":3:") {
		t.Fatalf("ReadPresets: %v", err)
	}
}
