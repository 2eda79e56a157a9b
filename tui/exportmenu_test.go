package tui

import (
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"
)

// TestExportMenuFormats: e offers the formats of `lagebild brief` in the
// status line with the export directory; h writes the HTML briefing, x a
// workbook whose numbers are number cells, j the JSON; any other key
// closes the menu without a file.
func TestExportMenuFormats(t *testing.T) {
	dir := t.TempDir()
	m := newTestModel(t, testStore(t), Options{NoColor: true, ExportDir: dir}, 80, 24)
	m.active = tabIndex(t, m, "outcomes")
	loadSync(t, m, m.active)

	m.Update(press("e"))
	if !m.exportMenu || !strings.Contains(m.status, dir) || !strings.Contains(m.status, "x Excel") {
		t.Fatalf("e should offer the formats and name %s: %q", dir, m.status)
	}
	m.Update(press("esc"))
	if m.exportMenu || !strings.Contains(m.status, "cancelled") {
		t.Fatalf("esc should close the menu: %q", m.status)
	}
	if files, _ := os.ReadDir(dir); len(files) != 0 {
		t.Fatalf("a cancelled export wrote %v", files)
	}

	for _, tc := range []struct{ key, ext, want string }{
		{"h", ".html", `<table id="t-closures_by_year_outcome">`},
		{"j", ".json", `"name": "closures_by_year_outcome"`},
	} {
		m.Update(press("e"))
		_, cmd := m.Update(press(tc.key))
		done, ok := cmd().(exportDoneMsg)
		if !ok || done.err != nil || len(done.paths) != 1 || !strings.HasSuffix(done.paths[0], tc.ext) {
			t.Fatalf("e %s: %+v", tc.key, done)
		}
		m.Update(done)
		if !strings.Contains(strings.Join(strings.Fields(m.View().Content), ""), strings.ReplaceAll(done.paths[0], " ", "")) {
			t.Errorf("e %s: the status does not name %s", tc.key, done.paths[0])
		}
		data, err := os.ReadFile(done.paths[0])
		if err != nil || !strings.Contains(string(data), tc.want) {
			t.Errorf("e %s: %s lacks %q (%v)", tc.key, done.paths[0], tc.want, err)
		}
	}

	// the overview's key figures as a workbook: the intakes a number
	m.Update(press("1"))
	loadSync(t, m, m.active)
	m.Update(press("e"))
	_, cmd := m.Update(press("x"))
	done, ok := cmd().(exportDoneMsg)
	if !ok || done.err != nil || filepath.Ext(done.paths[0]) != ".xlsx" {
		t.Fatalf("e x: %+v", done)
	}
	f, err := excelize.OpenFile(done.paths[0])
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	sheet := f.GetSheetList()[1]
	rows, err := f.GetRows(sheet)
	if err != nil {
		t.Fatal(err)
	}
	found := false
	for i, r := range rows {
		if len(r) > 2 && r[0] == "Intakes (new cases)" {
			cell := "C" + strconv.Itoa(i+1)
			if typ, _ := f.GetCellType(sheet, cell); typ == excelize.CellTypeSharedString || typ == excelize.CellTypeInlineString {
				t.Errorf("%s!%s holds text %q", sheet, cell, r[2])
			}
			found = true
		}
	}
	if !found {
		t.Errorf("no intakes in sheet %s: %q", sheet, rows)
	}
}
