package queries

import (
	"fmt"
	"slices"
	"strconv"
	"strings"

	"lagebild/datasets/schema"
)

// A filter field is one row of FilterFields. Validation, the SQL
// predicates, the cache key, the command-line flags (cmd/lagebild), the
// TUI's filter panel (tui/filter) and the summaries of a filter all loop
// over that table, so a new field of an existing kind is a field of Filter
// and one row here (docs/architecture.md); a new kind is a case in each of
// the switches on FilterKind.

// FilterKind is what a filter field can hold in the bounded filter space
// of docs/privacy.md. It decides how the field is validated, bound in SQL,
// read from the command line and offered in the panel.
type FilterKind int

// The kinds of filter fields.
const (
	KindYears       FilterKind = iota // all years, one year or a fixed period (Filter.FromYear, ToYear)
	KindCode                          // all or one code of Codes
	KindCodeOrGroup                   // all, one code of Codes or one of the fixed Groups
	KindYesNo                         // all, yes or no
)

// FilterField describes one field of Filter.
type FilterField struct {
	// Name is the field as the command line spells it: the flag --Name,
	// and FilterError.Field.
	Name string
	Kind FilterKind
	// Column is the store column the field selects on (the years apply
	// to the year expression of each query instead).
	Column string
	// Codes are the allowed codes of a code field, in the order of the
	// column's ENUM (store schema.sql): the predicate binds a bit mask by
	// position.
	Codes []string
	// Groups are the fixed groups of codes a KindCodeOrGroup field can
	// select besides one code, GroupNames their display order.
	Groups     map[string][]string
	GroupNames []string
	// LabelWithShort: the panel labels a code with its short form beside
	// its label ("Bavaria (BY)").
	LabelWithShort bool
	// LabelKey is the translation key of the field's label in every
	// catalogue (internal/i18n.Words, queries/export).
	LabelKey string
	// Usage is the help text of the flag.
	Usage string
	// keyTag names the field in Filter.Key: short and fixed, since caches
	// and audit lines carry keys.
	keyTag string
	// dim is the dimension of a code field: an aggregate that splits by
	// it applies the field to its rows (aggregate.go).
	dim *Dimension
	// list and flag reach the field's value in a Filter: list for the
	// code kinds, flag for KindYesNo.
	list func(*Filter) *[]string
	flag func(*Filter) **bool
}

// FilterFields are the filter fields in the order of the panel, the key,
// the predicates and the summaries.
var FilterFields = []*FilterField{
	{Name: "years", Kind: KindYears, LabelKey: "f.years", keyTag: "y",
		Usage: fmt.Sprintf("`YEARS`: one year (2023) or a fixed %d-year period (2014-2016, 2017-2019, 2020-2022, 2023-2025, …); intake years, closing years for closures", PeriodLength)},
	{Name: "phenomenon", Kind: KindCode, Column: "phenomenon", Codes: schema.Phenomena, LabelKey: "f.phenomenon", keyTag: "p",
		Usage: "phenomenon area `CODE` (" + strings.Join(schema.Phenomena, ", ") + ")",
		dim:   &DimPhenomenon, list: func(f *Filter) *[]string { return &f.Phenomena }},
	{Name: "state", Kind: KindCode, Column: "state", Codes: schema.States, LabelKey: "f.state", keyTag: "s", LabelWithShort: true,
		Usage: "federal state `CODE` (DE-BW … DE-TH)",
		dim:   &DimState, list: func(f *Filter) *[]string { return &f.States }},
	{Name: "risk", Kind: KindCode, Column: "risk_level", Codes: schema.RiskLevels, LabelKey: "f.risk", keyTag: "r",
		Usage: "risk level `CODE` (" + strings.Join(schema.RiskLevels, ", ") + ")",
		dim:   &DimRiskLevel, list: func(f *Filter) *[]string { return &f.Risks }},
	{Name: "access-route", Kind: KindCode, Column: "access_route", Codes: schema.AccessRoutes, LabelKey: "f.access_route", keyTag: "a",
		Usage: "access route `CODE` (" + strings.Join(schema.AccessRoutes, ", ") + ")",
		dim:   &DimAccessRoute, list: func(f *Filter) *[]string { return &f.AccessRoutes }},
	{Name: "age-band", Kind: KindCodeOrGroup, Column: "age_band", Codes: schema.AgeBands, Groups: AgeGroups, GroupNames: AgeGroupNames,
		LabelKey: "f.age_band", keyTag: "b",
		Usage: "age band `CODE` (" + strings.Join(schema.AgeBands, ", ") + ") or group (" + strings.Join(AgeGroupNames, ", ") + ")",
		dim:   &DimAgeBand, list: func(f *Filter) *[]string { return &f.AgeBands }},
	{Name: "custody", Kind: KindYesNo, Column: "custody", LabelKey: "f.custody", keyTag: "c",
		Usage: "only cases in custody (yes) or not (no)",
		flag:  func(f *Filter) **bool { return &f.Custody }},
	{Name: "multi-agency", Kind: KindYesNo, Column: "multi_agency", LabelKey: "f.multi_agency", keyTag: "m",
		Usage: "only multi-agency cases (yes) or not (no)",
		flag:  func(f *Filter) **bool { return &f.MultiAgency }},
	{Name: "returnee", Kind: KindYesNo, Column: "returnee", LabelKey: "f.returnee", keyTag: "e",
		Usage: "only returnees from a war zone (yes) or not (no)",
		flag:  func(f *Filter) **bool { return &f.Returnee }},
	{Name: "intrinsic", Kind: KindYesNo, Column: "intrinsic_motivation", LabelKey: "f.intrinsic", keyTag: "i",
		Usage: "only cases with intrinsic motivation (yes) or without (no)",
		flag:  func(f *Filter) **bool { return &f.Intrinsic }},
}

// IsSet reports whether the field selects anything but all.
func (d *FilterField) IsSet(f Filter) bool {
	switch d.Kind {
	case KindYears:
		return f.FromYear != 0 || f.ToYear != 0
	case KindYesNo:
		return *d.flag(&f) != nil
	}
	return len(*d.list(&f)) > 0
}

// Options lists the choices of the field besides all: its codes (a code
// field's groups first), yes and no, or, for the years, the fixed periods
// that overlap years (the store's years, ascending) and then the years.
func (d *FilterField) Options(years []int) []string {
	switch d.Kind {
	case KindYears:
		if len(years) == 0 {
			return nil
		}
		var out []string
		for _, p := range Periods(years[0], years[len(years)-1]) {
			out = append(out, fmt.Sprintf("%d-%d", p[0], p[1]))
		}
		for _, y := range years {
			out = append(out, strconv.Itoa(y))
		}
		return out
	case KindYesNo:
		return []string{"yes", "no"}
	}
	return append(slices.Clone(d.GroupNames), d.Codes...)
}

// Selected returns the choice of Options the field holds, "" for all (and
// for anything outside the bounded filter space, which Validate refuses).
func (d *FilterField) Selected(f Filter) string {
	switch d.Kind {
	case KindYears:
		switch f.YearsKind() {
		case SingleYear:
			return strconv.Itoa(f.FromYear)
		case FixedPeriod:
			return fmt.Sprintf("%d-%d", f.FromYear, f.ToYear)
		}
		return ""
	case KindYesNo:
		switch b := *d.flag(&f); {
		case b == nil:
			return ""
		case *b:
			return "yes"
		}
		return "no"
	}
	l := *d.list(&f)
	if g, ok := groupOf(d.Groups, d.GroupNames, l); ok {
		return g
	}
	if len(l) == 1 {
		return l[0]
	}
	return ""
}

// With returns f with the field set to opt, a choice of Options ("" for
// all). It assigns the field afresh and changes no list of f in place.
func (d *FilterField) With(f Filter, opt string) Filter {
	switch d.Kind {
	case KindYears:
		f.FromYear, f.ToYear = 0, 0
		if opt != "" {
			a, b, isPeriod := strings.Cut(opt, "-")
			f.FromYear, _ = strconv.Atoi(a)
			f.ToYear = f.FromYear
			if isPeriod {
				f.ToYear, _ = strconv.Atoi(b)
			}
		}
	case KindYesNo:
		var v *bool
		if opt != "" {
			yes := opt == "yes"
			v = &yes
		}
		*d.flag(&f) = v
	default:
		var codes []string
		if opt != "" {
			codes = []string{opt}
		}
		if g, ok := d.Groups[opt]; ok {
			codes = slices.Clone(g)
		}
		*d.list(&f) = codes
	}
	return f
}

// WithCodes returns f with a code field set to codes (nil for all). More
// than one code that is not a group is outside the bounded filter space:
// the command line passes them on so that Validate names the reason.
func (d *FilterField) WithCodes(f Filter, codes []string) Filter {
	*d.list(&f) = slices.Clone(codes)
	return f
}

// validate checks the field of f against the bounded filter space.
func (d *FilterField) validate(f Filter) error {
	switch d.Kind {
	case KindYears:
		if f.YearsKind() == OtherYears {
			return &FilterError{d.Name, fmt.Sprintf("%s is not a single year or a fixed %d-year period (%s); "+
				"free year ranges are not offered because their differences reveal small counts",
				yearsText(f.FromYear, f.ToYear), PeriodLength, periodExamples(f.FromYear, f.ToYear))}
		}
		return nil
	case KindYesNo:
		return nil
	}
	codes := *d.list(&f)
	for _, c := range codes {
		if !slices.Contains(d.Codes, c) {
			return &FilterError{d.Name, fmt.Sprintf("unknown code %q (allowed: %s)", c, strings.Join(d.Codes, ", "))}
		}
	}
	if len(codes) <= 1 {
		return nil
	}
	if _, ok := groupOf(d.Groups, d.GroupNames, codes); ok {
		return nil
	}
	reason := "one code or all; several codes at once are not offered because their differences reveal small counts"
	if len(d.GroupNames) > 0 {
		reason += " (fixed groups: " + strings.Join(d.GroupNames, ", ") + ")"
	}
	return &FilterError{d.Name, reason}
}

// keyText is the field's part of Filter.Key: the years as from-to, a
// code list sorted without repeats, yes/no as true/false ("" for all).
func (d *FilterField) keyText(f Filter) string {
	switch d.Kind {
	case KindYears:
		return fmt.Sprintf("%d-%d", f.FromYear, f.ToYear)
	case KindYesNo:
		switch b := *d.flag(&f); {
		case b == nil:
			return ""
		case *b:
			return "true"
		}
		return "false"
	}
	s := slices.Clone(*d.list(&f))
	slices.Sort(s)
	return strings.Join(slices.Compact(s), ",")
}

// The conditions of the kinds, spliced as predicates into filter.sql with
// the column and parameter names of a field (fixed names from
// FilterFields, never values: values are bound).
//
// A code column is an ENUM of its code list (store schema.sql), so a
// code's position in the list is its enum_code: the selected codes are
// bound as one bit mask, and a record is kept when the bit of its code is
// set. This is one integer test per record, about as cheap as an
// equality, where a bound list of strings would be cast per record.
const (
	yearsCondition = "{{year}} BETWEEN $from_year AND $to_year"
	codeCondition  = "((CAST(${{column}} AS UBIGINT) >> enum_code({{column}})) & 1) = 1"
	yesNoCondition = "{{column}} = ${{column}}"
)

// predicate returns the field's condition and the values it binds, for a
// field that is set. yearExpr is the expression the years apply to ("":
// the years add no condition, ok is false).
func (d *FilterField) predicate(f Filter, yearExpr string) (cond string, vals map[string]any, ok bool) {
	return d.predicateOn(f, d.Column, yearExpr)
}

// predicateOn is predicate with the field's condition on column instead
// of the field's own column (a cube's copy of it, cube.go); the values
// keep the field's parameter names.
func (d *FilterField) predicateOn(f Filter, column, yearExpr string) (cond string, vals map[string]any, ok bool) {
	switch d.Kind {
	case KindYears:
		if yearExpr == "" {
			return "", nil, false
		}
		to := f.ToYear
		if to == 0 {
			to = 9999
		}
		return strings.ReplaceAll(yearsCondition, "{{year}}", yearExpr), map[string]any{"from_year": f.FromYear, "to_year": to}, true
	case KindYesNo:
		return strings.ReplaceAll(strings.ReplaceAll(yesNoCondition, "${{column}}", "$"+d.Column), "{{column}}", column),
			map[string]any{d.Column: **d.flag(&f)}, true
	}
	var mask uint64
	for _, c := range *d.list(&f) {
		mask |= 1 << slices.Index(d.Codes, c) // Validate has checked every code
	}
	return strings.ReplaceAll(strings.ReplaceAll(codeCondition, "${{column}}", "$"+d.Column), "{{column}}", column),
		map[string]any{d.Column: mask}, true
}

// Summary writes the fields of f that are set, in the order of
// FilterFields, each as phrase writes the field and its choice (of
// Options), joined by "; "; none for the zero filter. The TUI's header
// and the command line's briefs both write a filter with it, each in the
// words of its catalogue.
func (f Filter) Summary(none string, phrase func(d *FilterField, choice string) string) string {
	if f.IsZero() {
		return none
	}
	var parts []string
	for _, d := range FilterFields {
		if c := d.Selected(f); c != "" {
			parts = append(parts, phrase(d, c))
		}
	}
	return strings.Join(parts, "; ")
}
