package importer

import (
	"context"
	"database/sql"
	"database/sql/driver"
	"sync"

	"lagebild/datasets/store"
)

// pipeline hands validated cases from the reading goroutine to a writing
// goroutine that appends them through a store.CaseWriter, so that
// parsing and validation in Go overlap with DuckDB's append work on
// another core. The reader also makes each row's column values, which
// balances the two (about 4 s of CPU each at 1M cases; the profile is in
// docs/performance.md, "Import"). Several appenders on several
// connections were tried and cost more CPU than they saved. Cases travel
// in fixed-size batches that are recycled, so memory stays bounded
// whatever the size of the import.
type pipeline struct {
	ctx         context.Context
	db          *sql.DB
	w           *store.CaseWriter
	reopenEvery int64 // close and reopen w after so many rows; 0: never
	failAfter   int64 // Options.failAfterRows

	full chan *batch // to the writer
	free chan *batch // back to the reader
	cur  *batch
	done chan struct{}

	mu  sync.Mutex
	err error // first write error
}

const (
	batchSize = 1024
	// batchesAloft is how many full batches may wait for the writer.
	batchesAloft = 4
)

// batch holds the column values of its cases (store.CaseValues), made on
// the reading goroutine so that the writing one, DuckDB's side and the
// longer, only appends; each row's slice is reused when the batch comes
// back.
type batch struct {
	n    int
	rows [batchSize][]driver.Value
}

// newPipeline opens the writer on db and starts it.
func newPipeline(ctx context.Context, db *sql.DB, reopenEvery, failAfter int64) (*pipeline, error) {
	w, err := store.NewCaseWriter(ctx, db)
	if err != nil {
		return nil, err
	}
	p := &pipeline{
		ctx:         ctx,
		db:          db,
		w:           w,
		reopenEvery: reopenEvery,
		failAfter:   failAfter,
		full:        make(chan *batch, batchesAloft),
		free:        make(chan *batch, batchesAloft+2),
		done:        make(chan struct{}),
	}
	for i := 0; i < batchesAloft+2; i++ {
		p.free <- new(batch)
	}
	p.cur = <-p.free
	go p.write()
	return p, nil
}

// write runs on a goroutine of its own: it appends batches until the
// channel is closed. After an error it only recycles batches.
func (p *pipeline) write() {
	defer close(p.done)
	var rows int64
	for b := range p.full {
		if p.failed() == nil {
			for i := 0; i < b.n; i++ {
				if p.failAfter > 0 && rows >= p.failAfter {
					p.setErr(errInjected)
					break
				}
				if err := p.w.AppendValues(b.rows[i]); err != nil {
					p.setErr(err)
					break
				}
				rows++
				if p.reopenEvery > 0 && rows%p.reopenEvery == 0 {
					if err := p.reopen(); err != nil {
						p.setErr(err)
						break
					}
				}
			}
		}
		b.n = 0
		p.free <- b
	}
}

// reopen flushes the CaseWriter by closing it and opens a new one.
func (p *pipeline) reopen() error {
	if err := p.w.Close(); err != nil {
		return err
	}
	w, err := store.NewCaseWriter(p.ctx, p.db)
	if err != nil {
		// Nothing left to close: make close() a no-op for the writer.
		p.w = nil
		return err
	}
	p.w = w
	return nil
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

// add puts the column values of c into the current batch; it returns
// the writer's error, if any, so the reader can stop early.
func (p *pipeline) add(ctx context.Context, c *store.Case) error {
	b := p.cur
	b.rows[b.n] = store.CaseValues(b.rows[b.n][:0], c)
	b.n++
	if b.n == batchSize {
		return p.send(ctx)
	}
	return nil
}

// send passes the current batch to the writer and takes a free one.
func (p *pipeline) send(ctx context.Context) error {
	if err := ctx.Err(); err != nil {
		return err
	}
	select {
	case p.full <- p.cur:
	case <-ctx.Done():
		return ctx.Err()
	}
	select {
	case p.cur = <-p.free:
	case <-ctx.Done():
		p.cur = nil
		return ctx.Err()
	}
	return p.failed()
}

// close sends the last partial batch, waits for the writer and closes
// the CaseWriter. It returns the first error of writing or closing.
func (p *pipeline) close(ctx context.Context) error {
	var err error
	if p.cur != nil && p.cur.n > 0 {
		err = p.send(ctx)
	}
	close(p.full)
	<-p.done
	if werr := p.failed(); werr != nil {
		err = werr
	}
	if p.w != nil {
		if cerr := p.w.Close(); err == nil {
			err = cerr
		}
	}
	return err
}
