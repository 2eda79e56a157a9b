package sdc

import (
	"fmt"
	"math"
	"strings"
	"testing"
)

func TestDefaultParams(t *testing.T) {
	p := DefaultParams()
	if p != (Params{D: 2, V: 1, K: 5}) {
		t.Fatalf("DefaultParams() = %+v", p)
	}
	if err := p.Validate(); err != nil {
		t.Fatalf("defaults invalid: %v", err)
	}
}

func TestValidate(t *testing.T) {
	tests := []struct {
		name string
		p    Params
		want []string // substrings of the error; nil means valid
	}{
		{"defaults", Params{D: 2, V: 1, K: 5}, nil},
		{"k 3", Params{D: 2, V: 1, K: 3}, nil},
		{"k raised", Params{D: 2, V: 1, K: 100}, nil},
		{"D 1", Params{D: 1, V: 0.5, K: 3}, nil},
		{"V just below D²", Params{D: 3, V: 8.999, K: 5}, nil},
		{"D limit", Params{D: MaxDeviationLimit, V: 1, K: 5}, nil},
		{"k 2", Params{D: 2, V: 1, K: 2}, []string{"k must be at least 3"}},
		{"k 0", Params{D: 2, V: 1, K: 0}, []string{"k must be at least 3"}},
		{"k negative", Params{D: 2, V: 1, K: -5}, []string{"k must be at least 3"}},
		{"D 0", Params{D: 0, V: 1, K: 5}, []string{"max_deviation must be at least 1"}},
		{"D negative", Params{D: -2, V: 1, K: 5}, []string{"max_deviation must be at least 1"}},
		{"D too large", Params{D: MaxDeviationLimit + 1, V: 1, K: 5}, []string{"max_deviation must be at most"}},
		{"V 0", Params{D: 2, V: 0, K: 5}, []string{"variance must be positive"}},
		{"V negative", Params{D: 2, V: -1, K: 5}, []string{"variance must be positive"}},
		{"V NaN", Params{D: 2, V: math.NaN(), K: 5}, []string{"finite"}},
		{"V Inf", Params{D: 2, V: math.Inf(1), K: 5}, []string{"finite"}},
		{"V = D²", Params{D: 2, V: 4, K: 5}, []string{"not attainable", "below 4"}},
		{"V > D²", Params{D: 1, V: 1.5, K: 5}, []string{"not attainable", "below 1"}},
		{"all wrong", Params{D: 0, V: 0, K: 1}, []string{"k must be", "max_deviation must", "variance must"}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			err := tc.p.Validate()
			if tc.want == nil {
				if err != nil {
					t.Fatalf("Validate() = %v, want nil", err)
				}
				return
			}
			if err == nil {
				t.Fatalf("Validate() = nil, want error containing %q", tc.want)
			}
			for _, w := range tc.want {
				if !strings.Contains(err.Error(), w) {
					t.Errorf("Validate() = %q, want it to contain %q", err, w)
				}
			}
			if _, terr := NewTable(tc.p); terr == nil {
				t.Errorf("NewTable accepted invalid params")
			}
		})
	}
}

// TestStringHidesD checks that no formatting of Params or Table reveals D
// (or V): the UI may print them.
func TestStringHidesD(t *testing.T) {
	p := Params{D: 7, V: 3.25, K: 11}
	tb, err := NewTable(p)
	if err != nil {
		t.Fatal(err)
	}
	for _, verb := range []string{"%v", "%+v", "%#v", "%s"} {
		for _, x := range []any{p, &p, tb} {
			s := fmt.Sprintf(verb, x)
			if strings.Contains(s, "7") || strings.Contains(s, "3.25") {
				t.Errorf("Sprintf(%q, %T) = %q reveals D or V", verb, x, s)
			}
			if !strings.Contains(s, "11") {
				t.Errorf("Sprintf(%q, %T) = %q does not state k", verb, x, s)
			}
		}
	}
}
