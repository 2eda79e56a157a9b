package queries

import (
	"context"
	"fmt"
	"slices"
	"strings"
	"sync"
)

// resultCache keeps the exact results of case queries, keyed by the
// statement's text and bound values, so that a repeated filter (going back
// to an earlier selection, another SSH session asking the same) costs no
// query. It holds exact counts, which never leave the package: every
// caller protects them again, which is cheap and gives the same published
// numbers. A store is read-only once open, so entries never go stale.
// Concurrent requests for the same key wait for the one that runs it.
type resultCache struct {
	mu      sync.Mutex
	max     int
	entries map[string]*cacheEntry
	order   []string // insertion order, for eviction
}

type cacheEntry struct {
	done chan struct{}
	val  any
	err  error
}

// DefaultResultCacheEntries is how many query results a Store keeps.
const DefaultResultCacheEntries = 512

func newResultCache(max int) *resultCache {
	if max <= 0 {
		return nil
	}
	return &resultCache{max: max, entries: map[string]*cacheEntry{}}
}

// cacheKey is the identity of a statement: its text and bound values.
func (q caseQuery) cacheKey() string {
	var b strings.Builder
	b.Grow(len(q.text) + 24*len(q.args))
	b.WriteString(q.text)
	for _, a := range q.args {
		fmt.Fprintf(&b, "\x00%v", a)
	}
	return b.String()
}

// cached returns the result of run for the query q, from the store's
// cache when it holds one. Errors are not cached.
func cached[T any](s *Store, ctx context.Context, q caseQuery, run func() (T, error)) (T, error) {
	c := s.cache
	if c == nil {
		return run()
	}
	key := q.cacheKey()
	for {
		c.mu.Lock()
		e, ok := c.entries[key]
		if !ok {
			e = &cacheEntry{done: make(chan struct{})}
			c.entries[key] = e
			c.order = append(c.order, key)
			c.evict()
			c.mu.Unlock()
			v, err := run()
			e.val, e.err = v, err
			if err != nil {
				c.mu.Lock()
				if c.entries[key] == e {
					delete(c.entries, key)
				}
				c.mu.Unlock()
			}
			close(e.done)
			return v, err
		}
		c.mu.Unlock()
		select {
		case <-e.done:
		case <-ctx.Done():
			var zero T
			return zero, ctx.Err()
		}
		if e.err == nil {
			return e.val.(T), nil
		}
		// The run we waited for failed (perhaps cancelled with its own
		// context): try again with ours.
		if err := ctx.Err(); err != nil {
			var zero T
			return zero, err
		}
	}
}

// evict drops the oldest finished entries beyond the limit (c.mu held);
// an entry whose query still runs stays until it is done.
func (c *resultCache) evict() {
	for i := 0; len(c.order) > c.max && i < len(c.order); {
		e, ok := c.entries[c.order[i]]
		if ok {
			select {
			case <-e.done:
			default:
				i++
				continue
			}
			delete(c.entries, c.order[i])
		}
		c.order = slices.Delete(c.order, i, i+1)
	}
}

// ResetCache drops every cached result, so that the next calls query
// DuckDB again (benchmarks measure uncached work with it). Queries that
// run meanwhile finish and are dropped.
func (s *Store) ResetCache() {
	if c := s.cache; c != nil {
		c.mu.Lock()
		c.entries = map[string]*cacheEntry{}
		c.order = nil
		c.mu.Unlock()
	}
}
