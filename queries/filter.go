package queries

import (
	"fmt"
	"slices"
	"strings"

	"lagebild/datasets/schema"
)

// Filter is the one filter state that applies across all case views and
// exports. A zero Filter selects every case.
//
// The filter space is bounded on purpose (docs/privacy.md): each list
// field holds no code ("all"), exactly one code, or one of the fixed groups
// of its field (AgeGroups); the years are all years, a single year, or one
// of the fixed periods (PeriodOf). Free combinations of codes and year
// ranges would give an attacker endless different record sets around a
// small cell, each with fresh noise, whose differences average out to the
// exact count. The lists stay slices so that a group is a list of codes;
// Validate refuses anything else, and every entry point of the store
// validates.
type Filter struct {
	FromYear, ToYear int // inclusive; both 0 for all years (Validate)
	Phenomena        []string
	States           []string
	Risks            []string
	AccessRoutes     []string
	AgeBands         []string
	// Custody and MultiAgency: nil means all, else only cases with that value.
	Custody     *bool
	MultiAgency *bool
}

// PeriodLength is the length in years of the fixed periods a filter can
// select besides single years, and periodAnchor the first year of one of
// them: the periods are …, 2011–2013, 2014–2016, 2017–2019, 2020–2022,
// 2023–2025, … whatever years a store holds.
const (
	PeriodLength = 3
	periodAnchor = 2014
)

// PeriodOf returns the fixed period that contains year y.
func PeriodOf(y int) (from, to int) {
	off := (y - periodAnchor) % PeriodLength
	if off < 0 {
		off += PeriodLength
	}
	return y - off, y - off + PeriodLength - 1
}

// Periods returns the fixed periods that overlap the years lo..hi, in order.
func Periods(lo, hi int) [][2]int {
	var out [][2]int
	for y := lo; y <= hi; {
		from, to := PeriodOf(y)
		out = append(out, [2]int{from, to})
		y = to + 1
	}
	return out
}

// AgeGroups are the fixed groups of age bands a filter can select besides
// a single band: minors (under 18) and adults.
var AgeGroups = map[string][]string{
	"minors": {"under_14", "14_17"},
	"adults": {"18_20", "21_24", "25_29", "30_39", "40_plus"},
}

// AgeGroupNames lists the age groups in display order.
var AgeGroupNames = []string{"minors", "adults"}

// AgeGroupOf returns the name of the fixed group whose bands are exactly
// bands (in any order), if there is one.
func AgeGroupOf(bands []string) (string, bool) {
	distinct := slices.Compact(slices.Sorted(slices.Values(bands)))
	for _, name := range AgeGroupNames {
		g := AgeGroups[name]
		if len(g) == len(distinct) && len(bands) > 0 {
			ok := true
			for _, b := range distinct {
				if !slices.Contains(g, b) {
					ok = false
					break
				}
			}
			if ok {
				return name, true
			}
		}
	}
	return "", false
}

// YearsKind says which of the allowed year selections a filter holds.
type YearsKind int

// The year selections of a filter.
const (
	AllYears    YearsKind = iota // no year condition
	SingleYear                   // FromYear == ToYear
	FixedPeriod                  // [FromYear, ToYear] == PeriodOf(FromYear)
	OtherYears                   // anything else: refused by Validate
)

// YearsKind classifies the filter's year selection.
func (f Filter) YearsKind() YearsKind {
	switch {
	case f.FromYear == 0 && f.ToYear == 0:
		return AllYears
	case f.FromYear != 0 && f.FromYear == f.ToYear:
		return SingleYear
	}
	if from, to := PeriodOf(f.FromYear); f.FromYear != 0 && from == f.FromYear && to == f.ToYear {
		return FixedPeriod
	}
	return OtherYears
}

// FilterError is a filter outside the bounded filter space: Field names the
// filter field (as the command line spells it) and Reason says why.
type FilterError struct {
	Field  string
	Reason string
}

func (e *FilterError) Error() string { return e.Field + ": " + e.Reason }

// Validate checks every code against the schema, that every list holds at
// most one code or a fixed group, and that the years are all, one year or
// a fixed period.
func (f Filter) Validate() error {
	if f.YearsKind() == OtherYears {
		return &FilterError{"years", fmt.Sprintf("%s is not a single year or a fixed %d-year period (%s); "+
			"free year ranges are not offered because their differences reveal small counts",
			yearsText(f.FromYear, f.ToYear), PeriodLength, periodExamples(f.FromYear, f.ToYear))}
	}
	for _, l := range []struct {
		name   string
		codes  []string
		allow  []string
		groups bool
	}{
		{"phenomenon", f.Phenomena, schema.Phenomena, false},
		{"state", f.States, schema.States, false},
		{"risk", f.Risks, schema.RiskLevels, false},
		{"access-route", f.AccessRoutes, schema.AccessRoutes, false},
		{"age-band", f.AgeBands, schema.AgeBands, true},
	} {
		for _, c := range l.codes {
			if !slices.Contains(l.allow, c) {
				return &FilterError{l.name, fmt.Sprintf("unknown code %q (allowed: %s)", c, strings.Join(l.allow, ", "))}
			}
		}
		if len(l.codes) <= 1 {
			continue
		}
		if _, ok := AgeGroupOf(l.codes); l.groups && ok {
			continue
		}
		reason := "one code or all; several codes at once are not offered because their differences reveal small counts"
		if l.groups {
			reason += " (fixed groups: " + strings.Join(AgeGroupNames, ", ") + ")"
		}
		return &FilterError{l.name, reason}
	}
	return nil
}

func yearsText(from, to int) string {
	switch {
	case from == 0:
		return fmt.Sprintf("-%d", to)
	case to == 0:
		return fmt.Sprintf("%d-", from)
	}
	return fmt.Sprintf("%d-%d", from, to)
}

// periodExamples names the fixed periods near a refused range.
func periodExamples(from, to int) string {
	lo, hi := from, to
	if lo == 0 {
		lo = hi
	}
	if hi == 0 || hi < lo {
		hi = lo
	}
	var out []string
	for _, p := range Periods(lo, hi) {
		out = append(out, fmt.Sprintf("%d-%d", p[0], p[1]))
	}
	return "e.g. " + strings.Join(out, ", ")
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
