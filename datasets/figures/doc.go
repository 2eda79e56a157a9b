// Package figures holds the public figures of lagebild: aggregates already
// published by German authorities (Verfassungsschutz reports, BKA/BMI
// statistics of politically motivated crime, answers of the federal
// government), one number per row, each with its source.
//
// # Format
//
// A figures file is UTF-8 CSV (a byte order mark is accepted) with ',' as
// separator, in long format, one row per number:
//
//	year,indicator,phenomenon,value,unit,source,source_ref,note
//
// An optional ninth column, quote, may hold the snippet of the source the
// number was read from; the embedded file carries it. The columns are matched
// by name (ignoring case and surrounding spaces), so their order is free, but
// no other column is allowed. Values are trimmed of surrounding spaces; a
// value containing a comma, quote or line break is enclosed in double quotes.
//
//   - year: the reference year, 1990 to 2100.
//   - indicator: one of [Indicators] (strict: a figures file cannot invent
//     indicators, so that every number on screen has a known meaning).
//   - phenomenon: one of [Phenomena].
//   - value: a number ≥ 0 with '.' as decimal separator and no thousands
//     separator; whole for counts (persons, cases, offences), at most 100
//     for percent.
//   - unit: one of [Units], and the unit of the indicator ([IndicatorUnit]).
//   - source, source_ref: title of the publication and its web address or
//     citation; both required, because a number without a source does not
//     ship.
//   - note: free text with caveats (series breaks, weak sources, rounding);
//     [Figure.Flags] derives short markers from it so they stay visible.
//
// # Loading
//
// [Embedded] returns the verified starting set compiled into the binary
// (transcribed from docs/facts/public_figures.csv; a test keeps the two in
// sync). [Load] and [LoadFile] read further files given by the user
// (--figures FILE, repeatable). They validate every row and report all
// problems of a file at once as a [*LoadError], each as file:line: reason.
// [Merge] combines the embedded set with user files; a later row with the
// same (year, indicator, phenomenon) replaces an earlier one.
//
// Public figures are published aggregates: no disclosure control applies to
// them, they are shown exactly as published.
package figures
