package main

import (
	"context"
	"database/sql"
	"encoding/csv"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"lagebild/datasets/importer"
	"lagebild/datasets/schema"
	"lagebild/queries/export"
)

var checkExportHeader = []string{"case_id", "provider", "state", "phenomenon", "intake", "age", "gender", "access_route",
	"intrinsic_motivation", "risk_level", "returnee", "custody", "multi_agency", "status", "closed", "outcome", "relapse", "contacts"}

// cleanExport returns 80 plausible cases in 4 equivalence classes of 20
// (state × gender; same phenomenon, age band and intake year), so that no
// check fails.
func cleanCheckExport() [][]string {
	var rows [][]string
	for i := range 80 {
		state := []string{"DE-BE", "DE-BY"}[i%2]
		gender := []string{"male", "female"}[(i/2)%2]
		r := []string{fmt.Sprintf("K-%03d", i), []string{"T01", "T02"}[i%2], state, "right_wing",
			fmt.Sprintf("2022-%02d", 1+i%6), "19", gender, "self", "true", "standard", "false", "false", "true",
			"ongoing", "", "", "none", "12"}
		if i%3 == 0 {
			r[13], r[14], r[15] = "closed_regular", fmt.Sprintf("2023-%02d", 1+i%9), "distanced"
		}
		rows = append(rows, r)
	}
	return rows
}

// makeRisky puts 20 of the 80 records (25 %) into classes of their own.
func makeRisky(rows [][]string) [][]string {
	for i := range 20 {
		rows[i][exportCol("state")] = schema.States[2+i%14]
		rows[i][exportCol("gender")] = []string{"diverse", "unknown"}[i/14]
	}
	return rows
}

func writeCheckExport(t *testing.T, name string, rows [][]string) string {
	t.Helper()
	path := filepath.Join(t.TempDir(), name)
	f, err := os.Create(path)
	if err != nil {
		t.Fatal(err)
	}
	w := csv.NewWriter(f)
	w.Write(checkExportHeader)
	w.WriteAll(rows)
	if err := f.Close(); err != nil {
		t.Fatal(err)
	}
	return path
}

func exportCol(name string) int {
	for i, h := range checkExportHeader {
		if h == name {
			return i
		}
	}
	panic(name)
}

func decodeCheckJSON(t *testing.T, s string) export.CheckReportJSON {
	t.Helper()
	return decodeCheckOutput(t, s).CheckReportJSON
}

// decodeCheckOutput decodes the whole JSON of check: the report of
// package export and, for exports, the plausibility rules.
func decodeCheckOutput(t *testing.T, s string) struct {
	export.CheckReportJSON
	Plausibility      *plausibilityJSON      `json:"plausibility"`
	StorePlausibility *storePlausibilityJSON `json:"store_plausibility"`
} {
	t.Helper()
	var out struct {
		export.CheckReportJSON
		Plausibility      *plausibilityJSON      `json:"plausibility"`
		StorePlausibility *storePlausibilityJSON `json:"store_plausibility"`
	}
	dec := json.NewDecoder(strings.NewReader(s))
	dec.DisallowUnknownFields()
	if err := dec.Decode(&out); err != nil {
		t.Fatalf("check JSON does not decode into export.CheckReportJSON and the plausibility rules: %v\n%s", err, s)
	}
	return out
}

func failedCheckCodes(rep export.CheckReportJSON) []string {
	var out []string
	for _, c := range rep.Checks {
		if !c.Pass {
			out = append(out, c.Code.String())
		}
	}
	return out
}

func TestCheckCleanExport(t *testing.T) {
	path := writeCheckExport(t, "clean.csv", cleanCheckExport())
	code, stdout, stderr := runLagebild(t, "", "check", path)
	if code != exitOK {
		t.Fatalf("clean export: exit %d\n%s\n%s", code, stdout, stderr)
	}
	if !strings.Contains(stdout, "Result: PASS – all 12 checks pass") {
		t.Errorf("report:\n%s", stdout)
	}
	code, stdout, _ = runLagebild(t, "", "check", "--format", "json", path)
	rep := decodeCheckJSON(t, stdout)
	if code != exitOK || !rep.Pass || rep.Input.Kind != "export" || rep.Validation == nil || rep.Validation.Rows != 80 ||
		rep.Validation.Excluded != 0 || len(rep.Checks) != 8 || rep.K != 5 || !rep.Protected {
		t.Errorf("json report %+v", rep)
	}
	if rep.Quality.Records == nil || *rep.Quality.Records < 78 || *rep.Quality.Records > 82 {
		t.Errorf("records %v", rep.Quality.Records)
	}
	// German report
	code, stdout, _ = runLagebild(t, "", "check", "--lang", "de", path)
	if code != exitOK || !strings.Contains(stdout, "Ergebnis: BESTANDEN") {
		t.Errorf("German report (%d):\n%s", code, stdout)
	}
}

func TestCheckProblems(t *testing.T) {
	for _, tc := range []struct {
		name   string
		modify func(rows [][]string) [][]string
		failed string
	}{
		{"closed before intake", func(rows [][]string) [][]string {
			rows[0][exportCol("closed")] = "2021-01" // intake 2022-01, closed_regular
			return rows
		}, "finding:closed_before_intake"},
		{"outcome on an open case", func(rows [][]string) [][]string {
			rows[1][exportCol("outcome")] = "distanced" // ongoing
			return rows
		}, "finding:outcome_on_open_case"},
		{"closing month on an open case", func(rows [][]string) [][]string {
			rows[1][exportCol("closed")] = "2023-05"
			return rows
		}, "finding:closed_month_on_open_case"},
		{"closed without month", func(rows [][]string) [][]string {
			rows[0][exportCol("closed")] = ""
			return rows
		}, "finding:closed_without_month"},
		{"contacts implausibly high", func(rows [][]string) [][]string {
			rows[2][exportCol("contacts")] = "501"
			return rows
		}, "finding:contacts_implausible"},
		{"duplicate case keys", func(rows [][]string) [][]string {
			dup := append([]string(nil), rows[4]...)
			return append(rows, dup)
		}, "finding:duplicate_case_keys"},
		{"required value missing", func(rows [][]string) [][]string {
			rows[5][exportCol("access_route")] = ""
			return rows
		}, "required_complete"},
		{"re-identification risk", func(rows [][]string) [][]string {
			return makeRisky(rows)
		}, "reidentification_risk"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			path := writeCheckExport(t, "export.csv", tc.modify(cleanCheckExport()))
			code, stdout, stderr := runLagebild(t, "", "check", "--format", "json", path)
			if code != exitQuality {
				t.Fatalf("exit %d, want 3\n%s", code, stderr)
			}
			rep := decodeCheckJSON(t, stdout)
			if got := strings.Join(failedCheckCodes(rep), ","); got != tc.failed {
				t.Errorf("failed checks %q, want %q", got, tc.failed)
			}
			if rep.Pass {
				t.Error("report passes")
			}
			code, stdout, _ = runLagebild(t, "", "check", path)
			if code != exitQuality || !strings.Contains(stdout, "FAIL") || !strings.Contains(stdout, "Result: FAIL – 1 of 12 checks fail (exit status 3)") {
				t.Errorf("text report (%d):\n%s", code, stdout)
			}
		})
	}
	// a threshold that lets the risk pass
	path := writeCheckExport(t, "risky.csv", makeRisky(cleanCheckExport()))
	if code, _, stderr := runLagebild(t, "", "check", "--max-risk", "50", path); code != exitOK {
		t.Errorf("--max-risk 50: exit %d %s", code, stderr)
	}
}

// TestCheckValidationCounts: several findings at once are counted exactly,
// and their rows left out of the protected figures.
func TestCheckValidationCounts(t *testing.T) {
	rows := cleanCheckExport()
	rows[0][exportCol("closed")] = "2021-01"
	rows[3][exportCol("closed")] = "2021-01"
	rows[1][exportCol("outcome")] = "exited"
	rows[5][exportCol("state")] = ""
	rows = append(rows, append([]string(nil), rows[10]...), append([]string(nil), rows[11]...))
	path := writeCheckExport(t, "export.csv", rows)
	code, stdout, _ := runLagebild(t, "", "check", "--format", "json", path)
	if code != exitQuality {
		t.Fatalf("exit %d", code)
	}
	rep := decodeCheckJSON(t, stdout)
	v := rep.Validation
	got := map[string]int64{}
	for _, f := range v.Findings {
		got[f.Code+f.Column] += f.Count
	}
	if v.Rows != 82 || v.Excluded != 6 || got["closed_before_intake"] != 2 || got["outcome_on_open_case"] != 1 ||
		got["duplicate_case_keys"] != 2 || got["required_missingstate"] != 1 || got["closed_without_month"] != 0 {
		t.Errorf("validation %+v", v)
	}
	want := "required_complete,finding:closed_before_intake,finding:outcome_on_open_case,finding:duplicate_case_keys"
	if f := strings.Join(failedCheckCodes(rep), ","); f != want {
		t.Errorf("failed %q, want %q", f, want)
	}
	if rep.Checks[0].Columns[0] != "state" {
		t.Errorf("required_complete columns %v", rep.Checks[0].Columns)
	}
}

func TestCheckParquet(t *testing.T) {
	rows := cleanCheckExport()
	rows[6][exportCol("closed")] = "2020-02" // before intake
	csvPath := writeCheckExport(t, "export.csv", rows)
	pq := filepath.Join(t.TempDir(), "export.parquet")
	db, err := sql.Open("duckdb", "")
	if err != nil {
		t.Fatal(err)
	}
	q := fmt.Sprintf(`COPY (SELECT * FROM read_csv('%s', all_varchar = true)) TO '%s' (FORMAT parquet)`, csvPath, pq)
	if _, err := db.Exec(q); err != nil {
		t.Fatal(err)
	}
	db.Close()
	code, stdout, stderr := runLagebild(t, "", "check", "--format", "json", pq)
	if code != exitQuality {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	rep := decodeCheckJSON(t, stdout)
	if f := strings.Join(failedCheckCodes(rep), ","); f != "finding:closed_before_intake" || rep.Validation.Excluded != 1 || rep.Validation.Rows != 80 {
		t.Errorf("parquet: failed %q, validation %+v", f, rep.Validation)
	}
	// the CSV and the Parquet give the same protected report
	_, fromCSV, _ := runLagebild(t, "", "check", "--format", "json", csvPath)
	a, b := decodeCheckJSON(t, fromCSV), rep
	a.Input, b.Input = export.InputJSON{}, export.InputJSON{}
	ja, _ := json.Marshal(a)
	jb, _ := json.Marshal(b)
	if string(ja) != string(jb) {
		t.Errorf("CSV and Parquet reports differ:\n%s\n%s", ja, jb)
	}
}

func TestCheckInvalidInput(t *testing.T) {
	dir := t.TempDir()
	rows := cleanCheckExport()
	rows[3][exportCol("state")] = "XX"
	badCode := writeCheckExport(t, "bad.csv", rows)
	empty := filepath.Join(dir, "empty.csv")
	os.WriteFile(empty, nil, 0o644)
	ident := filepath.Join(dir, "ident.csv")
	os.WriteFile(ident, []byte(strings.Join(checkExportHeader, ",")+",email\n"), 0o644)
	notStore := filepath.Join(dir, "x.duckdb")
	os.WriteFile(notStore, []byte("not a database"), 0o644)
	clean := writeCheckExport(t, "clean.csv", cleanCheckExport())
	for _, tc := range []struct {
		args []string
		msg  string
	}{
		{[]string{badCode}, "unknown code"},
		{[]string{empty}, "empty file"},
		{[]string{ident}, "email"},
		{[]string{filepath.Join(dir, "missing.csv")}, "missing.csv"},
		{[]string{dir}, "directory"},
		{[]string{"--db", notStore}, "x.duckdb"},
		{[]string{"--db", filepath.Join(dir, "missing.duckdb")}, "missing.duckdb"},
		{[]string{"--db", notStore, clean}, "exclude each other"},
		{[]string{"--k", "2", clean}, "at least 3"},
		{[]string{"--max-risk", "120", clean}, "--max-risk"},
		{[]string{"--format", "md", clean}, "unknown format"},
	} {
		code, stdout, stderr := runLagebild(t, "", append([]string{"check"}, tc.args...)...)
		if code != exitUsage || stdout != "" || !strings.Contains(stderr, tc.msg) {
			t.Errorf("check %v: exit %d, stdout %q, stderr %q; want 2 and %q", tc.args, code, stdout, stderr, tc.msg)
		}
	}
	code, stdout, _ := runLagebild(t, "", "check", "--help")
	if code != exitOK || !strings.Contains(stdout, "3 a quality check fails") || !strings.Contains(stdout, "reidentification_risk") {
		t.Errorf("--help does not document exit status 3:\n%s", stdout)
	}
}

func TestCheckStore(t *testing.T) {
	dir := t.TempDir()
	path := writeCheckExport(t, "clean.csv", cleanCheckExport())
	db := filepath.Join(dir, "store.duckdb")
	if _, err := importer.ImportToStore(context.Background(), db, []string{path}, importer.Options{Key: []byte("0123456789abcdef0123")}); err != nil {
		t.Fatal(err)
	}
	before := storeFileHash(t, db)
	code, stdout, stderr := runLagebild(t, "", "check", "--db", db, "--format", "json")
	if code != exitOK {
		t.Fatalf("exit %d: %s\n%s", code, stderr, stdout)
	}
	rep := decodeCheckJSON(t, stdout)
	if rep.Input.Kind != "store" || rep.Input.Path != db || rep.Validation != nil || !rep.Pass || len(rep.Quality.Providers) != 2 {
		t.Errorf("store report %+v", rep)
	}
	if storeFileHash(t, db) != before {
		t.Error("check changed the store")
	}
	// --k raises the threshold of the risk check: classes of 20 < 25
	code, stdout, _ = runLagebild(t, "", "check", "--db", db, "--k", "25", "--format", "json")
	rep = decodeCheckJSON(t, stdout)
	if code != exitQuality || strings.Join(failedCheckCodes(rep), ",") != "reidentification_risk" || rep.K != 25 || rep.Quality.Risk.K != 25 {
		t.Errorf("--k 25: exit %d, failed %v, k %d", code, failedCheckCodes(rep), rep.K)
	}
	// the embedded sample: synthetic, and far too fine-grained for the
	// default risk limit
	code, stdout, _ = runLagebild(t, "", "check", "--format", "json")
	rep = decodeCheckJSON(t, stdout)
	if code != exitQuality || rep.Input.Kind != "default" || !rep.Synthetic || strings.Join(failedCheckCodes(rep), ",") != "reidentification_risk" {
		t.Errorf("default data: exit %d, %v", code, failedCheckCodes(rep))
	}
}

// --drop-unknown and --ids-pseudonymous hold for the whole check, also
// when records with findings are left out (the rows used to be re-imported
// from copies without these options, which failed on the dropped column).
func TestCheckImportOptionsHoldThroughout(t *testing.T) {
	rows := cleanCheckExport()
	rows[2][exportCol("outcome")] = "exited" // a finding: its record is left out
	plain := writeCheckExport(t, "export.csv", rows)
	b, err := os.ReadFile(plain)
	if err != nil {
		t.Fatal(err)
	}
	lines := strings.SplitAfter(strings.TrimSuffix(string(b), "\n"), "\n")
	for i, l := range lines {
		cell := ",blue"
		if i == 0 {
			cell = ",favourite_colour"
		}
		lines[i] = strings.TrimSuffix(l, "\n") + cell + "\n"
	}
	extra := filepath.Join(t.TempDir(), "extra.csv")
	if err := os.WriteFile(extra, []byte(strings.Join(lines, "")), 0o644); err != nil {
		t.Fatal(err)
	}

	_, want, _ := runLagebild(t, "", "check", "--format", "json", plain)
	for _, args := range [][]string{
		{"--drop-unknown", extra},
		{"--ids-pseudonymous", plain},
	} {
		code, got, stderr := runLagebild(t, "", append([]string{"check", "--format", "json"}, args...)...)
		if code != exitQuality {
			t.Errorf("check %v: exit %d, want 3: %s", args, code, stderr)
			continue
		}
		a, b := decodeCheckJSON(t, want), decodeCheckJSON(t, got)
		a.Input, b.Input = export.InputJSON{}, export.InputJSON{}
		ja, _ := json.Marshal(a)
		jb, _ := json.Marshal(b)
		if string(ja) != string(jb) || b.Validation.Excluded != 1 {
			t.Errorf("check %v differs from the plain export:\n%s\n%s", args, ja, jb)
		}
	}
}
