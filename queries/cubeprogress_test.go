package queries

import (
	"context"
	"path/filepath"
	"testing"
)

// TestCubeProgress: a build of the cube file tells OnCubeProgress after
// each of its steps, one more done each time, of one total, the last
// call with every step done; opening the store with the cube built tells
// nothing.
func TestCubeProgress(t *testing.T) {
	path := filepath.Join(t.TempDir(), "store.duckdb")
	writeStoreFile(t, path, cubeCases(500))
	var calls [][2]int
	opts := OpenOptions{Path: path, Threads: 1, Cube: CubeBuild,
		OnCubeProgress: func(done, total int) { calls = append(calls, [2]int{done, total}) }}
	openCubeStore(t, opts).Close()
	if len(calls) < 2 {
		t.Fatalf("%d progress calls for a build", len(calls))
	}
	total := calls[0][1]
	for i, c := range calls {
		if c != [2]int{i + 1, total} {
			t.Fatalf("call %d: %d of %d, want %d of %d", i, c[0], c[1], i+1, total)
		}
	}
	if len(calls) != total {
		t.Errorf("%d calls for %d steps", len(calls), total)
	}
	calls = nil
	s, err := Open(context.Background(), opts)
	if err != nil {
		t.Fatal(err)
	}
	s.Close()
	if len(calls) != 0 {
		t.Errorf("a fresh cube file, but %d progress calls", len(calls))
	}
}
