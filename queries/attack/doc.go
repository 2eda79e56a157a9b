// Package attack holds the project's attacks on its own disclosure control,
// as tests: an attacker with only protected outputs (the tables a viewer
// can get through the TUI, exports, brief or SSH, all made by
// queries.Store) and unlimited queries tries to recover small counts.
//
// The averaging attack (averaging_test.go) queries every filter of the
// bounded filter space that matters for a target cell (state × intake year
// × phenomenon with a true count of 1–4), collects every published number
// by the record set it describes, and combines every differencing route
// the filter space allows: a wider set (the state relaxed to all states,
// the phenomenon to all, the year to its fixed period or to all years)
// minus its other parts, within every complete partition the filters
// offer (risk level, access route, age band, age group). Two estimators
// combine the routes: the inverse-variance mean and the maximum likelihood
// over the perturbation table's noise. docs/privacy.md states the results
// and the limit the tests hold the protection to.
//
// The package has no code outside its tests.
package attack
