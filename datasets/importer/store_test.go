package importer

import (
	"bytes"
	"context"
	"crypto/hmac"
	"crypto/sha256"
	"database/sql"
	"encoding/hex"
	"errors"
	"fmt"
	"lagebild/datasets/figures"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"lagebild/datasets/store"
)

func TestGermanExportWithBOM(t *testing.T) {
	dir := t.TempDir()
	content := "\xEF\xBB\xBF" +
		"Fallnummer;Träger;Bundesland;Phänomenbereich;Aufnahme;Alter;Geschlecht;Zugangsweg;Eigenmotivation;Risikostufe;Rückkehrer;Haft;Behördenkooperation;Fallstatus;Abschluss;Ergebnis;Rückfall;Anzahl Kontakte\r\n" +
		"F-1;T07;DE-NW;islamist;17.03.2021;16;weiblich-nicht;self;ja;danger_context;nein;Nein;JA;ongoing;;;none;12\r\n"
	// "weiblich-nicht" is wrong on purpose first: the gender code list is English.
	f := writeFile(t, dir, "export.csv", content)
	_, lines := validationErrors(t, Options{}, f)
	if len(lines) != 1 || !strings.HasPrefix(lines[0], f+`:2:Geschlecht: value "weiblich-nicht": unknown code (allowed: female, male, diverse, unknown)`) {
		t.Fatalf("got %q", lines)
	}

	content = strings.Replace(content, "weiblich-nicht", "female", 1) +
		"F-2;T07;DE-NW;right_wing;2019-11-30;45;;family_social;;high_risk;;ja;nein;closed_regular;03.2022;distanced;unknown;0\r\n" +
		";;;;;;;;;;;;;;;;;\r\n" // a line of bare separators is skipped
	writeFile(t, dir, "export.csv", content)
	db := filepath.Join(dir, "s.db")
	rep := importOK(t, db, f)
	if rep.Rows != 2 || strings.Join(rep.Providers, ",") != "T07" {
		t.Errorf("report %+v", rep)
	}
	got := queryStrings(t, db, `SELECT provider, state, phenomenon, strftime(intake, '%Y-%m'), age_band, gender,
		access_route, intrinsic_motivation, risk_level, returnee, custody, multi_agency, status,
		strftime(closed, '%Y-%m'), outcome, relapse, contacts FROM cases ORDER BY intake`)
	want := []string{
		"T07|DE-NW|right_wing|2019-11|40_plus|NULL|family_social|NULL|high_risk|NULL|true|false|closed_regular|2022-03|distanced|unknown|0",
		"T07|DE-NW|islamist|2021-03|14_17|female|self|true|danger_context|false|false|true|ongoing|NULL|NULL|none|12",
	}
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("stored\n%s\nwant\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
}

func TestGeneralisationVisibleInStore(t *testing.T) {
	dir := t.TempDir()
	f := writeCSV(t, dir, "x.csv",
		baseRec("K1").with("age", "16", "intake", "2021-03-17"),
		baseRec("K2").with("age", "", "age_band", "30_39", "intake", "01.12.2020", "status", "closed_regular", "closed", "2021-01-31", "outcome", "exited"))
	db := filepath.Join(dir, "s.db")
	importOK(t, db, f)
	got := queryStrings(t, db, `SELECT age_band, CAST(intake AS VARCHAR), CAST(closed AS VARCHAR) FROM cases ORDER BY intake`)
	want := "30_39|2020-12-01|2021-01-01\n14_17|2021-03-01|NULL"
	if strings.Join(got, "\n") != want {
		t.Errorf("got\n%s\nwant\n%s", strings.Join(got, "\n"), want)
	}
	cols := queryStrings(t, db, `SELECT column_name FROM information_schema.columns WHERE table_name = 'cases' AND column_name = 'age'`)
	if len(cols) != 0 {
		t.Error("cases has an age column")
	}
}

// wantPseudonym computes the documented pseudonym independently.
func wantPseudonym(key []byte, provider, id string) string {
	m := hmac.New(sha256.New, key)
	m.Write([]byte(provider + "\x1f" + id))
	return hex.EncodeToString(m.Sum(nil))[:32]
}

func TestPseudonymisationKeyedAndStable(t *testing.T) {
	dir := t.TempDir()
	const raw = "RAW-CASE-ID-4711-XYZ"
	f := writeCSV(t, dir, "x.csv", baseRec(raw), baseRec(raw).with("provider", "T02"))
	keyB := []byte("another key of 16+ bytes")

	idsOf := func(db string) []string {
		return queryStrings(t, db, `SELECT case_id, rkey FROM case_records ORDER BY provider`)
	}
	db1, db2, db3 := filepath.Join(dir, "1.db"), filepath.Join(dir, "2.db"), filepath.Join(dir, "3.db")
	importOK(t, db1, f)
	importOK(t, db2, f)
	if _, err := ImportToStore(context.Background(), db3, []string{f}, Options{Key: keyB}); err != nil {
		t.Fatal(err)
	}
	a, b, c := idsOf(db1), idsOf(db2), idsOf(db3)
	for i := range a {
		if strings.Split(a[i], "|")[0] != strings.Split(b[i], "|")[0] {
			t.Errorf("same key, different ids: %v vs %v", a, b)
		}
	}
	for i := range a {
		if strings.Split(a[i], "|")[0] == strings.Split(c[i], "|")[0] {
			t.Errorf("different keys, same id %s", a[i])
		}
	}
	want := []string{wantPseudonym(testKey, "T01", raw), wantPseudonym(testKey, "T02", raw)}
	for i, w := range want {
		if got := strings.Split(a[i], "|")[0]; got != w {
			t.Errorf("id %d = %s, want %s", i, got, w)
		}
	}
	if want[0] == want[1] {
		t.Error("provider not part of the pseudonym")
	}
	// The record key is the keyer of the store's own secret over provider
	// and the case id as exported.
	if got, w := strings.Split(a[0], "|")[1], fmt.Sprint(store.NewRecordKeyer(storeSecretOf(t, db1)).Key("T01", raw)); got != w {
		t.Errorf("rkey %s, want %s", got, w)
	}
	for _, db := range []string{db1, db2, db3} {
		data, err := os.ReadFile(db)
		if err != nil {
			t.Fatal(err)
		}
		if bytes.Contains(data, []byte(raw)) || bytes.Contains(data, []byte("RAW-CASE")) {
			t.Errorf("raw case id found in %s", db)
		}
		if bytes.Contains(data, testKey) {
			t.Errorf("key found in %s", db)
		}
		// Positive control: stored strings are visible in the bytes, so
		// the search above would have found the raw id.
		if db != db3 && !bytes.Contains(data, []byte(want[0])) {
			t.Errorf("pseudonym %s not found in %s: the byte search proves nothing", want[0], db)
		}
	}
}

func TestIDsPseudonymousStoredAsGiven(t *testing.T) {
	dir := t.TempDir()
	f := writeCSV(t, dir, "x.csv", baseRec("p-7f3a"), baseRec("p-7f3b"))
	db := filepath.Join(dir, "s.db")
	if _, err := ImportToStore(context.Background(), db, []string{f}, Options{IDsPseudonymous: true}); err != nil {
		t.Fatal(err)
	}
	if got := queryStrings(t, db, `SELECT case_id FROM cases ORDER BY 1`); strings.Join(got, ",") != "p-7f3a,p-7f3b" {
		t.Errorf("ids %v", got)
	}
	// Re-importing the same pseudonyms is a duplicate against the store.
	_, err := ImportToStore(context.Background(), db, []string{f}, Options{IDsPseudonymous: true})
	var ve *ValidationError
	if !errors.As(err, &ve) || !strings.Contains(ve.Errors[0].Error(), `:2:case_id: value "p-7f3a": duplicate case_id: already in the store`) {
		t.Fatalf("err = %v", err)
	}
}

func TestTwoProvidersIntoOneStore(t *testing.T) {
	dir := t.TempDir()
	a := writeCSV(t, dir, "a.csv", baseRec("1"), baseRec("2"), baseRec("3"))
	b := writeFile(t, dir, "b.csv", csvText(canonHeader, ";",
		baseRec("1").with("provider", "T02", "state", "DE-BY"), baseRec("2").with("provider", "T02")))
	db := filepath.Join(dir, "s.db")
	rep := importOK(t, db, a, b)
	if rep.Rows != 5 || rep.StoreRows != 5 || strings.Join(rep.Providers, ",") != "T01,T02" {
		t.Errorf("report %+v", rep)
	}
	if rep.Files[0].Rows != 3 || rep.Files[1].Rows != 2 || rep.Files[1].Providers[0] != "T02" {
		t.Errorf("file reports %+v", rep.Files)
	}
	if got := queryStrings(t, db, `SELECT provider, count(*) FROM cases GROUP BY 1 ORDER BY 1`); strings.Join(got, ",") != "T01|3,T02|2" {
		t.Errorf("per provider %v", got)
	}
	if got := queryStrings(t, db, `SELECT file, rows, providers FROM import_log ORDER BY file`); strings.Join(got, ",") != "a.csv|3|T01,b.csv|2|T02" {
		t.Errorf("import_log %v", got)
	}
	if got := queryStrings(t, db, `SELECT value FROM store_meta WHERE key = 'synthetic'`); len(got) != 1 || got[0] != "false" {
		t.Errorf("synthetic %v", got)
	}

	// A further import adds to the store; the same cases again are refused.
	c := writeCSV(t, dir, "c.csv", baseRec("4"))
	rep = importOK(t, db, c)
	if rep.Rows != 1 || rep.StoreRows != 6 {
		t.Errorf("second import %+v", rep)
	}
	_, err := ImportToStore(context.Background(), db, []string{a}, Options{Key: testKey})
	var ve *ValidationError
	if !errors.As(err, &ve) || ve.Total != 3 || !strings.Contains(ve.Errors[0].Error(), "duplicate case_id for provider T01: already in the store") {
		t.Fatalf("re-import: %v", err)
	}
	if n := countRows(t, db); n != 6 {
		t.Errorf("store has %d rows after refused import", n)
	}
	if got := queryStrings(t, db, `SELECT count(*) FROM import_log`); got[0] != "3" {
		t.Errorf("import_log rows %v", got)
	}
}

func TestOldStoreKeptOnInjectedFailure(t *testing.T) {
	dir := t.TempDir()
	db := filepath.Join(dir, "s.db")
	var recs []rec
	for i := 0; i < 10; i++ {
		recs = append(recs, baseRec(fmt.Sprint("old-", i)))
	}
	importOK(t, db, writeCSV(t, dir, "old.csv", recs...))
	// Keep something beyond the cases in the old store.
	func() {
		rw, err := sql.Open("duckdb", db)
		if err != nil {
			t.Fatal(err)
		}
		defer rw.Close()
		if _, err := rw.Exec(`INSERT INTO figures VALUES (2023, 'persons', 'right_wing', 40600, 'persons', 'BfV', 'VSB 2023', NULL)`); err != nil {
			t.Fatal(err)
		}
	}()
	before, err := os.ReadFile(db)
	if err != nil {
		t.Fatal(err)
	}

	recs = nil
	for i := 0; i < 5000; i++ {
		recs = append(recs, baseRec(fmt.Sprint("new-", i)))
	}
	f := writeCSV(t, dir, "new.csv", recs...)
	_, err = ImportToStore(context.Background(), db, []string{f}, Options{Key: testKey, failAfterRows: 2500})
	if !errors.Is(err, errInjected) {
		t.Fatalf("err = %v, want the injected failure", err)
	}
	after, err := os.ReadFile(db)
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(before, after) {
		t.Error("old store file changed")
	}
	if n := countRows(t, db); n != 10 {
		t.Errorf("old store has %d rows, want 10", n)
	}
	assertNoLeftovers(t, dir)

	// Cancellation in the middle of a file has the same effect.
	recs = nil
	for i := 0; i < ProgressEvery+1000; i++ {
		recs = append(recs, baseRec(fmt.Sprint("big-", i)))
	}
	g := writeCSV(t, dir, "big.csv", recs...)
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	var calls []int64
	_, err = ImportToStore(ctx, db, []string{g}, Options{Key: testKey, Progress: func(_ string, rows int64) {
		calls = append(calls, rows)
		cancel()
	}})
	if !errors.Is(err, context.Canceled) {
		t.Fatalf("err = %v, want context.Canceled", err)
	}
	if len(calls) == 0 || calls[0] != ProgressEvery {
		t.Errorf("progress calls %v, want the first at %d", calls, ProgressEvery)
	}
	if n := countRows(t, db); n != 10 {
		t.Errorf("old store has %d rows after cancellation, want 10", n)
	}
	assertNoLeftovers(t, dir)

	// And the store still takes a proper import, keeping the figure.
	rep := importOK(t, db, f)
	if rep.StoreRows != 5010 {
		t.Errorf("store rows %d", rep.StoreRows)
	}
	if got := queryStrings(t, db, `SELECT value FROM figures WHERE source_ref = 'VSB 2023'`); len(got) != 1 || got[0] != "40600" {
		t.Errorf("figures %v", got)
	}
	assertNoLeftovers(t, dir)
}

// assertNoLeftovers fails if a temporary store or WAL is left in dir.
func assertNoLeftovers(t *testing.T, dir string) {
	t.Helper()
	entries, _ := os.ReadDir(dir)
	for _, e := range entries {
		if strings.Contains(e.Name(), ".importing-") || strings.HasSuffix(e.Name(), ".wal") {
			t.Errorf("left behind: %s", e.Name())
		}
	}
}

func TestValidationFailureLeavesStoreUntouched(t *testing.T) {
	dir := t.TempDir()
	db := filepath.Join(dir, "s.db")
	importOK(t, db, writeCSV(t, dir, "a.csv", baseRec("1")))
	before, _ := os.ReadFile(db)
	var recs []rec
	for i := 0; i < 3000; i++ {
		recs = append(recs, baseRec(fmt.Sprint("n", i)))
	}
	recs = append(recs, baseRec("bad").with("status", "lost"))
	_, err := ImportToStore(context.Background(), db, []string{writeCSV(t, dir, "b.csv", recs...)}, Options{Key: testKey})
	var ve *ValidationError
	if !errors.As(err, &ve) || ve.Total != 1 {
		t.Fatalf("err = %v", err)
	}
	after, _ := os.ReadFile(db)
	if !bytes.Equal(before, after) {
		t.Error("store changed")
	}
	assertNoLeftovers(t, dir)
}

func TestParquetInput(t *testing.T) {
	dir := t.TempDir()
	p := filepath.Join(dir, "export.parquet")
	mem, err := sql.Open("duckdb", "")
	if err != nil {
		t.Fatal(err)
	}
	defer mem.Close()
	_, err = mem.Exec(`COPY (
		SELECT * FROM (VALUES
			('P1', 'T05', 'DE-HH', 'left_wing', DATE '2022-07-14', 23, 'diverse', 'justice', true, 'standard', NULL::BOOLEAN, false, true, 'closed_aborted', DATE '2023-01-02', 'no_change', 'none', 7),
			('P2', 'T05', 'DE-HH', 'islamist',  DATE '2023-02-01', 17, NULL,      'self',    NULL, 'high_risk', true, true, false, 'ongoing', NULL, NULL, NULL, NULL)
		) AS t(Fallnummer, provider, Bundesland, phenomenon, intake, Alter, gender, access_route, intrinsic_motivation, risk_level, returnee, custody, multi_agency, status, closed, outcome, relapse, contacts)
	) TO '` + p + `' (FORMAT parquet)`)
	if err != nil {
		t.Fatal(err)
	}
	db := filepath.Join(dir, "s.db")
	rep := importOK(t, db, p)
	if rep.Rows != 2 {
		t.Errorf("rows %d", rep.Rows)
	}
	got := queryStrings(t, db, `SELECT case_id, phenomenon, strftime(intake, '%Y-%m'), age_band, gender, returnee, strftime(closed, '%Y-%m'), contacts FROM cases ORDER BY intake`)
	want := []string{
		wantPseudonym(testKey, "T05", "P1") + "|left_wing|2022-07|21_24|diverse|NULL|2023-01|7",
		wantPseudonym(testKey, "T05", "P2") + "|islamist|2023-02|14_17|NULL|true|NULL|NULL",
	}
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("got\n%s\nwant\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}

	// Parquet values go through the same validation; line = row + 1.
	q := filepath.Join(dir, "bad.parquet")
	_, err = mem.Exec(`COPY (SELECT 'P9' AS case_id, 'T05' AS provider, 'DE-HH' AS state, 'left_wing' AS phenomenon,
		'2022-07' AS intake, 8 AS age, 'self' AS access_route, 'standard' AS risk_level, 'ongoing' AS status, 'x' AS email
		) TO '` + q + `' (FORMAT parquet)`)
	if err != nil {
		t.Fatal(err)
	}
	_, lines := validationErrors(t, Options{}, q)
	if len(lines) != 1 || lines[0] != q+`:1:email: column looks like a direct identifier (an e-mail address); an anonymised export must not contain it, remove the column before importing (--drop-unknown does not apply)` {
		t.Errorf("got %q", lines)
	}
	if _, lines = validationErrors(t, Options{DropUnknown: true}, q); len(lines) != 1 {
		t.Errorf("with DropUnknown: got %q", lines)
	}
	r := filepath.Join(dir, "bad2.parquet")
	_, err = mem.Exec(`COPY (SELECT 'P9' AS case_id, 'T05' AS provider, 'DE-HH' AS state, 'left_wing' AS phenomenon,
		'2022-07' AS intake, 8 AS age, 'self' AS access_route, 'standard' AS risk_level, 'ongoing' AS status
		) TO '` + r + `' (FORMAT parquet)`)
	if err != nil {
		t.Fatal(err)
	}
	_, lines = validationErrors(t, Options{}, r)
	if len(lines) != 1 || lines[0] != r+`:2:age: value "8": age out of range; must be 10–99` {
		t.Errorf("got %q", lines)
	}
}

func TestImportIntoMemory(t *testing.T) {
	ctx := context.Background()
	db, err := sql.Open("duckdb", "")
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	if err := store.CreateSchema(ctx, db); err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	var recs []rec
	for i := 0; i < 3000; i++ {
		recs = append(recs, baseRec(fmt.Sprint("m", i)).with("state", []string{"DE-BW", "DE-BY", "DE-BE"}[i%3]))
	}
	f := writeCSV(t, dir, "m.csv", recs...)
	rep, err := ImportInto(ctx, db, []string{f}, Options{Key: testKey})
	if err != nil {
		t.Fatal(err)
	}
	if rep.Rows != 3000 || rep.StoreRows != 3000 || rep.Risk == nil || rep.Risk.Records != 3000 {
		t.Errorf("report %+v", rep)
	}
	count := func() int {
		var n int
		if err := db.QueryRow(`SELECT count(*) FROM cases`).Scan(&n); err != nil {
			t.Fatal(err)
		}
		return n
	}

	// A failure while writing removes the rows written so far.
	for i := range recs[:2000] {
		recs[i]["provider"] = "T09"
	}
	g := writeCSV(t, dir, "g.csv", recs[:2000]...)
	_, err = ImportInto(ctx, db, []string{g}, Options{Key: testKey, failAfterRows: 1500})
	if !errors.Is(err, errInjected) {
		t.Fatalf("err = %v", err)
	}
	if n := count(); n != 3000 {
		t.Errorf("after failed import: %d rows, want 3000", n)
	}
	// A validation error writes nothing.
	h := writeCSV(t, dir, "h.csv", baseRec("new1").with("provider", "T09"), baseRec("m1"))
	_, err = ImportInto(ctx, db, []string{h}, Options{Key: testKey})
	var ve *ValidationError
	if !errors.As(err, &ve) || ve.Total != 1 || !strings.Contains(ve.Errors[0].Reason, "already in the store") {
		t.Fatalf("err = %v", err)
	}
	if n := count(); n != 3000 {
		t.Errorf("after invalid import: %d rows, want 3000", n)
	}
	rep, err = ImportInto(ctx, db, []string{g}, Options{Key: testKey})
	if err != nil || count() != 5000 || rep.StoreRows != 5000 {
		t.Fatalf("err %v, rows %d", err, count())
	}
}

func TestOldStoreWithWALExtraTableAndVersion(t *testing.T) {
	dir := t.TempDir()
	db := filepath.Join(dir, "s.db")
	importOK(t, db, writeCSV(t, dir, "a.csv", baseRec("1")))
	// Leave a write-ahead log behind, as a writer that died would, with a
	// figure and a table of its own in it.
	func() {
		rw, err := sql.Open("duckdb", db)
		if err != nil {
			t.Fatal(err)
		}
		defer rw.Close()
		for _, q := range []string{
			`PRAGMA disable_checkpoint_on_shutdown`,
			`SET checkpoint_threshold = '10GB'`,
			`INSERT INTO figures VALUES (2022, 'persons', 'islamist', 27480, 'persons', 'BfV', 'VSB 2022', NULL)`,
			`CREATE TABLE extra AS SELECT 42 AS answer`,
		} {
			if _, err := rw.Exec(q); err != nil {
				t.Fatal(err)
			}
		}
	}()
	if _, err := os.Stat(db + ".wal"); err != nil {
		t.Fatalf("test setup left no WAL: %v", err)
	}
	rep := importOK(t, db, writeCSV(t, dir, "b.csv", baseRec("2")))
	if rep.StoreRows != 2 {
		t.Errorf("store rows %d", rep.StoreRows)
	}
	if _, err := os.Stat(db + ".wal"); err == nil {
		t.Error("stale WAL still beside the new store")
	}
	if got := queryStrings(t, db, `SELECT value FROM figures WHERE source_ref = 'VSB 2022'`); len(got) != 1 || got[0] != "27480" {
		t.Errorf("figures %v", got)
	}
	if got := queryStrings(t, db, `SELECT answer FROM extra`); len(got) != 1 || got[0] != "42" {
		t.Errorf("extra table %v", got)
	}
	assertNoLeftovers(t, dir)

	// A store of another schema version is refused and left alone.
	func() {
		rw, err := sql.Open("duckdb", db)
		if err != nil {
			t.Fatal(err)
		}
		defer rw.Close()
		if _, err := rw.Exec(`UPDATE store_meta SET value = '0' WHERE key = 'schema_version'`); err != nil {
			t.Fatal(err)
		}
	}()
	before, _ := os.ReadFile(db)
	_, err := ImportToStore(context.Background(), db, []string{writeCSV(t, dir, "c.csv", baseRec("3"))}, Options{Key: testKey})
	if err == nil || !strings.Contains(err.Error(), `has store schema version "0", this lagebild writes "`+store.SchemaVersion+`"`) {
		t.Fatalf("err = %v", err)
	}
	if after, _ := os.ReadFile(db); !bytes.Equal(before, after) {
		t.Error("refused store changed")
	}
	assertNoLeftovers(t, dir)

	// Something that is not a store at all is refused too.
	notStore := writeFile(t, dir, "not-a-store.db", "hello")
	if _, err := ImportToStore(context.Background(), notStore, []string{writeCSV(t, dir, "d.csv", baseRec("4"))}, Options{Key: testKey}); err == nil {
		t.Fatal("imported into a non-store")
	}
	if b, _ := os.ReadFile(notStore); string(b) != "hello" {
		t.Error("non-store changed")
	}
	assertNoLeftovers(t, dir)
}

// A new store gets the embedded public figures; a second import keeps
// them (copied with the old store, not added twice).
func TestNewStoreHasPublicFigures(t *testing.T) {
	dir := t.TempDir()
	dbPath := filepath.Join(dir, "store.duckdb")
	ctx := context.Background()
	for i, id := range []string{"c1", "c2"} {
		export := writeCSV(t, dir, fmt.Sprintf("export%d.csv", i), baseRec(id))
		if _, err := ImportToStore(ctx, dbPath, []string{export}, Options{Key: testKey}); err != nil {
			t.Fatal(err)
		}
		got := queryStrings(t, dbPath, `SELECT count(*) FROM figures`)
		if want := fmt.Sprint(len(figures.Embedded())); len(got) != 1 || got[0] != want {
			t.Errorf("figures after import %d: %v, want %s", i+1, got, want)
		}
	}
}
