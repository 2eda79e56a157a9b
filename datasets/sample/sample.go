// Package sample builds the embedded default data that bare `lagebild`
// opens: a synthetic sample of about 5,000 counselling cases (intakes
// 2014–2025, generated deterministically by package synth and taken through
// the real importer, so generalisation, pseudonymisation and record keys are
// exactly those of an import) and the embedded public figures, in an
// in-memory DuckDB. Unlike an imported store, whose record-key secret is
// random, the sample's secret is fixed in the source: the data is
// synthetic, and a fixed secret gives the same protected numbers in every
// process.
//
// Everything that shows this data labels it as synthetic.
package sample

import (
	"context"
	"database/sql"
	"fmt"

	"lagebild/datasets/figures"
	"lagebild/datasets/importer"
	"lagebild/datasets/store"
	"lagebild/datasets/synth"
)

// The sample's fixed parameters: the same sample in every process, so
// that every session and test sees the same protected numbers.
const (
	Cases    = 5000
	Seed     = 20251
	FromYear = 2014
	ToYear   = 2025
)

// key is the pseudonymisation key of the sample and recordKeySecret its
// record-key secret. The data is synthetic, so neither protects anything;
// they only have to be fixed, so that the sample's protected numbers are
// the same in every process. (An imported store gets a random secret of
// its own instead, see docs/privacy.md#record-keys.)
var (
	key             = []byte("lagebild synthetic sample key v1")
	recordKeySecret = []byte("lagebild synthetic sample rkey 1")
)

// Label describes the sample in headers and footers.
const Label = "synthetic sample"

// Fill loads the sample and the figures into db. extraFigures are further
// figures files (--figures), merged after the embedded ones. The caller
// opens the store with it (queries.OpenOptions.Fill): this package sits
// below queries and does not import it.
func Fill(extraFigures []string) func(ctx context.Context, db *sql.DB) error {
	return func(ctx context.Context, db *sql.DB) error {
		if err := store.CreateSchema(ctx, db); err != nil {
			return err
		}
		if err := fillCases(ctx, db); err != nil {
			return err
		}
		figs, err := figures.EmbeddedWith(extraFigures)
		if err != nil {
			return err
		}
		if err := store.ReplaceFigures(ctx, db, figs); err != nil {
			return err
		}
		if err := store.SetMeta(ctx, db, store.MetaSynthetic, "true"); err != nil {
			return err
		}
		return store.SetMeta(ctx, db, store.MetaDataLabel, Label)
	}
}

// fillCases generates the cases and imports them, record by record as
// the generator makes them (no file in between), through the importer.
func fillCases(ctx context.Context, db *sql.DB) error {
	cfg := synth.Config{Cases: Cases, Seed: Seed, FromYear: FromYear, ToYear: ToYear}
	if err := store.WriteRecordKeySecret(ctx, db, recordKeySecret); err != nil {
		return err
	}
	recs := importer.Records{
		Name:   "synthetic-sample.csv",
		Header: synth.Header(),
		Each: func(ctx context.Context, fn func([]string) error) error {
			return synth.Each(ctx, cfg, fn)
		},
	}
	if _, err := importer.ImportRecordsInto(ctx, db, recs, importer.Options{Key: key}); err != nil {
		return fmt.Errorf("importing the synthetic sample: %w", err)
	}
	return nil
}
