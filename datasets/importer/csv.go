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
//
// A record whose line holds no quote is split here (nextPlain), which
// costs a fraction of encoding/csv's parse; every other record, and every
// error, is encoding/csv's. Both read from the one buffered reader br
// (encoding/csv uses a *bufio.Reader it is given as it is), so each
// record is read by exactly one of them.
type csvSource struct {
	path   string
	f      *os.File
	br     *bufio.Reader
	r      *csv.Reader
	comma  byte
	limit  *recordLimiter
	header []string
	size   int64 // of the file, for ReadProgress
	rec    []string
	// csvLine is encoding/csv's own count of the lines it has read (its
	// line numbers leave out the lines read here), plainLines the lines
	// read here: a record's line in the file is the sum.
	csvLine, plainLines int
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
	s.br = bufio.NewReaderSize(s.limit, 64<<10)
	s.comma = byte(comma)
	r := csv.NewReader(s.br)
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
	s.csvLine = lastLine(r, h)
	return s, nil
}

// lastLine is the line (encoding/csv's count) on which rec, just read by
// r, ends: where its last field starts plus the line breaks inside it (a
// quoted field keeps each one as "\n").
func lastLine(r *csv.Reader, rec []string) int {
	line, _ := r.FieldPos(len(rec) - 1)
	return line + strings.Count(rec[len(rec)-1], "\n")
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
	if rec, line, ok, err := s.nextPlain(); ok || err != nil {
		return rec, line, err
	}
	rec, err := s.r.Read()
	if err != nil {
		if err == io.EOF {
			return nil, 0, io.EOF
		}
		return nil, 0, s.readError(err, 0)
	}
	line, _ := s.r.FieldPos(0)
	line += s.plainLines
	s.csvLine = lastLine(s.r, rec)
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
		return FieldError{File: s.path, Line: pe.Line + s.plainLines, Code: CodeUnreadable, Reason: fmt.Sprintf("malformed CSV: %v", pe.Err)}
	}
	if line > 0 {
		return fmt.Errorf("reading %s (line %d): %w", s.path, line, err)
	}
	return fmt.Errorf("reading %s: %w", s.path, err)
}

func (s *csvSource) Close() error { return s.f.Close() }

// nextPlain reads the next record when it is one buffered line without a
// quote, and reads past empty lines as encoding/csv does. ok is false
// when the next line is another case (a quote, longer than the buffer,
// the last line without a line break, the end): then nothing of it was
// read, and encoding/csv reads it. The record is split exactly as
// encoding/csv splits a line without quotes: at every separator, with
// "\r\n" read as "\n".
func (s *csvSource) nextPlain() (rec []string, line int, ok bool, err error) {
	for {
		b, complete := s.peekLine()
		if !complete || bytes.IndexByte(b, '"') >= 0 {
			return nil, 0, false, nil
		}
		line = s.csvLine + s.plainLines + 1
		s.plainLines++
		s.br.Discard(len(b))
		b = b[:len(b)-1]
		if n := len(b); n > 0 && b[n-1] == '\r' {
			b = b[:n-1]
		}
		if len(b) == 0 {
			continue // encoding/csv skips empty lines
		}
		if !utf8.Valid(b) {
			return nil, line, false, FieldError{File: s.path, Line: line, Code: CodeNotUTF8, Reason: notUTF8}
		}
		text := string(b)
		s.rec = s.rec[:0]
		for {
			i := strings.IndexByte(text, s.comma)
			if i < 0 {
				break
			}
			s.rec = append(s.rec, text[:i])
			text = text[i+1:]
		}
		return append(s.rec, text), line, true, nil
	}
}

// peekLine returns the next line with its "\n" from br's buffer without
// reading it; complete is false when there is none (no line break before
// the end of the input, or a line longer than the buffer) or reading
// failed (encoding/csv then meets the same end or error).
func (s *csvSource) peekLine() (b []byte, complete bool) {
	n := s.br.Buffered()
	for {
		b, err := s.br.Peek(n)
		if i := bytes.IndexByte(b, '\n'); i >= 0 {
			return b[:i+1], true
		}
		if err != nil || len(b) == s.br.Size() {
			return nil, false
		}
		n = len(b) + 1
	}
}
