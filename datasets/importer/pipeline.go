package importer

import (
	"context"
	"database/sql"
	"sync"

	"lagebild/datasets/store"
)

// pipeline hands chunks of validated cases from the reading side to a
// writing goroutine that appends them through a store.CaseWriter, so that
// parsing and validation in Go overlap with DuckDB's append work. The
// reading side makes each row's column values (chunkWorker), so the
// writer only appends (the profile is in docs/performance.md, "Import").
// Several appenders on several connections were tried and cost more CPU
// than they saved. The chunks come from the reading side's fixed pool
// and go back to it, so memory stays bounded whatever the size of the
// import.
type pipeline struct {
	ctx         context.Context
	db          *sql.DB
	w           *store.CaseWriter
	reopenEvery int64 // close and reopen w after so many rows; 0: never
	failAfter   int64 // Options.failAfterRows

	full chan *chunk // to the writer
	done chan struct{}

	mu  sync.Mutex
	err error // first write error
}

// chunksToWriter is how many chunks may wait for the writer; the reading
// side's pool (defaultChunksAloft) bounds them anyway.
const chunksToWriter = defaultChunksAloft

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
		full:        make(chan *chunk, chunksToWriter),
		done:        make(chan struct{}),
	}
	go p.write()
	return p, nil
}

// write runs on a goroutine of its own: it appends the marked rows of
// each chunk until the channel is closed and sends the chunk home. After
// an error it only sends chunks home.
func (p *pipeline) write() {
	defer close(p.done)
	var rows int64
	for c := range p.full {
		if p.failed() == nil {
			for i := 0; i < c.n; i++ {
				if !c.rows[i].emit {
					continue
				}
				if p.failAfter > 0 && rows >= p.failAfter {
					p.setErr(errInjected)
					break
				}
				if err := p.w.AppendValues(c.rows[i].values); err != nil {
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
		c.home <- c
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

// send passes a chunk to the writer; it returns the writer's error, if
// any, so the reader can stop early.
func (p *pipeline) send(ctx context.Context, c *chunk) error {
	if err := ctx.Err(); err != nil {
		c.home <- c
		return err
	}
	select {
	case p.full <- c:
	case <-ctx.Done():
		c.home <- c
		return ctx.Err()
	}
	return p.failed()
}

// close waits for the writer and closes the CaseWriter. It returns the
// first error of writing or closing.
func (p *pipeline) close() error {
	close(p.full)
	<-p.done
	err := p.failed()
	if p.w != nil {
		if cerr := p.w.Close(); err == nil {
			err = cerr
		}
	}
	return err
}
