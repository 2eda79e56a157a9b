package queries

import (
	"errors"
	"testing"
)

// Every choice of every field survives Flags → ParseFlags, alone and all
// together, and the string reads as `lagebild brief`'s flags.
func TestFlagsRoundTrip(t *testing.T) {
	var all Filter
	for _, d := range FilterFields {
		for _, opt := range d.Options([]int{2019, 2020, 2021, 2022, 2023}) {
			f := d.With(Filter{}, opt)
			if f.Validate() != nil {
				continue
			}
			back, err := ParseFlags(f.Flags())
			if err != nil || back.Key() != f.Key() {
				t.Errorf("%s=%s: %q parsed to %q, %v", d.Name, opt, f.Flags(), back.Key(), err)
			}
			all = f
		}
		all = d.With(all, d.Options([]int{2023})[len(d.Options([]int{2023}))-1])
	}
	back, err := ParseFlags(all.Flags())
	if err != nil || back.Key() != all.Key() {
		t.Errorf("%q parsed to %q, %v", all.Flags(), back.Key(), err)
	}
	if got := (Filter{FromYear: 2020, ToYear: 2022, Phenomena: []string{"islamist"}}).Flags(); got != "--years 2020-2022 --phenomenon islamist" {
		t.Errorf("Flags = %q", got)
	}
	if f, err := ParseFlags("--phenomenon=islamist --years 2023"); err != nil || f.FromYear != 2023 || f.Phenomena[0] != "islamist" {
		t.Errorf("= form: %+v, %v", f, err)
	}
}

// A string outside the bounded filter space is refused with the field named.
func TestParseFlagsRefuses(t *testing.T) {
	for _, s := range []string{"--years 2019-2023", "--phenomenon nonsense", "--gender f", "--custody maybe", "--state", "years 2020"} {
		_, err := ParseFlags(s)
		var fe *FilterError
		if !errors.As(err, &fe) {
			t.Errorf("%q: %v, want a FilterError", s, err)
		}
	}
}

// The dimensions of tables map to the fields that filter on them.
func TestFieldOfDimension(t *testing.T) {
	for dim, want := range map[string]string{"intake_year": "years", "closed_year": "years", "phenomenon": "phenomenon", "age_band": "age-band", "state": "state"} {
		if d, ok := FieldOfDimension(dim); !ok || d.Name != want {
			t.Errorf("%s: %v %v", dim, d, ok)
		}
	}
	if _, ok := FieldOfDimension("gender"); ok {
		t.Error("gender is no filter field")
	}
}
