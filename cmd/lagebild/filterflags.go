package main

import (
	"errors"
	"flag"
	"fmt"
	"slices"
	"strconv"
	"strings"

	"lagebild/datasets/schema"
	"lagebild/queries"
)

// filterFlags are the case-filter flags shared by the TUI's start state and
// `brief`: --years, --phenomenon, --state, --risk, --access-route (and
// --age-band, --custody, --multi-agency). Each takes one code (or, for the
// age band, a fixed group) and --years one year or a fixed period: the
// bounded filter space of docs/privacy.md, checked by queries.Filter.Validate.
type filterFlags struct {
	years       string
	phenomenon  string
	state       string
	risk        string
	accessRoute string
	ageBand     string
	custody     string
	multiAgency string
}

// addFilterFlags registers the filter flags on fs.
func addFilterFlags(fs *flag.FlagSet) *filterFlags {
	ff := &filterFlags{}
	fs.StringVar(&ff.years, "years", "", fmt.Sprintf("`YEARS`: one year (2023) or a fixed %d-year period (2014-2016, 2017-2019, 2020-2022, 2023-2025, …); intake years, closing years for closures", queries.PeriodLength))
	fs.StringVar(&ff.phenomenon, "phenomenon", "", "phenomenon area `CODE` ("+strings.Join(schema.Phenomena, ", ")+")")
	fs.StringVar(&ff.state, "state", "", "federal state `CODE` (DE-BW … DE-TH)")
	fs.StringVar(&ff.risk, "risk", "", "risk level `CODE` ("+strings.Join(schema.RiskLevels, ", ")+")")
	fs.StringVar(&ff.accessRoute, "access-route", "", "access route `CODE` ("+strings.Join(schema.AccessRoutes, ", ")+")")
	fs.StringVar(&ff.ageBand, "age-band", "", "age band `CODE` ("+strings.Join(schema.AgeBands, ", ")+") or group ("+strings.Join(queries.AgeGroupNames, ", ")+")")
	fs.StringVar(&ff.custody, "custody", "", "only cases in custody (yes) or not (no)")
	fs.StringVar(&ff.multiAgency, "multi-agency", "", "only multi-agency cases (yes) or not (no)")
	return ff
}

// Filter returns the filter the flags describe. The error names the flag,
// the bad value and the allowed values; callers exit with status 2.
func (ff *filterFlags) Filter() (queries.Filter, error) {
	var f queries.Filter
	var err error
	if f.FromYear, f.ToYear, err = parseYears(ff.years); err != nil {
		return queries.Filter{}, err
	}
	lists := []struct {
		flag, value string
		allow       []string
		dst         *[]string
	}{
		{"phenomenon", ff.phenomenon, schema.Phenomena, &f.Phenomena},
		{"state", ff.state, schema.States, &f.States},
		{"risk", ff.risk, schema.RiskLevels, &f.Risks},
		{"access-route", ff.accessRoute, schema.AccessRoutes, &f.AccessRoutes},
		{"age-band", ff.ageBand, schema.AgeBands, &f.AgeBands},
	}
	for _, l := range lists {
		if g, ok := queries.AgeGroups[strings.TrimSpace(l.value)]; ok && l.flag == "age-band" {
			*l.dst = slices.Clone(g)
			continue
		}
		codes, err := parseCodes(l.flag, l.value, l.allow)
		if err != nil {
			return queries.Filter{}, err
		}
		*l.dst = codes
	}
	if f.Custody, err = parseTriState("custody", ff.custody); err != nil {
		return queries.Filter{}, err
	}
	if f.MultiAgency, err = parseTriState("multi-agency", ff.multiAgency); err != nil {
		return queries.Filter{}, err
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
		if !slices.Contains(allow, c) {
			return nil, fmt.Errorf("--%s: unknown code %q (allowed: %s)", flagName, c, strings.Join(allow, ", "))
		}
		if !slices.Contains(out, c) {
			out = append(out, c)
		}
	}
	return out, nil
}

// parseTriState reads yes/no (also true/false, 1/0, ja/nein); empty is nil.
func parseTriState(flagName, s string) (*bool, error) {
	switch strings.ToLower(strings.TrimSpace(s)) {
	case "":
		return nil, nil
	case "yes", "true", "1", "ja", "y":
		t := true
		return &t, nil
	case "no", "false", "0", "nein", "n":
		f := false
		return &f, nil
	}
	return nil, fmt.Errorf("--%s %q: want yes or no", flagName, s)
}
