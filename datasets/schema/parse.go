package schema

import (
	"strings"
	"time"
)

// This file holds the parsing helpers shared by everything that reads a
// case export (the importer, the checker): header normalisation and the
// parsers for the Bool and Month kinds. They accept the spellings German
// and English spreadsheets produce and nothing else.

// NormaliseHeader brings a header into the form the canonical names and
// aliases are written in: surrounding space trimmed, lower case, German
// umlauts and ß transliterated (ä→ae, ö→oe, ü→ue, ß→ss), spaces, hyphens
// and dots replaced by underscores, runs of underscores collapsed and
// leading or trailing underscores removed. "Phänomen-Bereich " becomes
// "phaenomen_bereich", "E-Mail" becomes "e_mail".
func NormaliseHeader(h string) string {
	h = strings.TrimSpace(h)
	var b strings.Builder
	b.Grow(len(h) + 4)
	underscore := false // last byte written was an underscore
	for _, r := range strings.ToLower(h) {
		var s string
		switch r {
		case 'ä':
			s = "ae"
		case 'ö':
			s = "oe"
		case 'ü':
			s = "ue"
		case 'ß':
			s = "ss"
		case ' ', '\t', '-', '_', '.':
			if !underscore && b.Len() > 0 {
				b.WriteByte('_')
				underscore = true
			}
			continue
		default:
			b.WriteRune(r)
			underscore = false
			continue
		}
		b.WriteString(s)
		underscore = false
	}
	return strings.TrimSuffix(b.String(), "_")
}

// headerIndex maps every normalised canonical name and alias to its column.
var headerIndex = func() map[string]Column {
	m := make(map[string]Column)
	for _, c := range Columns {
		m[NormaliseHeader(c.Name)] = c
		for _, a := range c.Aliases {
			m[NormaliseHeader(a)] = c
		}
	}
	return m
}()

// LookupHeader returns the canonical column a header from an export
// stands for, matching the canonical name and the aliases after
// NormaliseHeader ("Bundesland", "bundesland " and "STATE" all give state).
func LookupHeader(header string) (Column, bool) {
	c, ok := headerIndex[NormaliseHeader(header)]
	return c, ok
}

// ParseBool parses a boolean cell: true/false, 1/0, ja/nein, yes/no,
// wahr/falsch, in any case and with surrounding space. An empty cell is
// not a boolean; callers treat it as unknown before calling ParseBool.
func ParseBool(s string) (value, ok bool) {
	s = strings.TrimSpace(s)
	switch len(s) {
	case 1:
		switch s[0] {
		case '1':
			return true, true
		case '0':
			return false, true
		}
		return false, false
	case 2, 3, 4, 5, 6:
	default:
		return false, false
	}
	var buf [6]byte
	for i := 0; i < len(s); i++ {
		c := s[i]
		if 'A' <= c && c <= 'Z' {
			c += 'a' - 'A'
		}
		buf[i] = c
	}
	switch string(buf[:len(s)]) {
	case "true", "ja", "yes", "wahr":
		return true, true
	case "false", "nein", "no", "falsch":
		return false, true
	}
	return false, false
}

// BoolSpellings lists the accepted boolean spellings for error messages.
var BoolSpellings = []string{"true", "false", "1", "0", "ja", "nein", "yes", "no", "wahr", "falsch"}

// Plausible years of a month in an export; anything outside is a typo.
const (
	MinYear = 1990
	MaxYear = 2100
)

// MonthFormats lists the accepted month spellings for error messages.
var MonthFormats = []string{"YYYY-MM", "YYYY-MM-DD", "DD.MM.YYYY", "MM.YYYY"}

// ParseMonth parses a month cell and returns its year and month; a full
// date is cut to its month (after checking that the day exists). Accepted:
//
//	YYYY-MM            2021-03
//	YYYY-MM-DD         2021-03-17, also followed by a time ("2021-03-17 10:00:00",
//	                   "2021-03-17T10:00:00Z"), as spreadsheets and Parquet
//	                   timestamps render it; the time is ignored
//	DD.MM.YYYY         17.03.2021 or 17.3.2021
//	MM.YYYY            03.2021 or 3.2021
//
// The year must lie in MinYear..MaxYear. Surrounding space is ignored.
func ParseMonth(s string) (year int, month time.Month, ok bool) {
	s = strings.TrimSpace(s)
	switch {
	case len(s) >= 7 && s[4] == '-':
		y, ok1 := digits(s[0:4])
		m, ok2 := digits(s[5:7])
		if !ok1 || !ok2 || !validYM(y, m) {
			return 0, 0, false
		}
		if len(s) == 7 {
			return y, time.Month(m), true
		}
		if len(s) < 10 || s[7] != '-' {
			return 0, 0, false
		}
		d, ok3 := digits(s[8:10])
		if !ok3 || !validDay(y, m, d) {
			return 0, 0, false
		}
		if len(s) > 10 && s[10] != ' ' && s[10] != 'T' {
			return 0, 0, false
		}
		return y, time.Month(m), true
	case strings.IndexByte(s, '.') > 0:
		parts := strings.Split(s, ".")
		var d, m, y int
		var okD, okM, okY bool
		switch len(parts) {
		case 3:
			d, okD = shortNumber(parts[0])
			m, okM = shortNumber(parts[1])
			y, okY = year4(parts[2])
			if !okD || !okM || !okY || !validYM(y, m) || !validDay(y, m, d) {
				return 0, 0, false
			}
		case 2:
			m, okM = shortNumber(parts[0])
			y, okY = year4(parts[1])
			if !okM || !okY || !validYM(y, m) {
				return 0, 0, false
			}
		default:
			return 0, 0, false
		}
		return y, time.Month(m), true
	}
	return 0, 0, false
}

// digits parses a string of ASCII digits only.
func digits(s string) (int, bool) {
	if s == "" {
		return 0, false
	}
	n := 0
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c < '0' || c > '9' {
			return 0, false
		}
		n = n*10 + int(c-'0')
	}
	return n, true
}

// shortNumber parses a day or month of one or two digits.
func shortNumber(s string) (int, bool) {
	if len(s) < 1 || len(s) > 2 {
		return 0, false
	}
	return digits(s)
}

// year4 parses a four-digit year, optionally followed by a time.
func year4(s string) (int, bool) {
	if i := strings.IndexByte(s, ' '); i > 0 {
		s = s[:i]
	}
	if len(s) != 4 {
		return 0, false
	}
	return digits(s)
}

func validYM(y, m int) bool {
	return y >= MinYear && y <= MaxYear && m >= 1 && m <= 12
}

func validDay(y, m, d int) bool {
	if d < 1 {
		return false
	}
	// The day after the last of month m is the first of m+1.
	last := time.Date(y, time.Month(m)+1, 0, 0, 0, 0, 0, time.UTC).Day()
	return d <= last
}
