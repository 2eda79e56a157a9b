package importer

import (
	"context"
	"encoding/csv"
	"errors"
	"io"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"unicode/utf8"

	"pgregory.net/rapid"
)

// csvRead is what one reader makes of a CSV text after its header: the
// records with their lines, then the error that ended it (nil at the end).
type csvRead struct {
	recs  [][]string
	lines []int
	err   *FieldError
}

// readWithEncodingCSV reads text with encoding/csv alone, as the import
// read every record before lines without quotes were split by hand, and
// applies the source's UTF-8 rule.
func readWithEncodingCSV(t *rapid.T, text string) csvRead {
	r := csv.NewReader(strings.NewReader(text))
	r.FieldsPerRecord = -1
	if _, err := r.Read(); err != nil {
		t.Fatalf("header: %v", err)
	}
	var out csvRead
	for {
		rec, err := r.Read()
		if err == io.EOF {
			return out
		}
		var pe *csv.ParseError
		if errors.As(err, &pe) {
			out.err = &FieldError{Line: pe.Line, Code: CodeUnreadable}
			return out
		}
		if err != nil {
			t.Fatal(err)
		}
		line, _ := r.FieldPos(0)
		for _, f := range rec {
			if !utf8.ValidString(f) {
				out.err = &FieldError{Line: line, Code: CodeNotUTF8}
				return out
			}
		}
		out.recs = append(out.recs, rec)
		out.lines = append(out.lines, line)
	}
}

// readWithSource reads the file with the import's CSV source.
func readWithSource(t *rapid.T, path string) csvRead {
	src, err := openSource(context.Background(), path)
	if err != nil {
		t.Fatalf("open: %v", err)
	}
	defer src.Close()
	var out csvRead
	for {
		rec, line, err := src.Next()
		if err == io.EOF {
			return out
		}
		var fe FieldError
		if errors.As(err, &fe) {
			out.err = &FieldError{Line: fe.Line, Code: fe.Code}
			return out
		}
		if err != nil {
			t.Fatal(err)
		}
		out.recs = append(out.recs, slices.Clone(rec))
		out.lines = append(out.lines, line)
	}
}

// TestPlainLinesReadAsEncodingCSV: with lines without quotes split by
// hand, the CSV source reads every text exactly as encoding/csv does:
// the same records on the same lines, and the same error (malformed
// CSV, not UTF-8) on the same line, whatever mix of plain lines, quoted
// fields over several lines, CRLF, empty lines, stray quotes, invalid
// bytes and lines longer than the read buffer.
func TestPlainLinesReadAsEncodingCSV(t *testing.T) {
	dir := t.TempDir()
	pieces := []string{"a", "b7", ",", ",", ",", "\n", "\n", "\r\n", "\r", " ", `"`, `""`, `"x,y"`, "\"p\nq\"", "\"p\nq\"\n", "\"r\r\ns\"\r\n", "é", "\xff", strings.Repeat("z", 70_000)}
	rapid.Check(t, func(t *rapid.T) {
		var b strings.Builder
		b.WriteString("h1,h2,h3\n")
		for _, i := range rapid.SliceOfN(rapid.IntRange(0, len(pieces)-1), 0, 60).Draw(t, "pieces") {
			p := pieces[i]
			if len(p) > 1000 && rapid.IntRange(0, 9).Draw(t, "long") != 0 {
				p = "zz" // long lines now and then: they are slow to compare
			}
			b.WriteString(p)
		}
		text := b.String()
		path := filepath.Join(dir, "t.csv")
		if err := os.WriteFile(path, []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
		want, got := readWithEncodingCSV(t, text), readWithSource(t, path)
		if !slices.EqualFunc(want.recs, got.recs, slices.Equal) || !slices.Equal(want.lines, got.lines) {
			t.Fatalf("records differ:\n want %q at %v\n got  %q at %v", want.recs, want.lines, got.recs, got.lines)
		}
		if (want.err == nil) != (got.err == nil) || want.err != nil && (want.err.Line != got.err.Line || want.err.Code != got.err.Code) {
			t.Fatalf("error: want %+v, got %+v", want.err, got.err)
		}
	})
}

// The plain path is taken: a file of plain lines is read without
// encoding/csv after the header (its own line count stays at 1).
func TestPlainLinesSkipEncodingCSV(t *testing.T) {
	path := writeFile(t, t.TempDir(), "p.csv", "h1,h2\na,b\r\n\nc,d\ne,f\n")
	src, err := openSource(context.Background(), path)
	if err != nil {
		t.Fatal(err)
	}
	defer src.Close()
	var lines []int
	for {
		_, line, err := src.Next()
		if err == io.EOF {
			break
		}
		if err != nil {
			t.Fatal(err)
		}
		lines = append(lines, line)
	}
	cs := src.(*csvSource)
	if !slices.Equal(lines, []int{2, 4, 5}) || cs.plainLines != 4 || cs.csvLine != 1 {
		t.Errorf("lines %v, plain %d, csv %d; want [2 4 5], 4 plain lines, encoding/csv at line 1", lines, cs.plainLines, cs.csvLine)
	}
}
