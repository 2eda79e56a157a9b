package schema

import (
	"flag"
	"os"
	"path/filepath"
	"slices"
	"testing"
)

var update = flag.Bool("update", false, "rewrite docs/case-export-schema.md")

// The provider document is the Go definition rendered; it must not drift.
func TestProviderDocInSync(t *testing.T) {
	path := filepath.Join("..", "..", "docs", "case-export-schema.md")
	want := ProviderDoc()
	if *update {
		if err := os.WriteFile(path, []byte(want), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	got, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	if string(got) != want {
		t.Fatalf("%s is out of sync with datasets/schema; run go test ./datasets/schema -update", path)
	}
}

func TestEveryCodeHasGermanAndEnglishLabel(t *testing.T) {
	for _, list := range [][]string{States, Phenomena, AgeBands, Genders, AccessRoutes, RiskLevels, Statuses, Outcomes, Relapses} {
		for _, c := range list {
			if _, ok := labels[c]; !ok {
				t.Errorf("code %q has no label", c)
			}
		}
	}
	for _, c := range Columns {
		if _, ok := labels[c.Name]; !ok {
			t.Errorf("column %q has no label", c.Name)
		}
	}
}

func TestAgeBands(t *testing.T) {
	cases := map[int]string{10: "under_14", 13: "under_14", 14: "14_17", 17: "14_17", 18: "18_20",
		20: "18_20", 21: "21_24", 24: "21_24", 25: "25_29", 29: "25_29", 30: "30_39", 39: "30_39", 40: "40_plus", 99: "40_plus"}
	for age, want := range cases {
		if got := AgeBand(age); got != want {
			t.Errorf("AgeBand(%d) = %s, want %s", age, got, want)
		}
		if !slices.Contains(AgeBands, AgeBand(age)) {
			t.Errorf("AgeBand(%d) not in the code list", age)
		}
	}
}
