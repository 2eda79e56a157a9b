package sshserver

import (
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// An authorized-keys file that others could change, or that sits in a
// directory where others could replace it, is refused when the server
// starts; a file that group and others may only read is fine.
func TestAuthorizedKeysOpenToOthersRefused(t *testing.T) {
	line := newTestKey(t).line("", "") + "\n"
	cases := []struct {
		name          string
		file, dir     os.FileMode
		wantRefused   bool
		wantInMessage string
	}{
		{"owner only", 0o600, 0o700, false, ""},
		{"readable by all", 0o644, 0o755, false, ""},
		{"world-writable file", 0o666, 0o700, true, "authorized_keys: mode 0666"},
		{"group-writable file", 0o660, 0o700, true, "mode 0660"},
		{"world-writable directory", 0o600, 0o777, true, "mode 0777"},
		{"world-writable sticky directory", 0o600, 0o1777, true, "mode 0777"},
		{"group-writable directory", 0o600, 0o770, true, "mode 0770"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			dir := filepath.Join(t.TempDir(), "keys")
			path := filepath.Join(dir, "authorized_keys")
			if err := os.Mkdir(dir, 0o700); err != nil {
				t.Fatal(err)
			}
			if err := os.WriteFile(path, []byte(line), 0o600); err != nil {
				t.Fatal(err)
			}
			mustChmod(t, path, tc.file)
			mustChmod(t, dir, tc.dir)
			defer os.Chmod(dir, 0o700)
			_, err := newKeyFile(path, func(string, ...any) {})
			var unsafe *UnsafeFileError
			if got := errors.As(err, &unsafe); got != tc.wantRefused {
				t.Fatalf("refused %v (%v), want %v", got, err, tc.wantRefused)
			}
			if tc.wantRefused && !strings.Contains(err.Error(), tc.wantInMessage) {
				t.Errorf("error %q lacks %q", err, tc.wantInMessage)
			}
		})
	}
}

// A file owned by another user is refused, unless root owns it.
func TestAuthorizedKeysOfAnotherUserRefused(t *testing.T) {
	if os.Geteuid() != 0 {
		t.Skip("making a file of another user needs root")
	}
	path := filepath.Join(t.TempDir(), "authorized_keys")
	if err := os.WriteFile(path, []byte(newTestKey(t).line("", "")+"\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.Chown(path, 65534, 65534); err != nil {
		t.Fatal(err)
	}
	var unsafe *UnsafeFileError
	if _, err := LoadAuthorizedKeys(path); !errors.As(err, &unsafe) || !strings.Contains(err.Error(), "owned by uid 65534") {
		t.Errorf("a file of uid 65534: %v, want *UnsafeFileError", err)
	}
}

// A host key another user owns is refused even with mode 0600: whoever
// owns it can read it and pose as the server.
func TestHostKeyOfAnotherUserRefused(t *testing.T) {
	if os.Geteuid() != 0 {
		t.Skip("making a file of another user needs root")
	}
	p := filepath.Join(t.TempDir(), "host_ed25519")
	if _, _, err := LoadOrCreateHostKey(p); err != nil {
		t.Fatal(err)
	}
	if err := os.Chown(p, 65534, 65534); err != nil {
		t.Fatal(err)
	}
	var unsafe *UnsafeFileError
	if _, _, err := LoadOrCreateHostKey(p); !errors.As(err, &unsafe) || !strings.Contains(err.Error(), "owned by uid 65534") {
		t.Errorf("a host key of uid 65534: %v, want *UnsafeFileError", err)
	}
	for _, perm := range []os.FileMode{0o640, 0o604, 0o620} {
		if err := os.Chown(p, os.Geteuid(), os.Getegid()); err != nil {
			t.Fatal(err)
		}
		mustChmod(t, p, perm)
		if _, _, err := LoadOrCreateHostKey(p); !errors.As(err, &unsafe) {
			t.Errorf("host key mode %#o: %v, want *UnsafeFileError", perm, err)
		}
	}
}

func mustChmod(t *testing.T, path string, perm os.FileMode) {
	t.Helper()
	if err := os.Chmod(path, perm); err != nil {
		t.Fatal(err)
	}
}
