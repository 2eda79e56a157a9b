package importer

import (
	"bufio"
	"bytes"
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"os"
	"strings"
	"unicode/utf8"
)

// csvSource reads a CSV export: ',' or ';' separated (whichever occurs
// more often outside quotes in the header line; ',' on a tie), UTF-8 with
// or without byte-order mark. Records are reused between calls.
type csvSource struct {
	path   string
	f      *os.File
	r      *csv.Reader
	limit  *recordLimiter
	header []string
	size   int64 // of the file, for ReadProgress
}

var utf8BOM = []byte{0xEF, 0xBB, 0xBF}

// notUTF8 is the reason given for a file that is not UTF-8.
const notUTF8 = "not valid UTF-8 (probably Latin-1/Windows-1252); save the export as UTF-8 (\"CSV UTF-8\" in spreadsheet programs)"

func newCSVSource(path string, f *os.File, br *bufio.Reader) (*csvSource, error) {
	if b, _ := br.Peek(3); bytes.Equal(b, utf8BOM) {
		br.Discard(3)
	}
	s := &csvSource{path: path, f: f, limit: newRecordLimiter(br, MaxRecordBytes)}
	if st, err := f.Stat(); err == nil {
		s.size = st.Size()
	}
	comma := sniffDelimiter(br)
	r := csv.NewReader(bufio.NewReaderSize(s.limit, 64<<10))
	r.Comma = comma
	r.ReuseRecord = true
	r.FieldsPerRecord = -1 // checked by the validator, with a better message
	s.r = r
	h, err := r.Read()
	if err != nil {
		f.Close()
		if err == io.EOF {
			return nil, FieldError{File: path, Line: 1, Code: CodeUnreadable, Reason: "empty file: no header line"}
		}
		return nil, s.readError(err, 1)
	}
	if len(h) == 1 && strings.Contains(h[0], "\t") {
		f.Close()
		return nil, FieldError{File: path, Line: 1, Code: CodeUnreadable, Reason: "the header is separated by tabs; separate columns with ',' or ';'"}
	}
	s.header = append([]string(nil), h...)
	return s, nil
}

// sniffDelimiter looks at the header line (up to 64 KiB) and picks ';'
// when it has more semicolons than commas outside quotes, else ','.
func sniffDelimiter(br *bufio.Reader) rune {
	b, _ := br.Peek(64 << 10)
	if i := bytes.IndexByte(b, '\n'); i >= 0 {
		b = b[:i]
	}
	commas, semis := 0, 0
	quoted := false
	for _, c := range b {
		switch c {
		case '"':
			quoted = !quoted
		case ',':
			if !quoted {
				commas++
			}
		case ';':
			if !quoted {
				semis++
			}
		}
	}
	if semis > commas {
		return ';'
	}
	return ','
}

func (s *csvSource) Header() []string { return s.header }

// position is how far the CSV reader has read (its buffer ahead of the
// records included) and the file's size.
func (s *csvSource) position() (read, size int64) { return min(s.limit.read, s.size), s.size }

func (s *csvSource) Next() ([]string, int, error) {
	s.limit.startRecord()
	rec, err := s.r.Read()
	if err != nil {
		if err == io.EOF {
			return nil, 0, io.EOF
		}
		return nil, 0, s.readError(err, 0)
	}
	line, _ := s.r.FieldPos(0)
	for _, v := range rec {
		if !utf8.ValidString(v) {
			return nil, line, FieldError{File: s.path, Line: line, Code: CodeNotUTF8, Reason: notUTF8}
		}
	}
	return rec, line, nil
}

// readError turns a record over MaxRecordBytes and a CSV syntax error
// into a FieldError with its line and passes I/O errors through.
func (s *csvSource) readError(err error, line int) error {
	if s.limit.over {
		return FieldError{File: s.path, Line: s.limit.line, Offset: max(s.limit.offset, 1), Code: CodeRecordTooLong,
			Reason: fmt.Sprintf("line longer than %d bytes (the limit of one record); a case record is a few hundred bytes: is this a case export, with line breaks between the records?", MaxRecordBytes)}
	}
	var pe *csv.ParseError
	if errors.As(err, &pe) {
		return FieldError{File: s.path, Line: pe.Line, Code: CodeUnreadable, Reason: fmt.Sprintf("malformed CSV: %v", pe.Err)}
	}
	if line > 0 {
		return fmt.Errorf("reading %s (line %d): %w", s.path, line, err)
	}
	return fmt.Errorf("reading %s: %w", s.path, err)
}

func (s *csvSource) Close() error { return s.f.Close() }
