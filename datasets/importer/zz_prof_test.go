package importer

import (
	"context"
	"os"
	"path/filepath"
	"testing"
	"time"
)

func TestProfileBig(t *testing.T) {
	src := os.Getenv("BIGCSV")
	if src == "" {
		t.Skip()
	}
	db := filepath.Join(t.TempDir(), "s.db")
	start := time.Now()
	rep, err := ImportToStore(context.Background(), db, []string{src}, Options{Key: testKey})
	if err != nil {
		t.Fatal(err)
	}
	t.Log(time.Since(start), rep.StoreRows)
}
