package queries

import (
	"database/sql"
	"fmt"
	"slices"
	"strings"

	"lagebild/datasets/schema"
)

// Filter is the one filter state that applies across all case views and
// exports. A zero Filter selects every case. Lists hold codes of the
// schema's code lists; an empty list means "all".
type Filter struct {
	FromYear, ToYear int // inclusive; 0 means open
	Phenomena        []string
	States           []string
	Risks            []string
	AccessRoutes     []string
	AgeBands         []string
	// Custody and MultiAgency: nil means all, else only cases with that value.
	Custody     *bool
	MultiAgency *bool
}

// Validate checks every code against the schema and the year range.
func (f Filter) Validate() error {
	if f.FromYear != 0 && f.ToYear != 0 && f.FromYear > f.ToYear {
		return fmt.Errorf("year range %d-%d: the first year is after the last", f.FromYear, f.ToYear)
	}
	for _, l := range []struct {
		name  string
		codes []string
		allow []string
	}{
		{"phenomenon", f.Phenomena, schema.Phenomena},
		{"state", f.States, schema.States},
		{"risk", f.Risks, schema.RiskLevels},
		{"access-route", f.AccessRoutes, schema.AccessRoutes},
		{"age-band", f.AgeBands, schema.AgeBands},
	} {
		for _, c := range l.codes {
			if !slices.Contains(l.allow, c) {
				return fmt.Errorf("unknown %s %q (allowed: %s)", l.name, c, strings.Join(l.allow, ", "))
			}
		}
	}
	return nil
}

// IsZero reports whether the filter selects every case.
func (f Filter) IsZero() bool {
	return f.FromYear == 0 && f.ToYear == 0 && len(f.Phenomena) == 0 && len(f.States) == 0 &&
		len(f.Risks) == 0 && len(f.AccessRoutes) == 0 && len(f.AgeBands) == 0 &&
		f.Custody == nil && f.MultiAgency == nil
}

// Key is a canonical string of the filter, equal for equal filters; it
// keys caches and audit lines.
func (f Filter) Key() string {
	norm := func(xs []string) string {
		s := slices.Clone(xs)
		slices.Sort(s)
		return strings.Join(slices.Compact(s), ",")
	}
	return fmt.Sprintf("y=%d-%d;p=%s;s=%s;r=%s;a=%s;b=%s;c=%s;m=%s",
		f.FromYear, f.ToYear, norm(f.Phenomena), norm(f.States), norm(f.Risks),
		norm(f.AccessRoutes), norm(f.AgeBands), triState(f.Custody), triState(f.MultiAgency))
}

// args binds the filter to the named parameters of filter.sql.
func (f Filter) args() []any {
	from, to := f.FromYear, f.ToYear
	if from == 0 {
		from = 1900
	}
	if to == 0 {
		to = 2999
	}
	return []any{
		sql.Named("from_year", from),
		sql.Named("to_year", to),
		sql.Named("phenomena", strings.Join(f.Phenomena, ",")),
		sql.Named("states", strings.Join(f.States, ",")),
		sql.Named("risks", strings.Join(f.Risks, ",")),
		sql.Named("access_routes", strings.Join(f.AccessRoutes, ",")),
		sql.Named("age_bands", strings.Join(f.AgeBands, ",")),
		sql.Named("custody", triState(f.Custody)),
		sql.Named("multi_agency", triState(f.MultiAgency)),
	}
}

func triState(b *bool) string {
	switch {
	case b == nil:
		return ""
	case *b:
		return "true"
	}
	return "false"
}
