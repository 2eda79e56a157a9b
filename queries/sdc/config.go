package sdc

import (
	"bufio"
	"fmt"
	"io"
	"os"
	"strconv"
	"strings"
)

// LoadConfig reads the operator's disclosure-control configuration from
// path and returns the validated parameters.
//
// The file consists of "key = value" lines. Recognised keys are
//
//	max_deviation = 2   # D, an integer
//	variance      = 1   # V, a number
//	k             = 5   # threshold, an integer >= 3
//
// Everything from '#' to the end of a line is a comment; blank lines are
// ignored. Keys that are not set keep their DefaultParams value. An unknown
// or repeated key, a line without '=', or a value that does not parse is an
// error naming file:line. The result is checked with Params.Validate.
func LoadConfig(path string) (Params, error) {
	f, err := os.Open(path)
	if err != nil {
		return Params{}, fmt.Errorf("disclosure-control config: %w", err)
	}
	defer f.Close()
	return parseConfig(f, path)
}

// parseConfig implements LoadConfig on an open reader; name is used in
// error messages.
func parseConfig(r io.Reader, name string) (Params, error) {
	p := DefaultParams()
	seen := map[string]int{}
	sc := bufio.NewScanner(r)
	line := 0
	for sc.Scan() {
		line++
		text := sc.Text()
		if line == 1 {
			text = strings.TrimPrefix(text, "\uFEFF")
		}
		if i := strings.IndexByte(text, '#'); i >= 0 {
			text = text[:i]
		}
		text = strings.TrimSpace(text)
		if text == "" {
			continue
		}
		key, value, ok := strings.Cut(text, "=")
		if !ok {
			return Params{}, fmt.Errorf("%s:%d: expected key = value, got %q", name, line, text)
		}
		key = strings.TrimSpace(key)
		value = strings.TrimSpace(value)
		if prev, dup := seen[key]; dup {
			return Params{}, fmt.Errorf("%s:%d: %s already set on line %d", name, line, key, prev)
		}
		if value == "" {
			return Params{}, fmt.Errorf("%s:%d: %s has no value", name, line, key)
		}
		var err error
		switch key {
		case "max_deviation":
			p.D, err = strconv.Atoi(value)
		case "variance":
			p.V, err = strconv.ParseFloat(value, 64)
		case "k":
			p.K, err = strconv.Atoi(value)
		default:
			return Params{}, fmt.Errorf("%s:%d: unknown key %q (known: max_deviation, variance, k)", name, line, key)
		}
		if err != nil {
			return Params{}, fmt.Errorf("%s:%d: %s: invalid value %q", name, line, key, value)
		}
		seen[key] = line
	}
	if err := sc.Err(); err != nil {
		return Params{}, fmt.Errorf("%s: %w", name, err)
	}
	if err := p.Validate(); err != nil {
		return Params{}, fmt.Errorf("%s: %w", name, err)
	}
	return p, nil
}
