package importer

import (
	"bufio"
	"bytes"
	"context"
	"fmt"
	"os"
)

// source yields the records of one export, CSV or Parquet alike, so that
// both go through the same validation.
type source interface {
	// Header returns the header fields (the column names).
	Header() []string
	// Next returns the next record and its line (CSV: the line the record
	// starts on; Parquet: row number + 1). The record may be reused by
	// the next call. At the end it returns io.EOF. A problem with the
	// input itself is returned as a FieldError (the file cannot be read
	// on); anything else is an I/O failure.
	Next() (rec []string, line int, err error)
	Close() error
}

// parquetMagic starts (and ends) every Parquet file.
var parquetMagic = []byte("PAR1")

// openSource opens an export, recognising Parquet by its magic bytes and
// treating everything else as CSV.
func openSource(ctx context.Context, path string) (source, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	st, err := f.Stat()
	if err != nil {
		f.Close()
		return nil, err
	}
	if st.IsDir() {
		f.Close()
		return nil, fmt.Errorf("%s is a directory, not an export file", path)
	}
	br := bufio.NewReaderSize(f, 1<<20)
	head, _ := br.Peek(len(parquetMagic))
	if bytes.Equal(head, parquetMagic) {
		f.Close()
		return openParquet(ctx, path)
	}
	return newCSVSource(path, f, br)
}
