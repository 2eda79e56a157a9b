package sshserver

import (
	"fmt"
	"strings"
	"unicode"
	"unicode/utf8"
)

// Values a client chooses (the user name of a login, TERM, a command as
// typed, a request type) reach the server log and the audit log, for
// clients that never logged in too. Each is bounded before it is written
// (issue #17, item 5: a 200 kB user name used to make a 200 kB log line)
// and made safe to read in a terminal: control and format characters
// (C0 but tab and newline, DEL, C1, bidirectional overrides, zero-width
// characters) and invalid UTF-8 appear escaped, never raw.

// Bounds of a logged value in bytes: most fields are a name or a word; a
// command line and an SQL statement are what an analyst typed.
const (
	logFieldLimit   = 1024
	logCommandLimit = 2000
	logSQLLimit     = 100_000
	// logListLimit bounds the elements of a logged list (a command's flags).
	logListLimit = 64
)

// fieldLimit is the bound of the audit field name.
func fieldLimit(name string) int {
	switch name {
	case "sql":
		return logSQLLimit
	case "command", "args":
		return logCommandLimit
	}
	return logFieldLimit
}

// logSafe returns s with control and format characters escaped, cut to
// about limit bytes; a cut value ends with how many bytes were left out.
func logSafe(s string, limit int) string {
	var b strings.Builder
	for i := 0; i < len(s); {
		if b.Len() >= limit {
			fmt.Fprintf(&b, "…[%d more bytes]", len(s)-i)
			break
		}
		r, size := utf8.DecodeRuneInString(s[i:])
		switch {
		case r == utf8.RuneError && size == 1:
			fmt.Fprintf(&b, `\x%02x`, s[i])
		case r == '\t' || r == '\n':
			b.WriteRune(r)
		case r < 0x20 || r == 0x7f:
			fmt.Fprintf(&b, `\x%02x`, r)
		case (r >= 0x80 && r <= 0x9f) || unicode.Is(unicode.Cf, r) || r == 0x2028 || r == 0x2029:
			fmt.Fprintf(&b, `\u%04x`, r)
		default:
			b.WriteString(s[i : i+size])
		}
		i += size
	}
	return b.String()
}

// boundValue bounds the strings in an audit field's value (strings, lists
// and maps of them); other values pass unchanged.
func boundValue(v any, limit int) any {
	switch x := v.(type) {
	case string:
		return logSafe(x, limit)
	case []string:
		out := make([]string, 0, min(len(x), logListLimit+1))
		for i, e := range x {
			if i == logListLimit {
				out = append(out, fmt.Sprintf("…[%d more]", len(x)-i))
				break
			}
			out = append(out, logSafe(e, limit))
		}
		return out
	case []any:
		out := make([]any, 0, min(len(x), logListLimit+1))
		for i, e := range x {
			if i == logListLimit {
				out = append(out, fmt.Sprintf("…[%d more]", len(x)-i))
				break
			}
			out = append(out, boundValue(e, limit))
		}
		return out
	case map[string]any:
		out := make(map[string]any, len(x))
		for k, e := range x {
			out[logSafe(k, logFieldLimit)] = boundValue(e, limit)
		}
		return out
	}
	return v
}
