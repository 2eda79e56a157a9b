package queries

import (
	"context"
	"fmt"
	"sync"
	"testing"
)

// TestStmtCacheBounded: with more statement texts than the cache holds,
// queries on many goroutines still get their rows (an evicted statement is
// closed only once no query is starting on it), and the cache keeps no more
// than its maximum.
func TestStmtCacheBounded(t *testing.T) {
	ctx := context.Background()
	s := openCases(t, randomCases(1, 300), nil)
	s.stmts.max = 3
	var wg sync.WaitGroup
	errs := make(chan error, 64)
	for g := range 8 {
		wg.Go(func() {
			for i := range 60 {
				k := (g + i) % 9 // nine texts for a cache of three
				var got int64
				rows, err := s.query(ctx, fmt.Sprintf("SELECT count(*) + %d FROM case_records WHERE rkey >= $lo", k), 0)
				if err != nil {
					errs <- err
					return
				}
				for rows.Next() {
					if err := rows.Scan(&got); err != nil {
						errs <- err
					}
				}
				rows.Close()
				if got != 300+int64(k) {
					errs <- fmt.Errorf("text %d gave %d, want %d", k, got, 300+k)
					return
				}
				var one int64
				if err := s.queryRow(ctx, fmt.Sprintf("SELECT %d + $x", k), 1).Scan(&one); err != nil || one != int64(k)+1 {
					errs <- fmt.Errorf("one row of text %d: %d, %v", k, one, err)
					return
				}
			}
		})
	}
	wg.Wait()
	close(errs)
	for err := range errs {
		t.Error(err)
	}
	s.stmts.mu.Lock()
	defer s.stmts.mu.Unlock()
	if n := len(s.stmts.entries); n > 3 {
		t.Errorf("%d statements cached, want at most 3", n)
	}
}
