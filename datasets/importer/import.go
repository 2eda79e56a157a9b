package importer

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"time"

	"lagebild/datasets/store"
)

// errInjected is the failure Options.failAfterRows injects.
var errInjected = errors.New("injected failure (test)")

// Validate checks files exactly as an import would (columns, values,
// cross-field rules, duplicate case ids within the files) without writing
// anything. The report has rows, providers and dropped columns but no
// risk figures. Validation problems are returned as a *ValidationError.
// Nothing is stored, so no key is needed: without one, a random key
// serves the duplicate check.
func Validate(ctx context.Context, files []string, opts Options) (*Report, error) {
	if len(opts.Key) == 0 && !opts.IDsPseudonymous {
		key, err := store.RandomSecret()
		if err != nil {
			return nil, err
		}
		opts.Key = key
	}
	r, err := newRun(files, opts)
	if err != nil {
		return nil, err
	}
	frs, err := r.scanAll(ctx, nil)
	if err != nil {
		return nil, err
	}
	if err := r.errs.err(); err != nil {
		return nil, err
	}
	rep := newReport(frs)
	r.errs.findings.report(rep)
	r.notes.report(rep)
	return rep, nil
}

// ImportInto imports files into an open store db, whose schema must exist
// (store.CreateSchema). It is meant for small imports into a private
// store, such as the embedded sample in memory; a store file is updated
// with ImportToStore, which is atomic.
//
// It works in two passes: the first validates all files (all errors of
// all files are returned together as a *ValidationError, including case
// ids that are already in db), the second re-reads them and stores the
// cases in one INSERT statement (pipeline), then records them in
// import_log. Nothing is written when validation fails. If writing fails,
// the rows this import stored are deleted again (the statement stores all
// or nothing, but what follows it runs outside a transaction; new rows
// always get row ids above every existing row, so they can be removed by
// row id). Options.Progress sees both passes.
//
// The record keys are keyed by db's record-key secret; a db without one
// gets a random secret (or that of Options.RecordKeyFrom) after
// validation, before the first case is written. A caller that needs
// fixed record keys (the embedded sample) writes its secret with
// store.WriteRecordKeySecret first.
func ImportInto(ctx context.Context, db *sql.DB, files []string, opts Options) (*Report, error) {
	r, err := newRun(files, opts)
	if err != nil {
		return nil, err
	}
	return r.importInto(ctx, db)
}

func (r *run) importInto(ctx context.Context, db *sql.DB) (*Report, error) {
	if err := r.loadStoredIDs(ctx, db); err != nil {
		return nil, err
	}
	if _, err := r.scanAll(ctx, nil); err != nil {
		return nil, err
	}
	if err := r.errs.err(); err != nil {
		return nil, err
	}
	if err := r.useStoreKeys(ctx, db); err != nil {
		return nil, err
	}

	var lastRowID sql.NullInt64
	if err := db.QueryRowContext(ctx, `SELECT max(rowid) FROM case_records`).Scan(&lastRowID); err != nil {
		return nil, fmt.Errorf("reading store: %w", err)
	}
	at := time.Now().UTC()
	rollback := func(cause error) error {
		// Also after cancellation: the cleanup must run.
		cctx := context.WithoutCancel(ctx)
		q, args := `DELETE FROM case_records`, []any(nil)
		if lastRowID.Valid {
			q, args = q+` WHERE rowid > ?`, []any{lastRowID.Int64}
		}
		_, err := db.ExecContext(cctx, q, args...)
		if err == nil {
			_, err = db.ExecContext(cctx, `DELETE FROM import_log WHERE imported_at = ?`, at)
		}
		if err != nil {
			return fmt.Errorf("%w (and removing the partly imported rows failed: %v)", cause, err)
		}
		return cause
	}

	if r.errs.findings != nil {
		// The second pass leaves out the same records as the first: it
		// needs the duplicate check again, and counts afresh.
		r.errs.findings = newFindingTally()
		r.seen = newIDSet()
		if err := r.loadStoredIDs(ctx, db); err != nil {
			return nil, err
		}
	} else {
		r.seen = nil // validated: the ids were checked in the first pass
	}
	frs, err := r.writeAll(ctx, db)
	if err == nil {
		err = r.errs.err() // the files changed between the passes
	}
	if err == nil {
		err = writeLog(ctx, db, frs, at)
	}
	if err == nil {
		err = recordKeyFingerprint(ctx, db, r.pseudonymKey())
	}
	if err != nil {
		return nil, rollback(err)
	}
	return r.finishReport(ctx, db, frs)
}

// writeAll scans every file and stores its valid cases in db's
// case_records through a pipeline: one INSERT statement, which stores all
// of them or, on any error, none.
func (r *run) writeAll(ctx context.Context, db *sql.DB) ([]FileReport, error) {
	p, err := newPipeline(ctx, db, r.opts.failAfterRows)
	if err != nil {
		return nil, err
	}
	frs, err := r.scanAll(ctx, func(c *chunk) error { return p.send(ctx, c) })
	if cerr := p.close(err != nil || r.errs.total > 0); err == nil {
		err = cerr
	}
	return frs, err
}

// finishReport completes the report with the store's size and risk.
func (r *run) finishReport(ctx context.Context, db *sql.DB, frs []FileReport) (*Report, error) {
	rep := newReport(frs)
	r.errs.findings.report(rep)
	r.notes.report(rep)
	if err := db.QueryRowContext(ctx, `SELECT count(*) FROM case_records`).Scan(&rep.StoreRows); err != nil {
		return nil, fmt.Errorf("counting cases: %w", err)
	}
	risk, err := RiskReport(ctx, db, r.opts.K)
	if err != nil {
		return nil, err
	}
	rep.Risk = risk
	if rep.RiskAdvice, err = RiskOptions(ctx, db, r.opts.K); err != nil {
		return nil, err
	}
	return rep, nil
}
