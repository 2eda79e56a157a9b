package tui

import (
	"fmt"
	"strings"
	"testing"

	"lagebild/internal/i18n"

	"github.com/charmbracelet/x/exp/golden"
)

// TestGolden renders every view at 80x24 and 140x45 in the dark, light
// and no-colour themes on the fixed default sample.
func TestGolden(t *testing.T) {
	src := testStore(t)
	themes := []struct {
		name string
		o    Options
	}{
		{"dark", Options{Theme: "dark"}},
		{"light", Options{Theme: "light"}},
		{"nocolor", Options{Theme: "dark", NoColor: true}},
	}
	tabs := newTestModel(t, src, Options{}, 80, 24).tabs
	for _, size := range [][2]int{{80, 24}, {140, 45}} {
		for _, th := range themes {
			for i := range tabs {
				name := fmt.Sprintf("%s_%dx%d_%s", tabs[i].view.Name(), size[0], size[1], th.name)
				t.Run(name, func(t *testing.T) {
					m := newTestModel(t, src, th.o, size[0], size[1])
					m.active = i
					loadSync(t, m, i)
					out := m.View().Content
					checkFrame(t, out, size[0], size[1])
					golden.RequireEqual(t, out)
				})
			}
		}
	}
}

// TestGoldenModes covers the table view, the filter panel, help, the
// accessible mode, German and the too-small message.
func TestGoldenModes(t *testing.T) {
	src := testStore(t)
	cases := []struct {
		name string
		o    Options
		w, h int
		view string
		keys []string
	}{
		{"table_age_80x24", Options{NoColor: true}, 80, 24, "age", []string{"t"}},
		{"table_outcomes_140x45", Options{NoColor: true}, 140, 45, "outcomes", []string{"t"}},
		{"table_overview_80x24", Options{NoColor: true}, 80, 24, "overview", []string{"t"}},
		{"filter_panel_80x24", Options{NoColor: true}, 80, 24, "age", []string{"f", "down", "enter", "down", "down", "space"}},
		{"help_80x24", Options{NoColor: true, ExportDir: "/srv/lagebild-exports"}, 80, 24, "overview", []string{"?"}},
		{"help_de_80x24", Options{NoColor: true, Lang: i18n.DE, ExportDir: "/srv/lagebild-exports"}, 80, 24, "overview", []string{"?"}},
		{"filter_panel_100x30", Options{NoColor: true}, 100, 30, "age", []string{"f", "down", "down", "B"}},
		{"filter_panel_de_100x30", Options{NoColor: true, Lang: i18n.DE}, 100, 30, "age", []string{"f", "down", "down", "T"}},
		{"accessible_overview_80x24", Options{Accessible: true, NoColor: true}, 80, 24, "overview", nil},
		{"accessible_age_80x24", Options{Accessible: true, NoColor: true}, 80, 24, "age", nil},
		{"de_overview_80x24", Options{Lang: i18n.DE, NoColor: true}, 80, 24, "overview", nil},
		{"de_outcomes_140x45", Options{Lang: i18n.DE, NoColor: true}, 140, 45, "outcomes", nil},
		{"too_small_50x15", Options{NoColor: true}, 50, 15, "overview", nil},
		{"figures_next_80x24", Options{NoColor: true}, 80, 24, "figures", []string{"right", "right"}},
		// summaries wrap between items (issue #16, 12)
		{"age_100x30", Options{NoColor: true}, 100, 30, "age", nil},
		{"outcomes_100x30", Options{NoColor: true}, 100, 30, "outcomes", nil},
		{"programme_80x24", Options{NoColor: true}, 80, 24, "programme", nil},
		{"programme_140x45", Options{NoColor: true}, 140, 45, "programme", nil},
		{"de_programme_100x30", Options{Lang: i18n.DE, NoColor: true}, 100, 30, "programme", nil},
		{"accessible_programme_80x24", Options{Accessible: true, NoColor: true}, 80, 24, "programme", nil},
		// cut labels stay distinct at the smallest size (issue #16, 12)
		{"overview_60x20", Options{NoColor: true}, 60, 20, "overview", nil},
		// the relapse rate's detail line: its interval once
		{"overview_relapse_100x30", Options{NoColor: true}, 100, 30, "overview", []string{"down", "down", "down", "down", "down", "down", "down", "down", "down"}},
		{"series_hidden_phenomena_100x30", Options{NoColor: true}, 100, 30, "phenomena", []string{".", "x"}},
		{"filtered_phenomena_80x24", Options{NoColor: true}, 80, 24, "phenomena", []string{"f", "down", "enter", "down", "space", "esc", "esc"}},
		// sorting and search (issue #16): the age table by 14–17, largest
		// first; the rows with "202", the second match current; the
		// figures view's list searched for "susp", the second match.
		{"table_age_sorted_80x24", Options{NoColor: true}, 80, 24, "age", []string{"t", "s", "s"}},
		{"table_age_search_80x24", Options{NoColor: true}, 80, 24, "age", []string{"t", "/", "2", "0", "2", "enter", "n"}},
		{"figures_search_140x45", Options{NoColor: true}, 140, 45, "figures", []string{"/", "s", "u", "s", "p", "enter", "n"}},
		// the export menu of e: the formats and the full path (issue #15)
		{"export_menu_80x24", Options{NoColor: true, ExportDir: "/srv/lagebild-exports"}, 80, 24, "overview", []string{"e"}},
		{"export_menu_de_80x24", Options{NoColor: true, Lang: i18n.DE, ExportDir: "/srv/lagebild-exports"}, 80, 24, "outcomes", []string{"e"}},
		{"export_menu_accessible_140x45", Options{Accessible: true, NoColor: true, ExportDir: "/srv/lagebild-exports"}, 140, 45, "age", []string{"e"}},
		// the states compared and the access routes (issue #13): the map
		// shaded by each figure, German, accessible
		{"states_100x30", Options{NoColor: true}, 100, 30, "states", nil},
		{"states_danger_100x30", Options{NoColor: true}, 100, 30, "states", []string{"right"}},
		{"states_multi_de_80x24", Options{NoColor: true, Lang: i18n.DE}, 80, 24, "states", []string{"right", "right"}},
		{"accessible_states_80x24", Options{Accessible: true, NoColor: true}, 80, 24, "states", nil},
		{"de_access_80x24", Options{Lang: i18n.DE, NoColor: true}, 80, 24, "access", nil},
		{"accessible_access_80x24", Options{Accessible: true, NoColor: true}, 80, 24, "access", nil},
		// eval14: the evaluator view flipped to its tables, accessible, German, wide
		{"table_evaluator_80x24", Options{NoColor: true}, 80, 24, "evaluator", []string{"t"}},
		{"accessible_evaluator_80x24", Options{Accessible: true, NoColor: true}, 80, 24, "evaluator", nil},
		{"de_evaluator_80x24", Options{Lang: i18n.DE, NoColor: true}, 80, 24, "evaluator", nil},
		{"de_evaluator_140x45", Options{Lang: i18n.DE, NoColor: true}, 140, 45, "evaluator", nil},
		{"evaluator_100x30", Options{NoColor: true}, 100, 30, "evaluator", nil},
		// eval14b: the schema-2 panels below the curves
		{"evaluator_schema2_100x30", Options{NoColor: true}, 100, 30, "evaluator", []string{"pgdown", "pgdown", "pgdown", "pgdown", "pgdown"}},
		{"de_evaluator_schema2_80x24", Options{Lang: i18n.DE, NoColor: true}, 80, 24, "evaluator", []string{"pgdown", "pgdown", "pgdown", "pgdown", "pgdown", "pgdown", "pgdown"}},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			m := newTestModel(t, src, tc.o, tc.w, tc.h)
			m.active = tabIndex(t, m, tc.view)
			loadSync(t, m, m.active)
			for _, k := range tc.keys {
				_, cmd := m.Update(press(k))
				_ = cmd
				loadSync(t, m, m.active)
			}
			out := m.View().Content
			checkFrame(t, out, tc.w, tc.h)
			golden.RequireEqual(t, out)
		})
	}
}

// checkFrame asserts that a frame fills the screen and no line is wider
// than the terminal.
func checkFrame(t *testing.T, out string, w, h int) {
	t.Helper()
	lines := strings.Split(out, "\n")
	if len(lines) != h && !(w < MinWidth || h < MinHeight) {
		t.Errorf("frame has %d lines, want %d", len(lines), h)
	}
	for i, l := range lines {
		if lw := displayWidth(l); lw > w {
			t.Errorf("line %d is %d cells wide (max %d): %q", i, lw, w, l)
		}
	}
}
