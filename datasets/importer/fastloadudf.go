package importer

import (
	"context"
	"database/sql"
	"fmt"
	"sync"
	"sync/atomic"

	"github.com/duckdb/duckdb-go/v2"

	"lagebild/datasets/store"
)

// registerKeyFunctions registers on conn the two keyed functions of the
// fast path (fastload.sql): lagebild_pseudonym(provider, case_id), the
// stored case id exactly as pseudonymiser.pseudonym makes it, and
// lagebild_record_key(provider, case_id), the record key exactly as
// store.RecordKeyer makes it. The keys stay in this process's memory:
// DuckDB calls back into Go for every chunk of rows, and neither key is
// ever part of a statement or written anywhere.
//
// rows counts the rows lagebild_pseudonym has made, for the progress
// display.
func registerKeyFunctions(conn *sql.Conn, key []byte, idsPseudonymous bool, secret []byte, rows *atomic.Int64) error {
	varchar, err := duckdb.NewTypeInfo(duckdb.TYPE_VARCHAR)
	if err != nil {
		return err
	}
	uinteger, err := duckdb.NewTypeInfo(duckdb.TYPE_UINTEGER)
	if err != nil {
		return err
	}
	// DuckDB runs a function on several threads at once; each takes its
	// own hashing state from a pool.
	pseudonyms := sync.Pool{New: func() any { return newPseudonymiser(key, idsPseudonymous) }}
	keyers := sync.Pool{New: func() any { return store.NewRecordKeyer(secret) }}
	pseudonym := &keyFunction{in: varchar, out: varchar, rows: rows, fn: func(provider, caseID string) any {
		p := pseudonyms.Get().(*pseudonymiser)
		id, _ := p.pseudonym(provider, caseID)
		pseudonyms.Put(p)
		return id
	}}
	recordKey := &keyFunction{in: varchar, out: uinteger, fn: func(provider, caseID string) any {
		k := keyers.Get().(*store.RecordKeyer)
		v := uint32(k.Key(provider, caseID))
		keyers.Put(k)
		return v
	}}
	if err := duckdb.RegisterScalarUDF(conn, "lagebild_pseudonym", pseudonym); err != nil {
		return fmt.Errorf("registering lagebild_pseudonym: %w", err)
	}
	if err := duckdb.RegisterScalarUDF(conn, "lagebild_record_key", recordKey); err != nil {
		return fmt.Errorf("registering lagebild_record_key: %w", err)
	}
	return nil
}

// keyFunction is a scalar function of (provider, case_id) computed in Go
// a chunk at a time; NULL in, NULL out.
type keyFunction struct {
	in, out duckdb.TypeInfo
	fn      func(provider, caseID string) any
	rows    *atomic.Int64 // if set, counts the rows done
}

func (f *keyFunction) Config() duckdb.ScalarFuncConfig {
	return duckdb.ScalarFuncConfig{InputTypeInfos: []duckdb.TypeInfo{f.in, f.in}, ResultTypeInfo: f.out}
}

func (f *keyFunction) Executor() duckdb.ScalarFuncExecutor {
	return duckdb.ScalarFuncExecutor{ChunkContextExecutor: func(_ context.Context, chunk *duckdb.ChunkIteratorState) error {
		var n int64
		for row, err := range chunk.Rows() {
			if err != nil {
				return err
			}
			n++
			provider, _ := (*row.GetValuePtr(0)).(string)
			caseID, _ := (*row.GetValuePtr(1)).(string)
			if err := row.SetResult(f.fn(provider, caseID)); err != nil {
				return err
			}
		}
		if f.rows != nil {
			f.rows.Add(n)
		}
		return nil
	}}
}
