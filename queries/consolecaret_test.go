package queries

import (
	"context"
	"errors"
	"strings"
	"testing"
)

// A syntax error keeps DuckDB's place: the statement's line and a caret
// under the token the parser stopped at, on the second line of a
// two-line statement too.
func TestConsoleSyntaxErrorKeepsTheCaret(t *testing.T) {
	s := openCases(t, randomCases(3, 20), nil)
	for _, tc := range []struct{ query, line, at string }{
		{"SELECT * FORM cases", "LINE 1: SELECT * FORM cases", "cases"},
		{"SELECT state,\n count(*) FROM cases GRUP BY 1", "LINE 2:  count(*) FROM cases GRUP BY 1", "BY"},
	} {
		_, err := s.Console(context.Background(), tc.query, ConsoleLimits{})
		var iq *InvalidQueryError
		if !errors.As(err, &iq) {
			t.Fatalf("%q: err %v, want an invalid query", tc.query, err)
		}
		lines := strings.Split(err.Error(), "\n")
		if !strings.Contains(lines[0], "syntax error at or near") {
			t.Errorf("%q: first line %q", tc.query, lines[0])
		}
		at := -1
		for i, l := range lines {
			if l == tc.line {
				at = i
			}
		}
		if at < 0 || at+1 >= len(lines) {
			t.Fatalf("%q: no %q followed by a caret in\n%s", tc.query, tc.line, err)
		}
		if got, want := strings.Index(lines[at+1], "^"), strings.LastIndex(tc.line, tc.at); got != want || strings.TrimSpace(lines[at+1]) != "^" {
			t.Errorf("%q: caret at column %d, the token at %d:\n%s\n%s", tc.query, got, want, lines[at], lines[at+1])
		}
	}
}
