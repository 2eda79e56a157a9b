package views

import (
	"context"
	"sync"
	"testing"

	"lagebild/datasets/sample"
	"lagebild/queries"
)

var (
	storeOnce sync.Once
	store     *queries.Store
	storeErr  error
)

// sampleStore opens the embedded synthetic sample once for the package's
// tests: real DuckDB, real protection.
func sampleStore(tb testing.TB) *queries.Store {
	tb.Helper()
	storeOnce.Do(func() {
		store, storeErr = queries.Open(context.Background(), queries.OpenOptions{Fill: sample.Fill(nil)})
	})
	if storeErr != nil {
		tb.Fatalf("opening the sample: %v", storeErr)
	}
	return store
}
