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
		// "series break: changed counting method (geänderte Zählweise); rounded"
		{Key{2016, "person_potential", "islamist"}, []string{FlagSeriesBreak, FlagApprox}},
		// "low confidence; counting method changed in 2016, not comparable with later years"
		{Key{2015, "person_potential", "islamist"}, []string{FlagSeriesBreak, FlagWeakSource}},
		// "series break: from 2019 AfD 'Flügel' and Junge Alternative members counted"
		{Key{2019, "person_potential", "right_wing"}, []string{FlagSeriesBreak}},
		// "weaker source (blog); consistent with neighbouring years"
		{Key{2020, "person_potential", "islamist"}, []string{FlagWeakSource}},
		// "weaker source (English news aggregator)"
		{Key{2024, "extremist_attempted_homicides", "right_wing"}, []string{FlagWeakSource}},
		// "first year counted; described as not yet reliable (noch nicht belastbar)"
		{Key{2016, "person_potential", "reichsbuerger"}, []string{FlagWeakSource}},
		// "approx., 'etwa 20.200' as stated by the minister"
		{Key{2021, "extremist_offences", "right_wing"}, []string{FlagApprox}},
		// "approx."
		{Key{2018, "gefaehrder", "religious_ideology"}, []string{FlagApprox}},
		// "preliminary figure at time of report"
		{Key{2019, "pmk_violent_cases", "right_wing"}, []string{FlagPreliminary}},
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
