package figures

import (
	"bufio"
	"bytes"
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"os"
	"strings"
)

var utf8BOM = []byte{0xEF, 0xBB, 0xBF}

// Load reads a figures file (see the package documentation for the format)
// and validates every row. file names the input in error messages and in
// Figure.File.
//
// All problems of the file are reported together (up to MaxErrors) as a
// *LoadError, each as file:line: reason; a duplicate (year, indicator,
// phenomenon) is one of them and names both lines. When there is any
// problem, no figure is returned: a file is taken whole or not at all. An
// I/O error is returned as is, wrapped with the file name.
func Load(r io.Reader, file string) ([]Figure, error) {
	br := bufio.NewReader(r)
	if b, err := br.Peek(len(utf8BOM)); err == nil && bytes.Equal(b, utf8BOM) {
		br.Discard(len(utf8BOM))
	}
	cr := csv.NewReader(br)
	cr.FieldsPerRecord = -1    // column counts are checked below, row by row
	cr.TrimLeadingSpace = true // allow `2024, "BfV, Bericht 2024", …`

	var errs LoadError
	header, err := cr.Read()
	if err == io.EOF {
		errs.add(RowError{File: file, Line: 1, Reason: "empty file; expected the header " + Header})
		return nil, &errs
	}
	if err != nil {
		if !syntaxError(file, err, &errs) {
			return nil, fmt.Errorf("%s: %w", file, err)
		}
		return nil, &errs
	}
	headerLine, _ := cr.FieldPos(0)
	idx, ok := parseHeader(header, file, headerLine, &errs)
	if !ok {
		return nil, &errs
	}

	var out []Figure
	seen := dupChecker{}
	for {
		rec, err := cr.Read()
		if err == io.EOF {
			break
		}
		if err != nil {
			if !syntaxError(file, err, &errs) {
				return nil, fmt.Errorf("%s: %w", file, err)
			}
			break
		}
		line, _ := cr.FieldPos(0)
		if len(rec) != len(header) {
			reason := fmt.Sprintf("%d columns, but the header has %d", len(rec), len(header))
			if len(rec) > len(header) {
				reason += "; a value that contains a comma must be enclosed in double quotes"
			}
			errs.add(RowError{File: file, Line: line, Reason: reason})
			continue
		}
		raw := rawRow{file: file, line: line}
		for c, i := range idx {
			if i < 0 {
				raw.lines[c] = line
				continue
			}
			raw.fields[c] = strings.TrimSpace(rec[i])
			raw.lines[c], _ = cr.FieldPos(i)
		}
		f, keyOK, ok := validateRow(raw, &errs)
		if keyOK && seen.check(f.Key(), file, line, &errs) {
			continue
		}
		if ok {
			out = append(out, f)
		}
	}
	if err := errs.err(); err != nil {
		return nil, err
	}
	return out, nil
}

// syntaxError records a CSV syntax error in errs and reports whether err
// was one; any other error is an I/O error. After a syntax error the rest of
// the file cannot be read reliably, so reading stops.
func syntaxError(file string, err error, errs *LoadError) bool {
	var pe *csv.ParseError
	if !errors.As(err, &pe) {
		return false
	}
	errs.add(RowError{File: file, Line: pe.Line, Reason: fmt.Sprintf(
		"CSV syntax error: %v; the rest of the file was not checked", pe.Err)})
	return true
}

// LoadFile reads the figures file at path with Load.
func LoadFile(path string) ([]Figure, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	return Load(f, path)
}
