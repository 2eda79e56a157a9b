package main

import (
	"context"
	"encoding/csv"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"lagebild/internal/i18n"

	tea "charm.land/bubbletea/v2"

	"lagebild/datasets/sample"
	"lagebild/queries"
	"lagebild/tui"
)

// tuiExport runs the TUI headless on the embedded sample with the
// options of bare `lagebild args…`, switches to a view with its key,
// presses e and returns the Markdown and CSV files the export wrote. The
// model's commands run as the program would run them, off the loop; the
// messages they return go back into Update one at a time.
func tuiExport(t *testing.T, args []string, viewKey string) (md, csvText string) {
	t.Helper()
	env, _, errb := testEnv()
	cfg, code, ok := parseDefaultFlags(env, args)
	if !ok {
		t.Fatalf("flags %v: %d %s", args, code, errb.String())
	}
	st, err := queries.Open(context.Background(), queries.OpenOptions{Fill: sample.Fill(nil)})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { st.Close() })
	dir := t.TempDir()
	o := cfg.opts
	o.Source, o.ExportDir, o.Lang, o.Theme, o.NoColor = st, dir, i18n.EN, "dark", true
	o.Now = func() time.Time { return time.Date(2026, time.March, 3, 10, 30, 0, 0, time.UTC) }
	m := tui.New(o)

	msgs := make(chan tea.Msg, 256)
	var run func(cmd tea.Cmd)
	run = func(cmd tea.Cmd) {
		if cmd == nil {
			return
		}
		go func() {
			msg := cmd()
			if batch, ok := msg.(tea.BatchMsg); ok {
				for _, c := range batch {
					run(c)
				}
				return
			}
			if msg != nil {
				msgs <- msg
			}
		}()
	}
	update := func(msg tea.Msg) {
		_, cmd := m.Update(msg)
		run(cmd)
	}
	key := func(s string) tea.KeyPressMsg { return tea.KeyPressMsg{Code: []rune(s)[0], Text: s} }

	update(tea.WindowSizeMsg{Width: 120, Height: 40})
	run(m.Init())
	update(key(viewKey))
	files := func() []string {
		got, _ := filepath.Glob(filepath.Join(dir, "lagebild-*"))
		return got
	}
	deadline := time.After(2 * time.Minute)
	for len(files()) < 2 {
		select {
		case msg := <-msgs:
			update(msg)
			// Data arrived (for this view or a prefetched one): try the
			// export; until the view's data is current it only says so.
			if fmt.Sprintf("%T", msg) == "tui.dataMsg" {
				update(key("e"))
			}
		case <-deadline:
			t.Fatalf("no export after two minutes; files %v", files())
		}
	}
	for _, f := range files() {
		b, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		switch filepath.Ext(f) {
		case ".md":
			md = string(b)
		case ".csv":
			csvText = string(b)
		}
	}
	return md, csvText
}

// csvRows parses a tidy CSV and returns its header and the rows of one
// table.
func csvRows(t *testing.T, text, table string) (header []string, rows [][]string) {
	t.Helper()
	recs, err := csv.NewReader(strings.NewReader(text)).ReadAll()
	if err != nil {
		t.Fatalf("%v:\n%s", err, text)
	}
	for _, r := range recs[1:] {
		if r[0] == table {
			rows = append(rows, r)
		}
	}
	return recs[0], rows
}

// mdTableCells returns the cells of the Markdown table under the heading
// that contains title, without the row labels: one slice per table line
// (the header and rule left out).
func mdTableCells(t *testing.T, md, title string) [][]string {
	t.Helper()
	var out [][]string
	in, lines := false, 0
	for _, l := range strings.Split(md, "\n") {
		switch {
		case strings.HasPrefix(l, "#"):
			in = strings.Contains(l, title)
		case in && strings.HasPrefix(l, "|"):
			lines++
			if lines <= 2 {
				continue // header and rule
			}
			cells := strings.Split(strings.Trim(l, "|"), "|")
			for i := range cells {
				cells[i] = strings.TrimSpace(cells[i])
			}
			out = append(out, cells[1:])
		case in && lines > 0 && l == "":
			in = false
		}
	}
	if len(out) == 0 {
		t.Fatalf("no table %q in:\n%s", title, md)
	}
	return out
}

// TestTUIExportAgreesWithBrief: the TUI's export (e) of the phenomena
// view writes intakes by year × phenomenon cell for cell as `lagebild
// brief` does for the same filter: the same tidy CSV rows, and the same
// numbers and withheld marks in Markdown.
func TestTUIExportAgreesWithBrief(t *testing.T) {
	filter := []string{"--years", "2017-2019", "--state", "DE-NW", "--risk", "standard"}
	md, tuiCSV := tuiExport(t, filter, "3")

	code, briefCSV, stderr := runLagebild(t, "", append([]string{"brief", "--format", "csv", "--as-of", "2026-03-03"}, filter...)...)
	if code != exitOK {
		t.Fatalf("brief: exit %d: %s", code, stderr)
	}
	table := queries.QIntakesByYearPhenomenon
	th, tuiRows := csvRows(t, tuiCSV, table)
	bh, briefRows := csvRows(t, briefCSV, table)
	if !slices.Equal(th, bh) {
		t.Errorf("CSV headers differ: TUI %v, brief %v", th, bh)
	}
	if len(tuiRows) == 0 || len(tuiRows) != len(briefRows) {
		t.Fatalf("%s: %d rows in the TUI's CSV, %d in brief's", table, len(tuiRows), len(briefRows))
	}
	withheld := 0
	for i := range briefRows {
		if !slices.Equal(tuiRows[i], briefRows[i]) {
			t.Errorf("row %d: TUI %v, brief %v", i, tuiRows[i], briefRows[i])
		}
		if briefRows[i][4] == "true" {
			withheld++
		}
	}
	if withheld == 0 {
		t.Error("no withheld cell under the filter: the test should cover one")
	}

	code, briefMD, stderr := runLagebild(t, "", append([]string{"brief", "--format", "md", "--lang", "en", "--as-of", "2026-03-03"}, filter...)...)
	if code != exitOK {
		t.Fatalf("brief: exit %d: %s", code, stderr)
	}
	tuiCells := mdTableCells(t, md, "Intakes by year")
	briefCells := mdTableCells(t, briefMD, "Intakes by year and phenomenon")
	if len(tuiCells) != len(briefCells) {
		t.Fatalf("Markdown: %d lines in the TUI's table, %d in brief's", len(tuiCells), len(briefCells))
	}
	for i := range briefCells {
		if !slices.Equal(tuiCells[i], briefCells[i]) {
			t.Errorf("Markdown line %d: TUI %v, brief %v", i, tuiCells[i], briefCells[i])
		}
	}
}
