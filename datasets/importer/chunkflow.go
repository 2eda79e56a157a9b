package importer

import (
	"runtime"
	"sync"
)

// chunkFlow runs the reading side of one file on several goroutines: a
// splitter that reads the records from the source into chunks (the CSV
// parse stays one sequential pass, so every message of the CSV reader
// keeps its line) and workers that validate them (chunkWorker). It hands
// the worked chunks back in file order (next), so that scanFile sees the
// records exactly as a single reader would. Chunks come from a fixed
// pool and return to it (chunk.home) when scanFile or the writer is done
// with them, so memory stays bounded whatever the size of the file.
type chunkFlow struct {
	todo    chan *chunk // splitter → workers
	worked  chan *chunk // workers → next, in any order
	free    chan *chunk
	stop    chan struct{}
	wg      sync.WaitGroup
	pending map[int]*chunk // worked chunks ahead of the one next wants
	want    int
}

// startChunkFlow starts the splitter and the workers on src. values says
// whether the workers make the rows' column values (a writer waits).
func (r *run) startChunkFlow(src source, file string, l *layout, values bool) *chunkFlow {
	workers := r.opts.scanWorkers
	if workers <= 0 {
		workers = runtime.GOMAXPROCS(0)
	}
	rows := r.opts.chunkRows
	if rows <= 0 {
		rows = defaultChunkRows
	}
	aloft := max(defaultChunksAloft, 2*workers)
	f := &chunkFlow{
		todo:    make(chan *chunk, aloft),
		worked:  make(chan *chunk, aloft),
		free:    make(chan *chunk, aloft),
		stop:    make(chan struct{}),
		pending: make(map[int]*chunk),
	}
	for range aloft {
		f.free <- newChunk(rows, f.free)
	}
	f.wg.Add(1 + workers)
	go f.split(src)
	for range workers {
		w := newChunkWorker(r, file, l, values)
		go f.work(w)
	}
	return f
}

// split fills free chunks from src until its end or stop.
func (f *chunkFlow) split(src source) {
	defer f.wg.Done()
	defer close(f.todo)
	for seq := 0; ; seq++ {
		var c *chunk
		select {
		case c = <-f.free:
		case <-f.stop:
			return
		}
		c.fill(src, seq)
		f.todo <- c // never blocks: it holds every chunk there is
		if c.last {
			return
		}
	}
}

// work validates chunks until the splitter is done or stop.
func (f *chunkFlow) work(w *chunkWorker) {
	defer f.wg.Done()
	for c := range f.todo {
		select {
		case <-f.stop:
			return
		default:
		}
		w.work(c)
		f.worked <- c // never blocks, as above
	}
}

// next returns the next chunk of the file in order, or nil when stop
// was closed first. The caller passes it on (to the writer) or back to
// its free list.
func (f *chunkFlow) next(done <-chan struct{}) *chunk {
	for {
		if c, ok := f.pending[f.want]; ok {
			delete(f.pending, f.want)
			f.want++
			return c
		}
		select {
		case c := <-f.worked:
			f.pending[c.seq] = c
		case <-done:
			return nil
		}
	}
}

// close stops the splitter and the workers and waits for them, so that
// the source can be closed.
func (f *chunkFlow) close() {
	close(f.stop)
	f.wg.Wait()
}
