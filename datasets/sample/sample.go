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
	"os"
	"path/filepath"

	"lagebild/datasets/figures"
	"lagebild/datasets/importer"
	"lagebild/datasets/store"
	"lagebild/datasets/synth"
	"lagebild/queries"
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
// figures files (--figures), merged after the embedded ones.
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

func fillCases(ctx context.Context, db *sql.DB) error {
	dir, err := os.MkdirTemp("", "lagebild-sample-")
	if err != nil {
		return err
	}
	defer os.RemoveAll(dir)
	path := filepath.Join(dir, "synthetic-sample.csv")
	cfg := synth.Config{Cases: Cases, Seed: Seed, FromYear: FromYear, ToYear: ToYear}
	if err := synth.WriteFile(ctx, path, cfg); err != nil {
		return fmt.Errorf("generating the synthetic sample: %w", err)
	}
	if err := store.WriteRecordKeySecret(ctx, db, recordKeySecret); err != nil {
		return err
	}
	if _, err := importer.ImportInto(ctx, db, []string{path}, importer.Options{Key: key}); err != nil {
		return fmt.Errorf("importing the synthetic sample: %w", err)
	}
	return nil
}

// Open opens the default in-memory store: the sample and the figures.
func Open(ctx context.Context, opts queries.OpenOptions, extraFigures []string) (*queries.Store, error) {
	opts.Path = ""
	opts.Fill = Fill(extraFigures)
	return queries.Open(ctx, opts)
}
