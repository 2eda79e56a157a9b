package tui

import (
	"context"
	"encoding/json"
	"slices"
	"testing"

	"lagebild/queries/export"
)

// TestOverviewExportNamesTheCoverage: the overview's briefing export (e)
// names the providers of the case data, as `lagebild brief` does, read
// from the store's import log.
func TestOverviewExportNamesTheCoverage(t *testing.T) {
	st := testStore(t)
	want, err := st.Coverage(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	if len(want.Providers) == 0 {
		t.Fatal("the sample names no providers")
	}
	m := newTestModel(t, st, Options{NoColor: true}, 100, 30)
	m.active = tabIndex(t, m, "overview")
	loadSync(t, m, m.active)
	c, ok := m.content()
	if !ok || c.brief == nil {
		t.Fatalf("overview content %v %+v", ok, c)
	}
	out, err := m.renderExport(c, export.FormatJSON)
	if err != nil {
		t.Fatal(err)
	}
	var doc export.BriefJSON
	if err := json.Unmarshal(out, &doc); err != nil {
		t.Fatal(err)
	}
	if !slices.Equal(doc.Coverage.Providers, want.Providers) {
		t.Errorf("exported providers %v, store %v", doc.Coverage.Providers, want.Providers)
	}
	if !doc.Coverage.FilterIgnoredByPublic {
		t.Error("the export does not say the public figures ignore the filter")
	}
}
