package importer

import (
	"bytes"
	"context"
	"database/sql"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"lagebild/datasets/store"
	"lagebild/datasets/synth"
	"lagebild/queries"
)

// secretExport writes a synthetic export of n cases (providers, states,
// phenomena and years as in real exports) and returns its path.
func secretExport(t *testing.T, dir, name string, n int, seed uint64) string {
	t.Helper()
	path := filepath.Join(dir, name)
	if err := synth.WriteFile(context.Background(), path, synth.Config{Cases: n, Seed: seed, FromYear: 2018, ToYear: 2024}); err != nil {
		t.Fatal(err)
	}
	return path
}

// importWith imports files into dbPath and fails the test on error.
func importWith(t *testing.T, dbPath string, opts Options, files ...string) {
	t.Helper()
	if _, err := ImportToStore(context.Background(), dbPath, files, opts); err != nil {
		t.Fatalf("import into %s: %v", filepath.Base(dbPath), err)
	}
}

// storeSecretOf reads the record-key secret of the store file path.
func storeSecretOf(t testing.TB, path string) []byte {
	t.Helper()
	db := openRO(t, path)
	defer db.Close()
	secret, err := store.ReadRecordKeySecret(context.Background(), db)
	if err != nil {
		t.Fatalf("%s: %v", filepath.Base(path), err)
	}
	return secret
}

// rkeys returns the record keys of the cases with rowid >= from, sorted:
// the multiset the cell keys are sums over.
func rkeys(t *testing.T, path string, from int) []string {
	t.Helper()
	ks := queryStrings(t, path, `SELECT rkey FROM case_records WHERE rowid >= ?`, from)
	slices.Sort(ks)
	return ks
}

// publishedTable renders the protected table intakes_by_year_phenomenon of
// the store file path as queries publishes it: every cell and margin,
// numbers and withheld cells.
func publishedTable(t *testing.T, path string) string {
	t.Helper()
	ctx := context.Background()
	s, err := queries.Open(ctx, queries.OpenOptions{Path: path, Threads: 1})
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	tab, err := s.Run(ctx, queries.QIntakesByYearPhenomenon, queries.Filter{})
	if err != nil {
		t.Fatal(err)
	}
	val := func(v queries.Value) string {
		if f, ok := v.Float(); ok {
			return fmt.Sprint(f)
		}
		if v.Withheld() {
			return "withheld"
		}
		return "missing"
	}
	var b strings.Builder
	fmt.Fprintf(&b, "cols %v\n", tab.Cols())
	for i, r := range tab.Rows() {
		fmt.Fprintf(&b, "%s:", r)
		for j := range tab.Cols() {
			b.WriteString(" " + val(tab.Cell(i, j)))
		}
		if v, ok := tab.RowTotal(i); ok {
			b.WriteString(" | " + val(v))
		}
		b.WriteString("\n")
	}
	if v, ok := tab.Total(); ok {
		b.WriteString("total " + val(v) + "\n")
	}
	return b.String()
}

// copyFile copies a closed store file: the same store at the same version.
func copyFile(t *testing.T, from, to string) {
	t.Helper()
	data, err := os.ReadFile(from)
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(to, data, 0o644); err != nil {
		t.Fatal(err)
	}
}

// The attack: from one version of a store, import the same export twice,
// once with one pseudonymisation key and once with another (or with the
// ids declared pseudonymous and no key). If the record keys followed the
// key, the two resulting store versions would publish differently noised
// numbers, and averaging them would remove the noise. They are keyed by
// the store's secret over the export's own identity, so both versions
// publish the same numbers. (A store whose cases were pseudonymised with
// a key refuses another key, TestImportWithAnotherKeyRefused; so the
// stores here start with ids given as pseudonyms, which record no key.)
func TestReimportWithAnotherKeyKeepsRecordKeys(t *testing.T) {
	dir := t.TempDir()
	export := secretExport(t, dir, "export.csv", 1500, 11)
	keyB := []byte("a second pseudonymisation key")
	for _, tc := range []struct {
		name          string
		first, second Options
	}{
		{"ids pseudonymous, then a key", Options{IDsPseudonymous: true}, Options{Key: keyB}},
		{"a key, then ids pseudonymous", Options{Key: testKey}, Options{IDsPseudonymous: true}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			dir := t.TempDir()
			// One after the other into the same store: the second import's
			// cases (new pseudonyms, so no duplicates) get exactly the
			// record keys of the first's.
			same := filepath.Join(dir, "same.duckdb")
			importWith(t, same, tc.first, export)
			secret := storeSecretOf(t, same)
			importWith(t, same, tc.second, export)
			if !bytes.Equal(storeSecretOf(t, same), secret) {
				t.Fatal("the import replaced the store's secret")
			}
			// Sorted: an import stores its cases on several threads, not
			// in the order of the file.
			first := queryStrings(t, same, `SELECT rkey FROM case_records WHERE rowid < 1500`)
			slices.Sort(first)
			second := rkeys(t, same, 1500)
			if len(first) != 1500 || !slices.Equal(first, second) {
				t.Errorf("re-import gave other record keys (%d and %d cases)", len(first), len(second))
			}
			if ids := queryStrings(t, same, `SELECT count(DISTINCT case_id) FROM case_records`); ids[0] != "3000" {
				t.Fatalf("%s distinct case ids, want 3000: the two imports did not differ in pseudonyms", ids[0])
			}

			// From one store version to two, one with testKey and one
			// with the second options: identical record keys and
			// identical published tables.
			base := filepath.Join(dir, "base.duckdb")
			importWith(t, base, Options{IDsPseudonymous: true}, writeCSV(t, dir, "earlier.csv", baseRec("E1"), baseRec("E2"), baseRec("E3")))
			v1, v2 := filepath.Join(dir, "v1.duckdb"), filepath.Join(dir, "v2.duckdb")
			copyFile(t, base, v1)
			copyFile(t, base, v2)
			importWith(t, v1, Options{Key: testKey}, export)
			importWith(t, v2, tc.second, export)
			if !slices.Equal(rkeys(t, v1, 0), rkeys(t, v2, 0)) {
				t.Error("the two store versions have different record keys")
			}
			if a, b := publishedTable(t, v1), publishedTable(t, v2); a != b {
				t.Errorf("the two store versions publish different numbers:\n%s\n%s", a, b)
			}
		})
	}
}

// Two new stores have secrets of their own: the same export gives other
// record keys and other published numbers (so the comparisons above can
// tell a difference), unless the second store takes the first one's
// secret with RecordKeyFrom.
func TestNewStoresHaveOwnSecretUnlessCarriedOver(t *testing.T) {
	dir := t.TempDir()
	export := secretExport(t, dir, "export.csv", 1500, 21)
	s1, s2, s3 := filepath.Join(dir, "1.duckdb"), filepath.Join(dir, "2.duckdb"), filepath.Join(dir, "3.duckdb")
	importWith(t, s1, Options{Key: testKey}, export)
	importWith(t, s2, Options{Key: testKey}, export)
	if bytes.Equal(storeSecretOf(t, s1), storeSecretOf(t, s2)) {
		t.Fatal("two new stores got the same secret")
	}
	if slices.Equal(rkeys(t, s1, 0), rkeys(t, s2, 0)) {
		t.Error("two new stores have the same record keys")
	}
	t1 := publishedTable(t, s1)
	if t1 == publishedTable(t, s2) {
		t.Error("two new stores publish the same noised numbers")
	}
	importWith(t, s3, Options{Key: []byte("yet another pseudonymisation key"), RecordKeyFrom: s1}, export)
	if !bytes.Equal(storeSecretOf(t, s3), storeSecretOf(t, s1)) {
		t.Error("RecordKeyFrom did not take the secret")
	}
	if !slices.Equal(rkeys(t, s1, 0), rkeys(t, s3, 0)) {
		t.Error("RecordKeyFrom: other record keys")
	}
	if t3 := publishedTable(t, s3); t3 != t1 {
		t.Errorf("RecordKeyFrom: other published numbers:\n%s\n%s", t1, t3)
	}
	// Into a store that has a secret, RecordKeyFrom must agree with it.
	more := writeCSV(t, dir, "more.csv", baseRec("M1"))
	if _, err := ImportToStore(context.Background(), s3, []string{more}, Options{IDsPseudonymous: true, RecordKeyFrom: s2}); !errors.Is(err, ErrRecordKeyConflict) {
		t.Errorf("conflicting RecordKeyFrom: %v, want ErrRecordKeyConflict", err)
	}
	if _, err := ImportToStore(context.Background(), filepath.Join(dir, "4.duckdb"), []string{more},
		Options{Key: testKey, RecordKeyFrom: filepath.Join(dir, "nonexistent.duckdb")}); !errors.Is(err, fs.ErrNotExist) {
		t.Errorf("RecordKeyFrom a missing store: %v, want fs.ErrNotExist", err)
	}
	for _, p := range []string{filepath.Join(dir, "4.duckdb")} {
		if _, err := os.Stat(p); err == nil {
			t.Errorf("%s was created by a failed import", p)
		}
	}
}

// The secret is random, not the pseudonymisation key nor derived from
// it, and the SQL console refuses its table.
func TestSecretIsNotTheKeyAndNotInTheConsole(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "s.duckdb")
	importWith(t, path, Options{Key: testKey}, secretExport(t, dir, "e.csv", 300, 31))
	secret := storeSecretOf(t, path)
	if len(secret) != store.RecordKeySecretLen || bytes.Contains(testKey, secret[:8]) || bytes.Contains(secret, testKey[:8]) {
		t.Errorf("secret %x looks like the pseudonymisation key", secret)
	}
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	if bytes.Contains(data, testKey) {
		t.Error("the pseudonymisation key is in the store file")
	}
	ctx := context.Background()
	s, err := queries.Open(ctx, queries.OpenOptions{Path: path, Threads: 1})
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	for _, q := range []string{
		`SELECT * FROM record_key_secret`,
		`SELECT secret FROM main.record_key_secret`,
		`SELECT hex(secret) FROM "RECORD_KEY_SECRET"`,
		`SELECT count(*) FROM cases WHERE EXISTS (SELECT 1 FROM record_key_secret)`,
		`DESCRIBE record_key_secret`,
	} {
		res, err := s.Console(ctx, q, queries.ConsoleLimits{})
		var re *queries.RefusedError
		if !errors.As(err, &re) || re.What != "internal table record_key_secret" {
			t.Errorf("%q: %v (result %v), want refused as internal table record_key_secret", q, err, res)
		}
	}
}

// A store of an older schema version (no secret; its record keys cannot be
// recomputed) is refused with one line, typed; so is a store that holds
// cases but lost its secret.
func TestStoreWithoutSecretRefused(t *testing.T) {
	dir := t.TempDir()
	export := secretExport(t, dir, "e.csv", 50, 41)
	more := writeCSV(t, dir, "more.csv", baseRec("M1"))
	old := filepath.Join(dir, "old.duckdb")
	importWith(t, old, Options{Key: testKey}, export)
	lost := filepath.Join(dir, "lost.duckdb")
	copyFile(t, old, lost)
	execOn(t, old, `DROP TABLE record_key_secret`, `UPDATE store_meta SET value = '3' WHERE key = 'schema_version'`)
	execOn(t, lost, `DELETE FROM record_key_secret`)

	_, err := ImportToStore(context.Background(), old, []string{more}, Options{Key: testKey})
	if !errors.Is(err, ErrStoreVersion) || strings.Contains(err.Error(), "\n") {
		t.Errorf("older store: %v, want one line wrapping ErrStoreVersion", err)
	}
	_, err = ImportToStore(context.Background(), filepath.Join(dir, "new.duckdb"), []string{more}, Options{Key: testKey, RecordKeyFrom: old})
	if !errors.Is(err, ErrStoreVersion) {
		t.Errorf("RecordKeyFrom an older store: %v, want ErrStoreVersion", err)
	}
	_, err = ImportToStore(context.Background(), lost, []string{more}, Options{Key: testKey})
	if !errors.Is(err, store.ErrNoRecordKeySecret) {
		t.Errorf("store with cases but no secret: %v, want ErrNoRecordKeySecret", err)
	}
}

// execOn runs statements on the store file path.
func execOn(t *testing.T, path string, stmts ...string) {
	t.Helper()
	db, err := sql.Open("duckdb", path)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	for _, q := range stmts {
		if _, err := db.Exec(q); err != nil {
			t.Fatalf("%s: %v", q, err)
		}
	}
}
