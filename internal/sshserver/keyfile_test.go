package sshserver

import (
	"os"
	"path/filepath"
	"testing"
	"time"
)

// A failure to reload the authorized keys is logged once per cause: once
// while the file is gone or open to others (no key is in force then), once
// per unusable version of it (the keys in force stay).
func TestKeyFileLogsEachFailureOnce(t *testing.T) {
	a, b := newTestKey(t), newTestKey(t)
	path := filepath.Join(t.TempDir(), "authorized_keys")
	write := func(text string) {
		t.Helper()
		tmp := path + ".new"
		if err := os.WriteFile(tmp, []byte(text), 0o600); err != nil {
			t.Fatal(err)
		}
		if err := os.Rename(tmp, path); err != nil {
			t.Fatal(err)
		}
	}
	write(a.line("", "") + "\n")
	var logged []string
	k, err := newKeyFile(path, func(msg string, _ ...any) { logged = append(logged, msg) })
	if err != nil {
		t.Fatal(err)
	}
	// check looks at the file now (not waiting keyRecheck) and returns
	// the number of keys in force and what was logged since the last call.
	check := func() (int, int) {
		k.checked = time.Time{}
		n := k.current().Len()
		got := len(logged)
		logged = nil
		return n, got
	}
	steps := []struct {
		what      string
		change    func()
		keys, log int
	}{
		{"unchanged", func() {}, 1, 0},
		{"a broken edit", func() { write(a.line("", "") + "\ngarbage line\n") }, 1, 1},
		{"the same broken file again", func() {}, 1, 0},
		{"another broken edit", func() { write("still garbage\n") }, 1, 1},
		{"the file removed", func() { os.Remove(path) }, 0, 1},
		{"still removed", func() {}, 0, 0},
		{"a broken file while removed", func() { write("garbage\n") }, 0, 1},
		{"a good file", func() { write(a.line("", "") + "\n" + b.line("", "") + "\n") }, 2, 1},
		{"the file world-writable", func() { os.Chmod(path, 0o646) }, 0, 1},
		{"still world-writable", func() {}, 0, 0},
		{"the file group-writable", func() { os.Chmod(path, 0o620) }, 0, 0},
		{"the mode fixed", func() { os.Chmod(path, 0o600) }, 2, 1},
		{"the directory world-writable", func() { os.Chmod(filepath.Dir(path), 0o777) }, 0, 1},
		{"the directory fixed", func() { os.Chmod(filepath.Dir(path), 0o700) }, 2, 1},
		{"removed again", func() { os.Remove(path) }, 0, 1},
	}
	for _, s := range steps {
		s.change()
		if keys, log := check(); keys != s.keys || log != s.log {
			t.Errorf("%s: %d keys in force, %d log lines; want %d, %d", s.what, keys, log, s.keys, s.log)
		}
	}
}
