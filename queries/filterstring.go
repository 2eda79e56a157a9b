package queries

import (
	"fmt"
	"strconv"
	"strings"
)

// A filter as one string of command-line flags ("--years 2020-2022
// --phenomenon islamist"): the form a saved preset is kept and shared in,
// which `lagebild brief` accepts as it is. Reading one goes through the
// same bounded filter space as the panel (Validate).

// Flags is the canonical flag string of f: every field that is set, in the
// order of FilterFields, as --name choice; "" for the zero filter.
func (f Filter) Flags() string {
	var parts []string
	for _, d := range FilterFields {
		if c := d.Selected(f); c != "" {
			parts = append(parts, "--"+d.Name+" "+c)
		}
	}
	return strings.Join(parts, " ")
}

// ParseFlags reads a flag string as Flags writes it ("--name value" or
// "--name=value" pairs; a value is a choice of the field: a year or fixed
// period, a code or group, yes or no) and validates the filter. The error
// is a *FilterError naming the field.
func ParseFlags(s string) (Filter, error) {
	var f Filter
	words := strings.Fields(s)
	for i := 0; i < len(words); i++ {
		name, value, hasValue := strings.Cut(strings.TrimLeft(words[i], "-"), "=")
		d := fieldNamed(name)
		if d == nil || !strings.HasPrefix(words[i], "-") {
			return Filter{}, &FilterError{name, fmt.Sprintf("%q is no filter flag", words[i])}
		}
		if !hasValue {
			if i+1 == len(words) {
				return Filter{}, &FilterError{d.Name, "a value is missing"}
			}
			i++
			value = words[i]
		}
		if !choiceOf(d, value) {
			return Filter{}, &FilterError{d.Name, fmt.Sprintf("%q is not a choice of the field", value)}
		}
		f = d.With(f, value)
	}
	if err := f.Validate(); err != nil {
		return Filter{}, err
	}
	return f, nil
}

// fieldNamed is the filter field of a flag name, or nil.
func fieldNamed(name string) *FilterField {
	for _, d := range FilterFields {
		if d.Name == name {
			return d
		}
	}
	return nil
}

// choiceOf reports whether v has the form of a choice of d (the years are
// checked for a single year or fixed period by Validate).
func choiceOf(d *FilterField, v string) bool {
	switch d.Kind {
	case KindYears:
		a, b, isPeriod := strings.Cut(v, "-")
		_, errA := strconv.Atoi(a)
		if !isPeriod {
			return errA == nil
		}
		_, errB := strconv.Atoi(b)
		return errA == nil && errB == nil
	case KindYesNo:
		return v == "yes" || v == "no"
	}
	for _, o := range d.Options(nil) {
		if o == v {
			return true
		}
	}
	return false
}

// FieldOfDimension is the filter field that selects on the dimension of a
// table's rows or columns (its Dimension.Name): a code field's dimension,
// or the intake or closing year for the years (they apply to the closing
// year of closures). ok is false for a dimension no field filters on.
func FieldOfDimension(dim string) (field *FilterField, ok bool) {
	for _, d := range FilterFields {
		switch {
		case d.Kind == KindYears && (dim == DimIntakeYear.Name || dim == DimClosedYear.Name):
			return d, true
		case d.dim != nil && d.dim.Name == dim:
			return d, true
		}
	}
	return nil, false
}
