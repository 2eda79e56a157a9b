package importer

import "io"

// Defaults of the reading side (Options.scanWorkers etc. override them in
// tests): records per chunk, and chunks per file in flight between the
// splitter, the workers, scanFile and the writer.
const (
	defaultChunkRows = 1024
	// defaultChunksAloft covers the workers' chunks and a short queue
	// before the writer: 16 were no faster at 1M cases and cost 30 MB
	// more (docs/performance.md, "Import").
	defaultChunksAloft = 8
)

// chunk is a run of consecutive records of one file on their way through
// an import: the splitter reads them from the source, a worker validates
// them and makes their column values, scanFile takes the chunks back in
// file order for everything that depends on order (the error list, the
// duplicate check, the plausibility notes, progress), and the writer
// stores the rows scanFile marked. Then the chunk goes back to the free
// list of its file (home) and is reused with all its storage.
type chunk struct {
	seq    int // the chunk's place in its file, from 0
	n      int // records held
	rows   []chunkRow
	fields []string // the records' fields, one record after another
	// errs and notes hold what the worker found, record after record
	// (chunkRow.errsEnd, notesEnd mark where each record's end).
	errs  []FieldError
	notes []Code
	// end is the source's error after the last record (io.EOF excluded);
	// last says the source has nothing after this chunk.
	end  error
	last bool
	// read and size are the source's position after the last record and
	// its size (both 0 where it does not know them), for Options.OnRead.
	read, size int64
	home       chan *chunk
}

// chunkRow is one record of a chunk and what the worker made of it.
type chunkRow struct {
	line      int
	fieldsEnd int // end of the record's fields in chunk.fields
	errsEnd   int
	notesEnd  int
	blank     bool // only separators: not a record at all
	valid     bool // no problem found; the fields below are set
	provider  string
	rawID     string // the case id as given (trimmed)
	key       idKey  // of the stored case id, for the duplicate check
	// emit is set by scanFile when the writer is to write the case.
	emit bool
	// cs is the case as it is stored (pseudonym, record key), set when a
	// writer waits.
	cs ownedCase
}

func newChunk(rows int, home chan *chunk) *chunk {
	return &chunk{rows: make([]chunkRow, rows), home: home}
}

// fill reads up to len(c.rows) records from src into c, the chunk number
// seq of its file.
func (c *chunk) fill(src source, seq int) {
	c.seq, c.n, c.end, c.last = seq, 0, nil, false
	c.fields = c.fields[:0]
	for c.n < len(c.rows) {
		rec, line, err := src.Next()
		if err != nil {
			if err != io.EOF {
				c.end = err
			}
			c.last = true
			break
		}
		c.fields = append(c.fields, rec...)
		c.rows[c.n].line = line
		c.rows[c.n].fieldsEnd = len(c.fields)
		c.n++
	}
	c.read, c.size = 0, 0
	if bc, ok := src.(byteCounter); ok {
		c.read, c.size = bc.position()
	}
}
