package importer

import (
	"context"
	"database/sql"
	"errors"
	"io"
	"iter"
)

// Records is an export that is not a file, such as the generated cases of
// the embedded sample: it goes through exactly the validation,
// generalisation, pseudonymisation and record keys of a file's records,
// without being written out and parsed back.
type Records struct {
	// Name stands for the file name in messages and in import_log.
	Name string
	// Header are the column names, as in a file's header line.
	Header []string
	// Each calls fn with every record in order and returns fn's first
	// error. It is called once per pass over the export (ImportInto makes
	// two) and must yield the same records every time. fn must not keep
	// the slice.
	Each func(ctx context.Context, fn func(rec []string) error) error
}

// ImportRecordsInto is ImportInto for an export held as Records.
func ImportRecordsInto(ctx context.Context, db *sql.DB, recs Records, opts Options) (*Report, error) {
	r, err := newRunOf([]string{recs.Name}, opts)
	if err != nil {
		return nil, err
	}
	r.records = &recs
	return r.importInto(ctx, db)
}

// errStopped ends Records.Each when the reader stops early.
var errStopped = errors.New("importer: reading stopped")

// recordSource is the source of Records: it pulls the records Each
// pushes. Lines are counted as in a CSV file (the header is line 1).
type recordSource struct {
	header []string
	next   func() ([]string, bool)
	stop   func()
	line   int
	err    error // Each's error, set when next reports the end
}

func openRecords(ctx context.Context, recs *Records) *recordSource {
	s := &recordSource{header: recs.Header, line: 1}
	s.next, s.stop = iter.Pull(func(yield func([]string) bool) {
		s.err = recs.Each(ctx, func(rec []string) error {
			if !yield(rec) {
				return errStopped
			}
			return nil
		})
	})
	return s
}

func (s *recordSource) Header() []string { return s.header }

func (s *recordSource) Next() ([]string, int, error) {
	rec, ok := s.next()
	if !ok {
		if s.err != nil && !errors.Is(s.err, errStopped) {
			return nil, s.line + 1, s.err
		}
		return nil, 0, io.EOF
	}
	s.line++
	return rec, s.line, nil
}

func (s *recordSource) Close() error {
	s.stop()
	return nil
}
