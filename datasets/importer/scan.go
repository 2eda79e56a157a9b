package importer

import (
	"bytes"
	"context"
	"database/sql"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"time"
)

// run is the state of one import (or validation) of a list of files:
// options, the collected errors, the record-key secret (set from the
// target store before writing, see storeSecret) and the
// duplicate check that spans all files and the target store.
type run struct {
	opts  Options
	files []string
	errs  errorList
	// keySecret is the store's record-key secret, nil until it is known
	// (useStoreKeys); each reading worker keys with a RecordKeyer of it.
	keySecret []byte
	seen      *idSet // nil: no duplicate check (second pass of ImportInto)
	// records, when set, is the one export of the run, held in memory
	// (files then holds its name).
	records *Records
	// notes are the plausibility notes of the current pass (scanAll).
	notes *noteTally
}

// newRun starts an import of export files.
func newRun(files []string, opts Options) (*run, error) {
	if err := opts.check(); err != nil {
		return nil, err
	}
	if len(files) == 0 {
		return nil, errors.New("no export files given")
	}
	if err := checkExportFiles(files); err != nil {
		return nil, err
	}
	return newRunOf(files, opts)
}

// newRunOf starts an import of the exports named files.
func newRunOf(files []string, opts Options) (*run, error) {
	opts = opts.withDefaults()
	if err := opts.check(); err != nil {
		return nil, err
	}
	r := &run{
		opts:  opts,
		files: files,
		errs:  errorList{max: opts.MaxErrors},
		seen:  newIDSet(),
	}
	if opts.ExcludeFindings {
		r.errs.findings = newFindingTally()
	}
	return r, nil
}

// queryer is what loadStoredIDs needs: *sql.DB and *sql.Conn qualify.
type queryer interface {
	QueryContext(ctx context.Context, query string, args ...any) (*sql.Rows, error)
}

// loadStoredIDs adds the case ids already in the store to the duplicate
// check, so that an import cannot add a case twice.
func (r *run) loadStoredIDs(ctx context.Context, db queryer) error {
	rows, err := db.QueryContext(ctx, `SELECT case_id FROM case_records`)
	if err != nil {
		return fmt.Errorf("reading stored case ids: %w", err)
	}
	defer rows.Close()
	var id string
	for rows.Next() {
		if err := rows.Scan(&id); err != nil {
			return fmt.Errorf("reading stored case ids: %w", err)
		}
		r.seen.add(keyOf(id), 0)
	}
	if err := rows.Err(); err != nil {
		return fmt.Errorf("reading stored case ids: %w", err)
	}
	return nil
}

// scanFile reads file i, validates every record and, as long as the whole
// import has no error, hands each chunk of valid, generalised and
// pseudonymised cases to emit (nil: validate only), which passes the
// chunk on to the writer. Problems with the input go to r.errs; the
// returned error is for failures that stop the import (I/O, emit,
// cancellation). The records are validated on several goroutines
// (chunkFlow) but taken here in file order, so that the error list, the
// duplicate check and the notes are those of one sequential pass.
func (r *run) scanFile(ctx context.Context, i int, emit func(*chunk) error) (FileReport, error) {
	path := r.files[i]
	fr := FileReport{File: path}
	var src source
	var err error
	if r.records != nil {
		src = openRecords(ctx, r.records)
	} else {
		src, err = openSource(ctx, path)
	}
	if err != nil {
		var fe FieldError
		if errors.As(err, &fe) {
			r.errs.add(fe)
			return fr, nil
		}
		return fr, err
	}
	defer src.Close()
	l, ok := readLayout(path, src.Header(), r.opts.DropUnknown, &r.errs)
	fr.Dropped = l.dropped
	fr.Schema2 = l.schema2()
	if !ok {
		return fr, nil
	}
	if r.seen != nil {
		r.seen.startFile(i)
	}
	var excludedBefore int64
	if r.errs.findings != nil {
		excludedBefore = r.errs.findings.rows
	}
	flow := r.startChunkFlow(src, path, l, emit != nil)
	defer flow.close() // before src.Close: the splitter reads src
	providers := make(map[string]bool)
	caseIDName := l.names[colCaseID]
	var rows, read, size int64
	for {
		if err := ctx.Err(); err != nil {
			return fr, err
		}
		c := flow.next(ctx.Done())
		if c == nil {
			return fr, ctx.Err()
		}
		read, size = c.read, c.size
		emitting := false
		errStart, noteStart := 0, 0
		for j := 0; j < c.n; j++ {
			row := &c.rows[j]
			rowErrs := c.errs[errStart:row.errsEnd]
			notes := c.notes[noteStart:row.notesEnd]
			errStart, noteStart = row.errsEnd, row.notesEnd
			if row.blank {
				continue // spreadsheets leave lines of bare separators
			}
			rows++
			if rows%ProgressEvery == 0 && r.opts.Progress != nil {
				r.opts.Progress(path, rows)
			}
			if rows%readProgressEvery == 0 && r.opts.OnRead != nil {
				readProgress(r.opts.OnRead, path, read, size, rows, false)
			}
			for _, fe := range rowErrs {
				r.errs.add(fe)
			}
			if !row.valid {
				continue
			}
			providers[row.provider] = true
			if r.seen != nil {
				if pf, pl, stored, dup := r.seen.add(row.key, row.line); dup {
					r.errs.add(FieldError{File: path, Line: row.line, Column: caseIDName, Value: row.rawID, Code: CodeDuplicateCaseKey,
						Reason: r.duplicateReason(row.provider, i, pf, pl, stored)})
					continue
				}
			}
			r.notes.check(path, row.line, row.provider, notes)
			if emit != nil && r.errs.total == 0 {
				row.emit = true
				emitting = true
			}
		}
		last, end := c.last, c.end
		if emitting {
			if err := emit(c); err != nil {
				return fr, err
			}
		} else {
			c.home <- c
		}
		if end != nil {
			var fe FieldError
			if !errors.As(end, &fe) {
				return fr, end
			}
			r.errs.add(fe)
		}
		if last {
			break
		}
	}
	fr.Rows = rows
	if r.errs.findings != nil {
		fr.Excluded = r.errs.findings.rows - excludedBefore
	}
	if r.opts.Progress != nil {
		r.opts.Progress(path, rows)
	}
	if r.opts.OnRead != nil {
		readProgress(r.opts.OnRead, path, read, size, rows, true)
	}
	for p := range providers {
		fr.Providers = append(fr.Providers, p)
	}
	sort.Strings(fr.Providers)
	return fr, nil
}

// duplicateReason says where a duplicate case id was seen first.
func (r *run) duplicateReason(provider string, file, f, line int, stored bool) string {
	what := "duplicate case_id for provider " + provider
	if r.opts.IDsPseudonymous {
		what = "duplicate case_id"
	}
	if stored {
		return what + ": already in the store (imported earlier)"
	}
	if f == file {
		return fmt.Sprintf("%s: same as line %d", what, line)
	}
	return fmt.Sprintf("%s: same as %s:%d", what, r.files[f], line)
}

// blank reports whether every field of rec is empty or space.
func blank(rec []string) bool {
	for _, f := range rec {
		if strings.TrimSpace(f) != "" {
			return false
		}
	}
	return true
}

// scanAll runs scanFile over every file and collects their reports. The
// duplicate check is done then: its memory is given back at once, before
// the store computes its risk report.
func (r *run) scanAll(ctx context.Context, emit func(*chunk) error) ([]FileReport, error) {
	defer r.seen.release()
	if r.seen != nil && r.records == nil {
		n := r.seen.len()
		for _, f := range r.files {
			n += estimateRows(f)
		}
		r.seen.reserve(n)
	}
	r.notes = newNoteTally()
	reports := make([]FileReport, 0, len(r.files))
	for i := range r.files {
		fr, err := r.scanFile(ctx, i, emit)
		if err != nil {
			return nil, err
		}
		reports = append(reports, fr)
	}
	return reports, nil
}

// writeLog records the imported files in import_log: base name, rows
// imported and providers, never a path or content.
func writeLog(ctx context.Context, db execer, files []FileReport, at time.Time) error {
	for _, f := range files {
		_, err := db.ExecContext(ctx,
			`INSERT INTO import_log(imported_at, file, rows, providers) VALUES (?, ?, ?, ?)`,
			at, filepath.Base(f.File), f.Rows-f.Excluded, strings.Join(f.Providers, ","))
		if err != nil {
			return fmt.Errorf("writing import_log: %w", err)
		}
	}
	return nil
}

// execer is what writeLog needs: *sql.DB and *sql.Conn qualify.
type execer interface {
	ExecContext(ctx context.Context, query string, args ...any) (sql.Result, error)
}

// estimateRows guesses the number of records of a CSV file from its size
// and the lines in its first 64 KiB, so that the duplicate check can be
// sized once. A wrong guess costs only time.
func estimateRows(path string) int {
	f, err := os.Open(path)
	if err != nil {
		return 0
	}
	defer f.Close()
	st, err := f.Stat()
	if err != nil {
		return 0
	}
	buf := make([]byte, 64<<10)
	n, _ := io.ReadFull(f, buf)
	lines := bytes.Count(buf[:n], []byte{'\n'})
	if n == 0 || lines == 0 || bytes.HasPrefix(buf, parquetMagic) {
		return 0
	}
	return int(st.Size() * int64(lines) / int64(n))
}
