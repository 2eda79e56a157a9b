package importer

import (
	"context"
	"database/sql"
	"errors"
	"maps"
	"testing"

	"lagebild/datasets/store"
)

// With ExcludeFindings, the records with quality findings are left out
// and counted exactly, by code and (required values) by column; the
// other records are imported; the import log counts what was imported.
func TestExcludeFindingsLeavesOutAndCounts(t *testing.T) {
	ctx := context.Background()
	dir := t.TempDir()
	a := writeFile(t, dir, "a.csv", csvText(canonHeader, ",",
		baseRec("K1"), // 2 fine
		baseRec("K2").with("status", "closed_regular", "closed", "2021-02", "outcome", "distanced"), // 3 closed before intake
		baseRec("K3").with("outcome", "distanced", "closed", "2021-05"),                             // 4 two findings, one record
		baseRec("K4").with("phenomenon", ""),                                                        // 5 required missing
		baseRec("K1"),                                                                               // 6 duplicate of line 2
		baseRec("K5"),                                                                               // 7 fine
	))
	b := writeFile(t, dir, "b.csv", csvText(canonHeader, ",",
		baseRec("K6").with("status", "closed_aborted"), // 2 closed without month
		baseRec("K5"),                   // 3 duplicate of a.csv:7
		baseRec("K7").with("state", ""), // 4 required missing
		baseRec("K8"),                   // 5 fine
	))
	db := memoryStore(t)
	rep, err := ImportInto(ctx, db, []string{a, b}, Options{Key: testKey, ExcludeFindings: true})
	if err != nil {
		t.Fatal(err)
	}
	wantCodes := map[Code]int64{
		CodeClosedBeforeIntake: 1, CodeOutcomeOnOpenCase: 1, CodeClosedMonthOnOpen: 1,
		CodeRequiredMissing: 2, CodeDuplicateCaseKey: 2, CodeClosedWithoutMonth: 1,
	}
	if !maps.Equal(rep.Findings, wantCodes) {
		t.Errorf("findings %v, want %v", rep.Findings, wantCodes)
	}
	if want := map[string]int64{"phenomenon": 1, "state": 1}; !maps.Equal(rep.Missing, want) {
		t.Errorf("missing %v, want %v", rep.Missing, want)
	}
	if rep.Excluded != 7 || rep.Rows != 3 {
		t.Errorf("excluded %d, imported %d; want 7 and 3", rep.Excluded, rep.Rows)
	}
	if rep.Files[0].Rows != 6 || rep.Files[0].Excluded != 4 || rep.Files[1].Rows != 4 || rep.Files[1].Excluded != 3 {
		t.Errorf("files %+v", rep.Files)
	}
	var stored, logged int64
	if err := db.QueryRowContext(ctx, `SELECT count(*) FROM case_records`).Scan(&stored); err != nil {
		t.Fatal(err)
	}
	if err := db.QueryRowContext(ctx, `SELECT sum(rows) FROM import_log`).Scan(&logged); err != nil {
		t.Fatal(err)
	}
	if stored != 3 || logged != 3 {
		t.Errorf("stored %d, logged %d; want 3", stored, logged)
	}

	// Validate counts the same.
	vrep, err := Validate(ctx, []string{a, b}, Options{Key: testKey, ExcludeFindings: true})
	if err != nil {
		t.Fatal(err)
	}
	if !maps.Equal(vrep.Findings, wantCodes) || vrep.Excluded != 7 || vrep.Rows != 3 {
		t.Errorf("Validate: findings %v, excluded %d, rows %d", vrep.Findings, vrep.Excluded, vrep.Rows)
	}
}

// Findings do not excuse other problems: those still fail the import,
// and only they are listed.
func TestExcludeFindingsKeepsOtherErrors(t *testing.T) {
	dir := t.TempDir()
	f := writeFile(t, dir, "x.csv", csvText(canonHeader, ",",
		baseRec("K1").with("outcome", "distanced"), // finding
		baseRec("K2").with("state", "DE-XX"),       // error
	))
	db := memoryStore(t)
	_, err := ImportInto(context.Background(), db, []string{f}, Options{Key: testKey, ExcludeFindings: true})
	var ve *ValidationError
	if !errors.As(err, &ve) || ve.Total != 1 || ve.Errors[0].Code != CodeUnknownCode || ve.Findings != 1 {
		t.Fatalf("got %v (%+v), want one unknown code besides one finding", err, ve)
	}
	var n int64
	if err := db.QueryRowContext(context.Background(), `SELECT count(*) FROM case_records`).Scan(&n); err != nil || n != 0 {
		t.Errorf("%d cases stored (%v)", n, err)
	}
}

func memoryStore(t *testing.T) *sql.DB {
	t.Helper()
	db, err := sql.Open("duckdb", "")
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	if err := store.CreateSchema(context.Background(), db); err != nil {
		t.Fatal(err)
	}
	return db
}
