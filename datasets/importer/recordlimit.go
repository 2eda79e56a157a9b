package importer

import (
	"bytes"
	"errors"
	"io"
)

// MaxRecordBytes bounds one record of a CSV export (its line, or its
// lines when a quoted value spans several). A case record is a few
// hundred bytes; without a bound, a file without line breaks (a 2 GB
// binary, a broken export) would be read into memory whole before the
// first error.
const MaxRecordBytes = 1 << 20

// errRecordTooLong ends a CSV read at the bound; recordLimiter.over
// tells the caller, so no decision depends on how encoding/csv passes
// the error on.
var errRecordTooLong = errors.New("record too long")

// recordLimiter passes bytes to encoding/csv and refuses to deliver more
// than max bytes between two calls of startRecord, which the CSV source
// makes before each record. It knows the line and byte offset of the last
// byte it delivered, for the message. The reader behind it may read
// ahead of the record by its buffer size at most, so a record is refused
// between max and max plus that buffer, never below max.
type recordLimiter struct {
	r      io.Reader
	max    int
	budget int
	line   int // 1-based line of the next byte
	offset int // bytes of that line delivered so far
	over   bool
	read   int64 // bytes delivered in all
}

func newRecordLimiter(r io.Reader, max int) *recordLimiter {
	return &recordLimiter{r: r, max: max, budget: max, line: 1}
}

// startRecord gives the next record its full budget.
func (l *recordLimiter) startRecord() { l.budget = l.max }

func (l *recordLimiter) Read(p []byte) (int, error) {
	if l.budget <= 0 {
		l.over = true
		return 0, errRecordTooLong
	}
	if len(p) > l.budget {
		p = p[:l.budget]
	}
	n, err := l.r.Read(p)
	l.budget -= n
	l.read += int64(n)
	got := p[:n]
	if nl := bytes.Count(got, []byte{'\n'}); nl > 0 {
		l.line += nl
		l.offset = n - 1 - bytes.LastIndexByte(got, '\n')
	} else {
		l.offset += n
	}
	return n, err
}
