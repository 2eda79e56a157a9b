package importer

import (
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// writeKey writes a key file with mode perm.
func writeKey(t *testing.T, dir, name, content string, perm os.FileMode) string {
	t.Helper()
	p := filepath.Join(dir, name)
	if err := os.WriteFile(p, []byte(content), perm); err != nil {
		t.Fatal(err)
	}
	if err := os.Chmod(p, perm); err != nil { // past the umask
		t.Fatal(err)
	}
	return p
}

func TestLoadKey(t *testing.T) {
	dir := t.TempDir()
	good := writeKey(t, dir, "key", "0123456789abcdefXYZ\n", 0o600)
	t.Setenv(KeyEnv, "")
	k, err := LoadKey(good)
	if err != nil || string(k) != "0123456789abcdefXYZ" {
		t.Fatalf("LoadKey = %q, %v", k, err)
	}
	crlf := writeKey(t, dir, "crlf", "0123456789abcdef\r\n", 0o600)
	if k, err := LoadKey(crlf); err != nil || string(k) != "0123456789abcdef" {
		t.Errorf("CRLF key = %q, %v", k, err)
	}
	short := writeKey(t, dir, "short", "tooshort\n", 0o600)
	if _, err := LoadKey(short); !errors.Is(err, ErrWeakKey) || !strings.Contains(err.Error(), "too short: 8 bytes, need at least 16") {
		t.Errorf("short key: %v", err)
	}
	empty := writeKey(t, dir, "empty", "\n", 0o600)
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
	if _, err := LoadKey(""); !errors.Is(err, ErrWeakKey) || !strings.Contains(err.Error(), KeyEnv) {
		t.Errorf("short env key: %v", err)
	}
}

// Keys that are long enough but easy to guess are refused, from a file,
// from the environment and as Options.Key: the rule is at least MinKeyLen
// bytes and at least MinKeyDistinct distinct ones.
func TestWeakKeysRefused(t *testing.T) {
	dir := t.TempDir()
	t.Setenv(KeyEnv, "")
	weak := map[string]string{
		"20 spaces":          strings.Repeat(" ", 20),
		"16 times a":         strings.Repeat("a", 16),
		"whitespace":         strings.Repeat(" \t\v\f", 8),
		"a short pattern":    strings.Repeat("abc123", 6),
		"seven distinct":     strings.Repeat("abcdefg", 4),
		"long but one value": strings.Repeat("x", 4096),
	}
	for name, key := range weak {
		p := writeKey(t, dir, "weak", key+"\n", 0o600)
		if _, err := LoadKey(p); !errors.Is(err, ErrWeakKey) {
			t.Errorf("%s from a file: %v, want ErrWeakKey", name, err)
		}
		t.Setenv(KeyEnv, key)
		if _, err := LoadKey(""); !errors.Is(err, ErrWeakKey) {
			t.Errorf("%s from %s: %v, want ErrWeakKey", name, KeyEnv, err)
		}
		t.Setenv(KeyEnv, "")
		f := writeCSV(t, dir, "e.csv", baseRec("W1"))
		if _, err := Validate(t.Context(), []string{f}, Options{Key: []byte(key)}); !errors.Is(err, ErrWeakKey) {
			t.Errorf("%s as Options.Key: %v, want ErrWeakKey", name, err)
		}
	}
	eight := strings.Repeat("abcdefgh", 2)
	if k, err := strongKey([]byte(eight), "test"); err != nil || string(k) != eight {
		t.Errorf("16 bytes, 8 distinct: %q, %v; want accepted", k, err)
	}
}

// A key file others may read, or anyone but its owner may write, is
// refused; a key file the owner's group may read is accepted.
func TestKeyFileOpenToOthersRefused(t *testing.T) {
	dir := t.TempDir()
	t.Setenv(KeyEnv, "")
	const key = "0123456789abcdef-key-file\n"
	for _, perm := range []os.FileMode{0o644, 0o604, 0o666, 0o620, 0o602, 0o660} {
		p := writeKey(t, dir, "k", key, perm)
		if _, err := LoadKey(p); !errors.Is(err, ErrKeyFileMode) {
			t.Errorf("mode %#o: %v, want ErrKeyFileMode", perm, err)
		}
	}
	for _, perm := range []os.FileMode{0o600, 0o400, 0o640} {
		p := writeKey(t, dir, "k", key, perm)
		if _, err := LoadKey(p); err != nil {
			t.Errorf("mode %#o: %v, want accepted", perm, err)
		}
	}
	if _, err := LoadKey(dir); err == nil {
		t.Error("a directory as key file accepted")
	}
}

// --key-file and the environment variable together are refused, naming
// both: which key was meant cannot be told.
func TestKeyFromTwoSourcesRefused(t *testing.T) {
	p := writeKey(t, t.TempDir(), "k", "0123456789abcdef-file\n", 0o600)
	t.Setenv(KeyEnv, "0123456789abcdef-environment")
	_, err := LoadKey(p)
	if !errors.Is(err, ErrAmbiguousKey) || !strings.Contains(err.Error(), p) || !strings.Contains(err.Error(), KeyEnv) {
		t.Errorf("file and environment: %v, want ErrAmbiguousKey naming %s and %s", err, p, KeyEnv)
	}
}
