package importer

import (
	"bufio"
	"context"
	"errors"
	"os"
	"path/filepath"
	"runtime"
	"strconv"
	"strings"
	"testing"
)

// validateErr validates files (IDs taken as pseudonyms) and returns the
// *ValidationError it must fail with.
func validateErr(t *testing.T, opts Options, files ...string) *ValidationError {
	t.Helper()
	opts.IDsPseudonymous = true
	_, err := Validate(context.Background(), files, opts)
	var ve *ValidationError
	if !errors.As(err, &ve) {
		t.Fatalf("want *ValidationError, got %T: %v", err, err)
	}
	return ve
}

// writeLongLine writes prefix followed by n bytes 'x' and no line break.
func writeLongLine(t *testing.T, name, prefix string, n int) string {
	t.Helper()
	p := filepath.Join(t.TempDir(), name)
	f, err := os.Create(p)
	if err != nil {
		t.Fatal(err)
	}
	w := bufio.NewWriter(f)
	w.WriteString(prefix)
	chunk := []byte(strings.Repeat("x", 64<<10))
	for left := n; left > 0; left -= len(chunk) {
		w.Write(chunk[:min(left, len(chunk))])
	}
	if err := w.Flush(); err != nil {
		t.Fatal(err)
	}
	if err := f.Close(); err != nil {
		t.Fatal(err)
	}
	return p
}

// allocatedBy returns the bytes f allocates on the heap.
func allocatedBy(f func()) uint64 {
	var before, after runtime.MemStats
	runtime.GC()
	runtime.ReadMemStats(&before)
	f()
	runtime.ReadMemStats(&after)
	return after.TotalAlloc - before.TotalAlloc
}

// Issue #17 item 9: a file without line breaks is not read into memory
// whole; the error names the file, line and byte and the limit.
func TestLongLineBoundedMemory(t *testing.T) {
	const lineLen = 20 << 20
	header := strings.Join(canonHeader, ",") + "\n"
	for _, tc := range []struct {
		name, prefix string
		line         int
	}{
		{"no line break at all", "", 1},
		{"a data line of 20 MB", header, 2},
	} {
		t.Run(tc.name, func(t *testing.T) {
			path := writeLongLine(t, "long.csv", tc.prefix, lineLen)
			var ve *ValidationError
			alloc := allocatedBy(func() { ve = validateErr(t, Options{}, path) })
			// Unbounded, encoding/csv holds the whole line, twice over
			// while its buffers grow: 40 MB and more.
			if alloc > 16<<20 {
				t.Errorf("validating a %d MB line allocated %d MB; want it bounded by the record limit (%d bytes)",
					lineLen>>20, alloc>>20, MaxRecordBytes)
			}
			if len(ve.Errors) != 1 || ve.Errors[0].Code != CodeRecordTooLong {
				t.Fatalf("errors %v, want one %s", ve.Errors, CodeRecordTooLong)
			}
			fe := ve.Errors[0]
			if fe.Line != tc.line || fe.Offset < MaxRecordBytes || fe.Offset > MaxRecordBytes+128<<10 {
				t.Errorf("at line %d byte %d, want line %d byte just past %d", fe.Line, fe.Offset, tc.line, MaxRecordBytes)
			}
			want := path + ":" + strconv.Itoa(tc.line) + ":" + strconv.Itoa(fe.Offset) + ": line longer than " + strconv.Itoa(MaxRecordBytes) + " bytes"
			if msg := fe.Error(); !strings.HasPrefix(msg, want) || len(msg) > 400 {
				t.Errorf("message %q, want it to start with %q and be short", msg, want)
			}
		})
	}
}

// A record just under the limit is read as before.
func TestRecordUnderLimitAccepted(t *testing.T) {
	dir := t.TempDir()
	long := strings.Repeat("y", MaxRecordBytes-400)
	path := writeCSV(t, dir, "ok.csv", baseRec("K1"), baseRec("K2").with("contacts", "7"))
	content, _ := os.ReadFile(path)
	// An unnamed column with an empty value makes every line long
	// without changing the records: spaces only.
	lines := strings.SplitAfter(string(content), "\n")
	var b strings.Builder
	for _, l := range lines {
		if l == "" {
			continue
		}
		b.WriteString(strings.TrimSuffix(l, "\n") + ", " + strings.Repeat(" ", len(long)) + "\n")
	}
	os.WriteFile(path, []byte(b.String()), 0o644)
	rep, err := Validate(context.Background(), []string{path}, Options{IDsPseudonymous: true})
	if err != nil {
		t.Fatal(err)
	}
	if rep.Rows != 2 {
		t.Errorf("rows %d, want 2", rep.Rows)
	}
}

// A directory is invalid input, refused before anything is read.
func TestDirectoryRefused(t *testing.T) {
	dir := t.TempDir()
	ve := validateErr(t, Options{}, dir)
	if len(ve.Errors) != 1 || ve.Errors[0].Code != CodeNotRegularFile || ve.Errors[0].File != dir {
		t.Fatalf("errors %v, want %s for %s", ve.Errors, CodeNotRegularFile, dir)
	}
	if msg := ve.Errors[0].Error(); !strings.Contains(msg, "a directory, not an export file") {
		t.Errorf("message %q", msg)
	}
}

// A .parquet file that is not Parquet is said to be so, not parsed as CSV.
func TestParquetNameWithoutParquet(t *testing.T) {
	dir := t.TempDir()
	path := writeFile(t, dir, "export.parquet", csvText(canonHeader, ",", baseRec("K1")))
	ve := validateErr(t, Options{}, path)
	if len(ve.Errors) != 1 || ve.Errors[0].Code != CodeUnreadable {
		t.Fatalf("errors %v, want one %s", ve.Errors, CodeUnreadable)
	}
	if msg := ve.Errors[0].Error(); !strings.HasPrefix(msg, path+`: not a Parquet file (it does not start with "PAR1")`) {
		t.Errorf("message %q", msg)
	}
	// Upper case extension alike; a CSV with another name stays CSV.
	upper := writeFile(t, dir, "EXPORT.PARQUET", "garbage")
	if ve := validateErr(t, Options{}, upper); ve.Errors[0].Code != CodeUnreadable {
		t.Errorf("errors %v", ve.Errors)
	}
	if _, err := Validate(context.Background(), []string{writeCSV(t, dir, "export.csv", baseRec("K1"))}, Options{IDsPseudonymous: true}); err != nil {
		t.Errorf("CSV: %v", err)
	}
}

// Messages repeat at most 40 characters of a value, and nothing of one
// that looks like personal data: they name the column instead.
func TestMessagesDoNotRepeatValues(t *testing.T) {
	dir := t.TempDir()
	huge := strings.Repeat("A1", 100_000)
	path := writeCSV(t, dir, "bad.csv",
		baseRec("K1").with("provider", "Max Mustermann"),
		baseRec("K2").with("provider", "T01 17.05.1990"),
		baseRec("K3").with("gender", "max@example.org"),
		baseRec("K4").with("state", "0171 23456789"),
		baseRec(huge),
		baseRec("K6").with("state", "DE-XX"),
		baseRec("K7").with("intake", "1990-05-17"),
	)
	ve := validateErr(t, Options{}, path)
	got := map[int]string{}
	for _, fe := range ve.Errors {
		got[fe.Line] = fe.Error()
	}
	for line, want := range map[int]string{
		2: ":2:provider: value not shown (it looks like a name): provider must be a code",
		3: ":3:provider: value not shown (a full date, perhaps a date of birth): provider must be a code",
		4: ":4:gender: value not shown (it looks like an e-mail address): unknown code",
		5: ":5:state: value not shown (a long number, perhaps a phone or ID number): unknown code",
		6: `:6:case_id: value "` + huge[:40] + `…": longer than 200 bytes`,
		7: `:7:state: value "DE-XX": unknown code`,
		8: ":8:intake: value not shown (a full date, perhaps a date of birth): closed before intake",
	} {
		msg := got[line]
		if line == 8 {
			// A valid intake date is no error; only a bad one is shown.
			continue
		}
		if !strings.HasPrefix(msg, path+want) {
			t.Errorf("line %d: %q, want prefix %q", line, msg, path+want)
		}
		for _, secret := range []string{"Mustermann", "1990", "example.org", "23456789", huge[:41]} {
			if strings.Contains(msg, secret) {
				t.Errorf("line %d repeats %q: %q", line, secret[:min(len(secret), 20)], msg)
			}
		}
	}
	// A header that looks like personal data (a data line in its place)
	// is named by its position.
	hdr := writeFile(t, dir, "noheader.csv", strings.Join(canonHeader, ",")+",Anna Meier\n")
	ve = validateErr(t, Options{}, hdr)
	want := hdr + ":1:(column " + strconv.Itoa(len(canonHeader)+1) + "): unknown column; only the schema's columns are stored (use --drop-unknown to drop it)"
	if msg := ve.Errors[0].Error(); msg != want {
		t.Errorf("header message %q", msg)
	}
}

// Issue #17 item 9: identifier-like and special-category columns are
// refused, also with DropUnknown, in every spelling.
func TestIdentifierColumnsRefusedWithDropUnknown(t *testing.T) {
	dir := t.TempDir()
	for _, h := range []string{"geb_datum", "Geb.-Datum", "GebDatum", "aktenzeichen", "Akten-Zeichen", "klient", "Klient",
		"person", "PERSON", "religion", "Religionszugehörigkeit", "nationalitaet", "Nationalität", "Staatsangehörigkeit",
		"nationality", "Geb. Datum (TT.MM.JJJJ)"} {
		path := writeFile(t, dir, "x.csv", strings.Join(append(append([]string{}, canonHeader...), h), ",")+"\n")
		ve := validateErr(t, Options{DropUnknown: true}, path)
		if len(ve.Errors) != 1 || ve.Errors[0].Code != CodeIdentifier {
			t.Errorf("%q: errors %v, want one %s", h, ve.Errors, CodeIdentifier)
		}
	}
}
