package queries

import (
	"context"
	"database/sql"
	"path/filepath"
	"slices"
	"strconv"
	"testing"

	"github.com/duckdb/duckdb-go/v2"
)

// TestCubeReadsSkipRowGroups: a read of a cube level under a filter on
// the level's first sort column (the phenomenon) skips the row groups
// that hold other phenomena, as DuckDB's profile of the read counts the
// rows its table scan read. A condition that compares the column cast to
// another type (a code bound without the cast to the column's type)
// reads every row group.
func TestCubeReadsSkipRowGroups(t *testing.T) {
	defer func(n int) { cubeRowGroupSize = n }(cubeRowGroupSize)
	cubeRowGroupSize = 2048 // DuckDB's smallest: several row groups in a small cube
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "store.duckdb")
	writeStoreFile(t, path, cubeCases(6000))
	openCubeStore(t, OpenOptions{Path: path, Threads: 1, Cube: CubeBuild}).Close()

	db, err := sql.Open("duckdb", path+"?access_mode=read_only&threads=1")
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	conn, err := db.Conn(ctx)
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close()
	for _, q := range []string{
		sqlText("cube_attach", map[string]string{"path": sqlString(CubeFile(path)), "catalog": cubeCatalog, "mode": "READ_ONLY"}),
		"SET enable_profiling = 'no_output'", "SET profiling_mode = 'detailed'",
	} {
		if _, err := conn.ExecContext(ctx, q); err != nil {
			t.Fatal(err)
		}
	}
	tested := 0
	for _, d := range append(append([]cubeDef(nil), cubeDefs...), queryCubeDefs...) {
		col := d.fieldCols["phenomenon"]
		if len(d.filters) == 0 || d.filters[0] != col || !slices.Contains(d.codeCols, col) {
			continue // the phenomenon is not the first sort column
		}
		finest := d.levels[len(d.levels)-1]
		table := cubeCatalog + "." + finest.table
		var groups int64
		if err := conn.QueryRowContext(ctx, "SELECT count(DISTINCT row_group_id) FROM pragma_storage_info(?)", table).Scan(&groups); err != nil {
			t.Fatal(err)
		}
		if groups < 3 {
			continue
		}
		q := d.readLevel("cube_read", cubeCatalog+".", finest, d.levels[0].cols, Filter{Phenomena: []string{"islamist"}})
		res, err := conn.QueryContext(ctx, q.text, q.args...)
		if err != nil {
			t.Fatal(err)
		}
		for res.Next() {
		}
		res.Close()
		info, err := duckdb.GetProfilingInfo(conn)
		if err != nil {
			t.Fatal(err)
		}
		if scanned, rows := rowsScanned(info), rowsOf(t, conn, table); scanned <= 0 || scanned >= rows {
			t.Errorf("%s under one phenomenon: the scan read %d rows of %d in %d row groups, want fewer",
				finest.table, scanned, rows, groups)
		}
		tested++
	}
	if tested == 0 {
		t.Fatal("no cube level had several row groups: the test tested nothing")
	}
	t.Logf("%d finest levels", tested)
}

// rowsScanned sums the rows the table scans of a profile read.
func rowsScanned(pi duckdb.ProfilingInfo) int64 {
	n, _ := strconv.ParseInt(pi.Metrics["OPERATOR_ROWS_SCANNED"], 10, 64)
	for _, c := range pi.Children {
		n += rowsScanned(c)
	}
	return n
}

// rowsOf counts the rows of the table.
func rowsOf(t *testing.T, conn *sql.Conn, table string) int64 {
	t.Helper()
	var n int64
	if err := conn.QueryRowContext(context.Background(), "SELECT count(*) FROM "+table).Scan(&n); err != nil {
		t.Fatal(err)
	}
	return n
}
