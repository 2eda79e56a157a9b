package importer

import (
	"database/sql"
	"fmt"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"lagebild/datasets/schema"
	"lagebild/datasets/store"
)

// closedRec2 is a closed case with every column of schema 2 filled.
func closedRec2(id string) rec {
	r := baseRec(id).with(
		"status", "closed_regular", "closed", "2022-08", "outcome", "distanced", "relapse", "extremist_offence",
		"case_type", "relatives", "closure_reason", "goal_reached", "agencies", "school|police",
		"case_conferences", "4", "consent_documented", "ja", "risk_level_closed", "standard",
		"motivation_closed", "true", "goals_set", "5", "goals_reached", "3",
		"relapse_type", "extremist", "relapse_checked", "2022-11-14")
	for i, d := range schema.Dimensions {
		r[schema.DimensionIntake(d)] = fmt.Sprint(3 - i%3)
		r[schema.DimensionClosed(d)] = fmt.Sprint(i % 2)
	}
	return r
}

// TestSchema2RoundTrip: every column of schema 2 reaches the store's view
// cases as written (agencies as a list in the code list's order, months
// as the first of the month); an open case and a case with the agencies
// "none" and empty cells keep NULL where the export is silent. German
// aliases in the header mean the same columns.
func TestSchema2RoundTrip(t *testing.T) {
	for _, german := range []bool{false, true} {
		dir := t.TempDir()
		header := canonHeader2
		if german {
			header = slices.Clone(canonHeader2)
			for i, h := range header {
				if c, _ := schema.ByName(h); c.Since == 2 {
					header[i] = c.Aliases[0]
				}
			}
		}
		full := closedRec2("K1")
		open := baseRec("K2").with("case_type", "direct", "agencies", "none", "dim_attitudes_intake", "2")
		f := writeFile(t, dir, "s2.csv", csvText(header, ";", full, open))
		db := filepath.Join(dir, "s2.db")
		importOK(t, db, f)

		var dims []string
		for _, d := range schema.Dimensions {
			dims = append(dims, schema.DimensionIntake(d), schema.DimensionClosed(d))
		}
		got := queryStrings(t, db, `SELECT case_type, closure_reason, agencies::VARCHAR, case_conferences, consent_documented,
			risk_level_closed, motivation_closed, goals_set, goals_reached, relapse_type, strftime(relapse_checked, '%Y-%m'), `+
			strings.Join(dims, ", ")+` FROM cases ORDER BY case_type DESC`)
		want := []string{"relatives|goal_reached|[police, school]|4|true|standard|true|5|3|extremist|2022-11"}
		var wantDims []string
		for _, d := range schema.Dimensions {
			wantDims = append(wantDims, full[schema.DimensionIntake(d)], full[schema.DimensionClosed(d)])
		}
		want[0] += "|" + strings.Join(wantDims, "|")
		openWant := "direct|NULL|[]|NULL|NULL|NULL|NULL|NULL|NULL|NULL|NULL|2" + strings.Repeat("|NULL", 2*len(schema.Dimensions)-1)
		want = append(want, openWant)
		if !slices.Equal(got, want) {
			t.Errorf("german=%v:\ngot  %q\nwant %q", german, got, want)
		}
	}
}

// TestSchema1ExportLeavesSchema2Null: a schema-1 export imports into a
// store of this version, with NULL in every schema-2 column.
func TestSchema1ExportLeavesSchema2Null(t *testing.T) {
	dir := t.TempDir()
	db := filepath.Join(dir, "s1.db")
	importOK(t, db, writeCSV(t, dir, "s1.csv", baseRec("K1"), baseRec("K2")))
	var cols []string
	for _, c := range schema.Columns {
		if c.Since == 2 {
			cols = append(cols, "count("+c.Name+")")
		}
	}
	got := queryStrings(t, db, `SELECT count(*), `+strings.Join(cols, " + ")+` FROM cases`)
	if !slices.Equal(got, []string{"2|0"}) {
		t.Errorf("cases|schema-2 values: %v, want 2|0", got)
	}
}

// schema2Rules are the validation rules of schema 2: a change to a valid
// closed case, the column the message must name and the code.
var schema2Rules = []struct {
	name   string
	bad    rec
	column string
	code   Code
}{
	{"unknown agency", closedRec2("X").with("agencies", "police|church"), "agencies", CodeUnknownAgency},
	{"none beside agencies", closedRec2("X").with("agencies", "none|police"), "agencies", CodeUnknownAgency},
	{"agency twice", closedRec2("X").with("agencies", "police|school|police"), "agencies", CodeAgencyRepeated},
	{"rating above scale", closedRec2("X").with("dim_scene_contacts_intake", "4"), "dim_scene_contacts_intake", CodeScaleRange},
	{"rating not a number", closedRec2("X").with("dim_psychosocial_closed", "hoch"), "dim_psychosocial_closed", CodeScaleRange},
	{"closure reason on open case", baseRec("X").with("closure_reason", "contact_lost"), "closure_reason", CodeClosureDetailOnOpenCase},
	{"risk at closure on open case", baseRec("X").with("risk_level_closed", "standard"), "risk_level_closed", CodeClosureDetailOnOpenCase},
	{"motivation at closure on open case", baseRec("X").with("motivation_closed", "ja"), "motivation_closed", CodeClosureDetailOnOpenCase},
	{"dimension at closure on open case", baseRec("X").with("dim_attitudes_closed", "1"), "dim_attitudes_closed", CodeClosureDetailOnOpenCase},
	{"more goals reached than set", closedRec2("X").with("goals_set", "2", "goals_reached", "3"), "goals_reached", CodeGoalsReachedAboveSet},
	{"relapse type without relapse", closedRec2("X").with("relapse", "none"), "relapse_type", CodeRelapseTypeWithoutRelapse},
	{"relapse checked before intake", closedRec2("X").with("relapse_checked", "2020-12"), "relapse_checked", CodeRelapseCheckedBeforeIntake},
	{"case conferences negative", closedRec2("X").with("case_conferences", "-1"), "case_conferences", CodeNotNumber},
	{"unknown case type", closedRec2("X").with("case_type", "family"), "case_type", CodeUnknownCode},
}

// TestSchema2RulesNameTheLine: each rule of schema 2 reports the one bad
// record hidden among valid ones deep in the file with file:line:column
// and its own code, and nothing else.
func TestSchema2RulesNameTheLine(t *testing.T) {
	const valid, badAt = 1500, 1234 // badAt: the bad record's line (header is line 1)
	for _, tc := range schema2Rules {
		t.Run(tc.name, func(t *testing.T) {
			recs := make([]rec, 0, valid+1)
			for i := range valid {
				r := closedRec2(fmt.Sprint("K", i))
				if i%2 == 1 {
					r = baseRec(fmt.Sprint("K", i))
				}
				recs = append(recs, r)
			}
			bad := tc.bad.with("case_id", "BAD")
			recs = slices.Insert(recs, badAt-2, bad)
			f := writeFile(t, t.TempDir(), "deep.csv", csvText(canonHeader2, ",", recs...))
			ve, lines := validationErrors(t, Options{}, f)
			if len(ve.Errors) != 1 {
				t.Fatalf("want one error, got %d:\n%s", len(ve.Errors), strings.Join(lines, "\n"))
			}
			e := ve.Errors[0]
			prefix := fmt.Sprintf("%s:%d:%s: ", f, badAt, tc.column)
			if e.Code != tc.code || e.Line != badAt || !strings.HasPrefix(lines[0], prefix) {
				t.Errorf("got %s (code %s), want %s… with code %s", lines[0], e.Code, prefix, tc.code)
			}
		})
	}
}

// TestImportIntoVersion4Store: adding an export to a store of
// store.MigratableVersion migrates it: the old cases keep their values
// with NULL in the schema-2 columns, the new ones have theirs.
func TestImportIntoVersion4Store(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "cases.db")
	importOK(t, path, writeCSV(t, dir, "old.csv", baseRec("K1")))
	db, err := sql.Open("duckdb", path)
	if err != nil {
		t.Fatal(err)
	}
	stmts := []string{`DROP VIEW cases`}
	for _, c := range schema.Columns {
		if c.Since == 2 {
			stmts = append(stmts, `ALTER TABLE case_records DROP COLUMN `+c.Name)
		}
	}
	stmts = append(stmts, `CREATE VIEW cases AS SELECT * FROM case_records`,
		`UPDATE store_meta SET value = '`+store.MigratableVersion+`' WHERE key = 'schema_version'`)
	for _, q := range stmts {
		if _, err := db.Exec(q); err != nil {
			t.Fatal(err)
		}
	}
	db.Close()

	importOK(t, path, writeFile(t, dir, "new.csv", csvText(canonHeader2, ",", closedRec2("K2"))))
	got := queryStrings(t, path, `SELECT case_type, goals_set, (SELECT value FROM store_meta WHERE key = 'schema_version')
		FROM cases ORDER BY goals_set NULLS FIRST`)
	want := []string{"NULL|NULL|" + store.SchemaVersion, "relatives|5|" + store.SchemaVersion}
	if !slices.Equal(got, want) {
		t.Errorf("got %q, want %q", got, want)
	}
}
