package main

import (
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
// --age-band, --custody, --multi-agency). Lists are comma-separated codes.
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
	fs.StringVar(&ff.years, "years", "", "intake `YEARS`: a year (2023) or a range (2019-2024, 2019-, -2022)")
	fs.StringVar(&ff.phenomenon, "phenomenon", "", "phenomenon area `CODES`, comma-separated ("+strings.Join(schema.Phenomena, ", ")+")")
	fs.StringVar(&ff.state, "state", "", "federal state `CODES`, comma-separated (DE-BW … DE-TH)")
	fs.StringVar(&ff.risk, "risk", "", "risk level `CODES`, comma-separated ("+strings.Join(schema.RiskLevels, ", ")+")")
	fs.StringVar(&ff.accessRoute, "access-route", "", "access route `CODES`, comma-separated ("+strings.Join(schema.AccessRoutes, ", ")+")")
	fs.StringVar(&ff.ageBand, "age-band", "", "age band `CODES`, comma-separated ("+strings.Join(schema.AgeBands, ", ")+")")
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
		return queries.Filter{}, err
	}
	return f, nil
}

// parseYears reads "2023", "2019-2024", "2019-" or "-2022".
func parseYears(s string) (from, to int, err error) {
	s = strings.TrimSpace(s)
	if s == "" {
		return 0, 0, nil
	}
	bad := func() error {
		return fmt.Errorf("--years %q: want a year (2023) or a range of years (2019-2024, 2019-, -2022)", s)
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
