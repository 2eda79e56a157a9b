package queries

import (
	"context"
	"database/sql"
	"sync"
)

// maxPreparedStatements is how many statement texts a Store keeps
// prepared. database/sql prepares a statement again on every connection
// it runs on, and DuckDB keeps every prepared copy: running every query
// of the catalogue under each of 247 filters prepared 1,236 texts, and
// the process grew by 92 MB with 13 connections open (35 MB with two).
// A session's views use far fewer texts; the least recently used one is
// closed when the cache is full (docs/performance.md, "Round six").
const maxPreparedStatements = 256

// stmtCache keeps prepared statements by text, at most max of them.
type stmtCache struct {
	mu      sync.Mutex
	max     int
	entries map[string]*stmtEntry
	clock   uint64
}

// stmtEntry is a cached statement: used is the clock of its last use,
// starting counts the queries being started on it, and evicted marks a
// statement left out of the cache, closed once no query is starting.
type stmtEntry struct {
	st       *sql.Stmt
	used     uint64
	starting int
	evicted  bool
}

// start runs begin (which starts a query on the statement) with the
// prepared statement of text, preparing it with prepare on first use.
// A query's rows keep its statement open until they are closed, so the
// statement may be closed as soon as begin has returned.
func (c *stmtCache) start(ctx context.Context, text string, prepare func(context.Context, string) (*sql.Stmt, error), begin func(*sql.Stmt)) error {
	e, err := c.acquire(ctx, text, prepare)
	if err != nil {
		return err
	}
	defer c.release(e)
	begin(e.st)
	return nil
}

func (c *stmtCache) acquire(ctx context.Context, text string, prepare func(context.Context, string) (*sql.Stmt, error)) (*stmtEntry, error) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.clock++
	if e, ok := c.entries[text]; ok {
		e.used, e.starting = c.clock, e.starting+1
		return e, nil
	}
	st, err := prepare(ctx, text)
	if err != nil {
		return nil, err
	}
	if c.entries == nil {
		c.entries = map[string]*stmtEntry{}
	}
	e := &stmtEntry{st: st, used: c.clock, starting: 1}
	c.entries[text] = e
	if len(c.entries) > c.max {
		c.evictOldest()
	}
	return e, nil
}

// evictOldest leaves the least recently used statement out of the cache
// (not one being started: the newest has just been used).
func (c *stmtCache) evictOldest() {
	var oldText string
	var old *stmtEntry
	for text, e := range c.entries {
		if old == nil || e.used < old.used {
			oldText, old = text, e
		}
	}
	delete(c.entries, oldText)
	old.evicted = true
	if old.starting == 0 {
		old.st.Close()
	}
}

func (c *stmtCache) release(e *stmtEntry) {
	c.mu.Lock()
	defer c.mu.Unlock()
	e.starting--
	if e.evicted && e.starting == 0 {
		e.st.Close()
	}
}

// close closes every cached statement.
func (c *stmtCache) close() {
	c.mu.Lock()
	defer c.mu.Unlock()
	for _, e := range c.entries {
		e.st.Close()
	}
	c.entries = nil
}
