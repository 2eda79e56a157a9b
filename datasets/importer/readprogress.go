package importer

// ReadProgress is how far an import has read its current export, for a
// progress display with a rate and the time left (Options.OnRead).
type ReadProgress struct {
	// File is the export being read, as given.
	File string
	// Rows are the records read from it so far (blank lines left out).
	Rows int64
	// Bytes are the bytes of the file read so far and Size its size;
	// both 0 where the position is not known (Parquet, Records).
	Bytes, Size int64
	// Done is set on the last call for the file, at its end.
	Done bool
}

// readProgressEvery is how often (in rows) Options.OnRead is called: often
// enough for a display that refreshes a few times a second at any rate,
// rarely enough to cost nothing measurable (the caller throttles).
const readProgressEvery = 4096

// byteCounter is a source that knows how far into its file it has read.
type byteCounter interface {
	// position returns the bytes read so far and the file's size.
	position() (read, size int64)
}

// readProgress reports to fn the position of a source that has read
// bytes of size (both 0 where it does not know them; the chunk holding
// the rows counted records it, see chunk.fill).
func readProgress(fn func(ReadProgress), file string, read, size, rows int64, done bool) {
	p := ReadProgress{File: file, Rows: rows, Done: done, Bytes: read, Size: size}
	if done {
		p.Bytes = p.Size
	}
	fn(p)
}
