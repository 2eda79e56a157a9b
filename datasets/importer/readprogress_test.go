package importer

import (
	"context"
	"os"
	"path/filepath"
	"testing"
)

// OnRead follows a CSV file from its first rows to its end: rows every
// readProgressEvery, bytes growing up to the file's size, Done once at
// the end with every row.
func TestOnReadFollowsTheFile(t *testing.T) {
	dir := t.TempDir()
	src := filepath.Join(dir, "cases.csv")
	const n = 3*readProgressEvery + 100
	writeBenchCSV(t, src, n)
	st, err := os.Stat(src)
	if err != nil {
		t.Fatal(err)
	}
	var got []ReadProgress
	opts := Options{Key: testKey, OnRead: func(p ReadProgress) { got = append(got, p) }}
	if _, err := ImportToStore(context.Background(), filepath.Join(dir, "s.db"), []string{src}, opts); err != nil {
		t.Fatal(err)
	}
	if len(got) != 4 {
		t.Fatalf("%d calls, want 4: %+v", len(got), got)
	}
	var lastBytes int64
	for i, p := range got {
		if p.File != src || p.Size != st.Size() {
			t.Errorf("call %d: %+v, want file %s of %d bytes", i, p, src, st.Size())
		}
		if p.Bytes < lastBytes || p.Bytes > p.Size || p.Bytes == 0 {
			t.Errorf("call %d: bytes %d after %d, size %d", i, p.Bytes, lastBytes, p.Size)
		}
		lastBytes = p.Bytes
		if last := i == len(got)-1; p.Done != last {
			t.Errorf("call %d: done %v", i, p.Done)
		}
		if i < 3 && p.Rows != int64(i+1)*readProgressEvery {
			t.Errorf("call %d: rows %d", i, p.Rows)
		}
	}
	if end := got[len(got)-1]; end.Rows != n || end.Bytes != st.Size() {
		t.Errorf("end %+v, want %d rows and all %d bytes", end, n, st.Size())
	}
}
