package main

import (
	"fmt"

	"lagebild/queries"
)

// This file refuses a year selection that lies outside the case data, and
// says which years the data covers: otherwise a briefing or a screen of
// dashes would answer "2030-2040" as if those years had simply no cases.

// dataYearsError is a --year or --years selection outside the years of the
// case data; callers exit with status 2.
type dataYearsError struct {
	flag, value string // as given: "--years", "2030-2040"
	first, last int    // the years the data covers
}

func (e *dataYearsError) Error() string {
	return fmt.Sprintf("%s %s: the data covers %d–%d", e.flag, e.value, e.first, e.last)
}

// checkDataYears returns a *dataYearsError when the --years flag of ff or
// year (--year, 0: not given) lies wholly outside first–last, the years of
// the case data. A --years value that does not parse is left to
// filterFlags.Filter to report.
func checkDataYears(ff *filterFlags, year, first, last int) error {
	if first == 0 && last == 0 {
		return nil // no case data: nothing to compare with
	}
	if year != 0 && (year < first || year > last) {
		return &dataYearsError{flag: "--year", value: fmt.Sprint(year), first: first, last: last}
	}
	for i, d := range queries.FilterFields {
		if d.Kind != queries.KindYears || ff.values[i] == "" {
			continue
		}
		from, to, err := parseYears(ff.values[i])
		if err != nil {
			return nil
		}
		if (to != 0 && to < first) || (from != 0 && from > last) {
			return &dataYearsError{flag: "--" + d.Name, value: ff.values[i], first: first, last: last}
		}
	}
	return nil
}
