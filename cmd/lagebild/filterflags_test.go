package main

import (
	"flag"
	"io"
	"strings"
	"testing"

	"lagebild/queries"
)

func TestFilterFlags(t *testing.T) {
	parse := func(args ...string) (string, error) {
		fs := flag.NewFlagSet("x", flag.ContinueOnError)
		fs.SetOutput(io.Discard)
		ff := addFilterFlags(fs)
		if err := fs.Parse(args); err != nil {
			return "", err
		}
		f, err := ff.Filter()
		if err != nil {
			return "", err
		}
		return f.Key(), nil
	}
	for _, tc := range []struct {
		args []string
		key  string
		err  string
	}{
		{nil, "y=0-0;p=;s=;r=;a=;b=;c=;m=;e=;i=", ""},
		{[]string{"--years", "2020-2022", "--phenomenon", "islamist"}, "y=2020-2022;p=islamist;s=;r=;a=;b=;c=;m=;e=;i=", ""},
		{[]string{"--years", "2020"}, "y=2020-2020;p=;s=;r=;a=;b=;c=;m=;e=;i=", ""},
		{[]string{"--age-band", "minors"}, "y=0-0;p=;s=;r=;a=;b=14_17,under_14;c=;m=;e=;i=", ""},
		// The bounded filter space (docs/privacy.md): no free year ranges,
		// no several codes at once.
		{[]string{"--years", "2020-"}, "", "not a single year or a fixed 3-year period"},
		{[]string{"--years", "2019-2024"}, "", "e.g. 2017-2019, 2020-2022, 2023-2025"},
		{[]string{"--years", "2014-2023"}, "", "--years"},
		{[]string{"--phenomenon", "islamist,right_wing"}, "", "--phenomenon: one code or all"},
		{[]string{"--state", "DE-BE,DE-BY"}, "", "--state: one code or all"},
		{[]string{"--age-band", "under_14,18_20"}, "", "fixed groups: minors, adults"},
		{[]string{"--state", "DE-BY", "--risk", "high_risk", "--access-route", "self", "--multi-agency", "yes", "--custody", "no"},
			"y=0-0;p=;s=DE-BY;r=high_risk;a=self;b=;c=false;m=true;e=;i=", ""},
		{[]string{"--years", "2024-2019"}, "", "first year is after the last"},
		{[]string{"--years", "abc"}, "", "--years"},
		{[]string{"--phenomenon", "rightwing"}, "", "allowed: right_wing"},
		{[]string{"--state", "XY"}, "", "DE-BW"},
		// the state as the TUI shows it is the state code
		{[]string{"--state", "BY"}, "y=0-0;p=;s=DE-BY;r=;a=;b=;c=;m=;e=;i=", ""},
		{[]string{"--custody", "maybe"}, "", "yes or no"},
		{[]string{"--returnee", "yes", "--intrinsic", "no"}, "y=0-0;p=;s=;r=;a=;b=;c=;m=;e=true;i=false", ""},
		{[]string{"--intrinsic", "perhaps"}, "", "yes or no"},
	} {
		key, err := parse(tc.args...)
		if tc.err != "" {
			if err == nil || !strings.Contains(err.Error(), tc.err) {
				t.Errorf("%v: err %v, want containing %q", tc.args, err, tc.err)
			}
			continue
		}
		if err != nil || key != tc.key {
			t.Errorf("%v: got %q, %v; want %q", tc.args, key, err, tc.key)
		}
	}
}

// TestFilterFlagsEveryField: every row of queries.FilterFields has its
// flag, and every choice of the field given as the flag's value gives the
// filter the field's descriptor makes of it.
func TestFilterFlagsEveryField(t *testing.T) {
	fs := flag.NewFlagSet("x", flag.ContinueOnError)
	addFilterFlags(fs)
	for _, d := range queries.FilterFields {
		fl := fs.Lookup(d.Name)
		if fl == nil || fl.Usage != d.Usage {
			t.Errorf("--%s: flag %+v", d.Name, fl)
			continue
		}
		for _, opt := range d.Options([]int{2019, 2020, 2021, 2022}) {
			fs := flag.NewFlagSet("x", flag.ContinueOnError)
			ff := addFilterFlags(fs)
			if err := fs.Parse([]string{"--" + d.Name, opt}); err != nil {
				t.Fatal(err)
			}
			got, err := ff.Filter()
			if want := d.With(queries.Filter{}, opt); err != nil || got.Key() != want.Key() {
				t.Errorf("--%s %s: %s, %v; want %s", d.Name, opt, got.Key(), err, want.Key())
			}
		}
	}
}
