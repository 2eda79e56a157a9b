package importer

import (
	"context"
	"database/sql"
	"fmt"
	"io"

	_ "github.com/duckdb/duckdb-go/v2" // registers the "duckdb" driver
)

// parquetSource reads a Parquet export through a private in-memory DuckDB:
// every column is read as VARCHAR (NULL as the empty string), so the
// values go through exactly the validation of a CSV export. The path is
// bound as a query parameter, never spliced into SQL.
type parquetSource struct {
	path   string
	db     *sql.DB
	rows   *sql.Rows
	header []string
	vals   []sql.NullString
	ptrs   []any
	rec    []string
	row    int
}

func openParquet(ctx context.Context, path string) (*parquetSource, error) {
	db, err := sql.Open("duckdb", "")
	if err != nil {
		return nil, fmt.Errorf("opening DuckDB for %s: %w", path, err)
	}
	db.SetMaxOpenConns(1)
	rows, err := db.QueryContext(ctx, `SELECT COLUMNS(*)::VARCHAR FROM read_parquet(?)`, path)
	if err != nil {
		db.Close()
		if ctx.Err() != nil {
			return nil, ctx.Err()
		}
		return nil, FieldError{File: path, Code: CodeUnreadable, Reason: fmt.Sprintf("cannot read as Parquet: %v", err)}
	}
	cols, err := rows.Columns()
	if err != nil {
		rows.Close()
		db.Close()
		return nil, fmt.Errorf("reading %s: %w", path, err)
	}
	s := &parquetSource{
		path: path, db: db, rows: rows, header: cols,
		vals: make([]sql.NullString, len(cols)),
		ptrs: make([]any, len(cols)),
		rec:  make([]string, len(cols)),
	}
	for i := range s.vals {
		s.ptrs[i] = &s.vals[i]
	}
	return s, nil
}

func (s *parquetSource) Header() []string { return s.header }

func (s *parquetSource) Next() ([]string, int, error) {
	if !s.rows.Next() {
		if err := s.rows.Err(); err != nil {
			return nil, s.row + 1, fmt.Errorf("reading %s: %w", s.path, err)
		}
		return nil, 0, io.EOF
	}
	s.row++
	if err := s.rows.Scan(s.ptrs...); err != nil {
		return nil, s.row + 1, fmt.Errorf("reading %s row %d: %w", s.path, s.row, err)
	}
	for i, v := range s.vals {
		s.rec[i] = v.String // "" for NULL
	}
	return s.rec, s.row + 1, nil
}

func (s *parquetSource) Close() error {
	s.rows.Close()
	return s.db.Close()
}
