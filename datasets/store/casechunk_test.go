package store

import (
	"database/sql"
	"slices"
	"testing"

	"github.com/duckdb/duckdb-go/v2"
)

// emptyCases is a table function with the columns of CaseColumns and no
// rows, to ask DuckDB what it declares.
type emptyCases struct{ cols []duckdb.ColumnInfo }

func (e emptyCases) ColumnInfos() []duckdb.ColumnInfo     { return e.cols }
func (e emptyCases) Cardinality() *duckdb.CardinalityInfo { return nil }
func (e emptyCases) Init()                                {}
func (e emptyCases) FillChunk(dc duckdb.DataChunk) error  { return dc.SetSize(0) }

// describe returns "name type" for each column of the query's result.
func describe(t *testing.T, conn *sql.Conn, query string) []string {
	t.Helper()
	return queryStrings(t, conn, `SELECT column_name || ' ' || column_type FROM (DESCRIBE `+query+`)`)
}

// TestCaseColumnsAreCaseRecords: the table function's columns have the
// names and types of case_records, in its order, so that `INSERT INTO
// case_records SELECT *` stores each value in its own column without a
// cast (a new column of case_records needs its place in CaseColumns and
// WriteCaseRow).
func TestCaseColumnsAreCaseRecords(t *testing.T) {
	db, ctx := schemaDB(t)
	conn, err := db.Conn(ctx)
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close()
	cols, err := CaseColumns()
	if err != nil {
		t.Fatal(err)
	}
	if err := duckdb.RegisterTableUDF(conn, "empty_cases", duckdb.ChunkTableFunction{
		BindArguments: func(map[string]any, ...any) (duckdb.ChunkTableSource, error) { return emptyCases{cols}, nil },
	}); err != nil {
		t.Fatal(err)
	}
	table := describe(t, conn, `SELECT * FROM case_records`)
	function := describe(t, conn, `SELECT * FROM empty_cases()`)
	if len(table) < 40 || !slices.Equal(function, table) {
		t.Errorf("table function columns\n%v\ncase_records\n%v", function, table)
	}
}
