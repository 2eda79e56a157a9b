package figures

import (
	"errors"
	"strings"
	"testing"
)

func TestMergeLaterWins(t *testing.T) {
	base := Embedded()
	user, err := loadString(testHeader +
		// replaces the embedded 2024 right-wing person potential
		"2024,person_potential,right_wing,50300,persons,BfV: Verfassungsschutzbericht 2024,https://example.org/vsb2024,corrected\n" +
		// new key
		"2025,person_potential,right_wing,51000,persons,BfV: Verfassungsschutzbericht 2025,https://example.org/vsb2025,\n")
	if err != nil {
		t.Fatal(err)
	}
	merged, err := Merge(base, user)
	if err != nil {
		t.Fatal(err)
	}
	if len(merged) != len(base)+1 {
		t.Fatalf("%d figures, want %d", len(merged), len(base)+1)
	}
	for i, f := range base {
		k := f.Key()
		if k == (Key{2024, "person_potential", "right_wing"}) {
			if merged[i] != user[0] {
				t.Errorf("figure %d = %+v, want the user's %+v in its place", i, merged[i], user[0])
			}
			continue
		}
		if merged[i] != f {
			t.Errorf("figure %d = %+v, want %+v", i, merged[i], f)
		}
	}
	if last := merged[len(merged)-1]; last != user[1] {
		t.Errorf("last figure %+v, want %+v", last, user[1])
	}

	// Three sets: the last one wins.
	third, err := Load(strings.NewReader(testHeader+
		"2024,person_potential,right_wing,50250,persons,taz,https://taz.de,\n"), "third.csv")
	if err != nil {
		t.Fatal(err)
	}
	merged, err = Merge(base, user, third)
	if err != nil {
		t.Fatal(err)
	}
	for _, f := range merged {
		if f.Key() == (Key{2024, "person_potential", "right_wing"}) && (f.File != "third.csv" || f.Value != 50250) {
			t.Errorf("got %+v, want the figure from third.csv", f)
		}
	}
}

func TestMergeRejects(t *testing.T) {
	ok := Figure{Year: 2023, Indicator: "pmk_cases", Phenomenon: "total", Value: 60028, Unit: "cases",
		Source: "BKA", SourceRef: "https://bka.de", File: "a.csv", Line: 2}
	dup := ok
	dup.Line = 7
	noSource := ok
	noSource.Year, noSource.Source, noSource.Line = 2022, "", 3
	negative := ok
	negative.Year, negative.Value, negative.File, negative.Line = 2021, -3, "b.csv", 4

	_, err := Merge([]Figure{ok, noSource, dup}, []Figure{negative})
	var le *LoadError
	if !errors.As(err, &le) {
		t.Fatalf("error %v, want *LoadError", err)
	}
	want := "a.csv:3: source: missing; every figure needs its source (title of the publication)\n" +
		"a.csv:7: duplicate of line 2: same year 2023, indicator pmk_cases and phenomenon total\n" +
		"b.csv:4: value \"-3\": negative; a figure must be ≥ 0"
	if le.Error() != want {
		t.Errorf("error:\n got %s\nwant %s", le.Error(), want)
	}

	// The same key in two different sets is no error: the later wins.
	if _, err := Merge([]Figure{ok}, []Figure{dup}); err != nil {
		t.Errorf("same key in two sets: %v", err)
	}
}

func TestMergeEmpty(t *testing.T) {
	got, err := Merge()
	if err != nil || len(got) != 0 {
		t.Errorf("Merge() = %v, %v", got, err)
	}
}
