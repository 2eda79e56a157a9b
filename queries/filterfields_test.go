package queries

import (
	"context"
	"errors"
	"reflect"
	"slices"
	"strconv"
	"strings"
	"testing"
)

// TestFilterFieldsCoverFilter: every field of Filter is reached by a row
// of FilterFields, so a field added to Filter without its row fails here.
func TestFilterFieldsCoverFilter(t *testing.T) {
	typ := reflect.TypeFor[Filter]()
	for i := range typ.NumField() {
		var f Filter
		v := reflect.ValueOf(&f).Elem().Field(i)
		switch v.Kind() {
		case reflect.Int:
			v.SetInt(2020)
		case reflect.Slice:
			v.Set(reflect.ValueOf([]string{"x"}))
		case reflect.Pointer:
			v.Set(reflect.New(v.Type().Elem()))
		default:
			t.Fatalf("Filter.%s: a kind of field this test does not know", typ.Field(i).Name)
		}
		if !slices.ContainsFunc(FilterFields, func(d *FilterField) bool { return d.IsSet(f) }) {
			t.Errorf("Filter.%s is set by no row of FilterFields", typ.Field(i).Name)
		}
		if f.IsZero() || f.Key() == (Filter{}).Key() {
			t.Errorf("Filter.%s set: IsZero %v, key %s", typ.Field(i).Name, f.IsZero(), f.Key())
		}
	}
}

// TestEveryFilterField follows every choice of every row of FilterFields
// through Validate, Selected, the key and the SQL predicate on a store
// filled by the real importer: the records a choice selects are exactly
// those whose column holds the chosen value(s), as a grouping by the
// column (no predicate) counts them, by count and by the sum of their
// record keys.
func TestEveryFilterField(t *testing.T) {
	s, _ := openExport(t, 4000, 12)
	ctx := context.Background()
	group := func(f Filter, dim Dimension) map[string]exactCell {
		t.Helper()
		rows, err := s.aggregate(ctx, aggSpec{dims: []Dimension{dim}, year: yearIntake, base: baseAll}, f)
		if err != nil {
			t.Fatal(err)
		}
		out := map[string]exactCell{}
		for _, r := range rows {
			out[r.keys[0]] = sumCells(out[r.keys[0]], r.c)
		}
		return out
	}
	var years []int
	for y := range group(Filter{}, DimIntakeYear) {
		n, err := strconv.Atoi(y)
		if err != nil {
			t.Fatal(err)
		}
		years = append(years, n)
	}
	slices.Sort(years)

	keys := map[string]string{(Filter{}).Key(): "the zero filter"}
	for _, d := range FilterFields {
		// dim groups the records by the field's column; values are the
		// column values a choice selects.
		var dim Dimension
		values := func(opt string) []string { return []string{opt} }
		switch d.Kind {
		case KindYears:
			dim = DimIntakeYear
			values = func(opt string) []string {
				f := d.With(Filter{}, opt)
				return yearLabels(f.FromYear, f.ToYear)
			}
		case KindYesNo:
			dim = boolDim(d.Column)
		default:
			dim = codeDim(d.Column, d.Codes, false)
			values = func(opt string) []string {
				if g, ok := d.Groups[opt]; ok {
					return g
				}
				return []string{opt}
			}
		}
		byValue := group(Filter{}, dim)
		opts := d.Options(years)
		if len(opts) < 2 {
			t.Fatalf("%s: options %v", d.Name, opts)
		}
		for _, opt := range opts {
			f := d.With(Filter{}, opt)
			if err := f.Validate(); err != nil {
				t.Errorf("%s %q: %v", d.Name, opt, err)
			}
			if got := d.Selected(f); got != opt {
				t.Errorf("%s: chose %q, selected %q", d.Name, opt, got)
			}
			for _, e := range FilterFields {
				if e.IsSet(f) != (e == d) {
					t.Errorf("%s %q: field %s set = %v", d.Name, opt, e.Name, e.IsSet(f))
				}
			}
			if prev, ok := keys[f.Key()]; ok {
				t.Errorf("%s %q: key %s is also the key of %s", d.Name, opt, f.Key(), prev)
			}
			keys[f.Key()] = d.Name + " " + opt
			var want exactCell
			for _, v := range values(opt) {
				want = sumCells(want, byValue[v])
			}
			got := group(f, DimAll)[All]
			if got != want || want.n == 0 {
				t.Errorf("%s %q: the predicate selects %+v, the column holds %+v", d.Name, opt, got, want)
			}
			if g := d.With(f, ""); !g.IsZero() {
				t.Errorf("%s %q: cleared, the filter is %s", d.Name, opt, g.Key())
			}
		}
		// What Validate refuses, named by the field.
		var refused []Filter
		switch d.Kind {
		case KindYears:
			refused = []Filter{d.With(Filter{}, "2020-2021"), d.With(Filter{}, "2019-")}
		case KindCode, KindCodeOrGroup:
			refused = []Filter{d.WithCodes(Filter{}, []string{"no-such-code"}),
				d.WithCodes(Filter{}, []string{d.Codes[0], d.Codes[len(d.Codes)-1]})}
		}
		for _, f := range refused {
			var fe *FilterError
			if err := f.Validate(); !errors.As(err, &fe) || fe.Field != d.Name {
				t.Errorf("%s: %s validates as %v", d.Name, f.Key(), err)
			}
		}
	}
}

// TestFilterSummary: the summary names the set fields in the order of
// FilterFields, joined by "; ".
func TestFilterSummary(t *testing.T) {
	var f Filter
	var want []string
	for _, d := range FilterFields {
		opt := d.Options([]int{2020, 2021, 2022})[0]
		f = d.With(f, opt)
		want = append(want, d.Name+"="+opt)
	}
	phrase := func(d *FilterField, choice string) string { return d.Name + "=" + choice }
	if got := f.Summary("none", phrase); got != strings.Join(want, "; ") {
		t.Errorf("Summary = %q, want %q", got, strings.Join(want, "; "))
	}
	if got := (Filter{}).Summary("none", phrase); got != "none" {
		t.Errorf("zero Summary = %q", got)
	}
}
