// Package benchdata provides the synthetic data that lagebild's benchmarks
// run on (issue #7): export CSVs and imported stores of a given number of
// cases, built once and cached under <module root>/.cache/bench/, and the
// list of sizes to benchmark.
//
// The data is made the way a user would make it: the synthetic generator
// (package synth, seed Seed) writes the export, and the real importer
// (importer.ImportToStore, as `lagebild import` calls it) imports it with
// the pseudonymisation key Key. So a benchmark on a cached store measures
// exactly the layout that `lagebild import` writes.
//
// A cached file is named after what determines it: the number of cases, the
// seed, for a store store.SchemaVersion, and a Fingerprint of the source of
// the packages that make the data (generator, importer, store layout, code
// lists, figures), so that any change there builds new files instead of
// benchmarking stale ones (store-1000000-seed1-schema3-fe99721eff.duckdb).
// A new build removes the outdated files of the same size and seed.
//
// Files are built under a temporary name in the same directory and renamed
// when complete, so a reader never sees a partial file; a lock file beside
// each cached file makes concurrent builders (go test runs the packages of
// ./... in parallel) wait for the first one instead of building twice.
//
// Only benchmarks call CSV and Store: building a store of a million cases
// takes tens of seconds, and plain tests must stay fast.
package benchdata
