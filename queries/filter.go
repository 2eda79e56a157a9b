package queries

import (
	"fmt"
	"maps"
	"slices"
	"strings"
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
// validates. Every field has its row in FilterFields (filterfields.go),
// which all code that handles filter fields loops over.
type Filter struct {
	FromYear, ToYear int // inclusive; both 0 for all years (Validate)
	Phenomena        []string
	States           []string
	Risks            []string
	AccessRoutes     []string
	AgeBands         []string
	// Custody, MultiAgency, Returnee and Intrinsic (intrinsic
	// motivation): nil means all, else only cases with that value.
	Custody     *bool
	MultiAgency *bool
	Returnee    *bool
	Intrinsic   *bool
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

// AgeGroupOf returns the name of the fixed age group whose bands are
// exactly bands (in any order), if there is one.
func AgeGroupOf(bands []string) (string, bool) { return groupOf(AgeGroups, AgeGroupNames, bands) }

// groupOf returns the name of the group of groups (names in order) whose
// codes are exactly codes, in any order and repeats aside.
func groupOf(groups map[string][]string, names, codes []string) (string, bool) {
	if len(codes) == 0 {
		return "", false
	}
	distinct := slices.Compact(slices.Sorted(slices.Values(codes)))
	for _, name := range names {
		g := groups[name]
		if len(g) == len(distinct) && !slices.ContainsFunc(distinct, func(c string) bool { return !slices.Contains(g, c) }) {
			return name, true
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

// Validate checks every field of f against the bounded filter space
// (FilterFields): codes against the schema, every list at most one code
// or a fixed group, the years all, one year or a fixed period.
func (f Filter) Validate() error {
	for _, d := range FilterFields {
		if err := d.validate(f); err != nil {
			return err
		}
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
	return !slices.ContainsFunc(FilterFields, func(d *FilterField) bool { return d.IsSet(f) })
}

// Key is a canonical string of the filter, equal for equal filters; it
// keys caches and audit lines.
func (f Filter) Key() string {
	parts := make([]string, len(FilterFields))
	for i, d := range FilterFields {
		parts[i] = d.keyTag + "=" + d.keyText(f)
	}
	return strings.Join(parts, ";")
}

// predicates returns the conditions of the fields of f that are set, in
// the order of FilterFields, and their bound values. yearExpr is the
// expression the years apply to ("" applies them to nothing). A field that
// is not set adds no condition, so the filter of the zero Filter is free.
func (f Filter) predicates(yearExpr string) ([]string, map[string]any) {
	var conds []string
	vals := map[string]any{}
	for _, d := range FilterFields {
		if !d.IsSet(f) {
			continue
		}
		if cond, v, ok := d.predicate(f, yearExpr); ok {
			conds = append(conds, cond)
			maps.Copy(vals, v)
		}
	}
	return conds, vals
}
