package figures

import (
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

const (
	testHeader = "year,indicator,phenomenon,value,unit,source,source_ref,note\n"
	goodRow    = "2023,pmk_cases,total,60028,cases,BKA: PMK-Zahlen 2023,https://bka.de/pmk2023,\n"
)

func loadString(s string) ([]Figure, error) {
	return Load(strings.NewReader(s), "test.csv")
}

// loadErrors loads s, which must fail with a *LoadError, and returns it.
func loadErrors(t *testing.T, s string) *LoadError {
	t.Helper()
	fs, err := loadString(s)
	if err == nil {
		t.Fatalf("Load succeeded with %d figures, want an error", len(fs))
	}
	if fs != nil {
		t.Errorf("Load returned %d figures along with an error, want none", len(fs))
	}
	var le *LoadError
	if !errors.As(err, &le) {
		t.Fatalf("error is %T (%v), want *LoadError", err, err)
	}
	return le
}

func TestLoadValid(t *testing.T) {
	in := testHeader + goodRow +
		"2024,extremist_share_of_pmk,total,68.6,percent,  Amadeu Antonio Stiftung  ,https://example.org/vsb2024,of all PMK offences\n"
	fs, err := loadString(in)
	if err != nil {
		t.Fatal(err)
	}
	want := []Figure{
		{Year: 2023, Indicator: "pmk_cases", Phenomenon: "total", Value: 60028, Unit: "cases",
			Source: "BKA: PMK-Zahlen 2023", SourceRef: "https://bka.de/pmk2023", File: "test.csv", Line: 2},
		{Year: 2024, Indicator: "extremist_share_of_pmk", Phenomenon: "total", Value: 68.6, Unit: "percent",
			Source: "Amadeu Antonio Stiftung", SourceRef: "https://example.org/vsb2024", Note: "of all PMK offences",
			File: "test.csv", Line: 3},
	}
	if len(fs) != len(want) {
		t.Fatalf("got %d figures, want %d", len(fs), len(want))
	}
	for i := range want {
		if fs[i] != want[i] {
			t.Errorf("figure %d:\n got %+v\nwant %+v", i, fs[i], want[i])
		}
	}
}

func TestLoadHeaderVariants(t *testing.T) {
	for name, in := range map[string]string{
		"with quote": "year,indicator,phenomenon,value,unit,source,source_ref,note,quote\n" +
			"2023,pmk_cases,total,60028,cases,BKA,https://bka.de,,\"Demnach wurden 2023 insgesamt 60.028 Straftaten registriert.\"\n",
		"other order, case and spaces": "Source, year ,QUOTE,indicator,phenomenon,value,unit,source_ref,note\n" +
			"BKA,2023,\"Demnach wurden 2023 insgesamt 60.028 Straftaten registriert.\",pmk_cases,total,60028,cases,https://bka.de,\n",
		"BOM": "\uFEFFyear,indicator,phenomenon,value,unit,source,source_ref,note,quote\n" +
			"2023,pmk_cases,total,60028,cases,BKA,https://bka.de,,Demnach wurden 2023 insgesamt 60.028 Straftaten registriert.\n",
		"spaces after commas": "year, indicator, phenomenon, value, unit, source, source_ref, note, quote\n" +
			"2023, pmk_cases, total, 60028, cases, \"BKA\", https://bka.de, , \"Demnach wurden 2023 insgesamt 60.028 Straftaten registriert.\"\n",
		"CRLF": "year,indicator,phenomenon,value,unit,source,source_ref,note,quote\r\n" +
			"2023,pmk_cases,total,60028,cases,BKA,https://bka.de,,Demnach wurden 2023 insgesamt 60.028 Straftaten registriert.\r\n",
	} {
		t.Run(name, func(t *testing.T) {
			fs, err := loadString(in)
			if err != nil {
				t.Fatal(err)
			}
			want := Figure{Year: 2023, Indicator: "pmk_cases", Phenomenon: "total", Value: 60028, Unit: "cases",
				Source: "BKA", SourceRef: "https://bka.de",
				Quote: "Demnach wurden 2023 insgesamt 60.028 Straftaten registriert.", File: "test.csv", Line: 2}
			if len(fs) != 1 || fs[0] != want {
				t.Errorf("got %+v\nwant [%+v]", fs, want)
			}
		})
	}
}

func TestLoadBOMWithoutQuoteColumn(t *testing.T) {
	fs, err := loadString("\uFEFF" + testHeader + goodRow)
	if err != nil {
		t.Fatal(err)
	}
	if len(fs) != 1 || fs[0].Year != 2023 || fs[0].Line != 2 {
		t.Errorf("got %+v", fs)
	}
}

// TestLoadRejectsRow checks each rule on a file with one bad row: the exact
// message, with file, line, column and value.
func TestLoadRejectsRow(t *testing.T) {
	known := strings.Join(Indicators(), ", ")
	tests := []struct {
		name, rows, want string
	}{
		{"no source",
			"2023,pmk_cases,total,60028,cases,,https://bka.de/pmk2023,\n",
			"test.csv:2: source: missing; every figure needs its source (title of the publication)"},
		{"blank source",
			"2023,pmk_cases,total,60028,cases,   ,https://bka.de/pmk2023,\n",
			"test.csv:2: source: missing; every figure needs its source (title of the publication)"},
		{"no source_ref",
			"2023,pmk_cases,total,60028,cases,BKA: PMK-Zahlen 2023,,\n",
			"test.csv:2: source_ref: missing; every figure needs a source reference (web address or citation)"},
		{"unknown indicator",
			"2023,hate_crime,total,60028,cases,BKA,https://bka.de,\n",
			"test.csv:2: indicator \"hate_crime\": unknown indicator; known indicators: " + known},
		{"misspelt indicator",
			"2023,PMK-Cases,total,60028,cases,BKA,https://bka.de,\n",
			"test.csv:2: indicator \"PMK-Cases\": unknown indicator (did you mean pmk_cases?); known indicators: " + known},
		{"missing indicator",
			"2023,,total,60028,cases,BKA,https://bka.de,\n",
			"test.csv:2: indicator: missing; known indicators: " + known},
		{"unknown phenomenon",
			"2023,pmk_cases,rechts,60028,cases,BKA,https://bka.de,\n",
			"test.csv:2: phenomenon \"rechts\": unknown phenomenon; known phenomena: " +
				"right_wing, left_wing, islamist, foreign_ideology, reichsbuerger, religious_ideology, other, total"},
		{"negative value",
			"2023,pmk_cases,total,-5,cases,BKA,https://bka.de,\n",
			"test.csv:2: value \"-5\": negative; a figure must be ≥ 0"},
		{"value with decimal comma",
			"2024,extremist_share_of_pmk,total,\"68,6\",percent,AAS,https://example.org,\n",
			"test.csv:2: value \"68,6\": not a number; write digits with '.' as decimal separator and no thousands separator, e.g. 1234.5"},
		{"value with exponent",
			"2023,pmk_cases,total,6e4,cases,BKA,https://bka.de,\n",
			"test.csv:2: value \"6e4\": not a number; write digits with '.' as decimal separator and no thousands separator, e.g. 1234.5"},
		{"value with thousands dot",
			"2024,person_potential,right_wing,50.250,persons,taz,https://taz.de,\n",
			"test.csv:2: value \"50.250\": a count of persons must be a whole number (no thousands separator: write 45120, not 45.120)"},
		{"-0 is accepted, -1 is not",
			"2023,pmk_cases,total,-0,cases,BKA,https://bka.de,\n2022,pmk_cases,total,-1,cases,BKA,https://bka.de,\n",
			"test.csv:3: value \"-1\": negative; a figure must be ≥ 0"},
		{"missing value",
			"2023,pmk_cases,total,,cases,BKA,https://bka.de,\n",
			"test.csv:2: value: missing; expected a number ≥ 0"},
		{"percent over 100",
			"2024,extremist_share_of_pmk,total,168.6,percent,AAS,https://example.org,\n",
			"test.csv:2: value \"168.6\": a percentage must be between 0 and 100"},
		{"year 1800",
			"1800,pmk_cases,total,60028,cases,BKA,https://bka.de,\n",
			"test.csv:2: year \"1800\": implausible year; expected 1990 to 2100"},
		{"year not a number",
			"2023/24,pmk_cases,total,60028,cases,BKA,https://bka.de,\n",
			"test.csv:2: year \"2023/24\": not a whole number; expected a year such as 2024"},
		{"wrong unit",
			"2023,pmk_cases,total,60028,offences,BKA,https://bka.de,\n",
			"test.csv:2: unit \"offences\": does not fit indicator pmk_cases, which is measured in cases"},
		{"unknown unit",
			"2023,pmk_cases,total,60028,Fälle,BKA,https://bka.de,\n",
			"test.csv:2: unit \"Fälle\": unknown unit; known units: persons, cases, offences, percent"},
		{"too few columns",
			"2023,pmk_cases,total,60028,cases,BKA,https://bka.de\n",
			"test.csv:2: 7 columns, but the header has 8"},
		{"too many columns",
			"2023,pmk_cases,total,60028,cases,BKA, Zahlen 2023,https://bka.de,\n",
			"test.csv:2: 9 columns, but the header has 8; a value that contains a comma must be enclosed in double quotes"},
		{"duplicate key",
			goodRow + "2023,pmk_cases,total,60000,cases,dpa,https://dpa.de,preliminary\n",
			"test.csv:3: duplicate of line 2: same year 2023, indicator pmk_cases and phenomenon total"},
		{"invalid UTF-8",
			"2023,pmk_cases,total,60028,cases,BKA,https://bka.de,Stra\xdfe\n",
			"test.csv:2: note \"Stra\\xdfe\": not valid UTF-8; save the file as UTF-8"},
		{"CSV syntax",
			"2023,pmk_cases,total,60028,cases,BKA \"PMK\",https://bka.de,\n" + goodRow,
			"test.csv:2: CSV syntax error: bare \" in non-quoted-field; the rest of the file was not checked"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			le := loadErrors(t, testHeader+tt.rows)
			if got := le.Error(); got != tt.want {
				t.Errorf("error:\n got %s\nwant %s", got, tt.want)
			}
		})
	}
}

func TestLoadRowErrorFields(t *testing.T) {
	le := loadErrors(t, testHeader+goodRow+"1800,pmk_cases,total,60028,cases,BKA,https://bka.de,\n")
	want := RowError{File: "test.csv", Line: 3, Column: "year", Value: "1800",
		Reason: "implausible year; expected 1990 to 2100"}
	if len(le.Errors) != 1 || le.Errors[0] != want || le.More != 0 {
		t.Errorf("got %+v, want [%+v]", le, want)
	}
}

func TestLoadHeaderErrors(t *testing.T) {
	tests := []struct{ name, in, want string }{
		{"empty file", "", "test.csv:1: empty file; expected the header " + Header},
		{"unknown and missing column",
			"year,indicator,phenomenon,value,einheit,source,source_ref,note\n" + goodRow,
			"test.csv:1: header \"einheit\": unknown column; expected columns " + Header + " and optionally quote\n" +
				"test.csv:1: header: missing column unit; expected columns " + Header + " and optionally quote"},
		{"column twice",
			"year,indicator,phenomenon,value,unit,source,source_ref,note,Year\n",
			"test.csv:1: header \"Year\": column appears twice"},
		{"no header",
			goodRow + goodRow,
			"test.csv:1: header: the first line is not a figures header; expected columns " + Header + " and optionally quote"},
		{"semicolon",
			"year;indicator;phenomenon;value;unit;source;source_ref;note\n",
			"test.csv:1: header: the file seems to use ';' as separator; a figures file uses ',' (header " + Header + ")"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := loadErrors(t, tt.in).Error(); got != tt.want {
				t.Errorf("error:\n got %s\nwant %s", got, tt.want)
			}
		})
	}
}

// TestLoadReportsAllErrors: every bad row of a file is reported, in order,
// with its physical line number, and no figure is returned.
func TestLoadReportsAllErrors(t *testing.T) {
	in := testHeader +
		goodRow + // 2
		"2023,pmk_cases,left_wing,7777,cases,,https://bka.de,\n" + // 3: no source
		"\n" + // 4: empty line, skipped
		"2022,pmk_cases,total,58916,cases,B.Z.,https://bz-berlin.de,\"note over\ntwo lines\"\n" + // 5-6
		"1800,gewalt,total,-1,persons,BKA,,\n" + // 7: four problems
		"2023,pmk_cases,total,1,cases,BKA,https://bka.de,\n" + // 8: duplicate of 2
		"2023,pmk_cases,right_wing,28945,cases,BKA,https://bka.de\n" // 9: 7 columns
	le := loadErrors(t, in)
	want := []string{
		"test.csv:3: source: missing; every figure needs its source (title of the publication)",
		"test.csv:7: year \"1800\": implausible year; expected 1990 to 2100",
		"test.csv:7: indicator \"gewalt\": unknown indicator; known indicators: " + strings.Join(Indicators(), ", "),
		"test.csv:7: value \"-1\": negative; a figure must be ≥ 0",
		"test.csv:7: source_ref: missing; every figure needs a source reference (web address or citation)",
		"test.csv:8: duplicate of line 2: same year 2023, indicator pmk_cases and phenomenon total",
		"test.csv:9: 7 columns, but the header has 8",
	}
	if got := le.Error(); got != strings.Join(want, "\n") {
		t.Errorf("error:\n got %s\nwant %s", got, strings.Join(want, "\n"))
	}
}

func TestLoadPhysicalLineNumbers(t *testing.T) {
	in := testHeader +
		"2022,pmk_cases,total,58916,cases,B.Z.,https://bz-berlin.de,\"a note\nover\nthree lines\"\n" + // 2-4
		"2023,pmk_cases,total,60028,cases,BKA,\"https://bka.de\n\",\"x\ny\"\n" // 5-6
	fs, err := loadString(in)
	if err != nil {
		t.Fatal(err)
	}
	if fs[0].Line != 2 || fs[1].Line != 5 {
		t.Errorf("lines %d, %d; want 2, 5", fs[0].Line, fs[1].Line)
	}
	// A row error names the line where the row starts, a field error the
	// line where that field starts.
	le := loadErrors(t, testHeader+
		"2023,pmk_cases,total,60028,cases,BKA,https://bka.de,\"a\nb\"\n"+ // 2-3
		"2024,pmk_cases,\ntotal,1,cases,BKA,https://bka.de,\n"+ // 4: 3 columns, 5: 6 columns
		"2023,\"pmk_cases\",\"to\ntal\",-1,cases,BKA,https://bka.de,\n") // 6-7
	want := "test.csv:4: 3 columns, but the header has 8\n" +
		"test.csv:5: 6 columns, but the header has 8\n" +
		"test.csv:6: phenomenon \"to\\ntal\": unknown phenomenon (did you mean total?); known phenomena: " + strings.Join(Phenomena(), ", ") + "\n" +
		"test.csv:7: value \"-1\": negative; a figure must be ≥ 0"
	if le.Error() != want {
		t.Errorf("error:\n got %s\nwant %s", le.Error(), want)
	}
}

func TestLoadErrorLimit(t *testing.T) {
	var b strings.Builder
	b.WriteString(testHeader)
	const bad = 130
	for range bad {
		b.WriteString("2023,pmk_cases,total,60028,cases,,https://bka.de,\n")
	}
	le := loadErrors(t, b.String())
	// Row 2 lacks a source; rows 3.. lack a source and repeat row 2's key.
	if total := len(le.Errors) + le.More; total != 2*bad-1 {
		t.Errorf("%d errors, want %d", total, 2*bad-1)
	}
	if len(le.Errors) != MaxErrors {
		t.Errorf("%d errors listed, want %d", len(le.Errors), MaxErrors)
	}
	lines := strings.Split(le.Error(), "\n")
	if len(lines) != MaxErrors+1 || lines[MaxErrors] != "and 159 more errors" {
		t.Errorf("%d lines, last %q; want %d lines ending in \"and 159 more errors\"", len(lines), lines[len(lines)-1], MaxErrors+1)
	}
}

func TestLoadFile(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "meine_zahlen.csv")
	if err := os.WriteFile(path, []byte(testHeader+goodRow+"2023,pmk_cases,left_wing,7777,cases,,https://bka.de,\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	_, err := LoadFile(path)
	want := path + ":3: source: missing; every figure needs its source (title of the publication)"
	if err == nil || err.Error() != want {
		t.Errorf("error %v, want %s", err, want)
	}
	if err := os.WriteFile(path, []byte(testHeader+goodRow), 0o644); err != nil {
		t.Fatal(err)
	}
	figs, err := LoadFile(path)
	if err != nil || len(figs) != 1 || figs[0].File != path {
		t.Errorf("LoadFile = %+v, %v", figs, err)
	}
	if _, err := LoadFile(filepath.Join(dir, "missing.csv")); !errors.Is(err, fs.ErrNotExist) {
		t.Errorf("missing file: error %v, want fs.ErrNotExist", err)
	}
}

func TestRowErrorShortensLongValues(t *testing.T) {
	e := RowError{File: "f.csv", Line: 3, Column: "note", Value: strings.Repeat("ä", 100), Reason: "r"}
	want := "f.csv:3: note \"" + strings.Repeat("ä", 59) + "…\": r"
	if e.Error() != want {
		t.Errorf("got %s\nwant %s", e.Error(), want)
	}
}
