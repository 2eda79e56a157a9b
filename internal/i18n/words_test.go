package i18n

import (
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"
)

func TestEveryStringInBothLanguages(t *testing.T) {
	for k, v := range Words {
		if strings.TrimSpace(v[0]) == "" || strings.TrimSpace(v[1]) == "" {
			t.Errorf("%s lacks a translation: %q", k, v)
		}
		if strings.Count(v[0], "%") != strings.Count(v[1], "%") {
			t.Errorf("%s: German and English differ in format verbs: %q", k, v)
		}
	}
}

// TestUsedKeysExist scans the TUI's sources for string keys.
func TestUsedKeysExist(t *testing.T) {
	found := 0
	re := regexp.MustCompile(`(?:i18n\.)?[TF]\(\s*[\w.]+,\s*"([a-z][\w.]*)"|\bt\("([a-z][\w.]*)"\)|T\("([a-z][\w.]*)"\)`)
	err := filepath.WalkDir("../../tui", func(path string, d os.DirEntry, err error) error {
		if err != nil || d.IsDir() || !strings.HasSuffix(path, ".go") || strings.HasSuffix(path, "_test.go") {
			return err
		}
		src, err := os.ReadFile(path)
		if err != nil {
			return err
		}
		for _, m := range re.FindAllStringSubmatch(string(src), -1) {
			k := m[1] + m[2] + m[3]
			if strings.HasSuffix(k, ".") {
				continue // a prefix completed at run time (kf., q.f.)
			}
			found++
			if !Has(k) {
				t.Errorf("%s uses unknown string %q", path, k)
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if found < 100 {
		t.Errorf("found only %d string uses; is the scan broken?", found)
	}
	for _, k := range []string{"kf.intakes", "kf.in_progress", "kf.share_high_risk", "kf.share_not_intrinsic",
		"kf.share_multi_agency", "kf.relapse_rate", "f.group.minors", "f.group.adults"} {
		if !Has(k) {
			t.Errorf("missing %q", k)
		}
	}
}

func TestDates(t *testing.T) {
	d := time.Date(2026, time.March, 3, 0, 0, 0, 0, time.UTC)
	if got := Date(d, DE); got != "3. März 2026" {
		t.Errorf("DE %q", got)
	}
	if got := Date(d, EN); got != "3 March 2026" {
		t.Errorf("EN %q", got)
	}
}
