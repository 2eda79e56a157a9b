package main

import (
	"errors"
	"flag"
	"fmt"
	"slices"
	"strconv"
	"strings"

	"lagebild/queries"
)

// filterFlags are the case-filter flags shared by the TUI's start state and
// `brief`: one flag per field of queries.FilterFields (--years,
// --phenomenon, --state, …). Each takes one code (or a fixed group) and
// --years one year or a fixed period: the bounded filter space of
// docs/privacy.md, checked by queries.Filter.Validate.
type filterFlags struct {
	values []string // by the index of queries.FilterFields
}

// addFilterFlags registers a flag for every filter field on fs.
func addFilterFlags(fs *flag.FlagSet) *filterFlags {
	ff := &filterFlags{values: make([]string, len(queries.FilterFields))}
	for i, d := range queries.FilterFields {
		fs.StringVar(&ff.values[i], d.Name, "", d.Usage)
	}
	return ff
}

// Filter returns the filter the flags describe. The error names the flag,
// the bad value and the allowed values; callers exit with status 2.
func (ff *filterFlags) Filter() (queries.Filter, error) {
	var f queries.Filter
	for i, d := range queries.FilterFields {
		v := strings.TrimSpace(ff.values[i])
		switch d.Kind {
		case queries.KindYears:
			from, to, err := parseYears(v)
			if err != nil {
				return queries.Filter{}, err
			}
			f.FromYear, f.ToYear = from, to
		case queries.KindYesNo:
			choice, err := parseYesNo(d.Name, ff.values[i])
			if err != nil {
				return queries.Filter{}, err
			}
			f = d.With(f, choice)
		default:
			if _, ok := d.Groups[v]; ok {
				f = d.With(f, v)
				continue
			}
			codes, err := parseCodes(d.Name, v, d.Codes)
			if err != nil {
				return queries.Filter{}, err
			}
			f = d.WithCodes(f, codes)
		}
	}
	if err := f.Validate(); err != nil {
		var fe *queries.FilterError
		if errors.As(err, &fe) {
			return queries.Filter{}, fmt.Errorf("--%s: %s", fe.Field, fe.Reason)
		}
		return queries.Filter{}, err
	}
	return f, nil
}

// parseYears reads "2023" or a range "2020-2022" ("2019-" and "-2022" parse;
// queries.Filter.Validate then refuses every range but a fixed period).
func parseYears(s string) (from, to int, err error) {
	s = strings.TrimSpace(s)
	if s == "" {
		return 0, 0, nil
	}
	bad := func() error {
		return fmt.Errorf("--years %q: want a year (2023) or a fixed period (2020-2022)", s)
	}
	year := func(t string) (int, error) {
		t = strings.TrimSpace(t)
		if t == "" {
			return 0, nil
		}
		y, err := strconv.Atoi(t)
		if err != nil || y < 1990 || y > 2100 {
			return 0, bad()
		}
		return y, nil
	}
	a, b, isRange := strings.Cut(s, "-")
	if !isRange {
		y, err := year(a)
		if err != nil || y == 0 {
			return 0, 0, bad()
		}
		return y, y, nil
	}
	if from, err = year(a); err != nil {
		return 0, 0, err
	}
	if to, err = year(b); err != nil {
		return 0, 0, err
	}
	if from == 0 && to == 0 {
		return 0, 0, bad()
	}
	if from != 0 && to != 0 && from > to {
		return 0, 0, fmt.Errorf("--years %q: the first year is after the last", s)
	}
	return from, to, nil
}

// parseCodes splits a comma-separated list and checks every code.
func parseCodes(flagName, s string, allow []string) ([]string, error) {
	if strings.TrimSpace(s) == "" {
		return nil, nil
	}
	var out []string
	for _, c := range strings.Split(s, ",") {
		c = strings.TrimSpace(c)
		if c == "" {
			continue
		}
		if full, ok := codeNamed(c, allow); ok {
			c = full
		} else {
			return nil, fmt.Errorf("--%s: unknown code %q (allowed: %s)", flagName, c, strings.Join(allow, ", "))
		}
		if !slices.Contains(out, c) {
			out = append(out, c)
		}
	}
	return out, nil
}

// codeNamed returns the code of allow that s names: the code itself in
// any case ("de-by"), or a state by the short form the TUI shows ("BY"
// for DE-BY).
func codeNamed(s string, allow []string) (string, bool) {
	for _, a := range allow {
		if strings.EqualFold(s, a) || (strings.HasPrefix(a, "DE-") && strings.EqualFold(s, a[len("DE-"):])) {
			return a, true
		}
	}
	return "", false
}

// parseYesNo reads yes/no (also true/false, 1/0, ja/nein) as the choice
// "yes" or "no"; empty is all ("").
func parseYesNo(flagName, s string) (string, error) {
	switch strings.ToLower(strings.TrimSpace(s)) {
	case "":
		return "", nil
	case "yes", "true", "1", "ja", "y":
		return "yes", nil
	case "no", "false", "0", "nein", "n":
		return "no", nil
	}
	return "", fmt.Errorf("--%s %q: want yes or no", flagName, s)
}
