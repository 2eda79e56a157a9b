package importer

import (
	"bufio"
	"bytes"
	"context"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
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

// checkExportFiles refuses, before anything is read or written, every
// name that is not a regular file: a directory, a FIFO (whose open would
// wait for a writer for ever), a device or a socket. Such names are
// invalid input (a *ValidationError); a missing file is returned as the
// error of os.Stat (fs.ErrNotExist).
func checkExportFiles(files []string) error {
	var errs errorList
	errs.max = len(files)
	for _, f := range files {
		st, err := os.Stat(f)
		if err != nil {
			return err
		}
		if fe, ok := notRegular(f, st); ok {
			errs.add(fe)
		}
	}
	return errs.err()
}

// notRegular returns the error for an export path that is not a regular
// file (ok false when it is one).
func notRegular(path string, st fs.FileInfo) (fe FieldError, ok bool) {
	m := st.Mode()
	var what string
	switch {
	case m.IsRegular():
		return FieldError{}, false
	case m.IsDir():
		what = "a directory"
	case m&fs.ModeNamedPipe != 0:
		what = "a named pipe (FIFO)"
	case m&fs.ModeSocket != 0:
		what = "a socket"
	case m&fs.ModeDevice != 0:
		what = "a device"
	default:
		what = "not a regular file"
	}
	return FieldError{File: path, Code: CodeNotRegularFile,
		Reason: what + ", not an export file: give the CSV or Parquet files themselves"}, true
}

// openSource opens an export, recognising Parquet by its magic bytes and
// treating everything else as CSV, except that a name ending in .parquet
// must be Parquet. A path that is not a regular file is refused before
// it is opened (opening a FIFO blocks until someone writes to it).
func openSource(ctx context.Context, path string) (source, error) {
	st, err := os.Stat(path)
	if err != nil {
		return nil, err
	}
	if fe, bad := notRegular(path, st); bad {
		return nil, fe
	}
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	if st, err := f.Stat(); err != nil || !st.Mode().IsRegular() {
		f.Close()
		if err != nil {
			return nil, err
		}
		fe, _ := notRegular(path, st)
		return nil, fe
	}
	br := bufio.NewReaderSize(f, 1<<20)
	head, _ := br.Peek(len(parquetMagic))
	if bytes.Equal(head, parquetMagic) {
		f.Close()
		return openParquet(ctx, path)
	}
	if strings.EqualFold(filepath.Ext(path), ".parquet") {
		f.Close()
		return nil, FieldError{File: path, Code: CodeUnreadable,
			Reason: fmt.Sprintf("not a Parquet file (it does not start with %q); export it again as Parquet, or as CSV with the extension .csv", parquetMagic)}
	}
	return newCSVSource(path, f, br)
}
