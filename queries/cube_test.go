package queries

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"math/rand/v2"
	"os"
	"path/filepath"
	"reflect"
	"slices"
	"strings"
	"testing"

	"lagebild/datasets/schema"
	"lagebild/datasets/store"
)

// cubeCases are random cases with every optional yes/no field sometimes
// missing, so that the cubes meet NULLs in their filter columns.
func cubeCases(n int) []store.Case {
	cases := randomCases(18, n)
	r := rand.New(rand.NewPCG(18, 1))
	yesNo := func() *bool {
		switch r.IntN(5) {
		case 0:
			return nil
		case 1, 2:
			return ptr(true)
		}
		return ptr(false)
	}
	null := func() bool { return r.IntN(6) == 0 }
	for i := range cases {
		c := &cases[i]
		c.Custody, c.MultiAgency = yesNo(), yesNo()
		c.IntrinsicMotivation, c.Returnee = yesNo(), yesNo()
		// the schema-2 details the evaluator's queries count, each
		// sometimes missing
		d := &c.Details
		d.CaseType = sql.Null[string]{V: schema.CaseTypes[r.IntN(len(schema.CaseTypes))], Valid: !null()}
		d.Agencies = sql.Null[uint8]{V: uint8(r.IntN(256)), Valid: !null()}
		d.CaseConferences = sql.Null[int32]{V: int32(r.IntN(9)), Valid: !null()}
		d.ConsentDocumented = sql.Null[bool]{V: r.IntN(2) == 0, Valid: !null()}
		d.MotivationClosed = sql.Null[bool]{V: r.IntN(2) == 0, Valid: !null()}
		for j := range d.DimIntake {
			d.DimIntake[j] = sql.Null[uint8]{V: uint8(r.IntN(4)), Valid: !null()}
			d.DimClosed[j] = sql.Null[uint8]{V: uint8(r.IntN(4)), Valid: c.Closed != nil && !null()}
		}
		if c.Closed != nil {
			d.ClosureReason = sql.Null[string]{V: schema.ClosureReasons[r.IntN(len(schema.ClosureReasons))], Valid: !null()}
			d.RiskLevelClosed = sql.Null[string]{V: schema.RiskLevels[r.IntN(len(schema.RiskLevels))], Valid: !null()}
			set := int32(r.IntN(5))
			d.GoalsSet = sql.Null[int32]{V: set, Valid: !null()}
			d.GoalsReached = sql.Null[int32]{V: int32(r.IntN(int(set) + 1)), Valid: !null()}
		}
	}
	return cases
}

// cubeFilters are filters across the bounded filter space: none, every
// option of every field alone, and every pair of fields with options
// chosen at random, some of them with a period or a single year.
func cubeFilters(s *Store) []Filter {
	first, last := s.Years()
	var years []int
	for y := first; y <= last; y++ {
		years = append(years, y)
	}
	out := []Filter{{}}
	for _, fd := range FilterFields {
		for _, opt := range fd.Options(years) {
			out = append(out, fd.With(Filter{}, opt))
		}
	}
	r := rand.New(rand.NewPCG(18, 2))
	pick := func(fd *FilterField) string { opts := fd.Options(years); return opts[r.IntN(len(opts))] }
	for i, a := range FilterFields {
		for _, b := range FilterFields[i+1:] {
			for range 2 {
				f := b.With(a.With(Filter{}, pick(a)), pick(b))
				out = append(out, f)
				// and a third field
				c := FilterFields[r.IntN(len(FilterFields))]
				out = append(out, c.With(f, pick(c)))
			}
		}
	}
	return out
}

// published runs every protected output that is made from aggregates
// under f: the catalogue, the key figures, the derived tables, counts by
// pairs of dimensions that a covering serves and that none serves, and
// the quality report (its admission is a population read from one). A
// refusal is kept as its error.
func published(ctx context.Context, s *Store, f Filter) map[string]any {
	out := map[string]any{}
	keep := func(name string, v any, err error) {
		var few *TooFewCasesError
		switch {
		case errors.As(err, &few):
			out[name] = *few
		case err != nil:
			out[name] = err.Error()
		default:
			out[name] = v
		}
	}
	for _, q := range Catalogue() {
		t, err := s.Run(ctx, q.Name, f)
		keep(q.Name, t, err)
	}
	kf, err := s.KeyFigures(ctx, f)
	keep("key figures", kf, err)
	m, err := s.MinorsByYear(ctx, f)
	keep("minors", m, err)
	o, err := s.OutcomeDocumentationByYear(ctx, f)
	keep("outcome documentation", o, err)
	for _, p := range [][2]Dimension{{DimIntakeYear, DimMultiAgency}, {DimAgeBand, DimGender}, {DimState, DimPhenomenon}, {DimAll, DimAll}} {
		t, err := s.Counts(ctx, p[0], p[1], f)
		keep("counts "+p[0].Name+" "+p[1].Name, t, err)
	}
	q, err := s.Quality(ctx, f)
	keep("quality", q, err)
	return out
}

// TestCubeEqualsCaseTable: every protected output under every filter of
// cubeFilters is the same when the aggregates are read from the cube file
// and when they are counted from the case records, and every covering's
// cube sums to the covering's aggregate of the case records.
func TestCubeEqualsCaseTable(t *testing.T) {
	ctx := context.Background()
	cases := cubeCases(6000)
	withCube := openWithCube(t, cases)
	scan := openCases(t, cases, nil)
	if scan.cube != nil {
		t.Fatal("an in-memory store has a cube")
	}
	for i, c := range coverings {
		got, err := withCube.cubeAggregate(ctx, i, Filter{})
		if err != nil {
			t.Fatal(err)
		}
		want, err := scan.aggregate(ctx, c, Filter{})
		if err != nil {
			t.Fatal(err)
		}
		if len(want) == 0 {
			t.Errorf("covering %d counts no cases", i)
		}
		if !sameAggRows(got, want) {
			t.Errorf("covering %d: the cube gives %d rows, the case records %d, not the same", i, len(got), len(want))
		}
	}
	filters := cubeFilters(withCube)
	refused := 0
	for _, f := range filters {
		// The admission's population, exact: one sum over a cube level
		// against the rows of a covering over the case records.
		gotPop, err := withCube.population(ctx, f)
		if err != nil {
			t.Fatal(err)
		}
		if wantPop, err := scan.population(ctx, f); err != nil || gotPop != wantPop {
			t.Errorf("population under %s: the cube gives %+v, the case table %+v (%v)", f.Key(), gotPop, wantPop, err)
		}
		got, want := published(ctx, withCube, f), published(ctx, scan, f)
		for name, w := range want {
			if !reflect.DeepEqual(got[name], w) {
				t.Errorf("%s under %s: the cube gives\n%+v\nthe case table\n%+v", name, f.Key(), got[name], w)
			}
			if _, ok := w.(TooFewCasesError); ok {
				refused++
			}
		}
	}
	if refused == len(filters)*len(published(ctx, scan, Filter{})) {
		t.Fatal("every output was refused: the comparison compared nothing")
	}
	t.Logf("%d filters, %d refused outputs", len(filters), refused)
}

// openWithCube writes cases into a store file and opens it with its cube
// built.
func openWithCube(t *testing.T, cases []store.Case) *Store {
	t.Helper()
	path := filepath.Join(t.TempDir(), "store.duckdb")
	writeStoreFile(t, path, cases)
	return openCubeStore(t, OpenOptions{Path: path, Threads: 1, Cube: CubeBuild})
}

// openCubeStore opens a store file with opts, closed when the test ends,
// and fails unless it has a cube.
func openCubeStore(t *testing.T, opts OpenOptions) *Store {
	t.Helper()
	s, err := Open(context.Background(), opts)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { s.Close() })
	if s.cube == nil {
		t.Fatalf("no cube: %v", s.cubeErr)
	}
	return s
}

// sameAggRows says whether two aggregates hold the same rows in any order.
func sameAggRows(a, b []aggRow) bool {
	key := func(r aggRow) string { return fmt.Sprint(r.keys, r.c) }
	count := map[string]int{}
	for _, r := range a {
		count[key(r)]++
	}
	for _, r := range b {
		count[key(r)]--
	}
	for _, n := range count {
		if n != 0 {
			return false
		}
	}
	return len(a) == len(b)
}

// writeStoreFile writes a store file holding cases.
func writeStoreFile(t *testing.T, path string, cases []store.Case) {
	t.Helper()
	ctx := context.Background()
	db, err := sql.Open("duckdb", path)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	if err := store.CreateSchema(ctx, db); err != nil {
		t.Fatal(err)
	}
	w, err := store.NewCaseWriter(ctx, db)
	if err != nil {
		t.Fatal(err)
	}
	keyer := store.NewRecordKeyer([]byte("fixture secret for tests"))
	for _, c := range cases {
		c.RKey = keyer.Key(c.Provider, c.CaseID)
		if err := w.Append(&c); err != nil {
			t.Fatal(err)
		}
	}
	if err := w.Close(); err != nil {
		t.Fatal(err)
	}
	if err := store.SetMeta(ctx, db, store.MetaSynthetic, "true"); err != nil {
		t.Fatal(err)
	}
}

// setCubeFingerprint overwrites the fingerprint recorded in a cube file.
func setCubeFingerprint(t *testing.T, file, fp string) {
	t.Helper()
	db, err := sql.Open("duckdb", file)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	if _, err := db.Exec(`UPDATE cube_meta SET value = ? WHERE key = 'fingerprint'`, fp); err != nil {
		t.Fatal(err)
	}
}

// A file store builds its cube file at the first open, reads it at the
// next, builds it again when it was made from other data, and gives the
// numbers of the case table in each case.
func TestCubeFile(t *testing.T) {
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "store.duckdb")
	cases := cubeCases(3000)
	writeStoreFile(t, path, cases)
	var builds []int64 // the case counts OnCubeBuild was called with
	open := func() *Store {
		t.Helper()
		return openCubeStore(t, OpenOptions{Path: path, Threads: 1, Cube: CubeBuild,
			OnCubeBuild: func(n int64) { builds = append(builds, n) }})
	}
	ref := openCases(t, cases, nil)
	ref.cube = nil
	filters := []Filter{{}, {States: []string{"DE-BY"}}, {Risks: []string{"high_risk"}, FromYear: 2017, ToYear: 2019}}
	same := func(s *Store, when string) {
		t.Helper()
		for _, f := range filters {
			got, want := published(ctx, s, f), published(ctx, ref, f)
			for name, w := range want {
				if !reflect.DeepEqual(got[name], w) {
					t.Errorf("%s, %s under %s: the cube file gives\n%+v\nthe case table\n%+v", when, name, f.Key(), got[name], w)
				}
			}
		}
	}
	fileID := func() os.FileInfo {
		t.Helper()
		fi, err := os.Stat(CubeFile(path))
		if err != nil {
			t.Fatalf("no cube file: %v", err)
		}
		return fi
	}

	// A one-shot command neither builds the cube file nor misses it.
	oneShot := func() *Store {
		t.Helper()
		s, err := Open(ctx, OpenOptions{Path: path, Threads: 1, Cube: CubeIfFresh})
		if err != nil {
			t.Fatal(err)
		}
		t.Cleanup(func() { s.Close() })
		return s
	}
	s := oneShot()
	if s.cube != nil {
		t.Error("a one-shot open has a cube")
	}
	same(s, "one-shot open without a cube file")
	s.Close()
	if _, err := os.Stat(CubeFile(path)); !errors.Is(err, os.ErrNotExist) {
		t.Errorf("a one-shot open made a cube file: %v", err)
	}

	s = open()
	same(s, "first open")
	built := fileID()
	s.Close()

	s = oneShot()
	if s.cube == nil {
		t.Error("a one-shot open did not read the fresh cube file")
	}
	same(s, "one-shot open with a cube file")
	s.Close()
	if left, _ := filepath.Glob(CubeFile(path) + ".building-*"); len(left) > 0 {
		t.Errorf("building left %v behind", left)
	}

	s = open()
	same(s, "second open")
	s.Close()
	if !os.SameFile(built, fileID()) {
		t.Error("the second open built the cube file again")
	}
	if !reflect.DeepEqual(builds, []int64{int64(len(cases))}) {
		t.Errorf("OnCubeBuild was called with %v, want once with %d (the first open's build)", builds, len(cases))
	}

	setCubeFingerprint(t, CubeFile(path), "built from other data")
	s = open()
	same(s, "after a stale cube file")
	s.Close()
	rebuilt := fileID()
	if os.SameFile(built, rebuilt) {
		t.Error("a stale cube file was kept")
	}

	// More cases in the store: the cube file is built again from them.
	more := cubeCases(3500)[3000:]
	writeStoreFile(t, path, more)
	ref = openCases(t, append(cases, more...), nil)
	ref.cube = nil
	s = open()
	same(s, "after new cases")
	s.Close()
	if os.SameFile(rebuilt, fileID()) {
		t.Error("the cube file of the old data was kept")
	}
	if want := []int64{3000, 3000, 3500}; !reflect.DeepEqual(builds, want) {
		t.Errorf("OnCubeBuild was called with %v, want %v (first open, stale file, new cases)", builds, want)
	}
}

// TestCubeServesEveryQuery: on a store with a cube, no catalogue query
// and none of the other outputs of the views (key figures, quality report,
// derived tables) scans the case records under a filter: the cube serves
// them.
func TestCubeServesEveryQuery(t *testing.T) {
	ctx := context.Background()
	s := openWithCube(t, cubeCases(3000))
	outputs := map[string]func(context.Context, Filter) error{
		"key figures":   func(ctx context.Context, f Filter) error { _, err := s.KeyFigures(ctx, f); return err },
		"quality":       func(ctx context.Context, f Filter) error { _, err := s.Quality(ctx, f); return err },
		"minors":        func(ctx context.Context, f Filter) error { _, err := s.MinorsByYear(ctx, f); return err },
		"documentation": func(ctx context.Context, f Filter) error { _, err := s.OutcomeDocumentationByYear(ctx, f); return err },
	}
	for _, q := range Catalogue() {
		outputs[q.Name] = func(ctx context.Context, f Filter) error { _, err := s.Run(ctx, q.Name, f); return err }
	}
	for _, f := range []Filter{{}, {States: []string{"DE-HE"}}, {Phenomena: []string{"islamist"}, Risks: []string{"high_risk"}, FromYear: 2017, ToYear: 2019}, {Custody: ptr(true), AgeBands: []string{"18_20"}}} {
		for name, run := range outputs {
			s.ResetCache()
			tr := &Trace{}
			if err := run(WithTrace(ctx, tr), f); err != nil {
				var few *TooFewCasesError
				if !errors.As(err, &few) {
					t.Fatalf("%s: %v", name, err)
				}
			}
			for _, st := range tr.Statements() {
				if strings.Contains(withoutComments(st.String()), "case_records") {
					t.Errorf("%s under %s scans the case records:\n%.300s", name, f.Key(), st.String())
				}
			}
		}
	}
}

// withoutComments is the SQL text without its comment lines.
func withoutComments(text string) string {
	var out []string
	for _, l := range strings.Split(text, "\n") {
		if !strings.HasPrefix(strings.TrimSpace(l), "--") {
			out = append(out, l)
		}
	}
	return strings.Join(out, "\n")
}

// TestCubeWarm: the warm-up reads every table of the cube file but the
// finest levels (a name it does not know would end it early, silently), a
// store can be closed while it runs, and a warmed store gives the numbers
// of the case table.
func TestCubeWarm(t *testing.T) {
	ctx := context.Background()
	cases := cubeCases(3000)
	s := openWithCube(t, cases)
	rows, err := s.db.QueryContext(ctx, "SELECT table_name FROM duckdb_tables() WHERE database_name = $1", cubeCatalog)
	if err != nil {
		t.Fatal(err)
	}
	var inFile []string
	for rows.Next() {
		var n string
		if err := rows.Scan(&n); err != nil {
			t.Fatal(err)
		}
		inFile = append(inFile, n)
	}
	rows.Close()
	warmed, finest := cubeTables()
	all := slices.Concat(warmed, finest, []string{"cube_meta"})
	slices.Sort(inFile)
	slices.Sort(all)
	if !slices.Equal(inFile, all) {
		t.Errorf("the warm-up reads\n%v\nand leaves out\n%v\nthe cube file holds\n%v", warmed, finest, inFile)
	}
	for _, f := range finest {
		if !strings.HasSuffix(f, "_full") || slices.Contains(warmed, f) {
			t.Errorf("the warm-up leaves out %s, which is not only a finest level", f)
		}
	}
	path := filepath.Join(t.TempDir(), "store.duckdb")
	writeStoreFile(t, path, cases)
	// Closed at once, while the warm-up runs (the cube file is built by
	// the first open, so the second one starts warming right away).
	for range 2 {
		early, err := Open(ctx, OpenOptions{Path: path, Threads: 1, Cube: CubeBuild, WarmCube: true})
		if err != nil {
			t.Fatal(err)
		}
		if early.warm == nil {
			t.Fatal("no warm-up started")
		}
		if err := early.Close(); err != nil {
			t.Fatal(err)
		}
	}
	warm, err := Open(ctx, OpenOptions{Path: path, Threads: 1, Cube: CubeBuild, WarmCube: true})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { warm.Close() })
	warm.WaitCubeWarm()
	scan := openCases(t, cases, nil)
	for _, f := range []Filter{{}, {States: []string{"DE-BY"}, Phenomena: []string{"islamist"}}} {
		if got, want := published(ctx, warm, f), published(ctx, scan, f); !reflect.DeepEqual(got, want) {
			t.Errorf("a warmed store under %s differs from the case table", f.Key())
		}
	}
}
