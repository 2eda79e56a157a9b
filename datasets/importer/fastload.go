package importer

import (
	"bytes"
	"context"
	"database/sql"
	_ "embed"
	"errors"
	"fmt"
	"io"
	"os"
	"sort"
	"sync/atomic"
	"time"

	"lagebild/datasets/schema"
	"lagebild/datasets/store"
)

// The fast path of ImportToStore: DuckDB reads each CSV export with its
// own vectorised reader and inserts the clean rows into the new store in
// one INSERT … SELECT (fastload.sql), which validates, generalises,
// pseudonymises (through Go functions, fastloadudf.go) and writes on
// every core. It takes only files it can judge exactly: it never reports
// a problem itself. When a file is outside what it handles, or any row
// breaks a rule, the import rolls back and runs the Go path, which gives
// every file:line:column message as before (docs/architecture.md,
// "Import"; the measurements are in docs/performance.md).

var (
	//go:embed fastload.sql
	fastLoadSQL string
	//go:embed fastload_macros.sql
	fastLoadMacrosSQL string
	//go:embed fastload_notes.sql
	fastLoadNotesSQL string
)

// errNotFast says the fast path does not take the import: the caller
// rolls back what it wrote and runs the Go path.
var errNotFast = errors.New("not for the fast path")

// fastLoad loads every file of the run into db, which has an open
// transaction on its one connection, through the fast path. It returns
// errNotFast when the Go path must run instead (having written nothing
// that the caller's rollback does not undo); any other error is a
// cancellation.
func (r *run) fastLoad(ctx context.Context, db *sql.DB) ([]FileReport, error) {
	if r.records != nil || r.opts.ExcludeFindings || r.opts.failAfterRows > 0 || r.opts.goPathOnly {
		return nil, errNotFast
	}
	plans := make([]fastFile, len(r.files))
	for i, f := range r.files {
		p, ok := planFastFile(ctx, f, r.opts.DropUnknown)
		if !ok {
			return nil, errNotFast
		}
		plans[i] = p
	}
	conn, err := db.Conn(ctx)
	if err != nil {
		return nil, err
	}
	defer conn.Close()
	rows := new(atomic.Int64)
	if err := registerKeyFunctions(conn, r.opts.Key, r.opts.IDsPseudonymous, r.secret, rows); err != nil {
		return nil, notFast(ctx, err)
	}
	if _, err := conn.ExecContext(ctx, fastLoadMacrosSQL); err != nil {
		return nil, notFast(ctx, err)
	}
	r.notes = newNoteTally()
	reports := make([]FileReport, 0, len(plans))
	for _, p := range plans {
		rows.Store(0)
		fr, err := r.fastLoadFile(ctx, conn, p, rows)
		if err != nil {
			return nil, notFast(ctx, err)
		}
		reports = append(reports, fr)
	}
	// A case key twice, within the files or against the store: the Go
	// path names the lines.
	var dup bool
	if err := conn.QueryRowContext(ctx, `SELECT count(*) <> count(DISTINCT case_id) FROM case_records`).Scan(&dup); err != nil {
		return nil, notFast(ctx, err)
	}
	if dup {
		return nil, errNotFast
	}
	r.fast = true
	return reports, nil
}

// notFast turns a failure of the fast path into errNotFast (the Go path
// will find the cause and name it), except a cancellation.
func notFast(ctx context.Context, err error) error {
	if cerr := ctx.Err(); cerr != nil {
		return cerr
	}
	return fmt.Errorf("%w: %v", errNotFast, err)
}

// fastFile is what the fast path knows of one export before reading it.
type fastFile struct {
	path    string
	names   []string // canonical column name of each field, in file order
	delim   string
	records int64 // data lines
	size    int64
	schema2 []string
}

// planFastFile decides whether the fast path can read path and prepares
// it. It takes a CSV file whose header maps every column to a schema
// column (no unknown or unnamed ones) and whose bytes hold no quote, no
// carriage return and no NUL: so every record is one line, DuckDB and
// encoding/csv split it alike, and the lines counted here are the
// records. Anything else is left to the Go path.
func planFastFile(ctx context.Context, path string, dropUnknown bool) (fastFile, bool) {
	src, err := openSource(ctx, path)
	if err != nil {
		return fastFile{}, false
	}
	defer src.Close()
	cs, ok := src.(*csvSource)
	if !ok {
		return fastFile{}, false
	}
	var errs errorList
	l, ok := readLayout(path, cs.Header(), dropUnknown, &errs)
	if !ok || len(l.unnamed) > 0 || len(l.dropped) > 0 {
		return fastFile{}, false
	}
	p := fastFile{path: path, names: make([]string, l.width), delim: string(cs.r.Comma), size: cs.size, schema2: l.schema2()}
	for i, c := range schema.Columns {
		if l.pos[i] >= 0 {
			p.names[l.pos[i]] = c.Name
		}
	}
	lines, ok := countPlainLines(path)
	if !ok || lines < 1 {
		return fastFile{}, false
	}
	p.records = lines - 1
	return p, true
}

// countPlainLines counts the lines of a file (a last line without a line
// break counts) and reports false when it holds a byte the fast path
// leaves to the Go path: '"', '\r' or NUL.
func countPlainLines(path string) (int64, bool) {
	f, err := os.Open(path)
	if err != nil {
		return 0, false
	}
	defer f.Close()
	buf := make([]byte, 1<<20)
	var lines int64
	var last byte = '\n'
	for {
		n, err := f.Read(buf)
		b := buf[:n]
		if bytes.IndexByte(b, '"') >= 0 || bytes.IndexByte(b, '\r') >= 0 || bytes.IndexByte(b, 0) >= 0 {
			return 0, false
		}
		lines += int64(bytes.Count(b, []byte{'\n'}))
		if n > 0 {
			last = b[n-1]
		}
		if err == io.EOF {
			break
		}
		if err != nil {
			return 0, false
		}
	}
	if last != '\n' {
		lines++
	}
	return lines, true
}

// fastLoadFile inserts one planned file and reads back its providers and
// plausibility notes. errNotFast: a row was not clean.
func (r *run) fastLoadFile(ctx context.Context, conn *sql.Conn, p fastFile, rows *atomic.Int64) (FileReport, error) {
	fr := FileReport{File: p.path, Schema2: p.schema2}
	var before sql.NullInt64
	if err := conn.QueryRowContext(ctx, `SELECT max(rowid) FROM case_records`).Scan(&before); err != nil {
		return fr, err
	}
	prog := &fastProgress{r: r, f: p}
	stop := prog.follow(rows)
	res, err := conn.ExecContext(ctx, fastLoadSQL, fastLoadArgs(p)...)
	stop()
	if err != nil {
		return fr, err
	}
	n, err := res.RowsAffected()
	if err != nil {
		return fr, err
	}
	if n != p.records {
		return fr, errNotFast
	}
	prog.report(n)
	if err := ctx.Err(); err != nil {
		return fr, err
	}
	// The notes take the line from the row id: the insert must have
	// given its rows consecutive ids.
	var first, last sql.NullInt64
	var count int64
	if err := conn.QueryRowContext(ctx, `SELECT min(rowid), max(rowid), count(*) FROM case_records WHERE rowid > ?`,
		before.Int64-boolInt(!before.Valid)).Scan(&first, &last, &count); err != nil {
		return fr, err
	}
	if count != n || count > 0 && last.Int64-first.Int64+1 != count {
		return fr, errNotFast
	}
	fr.Rows = n
	if count > 0 {
		if fr.Providers, err = r.fastNotes(ctx, conn, p.path, first.Int64); err != nil {
			return fr, err
		}
	}
	if r.opts.Progress != nil {
		r.opts.Progress(p.path, n)
	}
	if r.opts.OnRead != nil {
		r.opts.OnRead(ReadProgress{File: p.path, Rows: n, Bytes: p.size, Size: p.size, Done: true})
	}
	return fr, nil
}

// fastProgress reports a fast-path insert to Options.Progress (every
// ProgressEvery rows, as the Go path does) and Options.OnRead (bytes
// estimated from the share of the file's lines done), from the rows
// lagebild_pseudonym has made.
type fastProgress struct {
	r        *run
	f        fastFile
	progress int64 // rows last told to Options.Progress
	read     int64 // rows last told to Options.OnRead
}

// fastProgressTick is how often a running insert is looked at.
const fastProgressTick = 250 * time.Millisecond

// follow reports rows while the insert runs, on a goroutine of its own;
// the function it returns stops it and waits for it, so that the
// callbacks never run at the same time.
func (fp *fastProgress) follow(rows *atomic.Int64) (stop func()) {
	quit, done := make(chan struct{}), make(chan struct{})
	go func() {
		defer close(done)
		t := time.NewTicker(fastProgressTick)
		defer t.Stop()
		for {
			select {
			case <-quit:
				return
			case <-t.C:
				fp.report(rows.Load())
			}
		}
	}()
	return func() { close(quit); <-done }
}

// report tells the callbacks about n rows done (not the end).
func (fp *fastProgress) report(n int64) {
	o := fp.r.opts
	for o.Progress != nil && fp.progress+ProgressEvery <= n {
		fp.progress += ProgressEvery
		o.Progress(fp.f.path, fp.progress)
	}
	if o.OnRead != nil && n > fp.read && n < fp.f.records {
		fp.read = n
		o.OnRead(ReadProgress{File: fp.f.path, Rows: n, Bytes: fp.f.size * n / fp.f.records, Size: fp.f.size})
	}
}

func boolInt(b bool) int64 {
	if b {
		return 1
	}
	return 0
}

// fastNotes adds the plausibility notes of the rows from row id first on
// to r.notes and returns their providers, sorted.
func (r *run) fastNotes(ctx context.Context, conn *sql.Conn, path string, first int64) ([]string, error) {
	rows, err := conn.QueryContext(ctx, `SELECT DISTINCT provider FROM case_records WHERE rowid >= ?`, first)
	if err != nil {
		return nil, err
	}
	var providers []string
	for rows.Next() {
		var p string
		if err := rows.Scan(&p); err != nil {
			rows.Close()
			return nil, err
		}
		providers = append(providers, p)
		r.notes.providers[p] = true
	}
	if err := rows.Close(); err != nil {
		return nil, err
	}
	sort.Strings(providers)

	args := []any{sql.Named("first", first),
		sql.Named("max_contacts_per_month", MaxContactsPerMonth),
		sql.Named("max_duration_months", MaxDurationMonths),
		sql.Named("contacts_implausible_above", store.ContactsImplausibleAbove)}
	for _, c := range []Code{CodeUnder14Justice, CodeClosedRegularNoContacts, CodeContactsPerMonth, CodeLongDuration,
		CodeContactsImplausible, CodeReturneeOutsidePhenomenon, CodeHighRiskWithoutMultiAgency} {
		args = append(args, sql.Named(string(c), string(c)))
	}
	rows, err = conn.QueryContext(ctx, fastLoadNotesSQL, args...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	for rows.Next() {
		var line int
		var code, provider string
		if err := rows.Scan(&line, &code, &provider); err != nil {
			return nil, err
		}
		r.notes.add(path, line, provider, Code(code))
	}
	return providers, rows.Err()
}

// fastLoadArgs binds fastload.sql's parameters: the file and its layout,
// and the schema's and the store's rules and constants, so that the SQL
// repeats none of them.
func fastLoadArgs(p fastFile) []any {
	var yes, no []string
	for _, w := range schema.BoolSpellings {
		if v, ok := schema.ParseBool(w); ok && v {
			yes = append(yes, w)
		} else if ok {
			no = append(no, w)
		}
	}
	bands := make([]string, schema.MaxAge+1)
	for age := range bands {
		bands[age] = schema.AgeBand(age)
	}
	return []any{
		sql.Named("file", p.path), sql.Named("names", p.names), sql.Named("delim", p.delim),
		sql.Named("case_id_max_len", caseIDMaxLen), sql.Named("provider_max_len", providerMaxLen),
		sql.Named("min_year", schema.MinYear), sql.Named("max_year", schema.MaxYear),
		sql.Named("min_age", schema.MinAge), sql.Named("max_age", schema.MaxAge), sql.Named("age_bands", bands),
		sql.Named("true_words", yes), sql.Named("false_words", no),
		sql.Named("agency_none", schema.AgencyNone), sql.Named("agency_separator", schema.AgencySeparator),
		sql.Named("min_scale", schema.MinScale), sql.Named("max_scale", schema.MaxScale),
		sql.Named("contacts_implausible_above", store.ContactsImplausibleAbove),
		sql.Named("flag_gender", store.FlagGender), sql.Named("flag_intrinsic_motivation", store.FlagIntrinsicMotivation),
		sql.Named("flag_returnee", store.FlagReturnee), sql.Named("flag_custody", store.FlagCustody),
		sql.Named("flag_multi_agency", store.FlagMultiAgency), sql.Named("flag_closed", store.FlagClosed),
		sql.Named("flag_outcome", store.FlagOutcome), sql.Named("flag_relapse", store.FlagRelapse),
		sql.Named("flag_contacts", store.FlagContacts), sql.Named("flag_closed_status", store.FlagClosedStatus),
		sql.Named("flag_documented_outcome", store.FlagDocumentedOutcome),
		sql.Named("flag_closed_before_intake", store.FlagClosedBeforeIntake),
		sql.Named("flag_contacts_implausible", store.FlagContactsImplausible),
	}
}
