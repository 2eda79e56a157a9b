package store

import (
	"context"
	"database/sql"
	"database/sql/driver"
	"fmt"
	"time"

	"github.com/duckdb/duckdb-go/v2"
)

// CaseWriter appends generalised cases to case_records in bulk through
// DuckDB's appender. It holds one connection until Close; the rows become
// visible to that connection's transaction when Close flushes them.
type CaseWriter struct {
	conn *sql.Conn
	app  *duckdb.Appender
	n    int64
}

// NewCaseWriter opens an appender on a connection of db. The caller must
// Close it, also on error paths.
func NewCaseWriter(ctx context.Context, db *sql.DB) (*CaseWriter, error) {
	conn, err := db.Conn(ctx)
	if err != nil {
		return nil, err
	}
	w := &CaseWriter{conn: conn}
	err = conn.Raw(func(dc any) error {
		a, err := duckdb.NewAppenderFromConn(dc.(driver.Conn), "", "case_records")
		w.app = a
		return err
	})
	if err != nil {
		conn.Close()
		return nil, fmt.Errorf("opening case appender: %w", err)
	}
	return w, nil
}

// Append adds one case. The importer stores cases through a table
// function instead (CaseColumns, WriteCaseRow); the appender serves
// tests and small stores.
func (w *CaseWriter) Append(c *Case) error {
	if err := w.app.AppendRow(caseValues(c)...); err != nil {
		return fmt.Errorf("appending case: %w", err)
	}
	w.n++
	return nil
}

// caseValues returns the column values of c, in the order of
// case_records' columns.
func caseValues(c *Case) []driver.Value {
	v := []driver.Value{
		c.CaseID, c.Provider, c.State, c.Phenomenon, c.Intake, c.AgeBand,
		optString(c.Gender), c.AccessRoute, optBool(c.IntrinsicMotivation),
		c.RiskLevel, optBool(c.Returnee), optBool(c.Custody), optBool(c.MultiAgency),
		c.Status, optTime(c.Closed), optString(c.Outcome), optString(c.Relapse),
		optInt(c.Contacts), uint32(c.RKey), c.QualityFlags(), c.durationMonths(),
	}
	return c.Details.appendValues(v)
}

// Close flushes the appended rows and releases the connection.
func (w *CaseWriter) Close() error {
	err := w.app.Close()
	if cerr := w.conn.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		return fmt.Errorf("writing cases: %w", err)
	}
	return nil
}

func optString(p *string) driver.Value {
	if p == nil {
		return nil
	}
	return *p
}

func optBool(p *bool) driver.Value {
	if p == nil {
		return nil
	}
	return *p
}

func optInt(p *int32) driver.Value {
	if p == nil {
		return nil
	}
	return *p
}

func optTime(p *time.Time) driver.Value {
	if p == nil {
		return nil
	}
	return *p
}

// durationMonths is monthsToClosing as a column value: nil while the case
// is not closed.
func (c *Case) durationMonths() driver.Value {
	m, closed := c.monthsToClosing()
	if !closed {
		return nil
	}
	return m
}

// monthsToClosing is the number of month boundaries from the intake month
// to the closing month (negative when closed before the intake); closed
// is false while the case is not closed.
func (c *Case) monthsToClosing() (months int16, closed bool) {
	if c.Closed == nil {
		return 0, false
	}
	m := (c.Closed.Year()-c.Intake.Year())*12 + int(c.Closed.Month()) - int(c.Intake.Month())
	return int16(m), true
}
