package queries

import (
	"context"
	"database/sql"
	"testing"
)

// TestStoreKeepsConnections: the connections a view's queries open side
// by side stay open for the next filter change instead of being closed
// and opened again (idleConnections).
func TestStoreKeepsConnections(t *testing.T) {
	ctx := context.Background()
	s := openCases(t, randomCases(1, 500), nil)
	const side = 6 // more than database/sql's default of two idle connections
	for round := range 2 {
		var conns []*sql.Conn
		for range side {
			c, err := s.db.Conn(ctx)
			if err != nil {
				t.Fatal(err)
			}
			var n int64
			if err := c.QueryRowContext(ctx, `SELECT count(*) FROM case_records`).Scan(&n); err != nil {
				t.Fatal(err)
			}
			conns = append(conns, c)
		}
		for _, c := range conns {
			c.Close()
		}
		st := s.db.Stats()
		if st.Idle < side || st.MaxIdleClosed != 0 {
			t.Fatalf("round %d: %d idle connections, %d closed as surplus; want %d kept, none closed", round, st.Idle, st.MaxIdleClosed, side)
		}
	}
}
