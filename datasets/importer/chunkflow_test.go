package importer

import (
	"context"
	"fmt"
	"path/filepath"
	"reflect"
	"slices"
	"strings"
	"testing"
)

// oneReader and manyChunks are the two ways of reading compared below:
// one worker with every record of a file in one chunk, as a single
// sequential reader; and four workers over chunks of seven records,
// whose results arrive out of order.
var (
	oneReader  = Options{scanWorkers: 1, chunkRows: 1 << 20}
	manyChunks = Options{scanWorkers: 4, chunkRows: 7}
)

// chunkedExport writes two files of 300 records each with problems
// spread over many chunks: unknown codes, quality findings, duplicate
// case ids (within a chunk, across chunks, across files), blank lines,
// plausibility notes; bad ends the second file with a malformed line.
// It returns the files and the number of problems it put in.
func chunkedExport(t *testing.T, bad bool) (files []string, problems int) {
	dir := t.TempDir()
	for f := range 2 {
		var b strings.Builder
		b.WriteString(strings.Join(canonHeader, ",") + "\n")
		for i := range 300 {
			r := baseRec(fmt.Sprintf("F%dK%03d", f, i))
			switch {
			case bad && i%37 == 5:
				r = r.with("state", "Bayern")
				problems++
			case i%29 == 3:
				r = r.with("intake", "") // a finding: required value missing
				problems++
			case i%53 == 11 && i > 11:
				r = r.with("case_id", fmt.Sprintf("F%dK%03d", f, i-11)) // a duplicate an earlier chunk holds
				problems++
			case f == 1 && i%61 == 7:
				r = r.with("case_id", fmt.Sprintf("F0K%03d", i)) // a duplicate of the first file
				problems++
			case i%19 == 2:
				r = r.with("age", "12", "custody", "true") // a plausibility note
			}
			b.WriteString(strings.TrimSuffix(csvText(canonHeader, ",", r), "\n")[len(strings.Join(canonHeader, ","))+1:] + "\n")
			if i%41 == 40 {
				b.WriteString(strings.Repeat(",", len(canonHeader)-1) + "\n")
			}
		}
		if bad && f == 1 {
			b.WriteString(`X1,T01,"DE-BW` + "\n")
			problems++
		}
		files = append(files, writeFile(t, dir, fmt.Sprintf("f%d.csv", f), b.String()))
	}
	return files, problems
}

// TestChunkedReadingReportsAsOneReader: validated on four workers in
// chunks of seven records, a file with problems in many chunks gives
// the same errors in the same order, with the same file:line:column
// messages, as one sequential reader, and those are in line order.
func TestChunkedReadingReportsAsOneReader(t *testing.T) {
	files, problems := chunkedExport(t, true)
	run := func(o Options) *ValidationError {
		o.Key, o.MaxErrors = testKey, 10_000
		_, err := Validate(context.Background(), files, o)
		ve, ok := err.(*ValidationError)
		if !ok {
			t.Fatalf("want *ValidationError, got %T: %v", err, err)
		}
		return ve
	}
	one, many := run(oneReader), run(manyChunks)
	if one.Total != problems {
		t.Errorf("one reader: %d errors, want %d", one.Total, problems)
	}
	if !reflect.DeepEqual(one, many) {
		t.Fatalf("chunked reading differs:\n one: %v\n many: %v", one, many)
	}
	if !slices.IsSortedFunc(many.Errors, func(a, b FieldError) int {
		if c := strings.Compare(a.File, b.File); c != 0 {
			return c
		}
		return a.Line - b.Line
	}) {
		t.Errorf("errors not in file and line order:\n%v", many)
	}
	last := many.Errors[len(many.Errors)-1]
	if last.File != files[1] || last.Code != CodeUnreadable {
		t.Errorf("last error %v, want the malformed line of %s", last, files[1])
	}
}

// TestChunkedImportAsOneReader: with the quality findings left out, the
// chunked import stores the same cases with the same record keys and
// reports the same counts, notes and exclusions as one reader.
func TestChunkedImportAsOneReader(t *testing.T) {
	files, problems := chunkedExport(t, false)
	dir := t.TempDir()
	run := func(o Options, name string) (*Report, []string) {
		o.Key, o.ExcludeFindings = testKey, true
		db := filepath.Join(dir, name)
		rep, err := ImportToStore(context.Background(), db, files, o)
		if err != nil {
			t.Fatal(err)
		}
		return rep, queryStrings(t, db, `SELECT case_id || ' ' || rkey FROM case_records ORDER BY case_id`)
	}
	oneRep, oneCases := run(oneReader, "one.db")
	many := manyChunks
	many.RecordKeyFrom = filepath.Join(dir, "one.db") // the same secret: comparable record keys
	manyRep, manyCases := run(many, "many.db")
	if oneRep.Excluded != int64(problems) || len(oneCases) != 600-problems {
		t.Errorf("one reader: %d excluded, %d stored; want %d and %d", oneRep.Excluded, len(oneCases), problems, 600-problems)
	}
	if !slices.Equal(oneCases, manyCases) {
		t.Errorf("stored cases differ: %d against %d", len(oneCases), len(manyCases))
	}
	oneRep.Risk, manyRep.Risk, oneRep.RiskAdvice, manyRep.RiskAdvice = nil, nil, nil, nil
	if !reflect.DeepEqual(oneRep, manyRep) {
		t.Errorf("reports differ:\n one: %+v\n many: %+v", oneRep, manyRep)
	}
	if len(manyRep.Notes) == 0 {
		t.Error("no plausibility notes: the export should have some")
	}
}
