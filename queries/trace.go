package queries

import (
	"context"
	"database/sql"
	"fmt"
	"sync"
	"time"
)

// Trace records the SQL statements a Store runs for a context: their text
// and bound arguments (filter codes and thresholds, never case data).
// Benchmarks replay the statements with Replay to measure DuckDB's own
// time for the same work, the baseline of the project's overhead.
type Trace struct {
	mu    sync.Mutex
	stmts []Statement
}

// Statement is one recorded SQL statement.
type Statement struct {
	text string
	args []any
}

// String is the statement's text.
func (st Statement) String() string { return st.text }

type traceKey struct{}

// WithTrace returns a context under which every statement a Store runs is
// recorded in t.
func WithTrace(ctx context.Context, t *Trace) context.Context {
	return context.WithValue(ctx, traceKey{}, t)
}

// Statements returns the recorded statements in the order they started.
func (t *Trace) Statements() []Statement {
	t.mu.Lock()
	defer t.mu.Unlock()
	return append([]Statement(nil), t.stmts...)
}

func record(ctx context.Context, text string, args []any) {
	if t, ok := ctx.Value(traceKey{}).(*Trace); ok {
		t.mu.Lock()
		t.stmts = append(t.stmts, Statement{text: text, args: args})
		t.mu.Unlock()
	}
}

// query runs a statement of the catalogue (recorded under a Trace).
func (s *Store) query(ctx context.Context, text string, args ...any) (rows *sql.Rows, err error) {
	record(ctx, text, args)
	perr := s.stmts.start(ctx, text, s.prepare, func(st *sql.Stmt) { rows, err = st.QueryContext(ctx, args...) })
	if perr != nil {
		return nil, perr
	}
	return rows, err
}

// queryRow runs a statement that returns one row.
func (s *Store) queryRow(ctx context.Context, text string, args ...any) (row *sql.Row) {
	record(ctx, text, args)
	if err := s.stmts.start(ctx, text, s.prepare, func(st *sql.Stmt) { row = st.QueryRowContext(ctx, args...) }); err != nil {
		// Let database/sql report the error through the row.
		return s.db.QueryRowContext(ctx, text, args...)
	}
	return row
}

// prepare prepares a statement for the store's cache of prepared
// statements (stmtCache): the catalogue has few distinct texts (the
// values are bound), and a prepared statement saves DuckDB's parsing of
// it, though not its planning, which DuckDB does again for every
// execution with bound values (docs/performance.md, "Round six").
func (s *Store) prepare(ctx context.Context, text string) (*sql.Stmt, error) {
	return s.db.PrepareContext(ctx, text)
}

// Replay runs each statement one after the other, reads every row and
// column and discards them, and returns the total wall time: DuckDB's
// execution of the statements plus the driver's transfer of the results,
// without any of the project's work on them. It returns no data.
func (s *Store) Replay(ctx context.Context, stmts []Statement) (time.Duration, error) {
	start := time.Now()
	for _, st := range stmts {
		if err := s.drain(ctx, st); err != nil {
			return 0, fmt.Errorf("replaying %.60q: %w", st.text, err)
		}
	}
	return time.Since(start), nil
}

func (s *Store) drain(ctx context.Context, st Statement) error {
	rows, err := s.db.QueryContext(ctx, st.text, st.args...)
	if err != nil {
		return err
	}
	defer rows.Close()
	cols, err := rows.Columns()
	if err != nil {
		return err
	}
	vals := make([]any, len(cols))
	ptrs := make([]any, len(cols))
	for i := range vals {
		ptrs[i] = &vals[i]
	}
	for rows.Next() {
		if err := rows.Scan(ptrs...); err != nil {
			return err
		}
	}
	return rows.Err()
}
