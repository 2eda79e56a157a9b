// Package datasets is the bottom layer of lagebild: the case-export
// schema, the importer, the store layout, the synthetic generator, the
// embedded sample and the public figures live in its sub-packages. Data
// flows up from here (export → importer → store → queries → TUI and
// commands), so no package below datasets imports queries, tui, cmd or
// internal: the layers above open what datasets builds (for example,
// queries.Open with sample.Fill). layers_test.go keeps it so.
package datasets
