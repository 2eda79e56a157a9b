package importer

import (
	"context"
	"errors"
	"fmt"
	"path/filepath"
	"sync"
	"testing"
	"time"
)

// Two imports into one store at once: both finish, and the store holds
// the cases of both (before the import lock, each built on the same old
// store and the later rename silently dropped the other's cases).
func TestConcurrentImportsKeepAllCases(t *testing.T) {
	dir := t.TempDir()
	db := filepath.Join(dir, "store.db")
	importOK(t, db, writeCSV(t, dir, "base.csv", baseRec("B1")))
	files := make([]string, 2)
	for i := range files {
		recs := make([]rec, 400)
		for j := range recs {
			recs[j] = baseRec(fmt.Sprintf("C%d-%d", i, j))
		}
		files[i] = writeCSV(t, dir, fmt.Sprintf("part-%d.csv", i), recs...)
	}
	var wg sync.WaitGroup
	errs := make([]error, len(files))
	for i, f := range files {
		wg.Go(func() {
			_, errs[i] = ImportToStore(context.Background(), db, []string{f}, Options{Key: testKey})
		})
	}
	wg.Wait()
	for i, err := range errs {
		if err != nil {
			t.Errorf("import %d: %v", i, err)
		}
	}
	if got := countRows(t, db); got != 801 {
		t.Errorf("the store holds %d cases, want 801 (1 + 400 + 400): an import's cases were lost", got)
	}
}

// An import that finds the lock taken says it waits, waits while it is
// held, and gives up when its context ends, leaving the store unchanged.
func TestImportWaitsForTheLock(t *testing.T) {
	dir := t.TempDir()
	db := filepath.Join(dir, "store.db")
	importOK(t, db, writeCSV(t, dir, "base.csv", baseRec("W1")))
	unlock, err := lockStore(t.Context(), db, func(string) { t.Error("the free lock was waited for") })
	if err != nil {
		t.Fatal(err)
	}

	noticed := make(chan string, 1)
	done := make(chan error, 1)
	f := writeCSV(t, dir, "more.csv", baseRec("W2"))
	go func() {
		_, err := ImportToStore(context.Background(), db, []string{f},
			Options{Key: testKey, Notice: func(msg string) { noticed <- msg }})
		done <- err
	}()
	select {
	case <-noticed:
	case <-time.After(10 * time.Second):
		t.Fatal("the second import did not say it waits")
	}
	select {
	case err := <-done:
		t.Fatalf("the import finished while the lock was held: %v", err)
	case <-time.After(3 * lockPoll):
	}
	unlock()
	if err := <-done; err != nil {
		t.Fatalf("after the lock was released: %v", err)
	}
	if got := countRows(t, db); got != 2 {
		t.Errorf("%d cases, want 2", got)
	}

	// Held again: a cancelled wait fails with the context's error.
	unlock, err = lockStore(t.Context(), db, func(string) {})
	if err != nil {
		t.Fatal(err)
	}
	defer unlock()
	ctx, cancel := context.WithTimeout(context.Background(), 3*lockPoll)
	defer cancel()
	_, err = ImportToStore(ctx, db, []string{writeCSV(t, dir, "late.csv", baseRec("W3"))}, Options{Key: testKey})
	if !errors.Is(err, context.DeadlineExceeded) {
		t.Errorf("cancelled while waiting: %v, want context.DeadlineExceeded", err)
	}
	if got := countRows(t, db); got != 2 {
		t.Errorf("%d cases after the cancelled import, want 2", got)
	}
}
