package schema

import (
	"testing"
	"time"
)

func TestNormaliseHeader(t *testing.T) {
	cases := map[string]string{
		"case_id":             "case_id",
		"  Phänomen-Bereich ": "phaenomen_bereich",
		"E-Mail":              "e_mail",
		"Straße":              "strasse",
		"RÜCKFALL":            "rueckfall",
		"Anzahl  Kontakte":    "anzahl_kontakte",
		"date.of.birth":       "date_of_birth",
		"-x-":                 "x",
		"":                    "",
	}
	for in, want := range cases {
		if got := NormaliseHeader(in); got != want {
			t.Errorf("NormaliseHeader(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestLookupHeader(t *testing.T) {
	cases := map[string]string{
		"Bundesland":       "state",
		"STATE":            "state",
		"Phänomenbereich":  "phenomenon",
		"phaenomenbereich": "phenomenon",
		"Zugangsweg":       "access_route",
		"Risikostufe":      "risk_level",
		"Alter":            "age",
		"Geschlecht":       "gender",
		"Rückfall":         "relapse",
		"Case ID":          "case_id",
		"Anzahl Kontakte":  "contacts",
	}
	for in, want := range cases {
		c, ok := LookupHeader(in)
		if !ok || c.Name != want {
			t.Errorf("LookupHeader(%q) = %q, %v; want %q", in, c.Name, ok, want)
		}
	}
	if _, ok := LookupHeader("provider_name"); ok {
		t.Error("LookupHeader(provider_name) matched")
	}
	// Every canonical name and alias resolves to its own column.
	for _, c := range Columns {
		for _, h := range append([]string{c.Name}, c.Aliases...) {
			got, ok := LookupHeader(h)
			if !ok || got.Name != c.Name {
				t.Errorf("LookupHeader(%q) = %q, want %q", h, got.Name, c.Name)
			}
		}
	}
}

func TestParseBool(t *testing.T) {
	for _, s := range []string{"true", "TRUE", "1", "ja", "Ja", "yes", " Yes ", "wahr", "WAHR"} {
		if v, ok := ParseBool(s); !ok || !v {
			t.Errorf("ParseBool(%q) = %v, %v; want true", s, v, ok)
		}
	}
	for _, s := range []string{"false", "False", "0", "nein", "NEIN", "no", "falsch"} {
		if v, ok := ParseBool(s); !ok || v {
			t.Errorf("ParseBool(%q) = %v, %v; want false", s, v, ok)
		}
	}
	for _, s := range []string{"", "2", "j", "y", "n", "truee", "vielleicht", "-1", "nope"} {
		if _, ok := ParseBool(s); ok {
			t.Errorf("ParseBool(%q) accepted", s)
		}
	}
}

func TestParseMonth(t *testing.T) {
	type ym struct {
		y int
		m time.Month
	}
	good := map[string]ym{
		"2021-03":             {2021, 3},
		"2021-03-17":          {2021, 3},
		" 2021-12-31 ":        {2021, 12},
		"2021-03-17 10:00:00": {2021, 3},
		"2021-03-17T10:00:00": {2021, 3},
		"17.03.2021":          {2021, 3},
		"1.3.2021":            {2021, 3},
		"03.2021":             {2021, 3},
		"29.02.2024":          {2024, 2},
		"1990-01":             {1990, 1},
		"2100-12":             {2100, 12},
	}
	for in, want := range good {
		y, m, ok := ParseMonth(in)
		if !ok || y != want.y || m != want.m {
			t.Errorf("ParseMonth(%q) = %d, %d, %v; want %v", in, y, m, ok, want)
		}
	}
	for _, in := range []string{
		"", "2021", "2021-13", "2021-00", "2021-3", "21-03", "1989-12", "2101-01",
		"2021-02-30", "29.02.2023", "32.01.2021", "2021-03-17x", "2021/03", "03/2021",
		"17.03.21", "abc", "2021-03-1", "0.03.2021", "13.2021",
	} {
		if y, m, ok := ParseMonth(in); ok {
			t.Errorf("ParseMonth(%q) = %d, %d; want failure", in, y, m)
		}
	}
}
