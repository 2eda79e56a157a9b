package store

import (
	"context"
	"database/sql"
	"database/sql/driver"
	"fmt"

	"github.com/duckdb/duckdb-go/v2"

	"lagebild/datasets/figures"
)

// ReplaceFigures replaces the figures table with figs (the embedded set
// merged with any --figures files). It appends in bulk: the figures load
// on every cold start of the default data.
func ReplaceFigures(ctx context.Context, db *sql.DB, figs []figures.Figure) error {
	if _, err := db.ExecContext(ctx, `DELETE FROM figures`); err != nil {
		return fmt.Errorf("clearing figures: %w", err)
	}
	conn, err := db.Conn(ctx)
	if err != nil {
		return err
	}
	defer conn.Close()
	return conn.Raw(func(dc any) error {
		app, err := duckdb.NewAppenderFromConn(dc.(driver.Conn), "", "figures")
		if err != nil {
			return fmt.Errorf("writing figures: %w", err)
		}
		for _, f := range figs {
			var note driver.Value
			if f.Note != "" {
				note = f.Note
			}
			if err := app.AppendRow(int32(f.Year), f.Indicator, f.Phenomenon, f.Value, f.Unit, f.Source, f.SourceRef, note); err != nil {
				app.Close()
				return fmt.Errorf("writing figure %s:%d: %w", f.File, f.Line, err)
			}
		}
		if err := app.Close(); err != nil {
			return fmt.Errorf("writing figures: %w", err)
		}
		return nil
	})
}
