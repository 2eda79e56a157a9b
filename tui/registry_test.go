package tui

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/x/ansi"

	"lagebild/internal/i18n"
	"lagebild/queries"
	"lagebild/queries/report"
	"lagebild/tui/common"
	"lagebild/tui/views"
)

// probe is a view made by the test alone, by the steps of views.Registry:
// one type and one registry line. (A real view adds its title's key to
// package i18n; the probe's title is a literal so the catalogue stays the
// product's.)
type probe struct{}

type probeData struct{ intakes report.Table }

func (d probeData) Tables() []report.Table { return []report.Table{d.intakes} }

func (probe) Name() string           { return "probe" }
func (probe) Title(i18n.Lang) string { return "Probe" }
func (probe) UsesFilter() bool       { return true }

func (probe) Load(ctx context.Context, src views.Source, f queries.Filter, lang i18n.Lang) (views.Data, error) {
	t, err := src.Run(ctx, queries.QIntakesByYearPhenomenon, f)
	if err != nil {
		return nil, err
	}
	return probeData{views.FromQuery(t, lang, "Probe intakes", "Year")}, nil
}

func (probe) Render(_ *common.Context, d views.Data, _ views.State, _, _ int) string {
	return fmt.Sprintf("probe: %d years", len(d.(probeData).intakes.Rows))
}

func (probe) Tables(d views.Data, _ views.State) []report.Table { return d.Tables() }

// TestAddAView follows the steps of adding a view once: with one line
// added to the registry and no other change, the probe is a tab with its
// number key, loads through the store under the filter, draws, flips to
// its table and exports.
func TestAddAView(t *testing.T) {
	saved := views.Registry
	t.Cleanup(func() { views.Registry = saved })
	views.Registry = append(append([]views.Factory(nil), saved...), views.Always(probe{}))

	dir := t.TempDir()
	m := newTestModel(t, testStore(t), Options{NoColor: true, Role: common.RoleViewer, ExportDir: dir}, 100, 30)
	viewer := views.Tabs(views.Env{Role: common.RoleViewer, Source: testStore(t)})
	if n := len(m.tabs); n != len(viewer) || m.tabs[n-1].view.Name() != "probe" {
		t.Fatalf("%d tabs, want the viewer's %d with the probe last", n, len(viewer))
	}
	// The probe gets the next tab key; past the tenth it has none and is
	// reached with shift+tab from the first tab.
	probeKey := m.tabKeys[len(m.tabs)-1]
	if probeKey != "" {
		m.Update(press(probeKey))
	} else {
		m.Update(tea.KeyPressMsg{Code: tea.KeyTab, Mod: tea.ModShift})
	}
	if m.cur().view.Name() != "probe" {
		t.Fatalf("the probe's key %q shows %s", probeKey, m.cur().view.Name())
	}
	if out := ansi.Strip(m.render()); !strings.Contains(out, strings.TrimSpace(probeKey+" Probe")) {
		t.Fatalf("header lacks the active probe:\n%s", out)
	}
	loadSync(t, m, m.active)
	years := len(m.ctx.Years)
	if years < 2 {
		t.Fatalf("the sample has %d intake years; the test needs several", years)
	}
	if out := m.render(); !strings.Contains(out, fmt.Sprintf("probe: %d years", years)) {
		t.Fatalf("probe not drawn with the store's %d years:\n%s", years, out)
	}

	// The filter applies: one year, one row.
	y := m.ctx.Years[0]
	m.setFilter(queries.Filter{FromYear: y, ToYear: y})
	loadSync(t, m, m.active)
	if out := m.render(); !strings.Contains(out, "probe: 1 years") {
		t.Fatalf("probe not reloaded for %d:\n%s", y, out)
	}

	// The table view and export read its tables.
	m.Update(press("t"))
	if out := m.render(); !strings.Contains(out, "Probe intakes") {
		t.Fatalf("table view lacks the probe's table:\n%s", out)
	}
	m.Update(press("e")) // the format menu; e again: Markdown and CSV
	_, cmd := m.Update(press("e"))
	if cmd == nil {
		t.Fatal("e on the probe returned no command")
	}
	done, ok := cmd().(exportDoneMsg)
	if !ok || done.err != nil || len(done.paths) != 2 {
		t.Fatalf("export: %+v", done)
	}
	md, err := os.ReadFile(filepath.Join(dir, filepath.Base(done.paths[0])))
	if err != nil {
		t.Fatal(err)
	}
	if !strings.HasPrefix(filepath.Base(done.paths[0]), "lagebild-probe-") ||
		!strings.HasPrefix(string(md), "# lagebild — Probe") || !strings.Contains(string(md), fmt.Sprint(y)) {
		t.Fatalf("export %s:\n%s", done.paths[0], md)
	}
}
