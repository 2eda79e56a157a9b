package sshserver

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	tea "charm.land/bubbletea/v2"

	"lagebild/datasets/importer"
	"lagebild/datasets/synth"
	"lagebild/queries"
)

// importStore generates n synthetic cases and imports them into a new
// store file at path.
func importStore(t *testing.T, path string, n int, seed uint64) {
	t.Helper()
	csv := path + ".csv"
	if err := synth.WriteFile(context.Background(), csv, synth.Config{Cases: n, Seed: seed}); err != nil {
		t.Fatal(err)
	}
	key := []byte("store e2e test: pseudonymisation key")
	if _, err := importer.ImportToStore(context.Background(), path, []string{csv}, importer.Options{Key: key}); err != nil {
		t.Fatal(err)
	}
}

// TestStoreFileReplacedWhileServing: a new import swapped in while a
// session runs is opened for the next session; the running session keeps
// working on its store, which is closed after it ends.
func TestStoreFileReplacedWhileServing(t *testing.T) {
	if testing.Short() {
		t.Skip("imports")
	}
	t.Run("hard link", func(t *testing.T) { testStoreReplaced(t, false) })
	t.Run("private copy", func(t *testing.T) { testStoreReplaced(t, true) })
}

func testStoreReplaced(t *testing.T, noLink bool) {
	if noLink {
		linkFile = func(string, string) error { return os.ErrPermission }
		defer func() { linkFile = os.Link }()
	}
	dir := t.TempDir()
	db := filepath.Join(dir, "cases.db")
	importStore(t, db, 400, 1)
	var mu sync.Mutex
	stores := map[string]*queries.Store{}
	k := newTestKey(t)
	ts := startServer(t, []string{k.line("role=analyst", "")}, func(c *Config) {
		c.DBPath = db
		c.OpenStore = nil // the default: queries.Open(DBPath), read-only
		c.NewModel = func(s *Session) tea.Model {
			mu.Lock()
			stores[s.ID] = s.Store
			mu.Unlock()
			return DefaultModel(s)
		}
	})
	a, err := ts.openTUI(k, 100, 30)
	if err != nil {
		t.Fatal(err)
	}
	defer a.close()
	if err := a.waitFor(20*time.Second, "New intakes"); err != nil {
		t.Fatal(err)
	}
	// `lagebild import` builds beside and renames over the served file.
	next := filepath.Join(dir, "next.db")
	importStore(t, next, 900, 2)
	if err := os.Rename(next, db); err != nil {
		t.Fatal(err)
	}
	b, err := ts.openTUI(k, 100, 30)
	if err != nil {
		t.Fatal(err)
	}
	defer b.close()
	if err := b.waitFor(20*time.Second, "New intakes"); err != nil {
		t.Fatal(err)
	}
	// The running session still works on its store.
	for _, v := range []struct{ key, mark string }{{"4", "Relapse rate by subgroup"}, {"5", "Completeness per column"}, {"1", "New intakes"}} {
		a.send(v.key)
		if err := a.waitFor(20*time.Second, v.mark); err != nil {
			t.Fatalf("old session after the swap: %v", err)
		}
	}
	mu.Lock()
	var got []*queries.Store
	for _, s := range stores {
		got = append(got, s)
	}
	mu.Unlock()
	if len(got) != 2 || got[0] == got[1] {
		t.Fatalf("sessions got stores %v; log:\n%s", got, ts.logBuf.String())
	}
	count := func(st *queries.Store) (int64, error) {
		res, err := st.Console(context.Background(), "SELECT count(*) FROM cases", queries.ConsoleLimits{})
		if err != nil {
			return 0, err
		}
		return res.Rows[0][0].(int64), nil
	}
	counts := map[int64]bool{}
	for _, st := range got {
		n, err := count(st)
		if err != nil {
			t.Fatal(err)
		}
		counts[n] = true
	}
	if !counts[400] || !counts[900] {
		t.Fatalf("case counts %v, want 400 (old session) and 900 (new session)", counts)
	}
	if !strings.Contains(ts.logBuf.String(), "store file replaced") {
		t.Errorf("no log line:\n%s", ts.logBuf.String())
	}
	// The old store closes when its last session ends.
	a.send("q")
	if _, err := a.wait(10 * time.Second); err != nil {
		t.Fatal(err)
	}
	deadline := time.Now().Add(5 * time.Second)
	for {
		closed := 0
		for _, st := range got {
			if _, err := count(st); err != nil {
				closed++
			}
		}
		if closed == 1 {
			break
		}
		if time.Now().After(deadline) {
			t.Fatalf("%d of the stores closed, want the old one", closed)
		}
		time.Sleep(50 * time.Millisecond)
	}
	b.send("q")
	b.wait(10 * time.Second)
	// No alias is left behind.
	left, _ := filepath.Glob(filepath.Join(dir, ".lagebild-serve-*"))
	tmp, _ := filepath.Glob(filepath.Join(os.TempDir(), "lagebild-serve-*"))
	if len(left) > 0 || len(tmp) > 0 {
		t.Errorf("left behind: %v %v", left, tmp)
	}
}
