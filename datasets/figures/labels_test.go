package figures

import (
	"slices"
	"strings"
	"testing"

	"lagebild/internal/i18n"
)

func TestIndicatorsOrder(t *testing.T) {
	got := Indicators()
	first := []string{"person_potential", "violence_oriented", "extremist_offences",
		"extremist_violent_acts", "pmk_cases", "pmk_violent_cases"}
	if !slices.Equal(got[:len(first)], first) {
		t.Errorf("Indicators() starts with %v, want %v", got[:len(first)], first)
	}
	seen := map[string]bool{}
	for _, c := range got {
		if seen[c] {
			t.Errorf("indicator %s listed twice", c)
		}
		seen[c] = true
		if u := IndicatorUnit(c); !slices.Contains(Units(), u) {
			t.Errorf("indicator %s has unit %q, not a known unit", c, u)
		}
	}
	got[0] = "changed"
	if Indicators()[0] != "person_potential" {
		t.Error("Indicators() returns shared storage")
	}
}

// TestEmbeddedCodesHaveLabels: every indicator and phenomenon of the
// embedded file has German and English labels that differ from the code and
// from each other; every unit has labels.
func TestEmbeddedCodesHaveLabels(t *testing.T) {
	check := func(kind, code string, label func(code string, lang i18n.Lang) string) {
		de, en := label(code, "de"), label(code, "en")
		if de == "" || en == "" || de == code || en == code {
			t.Errorf("%s %s: labels de %q, en %q", kind, code, de, en)
		}
		if de == en {
			t.Errorf("%s %s: German and English label are both %q", kind, code, de)
		}
	}
	indicators, phenomena, units := map[string]bool{}, map[string]bool{}, map[string]bool{}
	for _, f := range Embedded() {
		indicators[f.Indicator] = true
		phenomena[f.Phenomenon] = true
		units[f.Unit] = true
	}
	for c := range indicators {
		check("indicator", c, IndicatorLabel)
	}
	for c := range phenomena {
		check("phenomenon", c, PhenomenonLabel)
	}
	// Unit labels read after a number; the English one may equal the code.
	for c := range units {
		if de, en := UnitLabel(c, "de"), UnitLabel(c, "en"); de == "" || en == "" || de == c {
			t.Errorf("unit %s: labels de %q, en %q", c, de, en)
		}
	}
	// The catalogue and the file agree: no label without data, no data without label.
	if len(indicators) != len(Indicators()) {
		t.Errorf("embedded file uses %d indicators, the catalogue has %d", len(indicators), len(Indicators()))
	}
	if len(phenomena) != len(Phenomena()) {
		t.Errorf("embedded file uses %d phenomena, the catalogue has %d", len(phenomena), len(Phenomena()))
	}
}

func TestLabels(t *testing.T) {
	tests := []struct {
		got, want string
	}{
		{IndicatorLabel("person_potential", "de"), "Personenpotenzial"},
		{IndicatorLabel("person_potential", "en"), "Person potential"},
		{IndicatorLabel("violence_oriented", "de"), "Gewaltorientiertes Personenpotenzial"},
		{IndicatorLabel("violence_oriented", "en"), "Violence-oriented person potential"},
		{IndicatorLabel("pmk_cases", "de"), "PMK-Fälle"},
		{IndicatorLabel("pmk_cases", "en"), "PMK cases (politically motivated crime)"},
		{IndicatorLabel("gefaehrder", "de"), "Gefährder"},
		{IndicatorLabel("gefaehrder", "en"), "Dangerous persons (Gefährder)"},
		// The two youth shares are different measures with their own labels;
		// the mixed code is gone.
		{IndicatorLabel("suspects_age_share_under18", "de"), "Anteil Minderjähriger (unter 18) an Anschlagsbeteiligten"},
		{IndicatorLabel("suspects_age_share_under18", "en"), "Share of minors (under 18) among attack participants"},
		{IndicatorLabel("suspects_age_share_13_19", "de"), "Anteil 13- bis 19-Jähriger an Tatverdächtigen (Westeuropa)"},
		{IndicatorLabel("suspects_age_share_13_19", "en"), "Share aged 13 to 19 among suspects (Western Europe)"},
		{IndicatorLabel("gefaehrder_age_share_under18", "de"), "Gefährder: Anteil unter 18 Jahren"},
		{IndicatorLabel("suspects_age_share", "de"), "suspects_age_share"},
		{IndicatorLabel("gefaehrder_age_share", "en"), "gefaehrder_age_share"},
		{IndicatorUnit("person_potential_afd_component"), "persons"},
		{PhenomenonLabel("reichsbuerger", "de"), "Reichsbürger und Selbstverwalter"},
		{PhenomenonLabel("religious_ideology", "de"), "Religiöse Ideologie"},
		{PhenomenonLabel("total", "en"), "Total"},
		{UnitLabel("cases", "de"), "Fälle"},
		{UnitLabel("offences", "en"), "offences"},
		// Language tags as found in LANG.
		{IndicatorLabel("pmk_cases", "de_DE.UTF-8"), "PMK-Fälle"},
		{IndicatorLabel("pmk_cases", "DE-at"), "PMK-Fälle"},
		{IndicatorLabel("pmk_cases", "en_GB.UTF-8"), "PMK cases (politically motivated crime)"},
		{IndicatorLabel("pmk_cases", ""), "PMK cases (politically motivated crime)"},
		{IndicatorLabel("pmk_cases", "dexx"), "PMK cases (politically motivated crime)"},
		// Unknown codes come back unchanged.
		{IndicatorLabel("nope", "de"), "nope"},
		{PhenomenonLabel("mixed_unclear", "en"), "mixed_unclear"},
		{UnitLabel("euro", "de"), "euro"},
		{IndicatorUnit("nope"), ""},
		{IndicatorUnit("extremist_share_of_pmk"), "percent"},
	}
	for i, tt := range tests {
		if tt.got != tt.want {
			t.Errorf("%d: got %q, want %q", i, tt.got, tt.want)
		}
	}
}

func TestSuggest(t *testing.T) {
	known := Indicators()
	for in, want := range map[string]string{
		"pmk_case":           "pmk_cases",
		"Person Potential":   "person_potential",
		"violence-oriented":  "violence_oriented",
		"gefahrder":          "gefaehrder",
		"hate_crime":         "",
		"":                   "",
		"salafist_potential": "salafist_potential",
	} {
		if got := suggest(in, known); got != want {
			t.Errorf("suggest(%q) = %q, want %q", in, got, want)
		}
	}
}

// TestFigureNames: every series of the embedded figures has one name per
// language, no two series share it, police series name their area the PMK
// way ("PMK -rechts-") and Verfassungsschutz series the extremism way
// ("Rechtsextremismus"), never the bare "Rechts".
func TestFigureNames(t *testing.T) {
	for _, lang := range []i18n.Lang{i18n.DE, i18n.EN} {
		owner := map[string][2]string{}
		for _, f := range Embedded() {
			name := Name(f.Indicator, f.Phenomenon, lang)
			if o, ok := owner[name]; ok && o != [2]string{f.Indicator, f.Phenomenon} {
				t.Errorf("%s: %q names both %v and %s/%s", lang, name, o, f.Indicator, f.Phenomenon)
			}
			owner[name] = [2]string{f.Indicator, f.Phenomenon}
			area := PhenomenonLabelOf(f.Indicator, f.Phenomenon, lang)
			police := slices.Contains(policeIndicators, f.Indicator)
			if lang == i18n.DE && police && f.Phenomenon != "total" && f.Phenomenon != "reichsbuerger" && !strings.HasPrefix(area, "PMK") {
				t.Errorf("police series %s/%s is named %q", f.Indicator, f.Phenomenon, area)
			}
			if lang == i18n.DE && !police && (f.Phenomenon == "right_wing" || f.Phenomenon == "left_wing") && !strings.HasSuffix(area, "extremismus") {
				t.Errorf("Verfassungsschutz series %s/%s is named %q", f.Indicator, f.Phenomenon, area)
			}
		}
	}
}
