package importer

import (
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// badInputs are exports that must fail, each with the one message it must
// produce. They are shared with the CLI tests through BadInputs.
var badInputs = []struct {
	name    string
	content string
	want    string
}{
	{"unknown code",
		csvText(canonHeader, ",", baseRec("K1").with("state", "DE-XX")),
		`bad.csv:2:state: value "DE-XX": unknown code (allowed: DE-BW, DE-BY, DE-BE, DE-BB, DE-HB, DE-HH, DE-HE, DE-MV, DE-NI, DE-NW, DE-RP, DE-SL, DE-SN, DE-ST, DE-SH, DE-TH)`},
	{"bad month",
		csvText(canonHeader, ",", baseRec("K1").with("intake", "2021-13")),
		`bad.csv:2:intake: value "2021-13": not a month or date between 1990 and 2100 (allowed: YYYY-MM, YYYY-MM-DD, DD.MM.YYYY, MM.YYYY)`},
	{"closed before intake",
		csvText(canonHeader, ",", baseRec("K1").with("status", "closed_regular", "closed", "2021-02", "outcome", "distanced")),
		`bad.csv:2:closed: value "2021-02": closed before intake (2021-03)`},
	{"closed missing for closed case",
		csvText(canonHeader, ",", baseRec("K1").with("status", "closed_aborted")),
		`bad.csv:2:closed: value "": required when status is closed_aborted`},
	{"closed on ongoing case",
		csvText(canonHeader, ",", baseRec("K1").with("closed", "2021-05")),
		`bad.csv:2:closed: value "2021-05": closed is only allowed when status is closed_regular or closed_aborted (status is ongoing)`},
	{"outcome on open case",
		csvText(canonHeader, ",", baseRec("K1").with("outcome", "distanced")),
		`bad.csv:2:outcome: value "distanced": outcome is only allowed for closed cases (status ongoing is not closed_regular or closed_aborted)`},
	{"missing required column",
		csvText(without(canonHeader, "risk_level"), ",", baseRec("K1")),
		`bad.csv:1:risk_level: required column missing (allowed: risk_level, risikostufe, risiko)`},
	{"no age column",
		csvText(without(without(canonHeader, "age"), "age_band"), ",", baseRec("K1")),
		`bad.csv:1:age: column missing: give age or age_band`},
	{"identifier Nachname",
		csvText(append(canonHeader[:len(canonHeader):len(canonHeader)], "Nachname"), ",", baseRec("K1").with("Nachname", "Müller")),
		`bad.csv:1:Nachname: column looks like a direct identifier (a person's name); an anonymised export must not contain it, remove the column before importing (--drop-unknown does not apply)`},
	{"identifier email",
		csvText(append(canonHeader[:len(canonHeader):len(canonHeader)], "email"), ",", baseRec("K1").with("email", "a@b.de")),
		`bad.csv:1:email: column looks like a direct identifier (an e-mail address)`},
	{"unknown column",
		csvText(append(canonHeader[:len(canonHeader):len(canonHeader)], "favourite_colour"), ",", baseRec("K1").with("favourite_colour", "blue")),
		`bad.csv:1:favourite_colour: unknown column; only the schema's columns are stored (use --drop-unknown to drop it)`},
	{"age out of range",
		csvText(canonHeader, ",", baseRec("K1").with("age", "9")),
		`bad.csv:2:age: value "9": age out of range; must be 10–99`},
	{"bad bool",
		csvText(canonHeader, ",", baseRec("K1").with("custody", "vielleicht")),
		`bad.csv:2:custody: value "vielleicht": not a boolean (allowed: true, false, 1, 0, ja, nein, yes, no, wahr, falsch)`},
	{"negative contacts",
		csvText(canonHeader, ",", baseRec("K1").with("contacts", "-2")),
		`bad.csv:2:contacts: value "-2": must be a whole number ≥ 0`},
	{"duplicate case id",
		csvText(canonHeader, ",", baseRec("K1"), baseRec("K2"), baseRec("K1")),
		`bad.csv:4:case_id: value "K1": duplicate case_id for provider T01: same as line 2`},
	{"duplicate header",
		csvText(append(canonHeader[:len(canonHeader):len(canonHeader)], "Bundesland"), ",", baseRec("K1")),
		`bad.csv:1:Bundesland: duplicate column: "state" and "Bundesland" both mean state`},
	{"age band disagrees with age",
		csvText(canonHeader, ",", baseRec("K1").with("age_band", "18_20")),
		`bad.csv:2:age_band: value "18_20": does not match age 16 (band 14_17)`},
	{"wrong field count",
		csvText(canonHeader, ",", baseRec("K1")) + "K2,T01\n",
		`bad.csv:3: line has 2 fields, the header has 19`},
	{"provider name instead of code",
		csvText(canonHeader, ",", baseRec("K1").with("provider", "Beratung Nord e.V.")),
		`bad.csv:2:provider: value not shown (it looks like a name): provider must be a code`}, // names are never repeated (#17 item 9)
	{"required value missing",
		csvText(canonHeader, ",", baseRec("K1").with("phenomenon", "")),
		`bad.csv:2:phenomenon: value "": required value missing (allowed: right_wing, islamist, left_wing, foreign_ideology, reichsbuerger, mixed_unclear)`},
	{"latin-1",
		"case_id,provider,state,phenomenon,intake,age,access_route,risk_level,status\n" +
			"K1,T01,DE-BW,right_wing,2021-03,16,self,standard,ongoing\n" +
			"K\xe42,T01,DE-BW,right_wing,2021-03,16,self,standard,ongoing\n",
		`bad.csv:3: not valid UTF-8 (probably Latin-1/Windows-1252); save the export as UTF-8`},
	{"tab separated",
		strings.Join(canonHeader, "\t") + "\n",
		`bad.csv:1: the header is separated by tabs; separate columns with ',' or ';'`},
	{"empty file", "", `bad.csv:1: empty file: no header line`},
	{"malformed quotes",
		csvText(canonHeader, ",", baseRec("K1")) + "\"K2,T01\n",
		`bad.csv:3: malformed CSV`},
}

// badInputCodes is the code of the error each of badInputs must produce.
var badInputCodes = map[string]Code{
	"unknown code":                   CodeUnknownCode,
	"bad month":                      CodeNotMonth,
	"closed before intake":           CodeClosedBeforeIntake,
	"closed missing for closed case": CodeClosedWithoutMonth,
	"closed on ongoing case":         CodeClosedMonthOnOpen,
	"outcome on open case":           CodeOutcomeOnOpenCase,
	"missing required column":        CodeMissingColumn,
	"no age column":                  CodeMissingColumn,
	"identifier Nachname":            CodeIdentifier,
	"identifier email":               CodeIdentifier,
	"unknown column":                 CodeUnknownColumn,
	"age out of range":               CodeAgeRange,
	"bad bool":                       CodeNotBoolean,
	"negative contacts":              CodeNotNumber,
	"duplicate case id":              CodeDuplicateCaseKey,
	"duplicate header":               CodeDuplicateColumn,
	"age band disagrees with age":    CodeAgeBand,
	"wrong field count":              CodeFieldCount,
	"provider name instead of code":  CodeBadProvider,
	"required value missing":         CodeRequiredMissing,
	"latin-1":                        CodeNotUTF8,
	"tab separated":                  CodeUnreadable,
	"empty file":                     CodeUnreadable,
	"malformed quotes":               CodeUnreadable,
}

// without returns h without the column name.
func without(h []string, name string) []string {
	var out []string
	for _, x := range h {
		if x != name {
			out = append(out, x)
		}
	}
	return out
}

func TestBadInputsFail(t *testing.T) {
	for _, tc := range badInputs {
		t.Run(tc.name, func(t *testing.T) {
			dir := t.TempDir()
			f := writeFile(t, dir, "bad.csv", tc.content)
			ve, lines := validationErrors(t, Options{}, f)
			want := strings.ReplaceAll(tc.want, "bad.csv", f)
			wantCode, ok := badInputCodes[tc.name]
			if !ok {
				t.Fatalf("no code for %q in badInputCodes", tc.name)
			}
			found := false
			for i, l := range lines {
				if strings.HasPrefix(l, want) {
					found = true
					if got := ve.Errors[i].Code; got != wantCode {
						t.Errorf("%s: code %q, want %q", l, got, wantCode)
					}
				}
				if ve.Errors[i].Code == "" {
					t.Errorf("%s: no code", l)
				}
			}
			if !found {
				t.Errorf("no error starting with\n  %s\ngot\n  %s", want, strings.Join(lines, "\n  "))
			}
			if ve.Total != len(ve.Errors) {
				t.Errorf("Total %d, listed %d", ve.Total, len(ve.Errors))
			}
		})
	}
}

func TestManyErrorsInOneFileAllReported(t *testing.T) {
	dir := t.TempDir()
	// Header with German names to check that columns are named as written.
	header := []string{"Fall-ID", "provider", "Bundesland", "phenomenon", "intake", "Alter", "access_route", "risk_level", "status", "closed", "outcome", "contacts"}
	f := writeFile(t, dir, "many.csv", csvText(header, ",",
		baseRec("K1"),                         // line 2 fine
		baseRec("K2").with("state", "Bayern"), // line 3
		baseRec("K3"),                         // line 4 fine
		baseRec("K4").with("age", "120", "intake", "2021-3"),                                        // line 5: two errors
		baseRec("K5").with("contacts", "drei"),                                                      // line 6
		baseRec("K6").with("status", "closed_regular", "closed", "2020-01", "outcome", "distanced"), // line 7
	))
	ve, lines := validationErrors(t, Options{}, f)
	want := []string{
		f + `:3:Bundesland: value "Bayern": unknown code (allowed: DE-BW`,
		f + `:5:intake: value "2021-3": not a month`,
		f + `:5:Alter: value "120": age out of range; must be 10–99`,
		f + `:6:contacts: value "drei": not a whole number ≥ 0`,
		f + `:7:closed: value "2020-01": closed before intake (2021-03)`,
	}
	if ve.Total != len(want) || len(lines) != len(want) {
		t.Fatalf("got %d errors (total %d), want %d:\n%s", len(lines), ve.Total, len(want), strings.Join(lines, "\n"))
	}
	for i, w := range want {
		if !strings.HasPrefix(lines[i], w) {
			t.Errorf("error %d:\n got  %s\n want %s…", i, lines[i], w)
		}
	}
	fe := ve.Errors[2]
	if fe.File != f || fe.Line != 5 || fe.Column != "Alter" || fe.Value != "120" {
		t.Errorf("FieldError = %+v", fe)
	}
}

func TestErrorsOfAllFilesTogether(t *testing.T) {
	dir := t.TempDir()
	a := writeCSV(t, dir, "a.csv", baseRec("K1").with("gender", "x"))
	b := writeCSV(t, dir, "b.csv", baseRec("K1").with("provider", "T02"), baseRec("K2").with("phenomenon", "y"))
	c := writeCSV(t, dir, "c.csv", baseRec("K1").with("provider", "T02"))
	_, lines := validationErrors(t, Options{}, a, b, c)
	want := []string{
		a + `:2:gender: value "x": unknown code`,
		b + `:3:phenomenon: value "y": unknown code`,
		c + `:2:case_id: value "K1": duplicate case_id for provider T02: same as ` + b + `:2`,
	}
	if len(lines) != len(want) {
		t.Fatalf("got\n%s", strings.Join(lines, "\n"))
	}
	for i, w := range want {
		if !strings.HasPrefix(lines[i], w) {
			t.Errorf("got  %s\nwant %s", lines[i], w)
		}
	}
}

func TestErrorLimit(t *testing.T) {
	dir := t.TempDir()
	var recs []rec
	for i := 0; i < 250; i++ {
		recs = append(recs, baseRec(fmt.Sprint("K", i)).with("risk_level", "extreme"))
	}
	f := writeCSV(t, dir, "x.csv", recs...)
	ve, _ := validationErrors(t, Options{}, f)
	if ve.Total != 250 || len(ve.Errors) != DefaultMaxErrors {
		t.Fatalf("Total %d, listed %d", ve.Total, len(ve.Errors))
	}
	msg := ve.Error()
	if !strings.HasSuffix(msg, "\n… and 150 more errors") {
		t.Errorf("message ends %q", msg[len(msg)-60:])
	}
	if n := strings.Count(msg, "\n"); n != DefaultMaxErrors {
		t.Errorf("%d lines", n+1)
	}
	ve, _ = validationErrors(t, Options{MaxErrors: 3}, f)
	if len(ve.Errors) != 3 || ve.Total != 250 {
		t.Errorf("MaxErrors 3: listed %d of %d", len(ve.Errors), ve.Total)
	}
}

func TestDropUnknown(t *testing.T) {
	dir := t.TempDir()
	header := append(canonHeader[:len(canonHeader):len(canonHeader)], "Lieblingsfarbe", "")
	f := writeFile(t, dir, "x.csv", csvText(header, ",", baseRec("K1").with("Lieblingsfarbe", "blau")))
	db := filepath.Join(dir, "s.db")
	rep, err := ImportToStore(context.Background(), db, []string{f}, Options{Key: testKey, DropUnknown: true})
	if err != nil {
		t.Fatal(err)
	}
	if got := rep.Files[0].Dropped; len(got) != 1 || got[0] != "Lieblingsfarbe" {
		t.Errorf("dropped %v", got)
	}
	if !strings.Contains(rep.String(), "dropped unknown columns: Lieblingsfarbe") {
		t.Errorf("report:\n%s", rep)
	}
	// Identifiers fail even with DropUnknown.
	g := writeFile(t, dir, "y.csv", csvText(append(canonHeader[:len(canonHeader):len(canonHeader)], "Telefonnummer"), ",", baseRec("K1")))
	_, lines := validationErrors(t, Options{DropUnknown: true}, g)
	if len(lines) != 1 || !strings.Contains(lines[0], ":1:Telefonnummer: column looks like a direct identifier (a phone number)") {
		t.Errorf("got %q", lines)
	}
	// A column without header may be there as long as it is empty.
	h := writeFile(t, dir, "z.csv", csvText(append(canonHeader[:len(canonHeader):len(canonHeader)], ""), ",", baseRec("K1"), baseRec("K2").with("", "x")))
	_, lines = validationErrors(t, Options{}, h)
	if len(lines) != 1 || !strings.Contains(lines[0], `:3:(column 20, no header): value "x": value in a column without header`) {
		t.Errorf("got %q", lines)
	}
}

func TestNoKeyRefused(t *testing.T) {
	dir := t.TempDir()
	f := writeCSV(t, dir, "x.csv", baseRec("K1"))
	db := filepath.Join(dir, "s.db")
	_, err := ImportToStore(context.Background(), db, []string{f}, Options{})
	if !errors.Is(err, ErrNoKey) {
		t.Fatalf("err = %v, want ErrNoKey", err)
	}
	_, err = ImportToStore(context.Background(), db, []string{f}, Options{Key: []byte("short")})
	if err == nil || !strings.Contains(err.Error(), "too short") {
		t.Fatalf("short key: err = %v", err)
	}
	// Validation alone stores nothing and needs no key.
	if _, err := Validate(context.Background(), []string{f}, Options{}); err != nil {
		t.Fatalf("Validate: err = %v", err)
	}
	if _, err := os.Stat(db); err == nil {
		t.Error("store created without key")
	}
}

func TestValidateWritesNothing(t *testing.T) {
	dir := t.TempDir()
	f := writeCSV(t, dir, "x.csv", baseRec("K1"), baseRec("K2").with("provider", "T02"))
	rep, err := Validate(context.Background(), []string{f}, Options{Key: testKey})
	if err != nil {
		t.Fatal(err)
	}
	if rep.Rows != 2 || strings.Join(rep.Providers, ",") != "T01,T02" || rep.Risk != nil {
		t.Errorf("report %+v", rep)
	}
}

func TestMissingFile(t *testing.T) {
	_, err := ImportToStore(context.Background(), filepath.Join(t.TempDir(), "s.db"), []string{"/nonexistent/x.csv"}, Options{Key: testKey})
	if err == nil || !strings.Contains(err.Error(), "no such file") {
		t.Fatalf("err = %v", err)
	}
}
