package importer

import (
	"path/filepath"
	"strings"
	"testing"
)

func TestLoadKey(t *testing.T) {
	dir := t.TempDir()
	good := writeFile(t, dir, "key", "0123456789abcdefXYZ\n")
	t.Setenv(KeyEnv, "")
	k, err := LoadKey(good)
	if err != nil || string(k) != "0123456789abcdefXYZ" {
		t.Fatalf("LoadKey = %q, %v", k, err)
	}
	crlf := writeFile(t, dir, "crlf", "0123456789abcdef\r\n")
	if k, err := LoadKey(crlf); err != nil || string(k) != "0123456789abcdef" {
		t.Errorf("CRLF key = %q, %v", k, err)
	}
	short := writeFile(t, dir, "short", "tooshort\n")
	if _, err := LoadKey(short); err == nil || !strings.Contains(err.Error(), "too short: 8 bytes, need at least 16") {
		t.Errorf("short key: %v", err)
	}
	empty := writeFile(t, dir, "empty", "\n")
	if _, err := LoadKey(empty); err == nil || !strings.Contains(err.Error(), "is empty") {
		t.Errorf("empty key: %v", err)
	}
	if _, err := LoadKey(filepath.Join(dir, "missing")); err == nil {
		t.Error("missing key file accepted")
	}
	// No file: the environment, or nothing.
	if k, err := LoadKey(""); k != nil || err != nil {
		t.Errorf("no key = %q, %v", k, err)
	}
	t.Setenv(KeyEnv, "env-key-of-sufficient-length")
	if k, err := LoadKey(""); err != nil || string(k) != "env-key-of-sufficient-length" {
		t.Errorf("env key = %q, %v", k, err)
	}
	t.Setenv(KeyEnv, "short")
	if _, err := LoadKey(""); err == nil || !strings.Contains(err.Error(), KeyEnv) {
		t.Errorf("short env key: %v", err)
	}
}
