package sdc

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func writeConfig(t *testing.T, content string) string {
	t.Helper()
	path := filepath.Join(t.TempDir(), "sdc.conf")
	if err := os.WriteFile(path, []byte(content), 0o600); err != nil {
		t.Fatal(err)
	}
	return path
}

func TestLoadConfigGood(t *testing.T) {
	tests := []struct {
		name, content string
		want          Params
	}{
		{"empty", "", DefaultParams()},
		{"comments only", "# nothing set\n\n   # indented\n", DefaultParams()},
		{"all keys", "max_deviation = 3\nvariance = 2.5\nk = 10\n", Params{D: 3, V: 2.5, K: 10}},
		{"partial", "# raise k only\nk=7\n", Params{D: 2, V: 1, K: 7}},
		{"spacing and inline comments",
			"\uFEFF  variance   =   1.5   # a bit more noise\r\n\tk = 3 # minimum\r\n",
			Params{D: 2, V: 1.5, K: 3}},
		{"no trailing newline", "max_deviation = 4\nvariance = 3", Params{D: 4, V: 3, K: 5}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			got, err := LoadConfig(writeConfig(t, tc.content))
			if err != nil {
				t.Fatalf("LoadConfig: %v", err)
			}
			if got != tc.want {
				t.Fatalf("LoadConfig = %+v, want %+v", [3]any{got.D, got.V, got.K}, [3]any{tc.want.D, tc.want.V, tc.want.K})
			}
		})
	}
}

func TestLoadConfigBad(t *testing.T) {
	tests := []struct {
		name, content string
		want          []string // substrings; "FILE" stands for the path
	}{
		{"unknown key", "k = 5\n# comment\nmax_dev = 2\n", []string{"FILE:3:", "unknown key", "max_dev"}},
		{"key case", "K = 5\n", []string{"FILE:1:", "unknown key"}},
		{"no equals", "\nk 5\n", []string{"FILE:2:", "key = value"}},
		{"empty value", "variance =\n", []string{"FILE:1:", "no value"}},
		{"bad int", "max_deviation = 2.5\n", []string{"FILE:1:", "max_deviation", "invalid value"}},
		{"bad k", "k = five\n", []string{"FILE:1:", "k", "invalid value"}},
		{"bad float", "variance = 1,5\n", []string{"FILE:1:", "variance", "invalid value"}},
		{"duplicate", "k = 5\nk = 6\n", []string{"FILE:2:", "already set on line 1"}},
		{"k too small", "k = 2\n", []string{"FILE", "k must be at least 3"}},
		{"variance unattainable", "max_deviation = 1\nvariance = 1\n", []string{"FILE", "not attainable"}},
		{"variance NaN", "variance = NaN\n", []string{"FILE", "finite"}},
		{"zero deviation", "max_deviation = 0\n", []string{"FILE", "max_deviation must be at least 1"}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			path := writeConfig(t, tc.content)
			p, err := LoadConfig(path)
			if err == nil {
				t.Fatalf("LoadConfig accepted %q: %+v", tc.content, [3]any{p.D, p.V, p.K})
			}
			for _, w := range tc.want {
				w = strings.ReplaceAll(w, "FILE", path)
				if !strings.Contains(err.Error(), w) {
					t.Errorf("error %q does not contain %q", err, w)
				}
			}
		})
	}
}

func TestLoadConfigMissingFile(t *testing.T) {
	if _, err := LoadConfig(filepath.Join(t.TempDir(), "absent.conf")); err == nil {
		t.Fatal("LoadConfig of a missing file succeeded")
	}
}
