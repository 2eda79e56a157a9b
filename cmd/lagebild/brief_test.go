package main

import (
	"bytes"
	"context"
	"encoding/csv"
	"encoding/json"
	"flag"
	"math"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"testing"

	"lagebild/datasets/figures"
	"lagebild/datasets/importer"
	"lagebild/datasets/sample"
	"lagebild/datasets/synth"
	"lagebild/queries"
	"lagebild/queries/export"
)

var updateGolden = flag.Bool("update", false, "rewrite the golden files in testdata")

// runArgs runs lagebild with args and returns the exit status and output.
func runLagebild(t testing.TB, stdin string, args ...string) (code int, stdout, stderr string) {
	t.Helper()
	var out, errb bytes.Buffer
	code = run(context.Background(), args, strings.NewReader(stdin), &out, &errb)
	return code, out.String(), errb.String()
}

// golden compares got with testdata/name, or rewrites it with -update.
func compareGolden(t *testing.T, name, got string) {
	t.Helper()
	path := filepath.Join("testdata", name)
	if *updateGolden {
		if err := os.MkdirAll("testdata", 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(path, []byte(got), 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%v (run go test ./cmd/lagebild -run %s -update)", err, t.Name())
	}
	if got != string(want) {
		gl, wl := strings.Split(got, "\n"), strings.Split(string(want), "\n")
		for i := range max(len(gl), len(wl)) {
			var g, w string
			if i < len(gl) {
				g = gl[i]
			}
			if i < len(wl) {
				w = wl[i]
			}
			if g != w {
				t.Fatalf("%s differs from the golden file at line %d:\n got: %q\nwant: %q\n(run with -update if the change is intended)", name, i+1, g, w)
			}
		}
	}
}

func TestBriefGolden(t *testing.T) {
	for _, tc := range []struct {
		file string
		args []string
	}{
		{"brief.md", []string{"--format", "md", "--lang", "en"}},
		{"brief.de.md", []string{"--format", "md", "--lang", "de"}},
		{"brief.csv", []string{"--format", "csv"}},
		{"brief.json", []string{"--format", "json", "--lang", "en"}},
		{"brief_filtered.md", []string{"--lang", "en", "--year", "2021", "--years", "2020-2022", "--phenomenon", "islamist", "--state", "DE-BW"}},
	} {
		t.Run(tc.file, func(t *testing.T) {
			args := append([]string{"brief", "--as-of", "2025-06-01"}, tc.args...)
			code, stdout, stderr := runLagebild(t, "", args...)
			if code != exitOK || stderr != "" {
				t.Fatalf("exit %d, stderr %q", code, stderr)
			}
			compareGolden(t, tc.file, stdout)
		})
	}
}

// decodeBrief decodes brief JSON into the documented structure, refusing
// unknown fields.
func decodeBrief(t *testing.T, s string) export.BriefJSON {
	t.Helper()
	var doc export.BriefJSON
	dec := json.NewDecoder(strings.NewReader(s))
	dec.DisallowUnknownFields()
	if err := dec.Decode(&doc); err != nil {
		t.Fatalf("brief JSON does not decode into export.BriefJSON: %v", err)
	}
	return doc
}

// TestBriefAgreesWithStore: every number of the brief is the store's
// published number (the same writers serve the TUI's export), and the
// changes are computed from them.
func TestBriefAgreesWithStore(t *testing.T) {
	ctx := context.Background()
	args := []string{"--years", "2017-2019", "--risk", "standard"}
	code, stdout, stderr := runLagebild(t, "", append([]string{"brief", "--format", "json"}, args...)...)
	if code != exitOK {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	doc := decodeBrief(t, stdout)
	st, err := queries.Open(ctx, queries.OpenOptions{Fill: sample.Fill(nil)})
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	f := queries.Filter{FromYear: 2017, ToYear: 2019, Risks: []string{"standard"}}
	if doc.Year != 2019 || *doc.Filter.FromYear != 2017 || *doc.Filter.ToYear != 2019 || len(doc.Filter.Risks) != 1 {
		t.Errorf("year %d filter %+v", doc.Year, doc.Filter)
	}
	if len(doc.Tables) != len(briefTables) {
		t.Fatalf("%d tables", len(doc.Tables))
	}
	for i, name := range briefTables {
		tab, err := st.Run(ctx, name, f)
		if err != nil {
			t.Fatal(err)
		}
		tj := doc.Tables[i]
		if tj.Name != name || tj.K != 5 || !tj.Protected || !tj.Synthetic {
			t.Errorf("table %d: %s k=%d protected=%v", i, tj.Name, tj.K, tj.Protected)
		}
		same := func(where string, got *float64, v queries.Value) {
			t.Helper()
			want, ok := v.Float()
			switch {
			case !ok && got != nil:
				t.Errorf("%s %s: %v, want null (%v)", name, where, *got, v)
			case ok && (got == nil || *got != want):
				t.Errorf("%s %s: %v, want %v", name, where, got, want)
			}
		}
		for r := range tab.Rows() {
			for c := range tab.Cols() {
				same(tab.Rows()[r]+"/"+tab.Cols()[c], tj.Cells[r][c], tab.Cell(r, c))
				if lo, hi, ok := tab.Cell(r, c).CI(); ok && (*tj.CILow[r][c] != lo || *tj.CIHigh[r][c] != hi) {
					t.Errorf("%s interval differs", name)
				}
			}
			if v, ok := tab.RowTotal(r); ok {
				same("row total", tj.RowTotals[r], v)
			}
		}
		if v, ok := tab.Total(); ok {
			same("total", tj.Total, v)
		}
	}
	kfs, err := st.KeyFigures(ctx, f)
	if err != nil {
		t.Fatal(err)
	}
	// the store's key figures, then the context figures (briefContext)
	// the store has for the year
	if len(doc.KeyFigures) < len(kfs) || len(doc.KeyFigures) > len(kfs)+len(briefContext) {
		t.Fatalf("%d key figures, store %d and at most %d context figures", len(doc.KeyFigures), len(kfs), len(briefContext))
	}
	for _, kj := range doc.KeyFigures[len(kfs):] {
		if !slices.ContainsFunc(briefContext, func(c [2]string) bool { return kj.ID == "figure:"+c[0]+":"+c[1] }) || !kj.Protected && (kj.Source == "" || kj.SourceRef == "") {
			t.Errorf("context figure %s: not in briefContext, or without its source", kj.ID)
		}
	}
	for i, kf := range kfs {
		kj := doc.KeyFigures[i]
		if kj.ID != kf.ID || kj.Unit != kf.Unit || kj.Kind != kf.Kind {
			t.Errorf("key figure %d: %s, store %s", i, kj.ID, kf.ID)
		}
		if kf.Kind == queries.KindFigure {
			if kj.Source == "" || kj.SourceRef == "" || kj.Protected {
				t.Errorf("%s: source %q %q protected %v", kj.ID, kj.Source, kj.SourceRef, kj.Protected)
			}
			continue
		}
		if *kj.Year != 2019 || *kj.PreviousYear != 2018 || kf.Year != 2019 {
			t.Errorf("%s years %v %v", kj.ID, kj.Year, kj.PreviousYear)
		}
		if c, ok := kf.Current.Float(); ok != (kj.Current != nil) || ok && c != *kj.Current {
			t.Errorf("%s current %v, store %v", kj.ID, kj.Current, kf.Current)
		}
		// the change: in share units (percentage points) for shares and
		// rates, relative for counts; the store's, and by hand
		points := kf.Kind == queries.KindShare || kf.Kind == queries.KindRate
		if unit := map[bool]string{true: "points", false: "relative"}[points]; kj.ChangeUnit != unit {
			t.Errorf("%s change unit %q, want %q", kj.ID, kj.ChangeUnit, unit)
		}
		if c, ok := kf.Change.Float(); ok != (kj.Change != nil) || ok && c != *kj.Change {
			t.Errorf("%s change %v, store %v", kj.ID, kj.Change, kf.Change)
		}
		if kj.Current != nil && kj.Previous != nil && (points || *kj.Previous != 0) {
			want := (*kj.Current - *kj.Previous) / *kj.Previous
			if points {
				want = *kj.Current - *kj.Previous
			}
			if kj.Change == nil || math.Abs(*kj.Change-want) > 1e-12 {
				t.Errorf("%s change %v, by hand %v", kj.ID, kj.Change, want)
			}
		}
		if kf.Kind == queries.KindRate && kj.Current != nil && (kj.CILow == nil || *kj.CILow > *kj.Current || *kj.CIHigh < *kj.Current) {
			t.Errorf("%s: rate without its interval", kj.ID)
		}
	}

	// csv carries the same numbers as json
	code, stdout, _ = runLagebild(t, "", append([]string{"brief", "--format", "csv"}, args...)...)
	if code != exitOK {
		t.Fatal(code)
	}
	recs, err := csv.NewReader(strings.NewReader(stdout)).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	n := 0
	for _, r := range recs[1:] {
		for ti, tj := range doc.Tables {
			if r[0] != tj.Name || r[1] == "total" || r[2] == "total" {
				continue
			}
			i, j := briefIndex(tj.Rows, r[1]), briefIndex(tj.Cols, r[2])
			v := doc.Tables[ti].Cells[i][j]
			if (v == nil) != (r[3] == "") || v != nil && r[3] != briefPlain(*v) {
				t.Errorf("csv %v, json %v", r, v)
			}
			n++
		}
	}
	if n == 0 {
		t.Error("no table rows in the csv")
	}
}

func briefIndex(xs []string, x string) int {
	for i, v := range xs {
		if v == x {
			return i
		}
	}
	return -1
}

func briefPlain(f float64) string {
	b, _ := json.Marshal(f)
	return string(b)
}

// TestBriefYearSources: with --year an earlier year, every public key
// figure states the publication and caveats of that year's value (from
// queries.KeyFigure's per-year sources), and its change is the store's.
func TestBriefYearSources(t *testing.T) {
	pub := map[figures.Key]figures.Figure{}
	for _, f := range figures.Embedded() {
		pub[f.Key()] = f
	}
	for _, year := range []string{"2016", "2019", "2021"} {
		code, stdout, stderr := runLagebild(t, "", "brief", "--format", "json", "--year", year)
		if code != exitOK {
			t.Fatalf("--year %s: exit %d: %s", year, code, stderr)
		}
		doc := decodeBrief(t, stdout)
		n := 0
		for _, kj := range doc.KeyFigures {
			if kj.Indicator == "" {
				continue
			}
			n++
			f, ok := pub[figures.Key{Year: *kj.Year, Indicator: kj.Indicator, Phenomenon: kj.Phenomenon}]
			if !ok || kj.Current == nil || *kj.Current != f.Value {
				t.Errorf("--year %s: %s %d = %v, published %+v", year, kj.ID, *kj.Year, kj.Current, f)
				continue
			}
			if kj.Source != f.Source || kj.SourceRef != f.SourceRef || strings.Join(kj.Flags, ",") != strings.Join(f.Flags(), ",") {
				t.Errorf("--year %s: %s source %q %q flags %v, the year's %q %q %v", year, kj.ID, kj.Source, kj.SourceRef, kj.Flags,
					f.Source, f.SourceRef, f.Flags())
			}
			if kj.ChangeUnit != "relative" {
				t.Errorf("%s: change unit %q", kj.ID, kj.ChangeUnit)
			}
		}
		if n == 0 {
			t.Errorf("--year %s: no public key figure", year)
		}
	}
}

func TestBriefK(t *testing.T) {
	for _, k := range []string{"2", "0x", "-5"} {
		code, stdout, stderr := runLagebild(t, "", "brief", "--k", k)
		if code != exitUsage || stdout != "" || stderr == "" {
			t.Errorf("--k %s: exit %d, stderr %q", k, code, stderr)
		}
	}
	code, _, stderr := runLagebild(t, "", "brief", "--k", "2")
	if code != exitUsage || !strings.Contains(stderr, "at least 3") {
		t.Errorf("--k 2: %d %q", code, stderr)
	}
	code, stdout, stderr := runLagebild(t, "", "brief", "--k", "12", "--format", "json", "--state", "DE-BE")
	if code != exitOK {
		t.Fatalf("--k 12: %d %s", code, stderr)
	}
	doc := decodeBrief(t, stdout)
	if doc.K != 12 {
		t.Errorf("k %d", doc.K)
	}
	for _, tj := range doc.Tables {
		if tj.K != 12 {
			t.Errorf("%s k %d", tj.Name, tj.K)
		}
		for _, row := range tj.Cells {
			for j, v := range row {
				kind := tj.Kind
				if tj.ColKinds != nil {
					kind = tj.ColKinds[j]
				}
				if v != nil && *v > 0 && *v < 12 && kind == queries.KindCount {
					t.Errorf("%s: count %v below k = 12 shown", tj.Name, *v)
				}
			}
		}
	}
	code, stdout, _ = runLagebild(t, "", "brief", "--k", "12", "--state", "DE-BE")
	if code != exitOK || !strings.Contains(stdout, "k = 12") || !strings.Contains(stdout, "• withheld (fewer than k = 12 cases") {
		t.Errorf("markdown with k 12 lacks its k or legend:\n%s", stdout)
	}
}

func TestBriefUsage(t *testing.T) {
	for _, tc := range []struct {
		args []string
		msg  string
	}{
		{[]string{"--format", "xml"}, "unknown format"},
		{[]string{"--lang", "fr"}, "--lang"},
		{[]string{"--as-of", "1.6.2025"}, "--as-of"},
		{[]string{"--year", "20"}, "--year"},
		{[]string{"--years", "2020-2022", "--year", "2019"}, "outside the --years selection"},
		{[]string{"--years", "2019-2024"}, "fixed 3-year period"},
		{[]string{"--state", "DE-BY,DE-BE"}, "one code or all"},
		{[]string{"--state", "DE-HH", "--years", "2025"}, "too few cases for this filter"},
		{[]string{"--phenomenon", "nope"}, "unknown code"},
		{[]string{"extra"}, "unexpected argument"},
		{[]string{"--db", filepath.Join(t.TempDir(), "missing.duckdb")}, "missing.duckdb"},
		{[]string{"--bogus"}, "unknown flag --bogus"},
	} {
		code, stdout, stderr := runLagebild(t, "", append([]string{"brief"}, tc.args...)...)
		if code != exitUsage || stdout != "" || !strings.Contains(stderr, tc.msg) {
			t.Errorf("brief %v: exit %d, stderr %q, want 2 and %q", tc.args, code, stderr, tc.msg)
		}
	}
	code, stdout, _ := runLagebild(t, "", "brief", "--help")
	if code != exitOK || !strings.Contains(stdout, "Usage: lagebild brief") || !strings.Contains(stdout, "-as-of") {
		t.Errorf("--help: %d\n%s", code, stdout)
	}
	// a file that is not a store
	bad := filepath.Join(t.TempDir(), "x.duckdb")
	os.WriteFile(bad, []byte("not a database"), 0o644)
	if code, _, stderr := runLagebild(t, "", "brief", "--db", bad); code != exitUsage {
		t.Errorf("not a store: exit %d %s", code, stderr)
	}
}

// importedStore imports a synthetic export of n cases into a store file.
func importedTestStore(t *testing.T, n int) string {
	t.Helper()
	dir := t.TempDir()
	csvPath := filepath.Join(dir, "export.csv")
	if err := synth.WriteFile(context.Background(), csvPath, synth.Config{Cases: n, Seed: 77}); err != nil {
		t.Fatal(err)
	}
	db := filepath.Join(dir, "store.duckdb")
	if _, err := importer.ImportToStore(context.Background(), db, []string{csvPath},
		importer.Options{Key: []byte("0123456789abcdef0123")}); err != nil {
		t.Fatal(err)
	}
	return db
}

func TestBriefOnStoreFile(t *testing.T) {
	db := importedTestStore(t, 2000)
	code, stdout, stderr := runLagebild(t, "", "brief", "--db", db, "--format", "json", "--year", "2023")
	if code != exitOK {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	doc := decodeBrief(t, stdout)
	if doc.Year != 2023 || doc.Synthetic {
		t.Errorf("year %d synthetic %v", doc.Year, doc.Synthetic)
	}
	for _, kf := range doc.KeyFigures {
		if kf.Year != nil && *kf.Year > 2023 {
			t.Errorf("%s in %d after --year 2023", kf.ID, *kf.Year)
		}
		if kf.Indicator != "" && (kf.Year == nil || kf.Source == "" || kf.SourceRef == "") {
			t.Errorf("%s without source", kf.ID)
		}
	}
	// --year picks the key figures' year and does not cut the tables: a
	// range ending at any year would be a differencing route
	// (docs/privacy.md). The tables cover every year of the store.
	for _, tj := range doc.Tables {
		last := "" // the latest year row (the programme tables end with their period)
		for _, r := range tj.Rows {
			if _, err := strconv.Atoi(r); err == nil && len(r) == 4 {
				last = max(last, r)
			}
		}
		if last != "" && last <= "2023" {
			t.Errorf("%s was cut at --year 2023: %v", tj.Name, tj.Rows)
		}
	}
	code, stdout, _ = runLagebild(t, "", "brief", "--db", db)
	if code != exitOK || strings.Contains(stdout, "Synthetic data") {
		t.Errorf("imported store labelled synthetic or failed (%d)", code)
	}
}
