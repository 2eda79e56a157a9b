package importer

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"lagebild/datasets/schema"
	"lagebild/datasets/store"
)

// variedExport writes n valid schema-2 records that take every column
// through its values, NULLs included: open and closed cases, every
// optional column empty in some records, agency sets from none to three,
// ratings 0–3 and empty. It returns the file and how many records leave
// gender and agencies empty and say "none" for agencies, counted here
// while writing.
func variedExport(t *testing.T, dir string, n int) (file string, noGender, noAgencies, agenciesNone int) {
	t.Helper()
	bools := []string{"true", "false", ""}
	agencySets := []string{"", "none", "police", "school|police", "probation|youth_welfare|migration_office"}
	recs := make([]rec, 0, n)
	for i := range n {
		var r rec
		if i%3 == 0 {
			r = baseRec(fmt.Sprintf("V%05d", i)).with("case_type", schema.CaseTypes[i%2])
		} else {
			r = closedRec2(fmt.Sprintf("V%05d", i)).with(
				"closure_reason", schema.ClosureReasons[i%len(schema.ClosureReasons)],
				"consent_documented", bools[i%3], "motivation_closed", bools[(i/3)%3],
				"case_conferences", []string{"", "0", "7"}[i%3])
			for j, d := range schema.Dimensions {
				r[schema.DimensionClosed(d)] = []string{"", "0", "1", "2", "3"}[(i+j)%5]
			}
		}
		r = r.with(
			"provider", fmt.Sprintf("T%02d", i%7),
			"state", schema.States[i%len(schema.States)],
			"phenomenon", schema.Phenomena[i%len(schema.Phenomena)],
			"intake", fmt.Sprintf("20%02d-%02d", 15+i%7, 1+i%12),
			"age", fmt.Sprint(12+i%50),
			"gender", append([]string{""}, schema.Genders...)[i%(len(schema.Genders)+1)],
			"access_route", schema.AccessRoutes[i%len(schema.AccessRoutes)],
			"intrinsic_motivation", bools[i%3], "returnee", bools[(i+1)%3],
			"custody", bools[(i+2)%3], "multi_agency", bools[(i/2)%3],
			"risk_level", schema.RiskLevels[i%len(schema.RiskLevels)],
			"contacts", []string{"", "1", "12", "250"}[i%4],
			"agencies", agencySets[i%len(agencySets)],
		)
		for j, d := range schema.Dimensions {
			r[schema.DimensionIntake(d)] = []string{"3", "", "0", "2", "1"}[(i+j)%5]
		}
		if r["gender"] == "" {
			noGender++
		}
		switch r["agencies"] {
		case "":
			noAgencies++
		case "none":
			agenciesNone++
		}
		recs = append(recs, r)
	}
	return writeFile(t, dir, "varied.csv", csvText(canonHeader2, ",", recs...)), noGender, noAgencies, agenciesNone
}

// appendThroughCaseWriter stores the cases an import of files would store,
// made by the same validation, in a new store file through the appender
// (store.CaseWriter): the way the import stored them before it wrote
// through a table function.
func appendThroughCaseWriter(t *testing.T, path string, files []string, secret []byte) {
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
	r, err := newRun(files, Options{Key: testKey})
	if err != nil {
		t.Fatal(err)
	}
	r.keySecret = secret
	w, err := store.NewCaseWriter(ctx, db)
	if err != nil {
		t.Fatal(err)
	}
	_, err = r.scanAll(ctx, func(c *chunk) error {
		defer func() { c.home <- c }()
		for i := 0; i < c.n; i++ {
			if c.rows[i].emit {
				if err := w.Append(&c.rows[i].cs.Case); err != nil {
					return err
				}
			}
		}
		return nil
	})
	if cerr := w.Close(); err == nil {
		err = cerr
	}
	if err == nil {
		err = r.errs.err()
	}
	if err != nil {
		t.Fatal(err)
	}
}

// differentRows counts the rows of case_records in one store and not in
// the other, both ways, as multisets over every column (NULL equal to
// NULL).
func differentRows(t *testing.T, a, b string) (onlyA, onlyB int) {
	t.Helper()
	db := openRO(t, a)
	lit := "'" + strings.ReplaceAll(b, "'", "''") + "'"
	if _, err := db.Exec(`ATTACH ` + lit + ` AS other (READ_ONLY)`); err != nil {
		t.Fatal(err)
	}
	q := `SELECT (SELECT count(*) FROM (SELECT * FROM case_records EXCEPT ALL SELECT * FROM other.case_records)),
	             (SELECT count(*) FROM (SELECT * FROM other.case_records EXCEPT ALL SELECT * FROM case_records))`
	if err := db.QueryRow(q).Scan(&onlyA, &onlyB); err != nil {
		t.Fatal(err)
	}
	return onlyA, onlyB
}

// TestTableFunctionStoresWhatTheAppenderStored: the import, which hands
// its cases to DuckDB through a table function on several threads, stores
// exactly the rows (every column, NULLs included) that the appender
// stores for the same cases; so do NULL counts written down while making
// the export.
func TestTableFunctionStoresWhatTheAppenderStored(t *testing.T) {
	dir := t.TempDir()
	const n = 12_000 // several chunks on each of DuckDB's threads
	export, noGender, noAgencies, agenciesNone := variedExport(t, dir, n)
	imported := filepath.Join(dir, "imported.db")
	rep := importOK(t, imported, export)
	if rep.StoreRows != n {
		t.Fatalf("stored %d rows, want %d", rep.StoreRows, n)
	}
	appended := filepath.Join(dir, "appended.db")
	appendThroughCaseWriter(t, appended, []string{export}, storeSecretOf(t, imported))
	if got := countRows(t, appended); got != n {
		t.Fatalf("appender stored %d rows, want %d", got, n)
	}
	if onlyImported, onlyAppended := differentRows(t, imported, appended); onlyImported != 0 || onlyAppended != 0 {
		t.Errorf("%d rows only in the import's store, %d only in the appender's", onlyImported, onlyAppended)
	}
	got := queryStrings(t, imported, `SELECT count(*) FILTER (gender IS NULL), count(*) FILTER (agencies IS NULL),
		count(*) FILTER (len(agencies) = 0) FROM cases`)
	if want := fmt.Sprintf("%d|%d|%d", noGender, noAgencies, agenciesNone); got[0] != want {
		t.Errorf("NULL gender|NULL agencies|no agencies = %s, want %s", got[0], want)
	}
}

// TestImportStoresAllOrNothing: a duplicate case id in the last record, a
// failure while storing, and cancellation leave no store behind; and the
// pipeline's statement stores nothing when the reading side fails after
// it has taken cases.
func TestImportStoresAllOrNothing(t *testing.T) {
	dir := t.TempDir()
	export, _, _, _ := variedExport(t, dir, 6_000)
	data, err := os.ReadFile(export)
	if err != nil {
		t.Fatal(err)
	}
	first := strings.SplitN(string(data), "\n", 3)[1]
	dup := writeFile(t, dir, "dup.csv", string(data)+first+"\n")

	db := filepath.Join(dir, "s.db")
	_, err = ImportToStore(context.Background(), db, []string{dup}, Options{Key: testKey})
	var ve *ValidationError
	if !errors.As(err, &ve) || ve.Total != 1 || ve.Errors[0].Code != CodeDuplicateCaseKey {
		t.Fatalf("err = %v, want one duplicate case id", err)
	}
	_, err = ImportToStore(context.Background(), db, []string{export}, Options{Key: testKey, failAfterRows: 4000})
	if !errors.Is(err, errInjected) {
		t.Fatalf("err = %v, want the injected failure", err)
	}
	if _, err := os.Stat(db); !errors.Is(err, os.ErrNotExist) {
		t.Fatalf("a failed import left a store: %v", err)
	}
	assertNoLeftovers(t, dir)

	for _, failed := range []bool{true, false} {
		t.Run(fmt.Sprintf("reading failed %v", failed), func(t *testing.T) {
			ctx := context.Background()
			sdb, err := sql.Open("duckdb", "")
			if err != nil {
				t.Fatal(err)
			}
			defer sdb.Close()
			if err := store.CreateSchema(ctx, sdb); err != nil {
				t.Fatal(err)
			}
			r, err := newRun([]string{export}, Options{Key: testKey})
			if err != nil {
				t.Fatal(err)
			}
			r.keySecret = make([]byte, 32)
			p, err := newPipeline(ctx, sdb, 0)
			if err != nil {
				t.Fatal(err)
			}
			_, err = r.scanAll(ctx, func(c *chunk) error { return p.send(ctx, c) })
			if cerr := p.close(failed); err == nil {
				err = cerr
			}
			if err != nil {
				t.Fatal(err)
			}
			var stored int
			if err := sdb.QueryRow(`SELECT count(*) FROM case_records`).Scan(&stored); err != nil {
				t.Fatal(err)
			}
			want := 6_000
			if failed {
				want = 0
			}
			if stored != want {
				t.Errorf("stored %d cases, want %d", stored, want)
			}
		})
	}
}
