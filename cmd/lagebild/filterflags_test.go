package main

import (
	"flag"
	"io"
	"strings"
	"testing"
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
		{nil, "y=0-0;p=;s=;r=;a=;b=;c=;m=", ""},
		{[]string{"--years", "2019-2024", "--phenomenon", "islamist,right_wing"}, "y=2019-2024;p=islamist,right_wing;s=;r=;a=;b=;c=;m=", ""},
		{[]string{"--years", "2020"}, "y=2020-2020;p=;s=;r=;a=;b=;c=;m=", ""},
		{[]string{"--years", "2020-"}, "y=2020-0;p=;s=;r=;a=;b=;c=;m=", ""},
		{[]string{"--state", "DE-BY", "--risk", "high_risk", "--access-route", "self", "--multi-agency", "yes", "--custody", "no"},
			"y=0-0;p=;s=DE-BY;r=high_risk;a=self;b=;c=false;m=true", ""},
		{[]string{"--years", "2024-2019"}, "", "first year is after the last"},
		{[]string{"--years", "abc"}, "", "--years"},
		{[]string{"--phenomenon", "rightwing"}, "", "allowed: right_wing"},
		{[]string{"--state", "BY"}, "", "DE-BW"},
		{[]string{"--custody", "maybe"}, "", "yes or no"},
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
