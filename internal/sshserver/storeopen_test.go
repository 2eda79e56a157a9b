package sshserver

import (
	"context"
	"path/filepath"
	"strings"
	"testing"
)

// TestStoreOpenerLogsCubeBuild: the first open of a store file logs that
// the cube file is built and, when it is, that it was built and in how
// many seconds; the next open, with the cube file there, logs nothing.
func TestStoreOpenerLogsCubeBuild(t *testing.T) {
	if testing.Short() {
		t.Skip("imports")
	}
	db := filepath.Join(t.TempDir(), "cases.db")
	importStore(t, db, 300, 1)
	type entry struct {
		msg string
		kv  []any
	}
	var lines []entry
	log := func(msg string, kv ...any) { lines = append(lines, entry{msg, kv}) }
	open := storeOpener(Config{DBPath: db}, log)
	for i := range 2 {
		st, _, err := open(context.Background(), true)
		if err != nil {
			t.Fatal(err)
		}
		st.Close()
		if i == 0 {
			if len(lines) != 2 || !strings.HasPrefix(lines[0].msg, "building the cube file") || lines[1].msg != "cube file built" {
				t.Fatalf("first open logged %v, want the build and its end", lines)
			}
			if secs, ok := valueOf(lines[1].kv, "seconds").(float64); !ok || secs < 0 {
				t.Errorf("the end of the build logged %v, want its seconds", lines[1].kv)
			}
			lines = nil
		}
	}
	if len(lines) != 0 {
		t.Errorf("second open logged %v", lines)
	}
}

// valueOf is the value after key in the key-value pairs kv, nil if none.
func valueOf(kv []any, key string) any {
	for i := 0; i+1 < len(kv); i += 2 {
		if kv[i] == key {
			return kv[i+1]
		}
	}
	return nil
}
