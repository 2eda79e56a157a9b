package importer

import (
	"database/sql"
	"errors"
	"runtime"
	"sync"

	"github.com/duckdb/duckdb-go/v2"

	"lagebild/datasets/store"
)

// importCasesFunction is the name of the table function in insert_cases.sql.
const importCasesFunction = "lagebild_import_cases"

// registerMu keeps two imports from changing the catalog at once.
var registerMu sync.Mutex

// registerImportCases registers the table function in conn's database.
// It does so for every import: registering again replaces the function
// with an equal one and takes microseconds, while asking the catalog
// whether it is there (duckdb_functions()) took 12–30 ms, a tenth of the
// embedded sample's start.
func registerImportCases(conn *sql.Conn) error {
	registerMu.Lock()
	defer registerMu.Unlock()
	cols, err := store.CaseColumns()
	if err != nil {
		return err
	}
	bigint, err := duckdb.NewTypeInfo(duckdb.TYPE_BIGINT)
	if err != nil {
		return err
	}
	return duckdb.RegisterTableUDF(conn, importCasesFunction, duckdb.ParallelChunkTableFunction{
		Config: duckdb.TableFunctionConfig{Arguments: []duckdb.TypeInfo{bigint}},
		BindArguments: func(_ map[string]any, args ...any) (duckdb.ParallelChunkTableSource, error) {
			id, _ := args[0].(int64)
			p, ok := pipelines.Load(id)
			if !ok {
				return nil, errNoPipeline
			}
			return &caseSource{p: p.(*pipeline), cols: cols}, nil
		},
	})
}

var (
	errNoPipeline    = errors.New("lagebild_import_cases: no such import")
	errReadingFailed = errors.New("lagebild_import_cases: reading the files failed")
)

// caseSource is the table function's source for one pipeline: DuckDB
// calls FillChunk on each of its threads, and each call takes the next
// chunks the reading side has validated. Its columns are those of
// case_records (store.CaseColumns), so the statement inserts them as
// they are.
type caseSource struct {
	p    *pipeline
	cols []duckdb.ColumnInfo
}

func (s *caseSource) ColumnInfos() []duckdb.ColumnInfo     { return s.cols }
func (s *caseSource) Cardinality() *duckdb.CardinalityInfo { return nil }

// Init lets DuckDB fill on one thread per core; it writes and compresses
// row groups on the same threads when the insert need not keep the order
// (ImportToStore).
func (s *caseSource) Init() duckdb.ParallelTableSourceInfo {
	return duckdb.ParallelTableSourceInfo{MaxThreads: runtime.NumCPU()}
}
func (s *caseSource) NewLocalState() any { return &struct{}{} }

// FillChunk fills dc with the emitted rows of the next chunks: it waits
// for one and adds more while they are ready and fit, since DuckDB's
// vectors hold twice a chunk's rows. An empty dc ends the statement.
func (s *caseSource) FillChunk(_ any, dc duckdb.DataChunk) error {
	p := s.p
	n := 0
	for {
		c, err := p.next(n == 0)
		if err != nil {
			return err
		}
		if c == nil {
			return dc.SetSize(n)
		}
		n, err = p.fill(dc, n, c)
		c.home <- c
		if err != nil {
			p.setErr(err)
			return err
		}
		if n+len(c.rows) > duckdb.GetDataChunkCapacity() {
			return dc.SetSize(n)
		}
	}
}
