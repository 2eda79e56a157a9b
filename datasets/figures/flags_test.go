package figures

import (
	"slices"
	"testing"
)

// TestFlagsOnRealRows checks the markers on rows of the embedded file.
func TestFlagsOnRealRows(t *testing.T) {
	byKey := map[Key]Figure{}
	for _, f := range Embedded() {
		byKey[f.Key()] = f
	}
	tests := []struct {
		key  Key
		want []string
	}{
		// "series break: changed counting method (geänderte Zählweise, ...); approx. (rounded; ...)"
		{Key{2016, "person_potential", "islamist"}, []string{FlagSeriesBreak, FlagApprox}},
		// "low confidence; counting method changed in 2016, ...; weak source (tabloid)"
		{Key{2015, "person_potential", "islamist"}, []string{FlagSeriesBreak, FlagWeakSource}},
		// "series break: from 2019 AfD 'Flügel' and Junge Alternative members counted"
		{Key{2019, "person_potential", "right_wing"}, []string{FlagSeriesBreak}},
		// The AfD (Verdachtsfall) is counted from 2022: the break is in 2022,
		// and 2023 and 2024 are comparable with it.
		{Key{2022, "person_potential", "right_wing"}, []string{FlagSeriesBreak}},
		{Key{2023, "person_potential", "right_wing"}, nil},
		{Key{2024, "person_potential", "right_wing"}, nil},
		// "approx. ('rund'); first year the AfD (Verdachtsfall) was counted; ..."
		{Key{2022, "person_potential_afd_component", "right_wing"}, []string{FlagApprox}},
		// "weak source (English news aggregator)"
		{Key{2024, "extremist_attempted_homicides", "right_wing"}, []string{FlagWeakSource}},
		// "weak source (partisan outlet); ..."
		{Key{2024, "violence_oriented", "islamist"}, []string{FlagWeakSource}},
		// "secondary source (trade journal quoting ...)" is not a weak source.
		{Key{2020, "person_potential", "islamist"}, nil},
		// "approx. (the VSB 2016 gave 'etwa 10.000'); first year counted; described as not yet reliable ..."
		{Key{2016, "person_potential", "reichsbuerger"}, []string{FlagWeakSource, FlagApprox}},
		// "approx., 'etwa 20.200' as stated by the minister; ..."
		{Key{2021, "extremist_offences", "right_wing"}, []string{FlagApprox}},
		// "approx.; 2018 level, reference date not stated (later rows: 31 Dec)"
		{Key{2018, "gefaehrder", "religious_ideology"}, []string{FlagApprox}},
		// "approx. ('rund ein Fünftel'); period figure 2001–2022 ..."
		{Key{2022, "suspects_age_share_under18", "islamist"}, []string{FlagApprox}},
		// "consistent with BMI PMK 2020 (+10.8 % to 1,092); final value"
		{Key{2019, "pmk_violent_cases", "right_wing"}, nil},
		// "31 Dec"
		{Key{2024, "gefaehrder", "right_wing"}, nil},
		// no note
		{Key{2024, "person_potential", "islamist"}, nil},
	}
	for _, tt := range tests {
		f, ok := byKey[tt.key]
		if !ok {
			t.Errorf("%+v: not in the embedded file", tt.key)
			continue
		}
		if got := f.Flags(); !slices.Equal(got, tt.want) {
			t.Errorf("%+v (note %q): flags %q, want %q", tt.key, f.Note, got, tt.want)
		}
	}
}

func TestFlagsPhrases(t *testing.T) {
	for note, want := range map[string][]string{
		"":                                    nil,
		"Series Break in 2019":                {FlagSeriesBreak},
		"new counting method":                 {FlagSeriesBreak},
		"LOW CONFIDENCE":                      {FlagWeakSource},
		"approximately":                       {FlagApprox},
		"'etwa 5.000'":                        {FlagApprox},
		"Preliminary; rounded; weaker source": {FlagWeakSource, FlagApprox, FlagPreliminary},
		"weak source (tabloid)":               {FlagWeakSource},
	} {
		if got := (Figure{Note: note}).Flags(); !slices.Equal(got, want) {
			t.Errorf("note %q: flags %q, want %q", note, got, want)
		}
	}
}

func TestFlagLabel(t *testing.T) {
	for _, tt := range []struct{ flag, lang, want string }{
		{FlagSeriesBreak, "de", "Zeitreihenbruch"},
		{FlagWeakSource, "de_DE.UTF-8", "schwache Quelle"},
		{FlagApprox, "de", "ca."},
		{FlagPreliminary, "de", "vorläufig"},
		{FlagPreliminary, "en", "preliminary"},
		{"other", "de", "other"},
	} {
		if got := FlagLabel(tt.flag, tt.lang); got != tt.want {
			t.Errorf("FlagLabel(%q, %q) = %q, want %q", tt.flag, tt.lang, got, tt.want)
		}
	}
}
