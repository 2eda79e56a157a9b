package queries

import (
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

// filterPredicate is the condition of one filter field: fixed SQL text
// that names its bound parameter.
type filterPredicate struct {
	param string
	cond  string
}

// predicates returns the conditions of the fields of f that are set, in a
// fixed order, and their bound values. yearExpr is the expression the year
// range applies to ("" applies it to nothing). A field that is not set
// adds no condition, so the filter of the zero Filter is free.
func (f Filter) predicates(yearExpr string) ([]filterPredicate, map[string]any) {
	var ps []filterPredicate
	vals := map[string]any{}
	if yearExpr != "" && (f.FromYear != 0 || f.ToYear != 0) {
		from, to := f.FromYear, f.ToYear
		if to == 0 {
			to = 9999
		}
		ps = append(ps, filterPredicate{"from_year", yearExpr + " BETWEEN $from_year AND $to_year"})
		vals["from_year"], vals["to_year"] = from, to
	}
	// A code column is an ENUM of its code list (store schema.sql), so a
	// code's position in the list is its enum_code: the selected codes are
	// bound as one bit mask, and a record is kept when the bit of its code
	// is set. This is one integer test per record, about as cheap as an
	// equality, where a bound list of strings would be cast per record.
	for _, l := range []struct {
		param, column string
		codes, all    []string
	}{
		{"phenomena", "phenomenon", f.Phenomena, schema.Phenomena},
		{"states", "state", f.States, schema.States},
		{"risks", "risk_level", f.Risks, schema.RiskLevels},
		{"access_routes", "access_route", f.AccessRoutes, schema.AccessRoutes},
		{"age_bands", "age_band", f.AgeBands, schema.AgeBands},
	} {
		if len(l.codes) > 0 {
			var mask uint64
			for _, c := range l.codes {
				mask |= 1 << slices.Index(l.all, c) // Validate has checked every code
			}
			ps = append(ps, filterPredicate{l.param,
				"((CAST($" + l.param + " AS UBIGINT) >> enum_code(" + l.column + ")) & 1) = 1"})
			vals[l.param] = mask
		}
	}
	for _, b := range []struct {
		param string
		v     *bool
	}{{"custody", f.Custody}, {"multi_agency", f.MultiAgency}} {
		if b.v != nil {
			ps = append(ps, filterPredicate{b.param, b.param + " = $" + b.param})
			vals[b.param] = *b.v
		}
	}
	return ps, vals
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
