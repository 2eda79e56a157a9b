// Package queries is the only reader of a lagebild store. It opens the
// DuckDB database once, hardened (no extensions, no external access,
// configuration locked), runs the catalogue of named SQL queries kept in
// embedded .sql files with every filter bound as a parameter, and hands
// consumers protected tables: every count that comes from case data has
// passed the cell key method and the threshold of package queries/sdc.
//
// The TUI, the command line and the SSH server all read through a *Store,
// so a number is the same wherever it is shown.
package queries

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"net/url"
	"os"
	"runtime"
	"strconv"
	"sync"
	"time"

	"github.com/duckdb/duckdb-go/v2"

	"lagebild/datasets/store"
	"lagebild/queries/sdc"
)

// Store is an open, hardened, read-only lagebild store. It is safe for
// concurrent use.
type Store struct {
	db *sql.DB
	// memoryLimit is DuckDB's memory_limit as opened (a cube build lowers
	// it for its time, cubefile.go).
	memoryLimit string
	sdc         *sdc.Table
	params      sdc.Params
	synthetic   bool
	label       string
	// minYear and maxYear span the intake and closing years in the store.
	minYear, maxYear int
	// maxIntakeYear is the last intake year in the store.
	maxIntakeYear int
	// followUp is the relapse follow-up rule (followup.go).
	followUp FollowUp
	// repeated are the record keys that occur more than once (nil: not
	// yet read; see repeatedRecordKeys).
	repeatedMu         sync.Mutex
	repeated           []uint32
	storeHasDuplicates bool
	// ref is the reference month once read (ReferenceMonth).
	refMu sync.Mutex
	ref   *time.Time
	// figures are the public figures read so far, by indicator.
	figuresMu sync.Mutex
	figures   map[string][]figureRow
	// stmts are the prepared statements by text.
	stmts stmtCache
	// cache keeps exact query results (nil: off).
	cache *resultCache
	// cube holds the covering aggregates by every filter column (cube.go;
	// nil: the aggregates scan the case records), cubeErr why a file
	// store has none.
	cube    *cubes
	cubeErr error
	// warm is the background warm-up of the cube tables (cubewarm.go;
	// nil: none).
	warm *cubeWarm
	// policy is what the SQL console's checks read from the catalog
	// (nil: not yet read; see consolePolicy).
	policyMu sync.Mutex
	policy   *consolePolicy
}

// OpenOptions say which store to open and how.
type OpenOptions struct {
	// Path of a store file written by `lagebild import`; empty opens an
	// in-memory database that Fill loads.
	Path string
	// Fill loads an in-memory database (schema, cases, figures) before it
	// is hardened and locked. Required when Path is empty, ignored otherwise.
	Fill func(ctx context.Context, db *sql.DB) error
	// MemoryLimit is DuckDB's memory_limit (default "1GB").
	MemoryLimit string
	// Threads is DuckDB's thread count (default: the number of CPUs).
	Threads int
	// SDC are the disclosure-control parameters (default sdc.DefaultParams()).
	SDC *sdc.Params
	// ResultCacheEntries is how many query results the store keeps
	// (0: DefaultResultCacheEntries; negative: none, every call queries).
	ResultCacheEntries int
	// FollowUpMonths is the minimum follow-up after closure before a
	// closed case counts in a relapse rate, 0 to MaxFollowUpMonths (nil:
	// DefaultFollowUpMonths).
	FollowUpMonths *int
	// Cube says whether a file store reads its aggregates from the cube
	// file beside it (cubefile.go; ignored for an in-memory store, whose
	// few cases are counted faster than a cube is built).
	Cube CubeUse
	// OnCubeBuild, when set, is called before a cube file is built (with
	// Cube CubeBuild, when it is missing or stale): the first open of new
	// data then takes seconds per million cases, which the caller may
	// want to say.
	OnCubeBuild func(cases int64)
	// OnCubeProgress, when set, is called while a cube file is built,
	// after each of its steps (a table or a type): done of total steps
	// (done = total at the end).
	OnCubeProgress func(done, total int)
	// WarmCube reads the cube tables once in the background after open,
	// so that the session's filter changes find their blocks loaded
	// (cubewarm.go): for a session that changes filters many times.
	WarmCube bool
}

// CubeUse is how a file store uses its cube file (cubefile.go).
type CubeUse int

const (
	// CubeOff counts every aggregate from the case records (the SQL
	// console's worker: its catalog holds the case table only).
	CubeOff CubeUse = iota
	// CubeIfFresh reads the cube file when it is there and was built
	// from the store's data, and else counts from the case records: a
	// one-shot command never pays for building it.
	CubeIfFresh
	// CubeBuild builds the cube file first when it is missing or stale:
	// an interactive session, whose many filter changes repay the build.
	CubeBuild
)

// Open opens a store. A store file that cannot be read as a store (also a
// directory or a case export given by mistake) gives a *NotStoreError, one of another schema version a *SchemaVersionError.
// A file store opens with access_mode=read_only; both
// kinds get extension autoloading and community extensions disabled at
// open, and external access disabled and the configuration locked once the
// data is in. Open reads every setting back and fails if one did not take.
// A store of store.MigratableVersion is migrated once (store.MigrateFile)
// and opened again; when it cannot be written, the *SchemaVersionError
// stands.
func Open(ctx context.Context, opts OpenOptions) (*Store, error) {
	st, err := open(ctx, opts)
	var old *SchemaVersionError
	if errors.As(err, &old) && old.Have == store.MigratableVersion && opts.Path != "" {
		if migrated, merr := store.MigrateFile(ctx, opts.Path); merr == nil && migrated {
			return open(ctx, opts)
		}
	}
	return st, err
}

func open(ctx context.Context, opts OpenOptions) (*Store, error) {
	params := sdc.DefaultParams()
	if opts.SDC != nil {
		params = *opts.SDC
	}
	ptable, err := sdc.NewTable(params)
	if err != nil {
		return nil, fmt.Errorf("disclosure control: %w", err)
	}
	months, err := followUpMonths(opts.FollowUpMonths)
	if err != nil {
		return nil, err
	}
	if opts.Path == "" && opts.Fill == nil {
		return nil, errors.New("queries: an in-memory store needs a Fill function")
	}
	if opts.Path != "" {
		info, err := os.Stat(opts.Path)
		if err != nil {
			return nil, &NotStoreError{Path: opts.Path, Stage: StageStat, Err: err}
		}
		if stage, ok := notAStoreFile(opts.Path, info); ok {
			return nil, &NotStoreError{Path: opts.Path, Stage: stage}
		}
	}
	memLimit := opts.MemoryLimit
	if memLimit == "" {
		memLimit = "1GB"
	}
	threads := opts.Threads
	if threads <= 0 {
		threads = runtime.NumCPU()
	}
	q := url.Values{}
	q.Set("autoinstall_known_extensions", "false")
	q.Set("autoload_known_extensions", "false")
	q.Set("allow_community_extensions", "false")
	q.Set("memory_limit", memLimit)
	q.Set("threads", strconv.Itoa(threads))
	if opts.Path != "" {
		q.Set("access_mode", "read_only")
	}
	connector, err := duckdb.NewConnector(opts.Path+"?"+q.Encode(), nil)
	if err != nil {
		return nil, &NotStoreError{Path: opts.Path, Stage: StageOpen, Err: err}
	}
	db := sql.OpenDB(connector)
	db.SetMaxIdleConns(idleConnections)
	entries := opts.ResultCacheEntries
	if entries == 0 {
		entries = DefaultResultCacheEntries
	}
	s := &Store{db: db, sdc: ptable, params: params, cache: newResultCache(entries), followUp: FollowUp{Months: months}, memoryLimit: memLimit}
	s.stmts.max = maxPreparedStatements
	if err := s.init(ctx, opts); err != nil {
		db.Close()
		return nil, err
	}
	return s, nil
}

func (s *Store) init(ctx context.Context, opts OpenOptions) error {
	if opts.Path == "" {
		if err := opts.Fill(ctx, s.db); err != nil {
			return fmt.Errorf("loading the embedded data: %w", err)
		}
	}
	var version string
	err := s.db.QueryRowContext(ctx, `SELECT value FROM store_meta WHERE key = 'schema_version'`).Scan(&version)
	if err != nil {
		return &NotStoreError{Path: opts.Path, Stage: StageSchema, Err: err}
	}
	if version != store.SchemaVersion {
		return &SchemaVersionError{Path: opts.Path, Have: version, Want: store.SchemaVersion}
	}
	meta, err := s.meta(ctx)
	if err != nil {
		return err
	}
	var cases int64
	var ref sql.NullTime
	err = s.db.QueryRowContext(ctx, `SELECT coalesce(min(year(intake)), 0),
		coalesce(greatest(max(year(intake)), max(year(closed))), 0), coalesce(max(year(intake)), 0),
		count(*), CAST(date_trunc('month', greatest(max(intake), max(closed))) AS DATE) FROM case_records`).Scan(&s.minYear, &s.maxYear, &s.maxIntakeYear, &cases, &ref)
	if err != nil {
		return fmt.Errorf("reading the years of the store: %w", err)
	}
	if ref.Valid {
		s.followUp.Reference = ref.Time
	}
	s.synthetic = meta[store.MetaSynthetic] == "true"
	s.label = meta[store.MetaDataLabel]
	if opts.Threads <= 0 {
		if err := s.fitThreads(ctx, cases); err != nil {
			return err
		}
	}
	if opts.Path != "" && opts.Cube != CubeOff {
		announce := func() {
			if opts.OnCubeBuild != nil {
				opts.OnCubeBuild(cases)
			}
		}
		s.cube, s.cubeErr = s.openCubeFile(ctx, opts.Path, opts.Cube == CubeBuild, announce, opts.OnCubeProgress)
	}
	if err := harden(ctx, s.db, opts.Path != ""); err != nil {
		return err
	}
	if s.cube != nil && opts.WarmCube {
		s.startCubeWarm()
	}
	return nil
}

func (s *Store) meta(ctx context.Context) (map[string]string, error) {
	rows, err := s.db.QueryContext(ctx, `SELECT key, value FROM store_meta`)
	if err != nil {
		return nil, fmt.Errorf("reading store_meta: %w", err)
	}
	defer rows.Close()
	m := map[string]string{}
	for rows.Next() {
		var k, v string
		if err := rows.Scan(&k, &v); err != nil {
			return nil, err
		}
		m[k] = v
	}
	return m, rows.Err()
}

// rowGroupSize is the number of rows DuckDB stores together and scans as
// one unit of parallel work.
const rowGroupSize = 122880

// fitThreads gives DuckDB no more threads than a case table of cases
// records has row groups: one scan cannot use more, and the views run
// their queries side by side, so extra threads only compete for the cores. Measured at 100k
// cases (one row group) on 2 cores: the p95 of a filter change fell from
// 15-22 ms to 5-19 ms with 1 thread instead of 2; at 1M (9 row groups)
// 2 threads stay faster.
func (s *Store) fitThreads(ctx context.Context, cases int64) error {
	groups := int((cases + rowGroupSize - 1) / rowGroupSize)
	threads := min(max(groups, 1), runtime.NumCPU())
	if _, err := s.db.ExecContext(ctx, fmt.Sprintf("SET GLOBAL threads = %d", threads)); err != nil {
		return fmt.Errorf("setting DuckDB's threads: %w", err)
	}
	return nil
}

// Close closes the prepared statements and the database.
func (s *Store) Close() error {
	s.stopCubeWarm()
	s.stmts.close()
	return s.db.Close()
}

// Synthetic reports whether the store holds synthetic data only; every
// consumer must label such data.
func (s *Store) Synthetic() bool { return s.synthetic }

// DataLabel describes the loaded case data in a few words, e.g.
// "synthetic sample, 5,000 cases".
func (s *Store) DataLabel() string { return s.label }

// Years returns the first and the last year of the case data (intake or
// closing year; 0, 0 for a store without cases).
func (s *Store) Years() (first, last int) { return s.minYear, s.maxYear }

// K is the threshold below which a published count is withheld.
func (s *Store) K() int { return s.params.K }

func displayPath(p string) string {
	if p == "" {
		return "the in-memory store"
	}
	return p
}
