package importer

import (
	"context"
	"database/sql"
	_ "embed"
	"sync"
	"sync/atomic"

	"github.com/duckdb/duckdb-go/v2"

	"lagebild/datasets/store"
)

//go:embed insert_cases.sql
var insertCasesSQL string

// pipeline hands chunks of validated cases from the reading side to DuckDB,
// which takes them through a table function (caseSource) in one
// `INSERT INTO case_records SELECT …` statement: DuckDB calls the
// function on its own threads, which write the typed values straight into
// its vectors and then compress and write the row groups, in parallel
// (docs/performance.md, "Import"). The chunks come from the reading side's
// fixed pool and go back to it, so memory stays bounded whatever the size
// of the import.
type pipeline struct {
	id        int64
	failAfter int64 // Options.failAfterRows
	rows      atomic.Int64

	ctx  context.Context
	full chan *chunk // to the table function; closed by close
	// abort is closed by close when the reading side failed: the
	// statement then fails too, so that it stores nothing.
	abort chan struct{}
	done  chan struct{} // closed when the statement has ended

	mu  sync.Mutex
	err error // first write error
}

// chunksToWriter is how many chunks may wait for the writer; the reading
// side's pool (defaultChunksAloft) bounds them anyway.
const chunksToWriter = defaultChunksAloft

var (
	pipelines   sync.Map // id → *pipeline, for the table function's bind
	pipelineIDs atomic.Int64
)

// newPipeline starts the statement that stores the cases on a connection
// of db.
func newPipeline(ctx context.Context, db *sql.DB, failAfter int64) (*pipeline, error) {
	conn, err := db.Conn(ctx)
	if err != nil {
		return nil, err
	}
	if err := registerImportCases(conn); err != nil {
		conn.Close()
		return nil, err
	}
	p := &pipeline{
		id:        pipelineIDs.Add(1),
		failAfter: failAfter,
		ctx:       ctx,
		full:      make(chan *chunk, chunksToWriter),
		abort:     make(chan struct{}),
		done:      make(chan struct{}),
	}
	pipelines.Store(p.id, p)
	go func() {
		defer close(p.done)
		defer pipelines.Delete(p.id)
		_, err := conn.ExecContext(ctx, insertCasesSQL, p.id)
		if err != nil {
			p.setErr(err)
		}
		if cerr := conn.Close(); cerr != nil {
			p.setErr(cerr)
		}
	}()
	return p, nil
}

// next returns the next chunk for the table function, or nil after the
// last (and, unless wait, when none is ready). It fails when the reading
// side failed or the import was cancelled.
func (p *pipeline) next(wait bool) (*chunk, error) {
	var c *chunk
	more := true
	if wait {
		select {
		case c, more = <-p.full:
		case <-p.abort:
			return nil, errReadingFailed
		case <-p.ctx.Done():
			return nil, p.ctx.Err()
		}
	} else {
		select {
		case c, more = <-p.full:
		default:
			return nil, nil
		}
	}
	if !more {
		// close closes abort before full: the end of the cases is a
		// clean end only if it did not.
		select {
		case <-p.abort:
			return nil, errReadingFailed
		default:
			return nil, nil
		}
	}
	return c, nil
}

// fill writes the emitted rows of c into dc from row n on and returns the
// rows dc holds then.
func (p *pipeline) fill(dc duckdb.DataChunk, n int, c *chunk) (int, error) {
	for i := 0; i < c.n; i++ {
		if !c.rows[i].emit {
			continue
		}
		if p.failAfter > 0 && p.rows.Add(1) > p.failAfter {
			return n, errInjected
		}
		if err := store.WriteCaseRow(dc, n, &c.rows[i].cs.Case); err != nil {
			return n, err
		}
		n++
	}
	return n, nil
}

func (p *pipeline) setErr(err error) {
	p.mu.Lock()
	if p.err == nil {
		p.err = err
	}
	p.mu.Unlock()
}

func (p *pipeline) failed() error {
	p.mu.Lock()
	defer p.mu.Unlock()
	return p.err
}

// send passes a chunk to the writer; it returns the writer's error, if
// any, so the reader can stop early.
func (p *pipeline) send(ctx context.Context, c *chunk) error {
	if err := ctx.Err(); err != nil {
		c.home <- c
		return err
	}
	select {
	case p.full <- c:
	case <-p.done:
		c.home <- c
	case <-ctx.Done():
		c.home <- c
		return ctx.Err()
	}
	return p.failed()
}

// close ends the statement and waits for it. When the reading side
// failed (failed: an error, or a validation error), the statement fails
// too, so that it stores nothing, and close returns nil: the reading
// side's error is the one to report. Otherwise it returns the first error
// of writing.
func (p *pipeline) close(failed bool) error {
	if failed {
		close(p.abort)
	}
	close(p.full)
	<-p.done
	for c := range p.full {
		c.home <- c
	}
	if failed {
		return nil
	}
	return p.failed()
}
