package queries

import (
	"bytes"
	"io"
	"os"
	"unicode/utf8"
)

// This file tells, before DuckDB sees a --db path, the two mistakes a
// newcomer makes: giving a directory, or giving the case export itself
// instead of the store `lagebild import` writes from it. It decides by
// the file's content (the magic bytes of DuckDB and Parquet, the shape of
// a CSV header), not by its name: an export may be called anything.

// sniffLen is how much of a file is read to tell its kind.
const sniffLen = 4096

// notAStoreFile returns the NotStoreError stage for a path that is a
// directory or a case export, and ok=false for anything else (DuckDB then
// decides).
func notAStoreFile(path string, info os.FileInfo) (stage OpenStage, ok bool) {
	if info.IsDir() {
		return StageDirectory, true
	}
	f, err := os.Open(path)
	if err != nil {
		return 0, false
	}
	defer f.Close()
	head := make([]byte, sniffLen)
	n, err := io.ReadFull(f, head)
	if err != nil && err != io.ErrUnexpectedEOF {
		return 0, false
	}
	if isExport(head[:n]) {
		return StageExport, true
	}
	return 0, false
}

// isExport reports whether head, the start of a file, is a Parquet file
// or a CSV file (text whose first line has at least two fields separated
// by ',' or ';'), the formats of a case export. A DuckDB database has
// "DUCK" at byte 8 and binary bytes before it, so it is never taken for one.
func isExport(head []byte) bool {
	if bytes.HasPrefix(head, []byte("PAR1")) {
		return true
	}
	if len(head) >= 12 && string(head[8:12]) == "DUCK" {
		return false
	}
	head = bytes.TrimPrefix(head, []byte("\xef\xbb\xbf"))
	line, _, complete := bytes.Cut(head, []byte("\n"))
	if !complete && len(head) == sniffLen {
		return false // no line break in the first 4 KiB: not a header
	}
	line = bytes.TrimSuffix(line, []byte("\r"))
	if len(line) == 0 || bytes.IndexByte(line, 0) >= 0 || !utf8.Valid(line) {
		return false
	}
	return bytes.Count(line, []byte(",")) >= 1 || bytes.Count(line, []byte(";")) >= 1
}
